"""citation — instruments cited against the knowledge base (rules/knowledge/instruments.yaml).

- `check: stale` — an instrument cited in a report on a year at or after its `stale_from_year`
  (《信访条例》 in a report on 2022 or later; a repealed civil law after 2021; 法制办 as a body
  after 2019). Historical mentions are not stale: a match is ignored when one of `historical`
  patterns matches around it (原《合同法》, 修订实施15周年, 已废止).
- `check: anachronism` — an instrument or event mentioned in a report dated before it was
  published (the report's date: its 成文日期, or 31 March of the next year when there is
  none), or claimed as implemented — one of `implement_verbs` within `window` characters
  before it — in a report on a year before it came into force.
- `check: misnamed` — a name that does not exist (法治政府建设实施纲要（2022—2025年）).
A place name right before an instrument with `local_variants` (《广东省信访条例》) marks a
different, local instrument. Options: `historical`, `implement_verbs`, `window` (default 10),
`status` (default fail), `max_locations` (default 5).
"""

from __future__ import annotations

import datetime as dt

from checker import regexes
from checker.context import Context
from checker.kinds import listed
from checker.knowledge import Instrument, literal_finder, load, squeeze
from checker.model import Outcome, Rule

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["check"],
    "properties": {
        "check": {"enum": ["stale", "anachronism", "misnamed"]},
        "historical": {"type": "array", "items": {"type": "string"}},
        "implement_verbs": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "window": {"type": "integer", "minimum": 1, "maximum": 40},
        "status": {"enum": ["fail", "weak"]},
        "max_locations": {"type": "integer", "minimum": 1},
    },
}
_LOCAL = regexes.compile(r"[省市区县州盟旗]\s*$")


def patterns(options: dict) -> list[str]:
    return list(options.get("historical", []))


def _squeezed_spans(ctx: Context) -> list[tuple]:
    """The document's spans, each with the names' literals found in its text squeezed of spaces
    (once per report): a name none of whose literals is there is not mentioned."""
    if "citation.squeezed" not in ctx.cache:
        finder = literal_finder()
        ctx.cache["citation.squeezed"] = [(span, finder.present(squeeze(span.text))) for span in ctx.scope_spans("document")]
    return ctx.cache["citation.squeezed"]


def _mentions(ctx: Context, instrument: Instrument) -> list[tuple[int, int, str, str]]:
    """(line, offset, text, span text) of each mention of the instrument outside furniture."""
    found = []
    for span, present in _squeezed_spans(ctx):
        if present.isdisjoint(instrument.matcher.literals):
            continue
        for match in instrument.matcher.finditer(span.text):
            before = span.text[max(0, match.start() - 6): match.start()].lstrip("《")
            if instrument.local_variants and _LOCAL.search(before.replace("《", "")):
                continue
            found.append((span.line_at(match.start()), match.start(), match.group(), span.text))
    return found


def _mentioned(ctx: Context) -> list[tuple[Instrument, list[tuple[int, int, str, str]]]]:
    """Each instrument the report mentions, in the knowledge base's order, with its `_mentions`
    (found once per report for every citation rule; most instruments are not mentioned)."""
    if "citation.mentioned" not in ctx.cache:
        instruments, _ = load()
        present = frozenset().union(*(literals for _, literals in _squeezed_spans(ctx)))
        ctx.cache["citation.mentioned"] = [(instrument, found) for instrument in instruments
                                           if not present.isdisjoint(instrument.matcher.literals)  # else none
                                           and (found := _mentions(ctx, instrument))]
    return ctx.cache["citation.mentioned"]


def _historical(text: str, offset: int, length: int, options: dict) -> bool:
    window = text[max(0, offset - 12): offset + length + 12]
    return any(p.search(window) for p in regexes.compile_all(tuple(options.get("historical", []))))


def _report_date(ctx: Context) -> dt.date | None:
    date = ctx.structure.date
    if date is not None and date.possible_range():
        return date.possible_range()[1]
    return dt.date(ctx.year + 1, 3, 31) if ctx.year else None


def _stale(ctx: Context, options: dict) -> list[tuple[int, str]]:
    found = []
    for instrument, mentions in _mentioned(ctx):
        if instrument.stale_from_year is None or ctx.year < instrument.stale_from_year:
            continue
        for line, offset, text, span in mentions:
            if not _historical(span, offset, len(text), options):
                successor = f"，应为{instrument.successor}" if instrument.successor else ""
                found.append((line, f"“{text}”自{instrument.stale_from_year}年度起已不是现行依据{successor}"))
    return found


def _anachronisms(ctx: Context, options: dict) -> list[tuple[int, str]]:
    report_date = _report_date(ctx)
    verbs = options.get("implement_verbs", [])
    window = options.get("window", 10)
    found = []
    for instrument, mentions in _mentioned(ctx):
        for line, offset, text, span in mentions:
            if instrument.published and report_date and report_date < instrument.published:
                found.append((line, f"“{text}”{instrument.published:%Y年%-m月%-d日}才出现，晚于报告日期"))
            elif instrument.in_force and instrument.in_force > dt.date(ctx.year, 12, 31) \
                    and any(v in span[max(0, offset - window): offset] for v in verbs):
                found.append((line, f"“{text}”{instrument.in_force:%Y年%-m月%-d日}才施行，{ctx.year}年度不可能已贯彻执行"))
    return found


def _misnamed(ctx: Context) -> list[tuple[int, str]]:
    _, misnomers = load()
    return [(span.line_at(m.start()), f"“{m.group()}”不存在，应为“{correct}”")
            for span, present in _squeezed_spans(ctx) for matcher, wrong, correct in misnomers
            if not present.isdisjoint(matcher.literals) for m in matcher.finditer(span.text)]


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    options = rule.options
    check = options["check"]
    if check != "misnamed" and ctx.year is None:
        return Outcome("n/a", "无法确定报告年度")
    findings = {"stale": lambda: _stale(ctx, options), "anachronism": lambda: _anachronisms(ctx, options),
                "misnamed": lambda: _misnamed(ctx)}[check]()
    return listed(ctx, sorted(set(findings)), options.get("status", "fail"), options.get("max_locations", 5))
