"""Traditional script: detected cheaply, converted to simplified for matching with OpenCC.

Only a document with enough characters from `script.traditional_markers` (rules/structure.yaml)
imports OpenCC. The normalised view of each line becomes simplified; the original text of every
line is untouched, and `restore` turns a simplified message back into the document's own
characters, so a reviewer reads what the report wrote.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker import lexicon, regexes

_QUOTED = regexes.compile(r"“[^“”]*”")
_CJK_RUN = regexes.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=1)
def marker_chars() -> str:
    """The traditional-only characters of `script.traditional_markers`, each once."""
    return "".join(dict.fromkeys(lexicon.load()["script"]["traditional_markers"]))


@lru_cache(maxsize=1)
def _markers() -> re.Pattern:
    """Any marker character: the regex engine skips to them (a set would hash every character)."""
    return regexes.compile("[" + re.escape(marker_chars()) + "]")


def _needed(minimum: int | None) -> int:
    return lexicon.load()["script"].get("min_markers", 3) if minimum is None else minimum


def is_traditional(text: str, minimum: int | None = None) -> bool:
    """At least `min_markers` (or `minimum`) distinct traditional-only characters."""
    needed = _needed(minimum)
    if needed <= 1:
        return needed <= 0 or _markers().search(text) is not None
    return len(set(_markers().findall(text))) >= needed


def markers_in(text: str) -> set[str]:
    """The distinct traditional-only characters of a text."""
    return set(_markers().findall(text))


def enough_markers(markers: set[str], minimum: int | None = None) -> bool:
    """is_traditional of a text whose distinct markers are `markers`."""
    return len(markers) >= _needed(minimum)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Simplified text of the same length (so offsets keep pointing at the same characters)."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _converter().convert(ch)) == 1 else ch for ch in text)


class Restorer:
    """Maps simplified text back to the characters a traditional document used."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.simplified = "\n".join(s for s, _ in pairs)
        self.original = "\n".join(o for _, o in pairs)
        self.chars: dict[str, str] = {}
        for simple, original in zip(self.simplified, self.original):
            if simple != original:
                self.chars.setdefault(simple, original)

    def restore(self, text: str, quoted_only: bool = False) -> str:
        """The report's text in its own characters. With `quoted_only`, only what stands in “…”
        (a message quotes the report there; the rest of a message is ours)."""
        def run(match: re.Match) -> str:
            found = self.simplified.find(match.group())
            if found >= 0:
                return self.original[found:found + len(match.group())]
            if quoted_only:  # the report's words as far as they go (小龍門鄉|人民政府); ours (“网页框架内容”) stay
                text = match.group()
                for cut in range(len(text) - 1, 2, -1):
                    found = self.simplified.find(text[:cut])
                    if found >= 0:
                        return self.original[found:found + cut] + text[cut:]
                return text
            return "".join(self.chars.get(ch, ch) for ch in match.group())

        if not quoted_only:
            return _CJK_RUN.sub(run, text)
        return _QUOTED.sub(lambda quoted: _CJK_RUN.sub(run, quoted.group()), text)
