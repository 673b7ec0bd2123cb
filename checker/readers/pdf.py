"""PDF with a text layer, via pdfplumber. Page numbers and running headers are dropped; hard
line wraps are rejoined by the document model (no space between CJK or digit characters).
A location is the line number of the extracted text; each line also knows its page."""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter

from checker.document import Document, Line, meaningful_chars, visual_width
from checker.errors import InputError
from checker.readers import display_name

_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")


def _page_lines(page) -> list[tuple[str, bool]]:
    """The text lines of a page, each with whether it is indented (a paragraph start, GB/T 9704
    indents every paragraph by two characters; titles are centred)."""
    lines = [line for line in page.extract_text_lines(return_chars=False) if line["text"].strip()]
    if not lines:
        return []
    margin = min(line["x0"] for line in lines)
    size = statistics.median(line["bottom"] - line["top"] for line in lines)
    return [(line["text"], line["x0"] - margin > 0.8 * size) for line in lines]


def _pages(data: bytes, path: str) -> list[list[tuple[str, bool]]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_page_lines(page) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds of errors on broken files; pdfplumber wraps them
        causes = [exc, *exc.args]
        if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes):
            raise InputError("encrypted", f"PDF 已加密：{display_name(path)}。请导出一份无密码的 PDF 或 .docx。", path) from None
        raise InputError("corrupt", f"PDF 文件已损坏，无法读取：{display_name(path)}（{type(exc).__name__}）。请重新导出 PDF。", path) from None


def _running_lines(pages: list[list[tuple[str, bool]]]) -> set[str]:
    """Lines that repeat at the top or bottom of several pages: running headers and footers."""
    if len(pages) < 2:
        return set()
    edges = Counter()
    for lines in pages:
        content = [text.strip() for text, _ in lines if not _PAGE_NUMBER.match(text)]
        for line in set(content[:1] + content[-1:]):
            edges[re.sub(r"\d+", "#", line)] += 1
    need = max(2, len(pages) // 2 + (len(pages) % 2))
    return {key for key, count in edges.items() if count >= need}


def read(data: bytes, path: str) -> Document:
    pages = _pages(data, path)
    running = _running_lines(pages)
    lines: list[Line] = []
    for page_number, page_lines in enumerate(pages, start=1):
        for raw, indented in page_lines:
            if _PAGE_NUMBER.match(raw) or re.sub(r"\d+", "#", raw.strip()) in running:
                continue
            lines.append(Line(len(lines) + 1, raw, page=page_number, indented=indented))
    if meaningful_chars("".join(line.text for line in lines)) < 20:
        raise InputError("scanned-pdf", f"PDF 中没有可提取的文字：{display_name(path)} 可能是扫描件。请先做 OCR 文字识别，或提供 .docx / .txt 版本。", path)
    lengths = sorted(visual_width(line.text) for line in lines if line.text.strip())
    full_line = statistics.quantiles(lengths, n=4)[2] if len(lengths) >= 4 else max(lengths)
    return Document(path, "pdf", lines, wrap_min_chars=max(8.0, 0.8 * full_line))
