"""Word (.docx) via python-docx: body paragraphs and table cells in document order.

A location is a paragraph number: the position of the paragraph among all paragraphs of the
body, table cells included, counted from 1 in document order.
"""

from __future__ import annotations

import io
import zipfile

from checker.document import Document, Line
from checker.errors import InputError
from checker.readers import display_name

MAX_UNPACKED = 200 * 1024 * 1024  # refuse zip bombs before decompressing
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _refuse(path: str, code: str, what: str) -> InputError:
    return InputError(code, f"{what}：{display_name(path)}。请在 Word 或 WPS 中打开并“另存为” .docx 后再检查。", path)


def _check_container(data: bytes, path: str) -> None:
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise _refuse(path, "encrypted", "文档已加密（设有打开密码）。请取消密码")
        raise _refuse(path, "legacy-format", "这是旧版 Word 97-2003（.doc）或 WPS 格式，不是 .docx")
    if not data.startswith(b"PK"):
        raise _refuse(path, "corrupt", "文件不是有效的 .docx（扩展名与内容不符或文件已损坏）")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise _refuse(path, "corrupt", "文件不是 Word 文档（压缩包中没有 word/document.xml）")
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _refuse(path, "corrupt", "文件已损坏，无法作为 .docx 打开") from None
    if unpacked > MAX_UNPACKED:
        raise InputError("too-large", f"文档解压后过大（{unpacked // (1024 * 1024)} MB）：{display_name(path)}。这不像一份年度报告，已拒绝处理。", path)


def _paragraphs(document):
    """Body paragraphs and table-cell paragraphs in document order (merged cells once)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            seen = set()
            for row in Table(child, document).rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        yield paragraph


def _style(paragraph) -> str | None:
    try:
        return paragraph.style.name if paragraph.style is not None else None
    except (KeyError, ValueError):
        return None


def read(data: bytes, path: str) -> Document:
    _check_container(data, path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise _refuse(path, "corrupt", f"文件已损坏，无法作为 .docx 打开（{type(exc).__name__}）") from None
    except Exception as exc:  # lxml syntax errors and the like: still a corrupt file to the user
        raise _refuse(path, "corrupt", f"文件内容无法解析（{type(exc).__name__}）") from None
    lines = [Line(number, p.text, style=_style(p)) for number, p in enumerate(_paragraphs(document), start=1)]
    return Document(path, "docx", lines, unit="paragraph", wrap_min_chars=float("inf"))
