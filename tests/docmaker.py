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
