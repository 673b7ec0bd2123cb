"""section — a required part of the report, found by its heading, its position or its content.

How a section is found, in order:
1. `heading_keywords`: a heading (of the `levels` given, default level 1) containing one of the
   words, and none of `heading_excludes`. Combined headings ("存在的问题及下一步打算") satisfy
   every rule whose keywords they contain.
2. `fallback`: when no heading matches, the level-1 sections `before` the first (or `after` the
   last) section of the `anchors` rules; with `unclaimed_only`, only sections no rule's keywords
   claim ("一、坚持党的领导…" before the shortcomings are measures). `status` is the verdict then.
3. `inline.markers`: no section, but the body mentions the topic → `inline.status` (weak), at
   the first mention ("a sentence inside another section"). With `inline.lead_chars: N`, a
   marker counts only as a lead phrase: starting within N characters of a sentence start
   ("还存在一些不足：…"), not in the middle of one ("解决群众反映的存在的问题").
4. `subsection_leads` ({levels, status}): no heading names the topic, but a section of one of
   `levels` opens with it: the first sentence of its body holds one of `inline.markers`
   ("1.强化党对法治政府建设领导。委主要负责人……带头履行第一责任人职责") → `status`: the
   subsection is about the topic although its heading does not say so. A mention later in a
   section stays an inline mention.
   With `inline.item_leads` (a pattern of an item's start inside a paragraph, such as
   `[一二三四五六七八九十]是`), an item whose first sentence holds a marker ("二是切实履行推进法治
   建设第一责任人职责。") is such a part too → the `subsection_leads` status (pass without it).
   With `inline.item_label_chars: N`, an item that opens with a short label (at most N
   characters, ending in 。: "三是压实工作责任。") is read as that label over a body, as a numbered
   subsection is: the sentences after the label are its opening ("三是压实工作责任。严格落实党政主要
   负责人……第一责任人职责"). With `inline.item_label_words`, only a label holding one of them
   (责任, 述法…) is read so: a run-in label is less sure a sign of its own part than a heading.
   With `sentences: N` and `evidence` (patterns), a marker in one of the first N sentences of a
   section's body or an item makes it such a part when one of `evidence` matches in that
   sentence ("……厅主要负责人切实履行……第一责任人职责，参加重要法治建设会议、活动20余次。"):
   a dedicated account gives particulars, a passing mention (“认真履行……职责，带头抓好……各项工作”)
   none. The first sentence with a marker decides.
Otherwise `missing` (or `n/a` when `optional`).

A found section shorter than `min_chars` meaningful characters is `weak`.

Nested requirements use `within: RULE`: the rule looks inside that rule's sections for one of
`markers` (body text only, not the heading). Found → pass; not found but the heading promises it
(`promise_keywords`, e.g. 原因) → weak; not found → missing; the parent absent → n/a.
With `analysis_min_chars: N`, a marker counts only when analysis follows it: the rest of its
sentence, or, for a label that ends its line ("法治建设不足的原因", "（二）原因分析"), the next
paragraph, must keep N meaningful characters once the `generic` patterns (one generic clause
such as 思想认识不到位) are removed. Markers with nothing, or only generic clauses, after them
→ weak, and the message quotes the label or the clause.

Keywords may contain {year}, {next_year}, {prev_year}.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker import regexes
from checker.context import Context
from checker.document import meaningful_chars
from checker.model import Outcome, Rule
from checker.patterns import finditer, search
from checker.structure import Heading

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}

READS_PARTS = True  # a `gate: parts` finding (no part can be found) makes its rules n/a
OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "heading_keywords": {**_WORDS, "minItems": 1},
        "heading_excludes": _WORDS,
        "levels": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 4}, "minItems": 1},
        "fallback": {
            "type": "object", "additionalProperties": False, "required": ["position", "anchors"],
            "properties": {
                "position": {"enum": ["before", "after"]},
                "anchors": {**_WORDS, "minItems": 1},
                "unclaimed_only": {"type": "boolean"},
                "status": {"enum": ["pass", "weak"]},
            },
        },
        "inline": {
            "type": "object", "additionalProperties": False, "required": ["markers"],
            "properties": {"markers": {**_WORDS, "minItems": 1}, "status": {"enum": ["weak", "pass"]},
                           "lead_chars": {"type": "integer", "minimum": 0},
                           "item_leads": {"type": "string", "minLength": 1},
                           "item_label_chars": {"type": "integer", "minimum": 1},
                           "item_label_words": _WORDS},
        },
        "subsection_leads": {
            "type": "object", "additionalProperties": False, "required": ["levels"],
            "properties": {"levels": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 4}, "minItems": 1},
                           "status": {"enum": ["pass", "weak"]},
                           "sentences": {"type": "integer", "minimum": 1, "maximum": 5},
                           "evidence": {**_WORDS, "minItems": 1}},
            "dependentRequired": {"sentences": ["evidence"]},
        },
        "min_chars": {"type": "integer", "minimum": 0},
        "optional": {"type": "boolean"},
        "within": {"type": "string"},
        "markers": {**_WORDS, "minItems": 1},
        "promise_keywords": _WORDS,
        "analysis_min_chars": {"type": "integer", "minimum": 0},
        "generic": _WORDS,
    },
    "oneOf": [{"required": ["heading_keywords"]}, {"required": ["within", "markers"]}],
}


def patterns(options: dict) -> list[str]:
    item_leads = options.get("inline", {}).get("item_leads")
    return ([item_leads] if item_leads else []) + list(options.get("subsection_leads", {}).get("evidence", []))


def _claimed(ctx: Context, options: dict) -> list[Heading]:
    """The headings a section rule's keywords claim: of its levels, with a keyword and no excluded word."""
    levels = options.get("levels", [1])
    excludes = _any_word(_filled(ctx, options.get("heading_excludes", [])))
    keywords = _any_word(_filled(ctx, options["heading_keywords"]))
    if keywords is None:
        return []
    return [h for h in ctx.structure.headings if h.level in levels
            and not (excludes is not None and excludes.search(h.text)) and keywords.search(h.text)]


def _filled(ctx: Context, words: list[str]) -> tuple[str, ...]:
    """The words filled (`ctx.fill_all`: the list itself when none needs a year), as a tuple, the
    key of the patterns made of them."""
    return tuple(ctx.fill_all(words))


@lru_cache(maxsize=256)
def _any_word(words: tuple[str, ...]) -> re.Pattern | None:
    """A pattern that `search`es a text as any(word in text for word in words) does; None for no words."""
    return regexes.compile(regexes.any_word(words)) if words else None


def _index(ctx: Context) -> dict[str, tuple[list[Heading], str]]:
    """For every keyword section rule: its sections and how they were found ("heading"/"fallback")."""
    if "sections" in ctx.cache:
        return ctx.cache["sections"]
    rules = [r for r in ctx.rules.values() if r.kind == "section" and "heading_keywords" in r.options]
    claims = {r.id: _claimed(ctx, r.options) for r in rules}
    claimed = {h.line for headings in claims.values() for h in headings}
    index = {rule_id: (headings, "heading") for rule_id, headings in claims.items() if headings}
    for rule in rules:
        fallback = rule.options.get("fallback")
        if rule.id in index or not fallback:
            continue
        found = _fallback_sections(ctx, fallback, claims, claimed)
        if found:
            index[rule.id] = (found, "fallback")
    ctx.cache["sections"] = index
    return index


def _fallback_sections(ctx: Context, fallback: dict, claims: dict, claimed: set[int]) -> list[Heading]:
    anchor_lines = [h.line for rule_id in fallback["anchors"] for h in claims.get(rule_id, []) if h.level == 1]
    sections = ctx.structure.sections
    if fallback["position"] == "before":
        limit = min(anchor_lines) if anchor_lines else float("inf")
        found = [h for h in sections if h.line < limit]
    else:
        if not anchor_lines:
            return []
        found = [h for h in sections if h.line > max(anchor_lines)]
    if fallback.get("unclaimed_only"):
        found = [h for h in found if h.line not in claimed]
    return found


def sections_for(ctx: Context, rule_id: str) -> list[Heading]:
    """The sections a section rule found (empty when it found none or is not a section rule)."""
    return _index(ctx).get(rule_id, ([], ""))[0]


_SENTENCE_END = "。！？；\n"


def _is_lead(text: str, offset: int, lead_chars: int | None) -> bool:
    if lead_chars is None:
        return True
    start = max(text.rfind(ch, 0, offset) for ch in _SENTENCE_END) + 1
    return offset - start <= lead_chars


def _first_marker(ctx: Context, spans, markers: list[str], lead_chars: int | None = None):
    """The line and marker of the first (leading) occurrence of a marker, the span's first span
    with one deciding; at one offset, the marker first in sort order. Each marker's occurrences
    are those `re.finditer` gives (without overlap); only its first leading one can be the first."""
    for span in spans:
        text = span.text
        hits = [hit for hit in (_first_lead(text, word, lead_chars) for word in markers) if hit is not None]
        if hits:
            offset, marker = min(hits)
            return span.line_at(offset), marker
    return None


def _first_lead(text: str, word: str, lead_chars: int | None) -> tuple[int, str] | None:
    offset = text.find(word)
    while offset >= 0 and not _is_lead(text, offset, lead_chars):
        offset = text.find(word, offset + (len(word) or 1))  # where finditer looks next
    return (offset, word) if offset >= 0 else None


def _next_of(text: str, characters: str, start: int) -> int:
    """Where the first of the characters stands at or after `start` (the text's end if none does)."""
    found = [i for i in (text.find(ch, start) for ch in characters) if i >= 0]
    return min(found) if found else len(text)


def _sentences(text: str, count: int) -> list[str]:
    """The first `count` sentences of a text (to its first line break)."""
    found, start, end = [], 0, _next_of(text, "\n", 0)
    while start < end and len(found) < count:
        stop = min(_next_of(text, _SENTENCE_END, start), end)
        found.append(text[start:stop + 1])
        start = stop + 1
    return found


def _lead_word(text: str, markers: tuple[str, ...], leads: dict, bounded: bool) -> tuple[str, bool] | None:
    """(marker, in the first sentence) when the text opens as a part on the topic: a marker in its
    first sentence, or in one of its first `sentences` with `evidence` in the same sentence."""
    wanted = leads.get("sentences", 1)
    sentences = _sentences(text, wanted + 1)
    for index, sentence in enumerate(sentences[:wanted]):
        word = next((m for m in markers if m in sentence), None)
        if word is None:
            continue
        if index == 0:
            return word, True
        found = any(search(pattern, sentence, bounded) for pattern in leads.get("evidence", []))
        return (word, False) if found else None
    return None


def _after_label(body: str, markers: tuple[str, ...], leads: dict, label: dict, bounded: bool) -> tuple[str, bool] | None:
    """`_lead_word` of what follows an item's short label ("压实工作责任。"), as of a subsection's
    body; `label`: the limit (`chars`) and the words one of which the label must hold (`words`)."""
    if not label.get("chars"):
        return None
    first = _sentences(body, 1)
    if not first or not first[0].endswith("。") or len(first[0]) - 1 > label["chars"]:
        return None
    if label.get("words") and not any(word in first[0] for word in label["words"]):
        return None
    return _lead_word(body[len(first[0]):], markers, leads, bounded)


def _item_lead(ctx: Context, item_pattern: str, markers: tuple[str, ...], leads: dict,
               bounded: bool, label: dict | None = None) -> tuple[int, str, str, bool] | None:
    """(line, the item's opening, marker, in its first sentence) of the first item inside a
    paragraph (一是……) that opens as a part on the topic (`_lead_word`), or None. An item runs to
    the next item or the end of its paragraph."""
    for span in ctx.scope_spans("body"):
        text = span.text
        items = finditer(item_pattern, text, bounded)
        for item, following in zip(items, [*items[1:], None]):
            body = text[item.end():following.start() if following else len(text)]
            hit = _lead_word(body, markers, leads, bounded) or _after_label(body, markers, leads, label or {}, bounded)
            if hit:
                lead = _sentences(body, 1)[0].rstrip(_SENTENCE_END)
                return span.line_at(item.start()), text[item.start():item.end() + len(lead)][:16], *hit
    return None


def _analysis_after(text: str, end: int) -> tuple[str, bool]:
    """The text a cause marker introduces: the rest of its sentence, or the next paragraph when
    the marker ends a label line. Returns (text, is_label)."""
    enders = "\n" if text[end:end + 2].lstrip()[:1] in ("：", ":") else "。；！？\n"  # "原因：一是…二是…"
    stop = _next_of(text, enders, end)
    rest = text[end:stop].strip("：:，,、是为 ")
    if stop >= len(text) or text[stop] != "\n" or meaningful_chars(rest) > 4:  # "原因分析" ends a label line
        return rest, False
    following = text[stop + 1:].split("\n", 1)[0]
    return following, True


def _causes(ctx: Context, options: dict, spans) -> tuple[list, list]:
    """(substantive, shallow) marker hits: (line, marker, shown text)."""
    minimum = options["analysis_min_chars"]
    generic = regexes.compile_all(_filled(ctx, options.get("generic", [])))
    substantive, shallow = [], []
    markers = _filled(ctx, options["markers"])
    for span in spans:
        text = span.text
        for word in markers:
            for match in _any_word((word,)).finditer(text):
                analysis, label = _analysis_after(text, match.end())
                stripped = analysis
                for pattern in generic:
                    stripped = pattern.sub("", stripped)
                line = span.line_at(match.start())
                if meaningful_chars(stripped) >= minimum:
                    substantive.append((match.start(), line, word, analysis))
                else:
                    start = text.rfind("\n", 0, match.start()) + 1
                    end_of_line = text.find("\n", match.end())
                    shown = text[start:end_of_line if end_of_line >= 0 else len(text)] if label or not analysis.strip() else analysis
                    kind = "label" if meaningful_chars(analysis) < 2 else "generic"
                    shallow.append((match.start(), line, word, shown.strip(), kind))
    return sorted(substantive), sorted(shallow)


def _nested(rule: Rule, ctx: Context) -> Outcome:
    options = rule.options
    parents = sections_for(ctx, options["within"])
    if not parents:
        return Outcome("n/a", f"未找到“{ctx.rules[options['within']].title if options['within'] in ctx.rules else options['within']}”部分")
    spans = ctx.scope_spans(f"body:{options['within']}")  # the parents' bodies, shared with other rules
    promises = [h for h in parents if any(word in h.text for word in options.get("promise_keywords", []))]
    if "analysis_min_chars" in options:
        substantive, shallow = _causes(ctx, options, spans)
        if substantive:
            _, line, word, _ = substantive[0]
            return Outcome("pass", f"“{word}”", [ctx.location(line)])
        if shallow:
            _, line, word, shown, kind = shallow[0]
            if kind == "label":
                reason = f"只有“{shown or word}”这样的标签，后面没有分析"
            else:
                reason = f"只有笼统的原因“{shown}”，没有联系所列问题分析"
            return Outcome("weak", reason, [ctx.location(line)])
        if promises:
            return Outcome("weak", f"标题“{promises[0].marker}{promises[0].text}”提到原因，正文却没有分析",
                           [ctx.location(promises[0].line)])
        return Outcome("missing", "", [ctx.location(parents[0].line)])
    hit = _first_marker(ctx, spans, _filled(ctx, options["markers"]))
    if hit:
        return Outcome("pass", f"“{hit[1]}”", [ctx.location(hit[0])])
    if promises:
        return Outcome("weak", f"标题“{promises[0].marker}{promises[0].text}”", [ctx.location(promises[0].line)])
    return Outcome("missing", "", [ctx.location(parents[0].line)])


def _opening_section(ctx: Context, markers: tuple[str, ...], leads: dict, bounded: bool):
    """(heading, (marker, first)) of the section that opens on the topic (`_lead_word`): one whose
    first sentence names it, in order; else the innermost that names it with particulars later
    (a part's body opens with its subsections' text). None when no section does."""
    opening_lines = []  # (heading, the first line of its body) where a marker stands: the rest cannot open on it
    for heading in ctx.structure.headings:
        if heading.level in leads["levels"]:
            body = ctx.body_span(heading).text.lstrip()
            line = body[:_next_of(body, "\n", 0)]
            if any(m in line for m in markers):
                opening_lines.append((heading, line))
    for heading, line in opening_lines:  # the first sentence alone: most reports decide here
        word = next((m for m in markers if m in _sentences(line, 1)[0]), None)
        if word:
            return heading, (word, True)
    if leads.get("sentences", 1) < 2:
        return None
    later = [(heading, hit) for heading, line in opening_lines for hit in [_lead_word(line, markers, leads, bounded)] if hit]
    return max(later, key=lambda pair: pair[0].level) if later else None


def _opens(word: str, first: bool) -> str:
    return f"首句即写“{word}”" if first else f"开头即写“{word}”及具体事项"


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    options = rule.options
    if "within" in options:
        return _nested(rule, ctx)
    headings, how = _index(ctx).get(rule.id, ([], ""))
    if headings:
        locations = [ctx.location(h.line) for h in headings]
        size = sum(meaningful_chars(span.text) for span in ctx.scope_spans(f"body:{rule.id}"))  # its headings' bodies
        if size < options.get("min_chars", 0):
            return Outcome("weak", f"正文只有 {size} 字，少于 {options['min_chars']} 字", locations, {"chars": size})
        if how == "fallback":
            status = options["fallback"].get("status", "pass")
            return Outcome(status, "按位置识别，标题未点明该项", locations, {"chars": size})
        return Outcome("pass", "", locations, {"chars": size})
    inline = options.get("inline")
    leads = options.get("subsection_leads")
    if leads and inline:
        found = _opening_section(ctx, _filled(ctx, inline["markers"]), leads, not rule.builtin)
        if found:
            heading, hit = found
            return Outcome(leads.get("status", "pass"), f"小节“{heading.marker}{heading.text[:16]}”{_opens(*hit)}，按小节识别",
                           [ctx.location(heading.line)])
    if inline and inline.get("item_leads"):
        item = _item_lead(ctx, inline["item_leads"], _filled(ctx, inline["markers"]), leads or {}, not rule.builtin,
                          {"chars": inline.get("item_label_chars"), "words": inline.get("item_label_words")})
        if item:
            line, label, word, first = item
            return Outcome(leads.get("status", "pass") if leads else "pass", f"条目“{label}”{_opens(word, first)}，按条目识别",
                           [ctx.location(line, label)])
    if inline:
        hit = _first_marker(ctx, ctx.scope_spans("body"), _filled(ctx, inline["markers"]),
                            inline.get("lead_chars"))
        if hit:
            return Outcome(inline.get("status", "weak"), f"仅在正文中提及“{hit[1]}”，没有单独成部分", [ctx.location(hit[0], hit[1])])
    return Outcome("n/a" if options.get("optional") else "missing")
