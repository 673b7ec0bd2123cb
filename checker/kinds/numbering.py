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
- `continuous_status` (default weak) and `continuous_severity` (default info): numbering that
  runs on across parents (1. 2. under （一）, 3. under （二）) is a deliberate style, not a skipped
  number: a list whose first number continues the previous list of the same level is reported
  with this status at this milder severity (供参考), and only when nothing else is wrong with the
  numbering (then the other findings are listed, at the rule's severity).
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
                   "continuous_status": _STATUS, "continuous_severity": {"enum": ["error", "warning", "info"]},
                   "max_locations": {"type": "integer", "minimum": 1}},
}
_RANK = {"pass": 0, "weak": 1, "fail": 2}


def _label(heading: Heading, number: int | None = None) -> str:
    number = heading.number if number is None else number
    if number is None:
        return heading.marker
    digits = str(number) if heading.level >= 3 else int_to_chinese(number)
    return heading.example.replace("1" if heading.level >= 3 else "一", digits, 1)


def _sequence(siblings: list[Heading], expected: int = 1) -> list[tuple[Heading, str]]:
    found = []
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
    continuous: list[tuple[str, Heading, str]] = []
    last: dict[int, int] = {}  # level → last number of the previous list of that level
    for parent, children in _groups(ctx):
        if not children:  # most headings have none: nothing to number
            continue
        for level in sorted({h.level for h in children}):
            same = [h for h in children if h.level == level and h.number is not None]
            if not same:
                continue
            first = same[0]
            if parent is not None and first.number != 1 and last.get(level) is not None and first.number == last[level] + 1:
                continuous.append((options.get("continuous_status", "weak"), first,
                                   f"连续编号：“{first.marker}”接续上一部分的编号（全文连续编号是一种写法，也可在各部分内从“{_label(first, 1)}”重新编号）"))
                findings += [(options.get("sequence_status", "fail"), h, text) for h, text in _sequence(same, first.number)]
            else:
                findings += [(options.get("sequence_status", "fail"), h, text) for h, text in _sequence(same)]
            last[level] = same[-1].number
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
    only_style = bool(continuous) and not findings
    if only_style:  # a style note only when nothing else is wrong: it never raises another finding's level
        findings = continuous
    findings.sort(key=lambda f: f[1].line)
    status = max((f[0] for f in findings), key=_RANK.get, default="pass")
    outcome = listed(ctx, [(h.line, text) for _, h, text in findings], status, options.get("max_locations", 5))
    if only_style:
        outcome.severity = options.get("continuous_severity", "info")
    return outcome
