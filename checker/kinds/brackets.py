"""brackets — paired punctuation is balanced and properly nested within each paragraph.

Options:
- `pairs`: list of two-character strings, opening then closing (《》, 〈〉, （）, “”, ‘’, 【】).
  Half-width brackets are compared after normalisation, so "(" closes with "）".
- `status` (default fail), `max_locations` (default 5).
A paragraph that a hard wrap splits over several lines is checked as one. Where the wrap was not
recognised (a short PDF line, an indented continuation), a line that leaves a mark open is
joined with the following line when that one closes it: pairs are matched over the paragraph,
not the physical line.
"""

from __future__ import annotations

from checker.context import Context
from checker.kinds import listed
from checker.model import Outcome, Rule

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["pairs"],
    "properties": {
        "pairs": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 2, "maxLength": 2}},
        "status": {"enum": ["fail", "weak"]},
        "max_locations": {"type": "integer", "minimum": 1},
    },
}


def _problems(text: str, pairs: list[str]) -> list[tuple[int, str]]:
    """(offset, description) of each unbalanced or wrongly nested mark in one paragraph."""
    opening = {pair[0]: pair[1] for pair in pairs}
    closing = {pair[1]: pair[0] for pair in pairs}
    stack: list[tuple[str, int]] = []
    problems = []
    for offset, char in enumerate(text):
        if char in opening and not (char in closing and stack and stack[-1][0] == char):
            stack.append((char, offset))
        elif char in closing:
            if stack and stack[-1][0] == closing[char]:
                stack.pop()
            elif any(mark == closing[char] for mark, _ in stack):
                mark, at = stack.pop()
                problems.append((offset, f"“{mark}”与“{char}”交叉嵌套"))
                while stack and stack[-1][0] != closing[char]:
                    stack.pop()
                if stack:
                    stack.pop()
            else:
                problems.append((offset, f"多出一个“{char}”"))
    problems += [(at, f"“{mark}”没有对应的“{opening[mark]}”") for mark, at in stack]
    return sorted(problems)


def _paragraphs(text: str, pairs: list[str]) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph: lines, joined where one leaves a mark open that the next closes."""
    closing = {pair[0]: pair[1] for pair in pairs}
    lines = text.split("\n")
    result: list[tuple[int, str]] = []
    offset = 0
    for line in lines:
        if result:
            start, previous = result[-1]
            still_open = [m for m in _unclosed(previous, pairs)]
            if still_open and any(closing[m] in line.split(m, 1)[0] for m in still_open):
                result[-1] = (start, previous + "\n" + line)
                offset += len(line) + 1
                continue
        result.append((offset, line))
        offset += len(line) + 1
    return result


def _unclosed(text: str, pairs: list[str]) -> list[str]:
    """Opening marks left open at the end of the text."""
    opening = {pair[0]: pair[1] for pair in pairs}
    return [text[at] for at, description in _problems(text, pairs)
            if text[at] in opening and description == f"“{text[at]}”没有对应的“{opening[text[at]]}”"]


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    pairs = rule.options["pairs"]
    span = ctx.doc.span(ctx.structure.content)
    findings = []
    for start, paragraph in _paragraphs(span.text, pairs):
        findings += [(span.line_at(start + offset), text) for offset, text in _problems(paragraph, pairs)]
    return listed(ctx, findings, rule.options.get("status", "fail"), rule.options.get("max_locations", 5))
