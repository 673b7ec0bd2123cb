"""previous — compared with last year's report (`fazhi-check check REPORT --previous LAST`).

For each section of `sections` (found by those section rules in both reports), every paragraph
of at least `min_chars` characters is compared with last year's paragraphs of the same section
(digits masked, so 2020 and 2021 do not count as differences). A similarity at or above
`threshold` is a finding, listed with both line numbers and the figure. The result also says how
many of last year's plan items (`plan` section; topics from `dictionary`) this year's
`achievements` section reports on. Without --previous → n/a.
"""

from __future__ import annotations

import difflib
import re

from checker.context import Context
from checker.document import meaningful_chars
from checker.kinds.section import sections_for
from checker.model import Location, Outcome, Rule

READS_PARTS = True  # a `gate: parts` finding (no part can be found) makes its rules n/a
OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["sections", "threshold"],
    "properties": {
        "sections": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "threshold": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "min_chars": {"type": "integer", "minimum": 1},
        "plan": {"type": "string"},
        "achievements": {"type": "string"},
        "dictionary": {"type": "string"},
        "status": {"enum": ["fail", "weak"]},
        "max_locations": {"type": "integer", "minimum": 1},
    },
}


def _paragraphs(ctx: Context, rule_id: str, minimum: int) -> list[tuple[int, str]]:
    lines = [n for h in sections_for(ctx, rule_id) for n in ctx.structure.section_lines(h)]
    return [(n, ctx.doc.line(n).norm) for n in lines if meaningful_chars(ctx.doc.line(n).norm) >= minimum]


def similarity(first: str, second: str) -> float:
    mask = lambda text: re.sub(r"\d", "0", text)  # noqa: E731 - years and counts change every year
    return difflib.SequenceMatcher(None, mask(first), mask(second), autojunk=False).ratio()


def _plan_followed(ctx: Context, last: Context, options: dict) -> str:
    if "plan" not in options or "achievements" not in options:
        return ""
    from checker.kinds.coverage import topics

    items = [h for p in sections_for(last, options["plan"]) for h in p.children] or sections_for(last, options["plan"])
    achievements = "\n".join(ctx.section_span(h).text for h in sections_for(ctx, options["achievements"]))
    judged, followed = 0, 0
    for item in items:
        found = topics(last.section_span(item).text, options["dictionary"], 3)
        if found:
            judged += 1
            followed += any(word in achievements for word in found)
    return f"去年安排的 {judged} 项中有 {followed} 项在今年成效中有所回应" if judged else ""


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    last_structure = ctx.settings.get("previous")
    if last_structure is None:
        return Outcome("n/a", "未提供上一年度报告（--previous）")
    options = rule.options
    last = Context(last_structure, list(ctx.rules.values()), ctx.settings)
    minimum, findings = options.get("min_chars", 30), []
    for rule_id in options["sections"]:
        earlier = _paragraphs(last, rule_id, minimum)
        for line, text in _paragraphs(ctx, rule_id, minimum):
            scored = [(similarity(text, old), old_line) for old_line, old in earlier]
            best = max(scored, default=(0.0, None))
            if best[0] >= options["threshold"]:
                findings.append((line, best[1], best[0]))
    note = _plan_followed(ctx, last, options)
    if not findings:
        return Outcome("pass", note)
    limit = options.get("max_locations", 5)
    shown = "；".join(f"第{line}行与上一年度报告第{old}行相似度 {score:.0%}" for line, old, score in findings[:limit])
    locations: list[Location] = [ctx.location(line) for line, _, _ in findings[:limit]]
    return Outcome(options.get("status", "fail"), shown + (f"。{note}" if note else ""), locations,
                   {"count": len(findings)})
