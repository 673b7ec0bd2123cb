"""PDF with a text layer, via PDFium (pypdfium2), one page at a time.

Each page's text segments (PDFium's text rectangles) are grouped into lines by baseline and
ordered top to bottom, left to right; the page is closed before the next is read, so memory
stays flat however many pages there are. Page numbers and running headers and footers are
dropped, paragraph starts (indented lines) kept, hard wraps rejoined by the document model.
A location is the line number of the extracted text; each line also knows its page.

PDFium is called through pypdfium2's ctypes bindings (`pypdfium2_raw`), not through its object
layer: `import pypdfium2` also loads the helpers, logging and finalizer machinery (about 30 ms
more, paid again by every worker process), and its wrappers add a Python object and a finalizer
per page and text page and two fresh buffers per text rectangle. The calls are pypdfium2's,
on the same arguments, except that a rectangle's text is asked for once (see `segments`), so
the text is the same: tests/test_pdf_speed_equivalence.py compares the two readings. Most of
the remaining time is PDFium's own: parsing each page and loading every glyph's outline for its
box, once for the page and again for its text.
"""

from __future__ import annotations

from checker.document import Document
from checker.errors import InputError
from checker.readers import display_name
from checker.readers.layout import build, indented_lines

_SPACES = " \u3000\u00a0\t"
# FPDF_GetLastError codes as pypdfium2 words them: the corrupt-file message quotes the wording.
_ERRORS = {0: "Success", 1: "Unknown error", 2: "File access error", 3: "Data format error",
           4: "Incorrect password error", 5: "Unsupported security scheme error", 6: "Page not found or content error"}
_PASSWORD = 4
_engine: _Engine | None = None


class _FontFiles:
    """System font files kept in memory once PDFium has read them whole, and given back from there.

    PDFium draws a font that a PDF names but does not embed (every reportlab STSong-Light PDF,
    many exported reports) with a system font, and reads that font's whole file again for every
    document that needs it: 16 MB for WenQuanYi Zen Hei, about a fifth of the CPU of reading a
    five-page PDF, spent in the kernel's copy. Giving PDFium the same bytes from memory is a plain
    copy. The cache wraps PDFium's own system font info (same fonts, same choices, same bytes)
    and holds whole files of 1 MB or more, 64 MB at most."""

    SMALLEST, BUDGET = 1 << 20, 64 << 20
    WHOLE = (0, 0x74746366)  # the tables meaning the whole file: a font, a TrueType collection ('ttcf')

    def __init__(self, pdfium, ctypes) -> None:
        self.held: dict[tuple[int, int], bytes] = {}
        self.memmove, self.string_at = ctypes.memmove, ctypes.string_at
        self.info = pdfium.FPDF_GetDefaultSystemFontInfo()
        if not self.info:  # no system fonts on this platform: nothing to cache
            return
        fields = self.info.contents
        reads, releases = type(fields.GetFontData), type(fields.Release)
        # PDFium's own functions, copied by address: a field read from the structure would follow
        # the structure's memory and so turn into the replacement.
        read, release = (ctypes.cast(field, ctypes.c_void_p).value for field in (fields.GetFontData, fields.Release))
        self.read, self.release = reads(read), releases(release)
        # The callbacks stay referenced here as long as PDFium may call them (to the process's end).
        self.callbacks = (reads(self._data), releases(self._release))
        fields.GetFontData, fields.Release = self.callbacks
        pdfium.FPDF_SetSystemFontInfo(self.info)

    def _data(self, this, font, table, buffer, size):
        """PDFium's GetFontData: the size of a table (or of the whole file), and the bytes when the
        buffer can hold them; a file PDFium read whole is given back from memory afterwards."""
        whole = self.held.get((font, table))
        if whole is not None:
            if buffer and size >= len(whole):
                self.memmove(buffer, whole, len(whole))
            return len(whole)
        length = self.read(this, font, table, buffer, size)
        if (buffer and table in self.WHOLE and self.SMALLEST <= length <= size
                and length + sum(map(len, self.held.values())) <= self.BUDGET):
            try:
                self.held[(font, table)] = self.string_at(buffer, length)
            except MemoryError:  # the document's memory limit: PDFium has its copy anyway
                pass
        return length

    def _release(self, this) -> None:
        """PDFium lets go of the font info (another one installed, or the library ended): the font
        handles, which the cache is keyed by, end with it."""
        self.held.clear()
        self.release(this)


class _Engine:
    """PDFium, initialised once per process, with the out-parameters and text buffer of the
    rectangle calls made once instead of per rectangle."""

    def __init__(self) -> None:
        import ctypes
        import signal

        try:
            import pypdfium2_raw as pdfium
        except ImportError:  # a pypdfium2 that keeps its bindings inside the package
            import pypdfium2.raw as pdfium

        # The configuration pypdfium2 passes on import (version 2: no user font paths, no V8).
        # PDFium ignores a second initialisation, so pypdfium2 imported elsewhere in the process
        # is harmless; like pypdfium2 until its exit handler, the library stays up to the end.
        pdfium.FPDF_InitLibraryWithConfig(
            pdfium.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0))
        self.pdfium, self.string_at = pdfium, ctypes.string_at
        self.box = [ctypes.c_double() for _ in range(4)]  # left, top, right, bottom
        self.refs = [ctypes.byref(value) for value in self.box]
        self.units = ctypes.c_ushort
        self.size = 4096  # UTF-16 units; a text rectangle is one line or part of one
        self.buffer = (self.units * self.size)()
        self.fonts = _FontFiles(pdfium, ctypes)
        # Fonts are loaded, and the cache's Python callback runs, inside the page loading calls.
        # A Python signal handler running there (the per-document time limit's SIGALRM, Ctrl-C)
        # would raise inside the callback, where ctypes prints and swallows the exception and
        # PDFium gets no font: so those signals wait, blocked, until the call returns, as they
        # wait for any C call.
        self.mask = getattr(signal, "pthread_sigmask", None)
        self.signals = {signal.SIGINT} | ({signal.SIGALRM} if hasattr(signal, "SIGALRM") else set())
        self.block, self.unblock = getattr(signal, "SIG_BLOCK", None), getattr(signal, "SIG_SETMASK", None)

    def guarded(self, function, *args):
        """`function(*args)` (a PDFium call that may load fonts) with the signals above held back."""
        if self.mask is None or not self.fonts.info:
            return function(*args)
        previous = self.mask(self.block, self.signals)
        try:
            return function(*args)
        finally:
            self.mask(self.unblock, previous)

    def segments(self, page) -> list[tuple[float, float, float, str]]:
        """(top, bottom, left, text) of each of the page's text rectangles that holds more than spaces.
        The text is what pypdfium2's `get_text_bounded` returns for the rectangle, its UTF-16 decoded
        with stray surrogates dropped, from one call instead of two: pypdfium2 asks PDFium for the
        length first and then for the text, and PDFium gathers the rectangle's characters each time."""
        pdfium, box, refs = self.pdfium, self.box, self.refs
        bounded = pdfium.FPDFText_GetBoundedText
        textpage = self.guarded(pdfium.FPDFText_LoadPage, page)
        if not textpage:
            raise RuntimeError("PDFium could not load the page's text")
        found = []
        try:
            for index in range(pdfium.FPDFText_CountRects(textpage, 0, -1)):
                if not pdfium.FPDFText_GetRect(textpage, index, *refs):
                    raise RuntimeError("PDFium could not give a text rectangle")
                left, top, right, bottom = box[0].value, box[1].value, box[2].value, box[3].value
                written = bounded(textpage, left, top, right, bottom, self.buffer, self.size)
                while written >= self.size:  # the buffer is full, so the text may go on: a larger one
                    self._grow()
                    written = bounded(textpage, left, top, right, bottom, self.buffer, self.size)
                if written and not self.buffer[written - 1]:
                    written -= 1  # PDFium counts the terminating NUL it wrote when there was room
                if written <= 0:
                    continue
                text = self.string_at(self.buffer, 2 * written).decode("utf-16-le", "ignore")
                text = text.replace("\r", "").replace("\n", "")
                if text.strip():
                    found.append((top, bottom, left, text))
        finally:
            pdfium.FPDFText_ClosePage(textpage)
        return found

    def _grow(self) -> None:
        self.size = 2 * self.size
        self.buffer = (self.units * self.size)()


def _pdfium() -> _Engine:
    global _engine
    if _engine is None:
        _engine = _Engine()
    return _engine


def lines_of(segments: list[tuple[float, float, float, str]]) -> list[tuple[str, bool]]:
    """A page's lines from its text segments (top, bottom, left, text): grouped by baseline,
    top to bottom, left to right, with their indents."""
    segments = sorted(segments, key=lambda s: (-s[0], s[2]))
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
    """Each page's lines, one page at a time. A generator: the document is opened when the first
    page is wanted and closed in the `finally` however the reading ends, and PDFium, which reads
    `data` in place, can count on the generator's frame to keep it referenced until then."""
    engine = _pdfium()
    pdfium = engine.pdfium
    pdf = pdfium.FPDF_LoadMemDocument64(data, len(data), None)
    if not pdf or pdfium.FPDF_GetPageCount(pdf) < 1:
        code = pdfium.FPDF_GetLastError()
        if pdf:
            pdfium.FPDF_CloseDocument(pdf)
        if code == _PASSWORD:
            raise InputError("encrypted", f"PDF 已加密：{display_name(path)}。请导出一份无密码的 PDF 或 .docx。", path)
        reason = f"Failed to load document (PDFium: {_ERRORS.get(code, f'Unhandled constant {code}')})."
        raise InputError("corrupt", f"PDF 文件已损坏，无法读取：{display_name(path)}（{reason}）。请重新导出 PDF。", path)
    try:
        for index in range(pdfium.FPDF_GetPageCount(pdf)):
            page = engine.guarded(pdfium.FPDF_LoadPage, pdf, index)
            if not page:
                raise InputError("corrupt", f"PDF 文件已损坏，无法读取：{display_name(path)}（第 {index + 1} 页无法打开）。"
                                 "请重新导出 PDF。", path)
            try:
                yield lines_of(engine.segments(page))
            finally:
                pdfium.FPDF_ClosePage(page)
    finally:
        pdfium.FPDF_CloseDocument(pdf)


def read(data: bytes, path: str) -> Document:
    return build(_pages(data, path), path, "pdf")
