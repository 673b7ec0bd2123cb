"""Build real documents of every supported format from the seed reports, for the tests.

python-docx writes .docx, reportlab (built-in STSong-Light CID font) writes Chinese PDFs with
hard line wraps, page numbers and a running header; HTML pages are wrapped in portal chrome
built from plain <div>s as government portals build them.
"""

from __future__ import annotations

import html
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def seed_path(prefix: str) -> Path:
    return next(p for p in SEED_FILES if p.name.startswith(prefix))


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def write_txt(text: str, path: Path, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_md(text: str, path: Path) -> Path:
    """Markdown with the level-1 headings marked up as `##` and the title as `#`."""
    import re

    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if re.match(r"^[一二三四五六七八九十]+、", stripped) and len(stripped) < 90 and "。" not in stripped[:-1]:
            out.append("## " + stripped)
        elif stripped.endswith("报告") and len(stripped) < 60:
            out.append("# " + stripped)
        else:
            out.append(line)
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def write_docx(text: str, path: Path, title_style: bool = False) -> Path:
    import docx

    document = docx.Document()
    for paragraph in paragraphs(text):
        style = "Title" if title_style and paragraph.strip().endswith("报告") else None
        document.add_paragraph(paragraph.strip(), style=style)
    document.save(path)
    return path


PORTAL_HEAD = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} - 区人民政府门户网站</title>
<style>.nav a{{margin:0 8px}}</style></head><body>
<div class="top"><div class="logo">区人民政府门户网站</div>
<div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/bsfw">办事服务</a><a href="/hdjl">互动交流</a><a href="/zjxq">走进本区</a></div></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设年度报告</div>
<div class="wrap"><div class="side"><div class="side-title">相关链接</div><ul><li><a href="/a">国务院</a></li><li><a href="/b">市政府</a></li><li><a href="/c">区委</a></li></ul></div>
<div class="article"><div class="article-title">{title}</div>
<div class="article-info">发布日期：2021-02-01　来源：本网　字体：【大 中 小】　<a href="#">打印</a>　<a href="#">分享</a></div>
<div class="article-content">
"""
PORTAL_FOOT = """</div></div></div>
<div class="footer"><p>版权所有：区人民政府办公室　主办单位：区人民政府办公室</p>
<p>ICP备案：渝ICP备00000000号-1　网站标识码：5000000000　渝公网安备 50000000000000号</p></div>
</body></html>"""


def write_html(text: str, path: Path, title: str = "法治政府建设年度报告") -> Path:
    body = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in paragraphs(text))
    path.write_text(PORTAL_HEAD.format(title=html.escape(title)) + body + PORTAL_FOOT, encoding="utf-8")
    return path


def _wrap(text: str, width: float, font: str, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for char in text:
        if stringWidth(current + char, font, size) > width and current:
            lines.append(current)
            current = ""
        current += char
    return lines + ([current] if current else [])


def write_pdf(text: str, path: Path, running_header: str = "法治政府建设年度报告") -> Path:
    """A4 pages, 16 pt STSong-Light, about 28 characters a line as in GB/T 9704."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font, size, leading = "STSong-Light", 16, 26
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    width, height = A4
    left, top, bottom = 72, height - 90, 80
    pdf = canvas.Canvas(str(path), pagesize=A4)
    page, y = 1, top

    def finish_page():
        pdf.setFont(font, 10)
        pdf.drawString(left, height - 50, running_header)
        pdf.drawCentredString(width / 2, 40, f"- {page} -")

    pdf.setFont(font, size)
    indent = "\u3000\u3000"  # every paragraph starts two characters in, as GB/T 9704 asks
    for paragraph in paragraphs(text):
        for line in _wrap(indent + paragraph.strip(), width - 2 * left, font, size):
            if y < bottom:
                finish_page()
                pdf.showPage()
                page, y = page + 1, top
                pdf.setFont(font, size)
            pdf.drawString(left, y, line)
            y -= leading
    finish_page()
    pdf.save()
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A PDF whose page holds only drawings, no text layer (as a scan)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for row in range(40):
        pdf.rect(60, 780 - row * 18, 400 - (row % 7) * 30, 8, fill=1)
    pdf.showPage()
    pdf.save()
    return path


WRITERS = {
    "docx": lambda text, path: write_docx(text, path),
    "html": lambda text, path: write_html(text, path),
    "pdf": lambda text, path: write_pdf(text, path),
    "gb18030.txt": lambda text, path: write_txt(text, path, "gb18030"),
    "utf16.txt": lambda text, path: write_txt(text, path, "utf-16"),
    "bom.txt": lambda text, path: write_txt(text, path, "utf-8-sig"),
    "md": lambda text, path: write_md(text, path),
}


def convert(prefix: str, kind: str, folder: Path) -> Path:
    path = folder / f"{seed_path(prefix).stem}.{kind}"
    if not path.exists():
        WRITERS[kind](seed_text(prefix), path)
    return path


# Word drafts as offices make them: automatic numbering, tracked changes, tables, text boxes,
# footnotes. The XML is what Word writes (numbering.xml, w:ins/w:del, mc:AlternateContent).

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING_FORMS = [(0, r"^([一二三四五六七八九十]+)、"), (1, r"^（([一二三四五六七八九十]+)）"), (2, r"^(\d{1,2})\.(?!\d)")]


def _cn(text: str) -> int:
    from checker.numerals import chinese_to_int

    return chinese_to_int(text)


def _level_xml(ilvl: int, fmt: str, text: str, style: str | None = None) -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{style_xml}'
            f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


def write_numbered_docx(text: str, path: Path, style_linked: bool = False) -> Path:
    """The seed with its 一、（一）1. headings numbered by Word (numbering.xml) instead of typed.

    A heading whose typed number differs from the running count gets a new w:num with a
    w:startOverride (Word's "restart at"). With `style_linked`, level-1 headings take their
    number from a paragraph style whose list is defined through w:numStyleLink.
    """
    import re

    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    document = docx.Document()
    levels = (_level_xml(0, "chineseCountingThousand", "%1、", "FzHeadingOne" if style_linked else None)
              + _level_xml(1, "chineseCounting", "（%2）") + _level_xml(2, "decimal", "%3.")
              + _level_xml(3, "decimal", "（%4）"))
    ns = f'xmlns:w="{W_NS}"'
    numbering = document.part.numbering_part.element
    if style_linked:  # num 90 → abstract 90 (numStyleLink FzList) → style FzList → num 91 → abstract 91
        abstracts = [f'<w:abstractNum {ns} w:abstractNumId="90"><w:numStyleLink w:val="FzList"/></w:abstractNum>',
                     f'<w:abstractNum {ns} w:abstractNumId="91"><w:styleLink w:val="FzList"/>{levels}</w:abstractNum>']
        nums = [f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>',
                f'<w:num {ns} w:numId="91"><w:abstractNumId w:val="91"/></w:num>']
        styles = document.styles.element
        styles.append(parse_xml(f'<w:style {ns} w:type="numbering" w:styleId="FzList"><w:name w:val="Fz List"/>'
                                f'<w:pPr><w:numPr><w:numId w:val="91"/></w:numPr></w:pPr></w:style>'))
        heading_style = document.styles.add_style("一级标题", WD_STYLE_TYPE.PARAGRAPH)
        heading_style.element.set(f"{{{W_NS}}}styleId", "FzHeadingOne")
        heading_style.element.append(parse_xml(f'<w:pPr {ns}><w:numPr><w:numId w:val="90"/></w:numPr></w:pPr>'))
    else:
        abstracts = [f'<w:abstractNum {ns} w:abstractNumId="90">{levels}</w:abstractNum>']
        nums = [f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>']
    for index, xml in enumerate(abstracts):
        numbering.insert(index, parse_xml(xml))
    for xml in nums:
        numbering.append(parse_xml(xml))

    counters, overrides, num_id, next_num = [0, 0, 0, 0], {}, 90, 92
    for paragraph_text in paragraphs(text):
        stripped = paragraph_text.strip()
        found = next(((level, m) for level, form in _HEADING_FORMS if (m := re.match(form, stripped))), None)
        if found is None:
            document.add_paragraph(stripped)
            continue
        level, match = found
        value = int(match.group(1)) if level == 2 else _cn(match.group(1))
        expected = overrides.get(level, 1) if counters[level] == 0 else counters[level] + 1
        if value != expected:  # restart the list at the typed number, as Word's "set numbering value"
            num_id, next_num, overrides = next_num, next_num + 1, {level: value}
            numbering.append(parse_xml(f'<w:num {ns} w:numId="{num_id}"><w:abstractNumId w:val="{90}"/>'
                                       f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{value}"/></w:lvlOverride></w:num>'))
            counters[level] = 0
        counters[level] = value
        for deeper in range(level + 1, 4):
            counters[deeper] = 0
        if style_linked and level == 0 and num_id == 90:
            document.add_paragraph(stripped[match.end():], style="一级标题")
            continue
        paragraph = document.add_paragraph(stripped[match.end():])
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    document.save(path)
    return path


_DELETED = "（此句已在审阅中删除）"
_MOVED_AWAY = "（此句已移到别处）"


def write_tracked_docx(text: str, path: Path) -> Path:
    """The seed as a draft with unaccepted revisions: parts of its text are tracked insertions and
    moves, deleted text (and a deleted section heading) is still in the file, two comments."""
    from xml.sax.saxutils import escape

    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    ns = f'xmlns:w="{W_NS}"'
    stamp = 'w:author="审核人" w:date="2021-01-20T10:00:00Z"'
    revision = 100
    for index, paragraph_text in enumerate(paragraphs(text)):
        stripped = paragraph_text.strip()
        paragraph = document.add_paragraph()
        half = len(stripped) // 2
        head, tail = escape(stripped[:half]), escape(stripped[half:])
        revision += 1
        if index % 3 == 0 and len(stripped) > 6:
            xml = f'<w:r {ns}><w:t xml:space="preserve">{head}</w:t></w:r>', \
                  f'<w:ins {ns} w:id="{revision}" {stamp}><w:r><w:t xml:space="preserve">{tail}</w:t></w:r></w:ins>'
        elif index % 3 == 1 and len(stripped) > 6:
            xml = f'<w:r {ns}><w:t xml:space="preserve">{head}</w:t></w:r>', \
                  f'<w:del {ns} w:id="{revision}" {stamp}><w:r><w:delText>{_DELETED}</w:delText></w:r></w:del>', \
                  f'<w:r {ns}><w:t xml:space="preserve">{tail}</w:t></w:r>'
        elif len(stripped) > 6:
            xml = f'<w:moveFrom {ns} w:id="{revision}" {stamp}><w:r><w:t>{_MOVED_AWAY}</w:t></w:r></w:moveFrom>', \
                  f'<w:r {ns}><w:t xml:space="preserve">{head}</w:t></w:r>', \
                  f'<w:moveTo {ns} w:id="{revision + 500}" {stamp}><w:r><w:t xml:space="preserve">{tail}</w:t></w:r></w:moveTo>'
        else:
            xml = (f'<w:r {ns}><w:t xml:space="preserve">{escape(stripped)}</w:t></w:r>',)
        for piece in xml:
            paragraph._p.append(parse_xml(piece))
        if index == 5:  # a whole section heading deleted in review, paragraph mark included
            gone = document.add_paragraph()
            gone._p.get_or_add_pPr().append(parse_xml(
                f'<w:rPr {ns}><w:del w:id="{revision + 900}" {stamp}/></w:rPr>'))
            gone._p.append(parse_xml(f'<w:del {ns} w:id="{revision + 901}" {stamp}><w:r>'
                                     f'<w:delText>六、删除的章节标题</w:delText></w:r></w:del>'))
    body = document.paragraphs
    document.add_comment(body[1].runs or [body[1].add_run("")], text="请核对数据。", author="审核人")
    document.add_comment(body[3].runs[:1] or [body[3].add_run("")], text="表述再斟酌。", author="审核人")
    document.save(path)
    return path


def write_table_docx(text: str, path: Path, start: int = 8, count: int = 6) -> Path:
    """The seed with `count` of its paragraphs (from the `start`-th) laid out in a two-column
    table, row by row, as drafts put figures side by side."""
    import docx

    document = docx.Document()
    items = [p.strip() for p in paragraphs(text)]
    for item in items[:start]:
        document.add_paragraph(item)
    cells = items[start:start + count]
    table = document.add_table(rows=(len(cells) + 1) // 2, cols=2)
    for index, item in enumerate(cells):
        table.rows[index // 2].cells[index % 2].text = item
    for item in items[start + count:]:
        document.add_paragraph(item)
    document.save(path)
    return path


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_V = "urn:schemas-microsoft-com:vml"


def write_textbox_docx(text: str, path: Path, box: int = 8) -> Path:
    """The seed with its `box`-th paragraph in a text box (DrawingML, plus the VML fallback copy
    Word writes for older readers), anchored in an otherwise empty paragraph; a header and a
    footer that are not report text."""
    from xml.sax.saxutils import escape

    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    items = [p.strip() for p in paragraphs(text)]
    for index, item in enumerate(items):
        if index != box:
            document.add_paragraph(item)
            continue
        inner = f'<w:txbxContent><w:p><w:r><w:t xml:space="preserve">{escape(item)}</w:t></w:r></w:p></w:txbxContent>'
        anchor = document.add_paragraph()
        anchor._p.append(parse_xml(
            f'<w:r xmlns:w="{W_NS}" xmlns:mc="{_MC}" xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:wps="{_WPS}" xmlns:v="{_V}">'
            f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="5000000" cy="900000"/>'
            f'<wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData uri="{_WPS}"><wps:wsp><wps:txbx>{inner}</wps:txbx>'
            f'</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback>'
            f'</mc:AlternateContent></w:r>'))
    section = document.sections[0]
    section.header.paragraphs[0].text = "内部资料 注意保存"
    section.footer.paragraphs[0].text = "第 1 页"
    document.save(path)
    return path


def add_footnote(docx_path: Path, paragraph_index: int, note: str) -> Path:
    """Give the `paragraph_index`-th body paragraph a footnote (python-docx writes none: the part,
    its relationship and content type are added to the package as Word adds them)."""
    import re
    import zipfile
    from xml.sax.saxutils import escape

    with zipfile.ZipFile(docx_path) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                 f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(note)}</w:t></w:r></w:p>'
                 '</w:footnote></w:footnotes>')
    parts["word/footnotes.xml"] = footnotes.encode("utf-8")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.wordprocessingml.footnotes+xml"/></Types>')
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdFoot1" Type="http://schemas.openxmlformats.org/officeDocument/'
                             b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    body = parts["word/document.xml"].decode("utf-8")
    ends = [m.end() for m in re.finditer(r"</w:r>", body)]
    starts = [m.start() for m in re.finditer(r"<w:p[ >]", body)]
    cut = next(e for e in ends if e > starts[paragraph_index])
    body = body[:cut] + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>' + body[cut:]
    parts["word/document.xml"] = body.encode("utf-8")
    with zipfile.ZipFile(docx_path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return docx_path


WRITERS.update({
    "numbered.docx": lambda text, path: write_numbered_docx(text, path),
    "stylenum.docx": lambda text, path: write_numbered_docx(text, path, style_linked=True),
    "tracked.docx": lambda text, path: write_tracked_docx(text, path),
    "table.docx": lambda text, path: write_table_docx(text, path),
    "textbox.docx": lambda text, path: write_textbox_docx(text, path),
})


def write_doc(text: str, path: Path) -> Path:
    """A Word 97-2003 .doc made by LibreOffice from the seed's .docx (a private profile per call)."""
    import shutil
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        source = write_docx(text, Path(folder) / f"{path.stem}.docx")
        subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}", "--headless",
                        "--convert-to", "doc:MS Word 97", "--outdir", folder, str(source)],
                       check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
        shutil.copyfile(Path(folder) / f"{path.stem}.doc", path)
    return path


def write_wps(text: str, path: Path) -> Path:
    """A .wps file: WPS Office's .wps is an OLE compound document holding a Word-binary stream, as
    .doc is; a WPS-saved copy of the .doc is therefore the .doc's bytes under the .wps name."""
    path.write_bytes(write_doc(text, path.with_suffix(".doc")).read_bytes())
    return path


WRITERS.update({"doc": write_doc, "wps": write_wps})


OFD_NS = "http://www.ofdspec.org/2016"


def write_ofd(text: str, path: Path, running_header: str = "法治政府建设年度报告") -> Path:
    """An OFD package laid out as GB/T 33190-2016 describes: OFD.xml → Doc_0/Document.xml →
    Pages/Page_N/Content.xml, A4 pages (mm), 16 pt type (5.6 mm), about 28 characters a line,
    paragraphs indented two characters, a running header and a page number on every page and a
    template page (where producers put furniture). Text objects are written in shuffled order
    and some lines in two TextCodes, so the reader must order lines by position; the page
    folders are named in an order different from Document.xml's, which is the order that counts."""
    import random
    import zipfile
    from xml.sax.saxutils import escape

    from checker.document import visual_width

    size, leading, left, top, bottom, width = 5.6, 9.2, 25.0, 30.0, 270.0, 160.0
    per_line = int(width / size)
    lines_of_pages, current, y = [], [], top
    for paragraph in paragraphs(text):
        rest = "\u3000\u3000" + paragraph.strip()
        while rest:
            cut, used = 0, 0.0
            while cut < len(rest) and used + visual_width(rest[cut]) <= per_line:
                used += visual_width(rest[cut]) or 0.5
                cut += 1
            if y > bottom:
                lines_of_pages.append(current)
                current, y = [], top
            current.append((y, rest[:cut]))
            rest, y = rest[cut:], y + leading
    lines_of_pages.append(current)
    shuffle = random.Random(33190)

    def text_object(ident: int, x: float, y: float, codes: list[tuple[float, str]], font_size: float = size) -> str:
        inner = "".join(f'<ofd:TextCode X="{cx:.2f}" Y="{font_size:.2f}">{escape(t)}</ofd:TextCode>' for cx, t in codes)
        return (f'<ofd:TextObject ID="{ident}" Boundary="{x:.2f} {y - font_size:.2f} {width:.2f} {font_size * 1.4:.2f}" '
                f'Font="2" Size="{font_size:.2f}">{inner}</ofd:TextObject>')

    files, page_entries, ident = {}, [], 100
    order = list(range(len(lines_of_pages)))
    for number, page_lines in enumerate(lines_of_pages, start=1):
        objects = []
        for y_pos, line in page_lines:
            ident += 1
            lead = len(line) - len(line.lstrip("\u3000"))
            body_text = line[lead:]
            x = left + lead * size
            if len(body_text) > 10 and ident % 4 == 0:  # one line, two TextCodes on the same baseline
                half = len(body_text) // 2
                codes = [(0.0, body_text[:half]), (visual_width(body_text[:half]) * size, body_text[half:])]
            else:
                codes = [(0.0, body_text)]
            objects.append(text_object(ident, x, y_pos, codes))
        ident += 2
        objects.append(text_object(ident, left, 18.0, [(0.0, running_header)], 3.5))
        objects.append(text_object(ident + 1, 95.0, 285.0, [(0.0, f"- {number} -")], 3.5))
        shuffle.shuffle(objects)
        folder = f"Pages/Page_{order[-number]}"  # folder names do not follow the reading order
        files[f"Doc_0/{folder}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Template TemplateID="2"/>'
            f'<ofd:Content><ofd:Layer ID="{ident + 2}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
        page_entries.append(f'<ofd:Page ID="{number + 10}" BaseLoc="{folder}/Content.xml"/>')
        ident += 3
    files["Doc_0/Tpls/Tpl_0/Content.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="3">'
        f'{text_object(4, left, 290.0, [(0.0, "模板页中的页脚文字")], 3.0)}</ofd:Layer></ofd:Content></ofd:Page>')
    files["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
        f'<ofd:MaxUnitID>{ident + 10}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
        '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
        f'</ofd:CommonData><ofd:Pages>{"".join(page_entries)}</ofd:Pages></ofd:Document>')
    files["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
        '<ofd:DocInfo><ofd:DocID>0c5e3a0b6c6a4f0e9d7c2b1a00000001</ofd:DocID><ofd:Creator>fazhi-check tests</ofd:Creator>'
        '</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", files.pop("OFD.xml"))
        for name in sorted(files):
            package.writestr(name, files[name])
    return path


WRITERS.update({"ofd": write_ofd})
