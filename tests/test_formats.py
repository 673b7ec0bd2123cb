"""The same outline from every supported format, each generated from the real seeds."""

import pytest
from docmaker import seed_path
from helpers import essence

from checker.readers import read
from checker.structure import outline, parse

SEEDS = ["000", "001", "002", "003", "004"]
FORMATS = ["docx", "html", "pdf", "gb18030.txt", "utf16.txt", "bom.txt", "md"]


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("prefix", SEEDS)
def test_same_outline_in_every_format(prefix, kind, made):
    expected = essence(seed_path(prefix), markers=False)  # Markdown headings need no 一、
    assert essence(made(prefix, kind), markers=False) == expected


def test_formats_are_what_they_claim(made):
    assert read(str(made("000", "gb18030.txt"))).encoding == "gb18030"
    assert read(str(made("000", "utf16.txt"))).encoding == "utf-16"
    assert read(str(made("000", "bom.txt"))).encoding == "utf-8-sig"
    assert read(str(made("000", "docx"))).unit == "paragraph"
    pdf = read(str(made("000", "pdf")))
    assert pdf.format == "pdf" and max(line.page for line in pdf.lines) >= 4


def test_pdf_drops_page_numbers_and_running_header(made):
    document = read(str(made("002", "pdf")))
    texts = [line.text.strip() for line in document.lines]
    assert not any(t.startswith("- ") and t.endswith(" -") for t in texts)
    assert "法治政府建设年度报告" not in texts


def test_pdf_rejoins_hard_wraps_without_spaces(made):
    """Seed 000 says "来访 1314 批次、4140 人次": in the PDF it wraps, in the span it is whole."""
    document = read(str(made("000", "pdf")))
    structure = parse(document)
    text = document.span(structure.body_lines()).text
    assert "来访1314批次、4140人次" in text
    assert "网信占比73.98%" in text


def test_html_portal_chrome_is_dropped(made):
    document = read(str(made("002", "html")))
    texts = "\n".join(line.text for line in document.lines)
    for chrome in ("办事服务", "相关链接", "网站标识码", "当前位置"):
        assert chrome not in texts


def test_docx_keeps_title_style_and_tables(tmp_path):
    import docx
    from docmaker import paragraphs, seed_text

    document = docx.Document()
    lines = paragraphs(seed_text("003"))
    document.add_paragraph(lines[0], style="Title")
    for line in lines[1:3]:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "信访联席会议"
    table.rows[0].cells[1].text = "46次"
    for line in lines[3:]:
        document.add_paragraph(line)
    path = tmp_path / "styled.docx"
    document.save(path)
    model = read(str(path))
    assert model.line(1).style == "Title"
    assert [model.line(4).text, model.line(5).text] == ["信访联席会议", "46次"]
    data = outline(parse(model))
    assert data["title"] == "2020年度法治政府建设情况报告"
    assert [h["line"] for h in data["headings"]] == [7, 8, 9, 10]


def test_markdown_heading_marks_are_removed(made):
    document = read(str(made("001", "md")))
    assert document.line(7).text == "一、主要举措和成效"
    assert document.line(7).style == "Heading 2"


def test_short_gbk_text_is_detected(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("区政府：".encode("gbk"))
    assert read(str(path)).lines[0].text == "区政府："


def test_stdin_is_read(made):
    from helpers import cli_json

    from checker.readers import STDIN  # noqa: F401  (the "-" argument)

    import subprocess, sys, os  # noqa: E401
    from helpers import ROOT

    data = seed_path("003").read_bytes()
    result = subprocess.run([sys.executable, "-m", "checker", "outline", "-", "--format", "json"], input=data,
                            capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0
    assert '"title": "2020年度法治政府建设情况报告"' in result.stdout.decode()
    assert cli_json  # the helper module is importable for the other tests
