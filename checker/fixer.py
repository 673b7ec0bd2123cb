"""`fazhi-check fix`: mechanical typography for .txt/.md — never the wording.

What changes: half-width , ; : ? ! ( ) next to Chinese become full-width; doubled punctuation
is made single; heading numbers take their standard form (一. → 一、, (一) → （一）,
1、 → 1., (1) → （1））; zero-padded dates lose the padding (2021年01月05日 → 2021年1月5日).
Line endings, the encoding (and a BOM) are kept.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from checker.errors import InputError

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CHINESE = r"[\u4e00-\u9fff“”（）《》、，。；：？！]"
_HALF_IN_CHINESE = re.compile(rf"(?<={_CHINESE})[,;:?!()]|[,;:?!()](?={_CHINESE})")
_DOUBLED = re.compile(r"([，。、；：])\1+")
_HEADINGS = [
    (re.compile(r"^(\s*)([一二三四五六七八九十]{1,3})\s*[.．,，](?!\d)"), r"\1\2、"),
    (re.compile(r"^(\s*)[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]"), r"\1（\2）"),
    (re.compile(r"^(\s*)(\d{1,2})\s*[、．](?!\d)"), r"\1\2."),
    (re.compile(r"^(\s*)[（(]\s*(\d{1,2})\s*[）)]"), r"\1（\2）"),
]
_PADDED_MONTH = re.compile(r"(\d{4}\s*年\s*)0(?=\d\s*月)")
_PADDED_DAY = re.compile(r"(\d{1,2}\s*月\s*)0(?=\d\s*日)")


def fix_line(line: str) -> str:
    for pattern, replacement in _HEADINGS:
        line = pattern.sub(replacement, line, count=1)
    for _ in range(2):  # "(一)" after a heading fix, or a punctuation mark next to another
        line = _HALF_IN_CHINESE.sub(lambda m: _FULL[m.group()], line)
    line = _DOUBLED.sub(r"\1", line)
    return _PADDED_DAY.sub(r"\1", _PADDED_MONTH.sub(r"\1", line))


def fix_text(text: str) -> str:
    return "".join(fix_line(line[: len(line) - len(ending)]) + ending
                   for line in text.splitlines(keepends=True)
                   for ending in [line[len(line.rstrip("\r\n")):]])


def read_for_fix(path: str) -> tuple[str, str]:
    from checker.readers import _read_bytes
    from checker.readers.text import check_not_binary, decode

    if Path(path).suffix.lower() not in (".txt", ".text", ".md", ".markdown"):
        raise InputError("fix-unsupported", f"fix 只处理 .txt 和 .md 文件：{path}。Word 文档请在 Word 中修改，或先另存为 .txt。", path)
    data = _read_bytes(Path(path))
    if not data.strip():
        raise InputError("empty", f"文件为空：{path}。请确认导出或保存是否成功。", path)
    text, encoding = decode(data, path)
    check_not_binary(text, path)
    return text, encoding


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"{path}（原文）", tofile=f"{path}（修正后）"))


def write_fixed(path: str, text: str, encoding: str) -> Path:
    """Keep the original as PATH.bak, then write the fixed text in the original encoding."""
    source = Path(path)
    backup = source.with_name(source.name + ".bak")
    backup.write_bytes(source.read_bytes())
    source.write_bytes(text.encode("utf-8-sig" if encoding == "utf-8-sig" else encoding))
    return backup
