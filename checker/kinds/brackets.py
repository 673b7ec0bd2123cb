"""brackets — paired punctuation is balanced and properly nested within each paragraph.

Options:
- `pairs`: list of two-character strings, opening then closing (《》, 〈〉, （）, “”, ‘’, 【】).
  Half-width brackets are compared after normalisation, so "(" closes with "）".
- `status` (default fail), `max_locations` (default 5).
A paragraph that a hard wrap splits over several lines is checked as one.
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


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    pairs = rule.options["pairs"]
    span = ctx.doc.span(ctx.structure.content)
    findings = []
    start = 0
    for paragraph in span.text.split("\n"):
        findings += [(span.line_at(start + offset), text) for offset, text in _problems(paragraph, pairs)]
        start += len(paragraph) + 1
    return listed(ctx, findings, rule.options.get("status", "fail"), rule.options.get("max_locations", 5))
