"""Markdown (.md): text lines with their markup removed; `#` headings kept as style hints."""

from __future__ import annotations

import re

from checker.document import Document, Line
from checker.readers.text import text_lines

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?!\s)|`)")
_QUOTE = re.compile(r"^\s{0,3}>\s?")


def _clean(text: str) -> tuple[str, str | None]:
    style = None
    heading = _HEADING.match(text)
    if heading:
        style = f"Heading {len(heading.group(1))}"
        text = text[heading.end():].rstrip("# ")
    text = _QUOTE.sub("", text)
    return _EMPHASIS.sub("", text), style


def read(data: bytes, path: str) -> Document:
    raw_lines, encoding = text_lines(data, path)
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        text, style = _clean(raw)
        lines.append(Line(number, text, style=style))
    return Document(path, "md", lines, encoding=encoding)
