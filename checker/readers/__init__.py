"""Read a report file into a Document. Each format's reader is imported only when that format is met."""

from __future__ import annotations

import importlib
import os
import stat
import sys
from pathlib import Path

from checker.document import Document
from checker.errors import InputError

STDIN = "-"
MAX_BYTES = 50 * 1024 * 1024  # larger files are refused before reading them whole
_READERS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx",
            ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".doc": "office", ".wps": "office",
            ".ofd": "ofd"}
_LEGACY = {".rtf": "RTF 文档", ".odt": "ODT 文档（OpenDocument）"}
_ARCHIVES = (".zip",)  # a folder of drafts sent as one file: listed, so that it is named, not passed over


_stdin_name: str | None = None  # the file name standard input goes by (--stdin-filename)


def name_stdin(name: str | None) -> None:
    """Give standard input a file name, as an editor or a CI step piping a draft does: its format
    comes from the name's extension, and the name stands for it in every output and in the file
    patterns of waivers."""
    global _stdin_name
    _stdin_name = name or None


def display_name(path: str) -> str:
    return (_stdin_name or "<标准输入>") if path == STDIN else path


def report_path(path: str) -> str:
    """The path a report of `path` carries: standard input's name when it was given one."""
    return (_stdin_name or STDIN) if path == STDIN else path


def is_stdin(path: str) -> bool:
    """Whether a report's path stands for standard input (there is no file to read it again from)."""
    return path == STDIN or (_stdin_name is not None and path == _stdin_name)


def read(path: str) -> Document:
    """The document model of one file (or of standard input when `path` is "-")."""
    return read_with_bytes(path)[1]


def read_with_bytes(path: str) -> tuple[bytes, Document]:
    """The file's bytes and its document model, from one read (annotate needs both). Standard
    input goes by the name it was given (name_stdin), else its format is known by its content (PDF,
    .docx, .doc, OFD, HTML), else text."""
    if path == STDIN:
        suffix = Path(_stdin_name).suffix.lower() if _stdin_name else ""
        _refuse_legacy(display_name(path), suffix)
        data = read_limited(sys.stdin.buffer, display_name(STDIN))
        return data, _dispatch(data, STDIN, suffix)
    file = Path(path)
    suffix = file.suffix.lower()
    _refuse_legacy(path, suffix)
    data = _read_bytes(file)
    return data, _dispatch(data, path, suffix)


def _refuse_legacy(name: str, suffix: str) -> None:
    if suffix in _ARCHIVES:
        raise InputError("archive", f"压缩包不能直接检查：{name}。请先解压，再检查解压出的文件夹；网页审阅台"
                                    f"（fazhi-check serve）可以直接上传 .zip，但不打开压缩包中的压缩包。", name)
    if suffix in _LEGACY:
        raise InputError("legacy-format", f"不支持的格式：{name} 是 {_LEGACY[suffix]}。请在 Word、WPS 或 LibreOffice 中“另存为” .docx 后再检查。", name)


_NOT_REGULAR = ((stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"), (stat.S_ISFIFO, "命名管道（FIFO）"),
                (stat.S_ISSOCK, "套接字"))


def _too_large(name: str, size: int | None = None) -> InputError:
    amount = f"{size // (1024 * 1024)} MB，上限" if size is not None else "超过上限"
    return InputError("too-large", f"文件过大：{name}（{amount} {MAX_BYTES // (1024 * 1024)} MB）。请确认这是一份年度报告。", name)


def _refuse_unless_regular(mode: int, name: str) -> None:
    for test, kind in _NOT_REGULAR:
        if test(mode):
            raise InputError("not-a-file", f"这不是普通文件：{name} 是{kind}，不能作为报告读取。请指定保存在磁盘上的报告文件。", name)
    if not stat.S_ISREG(mode):
        raise InputError("not-a-file", f"这不是普通文件：{name}，不能作为报告读取。请指定保存在磁盘上的报告文件。", name)


def read_limited(handle, name: str, expected: int = 0) -> bytes:
    """At most MAX_BYTES bytes from a binary stream; more than that is refused without reading it all.
    `expected` (a regular file's size) is read in one go; anything beyond it, or a stream of unknown
    length, in 1 MB pieces (a single read of the whole limit would reserve 50 MB up front)."""
    pieces = [handle.read(min(expected, MAX_BYTES) + 1)] if expected else []
    total = len(pieces[0]) if pieces else 0
    while total <= MAX_BYTES and (not pieces or pieces[-1]):
        piece = handle.read(min(1 << 20, MAX_BYTES + 1 - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    if total > MAX_BYTES:
        raise _too_large(name)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def _read_bytes(file: Path) -> bytes:
    """A regular file's bytes. Devices, FIFOs and sockets are refused before they are opened (a FIFO
    with no writer would block, /dev/zero never ends), and no more than the size limit is read."""
    name = str(file)
    try:
        try:
            info = os.stat(file)
        except FileNotFoundError:
            import glob

            if glob.has_magic(name):
                from checker.inputs import unmatched_error

                raise unmatched_error(name) from None
            raise InputError("not-found", f"文件不存在：{name}。请检查路径是否正确。", name) from None
        if stat.S_ISDIR(info.st_mode):
            from checker.inputs import folder_error

            raise folder_error(name)
        _refuse_unless_regular(info.st_mode, name)
        if info.st_size > MAX_BYTES:
            raise _too_large(name, info.st_size)
        # O_NONBLOCK: a file swapped for a FIFO after the check still cannot block the open.
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        # Read-only: the checker never modifies its input. Unbuffered: the file is read in one
        # piece, and a buffer would only copy it once more.
        with open(descriptor, "rb", buffering=0) as handle:
            opened = os.fstat(descriptor)
            _refuse_unless_regular(opened.st_mode, name)
            return read_limited(handle, name, opened.st_size)
    except PermissionError:
        raise InputError("permission", f"没有读取权限：{name}。请检查文件及其所在文件夹的权限（chmod / 属性）。", name) from None
    except OSError as exc:
        raise InputError("unreadable", f"无法读取文件：{name}（{exc.strerror or exc}）。", name) from None


def _zip_holds(data: bytes, name: str) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return any(member.rsplit("/", 1)[-1] == name for member in package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


_OLE = b"\xd0\xcf\x11\xe0"  # an OLE compound document: .doc, .wps


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):  # a zip: an OFD package holds OFD.xml, a .docx word/document.xml
        return ".ofd" if _zip_holds(data, "OFD.xml") else ".docx"
    if data.startswith(_OLE):
        return ".doc"
    head = data[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return ".html"
    return None


def _dispatch(data: bytes, path: str, suffix: str) -> Document:
    name = display_name(path)
    if not data.strip():
        what = "文件为空" if not data else "文件为空（只有空白字符）"
        raise InputError("empty", f"{what}：{name}。请确认导出或保存是否成功。", path)
    if data.startswith(_OLE) and suffix not in (".docx", ".wps"):
        suffix = ".doc"  # an OLE compound document is a Word 97-2003 file whatever its name says
    if suffix not in _READERS:  # no name to go by (standard input, an unknown extension): the content
        suffix = _sniff(data) or ".txt"
    module = importlib.import_module(f"checker.readers.{_READERS[suffix]}")
    document = module.read(data, report_path(path))
    if not any(line.norm for line in document.lines):  # every line blank
        raise InputError("empty", f"文件为空（只有空白字符）：{name}。请确认导出或保存是否成功。", path)
    return document


def _temporary(path: Path) -> bool:
    return path.name.startswith(("~$", ".~"))  # Word's and LibreOffice's lock files


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in _READERS and not _temporary(path)


def is_listed(path: Path) -> bool:
    """A file a folder (or zip) check lists: a supported report, or a draft in a format the reader
    explains it cannot read (.odt, .rtf, a .zip), so that it shows up as not checked instead of vanishing."""
    suffix = path.suffix.lower()
    return (suffix in _READERS or suffix in _LEGACY or suffix in _ARCHIVES) and not _temporary(path)

