"""numbering — heading numbers: consecutive, restarting under each parent, levels in order, and
written in the standard form.

Options:
- `sequence_status` (default fail): a number skipped or repeated among siblings (一、二、四;
  （一）（一）), or a list that does not start at 1.
- `level_status` (default weak): a heading more than one level below its parent (1. directly
  under 一、), or a sub-level heading before any level-1 heading.
- `form_status` (default weak): a number not in the standard form of its level ("(一)" with
  half-width brackets, "一." or "1、"); the message names the standard form (from
  rules/structure.yaml).
- `max_locations` (default 5).
The worst finding sets the status; every finding is listed, the first `max_locations` located.
"""

from __future__ import annotations

from checker.context import Context
from checker.kinds import listed
from checker.model import Outcome, Rule
from checker.numerals import int_to_chinese
from checker.structure import Heading

_STATUS = {"enum": ["fail", "weak"]}
OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"sequence_status": _STATUS, "level_status": _STATUS, "form_status": _STATUS,
                   "max_locations": {"type": "integer", "minimum": 1}},
}
_RANK = {"pass": 0, "weak": 1, "fail": 2}


def _label(heading: Heading, number: int | None = None) -> str:
    number = heading.number if number is None else number
    if number is None:
        return heading.marker
    digits = str(number) if heading.level >= 3 else int_to_chinese(number)
    return heading.example.replace("1" if heading.level >= 3 else "一", digits, 1)


def _sequence(siblings: list[Heading]) -> list[tuple[Heading, str]]:
    found = []
    expected = 1
    for heading in siblings:
        if heading.number is None:
            continue
        if heading.number != expected:
            what = "重复" if heading.number < expected else "跳号"
            found.append((heading, f"{what}：“{heading.marker}”处应为“{_label(heading, expected)}”"))
        expected = heading.number + 1
    return found


def _groups(ctx: Context):
    """Sibling lists: the top level, and the children of each heading, split by level."""
    yield None, ctx.structure.tree
    for heading in ctx.structure.headings:
        yield heading, heading.children


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    options = rule.options
    findings: list[tuple[str, Heading, str]] = []
    for parent, children in _groups(ctx):
        for level in sorted({h.level for h in children}):
            same = [h for h in children if h.level == level]
            findings += [(options.get("sequence_status", "fail"), h, text) for h, text in _sequence(same)]
        for heading in children:
            parent_level = parent.level if parent else 0
            if heading.level > parent_level + 1 and heading.marker:
                where = f"“{parent.marker}”" if parent else "文首"
                findings.append((options.get("level_status", "weak"), heading,
                                 f"层级跳跃：{where}之下直接出现第{heading.level}级“{heading.marker}”"))
    for heading in ctx.structure.headings:
        if heading.marker and not heading.standard:
            findings.append((options.get("form_status", "weak"), heading,
                             f"序号“{heading.marker}”应写为“{_label(heading)}”"))
    findings.sort(key=lambda f: f[1].line)
    status = max((f[0] for f in findings), key=_RANK.get, default="pass")
    return listed(ctx, [(h.line, text) for _, h, text in findings], status, options.get("max_locations", 5))
