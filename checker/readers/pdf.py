"""PDF with a text layer, via PDFium (pypdfium2), one page at a time.

Each page's text segments (PDFium's text rectangles) are grouped into lines by baseline and
ordered top to bottom, left to right; the page is closed before the next is read, so memory
stays flat however many pages there are. Page numbers and running headers and footers are
dropped, paragraph starts (indented lines) kept, hard wraps rejoined by the document model.
A location is the line number of the extracted text; each line also knows its page.
"""

from __future__ import annotations

from checker.document import Document
from checker.errors import InputError
from checker.readers import display_name
from checker.readers.layout import build, indented_lines

_SPACES = " \u3000\u00a0\t"


def _page_lines(page) -> list[tuple[str, bool]]:
    textpage = page.get_textpage()
    try:
        segments = []
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", "").replace("\n", "")
            if text.strip():
                segments.append((top, bottom, left, text))
    finally:
        textpage.close()
    segments.sort(key=lambda s: (-s[0], s[2]))
    lines: list[list] = []  # [top, bottom, left, pieces]
    for top, bottom, left, text in segments:
        height = top - bottom
        line = next((ln for ln in lines[-3:] if abs((ln[0] + ln[1]) / 2 - (top + bottom) / 2) < 0.5 * max(height, 1)), None)
        if line is None:
            lines.append([top, bottom, left, [(left, text)]])
        else:
            line[3].append((left, text))
            line[2] = min(line[2], left)
    out = []
    for top, bottom, left, pieces in lines:
        text = "".join(piece for _, piece in sorted(pieces))
        lead = len(text) - len(text.lstrip(_SPACES))
        # A line typed with leading full-width spaces starts a paragraph as an indented one does.
        shift = (top - bottom) * (lead if text[:1] == "\u3000" else lead / 2)
        out.append((text.strip(_SPACES), left + shift, top - bottom))
    return indented_lines(out)


def _pages(data: bytes, path: str):
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise InputError("encrypted", f"PDF 已加密：{display_name(path)}。请导出一份无密码的 PDF 或 .docx。", path) from None
        raise InputError("corrupt", f"PDF 文件已损坏，无法读取：{display_name(path)}（{exc}）。请重新导出 PDF。", path) from None

    def pages():
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                try:
                    yield _page_lines(page)
                finally:
                    page.close()
        finally:
            pdf.close()

    return pages()


def read(data: bytes, path: str) -> Document:
    return build(_pages(data, path), path, "pdf")
