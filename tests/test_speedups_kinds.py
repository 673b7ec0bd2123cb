"""The fast paths of the check kinds (substance, coverage, repetition, citation) give
exactly what their plain definitions give."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

# Doubled characters: the text compared with itself at once, lane by lane ---------------------------

# lanes whose top bit is set (\u8000, \uffff), NUL, beyond the BMP (two UTF-16 units), newlines
_DOUBLING_CHARS = list("法法治治国a \n0—…\u8000\u7fff\uffff\x00") + ["\U00020000", "\U0001f600"]


def _plain_doublings(text: str, unit: int) -> list[tuple[int, str]]:
    from checker.kinds.repetition import _CJK

    return [(m.start(), m.group(1)) for m in re.finditer(rf"(?=({_CJK}{{{unit}}})\1)", text)]


def _plain_repeat_offsets(text: str, unit: int) -> list[int]:
    return [i for i in range(len(text) - 2 * unit + 1) if text[i: i + unit] == text[i + unit: i + 2 * unit]]


@settings(max_examples=1500)
@given(st.text(alphabet=st.sampled_from(_DOUBLING_CHARS), max_size=40), st.sampled_from([1, 2, 3, 4]))
def test_doubled_runs_found_lane_by_lane_are_those_the_regex_finds(text, unit):
    from checker.kinds.repetition import _doublings, _repeat_offsets

    assert list(_repeat_offsets(text, unit)) == _plain_repeat_offsets(text, unit)
    assert list(_doublings(text, unit)) == _plain_doublings(text, unit)


@settings(max_examples=300)
@given(st.text(max_size=300), st.sampled_from([1, 2]))
def test_doubled_runs_found_lane_by_lane_in_any_text(text, unit):
    from checker.kinds.repetition import _doublings, _repeat_offsets

    assert list(_repeat_offsets(text, unit)) == _plain_repeat_offsets(text, unit)
    assert list(_doublings(text, unit)) == _plain_doublings(text, unit)


def test_doubled_runs_in_long_texts_of_every_width():
    from checker.kinds.repetition import _doublings

    for text in ["法治政府" * 500 + "配合配合" + "县县" + "。" * 7, "\U00020000" + "工作作风习习近平" * 300]:
        for unit in (1, 2):
            assert list(_doublings(text, unit)) == _plain_doublings(text, unit)


# Citations: the names' literals found in one scan ------------------------------------------------

def _knowledge_literals() -> list[str]:
    from checker.knowledge import load

    instruments, misnomers = load()
    return sorted({lit for m in [i.matcher for i in instruments] + [m for m, _, _ in misnomers] for lit in m.literals})


@settings(max_examples=1500)
@given(st.lists(st.one_of(st.sampled_from(_knowledge_literals()), st.sampled_from(list("《》法制办公室条例信访民法典GB/T9704 ")),
                          st.text(max_size=3)), max_size=12))
def test_the_literals_found_in_one_scan_are_those_in_the_text(pieces):
    from checker.knowledge import literal_finder

    text = "".join(pieces)
    assert literal_finder().present(text) == {literal for literal in _knowledge_literals() if literal in text}


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(["ab", "abc", "bc", "b", "c", "a", "x", "abcd", "cd"]), max_size=10),
       st.lists(st.sampled_from(["", "a", "ab", "abc", "bc", "bcd", "cd", "d", "xa"]), min_size=1, max_size=6))
def test_literals_that_overlap_or_prefix_each_other_are_all_found(pieces, literals):
    from checker.knowledge import LiteralFinder

    text = "".join(pieces)
    assert LiteralFinder(literals).present(text) == {literal for literal in literals if literal in text}


# Concreteness: the first specific item decides ------------------------------------------------

def _plain_concreteness(ctx, spans, options):
    from checker.document import has_meaningful
    from checker.kinds.substance import _specific, item_parts
    from checker.model import Outcome

    items = [(span, part) for span in spans for part in item_parts(span.text) if has_meaningful(part, 2)]
    if not items:
        return Outcome("n/a", "没有可检查的内容")
    if any(_specific(part, options) for _, part in items):
        return Outcome("pass")
    shown = "；".join(f"“{part.strip('，、：: ')}”" for _, part in items[:2])
    return Outcome("weak", f"{len(items)} 条举措都没有数据、具体制度、活动、文件或案例，如{shown}",
                   [ctx.location(spans[0].first_line)], {"items": len(items)})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["一是", "（二）", "。", "；", "\n", "加强", "执法", "12件", "“三项制度”", "，", "领导小组", "宣传", " "]), max_size=14))
def test_concreteness_stops_at_the_first_specific_item_with_the_plain_verdict(pieces):
    from checker.config import load_setup
    from checker.context import Context
    from checker.document import Document, Line
    from checker.kinds.substance import _concreteness
    from checker.structure import parse

    _, rules = load_setup(None, {})
    options = next(r for r in rules if r.id == "content.measures-concrete").options
    lines = ("2024年法治政府建设情况报告\n一、主要举措和成效\n" + "".join(pieces)).split("\n")
    ctx = Context(parse(Document("x.txt", "txt", [Line(n, t) for n, t in enumerate(lines, start=1)])), rules)
    spans = [s for s in ctx.scope_spans(options["scope"]) if s.text.strip()]
    if spans:
        fast, plain = _concreteness(ctx, spans, options, False), _plain_concreteness(ctx, spans, options)
        assert (fast.status, fast.reason, fast.locations, fast.values) == (plain.status, plain.reason, plain.locations, plain.values)


# Plan topics: each stretch jieba cuts is cut once per process ------------------------------------

def _plain_words(text: str, dictionary: str) -> list[str]:
    from checker.kinds import coverage

    words = coverage._words(dictionary)[0]
    return [token for token in coverage._tokenizer(dictionary).cut(text, HMM=False) if token in words]


def _dictionaries_folder():
    import tempfile
    from pathlib import Path

    from checker.paths import rules_dir

    folder = Path(tempfile.mkdtemp())
    (folder / "odd-words.txt").write_text("信访 50000 n\n访 100 n\n工作 0 n\n信访工作 20000 n\n法 3 n\n", encoding="utf-8")
    (folder / "knowledge").mkdir()
    (folder / "knowledge" / "domain-words.txt").write_bytes((rules_dir() / "knowledge" / "domain-words.txt").read_bytes())
    return folder


_FOLDER = []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["信访工作", "工作", "法治信访", "访问", "，", "接访", "法", "信访工作法", "工作信访", "执法监督"]), max_size=8))
def test_stretches_cut_once_give_jiebas_words_with_each_dictionary(pieces):
    from checker.kinds import coverage

    text = "".join(pieces)
    _FOLDER[:] = _FOLDER or [_dictionaries_folder()]
    original, coverage.rules_dir = coverage.rules_dir, lambda: _FOLDER[0]
    try:
        for _ in range(2):  # the second time from the cache
            for dictionary in ("odd-words.txt", "knowledge/domain-words.txt"):
                assert coverage._words_in(text, dictionary) == _plain_words(text, dictionary)
    finally:
        coverage.rules_dir = original


# Coverage: each topic word looked for in the plan once per report --------------------------------

from docmaker import seed_text  # noqa: E402


def _plan_without_topics(text: str) -> str:
    """The text with every dictionary word of its plan (from the first part heading naming
    下一步, 下一年, 安排, 计划, 打算 or 思路) made 工作; the heading itself, up to its 。, is kept so that the
    part is still found."""
    from checker.kinds import coverage

    heading = re.search(r"^\s*[一二三四五六七八九十]、[^。\n]*(下一步|下一年|安排|计划|打算|思路)[^。\n]*。?", text, re.M)
    words = sorted(coverage._words("knowledge/domain-words.txt")[0], key=len, reverse=True)
    return text[: heading.end()] + re.sub("|".join(map(re.escape, words)), "工作", text[heading.end():])


def test_topic_words_remembered_per_report_give_the_plain_verdict(monkeypatch):
    """content.plan-addresses-shortcomings with the remembered lookups equals the plain `word in
    plan`, on each seed and on each seed again with its plan's topic words gone (so a memory kept
    across reports would answer the second from the first)."""
    from helpers import evaluate_seed

    from checker.kinds import coverage

    def verdicts(texts):
        return [(r.status, r.message, [loc.line for loc in r.locations])
                for r in (evaluate_seed(prefix, text)["content.plan-addresses-shortcomings"] for prefix, text in texts)]

    texts = []
    for prefix in ("000", "001", "002", "003", "004"):
        text = seed_text(prefix)
        texts += [(prefix, text), (prefix, _plan_without_topics(text))]
    remembered = verdicts(texts)
    monkeypatch.setattr(coverage, "_in", lambda word, text, known: word in text)
    assert remembered == verdicts(texts)
    assert [status for status, _, _ in remembered] == ["weak", "weak", "weak", "weak", "pass", "weak", "pass", "weak", "pass", "weak"]
