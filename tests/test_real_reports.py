"""Real published reports are messy: portal chrome, masked dates, traditional script, Markdown.

Every text here paraphrases a report published on a government portal (districts, 街道, 乡,
departments, 2019–2025); each test names the class of problem it was seen with.
"""

import pytest
from helpers import evaluate_seed

from checker import lexicon
from checker.document import Document, Line
from checker.readers import read
from checker.structure import outline, parse

BODY = """2020年，静海区在市委、市政府的坚强领导下，深入学习贯彻习近平法治思想，全面落实《法治政府建设实施纲要（2015—2020年）》，法治政府建设取得新成效。现将有关情况报告如下。
一、2020年推进法治政府建设的主要举措和成效
（一）依法全面履行政府职能。全面推行权责清单制度，公布区级部门权责事项4367项，清理证明事项128项，“一网通办”事项办理率达98.6%，全年新增市场主体6215户。
（二）推进严格规范公正文明执法。落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，全年办理行政处罚案件1532件，组织执法人员培训12期、860人次。
（三）推进行政决策科学化、民主化、法治化。制定《静海区重大行政决策程序规定》，将17个事项纳入重大行政决策事项目录，全部履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。
二、存在的不足和原因
一是行政执法人员专业化水平不高，部分街道综合执法队伍中具有法律专业背景的人员不足两成。二是规范性文件合法性审查力量薄弱，区司法局承担审查工作的仅有3人。主要原因是基层法治队伍建设投入不足，专业人才引进渠道不畅。
三、党政主要负责人履行推进法治建设第一责任人职责情况
区政府主要负责同志认真履行推进法治建设第一责任人职责，全年主持召开区政府常务会议专题研究法治政府建设工作5次，带头开展述法，审定重大行政决策事项目录。
四、2021年推进法治政府建设的主要安排
一是加强综合执法队伍建设，年内招录法律专业人员20名；二是充实规范性文件合法性审查力量，建立法律顾问参与审查机制；三是深化“放管服”改革，推进政务服务标准化。"""


def document(text: str, path: str = "report.txt") -> Document:
    return Document(path, "txt", [Line(n, t) for n, t in enumerate(text.split("\n"), start=1)])


def structure_of(text: str):
    return parse(document(text))


def check(text: str) -> dict:
    return evaluate_seed("real", text)


# Furniture ------------------------------------------------------------------------------------

FURNITURE = [(entry["name"], example) for entry in lexicon.load()["furniture"]["patterns"] for example in entry["examples"]]


@pytest.mark.parametrize("name, line", FURNITURE, ids=[f"{n}-{i}" for i, (n, _) in enumerate(FURNITURE)])
def test_every_furniture_example_is_its_own_kind(name, line):
    assert lexicon.furniture_kind(line) == name


@pytest.mark.parametrize("where", ["head", "middle", "tail"])
@pytest.mark.parametrize("name, line", FURNITURE, ids=[f"{n}-{i}" for i, (n, _) in enumerate(FURNITURE)])
def test_furniture_is_excluded_and_flagged_wherever_it_stands(name, line, where):
    lines = ["2020年静海区法治政府建设情况报告"] + BODY.split("\n") + ["天津市静海区人民政府", "2021年3月20日"]
    position = {"head": 0, "middle": 6, "tail": len(lines)}[where]
    lines.insert(position, line)
    structure = structure_of("\n".join(lines))
    number = position + 1
    assert number in structure.furniture and number not in structure.content
    assert structure.title == "2020年静海区法治政府建设情况报告"
    residue = check("\n".join(lines))["format.residue"]
    assert residue.status == "fail" and number in [loc.line for loc in residue.locations]
    assert "网页框架内容" in residue.message


def test_a_report_sentence_mentioning_a_click_count_is_not_furniture():
    text = BODY.replace("全年新增市场主体6215户。", "全年新增市场主体6215户，政务网站法治专栏点击量达12万次。")
    assert structure_of("2020年静海区法治政府建设情况报告\n" + text).furniture == []


# Title, issuing body, publication date ---------------------------------------------------------

JINGHAI_PORTAL = """首页 > 政务公开 > 工作报告
工作报告
2020年静海区法治政府建设情况报告
发布时间：2021-04-11 信息来源：静海区司法局
字号：[大 中 小]
""" + BODY + """
打印本页 关闭窗口"""


def test_title_is_the_line_of_the_title_grammar_not_the_column_label():
    structure = structure_of(JINGHAI_PORTAL)
    assert structure.title == "2020年静海区法治政府建设情况报告"
    assert structure.furniture == [1, 2, 4, 5, 17]
    results = check(JINGHAI_PORTAL)
    assert results["meta.title"].status == "pass"


def test_a_column_label_above_the_title_in_the_text_is_furniture_too():
    text = "工作报告\n2020年静海区法治政府建设情况报告\n" + BODY
    structure = structure_of(text)
    assert structure.title == "2020年静海区法治政府建设情况报告" and structure.furniture == [1]
    assert check(text)["meta.title"].status == "pass"


def test_issuing_body_from_the_title_is_a_place_without_a_signature():
    result = check(JINGHAI_PORTAL)["meta.issuing-body"]
    assert result.status == "weak"
    assert result.message == "发文机关不规范：标题中只有地名“静海区”，不是机关名称，按惯例指“静海区人民政府”，正文后没有署名。"
    assert [loc.line for loc in result.locations] == [3]


def test_a_signature_with_only_the_township_name_is_not_an_organ():
    text = "小龙门乡2024年法治政府建设情况报告\n" + BODY.replace("2020", "2024").replace("2021", "2025") + "\n小龙门乡\n2025年2月10日"
    result = check(text)["meta.issuing-body"]
    assert result.status == "weak"
    assert result.message == "发文机关不规范：标题、署名中只有地名“小龙门乡”，不是机关名称，按惯例指“小龙门乡人民政府”。"
    signed = text.replace("\n小龙门乡\n", "\n小龙门乡人民政府\n")
    assert check(signed)["meta.issuing-body"].status == "pass"


def test_publication_date_from_the_byline_is_checked_against_the_1_april_deadline():
    structure = structure_of(JINGHAI_PORTAL)
    assert structure.published.iso == "2021-04-11" and structure.published.line == 4
    assert structure.date is None
    result = check(JINGHAI_PORTAL)["meta.timeliness"]
    assert result.status == "fail"
    assert result.message == "报告时限不符合要求：网页发布时间“2021-04-11”晚于公开期限2021年3月31日。"
    on_time = check(JINGHAI_PORTAL.replace("2021-04-11", "2021-03-30"))["meta.timeliness"]
    assert on_time.status == "pass"


def test_publication_is_checked_separately_from_the_written_date():
    signed = JINGHAI_PORTAL.replace("\n打印本页", "\n天津市静海区人民政府\n2021年3月20日\n打印本页")
    result = check(signed)["meta.timeliness"]
    assert result.status == "fail"  # written on time, published late
    assert result.message == "报告时限不符合要求：网页发布时间“2021-04-11”晚于公开期限2021年3月31日。"
    late_both = check(signed.replace("2021年3月20日", "2021年4月8日"))["meta.timeliness"]
    assert late_both.message == ("报告时限不符合要求：成文日期“2021年4月8日”晚于政府报告截止日期2021年3月31日；"
                                 "网页发布时间“2021-04-11”晚于公开期限2021年3月31日。")


def test_value_on_the_next_line_of_a_disclosure_field():
    structure = parse(read("seeds/004_43db1fe365c6fb86.txt"))
    assert structure.published.iso == "2025-12-10" and structure.published.line == 12


# Report year ------------------------------------------------------------------------------------

def test_year_is_never_taken_from_a_cited_period():
    text = BODY.replace("2020年推进", "推进").replace("2021年推进", "下一年度推进")
    text = "法治政府建设情况报告\n" + text.replace("2020年，静海区", "静海区")
    text = text.replace("全面落实《法治政府建设实施纲要（2015—2020年）》", "全面落实《法治政府建设实施纲要（2021—2025年）》")
    structure = structure_of(text)
    assert structure.year is None or structure.year != 2025
    opening = "法治政府建设情况报告\n2021年，在党中央、国务院的坚强领导下，我区认真落实《法治政府建设实施纲要（2021—2025年）》和《天津市法治政府建设实施方案（2023—2027年）》。\n" + BODY.split("\n", 1)[1]
    structure = structure_of(opening.replace("2020年推进", "推进").replace("2021年推进", "推进"))
    assert (structure.year, structure.year_source) == (2021, "preamble")


def test_year_from_the_title_when_the_written_date_is_masked():
    text = """首页 > 信息公开 > 法治政府建设年度报告
古城街道2025年法治政府建设年度报告
发布时间：2026-03-20 信息来源：古城街道办事处
成文日期: ****
""" + BODY.replace("2020年，静海区", "今年以来，古城街道").replace("2020年推进", "推进").replace("2021年推进", "下一步推进")
    structure = structure_of(text)
    assert structure.title == "古城街道2025年法治政府建设年度报告"
    assert (structure.year, structure.year_source) == (2025, "title")
    assert 4 in structure.furniture


def test_year_from_a_heading_of_next_year_plans():
    text = "法治政府建设情况报告\n" + BODY.replace("2020年，静海区", "静海区").replace("2020年推进", "推进")
    structure = structure_of(text)
    assert (structure.year, structure.year_source) == (2020, "heading")  # 四、2021年…主要安排


# Traditional script ----------------------------------------------------------------------------

TRADITIONAL = """小龍門鄉2024年法治政府建設情況報告
2024年，小龍門鄉在區委、區政府的堅強領導下，緊緊圍繞法治政府建設目標，紮實推進各項工作。
一、主要舉措和成效
（一）嚴格規範公正文明執法。全年辦理行政執法案件12件，執行行政處罰決定8件，組織執法人員培訓3期、86人次，鄉綜合行政執法隊執法全過程記錄覆蓋率100%。
（二）深化普法宣傳。開展“法律進鄉村”活動16場，培育“法律明白人”42名，調處矛盾糾紛57件，成功率96.5%。
（三）推進依法決策。制定《小龍門鄉重大事項決策議事規則》，鄉黨委會、鄉長辦公會研究重大事項前全部經法律顧問審查，全年審查合同、協議23份，提出修改意見41條。
二、存在的不足和原因
鄉綜合行政執法隊具有法律職業資格的人員僅1名，主要原因是基層崗位吸引力不足。
三、黨政主要負責人履行推進法治建設第一責任人職責情況
鄉黨委書記、鄉長認真履行第一責任人職責，全年主持召開專題會議研究法治建設4次，帶頭述法。
四、2025年工作打算
招錄法律專業人員2名，完善執法隊伍培訓機制，每季度開展一次執法案卷評查；深化“法律明白人”培育工程，實現每個行政村至少3名；推進鄉村兩級公共法律服務平台建設。
小龍門鄉人民政府
2025年2月10日"""


def test_traditional_script_is_matched_in_simplified_and_shown_as_written():
    structure = structure_of(TRADITIONAL)
    assert structure.doc.traditional
    data = outline(structure)
    assert data["title"] == "小龍門鄉2024年法治政府建設情況報告"
    assert data["issuing_body"] == "小龍門鄉"
    assert data["report_year"] == 2024
    assert [h["text"] for h in data["headings"]][0] == "主要舉措和成效"
    results = check(TRADITIONAL)
    assert results["meta.title"].status == "pass"
    assert results["content.measures"].status == "pass" and results["content.next-year-plan"].status == "pass"
    assert results["format.repeated"].status == "pass"  # 緊緊 is a normal reduplication, 執行|行政 two words
    bad = check(TRADITIONAL.replace("三、黨政", "三、黨政黨政"))["format.repeated"]
    assert bad.status == "weak" and bad.message == "疑似重复的字词：“黨政黨政”。"
    assert bad.locations[0].excerpt.startswith("三、黨政黨政")


def test_a_simplified_report_does_not_import_opencc():
    probe = ("import sys; from checker.readers import read; from checker.structure import parse; "
             "parse(read('seeds/000_0863972123745c8e.txt')); print('opencc' in sys.modules)")
    result = run_cli_python(probe)
    assert result == "False"


def run_cli_python(code: str) -> str:
    import os
    import subprocess
    import sys

    from helpers import ROOT

    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    return output.stdout.decode().strip()


# Markdown and Word heading styles --------------------------------------------------------------

UNNUMBERED = "\n".join(line.split("、", 1)[1] if line[:2] in ("一、", "二、", "三、", "四、") else line
                       for line in ("2020年静海区法治政府建设情况报告\n" + BODY + "\n天津市静海区人民政府\n2021年3月20日").split("\n"))


def test_markdown_sections_without_numbers_are_sections(tmp_path):
    path = tmp_path / "report.md"
    lines = UNNUMBERED.split("\n")
    marked = ["# " + lines[0]] + [("## " + line if line in {"2020年推进法治政府建设的主要举措和成效", "存在的不足和原因",
                                                             "党政主要负责人履行推进法治建设第一责任人职责情况",
                                                             "2021年推进法治政府建设的主要安排"} else line)
                                  for line in lines[1:]]
    path.write_text("\n".join(marked), encoding="utf-8")
    structure = parse(read(str(path)))
    assert [(h.level, h.text) for h in structure.sections] == [
        (1, "2020年推进法治政府建设的主要举措和成效"), (1, "存在的不足和原因"),
        (1, "党政主要负责人履行推进法治建设第一责任人职责情况"), (1, "2021年推进法治政府建设的主要安排")]
    assert structure.title == "2020年静海区法治政府建设情况报告"


def test_markdown_and_word_heading_styles_get_the_same_verdicts(tmp_path):
    import docx

    from checker.config import load_config
    from checker.engine import check_path, engine_settings_of
    from checker.loader import load_rules

    lines = UNNUMBERED.split("\n")
    sections = {"2020年推进法治政府建设的主要举措和成效", "存在的不足和原因", "党政主要负责人履行推进法治建设第一责任人职责情况",
                "2021年推进法治政府建设的主要安排"}
    md = tmp_path / "report.md"
    md.write_text("\n".join(["# " + lines[0]] + [("## " + l if l in sections else l) for l in lines[1:]]), encoding="utf-8")
    word = docx.Document()
    word.add_paragraph(lines[0], style="Heading 1")
    for line in lines[1:]:
        word.add_paragraph(line, style="Heading 2" if line in sections else None)
    word.save(tmp_path / "report.docx")
    rules, settings = load_rules(), engine_settings_of(load_config(cwd=tmp_path))
    verdicts = {}
    for path in (md, tmp_path / "report.docx"):
        report = check_path(str(path), rules, settings)
        verdicts[path.suffix] = {r.rule.id: r.status for r in report.results if r.rule.id.startswith("content.")}
    assert verdicts[".md"] == verdicts[".docx"]
    assert {k: verdicts[".md"][k] for k in ("content.measures", "content.shortcomings", "content.causes",
                                             "content.responsible-person", "content.next-year-plan")} == \
        dict.fromkeys(("content.measures", "content.shortcomings", "content.causes", "content.responsible-person",
                       "content.next-year-plan"), "pass")
