"""Markdown (.md): text lines with their markup removed; `#` headings kept as style hints; code is
no report text: the lines of a fenced code block are read as blank (line numbers stay those of the
file) and inline code is removed, as `fix` leaves both alone. A line whose text is not the line
as written keeps that line and where its text stands in it (`Line.raw`): SARIF and editors count
columns in the file's line, markup and all."""

from __future__ import annotations

import bisect
import re

from checker.columns import Written
from checker.document import Document, Line
from checker.readers.text import text_lines

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?!\s)|`)")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")  # an image is no text
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")  # a link is its text
INLINE_CODE = re.compile(r"`[^`\n]*`")  # what `fix` sets aside as code


# A line's runs: (start in the text, start in the line as written) of each stretch of the text
# that stands unbroken in the written line (None: nothing cut, the text is that line). Runs, not
# an index per character: a cut costs per match, and a line has few.
Runs = list[tuple[int, int]]


def _runs_of(runs: Runs | None, pieces: list[tuple[int, int]]) -> Runs:
    """The runs of the text that joins `pieces` ((start, end) in a text whose runs are `runs`)."""
    runs = [(0, 0)] if runs is None else runs
    starts, joined, at = [start for start, _ in runs], [], 0
    for start, end in pieces:
        if start >= end:
            continue
        run = bisect.bisect_right(starts, start) - 1  # the run holding `start` (the first starts at 0)
        while run < len(runs) and runs[run][0] < end:
            text_at, written_at = runs[run]
            low = max(text_at, start)
            joined.append((at + low - start, written_at + low - text_at))
            run += 1
        at += end - start
    return joined


def _cut(pattern: re.Pattern, text: str, runs: Runs | None, group: int = 0) -> tuple[str, Runs | None]:
    """pattern.sub("", text), or each match replaced by its `group`, with the runs cut alike."""
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append((last, match.start()))
        if group:
            pieces.append(match.span(group))
        last = match.end()
    if not pieces:  # most lines: nothing to cut
        return text, runs
    pieces.append((last, len(text)))
    return "".join(text[start:end] for start, end in pieces), _runs_of(runs, pieces)


def _clean(text: str, runs: Runs | None = None) -> tuple[str, Runs | None, str | None]:
    """The line's text without its markup, its runs in the line as written (columns are counted
    there: see checker.columns.Written), and its heading style."""
    style = None
    heading = _HEADING.match(text)
    if heading:
        style = f"Heading {len(heading.group(1))}"
        kept = text[heading.end():].rstrip("# ")
        runs = _runs_of(runs, [(heading.end(), heading.end() + len(kept))])
        text = kept
    # each pass only where its mark is (a substring test is quicker than a search): most lines have none
    if ">" in text:
        text, runs = _cut(_QUOTE, text, runs)
    if "`" in text:
        text, runs = _cut(INLINE_CODE, text, runs)
    if "](" in text:
        text, runs = _cut(_LINK, *_cut(_IMAGE, text, runs), group=1)
    if "*" in text or "__" in text or "`" in text:
        text, runs = _cut(_EMPHASIS, text, runs)
    return text, runs, style


def _strip_comments(raw_lines: list[str]) -> tuple[list[tuple[str, Runs | None]], list[tuple[int, str]]]:
    """HTML comments are not report text: removed (line numbers kept), each line with its runs in
    the line as written, and returned with the line each starts on (inline waivers read them)."""
    kept, comments, open_at, inside = [], [], None, []
    for number, raw in enumerate(raw_lines, start=1):
        removed, at = [], 0  # the (start, end) of each comment's part in this line
        while at < len(raw):
            begin = at
            if open_at is None:
                begin = raw.find("<!--", at)
                if begin < 0:
                    break
                at, open_at, inside = begin + 4, number, []
            end = raw.find("-->", at)
            if end < 0:
                inside.append(raw[at:])
                removed.append((begin, len(raw)))
                break
            inside.append(raw[at:end])
            comments.append((open_at, "\n".join(inside).strip()))
            removed.append((begin, end + 3))
            at, open_at = end + 3, None
        kept.append(_without(raw, removed))
    return kept, comments


def _without(raw: str, removed: list[tuple[int, int]]) -> tuple[str, Runs | None]:
    """The line without the `removed` stretches, and its runs in the line."""
    if not removed:
        return raw, None
    pieces, last = [], 0
    for start, end in removed:
        pieces.append((last, start))
        last = end
    pieces.append((last, len(raw)))
    return "".join(raw[start:end] for start, end in pieces), _runs_of(None, pieces)


def read(data: bytes, path: str) -> Document:
    written, encoding = text_lines(data, path)
    uncommented, comments = _strip_comments(written) if any("<!--" in raw for raw in written) else (None, [])
    lines, fenced = [], False
    for number, raw in enumerate(written, start=1):
        text, runs = uncommented[number - 1] if uncommented else (raw, None)
        style = None
        if _FENCE.match(text):  # a fenced code block is no report text: its lines stay, blank
            fenced = not fenced
            text, runs = "", []
        elif fenced:
            text, runs = "", ([] if raw else None)
        else:
            text, runs, style = _clean(text, runs)
        # the line as written, where columns are counted, kept only when the text is not it
        lines.append(Line(number, text, style=style, raw=None if runs is None else Written.of(raw, runs)))
    return Document(path, "md", lines, encoding=encoding, comments=comments)
