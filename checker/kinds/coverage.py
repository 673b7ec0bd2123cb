"""coverage — does one section take up the topics of another? (the plan and the shortcomings)

The `source` section (content.shortcomings) is split into items: its subsections, or else its
一是/二是… items, or else its sentences. Each item's key topics are the words of `dictionary`
(a jieba dictionary file under rules/, one "word freq tag" a line) that jieba finds in it, most
frequent first, at most `top`. An item is addressed when one of its topics appears in the
`target` section (content.next-year-plan). Items with no topic are not judged. Unaddressed
items → `status` (default weak), naming each with its topics. jieba is started with this small
dictionary only, which takes milliseconds, not the second its full dictionary needs.

Only the stretches where dictionary words occur are cut, and only those where words overlap (or
a lone word jieba might split: one character, or a frequency of 0) go to jieba: its best path
splits wherever no dictionary word spans the split, and a lone word of two characters or more
with a frequency beats its single characters, so this gives exactly jieba's words on the text.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from checker import regexes
from checker.context import Context
from checker.kinds.section import sections_for
from checker.model import Outcome, Rule
from checker.paths import rules_dir

READS_PARTS = True  # a `gate: parts` finding (no part can be found) makes its rules n/a
OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["source", "target", "dictionary"],
    "properties": {
        "source": {"type": "string"},
        "target": {"type": "string"},
        "dictionary": {"type": "string", "pattern": r"^[\w./-]+\.txt$"},
        "top": {"type": "integer", "minimum": 1, "maximum": 10},
        "status": {"enum": ["weak", "fail"]},
    },
}
# Where items start: before 一是… or 第一，… The pattern begins with a character (the engine skips to
# those) rather than with a look-ahead tried at every position; the character a match takes can
# start no other item, so these are all the offsets where such an item starts.
_ITEM_START = regexes.compile(r"[一二三四五六七八九十](?=是)|第(?=[一二三四五六七八九十][，、])")
_SENTENCE_END = regexes.compile(r"[。；]")  # an item ends after one when there are no 一是… items


def _cut(text: str, cuts: list[int]) -> list[str]:
    """The text cut at the offsets (in order), as `re.split` by a zero-width pattern matching there."""
    bounds = [0, *cuts, len(text)]
    return [text[start:end] for start, end in zip(bounds, bounds[1:])]


@lru_cache(maxsize=4)
def _words(dictionary: str) -> tuple[frozenset[str], frozenset[str], re.Pattern]:
    """The dictionary's words; those jieba always keeps whole when one stands alone (two
    characters or more, a frequency above 0); and a pattern matching the longest word at a position."""
    path = rules_dir() / dictionary
    entries = [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = frozenset(entry[0] for entry in entries)
    kept_whole = frozenset(entry[0] for entry in entries
                           if len(entry[0]) >= 2 and len(entry) > 1 and entry[1].isdigit() and int(entry[1]) > 0)
    return words, kept_whole, regexes.compile(regexes.any_word(words))


@lru_cache(maxsize=4)
def _tokenizer(dictionary: str):
    from checker.wordseg import jieba

    tokenizer = jieba().Tokenizer(dictionary=str(rules_dir() / dictionary))
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=4096)  # the same stretches (法治宣传教育, 行政执法人员) recur from report to report
def _island_words(island: str, dictionary: str) -> tuple[str, ...]:
    """jieba's tokens of a stretch of overlapping dictionary words that are dictionary words."""
    words = _words(dictionary)[0]
    return tuple(token for token in _tokenizer(dictionary).cut(island, HMM=False) if token in words)


def _words_in(text: str, dictionary: str) -> list[str]:
    """jieba's tokens of the text that are dictionary words (see the module docstring)."""
    words, kept_whole, longest = _words(dictionary)
    found: list[str] = []
    words_in_island = start = end = position = 0  # the current stretch: how many words, where
    search = longest.search
    while True:
        match = search(text, position)  # the longest word at the next position that has one
        at = -1 if match is None else match.start()
        if match is None or at >= end:
            if words_in_island == 1 and text[start:end] in kept_whole:
                found.append(text[start:end])
            elif words_in_island:
                found += _island_words(text[start:end], dictionary)
            if match is None:
                return found
            words_in_island, start = 0, at
        words_in_island += 1
        if match.end() > end:
            end = match.end()
        position = at + 1


def topics(text: str, dictionary: str, top: int) -> list[str]:
    counts = Counter(_words_in(text, dictionary))
    return [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], -len(item[0])))[:top]]


def _items(ctx: Context, heading) -> list[tuple[int, str, str]]:
    """(line, label, text) of each shortcoming item."""
    if heading.children:
        return [(child.line, child.text, ctx.section_span(child).text) for child in heading.children]
    span = ctx.body_span(heading)
    parts = [p for p in _cut(span.text, [m.start() for m in _ITEM_START.finditer(span.text)]) if p.strip()]
    if len(parts) < 2:
        parts = [p for p in _cut(span.text, [m.end() for m in _SENTENCE_END.finditer(span.text)]) if p.strip()]
    items, offset = [], 0
    for part in parts:
        start = span.text.find(part, offset)
        offset = start + len(part)
        items.append((span.line_at(start), part.strip()[:16], part))
    return items


def _in(word: str, text: str, known: dict[str, bool]) -> bool:
    """`word in text`, remembered in `known`."""
    if word not in known:
        known[word] = word in text
    return known[word]


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    options = rule.options
    sources, targets = sections_for(ctx, options["source"]), sections_for(ctx, options["target"])
    if not sources or not targets:
        return Outcome("n/a", "缺少需要对照的部分")
    plan = "\n".join(ctx.section_span(h).text for h in targets)
    in_plan: dict[str, bool] = {}  # each topic word is looked for once: items repeat their topics
    judged, missed = 0, []
    for heading in sources:
        for line, label, text in _items(ctx, heading):
            found = topics(text, options["dictionary"], options.get("top", 3))
            if not found:
                continue
            judged += 1
            if not any(_in(word, plan, in_plan) for word in found):
                missed.append((line, f"“{label}”（{'、'.join(found)}）"))
    if not judged:
        return Outcome("n/a", "不足部分中没有可识别的主题词")
    if not missed:
        return Outcome("pass", "", [], {"items": judged})
    return Outcome(options.get("status", "weak"), "；".join(text for _, text in missed),
                   [ctx.location(line) for line, _ in missed], {"items": judged, "missed": len(missed)})
