"""The PDF reader's fast path reads exactly what the plain pypdfium2 reading gave.

The reader calls PDFium through pypdfium2's raw bindings, with its rectangle buffers made once,
and gives PDFium the system font files it has read before from memory. The reference here is
the earlier reader, written on pypdfium2's object API and run in a process of its own (so no
font file comes from the cache there): every page's lines must be equal, on the seeds' PDFs
and on a page mixing CJK (BMP and beyond), Latin, full-width indents and two pieces on one line.
"""

import json
import os
import signal
import subprocess
import sys

import pytest
from docmaker import write_pdf
from helpers import ROOT

from checker.errors import InputError
from checker.readers import pdf

SEEDS = ["000", "001", "002", "003", "004"]

# The reader's segments before the fast path: pypdfium2's PdfDocument, get_rect and
# get_text_bounded per rectangle (the reader groups them into lines, checker.readers.pdf.lines_of).
REFERENCE = r'''
import json, sys
import pypdfium2 as pdfium

def page_segments(page):
    textpage = page.get_textpage()
    segments = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", "").replace("\n", "")
        if text.strip():
            segments.append((top, bottom, left, text))
    textpage.close()
    return segments

result = {}
for path in sys.argv[1:]:
    document = pdfium.PdfDocument(path)
    result[path] = [page_segments(document[index]) for index in range(len(document))]
    document.close()
print(json.dumps(result, ensure_ascii=False))
'''


def _mixed_pdf(path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path))
    y = 800
    for text in ["一、总体情况 𠀀𪚥 ABC abc 123", "（一）混排 Helvetica", "\u3000\u3000全角空格开头的段落，带“引号”和《书名号》。",
                 "- 1 -", "第 3 页 共 9 页"]:
        page.setFont("STSong-Light", 12)
        page.drawString(72, y, text)
        y -= 20
    page.setFont("Helvetica", 11)
    page.drawString(72, y, "Latin line with spaces   and  tabs\tend")
    page.setFont("STSong-Light", 12)
    page.drawString(320, y, "右侧同一行")
    page.save()
    return path


def _reference(paths):
    done = subprocess.run([sys.executable, "-c", REFERENCE, *map(str, paths)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300, check=True)
    return {path: [pdf.lines_of([tuple(segment) for segment in page]) for page in pages]
            for path, pages in json.loads(done.stdout).items()}


def _read_pages(path):
    return list(pdf._pages(open(path, "rb").read(), str(path)))


def test_pages_read_exactly_as_through_pypdfium2_objects(made, tmp_path):
    paths = [made(prefix, "pdf") for prefix in SEEDS]
    paths += [write_pdf("\n".join(["一、主要举措和成效", "　　没有页眉的一页。"] * 40), tmp_path / "plain.pdf", running_header=""),
              _mixed_pdf(tmp_path / "mixed.pdf")]
    expected = _reference(paths)
    for path in paths:
        first, again = _read_pages(path), _read_pages(path)  # again: font files now from memory
        assert first == expected[str(path)], path
        assert again == first, path
    assert sum(len(pages) for pages in expected.values()) > 25


def test_signals_wait_until_a_page_loading_call_returns():
    """The per-document time limit (SIGALRM) must not fire inside PDFium's font callback, where
    ctypes would swallow it: while a page loads, the signal waits."""
    engine = pdf._pdfium()
    if engine.mask is None or not engine.fonts.info:
        pytest.skip("no signal masks or no system font info on this platform")
    seen = []
    previous = signal.signal(signal.SIGALRM, lambda *_: seen.append("handler"))
    try:
        def loading():
            os.kill(os.getpid(), signal.SIGALRM)
            sum(range(1000))  # Python code, where an unblocked handler would run
            seen.append("call returned")

        engine.guarded(loading)
        sum(range(1000))
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert seen == ["call returned", "handler"]


def _pdf_with_missing_page() -> bytes:
    """A page tree that counts two pages but holds one: PDFium opens the file, not its second page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 2 /Kids [3 0 R] >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
               b" /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 720 Td (Hello world) Tj ET\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    data, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return bytes(data)


def test_a_page_pdfium_cannot_open_is_a_corrupt_file_not_a_crash():
    with pytest.raises(InputError) as raised:
        pdf.read(_pdf_with_missing_page(), "missing.pdf")
    assert raised.value.code == "corrupt" and "第 2 页无法打开" in raised.value.message


def test_unreadable_bytes_quote_pdfiums_reason_as_before():
    with pytest.raises(InputError) as raised:
        pdf.read(b"%PDF-1.4 not really", "bad.pdf")
    assert raised.value.code == "corrupt"
    assert raised.value.message == ("PDF 文件已损坏，无法读取：bad.pdf（Failed to load document (PDFium: Data format error).）。"
                                    "请重新导出 PDF。")
