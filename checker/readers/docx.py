"""Word (.docx) as Word shows it, read straight from the package's XML.

- Automatic numbering (numbering.xml) is rendered into the paragraph text: 一、（一）1.（1）.
- Tracked changes are read in their accepted state: inserted and moved-to text is in, deleted
  and moved-from text is out. The document keeps the number of unaccepted revisions and of
  comments in `Document.meta` (the scorecard and `outline` show them).
- Tables row by row, cells in order (nested tables inside their cell); text boxes after the
  paragraph that anchors them (the VML fallback copy is skipped); footnotes, then endnotes,
  after the body. Headers, footers, comments and hidden text are not report text.
- One style map per document: paragraph style names, their `w:basedOn` chains and the
  numbering they carry are read once from styles.xml.

A location is a paragraph number: the position of the paragraph in that reading order,
counted from 1 (table cells, text boxes and notes included).
"""

from __future__ import annotations

from checker.document import Document, Line
from checker.errors import InputError
from checker.readers import display_name
from checker.readers.package import Package
from checker.readers.wordnumbering import W, Numbering

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_UI_NAMES = {f"heading {n}": f"Heading {n}" for n in range(1, 10)} | {"caption": "Caption", "header": "Header",
                                                                       "footer": "Footer"}
_REVISIONS = {W + name for name in ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange", "sectPrChange",
                                    "tblPrChange", "trPrChange", "tcPrChange", "numberingChange")}
_SKIP = {W + name for name in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText", "delInstrText",
                               "footnoteReference", "endnoteReference", "footnoteRef", "endnoteRef", "commentReference",
                               "annotationRef", "fldData", "txbxContent")} | {_MC + "Fallback"}
_CONTAINERS = {W + name for name in ("sdt", "customXml", "ins", "moveTo", "smartTag")}
_NOTE_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}


def refuse(path: str, code: str, what: str) -> InputError:
    return InputError(code, f"{what}：{display_name(path)}。请在 Word 或 WPS 中打开并“另存为” .docx 后再检查。", path)


def _check_container(data: bytes, path: str) -> None:
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise refuse(path, "encrypted", "文档已加密（设有打开密码）。请取消密码")
        raise refuse(path, "legacy-format", "这是旧版 Word 97-2003（.doc）或 WPS 格式，不是 .docx")
    if not data.startswith(b"PK"):
        raise refuse(path, "corrupt", "文件不是有效的 .docx（扩展名与内容不符或文件已损坏）")


def _on(element) -> bool:
    """A w:onOffType element that is present and not switched off."""
    return element is not None and element.get(W + "val", "true") not in ("0", "false", "off")


class Styles:
    """Paragraph styles of one document: names, basedOn chains and the numbering they carry."""

    def __init__(self, root) -> None:
        self.names: dict[str, str] = {}
        self.based_on: dict[str, str] = {}
        self.numbering: dict[str, tuple[str | None, int | None]] = {}
        self.hidden: set[str] = set()
        self.default: str | None = None
        if root is None:
            return
        for style in root.iter(W + "style"):
            style_id = style.get(W + "styleId")
            if style_id is None:
                continue
            name = style.find(W + "name")
            self.names[style_id] = name.get(W + "val", style_id) if name is not None else style_id
            based = style.find(W + "basedOn")
            if based is not None:
                self.based_on[style_id] = based.get(W + "val")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                num = num_pr.find(W + "numId")
                ilvl = num_pr.find(W + "ilvl")
                self.numbering[style_id] = (None if num is None else num.get(W + "val"),
                                            None if ilvl is None else int(ilvl.get(W + "val", "0") or 0))
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                self.default = style_id

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            yield style_id
            style_id = self.based_on.get(style_id)

    def name(self, style_id: str | None) -> str | None:
        style_id = style_id if style_id in self.names else self.default
        if style_id is None:
            return None
        name = self.names[style_id]
        return _UI_NAMES.get(name.lower(), name)

    def numbering_of(self, style_id: str | None) -> tuple[str | None, int | None] | None:
        """(numId, ilvl) a style gives its paragraphs, inherited through basedOn."""
        num_id, ilvl = None, None
        for current in self.chain(style_id):
            found = self.numbering.get(current)
            if found:
                num_id = num_id or found[0]
                ilvl = found[1] if ilvl is None else ilvl
                if num_id:
                    break
        return None if num_id is None else (num_id, ilvl)


def _textboxes(paragraph):
    """Text box contents anchored in a paragraph (not the mc:Fallback copy, not nested boxes, not deleted)."""
    for box in paragraph.iter(W + "txbxContent"):
        parent, keep = box.getparent(), True
        while parent is not None and parent is not paragraph:
            if parent.tag in (_MC + "Fallback", W + "txbxContent", W + "del", W + "moveFrom"):
                keep = False
                break
            parent = parent.getparent()
        if keep:
            yield box


def iter_paragraphs(container):
    """w:p elements of a body, cell, text box or note in reading order."""
    for child in container:
        tag = child.tag
        if tag == W + "p":
            yield child
            for box in _textboxes(child):
                yield from iter_paragraphs(box)
        elif tag == W + "tbl":
            yield from _table_paragraphs(child)
        elif tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from iter_paragraphs(content)
        elif tag in _CONTAINERS:
            yield from iter_paragraphs(child)


def _table_paragraphs(table):
    for row in _children(table, W + "tr"):
        if row.find(f"{W}trPr/{W}del") is not None:
            continue  # a deleted row: gone once the revisions are accepted
        for cell in _children(row, W + "tc"):
            yield from iter_paragraphs(cell)


def _children(element, tag):
    """Direct children with `tag`, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == W + "customXml":
            yield from _children(child, tag)


def paragraph_text(paragraph) -> str:
    """The visible text of one paragraph in the accepted state (without its automatic number)."""
    out: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag == W + "r":
                props = child.find(W + "rPr")
                if props is not None and (_on(props.find(W + "vanish")) or _on(props.find(W + "webHidden"))):
                    continue
                walk(child)
            elif tag in (W + "tab", W + "ptab"):
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") not in ("page", "column"):
                    out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    walk(choice)
            else:
                walk(child)

    walk(paragraph)
    return "".join(out)


def _paragraph_style(paragraph) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(W + "val")


def _number(paragraph, style_id: str | None, styles: Styles, numbering: Numbering) -> str:
    num_pr = paragraph.find(f"{W}pPr/{W}numPr")
    num_id = ilvl = None
    if num_pr is not None:
        num = num_pr.find(W + "numId")
        level = num_pr.find(W + "ilvl")
        num_id = None if num is None else num.get(W + "val")
        ilvl = None if level is None else int(level.get(W + "val", "0") or 0)
    if num_id is None:
        inherited = styles.numbering_of(style_id)
        if inherited:
            num_id, ilvl = inherited[0], ilvl if ilvl is not None else inherited[1]
    return numbering.label(num_id, ilvl, style_id)


class _Parts:
    """The parts of a .docx that hold report text, found through the package relationships."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.main = self._target("_rels/.rels", "", "/officeDocument") or "word/document.xml"
        if not package.has(self.main):
            raise package.refuse("corrupt", "文件不是 Word 文档（压缩包中没有 word/document.xml）")
        base = self.main.rsplit("/", 1)[0] if "/" in self.main else ""
        self.rels = f"{base}/_rels/{self.main.rsplit('/', 1)[-1]}.rels" if base else f"_rels/{self.main}.rels"

    def _target(self, rels: str, base: str, kind: str) -> str | None:
        root = self.package.xml(rels) if self.package.has(rels) else None
        if root is None:
            return None
        for rel in root.iter(_REL + "Relationship"):
            if rel.get("Type", "").endswith(kind) and rel.get("TargetMode") != "External":
                return self.package.resolve(base or "/", rel.get("Target", ""))
        return None

    def related(self, kind: str) -> str | None:
        if not hasattr(self, "_related"):
            self._related = {}
            root = self.package.xml(self.rels) if self.package.has(self.rels) else None
            for rel in (root.iter(_REL + "Relationship") if root is not None else ()):
                if rel.get("TargetMode") != "External":
                    self._related.setdefault(rel.get("Type", "").rsplit("/", 1)[-1],
                                             self.package.resolve(self.main, rel.get("Target", "")))
        return self._related.get(kind)


def read(data: bytes, path: str) -> Document:
    _check_container(data, path)
    package = Package(data, path, lambda code, what: refuse(path, code, what))
    parts = _Parts(package)
    styles = Styles(package.xml(parts.related("styles")))
    numbering = Numbering(package.xml(parts.related("numbering")), styles)
    body_root = package.xml(parts.main)
    body = body_root.find(W + "body")
    if body is None:
        raise refuse(path, "corrupt", "文件不是 Word 文档（document.xml 中没有正文）")
    lines: list[Line] = []
    revisions = 0

    def add(paragraphs, note: bool = False) -> None:
        for paragraph in paragraphs:
            style_id = _paragraph_style(paragraph)
            text = _number(paragraph, style_id, styles, numbering) + paragraph_text(paragraph)
            lines.append(Line(len(lines) + 1, text, style=styles.name(style_id), note=note))

    add(iter_paragraphs(body))
    revisions += sum(1 for element in body.iter() if element.tag in _REVISIONS)
    del body_root, body
    for kind, tag in (("footnotes", "footnote"), ("endnotes", "endnote")):
        root = package.xml(parts.related(kind))
        if root is None:
            continue
        for note in root.iter(W + tag):
            if note.get(W + "type") in _NOTE_SEPARATORS:
                continue
            add(iter_paragraphs(note), note=True)
        revisions += sum(1 for element in root.iter() if element.tag in _REVISIONS)
    comments_root = package.xml(parts.related("comments"))
    comments = 0 if comments_root is None else sum(1 for _ in comments_root.iter(W + "comment"))
    document = Document(path, "docx", lines, unit="paragraph", wrap_min_chars=float("inf"))
    document.meta.update({"revisions": revisions, "comments": comments})
    return document


def _paragraphs(document):
    """python-docx paragraphs of the body in the reader's order (annotate comments on them)."""
    from docx.text.paragraph import Paragraph

    for element in iter_paragraphs(document.element.body):
        yield Paragraph(element, document._body)
