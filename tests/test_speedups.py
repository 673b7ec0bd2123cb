"""The fast paths give exactly what the plain definitions give."""

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.document import _COMMON_PUNCT, has_meaningful, is_cjk, meaningful_chars, visual_width
from checker.knowledge import load

ROOT = Path(__file__).resolve().parent.parent
_TRICKY = list(" \t\u00a0\u3000\n_abcXYZ019%.,;:?!()（），。、；：“”《》—–-…·中文年\u3400\u4dc0\u9fff\uf900\ufaff"
               "\uff10\uff21\uff05\uff0e\u200b²½") + ["\U00020000"]


@settings(max_examples=2000)
@given(st.one_of(st.text(), st.text(alphabet=st.sampled_from(_TRICKY), max_size=60)))
def test_character_counts_match_their_definitions(text):
    assert meaningful_chars(text) == sum(1 for ch in text if is_cjk(ch) or ch.isalnum())
    assert meaningful_chars(_COMMON_PUNCT) == 0  # what str.count takes out is never meaningful
    for count in (0, 1, 2, 5):
        assert has_meaningful(text, count) == (meaningful_chars(text) >= count)
    assert visual_width(text) == sum(1.0 if ord(ch) >= 0x2e80 else 0.5 for ch in text.strip())


def _spellings(name: str) -> list[str]:
    spaced = " ".join(name)
    dashes = name.replace("—", "-").replace("（", "(").replace("）", ")")
    return [name, f"《{name}》", f"《 {spaced} 》", dashes, "\n".join(name), f"《{dashes}》"]


def _matchers():
    instruments, misnomers = load()
    return [i.matcher for i in instruments] + [m for m, _, _ in misnomers]


def _same_mentions(matcher, text):
    fast = [(m.start(), m.end(), m.group()) for m in matcher.finditer(text)]
    plain = [(m.start(), m.end(), m.group()) for m in matcher.pattern.finditer(text)]
    assert fast == plain, (matcher.pattern.pattern, text)
    return len(plain)


def test_mentions_found_fast_are_those_of_the_plain_pattern_on_every_spelling():
    instruments, misnomers = load()
    found = 0
    for instrument in instruments:
        for name in [instrument.name, *instrument.aliases]:
            for text in _spellings(name):
                found += _same_mentions(instrument.matcher, f"学习{text}，{text}  {text}")
    for matcher, wrong, _ in misnomers:
        assert _same_mentions(matcher, f"按照《 {wrong}》") == 1
    assert found > 9 * len(instruments)  # the spellings are really found, not only equally missed


_NAME_PIECES = sorted({piece for m in _matchers() for piece in re.findall(r"[^\\\[\]()?*|:{}\d,^$]+", m.pattern.pattern)})


@settings(max_examples=1500)
@given(st.lists(st.one_of(st.sampled_from(_NAME_PIECES), st.sampled_from(list("《》 \n\u3000（）—-条例法")),
                          st.sampled_from(["信访条例", "民法典", "合同法", "《合同法》", "党的二十大", "GB/T 9704-2012"])),
                max_size=12))
def test_mentions_found_fast_are_those_of_the_plain_pattern_on_any_text(pieces):
    text = "".join(pieces)
    for matcher in _matchers():
        _same_mentions(matcher, text)


# Plan topics: jieba only where dictionary words overlap ------------------------------------------

_DOMAIN = "knowledge/domain-words.txt"


def _plain_topic_words(text: str) -> list[str]:
    return _plain_words(text, _DOMAIN)


def _plain_words(text: str, dictionary: str) -> list[str]:
    from checker.kinds import coverage

    words = coverage._words(dictionary)[0]
    return [token for token in coverage._tokenizer(dictionary).cut(text, HMM=False) if token in words]


def _domain_words() -> list[str]:
    from checker.kinds import coverage

    return sorted(coverage._words(_DOMAIN)[0])


@settings(max_examples=800)
@given(st.lists(st.one_of(st.sampled_from(_domain_words()), st.sampled_from(list("的和，。、a1 \n执法监督信访工作"))), max_size=30))
def test_plan_topics_are_jiebas_words_on_any_text(pieces):
    from checker.kinds import coverage

    text = "".join(pieces)
    assert coverage._words_in(text, _DOMAIN) == _plain_topic_words(text)


def test_plan_topics_are_jiebas_words_with_a_dictionary_of_one_character_and_unused_words(tmp_path, monkeypatch):
    from checker.kinds import coverage

    (tmp_path / "odd-words.txt").write_text("信访 50000 n\n访 100 n\n工作 0 n\n信访工作 20000 n\n法 3 n\n", encoding="utf-8")
    monkeypatch.setattr(coverage, "rules_dir", lambda: tmp_path)
    texts = ["信访工作", "工作", "法治信访", "访问", "做好工作，接访", "信访工作法", "法", "工作工作信访"]
    found = [coverage._words_in(text, "odd-words.txt") for text in texts]
    assert found == [_plain_words(text, "odd-words.txt") for text in texts]
    assert ["工作"] not in found and any("法" in words for words in found)  # jieba splits 工作 (frequency 0)


def test_plan_topics_are_jiebas_words_on_the_seeds_and_the_corpus():
    from checker.kinds import coverage

    texts = [p.read_text(encoding="utf-8") for p in [*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/corpus/reports/*.txt")]]
    found = [coverage._words_in(text, _DOMAIN) for text in texts]
    assert found == [_plain_topic_words(text) for text in texts]
    assert sum(map(len, found)) > 100


# Doubled characters: the dictionary bisected, jieba started only when it could say yes ------------

def _plain_is_word(word: str) -> bool:
    from checker.kinds import repetition

    return any(line.split(b" ", 1)[0] == word.encode("utf-8") for line in repetition._jieba_file().split(b"\n") if line)


def test_a_word_is_found_by_search_and_by_bisection_exactly_when_its_line_is_in_the_dictionary():
    from checker.kinds import repetition

    words = ["立体", "体系", "工作", "作风", "执行", "行政", "主任", "信访", "法治", "法治政府", "天全县", "c++", "AT&T",
             "体体", "行行", "法治思", "不是词语", "天", "信访局局", "岗位责任制"]
    expected = [_plain_is_word(w) for w in words]
    assert sum(expected) >= 12
    for searches in (0, repetition._SEARCHES_BEFORE_SORTING):  # searching the file, then bisecting it
        repetition._is_word.cache_clear()
        repetition._searches[0] = searches
        assert [repetition._is_word(w) for w in words] == expected


def _plain_segmented(text: str, start: int) -> bool:
    from checker.kinds.repetition import _WINDOW
    from checker.wordseg import jieba

    left = max(0, start - _WINDOW)
    offset, words = left, []
    for word in jieba().cut(text[left: start + 1 + _WINDOW], HMM=False):
        words.append((offset, word))
        offset += len(word)
    first = next(((o, w) for o, w in words if o <= start < o + len(w)), None)
    second = next(((o, w) for o, w in words if o <= start + 1 < o + len(w)), None)
    return bool(first and second and first != second and len(first[1]) >= 2 and len(second[1]) >= 2)


def test_a_doubling_is_a_word_boundary_exactly_when_jieba_says_so():
    from checker.kinds import repetition

    texts = [p.read_text(encoding="utf-8") for p in [*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/corpus/reports/*.txt")]]
    texts += ["深入学习习近平法治思想", "建立体体系", "工作作风", "执行行政", "永永市章丘区", "华华市荣昌区", "常务会会前",
              "全面依法治国国家治理", "岗位责任制制度", "中华人民共和国国旗", "信访局局长"]
    verdicts = [(repetition._segmented_boundary(text, m.start()), _plain_segmented(text, m.start()))
                for text in texts for m in re.finditer(r"(?=([\u4e00-\u9fff])\1)", text)]
    assert all(fast == plain for fast, plain in verdicts)
    assert sum(plain for _, plain in verdicts) >= 3 and sum(not plain for _, plain in verdicts) >= 3


# Brackets: the marks visited, paragraphs followed in one pass --------------------------------------

_PAIRS = ["《》", "〈〉", "（）", "“”", "‘’", "【】"]


def _plain_bracket_problems(text: str) -> list[tuple[int, str]]:
    """The definition: each line is a paragraph, joined with the next line when that one closes
    a mark the paragraph leaves open; every character visited."""
    opening = {pair[0]: pair[1] for pair in _PAIRS}
    closing = {pair[1]: pair[0] for pair in _PAIRS}

    def problems(paragraph):
        stack, found = [], []
        for offset, char in enumerate(paragraph):
            if char in opening and not (char in closing and stack and stack[-1][0] == char):
                stack.append((char, offset))
            elif char in closing:
                if stack and stack[-1][0] == closing[char]:
                    stack.pop()
                elif any(mark == closing[char] for mark, _ in stack):
                    mark, _ = stack.pop()
                    found.append((offset, f"“{mark}”与“{char}”交叉嵌套"))
                    while stack and stack[-1][0] != closing[char]:
                        stack.pop()
                    if stack:
                        stack.pop()
                else:
                    found.append((offset, f"多出一个“{char}”"))
        return sorted(found + [(at, f"“{mark}”没有对应的“{opening[mark]}”") for mark, at in stack]), [m for m, _ in stack]

    paragraphs, offset = [], 0
    for line in text.split("\n"):
        if paragraphs:
            start, previous = paragraphs[-1]
            still_open = problems(previous)[1]
            if still_open and any(opening[m] in line.split(m, 1)[0] for m in still_open):
                paragraphs[-1] = (start, previous + "\n" + line)
                offset += len(line) + 1
                continue
        paragraphs.append((offset, line))
        offset += len(line) + 1
    return [(start + at, text) for start, paragraph in paragraphs for at, text in problems(paragraph)[0]]


@settings(max_examples=2000)
@given(st.text(alphabet=st.sampled_from(list("《》〈〉（）“”‘’【】\n法治ab")), max_size=40))
def test_bracket_problems_match_their_definition(text):
    from checker.kinds.brackets import _problems

    assert _problems(text, _PAIRS) == _plain_bracket_problems(text)


# Patterns: not run when a literal every match needs is absent --------------------------------------

def test_required_literals_are_read_from_the_pattern():
    from checker.patterns import required_literals

    assert required_literals("政府信息公开工作(?:年度)?报告") == ("政府信息公开工作",)
    assert required_literals("(?<![A-Za-z])(?:TODO|FIXME|TBD)(?![A-Za-z])") == ("TODO", "FIXME", "TBD")
    assert required_literals("恳请[^。；]{0,30}(?:批准|审批)") == ("恳请",)
    assert required_literals("(ab)*cd") == ("cd",)
    assert required_literals("[?？][?？]{2,}") == ("?", "？")
    assert required_literals(r"\[bookmark:[^\]]*\]|[\u200b\ufeff]") == ("[bookmark:", "\u200b", "\ufeff")
    # nothing every match needs, or case folding: the pattern always runs
    assert required_literals("[?？]{3,}") == ("?", "？")
    assert required_literals(r"\d+(?:\.\d+)?\s*(?:%|件)") == ("%", "件")
    for pattern in ["(?i)abc", "a(?i:b)c", "x|", "(?:ab)?", "[^a]", "[a-z]"]:
        assert required_literals(pattern) is None, pattern


def _builtin_patterns() -> list[str]:
    from checker import kinds
    from checker.config import load_setup

    _, rules = load_setup(None, {})
    found = set()
    for rule in rules:
        module = kinds.get(rule.kind)
        for pattern in getattr(module, "patterns", lambda options: [])(rule.options):
            for year in (2019, 2020, 2023, 2024):
                found.add(pattern.replace("{year}", str(year)).replace("{next_year}", str(year + 1)).replace("{prev_year}", str(year - 1)))
    from checker.kinds import powers  # the claims of the powers knowledge are skipped the same way

    found |= {claim for power in powers.load()["powers"] for claim in power["claims"]}
    return sorted(found)


def test_a_built_in_pattern_that_matches_contains_one_of_its_literals():
    from checker.document import normalise
    from checker.patterns import required_literals

    texts = [p.read_text(encoding="utf-8") for p in [*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/corpus/reports/*.txt")]]
    texts += ["\n".join(normalise(line) for line in text.splitlines()) for text in texts]
    patterns = _builtin_patterns()
    matched = 0
    for pattern in patterns:
        needed = required_literals(pattern)
        compiled = re.compile(pattern)
        for text in texts:
            for match in compiled.finditer(text):
                matched += 1
                assert needed is None or any(literal in match.group() for literal in needed), (pattern, match.group())
    assert len(patterns) > 100 and matched > 500
    assert sum(required_literals(p) is not None for p in patterns) > len(patterns) / 2


@settings(max_examples=1500)
@given(st.text(alphabet=st.sampled_from(list("法法治治a a\n0—…")), max_size=30), st.sampled_from([1, 2, 3]))
def test_doubled_runs_are_those_the_lookahead_finds(text, unit):
    from checker.kinds.repetition import _CJK, _doublings

    plain = [(m.start(), m.group(1)) for m in re.finditer(rf"(?=({_CJK}{{{unit}}})\1)", text)]
    assert list(_doublings(text, unit)) == plain


# Patterns written to begin with what they match (the engine skips to it) equal their plain form ---

_FAST_FORMS = [
    (r"(?<![0-9A-Za-z])(\d{6})((?:19|20)\d{2})(\d{2})(\d{2})(\d{3})([0-9Xx])(?![0-9A-Za-z])", "checker.kinds.personal_data", "_ID"),
    (r"(?<!\d)1[3-9]\d{9}(?!\d)", "checker.kinds.personal_data", "_MOBILE"),
]
_UNITS = (("件", "件次"), ("人", "人次"), ("%",))
_FAST_COUNTS = (r"(?<![\d.])(\d+)\s*(件次|人次|件|人|%)", lambda: __import__("checker.kinds.arithmetic", fromlist=["x"])._count_pattern(_UNITS)[0].pattern)
_FAST_YAML_FORMS = [
    (r"(?<=[\u4e00-\u9fff“”（）《》])[,;:?!()]|[,;:?!()](?=[\u4e00-\u9fff“”（）《》])",
     r"[,;:?!()](?:(?<=[\u4e00-\u9fff“”（）《》].)|(?=[\u4e00-\u9fff“”（）《》]))"),
    ("[?？]{3,}", "[?？][?？]{2,}"),
    (r"\d+(?:\.\d+)?\s*(?:%|件次|件|起)", r"\d\d*(?:\.\d+)?\s*(?:%|件次|件|起)"),
]


def _same_matches(plain: str, fast: str, text: str) -> None:
    found = [(m.span(), m.groups()) for m in re.finditer(fast, text)]
    assert found == [(m.span(), m.groups()) for m in re.finditer(plain, text)], (plain, text)


def test_the_fast_forms_are_the_ones_in_use():
    import importlib

    for _, module, name in _FAST_FORMS:
        assert getattr(importlib.import_module(module), name).pattern
    builtin = _builtin_patterns()
    assert _FAST_YAML_FORMS[0][1] in builtin and _FAST_YAML_FORMS[1][1] in builtin


@settings(max_examples=2000)
@given(st.text(alphabet=st.sampled_from(list("0123456789１X1913a，,法（。?？ \n.%件次起")), max_size=40))
def test_patterns_that_begin_with_what_they_match_equal_their_plain_form(text):
    import importlib

    for plain, module, name in _FAST_FORMS:
        _same_matches(plain, getattr(importlib.import_module(module), name).pattern, text)
    for plain, fast in _FAST_YAML_FORMS:
        _same_matches(plain, fast, text)
    _same_matches(_FAST_COUNTS[0], _FAST_COUNTS[1](), text)


@settings(max_examples=1000)
@given(st.text(alphabet=st.sampled_from(list("們這個國會说时来a1 \n法")), max_size=30), st.sampled_from([None, 0, 1, 2, 3, 5]))
def test_traditional_script_is_told_by_its_definition(text, minimum):
    from checker import lexicon, script

    needed = lexicon.load()["script"].get("min_markers", 3) if minimum is None else minimum
    markers = frozenset(lexicon.load()["script"]["traditional_markers"])
    assert script.is_traditional(text, minimum) == (len(markers.intersection(text)) >= needed)


@settings(max_examples=2000)
@given(st.text(alphabet=st.sampled_from(list("一二是（）第，,、。；\n法甲")), max_size=30))
def test_items_are_cut_where_the_plain_split_cuts(text):
    from checker.kinds.substance import item_parts

    plain = re.compile(r"[。；！？\n]|(?=[一二三四五六七八九十]是)|(?=（[一二三四五六七八九十]）)|(?=第[一二三四五六七八九十][，,、])")
    assert item_parts(text) == plain.split(text)


def test_the_literal_is_the_longest_fixed_run():
    from checker.knowledge import required_literal

    assert required_literal("法治政府建设实施纲要（2015—2020年）") == "法治政府建设实施纲要"
    assert required_literal("GB/T 9704-2012") == "GB/T"
    assert required_literal("信访条例") == "信访条例"


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_NAME_PIECES + ["信访条例", "民法典", "《合同法》", "GB/T 9704-2012", " ", "\n", "\u3000"]), max_size=12))
def test_a_name_said_absent_from_the_squeezed_text_has_no_mention(pieces):
    from checker.knowledge import squeeze

    text = "".join(pieces)
    assert squeeze(text) == re.sub(r"\s+", "", text)
    for matcher in _matchers():
        if not any(literal in squeeze(text) for literal in matcher.literals):
            assert not matcher.pattern.search(text), (matcher.literals, text)


def test_furniture_patterns_joined_say_what_each_says():
    from checker import lexicon

    lines = [line for path in [*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/corpus/reports/*.txt")]
             for line in path.read_text(encoding="utf-8").splitlines()]
    each = [any(p.search(line) for p in lexicon.load()["_furniture"]) for line in lines]
    assert [lexicon.is_furniture(line) for line in lines] == each and sum(each) > 20
    fallback = lexicon._AnyOf([re.compile("(?i)abc"), re.compile("^x")])  # (?i) inside a join is an error
    assert [bool(fallback.search(t)) for t in ("ABC", "xy", "yx")] == [True, True, False]


def test_a_report_laid_out_result_by_result_is_the_plain_layout(pack):
    from dataclasses import replace

    from checker.engine import check_path
    from checker.outputs.json import dumps, fragment, report_dict

    rules, settings = pack
    paths = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("tests/corpus/reports/*.txt"))
    reports = [check_path(str(path), rules, settings) for path in paths]
    odd = reports[0]  # what the corpus lacks: a waiver, a page, a float, a location without a line
    odd.results[0].waiver = {"reason": "已说明", "approved_by": "法制科", "expires": "2027-01-01"}
    odd.results[1].locations = [replace(odd.results[1].locations[0], page=3), replace(odd.results[1].locations[0], line=None)]
    odd.results[2].rule = replace(odd.results[2].rule, weight=2.5, fix=None)
    shapes = set()
    for report in reports:
        assert fragment(report) == dumps(report_dict(report), "    "), report.path
        shapes |= {(r.status, bool(r.locations)) for r in report.results}
    assert {("pass", True), ("missing", False), ("n/a", False), ("weak", True)} <= shapes


def test_a_message_without_placeholders_is_its_template_as_format_map_gives_it(pack):
    from checker.engine import _DEFAULT_MESSAGES, _Values, message_for
    from checker.model import Outcome

    rules, _ = pack
    years = {"year": 2023, "next_year": 2024, "prev_year": 2022}
    checked = 0
    for rule in rules:
        for status in ("pass", "weak", "missing", "fail", "n/a"):
            for reason, values in (("", {}), ("原因", {"count": 3, "level": "县级"})):
                outcome = Outcome(status, reason, values=values)
                template = rule.messages.get(status) or _DEFAULT_MESSAGES[status]
                plain = template.format_map(_Values({"title": rule.title, **years, **values, "reason": reason}))
                if reason and "{" not in template and status != "n/a":
                    plain = f"{plain.rstrip('。')}（{reason}）。"
                assert message_for(rule, outcome, years) == plain, (rule.id, status)
                checked += "{" not in template
    assert checked > 100
