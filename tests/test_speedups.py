"""The fast paths give exactly what the plain definitions give."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.document import _ASCII_PUNCT, _SPACE_BETWEEN, _narrow_alnum, _widen_punct, is_cjk, meaningful_chars, normalise, strip_residue, visual_width
from checker.knowledge import load

_TRICKY = list(" \t\u00a0\u3000\n_abcXYZ019%.,;:?!()（），。：“”《》—–-…·中文年\u4dc0\uf900\uff10\uff21\uff05\uff0e\u200b")


def _plain_normalise(text: str) -> str:
    text = strip_residue(text)
    text = _narrow_alnum(text)
    text = _ASCII_PUNCT.sub(_widen_punct, text)
    text = _SPACE_BETWEEN.sub("", text)
    return re.sub(r"[ \t\u00a0\u3000]+", " ", text).strip()


@settings(max_examples=1500)
@given(st.one_of(st.text(), st.text(alphabet=st.sampled_from(_TRICKY), max_size=40)))
def test_character_counts_match_their_definitions(text):
    assert meaningful_chars(text) == sum(1 for ch in text if is_cjk(ch) or ch.isalnum())
    assert visual_width(text) == sum(1.0 if ord(ch) >= 0x2e80 else 0.5 for ch in text.strip())


@settings(max_examples=1500)
@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=40))
def test_normalise_skips_only_passes_that_would_change_nothing(text):
    assert normalise(text) == _plain_normalise(text)


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
