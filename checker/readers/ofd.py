"""OFD (GB/T 33190-2016), the national fixed-layout format: the text of its pages.

OFD.xml → DocBody/DocRoot → Document.xml → Pages/Page@BaseLoc → each page's Content.xml, in
the order Document.xml lists the pages. On a page, every TextObject's TextCodes are placed at
Boundary + (X, Y) and grouped into lines by baseline (Y, then X); TextCodes on one baseline are
joined. Template pages (where producers put running headers and footers), annotations,
signatures and attachments are not report text. Page numbers and running lines are dropped and
paragraph starts kept as for PDF. The package is read through the same guards as .docx: the zip
directory is checked before anything is decompressed, member paths stay inside the archive,
XML is parsed without DTDs, entities or network, within byte and element budgets.

A location is the line number of the extracted text; each line also knows its page.
"""

from __future__ import annotations

import re

from checker.document import Document
from checker.errors import InputError
from checker.readers import display_name
from checker.readers.layout import build, indented_lines
from checker.readers.package import Package

_NUMBERS = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def refuse(path: str, code: str, what: str) -> InputError:
    return InputError(code, f"{what}：{display_name(path)}。请重新导出 OFD，或提供 PDF / .docx 版本。", path)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element, name: str):
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _children(element, name: str):
    return [child for child in element if _local(child.tag) == name]


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBERS.findall(text or "")]


def _text_objects(element):
    """TextObjects of a page's content in document order, through layers and nested page blocks."""
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        name = _local(child.tag)
        if name == "TextObject":
            yield child
        elif name in ("Layer", "PageBlock", "CompositeObject", "Content"):
            stack.append(iter(child))


def _page_lines(content, path: str) -> list[tuple[str, bool]]:
    codes = []  # (y, x, size, text)
    for text_object in _text_objects(content):
        box = _numbers(text_object.get("Boundary"))
        left, top = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        size = (_numbers(text_object.get("Size")) or [3.5])[0]
        x = y = 0.0
        for code in _children(text_object, "TextCode"):
            x = (_numbers(code.get("X")) or [x])[0]
            y = (_numbers(code.get("Y")) or [y])[0]
            text = code.text or ""
            if text.strip():
                codes.append((top + y, left + x, size, text))
    codes.sort(key=lambda c: (c[0], c[1]))
    lines: list[list] = []  # [baseline, size, [(x, text)]]
    for y, x, size, text in codes:
        if lines and abs(lines[-1][0] - y) <= 0.4 * max(size, lines[-1][1]):
            lines[-1][2].append((x, text))
        else:
            lines.append([y, size, [(x, text)]])
    out = []
    for _, size, pieces in lines:
        pieces.sort()
        text = "".join(piece for _, piece in pieces)
        lead = len(text) - len(text.lstrip(" \u3000"))
        out.append((text.strip(" \u3000"), pieces[0][0] + lead * size, size))
    return indented_lines(out)


def _pages(package: Package, path: str):
    root = package.xml("OFD.xml")
    if root is None or _local(root.tag) != "OFD":
        raise refuse(path, "corrupt", "文件不是有效的 OFD（压缩包中没有 OFD.xml）")
    body = _child(root, "DocBody")
    doc_root = None if body is None else _child(body, "DocRoot")
    document_name = package.resolve("OFD.xml", (doc_root.text or "") if doc_root is not None else "")
    document = package.xml(document_name) if document_name else None
    if document is None:
        raise refuse(path, "corrupt", "文件不是有效的 OFD（找不到 DocRoot 指向的 Document.xml）")
    pages = _child(document, "Pages")
    written = [page.get("BaseLoc", "") for page in (_children(pages, "Page") if pages is not None else [])]
    del document, root
    held = package.mark()
    for base_loc in written:
        location = package.resolve(document_name, base_loc)
        content = package.xml(location) if location else None
        if content is None:
            raise refuse(path, "corrupt", f"OFD 文件不完整或页面路径无效（找不到页面 {base_loc or '（空）'}）")
        lines = _page_lines(_child(content, "Content") if _child(content, "Content") is not None else content, path)
        del content
        package.release(held)  # one page's XML at a time counts against the budgets
        yield lines


def read(data: bytes, path: str) -> Document:
    if not data.startswith(b"PK"):
        raise refuse(path, "corrupt", "文件不是有效的 OFD（OFD 是 zip 压缩包，这个文件不是）")
    package = Package(data, path, lambda code, what: refuse(path, code, what))
    return build(_pages(package, path), path, "ofd")
