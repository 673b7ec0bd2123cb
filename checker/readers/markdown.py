"""Markdown (.md): text lines with their markup removed; `#` headings kept as style hints; code is
no report text: the lines of a fenced code block are read as blank (line numbers stay those of the
file) and inline code is removed, as `fix` leaves both alone."""

from __future__ import annotations

import re

from checker.document import Document, Line
from checker.readers.text import text_lines

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?!\s)|`)")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")  # an image is no text
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")  # a link is its text
INLINE_CODE = re.compile(r"`[^`\n]*`")  # what `fix` sets aside as code


def _clean(text: str) -> tuple[str, str | None]:
    style = None
    heading = _HEADING.match(text)
    if heading:
        style = f"Heading {len(heading.group(1))}"
        text = text[heading.end():].rstrip("# ")
    text = _QUOTE.sub("", text)
    if "`" in text:
        text = INLINE_CODE.sub("", text)
    if "](" in text:
        text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    return _EMPHASIS.sub("", text), style


def _strip_comments(raw_lines: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """HTML comments are not report text: removed (line numbers kept), and returned with the
    line each starts on (inline waivers read them)."""
    kept, comments, open_at, inside = [], [], None, []
    for number, raw in enumerate(raw_lines, start=1):
        out, rest = "", raw
        while rest:
            if open_at is None:
                start = rest.find("<!--")
                if start < 0:
                    out, rest = out + rest, ""
                    continue
                out, rest, open_at, inside = out + rest[:start], rest[start + 4:], number, []
            end = rest.find("-->")
            if end < 0:
                inside.append(rest)
                rest = ""
                continue
            inside.append(rest[:end])
            comments.append((open_at, "\n".join(inside).strip()))
            rest, open_at = rest[end + 3:], None
        kept.append(out)
    return kept, comments


def read(data: bytes, path: str) -> Document:
    raw_lines, encoding = text_lines(data, path)
    raw_lines, comments = _strip_comments(raw_lines) if any("<!--" in raw for raw in raw_lines) else (raw_lines, [])
    lines, fenced = [], False
    for number, raw in enumerate(raw_lines, start=1):
        if _FENCE.match(raw):  # a fenced code block is no report text: its lines stay, blank
            fenced = not fenced
            lines.append(Line(number, ""))
            continue
        text, style = ("", None) if fenced else _clean(raw)
        lines.append(Line(number, text, style=style))
    return Document(path, "md", lines, encoding=encoding, comments=comments)
