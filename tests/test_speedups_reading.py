"""Reading and structure: the fast paths give exactly what the plain definitions give."""

import re

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


@settings(max_examples=3000)
@given(st.one_of(_texts, st.text(max_size=30)))
def test_normalise_equals_every_pass_applied_in_turn(text):
    assert normalise(text) == _plain_normalise(text)


@settings(max_examples=3000)
@given(_texts)
def test_spaces_between_are_found_where_the_look_behind_form_finds_them(text):
    fast = [(m.start(), m.end()) for m in document._space_between().finditer(text)]
    assert fast == [(m.start(), m.end()) for m in _plain_space_between().finditer(text)]


def test_a_line_without_work_for_normalise_is_only_stripped():
    work = document._work_for_normalise()
    assert work is not None  # the residue's literals are known: the fast path is in use
    for char in "[\u200b\ufeff\uff10\uff05,;:?!() \t\u00a0\u3000":
        assert work.search(f"中文{char}") is not None, repr(char)
    assert normalise(" \u2028中文，“年”。\x85") == "中文，“年”。"
