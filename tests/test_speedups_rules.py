"""The fast paths of the costly rule kinds (substance, section, citation, brackets, personal data)
give exactly what their plain definitions give."""

import re
from functools import lru_cache, reduce
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def _pack():
    from checker.config import load_setup

    _, rules = load_setup(None, {})
    return rules


def _options(rule_id: str) -> dict:
    return next(r for r in _pack() if r.id == rule_id).options


@lru_cache(maxsize=1)
def _contexts():
    """A context for each seed and corpus report (its caches filled as the rules run)."""
    from checker.context import Context
    from checker.readers import read
    from checker.structure import parse

    paths = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("tests/corpus/reports/*.txt"))
    return [Context(parse(read(str(path))), _pack()) for path in paths]


# Substance: items cut one at a time ------------------------------------------------------------

@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二是（）第，,、。；！？\n法甲")), max_size=30))
def test_items_cut_one_at_a_time_are_the_items(text):
    from checker.kinds.substance import item_parts, iter_parts

    plain = re.compile(r"[。；！？\n]|(?=[一二三四五六七八九十]是)|(?=（[一二三四五六七八九十]）)|(?=第[一二三四五六七八九十][，,、])")
    assert list(iter_parts(text)) == item_parts(text) == plain.split(text)


def test_the_first_item_is_cut_without_the_rest():
    from checker.kinds.substance import iter_parts

    parts = iter_parts("一是加强执法。二是完善制度；（三）第一，")
    assert next(parts) == ""
    assert next(parts) == "一是加强执法"
    assert list(parts) == ["", "二是完善制度", "", "（三）", "第一，"]


# Substance: patterns run once over the items joined ----------------------------------------------

def test_context_free_patterns_are_those_without_anchors_or_look_arounds():
    from checker.kinds.substance import _context_free

    for pattern in ["有待(?:进一步)?(?:加强|提高)", r"\d", "《[^》]{2,}》", "a*", r"(a)\1", "(?>ab|a)c", "[^。；]{0,12}",
                    "(?:x(?:y|z)+){2}", r"(?P<n>a)(?(n)b|c)"]:
        assert _context_free(pattern), pattern
    for pattern in ["^一是", "不足$", r"\b", r"\A法", "法(?=治)", "(?!不)足", "(?<=我)局", "(?<!是)否",
                    "(?:a|b(?=c))", "(?:x(?:y|^z)+)", "(", "x{2,1}"]:
        assert not _context_free(pattern), pattern


def _plain_stripped(parts, patterns):
    """Each part on its own, every pattern's matches removed in turn."""
    return [reduce(lambda text, pattern: pattern.sub("", text), patterns, part) for part in parts]


def _plain_matching(parts, patterns):
    return [any(p.search(part) for p in patterns) for part in parts]


_ODD_PATTERNS = [r"[^。]{0,3}", "a*", r"\s", ".", "x?", "法(?=治)", "^一", "ab|b", "(?:甲乙)+", "乙甲", "加强"]
_ITEM_CHARS = list("ab x法治甲乙一是加强有待进一步提高存在不足工作中我局12") + ["有待进一步加强", "存在一定差距", "工作中"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_ITEM_CHARS), max_size=6).map("".join), max_size=6),
       st.lists(st.sampled_from(_ODD_PATTERNS), max_size=4))
def test_removing_and_searching_over_joined_items_is_item_by_item(parts, patterns):
    from checker.kinds.substance import _matching, _stripped

    compiled = [re.compile(p) for p in patterns]
    assert _stripped(parts, compiled) == _plain_stripped(parts, compiled)
    assert _matching(parts, compiled) == _plain_matching(parts, compiled)


def test_a_match_across_items_sends_them_one_by_one():
    from checker.kinds.substance import _matching, _stripped

    across = [re.compile("[^。]{2}")]
    assert _stripped(["a", "b", "cd"], across) == ["a", "b", ""]
    assert _matching(["a", "b", "c"], across) == [False, False, False]
    assert _matching(["a", "bcd"], across) == [False, True]


def _shortcoming_items():
    from checker.kinds.substance import _items

    options = _options("content.shortcomings-specific")
    items = []
    for ctx in _contexts():
        spans = [s for s in ctx.scope_spans(options["scope"]) if s.text.strip()]
        items.append([part for _, part in _items(spans)])
    return items


def test_stock_items_are_those_of_the_plain_definition_on_the_seeds_and_the_corpus():
    from checker.kinds.substance import _matching, _stock_item, _stock_items
    from checker.regexes import compile_all

    options = _options("content.shortcomings-specific")
    achievement = compile_all(tuple(options["achievement_markers"]))
    stock = 0
    for parts in _shortcoming_items():
        expected = [_stock_item(part, options) for part in parts]
        assert _stock_items(parts, options) == expected
        assert _matching(parts, achievement) == _plain_matching(parts, achievement)
        stock += sum(expected)
    assert stock > 0


_SHORTCOMING_PIECES = ["一是", "（二）", "。", "；", "\n", "有待进一步加强", "法治意识不强", "工作中", "还存在一些不足",
                       "行政执法", "12件", "取得", "完成", "问题", "基层干部", "乡村法治人才短缺", "重视不够"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_SHORTCOMING_PIECES), max_size=14))
def test_stock_items_are_those_of_the_plain_definition_on_any_items(pieces):
    from checker.kinds.substance import _stock_item, _stock_items, item_parts

    options = _options("content.shortcomings-specific")
    parts = item_parts("".join(pieces))
    assert _stock_items(parts, options) == [_stock_item(part, options) for part in parts]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=8), st.integers(0, 30), st.integers(0, 30))
def test_a_figure_between_two_offsets_is_found_by_bisection(positions, start, end):
    from checker.kinds.substance import _any_between

    positions = sorted(positions)
    assert _any_between(positions, start, end) == any(start <= p <= end for p in positions)


# Section --------------------------------------------------------------------------------------

@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("问题不足a.*+?()[]|\\")), min_size=1, max_size=3), max_size=5),
       st.text(alphabet=st.sampled_from(list("问题不足a.*+?()[]|\\ ")), max_size=10))
def test_one_pattern_of_the_words_finds_what_each_word_finds(words, text):
    from checker.kinds.section import _any_word

    pattern = _any_word(tuple(words))
    assert (pattern is not None and pattern.search(text) is not None) == any(word in text for word in words)


def _plain_first_marker(spans, markers, lead_chars=None):
    from checker.kinds.section import _is_lead

    for span in spans:
        hits = [(m.start(), word) for word in markers for m in re.finditer(re.escape(word), span.text)
                if _is_lead(span.text, m.start(), lead_chars)]
        if hits:
            offset, marker = min(hits)
            return span.line_at(offset), marker
    return None


def _span(text: str):
    from checker.document import Span

    span = Span()
    for number, line in enumerate(text.split("\n"), start=1):
        span.add(number, line, "\n")
    return span


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("还存在问题不足。，\n的和aa")), max_size=24), min_size=1, max_size=3),
       st.lists(st.sampled_from(["存在的问题", "还存在", "问题", "不足", "问题和不足", "aa", "a", "在"]), min_size=1, max_size=4),
       st.sampled_from([None, 0, 1, 2, 6]))
def test_the_first_marker_is_the_first_of_all_occurrences(texts, markers, lead_chars):
    from checker.kinds.section import _first_marker

    spans = [_span(text) for text in texts]
    assert _first_marker(None, spans, markers, lead_chars) == _plain_first_marker(spans, markers, lead_chars)


def test_claimed_headings_and_first_markers_are_the_plain_ones_on_the_seeds_and_the_corpus():
    from checker.kinds.section import _claimed, _first_marker

    claimed = 0
    for ctx in _contexts():
        for rule in _pack():
            if rule.kind != "section" or "heading_keywords" not in rule.options:
                continue
            options = rule.options
            excludes, keywords = ctx.fill_all(options.get("heading_excludes", [])), ctx.fill_all(options["heading_keywords"])
            plain = [h for h in ctx.structure.headings if h.level in options.get("levels", [1])
                     and not any(word in h.text for word in excludes) and any(word in h.text for word in keywords)]
            assert _claimed(ctx, options) == plain
            claimed += len(plain)
            if "inline" in options:
                markers, lead = ctx.fill_all(options["inline"]["markers"]), options["inline"].get("lead_chars")
                spans = ctx.scope_spans("body")
                assert _first_marker(ctx, spans, markers, lead) == _plain_first_marker(spans, markers, lead)
    assert claimed > 50


# Citation: mentions found once for every citation rule ------------------------------------------

def test_mentioned_instruments_are_those_with_a_mention():
    from checker.kinds.citation import _mentioned, _mentions
    from checker.knowledge import load

    instruments, _ = load()
    mentioned = 0
    for ctx in _contexts():
        expected = [(i, found) for i in instruments if (found := _mentions(ctx, i))]
        assert _mentioned(ctx) == expected
        mentioned += len(expected)
    assert mentioned > 10


# Brackets: line ends looked at only while a mark is open ---------------------------------------

def _plain_problems(text, pairs):
    from checker.kinds.brackets import _left_open, _next_line_closes

    opening = {pair[0]: pair[1] for pair in pairs}
    closing = {pair[1]: pair[0] for pair in pairs}
    marks = re.compile("[\n" + re.escape("".join(dict.fromkeys("".join(pairs)))) + "]")
    stack, problems = [], []
    for found in marks.finditer(text):
        offset, char = found.start(), found.group()
        if char == "\n":
            if stack and _next_line_closes(text, offset + 1, stack, opening):
                continue
            problems += _left_open(stack, opening)
            stack = []
        elif char in opening and not (char in closing and stack and stack[-1][0] == char):
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
    problems += _left_open(stack, opening)
    return sorted(problems)


_PAIRS = [["《》", "（）", "“”", "‘’", "【】"], ["《》", '""'], ["()", "（）"], ["《》", "\n|"], ["|\n"], ["\n\n"],
          ["ab", "bc"], ["ac", "bc"], ["ab", "ac"], ["ab", "ab"], ["《》", "》《"]]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("《》（）“”‘’【】\"()|\n法abc")), max_size=30), st.sampled_from(_PAIRS))
def test_bracket_problems_are_those_of_the_scan_of_every_line_end(text, pairs):
    from checker.kinds.brackets import _problems

    assert _problems(text, pairs) == _plain_problems(text, pairs)


def test_bracket_problems_on_the_seeds_and_the_corpus():
    from checker.kinds.brackets import _problems

    from checker.kinds.brackets import _each_line_balanced

    pairs = _options("format.brackets")["pairs"]
    assert _each_line_balanced("《a（b）》\n“c”", tuple(pairs)) and not _each_line_balanced("《\n》", tuple(pairs))
    assert not _each_line_balanced("ab", ("ab", "bc"))  # b opens as well as closes: not plain brackets
    found = 0
    for ctx in _contexts():
        text = ctx.doc.span(ctx.structure.content).text
        expected = _plain_problems(text, pairs)
        assert _problems(text, pairs) == expected
        found += len(expected)
    assert found > 0


# Personal data ---------------------------------------------------------------------------------

@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("：:、， \n王李张a1")), max_size=3), st.sampled_from(["王李", "张", "]^\\"]))
def test_the_surname_after_a_context_is_matched_as_before(text, surnames):
    from checker.kinds.personal_data import _before_surname

    plain = re.match(rf"[：:、，\s]?[{re.escape(surnames)}]", text[:2])
    fast = _before_surname(surnames).match(text[:2])
    assert (fast and fast.group()) == (plain and plain.group())


# Arithmetic: the counts found once for both relations -------------------------------------------

_FIGURE_PIECES = ["36件", "34件", "化解", "办结", "其中", "，", "。", "\n", " ", "1", "2件", "人次", "5人", "化解率94.44%",
                  "率50%", "占比50%", ".5", "件", "\n件", "3\n件", "批次", "10", "9件", "1件"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_FIGURE_PIECES), max_size=16))
def test_relations_from_the_counts_found_once_are_those_found_paragraph_by_paragraph(pieces):
    from checker.kinds.arithmetic import _counts, _parts, _rates

    options = _options("data.arithmetic")
    text = "".join(pieces)
    counts = list(_counts(text, options["units"]))
    assert _rates(text, options, counts) == _rates(text, options)
    assert _parts(text, options, counts) == _parts(text, options)


def test_relations_from_the_counts_found_once_on_the_seeds_and_the_corpus():
    from checker.kinds.arithmetic import _by_paragraph, _counts, _parts, _rates

    options = _options("data.arithmetic")
    shared = 0
    for ctx in _contexts():
        for span in ctx.scope_spans("body"):
            counts = list(_counts(span.text, options["units"]))
            assert _rates(span.text, options, counts) == _rates(span.text, options)
            assert _parts(span.text, options, counts) == _parts(span.text, options)
            shared += _by_paragraph(span.text, counts) is not None
    assert shared > 40
    assert _by_paragraph("3\n件", list(_counts("3\n件", options["units"]))) is None


# Coverage: items cut where the plain splits cut ------------------------------------------------

@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二是第，、。；法\n")), max_size=24))
def test_shortcoming_items_are_cut_where_the_plain_splits_cut(text):
    from checker.kinds.coverage import _ITEM_START, _SENTENCE_END, _cut

    starts = re.compile(r"(?=[一二三四五六七八九十]是)|(?=第[一二三四五六七八九十][，、])")
    assert _cut(text, [m.start() for m in _ITEM_START.finditer(text)]) == starts.split(text)
    assert _cut(text, [m.end() for m in _SENTENCE_END.finditer(text)]) == re.split(r"(?<=[。；])", text)


def _plain_words_in(text, dictionary):
    from checker.kinds.coverage import _island_words, _words

    words, kept_whole, longest = _words(dictionary)
    found, island, start, end, position = [], [], 0, 0, 0
    while True:
        match = longest.search(text, position)
        if match is None or match.start() >= end:
            if len(island) == 1 and text[start:end] in kept_whole:
                found.append(text[start:end])
            elif island:
                found += _island_words(text[start:end], dictionary)
            if match is None:
                return found
            island, start = [], match.start()
        island.append(match.start())
        end = max(end, match.end())
        position = match.start() + 1


def test_topic_words_are_those_of_the_plain_loop_on_the_seeds_and_the_corpus():
    from checker.kinds.coverage import _words_in

    dictionary = _options("content.plan-addresses-shortcomings")["dictionary"]
    words = 0
    for ctx in _contexts():
        text = ctx.doc.span(ctx.structure.content).text
        assert _words_in(text, dictionary) == _plain_words_in(text, dictionary)
        words += len(_plain_words_in(text, dictionary))
    assert words > 500


def test_words_without_placeholders_are_taken_as_they_are():
    from checker.kinds.section import _filled

    for ctx in _contexts()[:8]:
        for rule in _pack():
            for key in ("heading_keywords", "heading_excludes", "markers", "generic"):
                words = rule.options.get(key, [])
                assert _filled(ctx, words) == tuple(ctx.fill_all(words))
    ctx = _contexts()[0]
    assert ctx.year and _filled(ctx, ["{next_year}年", "计划"]) == (f"{ctx.year + 1}年", "计划")
