"""Standard output and error that fail the way a user expects.

- A closed pipe (`fazhi-check check … | head -1`) ends quietly: the rest of the output is
  dropped and the command finishes with its usual exit code.
- A full disk or another write error on standard output (`> /dev/full`) is one Chinese line
  and exit code 2, not an internal error.
- Text that cannot be encoded (a file name that is not valid UTF-8 arrives as surrogate
  escapes) is shown with U+FFFD instead of crashing the encoder: `DISPLAY_ERRORS`.
"""

from __future__ import annotations

import codecs
import io
import os
import sys

from checker.errors import CheckerError

DISPLAY_ERRORS = "fazhi-display"


def _has_surrogates(text: str) -> bool:
    """Whether the text holds lone surrogates (undecodable bytes of a file name). No regex: a
    class of 2,048 code points costs more to compile than a whole run of this takes."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _display(error: UnicodeError):
    """Codec error handler: U+FFFD for what the file system could not decode, ? where even that fails."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    try:  # bytes: the UTF-8 encoder accepts no other non-ASCII replacement
        mark = "\ufffd".encode(error.encoding)
    except (UnicodeError, LookupError):
        mark = b"?"
    return mark * (error.end - error.start), error.end


codecs.register_error(DISPLAY_ERRORS, _display)


def shown(text: str) -> str:
    """A path or message as it may be displayed: undecodable bytes of a file name become U+FFFD."""
    if not isinstance(text, str) or not _has_surrogates(text):
        return text
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


class OutputFailed(CheckerError):
    """Standard output could not be written (not a closed pipe: that one is quiet)."""


class _Sink(io.RawIOBase):
    """A file descriptor that drops output after the reader went away, and reports other failures once."""

    def __init__(self, descriptor: int, report: bool):
        super().__init__()
        self.descriptor, self.report, self.dropping = descriptor, report, False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.descriptor

    def isatty(self) -> bool:
        return os.isatty(self.descriptor)

    def write(self, data) -> int:
        if self.dropping:
            return len(data)
        view, done = memoryview(data), 0
        try:
            while done < len(view):
                done += os.write(self.descriptor, view[done:])
        except BrokenPipeError:
            self.dropping = True
        except OSError as exc:
            self.dropping = True
            if self.report:
                from checker.safe_write import describe

                raise OutputFailed("stdout-unwritable", f"无法写入标准输出（{describe(exc)}）。"
                                   "请清理磁盘空间，或用 -o 把结果写到别的位置。") from None
        return len(data)


def _wrap(stream, report: bool):
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return stream
    stream.flush()
    return io.TextIOWrapper(io.BufferedWriter(_Sink(descriptor, report)), encoding=stream.encoding or "utf-8",
                            errors=DISPLAY_ERRORS, line_buffering=stream.line_buffering,
                            write_through=getattr(stream, "write_through", False))


def install() -> None:
    """Replace the process's standard output and error (only the real ones, once)."""
    if sys.stdout is not None and sys.stdout is sys.__stdout__:
        sys.stdout = _wrap(sys.stdout, report=True)
    if sys.stderr is not None and sys.stderr is sys.__stderr__:
        sys.stderr = _wrap(sys.stderr, report=False)


def run(main, report) -> int:
    """Run a command's `main()` with these streams; returns the exit code. `report(error)` shows
    an OutputFailed on standard error."""
    install()
    try:
        try:
            main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
        sys.stdout.flush()
    except OutputFailed as error:
        report(error)
        code = 2
    return code


def shown_report(report):
    """A report whose path and messages can be written by any output (undecodable names shown
    with U+FFFD); the file itself is read before this, under its real name."""
    if not _has_surrogates(report.path):
        return report
    report.path = shown(report.path)
    if report.error:
        report.error = {**report.error, "message": shown(report.error["message"])}
    report.rule_errors = [{**error, "message": shown(error["message"])} for error in report.rule_errors]
    for result in report.results:
        result.message = shown(result.message)
    return report
