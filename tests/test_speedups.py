"""The fast paths give exactly what the plain definitions give."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.document import _ASCII_PUNCT, _SPACE_BETWEEN, _narrow_alnum, _widen_punct, is_cjk, meaningful_chars, normalise, strip_residue, visual_width
from checker.knowledge import load, required_literal

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


def test_every_spelling_an_instrument_pattern_accepts_contains_its_literal():
    instruments, misnomers = load()
    checked = 0
    for instrument in instruments:
        for name in [instrument.name, *instrument.aliases]:
            for text in _spellings(name):
                if instrument.pattern.search(text):
                    squeezed = re.sub(r"\s+", "", text)
                    assert any(literal in squeezed for literal in instrument.literals), (instrument.name, text)
                    checked += 1
    for pattern, wrong, _ in misnomers:
        assert pattern.search(wrong) and required_literal(wrong) in wrong
    assert checked > 3 * len(instruments)


def test_the_literal_is_the_longest_fixed_run():
    assert required_literal("法治政府建设实施纲要（2015—2020年）") == "法治政府建设实施纲要"
    assert required_literal("GB/T 9704-2012") == "GB/T"
    assert required_literal("信访条例") == "信访条例"
