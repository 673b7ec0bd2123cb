"""`fazhi-check fix`: mechanical typography for .txt/.md — never the wording.

What changes: half-width , ; : ? ! ( ) next to Chinese become full-width; doubled punctuation
is made single; heading numbers take their standard form (一. → 一、, (一) → （一）, （一）、 →
（一）, 1、 → 1., (1) → （1））; zero-padded dates lose the padding (2021年01月05日 → 2021年1月5日).
Line endings, the encoding (and a BOM) are kept; in Markdown, code, link targets, images and
HTML tags are not touched.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError
from checker.readers.markdown import INLINE_CODE
from checker.streams import shown

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CHINESE = r"[\u4e00-\u9fff“”（）《》、，。；：？！]"
_HALF_IN_CHINESE = re.compile(rf"(?<={_CHINESE})[,;:?!()]|[,;:?!()](?={_CHINESE})")
_DOUBLED = re.compile(r"([，。、；：])\1+")
# The heading forms format.headings finds (rules/structure.yaml), after a Markdown "## " too. A
# Chinese numeral's dot before a year is still its separator (一.2024年度…); an Arabic one
# before a digit is a decimal (1.5).
_START = r"^(\s*(?:#{1,6}\s+)?)"
_HEADINGS = [
    (re.compile(_START + r"([一二三四五六七八九十]{1,3})\s*[.．,，]"), r"\1\2、"),
    (re.compile(_START + r"[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)](?:\s*[、.．,，](?!\d))?"), r"\1（\2）"),
    (re.compile(_START + r"(\d{1,2})\s*[、．](?!\d)"), r"\1\2."),
    (re.compile(_START + r"[（(]\s*(\d{1,2})\s*[）)](?:\s*[、.．,，](?!\d))?"), r"\1（\2）"),
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


# Markdown that is syntax, not text: inline code, a link's or image's target, the ! of an image,
# HTML tags. They are set aside while a line is fixed, and fenced code blocks are left alone.
_MARKDOWN_SYNTAX = re.compile(INLINE_CODE.pattern + r"|\]\([^)\n]*\)|!(?=\[)|<[^<>\n]+>")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_HOLE = "\ue000"  # a private-use character stands for each part set aside


def _fix_markdown_line(line: str) -> str:
    kept = _MARKDOWN_SYNTAX.findall(line)
    if not kept or _HOLE in line:
        return fix_line(line) if not kept else line
    pieces = iter(kept)
    return re.sub(_HOLE, lambda _: next(pieces), fix_line(_MARKDOWN_SYNTAX.sub(_HOLE, line)))


def fix_text(text: str, markdown: bool = False) -> str:
    """The text fixed line by line, line endings kept; `markdown`: its syntax untouched."""
    out, fenced = [], False
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if markdown and _FENCE.match(body):
            fenced = not fenced
            out.append(line)
            continue
        fixed = body if fenced else _fix_markdown_line(body) if markdown else fix_line(body)
        out.append(fixed + line[len(body):])
    return "".join(out)


@dataclass
class Source:
    """A file as `fix` read it: the bytes (the backup is made from these), the text and how to encode it back."""

    path: str
    data: bytes
    text: str
    encoding: str


def read_for_fix(path: str) -> Source:
    from checker.readers import _read_bytes
    from checker.readers.text import check_not_binary, decode

    if Path(path).suffix.lower() not in (".txt", ".text", ".md", ".markdown"):
        raise InputError("fix-unsupported", f"fix 只处理 .txt 和 .md 文件：{shown(path)}。Word 文档请在 Word 中修改，或先另存为 .txt。", path)
    data = _read_bytes(Path(path))
    if not data.strip():
        raise InputError("empty", f"文件为空：{shown(path)}。请确认导出或保存是否成功。", path)
    text, encoding = decode(data, path)
    check_not_binary(text, path)
    return Source(path, data, text, encoding)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"{path}（原文）", tofile=f"{path}（修正后）"))


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def encode(source: Source, text: str) -> bytes:
    """The fixed text in the file's own encoding: the same BOM and byte order as before."""
    bom, codec = next(((bom, codec) for bom, codec in _BOMS if source.data.startswith(bom)), (b"", source.encoding))
    try:
        return bom + text.removeprefix("\ufeff" if bom else "").encode(codec)
    except UnicodeEncodeError:
        raise InputError("fix-unencodable", f"修正后的文字无法用原编码（{source.encoding}）保存：{shown(source.path)}。未做修改。", source.path) from None


def write_fixed(source: Source, text: str, force: bool = False) -> str:
    """Write the fixed text over the file, keeping the bytes that were read as PATH.bak.

    Refused, with the file and any .bak untouched: a read-only file, an existing .bak (unless
    `force`), a file that changed since it was read. The new text is renamed into place."""
    from checker.safe_write import replacing, write_bytes

    path, backup = source.path, source.path + ".bak"
    try:
        writable = os.access(path, os.W_OK) and os.stat(path).st_mode & 0o222
    except OSError:
        writable = False
    if not writable:
        raise InputError("read-only", f"文件是只读的：{shown(path)}。未做修改；如需修正，请先取消只读属性再运行 fix --write。", path)
    if os.path.lexists(backup) and not force:
        raise InputError("backup-exists", f"备份文件已存在：{shown(backup)}。为免覆盖上一次的原稿，未做修改；请先移走该备份，或加 --force 覆盖它。", path)
    fixed = encode(source, text)
    with replacing(path, "wb", what="报告") as handle:
        handle.write(fixed)
        if _current_bytes(path, len(source.data) + 1) != source.data:
            raise InputError("changed-during-fix", f"文件在修正期间被改动：{shown(path)}。未做修改，请重新运行 fix。", path)
        write_bytes(backup, source.data, inputs=[path], what="备份文件")
    return backup


def _current_bytes(path: str, limit: int) -> bytes | None:
    """What the file holds now (at most `limit` bytes: enough to see it differs)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(limit)
    except OSError:
        return None
