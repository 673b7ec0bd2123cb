"""Columns of a finding's evidence in the original text of its line.

Rules match the normalised view of a line (`document.normalise`: residue removed, widths and
punctuation unified, spaces around Chinese dropped); a location points into the line as written.
`columns` finds the evidence there, through an alignment of the two views.
"""

from __future__ import annotations

from checker.document import _HALF_TO_FULL, _narrow_alnum, normalise


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
