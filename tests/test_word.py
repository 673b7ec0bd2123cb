"""Word drafts as offices exchange them: automatic numbering, tracked changes, tables, text boxes,
footnotes; each built from a seed and checked to give the seed's own verdicts."""

import json
import re
import zipfile

import pytest
from docmaker import add_footnote, seed_path, seed_text, write_docx
from helpers import beside_seed, essence, run_cli, statuses

from checker.readers import read

SEEDS = ["000", "001", "002", "003", "004"]
KINDS = ["numbered.docx", "stylenum.docx", "tracked.docx", "table.docx", "textbox.docx"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("prefix", SEEDS)
def test_word_draft_reads_as_the_seed(prefix, kind, made, pack):
    path = made(prefix, kind)
    assert essence(path) == essence(seed_path(prefix))
    assert statuses(path, pack) == statuses(seed_path(prefix), pack)


def test_automatic_numbers_are_in_the_text_not_typed(made):
    path = made("000", "numbered.docx")
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "一、" not in xml and "（一）" not in xml and xml.count("<w:numPr>") == 16
    lines = {line.text for line in read(str(path)).lines}
    assert "一、2020 年度推进法治政府建设的主要举措和成效" in lines
    assert "（一）依法全面履行政府职能情况" in lines


def test_style_linked_numbering_through_num_style_link(made):
    path = made("002", "stylenum.docx")
    document = read(str(path))
    first = [line for line in document.lines if line.style == "一级标题"]
    assert [line.text[:2] for line in first] == ["一、", "二、", "三、", "四、", "五、"]


def test_tracked_changes_are_read_accepted_and_counted(made):
    path = made("000", "tracked.docx")
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    expected = sum(len(re.findall(f"<w:{tag}[ >]", xml)) for tag in ("ins", "del", "moveFrom", "moveTo"))
    document = read(str(path))
    text = "\n".join(line.text for line in document.lines)
    assert "此句已在审阅中删除" not in text and "此句已移到别处" not in text and "删除的章节标题" not in text
    assert seed_text("000").split("\n")[8].strip() in text  # half typed, half a tracked insertion
    assert document.meta == {"revisions": expected, "comments": 2}
    assert expected == 50
    shown = run_cli("outline", str(path)).stdout.decode("utf-8")
    assert "修订与批注：尚有 50 处未接受的修订、2 条批注（按接受全部修订后的文字检查）" in shown
    result = run_cli("check", "--format", "json", str(path))
    meta = json.loads(result.stdout)["reports"][0]["meta"]
    assert (meta["revisions"], meta["comments"]) == (50, 2)
    assert "尚有 50 处未接受的修订、2 条批注" in run_cli("check", "--format", "text", str(path)).stdout.decode("utf-8")
    assert read(str(made("000", "numbered.docx"))).meta == {"revisions": 0, "comments": 0}


def test_annotate_keeps_the_revisions_and_comments(made, tmp_path):
    path = made("003", "tracked.docx")
    output = tmp_path / "reviewed.docx"
    assert run_cli("annotate", str(path), "-o", str(output)).returncode in (0, 1)
    before = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    after = zipfile.ZipFile(output).read("word/document.xml").decode("utf-8")
    assert after.count("<w:ins ") == before.count("<w:ins ") and after.count("<w:del ") == before.count("<w:del ")
    reviewed = read(str(output))
    assert reviewed.meta["revisions"] == read(str(path)).meta["revisions"]
    assert reviewed.meta["comments"] > 2


def test_table_cells_row_by_row(made):
    document = read(str(made("003", "table.docx")))
    items = [p.strip() for p in seed_text("003").split("\n") if p.strip()]
    texts = [line.text for line in document.lines]
    assert texts[8:14] == items[8:14]


def test_text_box_once_headers_and_footers_never(made):
    document = read(str(made("000", "textbox.docx")))
    boxed = [p.strip() for p in seed_text("000").split("\n") if p.strip()][8]
    texts = [line.text for line in document.lines]
    assert texts.count(boxed) == 1 and texts.index(boxed) == 9  # right after its (empty) anchor paragraph
    assert not any("内部资料" in t or "第 1 页" in t for t in texts)


def test_footnotes_follow_the_body_and_the_signature_is_still_found(tmp_path, pack):
    note = "数据来源：区信访办信息系统，截至2020年12月31日。"
    path = add_footnote(write_docx(seed_text("000"), tmp_path / "notes.docx"), 10, note)
    document = read(str(path))
    last = document.lines[-1]
    assert (last.text.strip(), last.note) == (note, True)
    assert not any("1" == line.text[-1:] for line in document.lines[9:12])  # the reference mark is not text
    assert essence(path) == essence(seed_path("000"))
    assert statuses(path, pack) == statuses(seed_path("000"), pack)


def test_heading_styles_are_read_once_with_their_word_names(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("2020年度法治政府建设情况报告", style="Title")
    document.add_paragraph("主要举措和成效", style="Heading 1")
    document.add_paragraph("正文一段。")
    path = tmp_path / "styled.docx"
    document.save(path)
    assert [line.style for line in read(str(path)).lines] == ["Title", "Heading 1", "Normal"]


def _repacked(tmp_path, name: str, document_xml: bytes) -> str:
    good = write_docx(seed_text("003"), tmp_path / "good.docx")
    target = tmp_path / name
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, document_xml if item.filename == "word/document.xml" else source.read(item))
    return str(target)


def test_xml_that_unpacks_past_the_parse_budget_is_refused(tmp_path):
    """Under the 200 MB archive guard, but 40 MB of XML to parse: refused while reading, by size."""
    filler = b"<w:p><w:r><w:t>" + "报告".encode("utf-8") * 2000 + b"</w:t></w:r></w:p>"
    xml = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + filler * (40 * 1024 * 1024 // len(filler)) + b"</w:body></w:document>")
    path = _repacked(tmp_path, "inflated.docx", xml)
    result = run_cli("check", path, str(seed_path("002")), "--format", "json")
    assert result.returncode == 2
    reports = beside_seed(result.stdout)
    assert reports[0]["error"]["code"] == "too-large" and "文档解压后过大（XML 内容超过 32 MB）" in reports[0]["error"]["message"]
    assert reports[1]["meta"]["issuing_body"] == "兴宁市信访局"


def test_xml_with_too_many_elements_is_refused(tmp_path):
    xml = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + b"<w:p/>" * 1_600_000 + b"</w:body></w:document>")
    result = run_cli("outline", _repacked(tmp_path, "elements.docx", xml))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "文档结构过于庞大（超过 1,500,000 个 XML 元素）" in err and "elements.docx" in err


def test_doctype_in_a_part_is_refused(tmp_path):
    xml = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           b"<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    result = run_cli("outline", _repacked(tmp_path, "entities.docx", xml))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "文档中含有 XML 实体声明（DOCTYPE），已拒绝处理" in err
    assert len(err.strip().splitlines()) == 1


# Numbering definitions, one behaviour at a time ----------------------------------------------

NUMBERING = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%3"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="3"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%4."/><w:suff w:val="space"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num>
</w:numbering>"""


def test_numbering_counters_restarts_and_overrides():
    from lxml import etree

    from checker.readers.docx import Styles
    from checker.readers.wordnumbering import Numbering

    numbering = Numbering(etree.fromstring(NUMBERING), Styles(None))
    sequence = [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 2), ("2", 0), ("2", 1), ("1", 2), ("1", 3), ("1", 3),
                ("3", 0), ("3", 0), ("0", 0), ("7", 0)]
    labels = [numbering.label(num, ilvl, None) for num, ilvl in sequence]
    assert labels == ["一、", "1.1 ", "1.2 ", "①", "②", "二、", "2.1 ", "③", "丙. ", "丁. ", "九、", "十、", "", ""]


@pytest.mark.parametrize("fmt, values, shown", [
    ("chineseCounting", [1, 10, 11, 20, 21, 105], ["一", "十", "十一", "二十", "二十一", "一百〇五"]),
    ("chineseCountingThousand", [9, 12, 100, 1010], ["九", "十二", "一百", "一千零一十"]),
    ("chineseLegalSimplified", [1, 10, 12], ["壹", "壹拾", "壹拾贰"]),
    ("ideographTraditional", [1, 10, 11], ["甲", "癸", "11"]),
    ("decimalEnclosedCircle", [1, 20, 21], ["①", "⑳", "21"]),
    ("decimalEnclosedParen", [2], ["⑵"]),
    ("decimalFullWidth", [12], ["１２"]),
    ("decimalZero", [3, 12], ["03", "12"]),
    ("upperRoman", [4, 14], ["IV", "XIV"]),
    ("lowerLetter", [1, 27], ["a", "aa"]),
    ("cardinalText", [3], ["3"]),
])
def test_number_formats(fmt, values, shown):
    from checker.readers.wordnumbering import format_number

    assert [format_number(v, fmt) for v in values] == shown


def test_the_review_state_names_only_what_there_is():
    from checker.outputs.common import draft_state

    assert [draft_state(0, 0), draft_state(0, 3), draft_state(5, 0), draft_state(5, 2)] == [
        "无未接受的修订，无批注", "无未接受的修订，有 3 条批注", "尚有 5 处未接受的修订、无批注（按接受全部修订后的文字检查）",
        "尚有 5 处未接受的修订、2 条批注（按接受全部修订后的文字检查）"]
