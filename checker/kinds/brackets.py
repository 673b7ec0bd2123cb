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

import re
from functools import lru_cache

from checker import regexes
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


@lru_cache(maxsize=16)
def _tables(pairs: tuple[str, ...]) -> tuple[dict, dict, re.Pattern]:
    """Opening → closing, closing → opening, and a pattern of the marks: the scan visits only
    those, not every character (nor every line end: see `_problems`). A line end is never a mark,
    even in a pair: it ends a line first."""
    opening = {pair[0]: pair[1] for pair in pairs}
    closing = {pair[1]: pair[0] for pair in pairs}
    chars = "".join(dict.fromkeys("".join(pairs))).replace("\n", "")
    marks = regexes.compile(f"[{re.escape(chars)}]" if chars else "(?!)")
    return opening, closing, marks


def _problems(text: str, pairs: list[str]) -> list[tuple[int, str]]:
    """(offset, description) of each unbalanced or wrongly nested mark, paragraph by paragraph.
    A line end closes the paragraph unless a mark is open and the next line closes it (before
    opening it again): then the paragraph goes on, its marks still open. A line end with no mark
    open changes nothing, so line ends are looked at only while one is (`_line_ends`)."""
    if _each_line_balanced(text, tuple(pairs)):  # most reports: nothing to find
        return []
    opening, closing, marks = _tables(tuple(pairs))
    stack: list[tuple[str, int]] = []
    problems: list[tuple[int, str]] = []
    after_mark = 0
    for found in marks.finditer(text):
        offset, char = found.start(), found.group()
        if stack:
            _line_ends(text, after_mark, offset, stack, opening, problems)
        after_mark = offset + 1
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
    if stack:
        _line_ends(text, after_mark, len(text), stack, opening, problems)
    problems += _left_open(stack, opening)
    return sorted(problems)


@lru_cache(maxsize=16)
def _reduction(pairs: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern] | None:
    """A pattern of the marks and line ends, and one of a pair's two marks side by side; None
    unless the pairs are plain brackets: each mark in one pair and one role (no “"”, no line end)."""
    openings, closings = [pair[0] for pair in pairs], [pair[1] for pair in pairs]
    marks = set(openings) | set(closings)
    if "\n" in marks or len(marks) != 2 * len(pairs):
        return None
    return (regexes.compile(f"[{re.escape(''.join(sorted(marks)))}\n]"),
            regexes.compile("|".join(re.escape(pair) for pair in pairs)))


def _each_line_balanced(text: str, pairs: tuple[str, ...]) -> bool:
    """Every line's marks nest and close within the line: what is left once pairs side by side
    (text between them set aside) are taken out again and again is line ends only. Then, with
    plain brackets, `_problems` finds nothing: each line starts and ends with no mark open."""
    tables = _reduction(pairs)
    if tables is None:
        return False
    marks, pair = tables
    left, removed = "".join(marks.findall(text)), 1
    while removed:
        left, removed = pair.subn("", left)
    return not left.strip("\n")


def _line_ends(text: str, start: int, end: int, stack: list, opening: dict, problems: list) -> None:
    """The line ends in text[start:end] (no mark among them), in order, the stack open."""
    while stack:
        line_end = text.find("\n", start, end)
        if line_end < 0:
            return
        if not _next_line_closes(text, line_end + 1, stack, opening):
            problems += _left_open(stack, opening)
            stack.clear()
        start = line_end + 1


def _left_open(stack: list[tuple[str, int]], opening: dict) -> list[tuple[int, str]]:
    return [(at, f"“{mark}”没有对应的“{opening[mark]}”") for mark, at in stack]


def _next_line_closes(text: str, start: int, stack: list[tuple[str, int]], opening: dict) -> bool:
    end = text.find("\n", start)
    line = text[start:] if end < 0 else text[start:end]
    return any(opening[mark] in line.split(mark, 1)[0] for mark, _ in stack)


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    pairs = rule.options["pairs"]
    span = ctx.doc.span(ctx.structure.content)
    findings = [(span.line_at(offset), text) for offset, text in _problems(span.text, pairs)]
    return listed(ctx, findings, rule.options.get("status", "fail"), rule.options.get("max_locations", 5))
