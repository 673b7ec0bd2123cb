"""Columns of a finding's evidence in the original text of its line.

Rules match the normalised view of a line (`document.normalise`: residue removed, widths and
punctuation unified, spaces around Chinese dropped); a location points into the line as written.
`columns` finds the evidence there, through an alignment of the two views.

A reader that removes markup (Markdown's `#`, `**`, inline code) gives a line a `Written`: the
line as written in the file, where SARIF and editors count columns. `line_columns` and
`written_text` answer in its coordinates; a line without one is its own written line (.txt).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from checker.document import _HALF_TO_FULL, _narrow_alnum, normalise


@dataclass(frozen=True, slots=True)
class Written:
    """A line as written in the file, when the reader's text of it is not: the text's characters
    are runs of the written line's, run k starting at `starts[k]` in the text and `starts[k] +
    shifts[k]` in the written line. Runs, not one index per character: a line has few of them."""

    text: str
    starts: tuple[int, ...] = ()
    shifts: tuple[int, ...] = ()

    @classmethod
    def of(cls, text: str, runs: list[tuple[int, int]]) -> Written:
        """`runs`: (start in the reader's text, start in the written line `text`) of each run."""
        return cls(text, tuple(at for at, _ in runs), tuple(written - at for at, written in runs))

    def index(self, offset: int) -> int:
        """The index in the written line of the reader's character at `offset`."""
        run = bisect.bisect_right(self.starts, offset) - 1
        return offset + self.shifts[run] if run >= 0 else offset


def written_text(line) -> str:
    """The line as written in the file (a `Line`'s text when the reader kept it as written)."""
    return line.text if line.raw is None else line.raw.text


def line_columns(line, evidence: str | None) -> tuple[int, int] | None:
    """`columns` of the evidence in a `Line`, counted in the line as written: found in the text the
    rules saw, then mapped (the end just after the evidence's last character, not after markup)."""
    found = columns(line.text, evidence)
    if found is None or line.raw is None:
        return found
    start, end = found
    return line.raw.index(start - 1) + 1, line.raw.index(end - 2) + 2


def _same(original: str, norm: str) -> bool:
    return (original == norm or _HALF_TO_FULL.get(original) == norm or _narrow_alnum(original) == norm
            or (original.isspace() and norm == " "))


def _alignment(text: str, norm: str) -> list[int]:
    """For each character of the normalised view, its index in the original (greedy: what
    normalisation removed is skipped)."""
    mapping, i = [], 0
    for char in norm:
        while i < len(text) and not _same(text[i], char):
            i += 1
        if i == len(text):
            break
        mapping.append(i)
        i += 1
    return mapping


def columns(text: str, evidence: str | None) -> tuple[int, int] | None:
    """1-based start column and end column (the column after the last character, as SARIF counts)
    of the first occurrence of `evidence` in the line `text`, or None when it is not there."""
    if not evidence:
        return None
    direct = text.find(evidence)
    if direct >= 0:
        return direct + 1, direct + len(evidence) + 1
    norm, wanted = normalise(text), normalise(evidence)
    at = norm.find(wanted) if wanted else -1
    if at < 0:
        return None
    mapping = _alignment(text, norm)
    if at + len(wanted) > len(mapping):
        return None
    return mapping[at] + 1, mapping[at + len(wanted) - 1] + 2
