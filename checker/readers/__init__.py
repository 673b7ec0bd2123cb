"""Read a report file into a Document. Each format's reader is imported only when that format is met."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from checker.document import Document
from checker.errors import InputError

STDIN = "-"
MAX_BYTES = 50 * 1024 * 1024  # larger files are refused before reading them whole
_READERS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx",
            ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}
_LEGACY = {".doc": "Word 97-2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）", ".rtf": "RTF 文档", ".odt": "ODT 文档"}


def display_name(path: str) -> str:
    return "<标准输入>" if path == STDIN else path


def read(path: str, stdin_format: str = "txt") -> Document:
    """The document model of one file (or of standard input when `path` is "-")."""
    return read_with_bytes(path, stdin_format)[1]


def read_with_bytes(path: str, stdin_format: str = "txt") -> tuple[bytes, Document]:
    """The file's bytes and its document model, from one read (annotate needs both)."""
    if path == STDIN:
        data = sys.stdin.buffer.read()
        return data, _dispatch(data, STDIN, "." + stdin_format)
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in _LEGACY:
        raise InputError("legacy-format", f"不支持的旧格式：{path} 是{_LEGACY[suffix]}。请在 Word 或 WPS 中“另存为” .docx 后再检查。", path)
    data = _read_bytes(file)
    return data, _dispatch(data, path, suffix)


def _read_bytes(file: Path) -> bytes:
    name = str(file)
    try:
        if not file.exists():
            raise InputError("not-found", f"文件不存在：{name}。请检查路径是否正确。", name)
        if file.is_dir():
            from checker.inputs import folder_error

            raise folder_error(name)
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise InputError("too-large", f"文件过大：{name}（{size // (1024 * 1024)} MB，上限 {MAX_BYTES // (1024 * 1024)} MB）。请确认这是一份年度报告。", name)
        with open(file, "rb") as handle:  # read-only: the checker never modifies its input
            return handle.read()
    except PermissionError:
        raise InputError("permission", f"没有读取权限：{name}。请检查文件及其所在文件夹的权限（chmod / 属性）。", name) from None
    except OSError as exc:
        raise InputError("unreadable", f"无法读取文件：{name}（{exc.strerror or exc}）。", name) from None


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return ".doc"
    head = data[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return ".html"
    return None


def _dispatch(data: bytes, path: str, suffix: str) -> Document:
    name = display_name(path)
    if not data.strip():
        raise InputError("empty", f"文件为空：{name}。请确认导出或保存是否成功。", path)
    sniffed = _sniff(data)
    if sniffed == ".doc" and suffix != ".docx":
        raise InputError("legacy-format", f"不支持的旧格式：{name} 是 Word 97-2003 文档（.doc）。请在 Word 或 WPS 中“另存为” .docx 后再检查。", path)
    if suffix not in _READERS:
        suffix = sniffed or ".txt"
    module = importlib.import_module(f"checker.readers.{_READERS[suffix]}")
    document = module.read(data, path)
    if not any(not line.blank for line in document.lines):
        raise InputError("empty", f"文件为空（只有空白字符）：{name}。请确认导出或保存是否成功。", path)
    return document


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in _READERS and not path.name.startswith(("~$", ".~"))

