"""phrase — words or patterns that must appear, or must not, in a part of the report.

Options:
- `scope`: where to look — `document` (default: everything but portal furniture), `body`
  (sections and preamble, without title and signature), `title`, `head`, `preamble`, `headings`,
  `raw` (furniture included), `furniture`, or a section found by a section rule: `section:RULE`
  (heading and body), `heading:RULE`, `body:RULE`, `leads:RULE` (the section's headings and the
  first sentence of each of its paragraphs); or a list of scopes. A scope that is absent
  makes the rule `n/a`.
- `view`: `normalised` (default: widths unified, spaces around CJK removed, residue stripped) or
  `original` (the text as written: for typography and residue rules).
- `terms`: literal words; `patterns`: Python regular expressions (no `\\b` next to Chinese:
  there are no word boundaries between Chinese characters). Both may use {year}, {next_year},
  {prev_year}; a rule that needs the year is `n/a` when the year is unknown.
- `mode`: `chars` (default: substring match on the normalised text) or `words` (jieba word
  segmentation: a term matches whole words only, so 法治 does not match inside 法治化).
- `expect`: `absent` (default: any match is a finding) or `present` (fewer than `min_count`
  matches is a finding).
- `exceptions`: patterns; a match is ignored when one of them matches the text around it
  (`context_chars` on each side, default 8) — e.g. 原《合同法》 is a historical mention.
- `status`: the status of a finding: `fail` (default for absent) or `weak`/`missing` (default
  `missing` for present).
- `max_locations`: how many places to list (default 5), each on its own line (the first match
  on a line stands for the line; `{count}` still counts every match).
- `flag_furniture: true`: every line of web-portal furniture the parser recognised (导航、
  页脚…) counts as a match too, reported as “网页框架内容”.
"""

from __future__ import annotations

from checker.context import Context
from checker.model import Outcome, Rule
from checker.patterns import cannot_match, finditer, search

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_SCOPE = {"type": "string", "pattern": "^(document|body|title|head|preamble|headings|raw|furniture|(section|heading|body|leads):[a-z0-9.-]+)$"}

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "scope": {"oneOf": [_SCOPE, {"type": "array", "items": _SCOPE, "minItems": 1}]},
        "view": {"enum": ["normalised", "original"]},
        "terms": _WORDS,
        "patterns": _WORDS,
        "mode": {"enum": ["chars", "words"]},
        "expect": {"enum": ["absent", "present"]},
        "min_count": {"type": "integer", "minimum": 1},
        "exceptions": _WORDS,
        "context_chars": {"type": "integer", "minimum": 0, "maximum": 200},
        "status": {"enum": ["fail", "weak", "missing"]},
        "max_locations": {"type": "integer", "minimum": 1},
        "flag_furniture": {"type": "boolean"},
    },
    "anyOf": [{"required": ["terms"]}, {"required": ["patterns"]}],
}


def patterns(options: dict) -> list[str]:
    return list(options.get("patterns", [])) + list(options.get("exceptions", []))


def _word_spans(text: str) -> list[tuple[int, str]]:
    from checker.wordseg import jieba

    offset, words = 0, []
    for word in jieba().cut(text):
        words.append((offset, word))
        offset += len(word)
    return words


def _occurrences(term: str, text: str) -> list[int]:
    """Where the term occurs, left to right, none overlapping the one before (what
    re.finditer(re.escape(term), text) finds)."""
    found, at = [], text.find(term)
    while at >= 0:
        found.append(at)
        at = text.find(term, at + len(term))
    return found


def _matches(options: dict, text: str, terms: list[str], patterns: list[str], exceptions: list[str],
             bounded: bool = True) -> list[tuple[int, str]]:
    """(offset, matched text) of every match, exceptions removed."""
    found: list[tuple[int, str]] = []
    if options.get("mode") == "words":
        wanted = set(terms)
        found += [(offset, word) for offset, word in _word_spans(text) if word in wanted]
    else:
        for term in terms:
            found += [(offset, term) for offset in _occurrences(term, text)]
    for pattern in patterns:
        found += [(m.start(), m.group()) for m in finditer(pattern, text, bounded)]
    if not exceptions:
        return sorted(set(found))
    width = options.get("context_chars", 8)

    def excepted(offset: int, matched: str) -> bool:
        window = text[max(0, offset - width): offset + len(matched) + width]
        return any(search(e, window, bounded) for e in exceptions)

    return sorted((o, m) for o, m in set(found) if not excepted(o, m))


def _live(ctx: Context, options: dict, spans: list, bounded: bool) -> tuple[list[str], list[str]]:
    """The terms and patterns that can match somewhere in the spans: a rule that looks at many
    small spans (every heading, every paragraph's lead) checks each pattern once, not per span."""
    terms, patterns = ctx.fill_all(options.get("terms", [])), ctx.fill_all(options.get("patterns", []))
    if len(spans) < 2:
        return terms, patterns
    joined = "\n".join(span.text for span in spans)
    return ([term for term in terms if term in joined],
            [pattern for pattern in patterns if bounded or not cannot_match(pattern, joined)])


def _needs_unknown_year(ctx: Context, options: dict) -> bool:
    """Every term and pattern needs a year this report does not give."""
    terms, patterns = options.get("terms", []), options.get("patterns", [])
    return bool(terms or patterns) and not ctx.fill_all(terms) and not ctx.fill_all(patterns)


def _one_per_line(hits, limit: int) -> list[tuple[int | None, str]]:
    """The first `limit` hits on distinct lines, in order: a line with many matches (半角逗号
    throughout a paragraph) is one place to show, and the other places are not crowded out."""
    shown: list[tuple[int | None, str]] = []
    lines: set[int | None] = set()
    for line, matched in hits:
        if line not in lines:
            lines.add(line)
            shown.append((line, matched))
            if len(shown) == limit:
                break
    return shown


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    options = rule.options
    if _needs_unknown_year(ctx, options):
        return Outcome("n/a", "无法确定报告年度")
    scopes = options.get("scope", "document")
    original = options.get("view") == "original"
    spans = [s for scope in ([scopes] if isinstance(scopes, str) else scopes)
             for s in ctx.scope_spans(scope, original) if s.text]
    if not spans:
        return Outcome("n/a", "检查范围不存在")
    bounded = not rule.builtin
    terms, patterns = _live(ctx, options, spans, bounded)
    exceptions = ctx.fill_all(options.get("exceptions", []))
    found = [(span, offset, matched) for span in spans if terms or patterns
             for offset, matched in _matches(options, span.text, terms, patterns, exceptions, bounded)]
    limit = options.get("max_locations", 5)
    if options.get("flag_furniture"):
        hits = sorted([(span.line_at(offset), matched) for span, offset, matched in found]
                      + [(line, "网页框架内容") for line in ctx.structure.furniture])
        count, shown = len(hits), _one_per_line(hits, limit)
        matched_texts = [matched for _, matched in hits]
    else:  # only the places shown need their line
        count, shown = len(found), _one_per_line(((span.line_at(offset), matched) for span, offset, matched in found), limit)
        matched_texts = [matched for _, _, matched in found]
    locations = [ctx.location(line, matched) for line, matched in shown]
    if options.get("expect", "absent") == "absent":
        if not count:
            return Outcome("pass")
        words = "、".join(list(dict.fromkeys(f"“{m}”" for m in matched_texts))[:limit])  # what was found, not only where shown
        return Outcome(options.get("status", "fail"), words, locations, {"count": count})
    if count >= options.get("min_count", 1):
        return Outcome("pass", "", locations, {"count": count})
    return Outcome(options.get("status", "missing"), f"出现 {count} 次", locations, {"count": count})
