"""Reading and structure: the fast paths give exactly what the plain definitions give."""

import re
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import document
from checker.document import normalise

# Characters each pass of normalise acts on, their neighbours, and residue pieces.
_TRICKY = [*" \t\u00a0\u3000\n\r\x0b\x85\u2028_abcXYZ019%.,;:?!()（），。：“”《》—–-…·中文年\u4dc0\uf900\uff10\uff21\uff05\uff0e"
           "\u200b\u200c\u200d\u2060\ufeff[]", "[bookmark:", "[bookmark:_Toc1]"]


def _plain_space_between() -> re.Pattern:
    cjk_or_punct = document._CJK_OR_PUNCT
    return re.compile(
        rf"(?<=[{cjk_or_punct}0-9%])[ \t\u00a0\u3000]+(?=[{cjk_or_punct}0-9])"
        rf"|(?<=[{cjk_or_punct}])[ \t\u00a0\u3000]+(?=[A-Za-z])"
        rf"|(?<=[A-Za-z])[ \t\u00a0\u3000]+(?=[{cjk_or_punct}])"
    )


def _plain_normalise(text: str) -> str:
    """normalise as defined: every pass on every line, no gate."""
    pattern, _ = document._residue_pattern()
    text = pattern.sub("", text)
    text = document._narrow_alnum(text)
    text = document._ASCII_PUNCT.sub(document._widen_punct, text)
    text = _plain_space_between().sub("", text)
    return re.sub(r"[ \t\u00a0\u3000]+", " ", text).strip()


_texts = st.lists(st.sampled_from(_TRICKY), max_size=30).map("".join)


@contextmanager
def _residue_literals_unknown():
    """normalise as it runs when the residue patterns hold no literal known to every match."""
    caches = (document._residue_firsts, document._work_for_normalise)
    for cache in caches:
        cache.cache_clear()
    original, document._residue_literals = document._residue_literals, lambda: None
    try:
        yield
    finally:
        document._residue_literals = original
        for cache in caches:
            cache.cache_clear()


@settings(max_examples=3000)
@given(st.one_of(_texts, st.text(max_size=30)))
def test_normalise_equals_every_pass_applied_in_turn(text):
    assert normalise(text) == _plain_normalise(text)


@settings(max_examples=500)
@given(_texts)
def test_normalise_equals_every_pass_applied_in_turn_when_the_residue_literals_are_unknown(text):
    with _residue_literals_unknown():
        assert document._residue_firsts() is None
        assert normalise(text) == _plain_normalise(text)


@settings(max_examples=3000)
@given(_texts)
def test_spaces_between_are_found_where_the_look_behind_form_finds_them(text):
    fast = [(m.start(), m.end()) for m in document._space_between().finditer(text)]
    assert fast == [(m.start(), m.end()) for m in _plain_space_between().finditer(text)]


def test_a_line_without_work_for_normalise_is_only_stripped():
    assert document._residue_firsts() is not None  # the residue's literals are known: the fast path is in use
    work = document._work_for_normalise()
    for char in "[\u200b\ufeff\uff10\uff05,;:?!() \t\u00a0\u3000":
        assert work.search(f"中文{char}") is not None, repr(char)
    assert normalise(" \u2028中文，“年”。\x85") == "中文，“年”。"


# Wrapped lines: the width is measured only where the length cannot tell --------------------------

_LINE_PIECES = ["一、", "（二）", "3.", "(4)", "中文", "法治政府建设" * 4, "abc def " * 3, "１２", "。", "，", "：", "、",
                " ", "\u3000", "\u200b", "[bookmark:x]", "2025年", "枫桥经验"]
_lines = st.lists(st.sampled_from(_LINE_PIECES), max_size=12).map("".join)


def _plain_wraps(doc) -> set[int]:
    """Document._find_wraps as defined: every line's width measured."""
    from checker import lexicon

    wrapped = set()
    content = [line for line in doc.lines if not line.blank]
    for current, following in zip(content, content[1:]):
        if document.visual_width(current.text) < doc.wrap_min_chars or current.norm[-1] in document._TERMINAL:
            continue
        if following.indented or lexicon.heading_match(following.norm):
            continue
        start = following.norm[0]
        if doc.format not in document.FIXED_LAYOUT and not (document.is_cjk(start) or start.isdigit() or start in document._CONTINUATION):
            continue
        if lexicon.heading_match(current.norm) and doc.format not in document.FIXED_LAYOUT:
            continue
        wrapped.add(current.number)
    return wrapped


@settings(max_examples=1500)
@given(st.lists(st.tuples(_lines, st.booleans()), max_size=10), st.sampled_from(["txt", "pdf"]),
       st.sampled_from([0, 1, 5, 7.5, 20, 40, 60]))
def test_wrapped_lines_are_those_the_width_of_every_line_gives(rows, format, wrap_min_chars):
    lines = [document.Line(number, text, indented=indented) for number, (text, indented) in enumerate(rows, start=1)]
    doc = document.Document("x.txt", format, lines, wrap_min_chars=wrap_min_chars)
    assert doc._wrapped == _plain_wraps(doc)


@settings(max_examples=1500)
@given(_lines, st.sampled_from([0, 0.5, 1, 5, 7.5, 20, 40]))
def test_wide_enough_is_the_visual_width_compared(text, wrap_min_chars):
    doc = document.Document("x.txt", "txt", [document.Line(1, "中")], wrap_min_chars=wrap_min_chars)
    assert doc._wide_enough(text) == (document.visual_width(text) >= wrap_min_chars)


# Headings: the text as written (and the style) is read only for a line that may be a heading -----

def _plain_heading_at(doc, line):
    """structure._heading_at as defined: both views matched, the style pattern read."""
    from checker import lexicon, structure

    mark = lexicon.heading_match(document.strip_residue(line.text).strip())
    norm_mark = lexicon.heading_match(line.norm)
    if mark and norm_mark:
        return structure._numbered_heading(line, mark, norm_mark)
    styled = re.match(r"(?:Heading|标题)\s*(\d)$", line.style or "")
    if not styled or len(line.norm) > 80:
        return None
    return structure.Heading(int(styled.group(1)), None, "", False, "", line.norm, line.number, False,
                             len(line.norm), [line.number], body_line=line.number)


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(["一、", "一 、", "十一，", "（三）", "(3)", "1.", "12、", "1.5", "\u200b", "[bookmark:a]",
                                 " ", "\u3000", "１．", "标题", "。", "正文", "ａ"]), max_size=6).map("".join),
       st.sampled_from([None, "", "Heading 2", "标题 1", "Title", "Heading 2x"]))
def test_a_heading_is_found_as_when_both_views_are_matched(text, style):
    from checker import structure

    line = document.Line(1, text, style=style)
    doc = document.Document("x.txt", "txt", [line])
    assert structure._heading_at(doc, line) == _plain_heading_at(doc, line)


# Furniture: a line holding none of the patterns' literals is not searched ------------------------

def _furniture_pieces() -> list[str]:
    from checker import lexicon
    from checker.patterns import required_literals

    config = lexicon.load()["furniture"]["patterns"]
    examples = [example for entry in config for example in entry.get("examples", [])]
    literals = [literal for pattern in lexicon.load()["_furniture_texts"] for literal in required_literals(pattern) or ()]
    return sorted({*examples, *literals, *" :：[]【】>2025-03-01年月日12:30中文报告"})


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(_furniture_pieces()), max_size=6).map("".join))
def test_furniture_is_what_one_of_its_patterns_finds(text):
    from checker import lexicon

    assert lexicon._furniture_gate() is not None  # the gate is in use
    assert lexicon.is_furniture(text) == any(p.search(text) for p in lexicon.load()["_furniture"])


# Organisations: the suffixes are gathered once ---------------------------------------------------

def _plain_org_like(text: str) -> bool:
    from checker import lexicon

    data = lexicon.load()["organisation"]
    text = text.strip()
    if not text or len(text) > data["max_chars"] or re.search(r"[，。；：！？,.;:!?、]", text):
        return False
    suffixes = list(data["suffixes"]) + [p["suffix"] for p in data.get("places", [])]
    return any(text.endswith(s) and len(text) > len(s) + (1 if len(s) == 1 else 0) for s in suffixes)


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(["静海", "区", "人民政府", "街道", "办事处", "局", "乡", "自治区", "委员会", "，", ".", " ",
                                 "中共", "司法" * 8]), max_size=6).map("".join))
def test_an_organisation_is_told_as_by_its_definition(text):
    from checker import lexicon

    assert lexicon.org_like(text) == _plain_org_like(text)


# Files are read unbuffered ------------------------------------------------------------------------

def test_a_file_read_unbuffered_is_its_bytes(tmp_path):
    from pathlib import Path

    from checker.readers import _read_bytes

    for size in (1, 2, 4095, 4096, 4097, (1 << 20) + 3, 3 << 20):
        path = tmp_path / f"{size}.txt"
        path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
        assert _read_bytes(Path(path)) == path.read_bytes()


def test_a_line_with_slots_survives_pickling_and_copying():
    import copy
    import pickle

    line = document.Line(3, " 中文, ", style="Heading 1", page=2, indented=True, note=True)
    assert pickle.loads(pickle.dumps(line, pickle.HIGHEST_PROTOCOL)) == line == copy.deepcopy(line)
    assert line.norm == "中文，" and not hasattr(line, "__dict__")


# Control characters of a UTF-8 file are counted in its bytes --------------------------------------

@settings(max_examples=2000)
@given(st.lists(st.sampled_from([*"\x00\x01\x08\t\n\x0b\x0c\r\x0e\x1f\x20\x7f\x80\ufffd\ufffe\uffef\u00ef\u00bf中文a",
                                 "\U0001f600", "\U0010fffd"]), max_size=30).map("".join), st.booleans())
def test_control_characters_counted_in_utf8_bytes_are_those_the_pattern_finds(text, bom):
    import codecs

    from checker.readers import text as reader

    data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    decoded, encoding = reader.decode(data, "x.txt")
    assert decoded == text and encoding == ("utf-8-sig" if bom else "utf-8")
    assert reader._control_count(decoded, data, encoding) == len(reader._CONTROL.findall(text))
