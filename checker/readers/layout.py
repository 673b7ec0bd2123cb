"""Fixed-layout pages (PDF, OFD) into a document: page numbers and running headers and footers
out, paragraph starts kept (GB/T 9704 indents every paragraph by two characters), each line
knowing its page. Hard wraps are rejoined by the document model."""

from __future__ import annotations

import re
import statistics
from collections import Counter

from checker.document import Document, Line, meaningful_chars, visual_width
from checker.errors import InputError
from checker.readers import display_name

PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")

# One page: its lines as (text, x of the line's left edge, line height), top to bottom.
PageLines = list[tuple[str, float, float]]


SMALL_HEADER = 0.75  # a page's top line in type this much smaller than the page's is a running header


def indented_lines(lines: PageLines) -> list[tuple[str, bool]]:
    """Each line with whether it starts further right than the page's text margin. A page's top
    line set in smaller type than its text is a running header (a browser's print header, Word's
    page header), dropped even on a one-page document, where no repetition shows it."""
    lines = [line for line in lines if line[0].strip()]
    if not lines:
        return []
    text_sizes = [height for text, _, height in lines[1:] if not PAGE_NUMBER.match(text)]
    if text_sizes and lines[0][2] < SMALL_HEADER * statistics.median(text_sizes):
        lines = lines[1:]
    size = statistics.median(height for _, _, height in lines)
    margin = min(x for _, x, _ in lines)
    return [(text, x - margin > 0.8 * size) for text, x, _ in lines]


_DIGITS = re.compile(r"\d+")


def _key(text: str) -> str:
    # Compiled once: this runs for every line of every page (re.sub would look the pattern up each time).
    return _DIGITS.sub("#", text.strip())


class RunningLines:
    """Lines repeated at the top or bottom of pages (running headers and footers), learnt from a
    sample of pages so that long documents need not be held whole."""

    def __init__(self, sample: list[list[tuple[str, bool]]]) -> None:
        self.keys: set[str] = set()
        if len(sample) < 2:
            return
        edges = Counter()
        for lines in sample:
            content = [text.strip() for text, _ in lines if not PAGE_NUMBER.match(text)]
            for line in set(content[:1] + content[-1:]):
                edges[_key(line)] += 1
        need = max(2, len(sample) // 2 + (len(sample) % 2))
        self.keys = {key for key, count in edges.items() if count >= need}

    def furniture(self, text: str) -> bool:
        return bool(PAGE_NUMBER.match(text)) or _key(text) in self.keys


def build(pages, path: str, fmt: str, sample_pages: int = 12) -> Document:
    """The document of an iterable of pages (each a list of (text, indented)), consumed one page at
    a time: the first `sample_pages` pages teach the running headers, later pages are not kept."""
    iterator = iter(pages)
    sample: list[list[tuple[str, bool]]] = []
    for page in iterator:
        sample.append(page)
        if len(sample) >= sample_pages:
            break
    running = RunningLines(sample)
    lines: list[Line] = []
    page_count = 0

    def add(page_lines) -> None:
        nonlocal page_count
        page_count += 1
        for raw, indented in page_lines:
            if not running.furniture(raw):
                lines.append(Line(len(lines) + 1, raw, page=page_count, indented=indented))

    for page in sample:
        add(page)
    del sample
    for page in iterator:
        add(page)
    if meaningful_chars("".join(line.text for line in lines)) < 20:
        label = "PDF " if fmt == "pdf" else "OFD 文件"
        raise InputError("scanned-pdf" if fmt == "pdf" else "no-text",
                         f"{label}中没有可提取的文字：{display_name(path)} 可能是扫描件。请先做 OCR 文字识别，或提供 .docx / .txt 版本。", path)
    lengths = sorted(visual_width(line.text) for line in lines if line.text.strip())
    full_line = statistics.quantiles(lengths, n=4)[2] if len(lengths) >= 4 else max(lengths)
    document = Document(path, fmt, lines, wrap_min_chars=max(8.0, 0.8 * full_line))
    document.meta["pages"] = page_count
    return document
