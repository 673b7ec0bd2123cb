"""Plain text (.txt): UTF-8 with or without BOM, UTF-16, GB18030/GBK, detected on the whole file."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from itertools import count, repeat

from checker import regexes
from checker.document import Document, Line, normalise_lines
from checker.errors import InputError
from checker.readers import display_name

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}


def decode(data: bytes, path: str) -> tuple[str, str]:
    """The text and the encoding it was read with. Strict UTF-8 first, then detection."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    probed = _utf16_without_bom(data)
    if probed is not None:
        return probed
    if b"\x00" in data:
        raise _binary(path)
    return _detect(data, path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise _undecodable(path) from None


@lru_cache(maxsize=1)
def _plausible_and_han() -> tuple[re.Pattern, re.Pattern]:
    """Compiled only for a file that is not UTF-8 (wide classes take milliseconds to compile)."""
    return (regexes.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2000-\u206f\u00a0-\u00ff\u2460-\u24ff"
                            r"\u0020-\u007e\t\n\r\f]"), regexes.compile(r"[\u3400-\u9fff]"))


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark (Chinese text has no NUL bytes to betray it): the
    byte order whose reading is almost all Chinese, punctuation and ASCII, or None."""
    if len(data) % 2 or len(data) < 8:
        return None
    best = None
    plausible_chars, han_chars = _plausible_and_han()
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        plausible = len(plausible_chars.findall(text)) / len(text)
        han = len(han_chars.findall(text)) / len(text)
        if plausible >= 0.98 and han >= 0.2 and (best is None or plausible > best[0]):
            best = (plausible, text, encoding)
    return None if best is None else (best[1], best[2])


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
    common = len(text) - len(re.sub("[\u4e00-\u9fff]+", "", text))  # the regex engine counts, not a loop
    return common / max(1, len(text))


_CONTROL = regexes.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _undecodable(path: str) -> InputError:
    return InputError("undecodable", f"无法识别文件编码：{display_name(path)}。请用记事本或 WPS 另存为 UTF-8 编码的文本。", path)


def _binary(path: str) -> InputError:
    return InputError("binary", f"这不是文本文件：{display_name(path)} 含有二进制数据。请提供 .txt、.md、.docx、.doc、.wps、.html、.pdf 或 .ofd 格式的报告。", path)


def check_not_binary(text: str, path: str) -> None:
    _refuse_if_binary(len(_CONTROL.findall(text)), len(text), path)


def _refuse_if_binary(controls: int, length: int, path: str) -> None:
    if controls > max(2, length // 100):
        raise _binary(path)


_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])  # what _CONTROL finds, U+FFFD aside


def _control_count(text: str, data: bytes, encoding: str) -> int:
    """The characters _CONTROL finds in a text decoded from `data`. Read from UTF-8, the control
    characters are counted in the bytes, in one pass of C: there each is a byte of its own, part
    of no other character. U+FFFD is counted in the text: a search for one character (memchr
    fast), where its bytes EF BF BD would be sought among the many EF that start ，and （."""
    if encoding in ("utf-8", "utf-8-sig"):
        return _control_bytes(data) + text.count("\ufffd")
    return len(_CONTROL.findall(text))


def _control_bytes(data: bytes) -> int:
    """How many bytes of `data` are in _CONTROL_BYTES. Most files hold none: a search for each
    (memchr) tells that quicker than the one pass that deletes them all."""
    if not any(byte in data for byte in _CONTROL_BYTES):
        return 0
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def text_lines(data: bytes, path: str) -> tuple[list[str], str]:
    text, encoding = decode(data, path)
    _refuse_if_binary(_control_count(text, data, encoding), len(text), path)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), encoding


def read(data: bytes, path: str) -> Document:
    raw_lines, encoding = text_lines(data, path)
    norms, markers = normalise_lines(raw_lines)
    # map() builds the lines without a Python loop; the arguments are Line's, in order.
    lines = list(map(Line, count(1), raw_lines, repeat(None), repeat(None), repeat(False), repeat(False), norms))
    return Document(path, "txt", lines, encoding=encoding, script_markers=markers)
