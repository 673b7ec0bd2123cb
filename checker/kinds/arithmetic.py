"""arithmetic — figures that state their own relation must agree.

Two explicit relations, each within one paragraph:
- a count, a subset acted on, and its rate: "排查矛盾纠纷36件，已化解34件，化解率94.44%" —
  the subset's count is preceded (within `verb_window` characters) by one of `subset_verbs`,
  the rate (…率 / 占 …%) follows within `rate_window` characters. The rate must equal
  subset ÷ count, rounded or truncated to the decimals shown; "90%以上" is a bound, not a rate.
- a total and its parts after 其中: "登记1971件次……其中，来信657批次……来访1314批次" —
  counts of the same unit family; the parts pass when consecutive ones from the first add up
  to the total. Only a near miss is a finding (a sum within `parts_tolerance` of the total that
  is not the total), because the items after 其中 are not always a partition. At most 64 parts
  after each 其中 are added up, so a paragraph of any length is checked in linear time.
Options: `units` (unit families: lists of units counted together), `subset_verbs`,
`verb_window` (default 6), `rate_window` (default 24), `parts_tolerance` (default 0.05),
`status` (default fail), `max_locations` (default 5).
"""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache

from checker import regexes
from checker.context import Context
from checker.kinds import listed
from checker.model import Outcome, Rule

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["units", "subset_verbs"],
    "properties": {
        "units": {"type": "array", "minItems": 1, "items": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
        "subset_verbs": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "verb_window": {"type": "integer", "minimum": 1},
        "rate_window": {"type": "integer", "minimum": 1},
        "parts_tolerance": {"type": "number", "exclusiveMinimum": 0, "maximum": 0.5},
        "status": {"enum": ["fail", "weak"]},
        "max_locations": {"type": "integer", "minimum": 1},
    },
}
_RATE = regexes.compile(r"(?:[\u4e00-\u9fff]{0,6}率|占比?)(?:为|达|是|达到|均为)?\s*(\d+(?:\.\d+)?)\s*%(?!\s*(?:以上|以下|左右))")


@lru_cache(maxsize=16)
def _count_pattern(units: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern, dict[str, int]]:
    by_unit = {unit: index for index, family in enumerate(units) for unit in family}
    # the look-behind after the first digit: the engine then skips to digits (see checker/patterns.py)
    return regexes.compile(rf"(\d(?<![\d.]\d)\d*)\s*({regexes.any_word(by_unit)})"), by_unit


def _counts(text: str, units: list[list[str]]):
    """(offset, end, value, family, unit) of each number followed by a unit of one of the families."""
    pattern, by_unit = _count_pattern(tuple(map(tuple, units)))
    for match in pattern.finditer(text):
        yield match.start(), match.end(), int(match.group(1)), by_unit[match.group(2)], match.group(2)


def agrees(part: int, whole: int, shown: str) -> bool:
    """Does `shown` (a percentage as written) equal part/whole, rounded or truncated?"""
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    exact = 100 * part / whole
    scale = 10 ** decimals
    value = float(shown)
    return abs(round(exact, decimals) - value) < 0.5 / scale or math.floor(exact * scale + 1e-9) / scale == value


def _rates(text: str, options: dict, counts: list | None = None) -> list[tuple[int, str]]:
    counts = list(_counts(text, options["units"])) if counts is None else counts
    verbs = _any_word(tuple(options["subset_verbs"]))
    window, found = options.get("verb_window", 6), []
    for (start, end, whole, family, unit), (sub_start, sub_end, part, sub_family, sub_unit) in zip(counts, counts[1:]):
        if family != sub_family or part > whole or whole == 0 or "。" in text[end:sub_start]:
            continue
        if not verbs.search(text, max(end, sub_start - window), sub_start):
            continue
        rate = _RATE.search(text, sub_end, sub_end + options.get("rate_window", 24))
        if rate is None or "。" in text[sub_end:rate.start()]:
            continue
        if not agrees(part, whole, rate.group(1)):
            found.append((rate.start(), f"{whole}{unit}中{part}{sub_unit}，比例应为{100 * part / whole:.2f}%，文中写作{rate.group(1)}%"))
    return found


@lru_cache(maxsize=16)
def _any_word(words: tuple[str, ...]) -> re.Pattern:
    return regexes.compile(regexes.any_word(words))


MAX_PARTS = 64  # items after 其中 that are added up; no enumeration in a report is longer


def _parts(text: str, options: dict, counts: list | None = None) -> list[tuple[int, str]]:
    """Linear in the paragraph: its counts are found once, and each 其中 looks at the last total
    before it and at most MAX_PARTS parts after it, family by family."""
    found = []
    tolerance = options.get("parts_tolerance", 0.05)
    by_paragraph = _by_paragraph(text, counts) if counts is not None else None
    for paragraph_start, paragraph in _paragraphs(text):
        if "其中" not in paragraph:
            continue
        if by_paragraph is None:
            counts = list(_counts(paragraph, options["units"]))
        else:
            counts = _within(by_paragraph, paragraph_start, paragraph_start + len(paragraph))
        by_family: dict[int, list[tuple[int, int]]] = {}  # family → [(start, value)] in order
        for start, _, value, family, _ in counts:
            by_family.setdefault(family, []).append((start, value))
        totals: dict[int, int] = {}  # family → the last count ending before the current 其中
        position = 0
        for marker in re.finditer("其中", paragraph):
            while position < len(counts) and counts[position][1] <= marker.start():
                totals[counts[position][3]] = counts[position][2]
                position += 1
            for family, total in totals.items():
                members = by_family[family]
                first = bisect.bisect_left(members, (marker.end(), -1))
                near = _near_miss(members, first, total, tolerance)
                if near:
                    shown = "+".join(str(value) for _, value in members[first:first + near[0]])
                    found.append((paragraph_start + marker.start(), f"其中各项之和{shown}={near[1]}，与总数{total}不符"))
    return found


def _near_miss(members: list[tuple[int, int]], first: int, total: int, tolerance: float) -> tuple[int, int] | None:
    """The first prefix of members[first:] (two parts or more, at most MAX_PARTS) whose sum is near
    the total, unless some prefix is the total: (number of parts, their sum)."""
    near, running, ceiling = None, 0, total * (1 + tolerance)
    for k in range(1, min(MAX_PARTS, len(members) - first) + 1):
        running += members[first + k - 1][1]
        if k == 1:
            continue
        if running == total:
            return None
        if near is None and abs(running - total) <= tolerance * total:
            near = (k, running)
        if running > ceiling:  # sums only grow: no later prefix can be near or equal
            break
    return near


def _by_paragraph(text: str, counts: list) -> list | None:
    """The text's counts, to be taken paragraph by paragraph (`_within`), or None when one runs
    over a line end (a number, a line end, its unit). The count pattern decides a match by the
    characters it matches and the two before (digits or a point, never a line end), so when none
    runs over one, a paragraph's counts are those of the text that lie in it."""
    if any("\n" in text[start:end] for start, end, _, _, _ in counts):
        return None
    return counts


def _within(counts: list, start: int, end: int) -> list:
    """The counts in text[start:end], with offsets in it (as `_counts` on that text gives them)."""
    first = bisect.bisect_left(counts, (start,))
    last = bisect.bisect_left(counts, (end,))
    return [(s - start, e - start, value, family, unit) for s, e, value, family, unit in counts[first:last]]


def _paragraphs(text: str):
    start = 0
    for paragraph in text.split("\n"):
        yield start, paragraph
        start += len(paragraph) + 1


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    findings = []
    for span in ctx.scope_spans("body"):
        counts = list(_counts(span.text, rule.options["units"]))  # found once for both relations
        hits = _rates(span.text, rule.options, counts) + _parts(span.text, rule.options, counts)
        findings += [(span.line_at(offset), text) for offset, text in sorted(hits)]
    return listed(ctx, findings, rule.options.get("status", "fail"), rule.options.get("max_locations", 5))
