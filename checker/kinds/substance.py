"""substance — whether a part of the report says something concrete.

- `check: evidence` (in `scope`, e.g. section:content.measures): measurable statements
  (`figure_pattern`: numbers with units) per 1,000 characters must reach `min_density`, and each
  claim of success (`claim_pattern`: 取得显著成效…) needs a figure within `before` characters
  before it or `after` characters after it. Either shortfall → weak.
- `check: specificity` (in `scope`, e.g. body:content.shortcomings): the section is split into
  items (sentences, and 一是/二是… or （一）… items); an item is stock-only when, after removing
  `stock` phrases and `filler` words, fewer than `min_object_chars` characters remain (有待进一步
  加强 names no object). Stock-only items at or above `max_stock_share` → weak. Items reporting
  achievements (`achievement_markers`, no `problem_markers`) at or above `max_achievement_share`
  → weak with another reason (a shortcomings section that reports successes), reported at
  `achievement_severity` when given (e.g. info, milder than the rule's own severity).
  `skip_items`: patterns of items that are not what is counted, matched at the item's start
  (a cause sentence, 究其原因…, inside the shortcomings part is no shortcoming).
  With `stock_bank` (a file under rules/, e.g. knowledge/stock-shortcomings.yaml: phrases seen
  word for word in many reports, each with where it was seen), an item that contains a bank
  phrase is stock-only too unless what is left of it names something specific: one of
  `specific_patterns` (a number, a 《document》, a “named” system or event, a field such as 行政
  执法 or 行政复议, a unit such as 司法所).
- `check: concreteness` (in `scope`, e.g. body:content.measures): the part is split into items
  like specificity; when no item contains one of `specific_patterns` (a figure, a named system,
  an event, a document, a case), the part is slogans only → weak.
- `check: boilerplate` (in `scope`): occurrences of `stock` phrases per 1,000 characters above
  `max_density` → weak. Use `body` with the opening paragraph excluded by choosing the scope.
All patterns are regular expressions.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate

from checker import regexes
from checker.context import Context
from checker.document import has_meaningful, meaningful_chars
from checker.model import Outcome, Rule
from checker.paths import rules_dir
from checker.patterns import cannot_match, finditer, search
from checker.yamlfile import load_schema, read_yaml, validate

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["check", "scope"],
    "properties": {
        "check": {"enum": ["evidence", "specificity", "concreteness", "boilerplate"]},
        "stock_bank": {"type": "string", "pattern": r"^[\w./-]+\.yaml$"},
        "specific_patterns": _WORDS,
        "scope": {"type": "string"},
        "figure_pattern": {"type": "string"},
        "claim_pattern": {"type": "string"},
        "min_density": {"type": "number", "minimum": 0},
        "before": {"type": "integer", "minimum": 0},
        "after": {"type": "integer", "minimum": 0},
        "stock": _WORDS,
        "filler": _WORDS,
        "min_object_chars": {"type": "integer", "minimum": 0},
        "max_stock_share": {"type": "number", "minimum": 0, "maximum": 1},
        "achievement_markers": _WORDS,
        "problem_markers": _WORDS,
        "max_achievement_share": {"type": "number", "minimum": 0, "maximum": 1},
        "achievement_severity": {"enum": ["error", "warning", "info"]},
        "max_density": {"type": "number", "minimum": 0},
        "skip_items": _WORDS,
    },
}
# Items: a sentence end is cut out, an item marker (一是, （一）, 第一，) starts a new item. Both
# patterns begin with what they match, so the engine skips to candidates.
_SENTENCE_END = regexes.compile(r"[。；！？\n]")
_ITEM_MARKER = regexes.compile(r"[一二三四五六七八九十](?=是)|（[一二三四五六七八九十]）|第[一二三四五六七八九十][，,、]")


def iter_parts(text: str):
    """The items of `item_parts`, one at a time: a rule that stops at the first item it likes
    does not cut the rest of the text. The two kinds of cut never start at the same offset."""
    ends, markers = _SENTENCE_END.finditer(text), _ITEM_MARKER.finditer(text)
    end, marker = next(ends, None), next(markers, None)
    position = 0
    while end is not None or marker is not None:
        if marker is None or (end is not None and end.start() < marker.start()):
            yield text[position:end.start()]  # the sentence end is cut out
            position = end.end()
            end = next(ends, None)
        else:
            yield text[position:marker.start()]  # the marker starts the next item
            position = marker.start()
            marker = next(markers, None)
    yield text[position:]


def item_parts(text: str) -> list[str]:
    """The text cut into items (what one `re.split` with look-aheads would give, computed faster)."""
    return list(iter_parts(text))


def patterns(options: dict) -> list[str]:
    return [options[k] for k in ("figure_pattern", "claim_pattern") if k in options] + \
        list(options.get("stock", [])) + list(options.get("filler", [])) + list(options.get("specific_patterns", [])) + \
        list(options.get("skip_items", []))


@lru_cache(maxsize=4)
def stock_bank(name: str) -> list[re.Pattern]:
    """The phrases of a stock bank file (validated against rules/stock-shortcomings.schema.json by the tests)."""
    data = read_yaml(rules_dir() / name, "套话词库").data
    return [regexes.compile(entry["pattern"]) for entry in data["phrases"]]


def validate_stock_bank(name: str = "knowledge/stock-shortcomings.yaml") -> None:
    base = rules_dir()
    validate(read_yaml(base / name, "套话词库"), load_schema(base / "stock-shortcomings.schema.json"), "套话词库")


def _specific(text: str, options: dict) -> bool:
    return any(p.search(text) for p in regexes.compile_all(tuple(options.get("specific_patterns", []))))


def _stock_item(part: str, options: dict) -> bool:
    """The plain definition of one item (what `_stock_items` computes for all at once)."""
    return _stock_after_strip(part, meaningful_chars(_strip(part, options)), any(p.search(part) for p in _bank(options)), options)


def _stock_after_strip(part: str, remaining: int, in_bank: bool, options: dict) -> bool:
    if remaining < options.get("min_object_chars", 5):
        return True
    if not in_bank:
        return False
    rest = part
    for pattern in _bank(options):
        rest = pattern.sub("", rest)
    return not _specific(rest, options)


def _bank(options: dict) -> list[re.Pattern]:
    return stock_bank(options["stock_bank"]) if "stock_bank" in options else []


def _stock_items(parts: list[str], options: dict) -> list[bool]:
    """[_stock_item(part, options) for part in parts], with the stock and filler removed and the
    bank searched over all the items at once (see `_joined`)."""
    stripped = _stripped(parts, regexes.compile_all((*options.get("stock", []), *options.get("filler", []))))
    in_bank = _matching(parts, _bank(options))
    return [_stock_after_strip(part, meaningful_chars(rest), found, options)
            for part, rest, found in zip(parts, stripped, in_bank)]


# Items joined -------------------------------------------------------------------------------
# Each regex call has a fixed cost that, on items of a few dozen characters, is most of it. So the
# items are joined by a line end (which no item holds: a line end cuts items) and each pattern is
# run once over the whole. A pattern with no anchor and no look-around (`_context_free`) decides a
# match by the characters it matches alone, so over the joined text it finds the matches it finds
# in each item, plus any that hold a separator; when there is none of those, the result is that of
# the items one by one. When there is one, the items are taken one by one. Over the joined text, a
# pattern none of whose literals is there (checker/patterns.py) is not run: once per pattern, that
# test costs less than the scan (a pattern with an optional head is tried at every position).
_SEPARATOR = "\n"


@lru_cache(maxsize=256)
def _context_free(pattern: str) -> bool:
    """The pattern has no anchor (^, $, \\b, \\A…) and no look-ahead or look-behind."""
    from re import _constants, _parser

    try:
        parsed = _parser.parse(pattern)
    except Exception:
        return False
    forbidden = {_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT}

    def free(value) -> bool:
        if isinstance(value, _parser.SubPattern):
            return all(op not in forbidden and free(argument) for op, argument in value)
        if isinstance(value, (list, tuple)):
            return all(map(free, value))
        return True

    return free(parsed)


def _all_context_free(patterns: list[re.Pattern]) -> bool:
    return all(_context_free(p.pattern) for p in patterns)


def _stripped(parts: list[str], patterns: list[re.Pattern]) -> list[str]:
    """Each part with every pattern's matches removed, pattern after pattern (as `_strip`)."""
    if len(parts) > 1 and _all_context_free(patterns):
        joined = _SEPARATOR.join(parts)
        for pattern in patterns:
            if not cannot_match(pattern.pattern, joined):  # a literal it needs is there: worth a scan
                joined = pattern.sub("", joined)
        pieces = joined.split(_SEPARATOR)
        if len(pieces) == len(parts):  # no removal took a separator (none can add one)
            return pieces
    result = []
    for text in parts:
        for pattern in patterns:
            text = pattern.sub("", text)
        result.append(text)
    return result


def _matching(parts: list[str], patterns: list[re.Pattern]) -> list[bool]:
    """[any(p.search(part) for p in patterns) for part in parts]."""
    if len(parts) > 1 and _all_context_free(patterns):
        joined = _SEPARATOR.join(parts)
        starts = list(accumulate((len(part) + 1 for part in parts[:-1]), initial=0))
        found = [False] * len(parts)
        for pattern in patterns:
            if cannot_match(pattern.pattern, joined):
                continue
            for match in pattern.finditer(joined):
                if _SEPARATOR in match.group():
                    break  # a match across items: take them one by one
                found[bisect_right(starts, match.start()) - 1] = True
            else:
                continue
            break
        else:
            return found
    return [any(p.search(part) for p in patterns) for part in parts]


def _tenths(value: float, up: bool = False) -> float:
    """A density to one decimal, cut toward the side of its threshold's test: 1.96 below 2 is
    shown 1.9, not 2.0 (“仅有 2.0 处，少于 2 处”); 12.04 above 12 is shown 12.1."""
    return (math.ceil if up else math.floor)(round(value * 10, 6)) / 10


def _evidence(ctx: Context, spans, options: dict, bounded: bool) -> Outcome:
    text_length = sum(len(s.text) for s in spans)
    figures = [[m.start() for m in finditer(options["figure_pattern"], s.text, bounded)] for s in spans]  # each span's, found once
    density = _tenths(1000 * sum(map(len, figures)) / max(1, text_length))
    for span, positions in zip(spans, figures):
        for claim in finditer(options["claim_pattern"], span.text, bounded):
            start, end = claim.start() - options.get("before", 150), claim.end() + options.get("after", 300)
            if not _any_between(positions, start, end):
                return Outcome("weak", f"“{claim.group()}”附近没有任何数据或实例", [ctx.location(span.line_at(claim.start()), claim.group())],
                               {"density": density})
    if density < options.get("min_density", 0):
        return Outcome("weak", f"每千字仅有 {density:.1f} 处数据，少于 {options['min_density']:g} 处",
                       [ctx.location(spans[0].first_line)], {"density": density})
    return Outcome("pass", "", [], {"density": density})


def _any_between(positions: list[int], start: int, end: int) -> bool:
    """any(start <= p <= end for p in positions), the positions being in order."""
    index = bisect_left(positions, start)
    return index < len(positions) and positions[index] <= end


def _strip(text: str, options: dict) -> str:
    for pattern in regexes.compile_all((*options.get("stock", []), *options.get("filler", []))):
        text = pattern.sub("", text)
    return text


def _items(spans, skip: list[str] = (), bounded: bool = True):
    """(span, item) of each item with something to check, in order, but those one of `skip`
    (patterns) matches at the start of."""
    anchored = "^(?:" + "|".join(f"(?:{p})" for p in skip) + ")" if skip else None  # one search an item

    def skipped(part: str) -> bool:
        return anchored is not None and search(anchored, part.lstrip("，、：: "), bounded) is not None

    return ((span, part) for span in spans for part in iter_parts(span.text) if has_meaningful(part, 2) and not skipped(part))


def _specificity(ctx: Context, spans, options: dict, bounded: bool) -> Outcome:
    items = list(_items(spans, options.get("skip_items", []), bounded))
    if not items:
        return Outcome("n/a", "没有可检查的内容")
    stock_only = [item for item, stock in zip(items, _stock_items([part for _, part in items], options)) if stock]
    if stock_only and len(stock_only) / len(items) >= options.get("max_stock_share", 0.5):
        shown = "；".join(f"“{part.strip('，、：: ')}”" for _, part in stock_only[:3])
        span, part = stock_only[0]
        return Outcome("weak", f"{len(stock_only)}/{len(items)} 条只是套话，没有具体对象，如{shown}",
                       [ctx.location(span.line_at(span.text.find(part)))])
    parts = [part for _, part in items]
    claimed = _matching(parts, regexes.compile_all(tuple(options.get("achievement_markers", []))))
    achievements = [item for item, claims in zip(items, claimed) if claims
                    and not any(m.search(item[1]) for m in regexes.compile_all(tuple(options.get("problem_markers", []))))]
    if achievements and len(achievements) / len(items) >= options.get("max_achievement_share", 0.5):
        span, part = achievements[0]
        return Outcome("weak", f"{len(achievements)}/{len(items)} 条写的是成绩而不是不足",
                       [ctx.location(span.line_at(span.text.find(part)))], severity=options.get("achievement_severity"))
    return Outcome("pass")


def _concreteness(ctx: Context, spans, options: dict, bounded: bool) -> Outcome:
    items = []
    for span, part in _items(spans):  # the first specific item decides: the rest is not looked at
        if _specific(part, options):
            return Outcome("pass")
        items.append((span, part))
    if not items:
        return Outcome("n/a", "没有可检查的内容")
    shown = "；".join(f"“{part.strip('，、：: ')}”" for _, part in items[:2])
    return Outcome("weak", f"{len(items)} 条举措都没有数据、具体制度、活动、文件或案例，如{shown}",
                   [ctx.location(spans[0].first_line)], {"items": len(items)})


def _boilerplate(ctx: Context, spans, options: dict, bounded: bool) -> Outcome:
    length = sum(len(s.text) for s in spans)
    hits = [(s, m) for s in spans for pattern in options.get("stock", []) for m in finditer(pattern, s.text, bounded)]
    density = _tenths(1000 * len(hits) / max(1, length), up=True)
    if density > options.get("max_density", 10):
        common = sorted({m.group() for _, m in hits}, key=lambda w: -sum(1 for _, m in hits if m.group() == w))[:5]
        return Outcome("weak", f"每千字 {density:.1f} 处套话，如{'、'.join(f'“{w}”' for w in common)}",
                       [ctx.location(hits[0][0].line_at(hits[0][1].start()))], {"density": density})
    return Outcome("pass", "", [], {"density": density})


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    spans = [s for s in ctx.scope_spans(rule.options["scope"]) if s.text.strip()]
    if not spans:
        return Outcome("n/a", "检查范围不存在")
    check = {"evidence": _evidence, "specificity": _specificity, "concreteness": _concreteness,
             "boilerplate": _boilerplate}[rule.options["check"]]
    return check(ctx, spans, rule.options, not rule.builtin)
