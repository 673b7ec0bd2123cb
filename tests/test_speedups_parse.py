"""Reading and structure, second round: each fast path gives exactly what its plain definition gives."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import document, script
from checker.document import Document, Line, normalise

ROOT = Path(__file__).resolve().parent.parent
_FILES = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/corpus/reports/*.txt")])

# Characters normalise's passes act on, their neighbours, residue, traditional markers, line ends.
_PIECES = [*" \t\u00a0\u3000\n\r\x0b\x85\u2028_abcXYZ019%.,;:?!()（），。：“”《》—–-…·中文年\u4dc0\uf900\uff10\uff21"
           "\uff05\uff0e\u200b\u200c\u200d\u2060\ufeff[]¹²①٣", "[bookmark:", "[bookmark:_Toc1]", *"們這個國會說時來對發"]
_texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _plain_widen(text: str) -> str:
    return document._ASCII_PUNCT.sub(document._widen_punct, text)


# Normalising a whole text: one search for every line -----------------------------------------------

@settings(max_examples=2000)
@given(st.lists(st.one_of(_texts, st.text(max_size=12)), max_size=8))
def test_lines_normalised_together_are_each_normalised(texts):
    norms, markers = document.normalise_lines(texts)
    assert norms == [normalise(text) for text in texts]
    assert markers == script.markers_in("".join(texts))


def test_the_lines_of_every_seed_and_report_are_normalised_as_each_alone():
    assert _FILES
    for path in _FILES:
        texts = path.read_text(encoding="utf-8").split("\n")
        norms, markers = document.normalise_lines(texts)
        assert norms == [normalise(text) for text in texts], path.name
        assert markers == script.markers_in("".join(texts)), path.name


def test_a_text_with_a_line_break_of_its_own_is_normalised_alone():
    norms, markers = document.normalise_lines(["中文 ,\n們這", "a (b)", ""])
    assert norms == ["中文，\n們這", "a（b）", ""] == [normalise(t) for t in ["中文 ,\n們這", "a (b)", ""]]
    assert markers == {"們", "這"}


# Half-width punctuation widened without a call per mark --------------------------------------------

@settings(max_examples=3000)
@given(_texts)
def test_punctuation_widened_at_once_is_widened_mark_by_mark(text):
    found = set(text) & document._ASCII_PUNCT_SET
    assert document._widen_all_punct(text, found) == _plain_widen(text)


def test_separators_between_digits_stay_and_others_widen():
    text = "1,033人,10:30时:¹,²②:③a,1中,2(3);"
    assert document._widen_all_punct(text, set(",:();")) == _plain_widen(text) == "1,033人，10:30时：¹,²②:③a，1中，2（3）；"


def test_every_digit_is_digit_like():
    """The separator fast path leaves a mark alone only next to a digit-like character: every
    character str.isdigit() holds must be one (CJK and ASCII letters are not digits)."""
    import re

    digit_like = re.compile(document._DIGIT_LIKE)
    digits = [chr(code) for code in range(0x110000) if chr(code).isdigit()]
    assert len(digits) > 500 and all(digit_like.fullmatch(char) for char in digits)
    assert not any(chr(code).isdigit() for code in [*range(0x3400, 0xA000), *range(0xF900, 0xFB00)])


# Traditional script: the markers of the texts the reader found ------------------------------------

@settings(max_examples=1000)
@given(st.lists(_texts, min_size=1, max_size=6), st.sampled_from([None, 0, 1, 2, 3, 5]))
def test_a_document_told_its_markers_is_traditional_as_one_that_counts_them(texts, minimum):
    from unittest import mock

    if minimum is not None:
        settings_ = dict(document.lexicon.load()["script"], min_markers=minimum)
        patch = mock.patch.dict(document.lexicon.load(), {"script": settings_})
    else:
        patch = mock.patch.dict({})
    with patch:
        plain = Document("x.txt", "txt", [Line(n, t) for n, t in enumerate(texts, start=1)])
        norms, markers = document.normalise_lines(texts)
        told = Document("x.txt", "txt", [Line(n, t, norm=m) for n, (t, m) in enumerate(zip(texts, norms), start=1)],
                        script_markers=markers)
        assert told.traditional == plain.traditional
        assert told.lines == plain.lines and told._wrapped == plain._wrapped


def test_no_pass_of_normalise_adds_a_traditional_marker():
    """What lets the markers of the texts stand for those of the matching view."""
    for char in script.marker_chars():
        assert normalise(char) == char
    assert script.markers_in(normalise("們[bookmark:x]這")) == {"們", "這"}


# The text reader: its document is the one built line by line --------------------------------------

def _plain_read(data: bytes, path: str) -> Document:
    from checker.readers import text as reader

    raw_lines, encoding = reader.text_lines(data, path)
    return Document(path, "txt", [Line(n, t) for n, t in enumerate(raw_lines, start=1)], encoding=encoding)


def _same_document(fast: Document, plain: Document) -> None:
    assert fast.lines == plain.lines
    assert fast.traditional == plain.traditional and fast._wrapped == plain._wrapped
    assert fast.encoding == plain.encoding and fast.format == plain.format


def test_the_text_reader_builds_the_lines_a_line_by_line_reading_builds():
    from checker.readers import text as reader

    for path in _FILES:
        data = path.read_bytes()
        _same_document(reader.read(data, str(path)), _plain_read(data, str(path)))


@settings(max_examples=500)
@given(st.lists(_texts, min_size=1, max_size=8))
def test_the_text_reader_reads_any_text_as_line_by_line(texts):
    from checker.errors import InputError
    from checker.readers import text as reader

    data = "\n".join(texts).encode("utf-8")
    try:
        plain = _plain_read(data, "x.txt")
    except InputError:
        with pytest.raises(InputError):
            reader.read(data, "x.txt")
        return
    _same_document(reader.read(data, "x.txt"), plain)


# Residue: the literals one of which each match holds are the gate --------------------------------

@settings(max_examples=2000)
@given(_texts)
def test_residue_is_stripped_as_the_patterns_strip_it(text):
    pattern, needed = document._residue_pattern()
    assert needed  # the gate is in use
    assert document.strip_residue(text) == pattern.sub("", text)


def test_a_line_of_single_spaces_is_normalised_as_every_pass_would():
    assert normalise(" 中 文 ab 中 ") == "中文ab中" and normalise("ab  cd 中") == "ab cd中"
    assert normalise("a [bookmark:x] b") == "a b"


# Headings: the form as written is the matching view's when that is the stripped text --------------

_HEADING_PIECES = ["一、", "一 、", "（三）", "(3)", "1.", "12、", "１．", "第一", "\u200b", "[bookmark:a]", " ", "\u3000", "\t",
                   "\u00a0", "\x85", "。", "正文", "們", ",", "ａ"]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(_HEADING_PIECES), max_size=7).map("".join), st.booleans())
def test_the_written_mark_is_the_mark_of_the_written_text(text, traditional):
    from unittest import mock

    from checker import lexicon, structure

    line = Line(1, text)
    doc = Document("x.txt", "txt", [line])
    norm_mark = lexicon.heading_match(line.norm)
    with mock.patch.object(Document, "traditional", traditional):
        assert structure._written_mark(doc, line, norm_mark) == \
            lexicon.heading_match(document.strip_residue(line.text).strip())


def _plain_numbered_heading(line, mark, norm_mark):
    from checker import structure

    rest = line.norm[norm_mark.end:].lstrip()
    start = len(line.norm) - len(rest)
    stop = rest.find("。")
    if stop >= 0:
        text, run_in, body_offset = rest[:stop], bool(rest[stop + 1:].strip()), start + stop + 1
    else:
        text, run_in, body_offset = rest, False, len(line.norm)
    return structure.Heading(mark.level, mark.number, mark.marker.strip(), mark.standard, mark.example, text.strip(),
                             line.number, run_in, body_offset, [line.number], body_line=line.number)


@settings(max_examples=2000)
@given(st.sampled_from(["一、", "（二）", "3."]), st.lists(st.sampled_from(["正文", "。", " ", "\u3000", "x", "\x85"]),
                                                      max_size=6).map("".join))
def test_a_numbered_heading_runs_in_as_defined(marker, rest):
    from checker import lexicon, structure

    line = Line(1, marker + rest)
    line.norm = marker + rest  # a view that may end in whitespace (as a converted one could)
    mark = lexicon.heading_match(line.norm)
    assert structure._numbered_heading(line, mark, mark) == _plain_numbered_heading(line, mark, mark)


@settings(max_examples=3000)
@given(st.lists(st.sampled_from([p for p in _PIECES if not set(p) & set("\t\u00a0\u3000")]), max_size=30).map("".join))
def test_spaces_between_in_a_text_of_plain_spaces_are_found_as_by_the_class_led_form(text):
    fast = [(m.start(), m.end()) for m in document._space_between(" ").finditer(text)]
    assert fast == [(m.start(), m.end()) for m in document._space_between().finditer(text)]


# Furniture: without a traditional marker in any text, a line's mark is its text's furniture test --

def test_furniture_marks_are_each_lines_furniture_test():
    from checker import structure
    from checker.readers import text as reader

    texts = ["当前位置：首页 > 政务公开", "打印本页", "關閉窗口", "中文正文。", "發布日期：2025-03-01", "x" * 90]
    for path_texts in ([t for t in texts if not script.markers_in(t)], texts, texts * 3):
        doc = reader.read("\n".join(path_texts).encode("utf-8"), "x.txt")
        content = [line for line in doc.lines if line.norm]
        plain = [len(line.norm) <= 80 and structure._furniture_line(doc, line) for line in content]
        assert structure._furniture_marks(doc, content, 80) == plain
    for path in _FILES:
        doc = reader.read(path.read_bytes(), str(path))
        content = [line for line in doc.lines if line.norm]
        plain = [len(line.norm) <= 80 and structure._furniture_line(doc, line) for line in content]
        assert structure._furniture_marks(doc, content, 80) == plain, path.name


# Short lines that recur from report to report are normalised once --------------------------------

def test_recurring_lines_are_normalised_once_and_the_store_stays_bounded(monkeypatch):
    monkeypatch.setattr(document, "_RECURRING", {})
    monkeypatch.setattr(document, "_RECURRING_MAX", 3)
    texts = ["a (b)", "中 文", "1,2", "x: y", "中 文", "a (b)", "[bookmark:x]y", "plain", "long, " * 20]
    for _ in range(3):
        norms, _markers = document.normalise_lines(texts)
        assert norms == [normalise(text) for text in texts]
        assert len(document._RECURRING) <= 3
        assert all(normalise(text) == norm for text, norm in document._RECURRING.items())
        assert "long, " * 20 not in document._RECURRING  # a paragraph is not kept
