"""Plain text (.txt): UTF-8 with or without BOM, UTF-16, GB18030/GBK, detected on the whole file."""

from __future__ import annotations

import codecs
import re

from checker.document import Document, Line
from checker.errors import InputError
from checker.readers import display_name

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}


def decode(data: bytes, path: str) -> tuple[str, str]:
    """The text and the encoding it was read with. Strict UTF-8 first, then detection."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16"
    if b"\x00" in data:
        return _utf16_without_bom(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data, path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise _undecodable(path) from None


def _utf16_without_bom(data: bytes, path: str) -> tuple[str, str]:
    even_nuls = data[0::2].count(0) / max(1, len(data[0::2]))
    odd_nuls = data[1::2].count(0) / max(1, len(data[1::2]))
    for ratio, encoding in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        if ratio > 0.2 and len(data) % 2 == 0:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    raise _binary(path)


def _detect(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    gb_text = _try(data, "gb18030")
    if best is None or best.encoding in _GB_FAMILY:
        if gb_text is not None:
            return gb_text, "gb18030"
        if best is None:
            raise _undecodable(path)
    text = str(best)
    # Short Chinese texts are often mistaken for other CJK encodings: prefer GB18030 on ties.
    if gb_text is not None and _cjk_share(gb_text) >= _cjk_share(text):
        return gb_text, "gb18030"
    # A report is Chinese: a "detection" that yields almost no Chinese is mojibake, not a reading.
    if len(text) >= 40 and _cjk_share(text) < 0.05:
        raise _undecodable(path)
    return text, best.encoding


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _cjk_share(text: str) -> float:
    common = len(text) - len(_COMMON_CJK_RUN.sub("", text))
    return common / max(1, len(text))


_COMMON_CJK_RUN = re.compile("[\u4e00-\u9fff]+")  # counting through the regex engine, not a loop
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _undecodable(path: str) -> InputError:
    return InputError("undecodable", f"无法识别文件编码：{display_name(path)}。请用记事本或 WPS 另存为 UTF-8 编码的文本。", path)


def _binary(path: str) -> InputError:
    return InputError("binary", f"这不是文本文件：{display_name(path)} 含有二进制数据。请提供 .txt、.md、.docx、.html 或 .pdf 格式的报告。", path)


def check_not_binary(text: str, path: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise _binary(path)


def text_lines(data: bytes, path: str) -> tuple[list[str], str]:
    text, encoding = decode(data, path)
    check_not_binary(text, path)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), encoding


def read(data: bytes, path: str) -> Document:
    raw_lines, encoding = text_lines(data, path)
    lines = [Line(number, text) for number, text in enumerate(raw_lines, start=1)]
    return Document(path, "txt", lines, encoding=encoding)
