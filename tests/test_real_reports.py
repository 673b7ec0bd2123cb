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
    probe = ("import sys; from checker.cli import main; sys.argv = ['fazhi-check', 'check', '--format', 'json', "
             "'seeds/000_0863972123745c8e.txt']\ntry: main()\nexcept SystemExit: pass\n"
             "print('opencc' in sys.modules, 'jieba' in sys.modules and sys.modules['jieba'].dt.initialized, file=sys.stderr)")
    assert run_cli_python(probe) == "False False"  # neither OpenCC nor jieba's full dictionary on a plain report


def run_cli_python(code: str) -> str:
    import os
    import subprocess
    import sys

    from helpers import ROOT

    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    return output.stderr.decode().strip()


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


# Depth judgements ------------------------------------------------------------------------------

XIAOLONGMEN = """小龙门乡2024年法治政府建设情况报告
2024年，小龙门乡在县委、县政府的坚强领导下，深入学习贯彻习近平法治思想，扎实推进法治政府建设。
一、2024年度推进法治政府建设的主要举措和成效
（一）深化行政执法体制改革。乡综合行政执法队全年办理行政执法案件36件，组织执法人员培训4期、120人次，执法全过程记录覆盖率100%。
（二）提升法治宣传教育实效。开展“法律进乡村”活动18场，培育“法律明白人”56名，调处矛盾纠纷73件，调解成功率97.3%。
二、2024年度推进法治政府建设存在的不足和原因
法治政府建设主要存在以下问题：
（一）法治意识不强，对法治政府建设重视不够。
（二）乡村法治人才短缺，法治队伍建设有待加强。
（三）法治宣传教育实效不高。
法治建设不足的原因
三、党政主要负责人履行推进法治建设第一责任人职责情况
乡党委书记、乡长认真履行第一责任人职责，全年主持召开专题会议研究法治建设4次，带头述法，审定合法性审查事项12件。
四、2025年工作打算
一是招录法律专业人员2名，充实综合行政执法队；二是每季度开展一次执法案卷评查；三是实现每个行政村培育“法律明白人”不少于3名。
小龙门乡人民政府
2025年2月10日"""


def test_causes_on_a_bare_label_line_are_weak():
    result = check(XIAOLONGMEN)["content.causes"]
    assert result.status == "weak"
    assert result.message == "原因分析不充分：只有“法治建设不足的原因”这样的标签，后面没有分析。"
    assert [loc.line for loc in result.locations] == [11]


def test_causes_with_one_generic_clause_are_weak_and_analysis_passes():
    generic = XIAOLONGMEN.replace("法治建设不足的原因\n", "究其原因，主要是思想认识不到位。\n")
    result = check(generic)["content.causes"]
    assert result.status == "weak" and result.message == "原因分析不充分：只有笼统的原因“主要是思想认识不到位”，没有联系所列问题分析。"
    analysed = XIAOLONGMEN.replace("法治建设不足的原因\n", "法治建设不足的原因\n一是乡镇综合执法改革后人员划转尚未到位，执法队仅有1名持法律职业资格的人员；二是普法以集中宣讲为主，针对留守老人的形式少。\n")
    assert check(analysed)["content.causes"].status == "pass"
    inline = XIAOLONGMEN.replace("法治建设不足的原因\n", "主要原因是乡村两级法治工作经费不足，司法所仅有2名工作人员。\n")
    assert check(inline)["content.causes"].message == "符合要求（“原因”）。"


def test_stock_shortcomings_without_a_specific_element_are_weak():
    result = check(XIAOLONGMEN)["content.shortcomings-specific"]
    assert result.status == "weak" and result.severity == "warning"
    assert result.message.startswith("存在的不足写得不具体：3/5 条只是套话，没有具体对象，如“（一）法治意识不强，对法治政府建设重视不够”")
    specific = XIAOLONGMEN.replace("（一）法治意识不强，对法治政府建设重视不够。", "（一）乡综合行政执法队具有法律职业资格的人员仅1名。") \
        .replace("（二）乡村法治人才短缺，法治队伍建设有待加强。", "（二）规范性文件合法性审查由党政办兼管，全年12件中3件未经审查即印发。")
    assert check(specific)["content.shortcomings-specific"].status == "pass"


def test_the_stock_bank_says_where_each_phrase_was_seen():
    from checker.kinds.substance import validate_stock_bank
    from checker.paths import rules_dir

    validate_stock_bank()
    import yaml

    phrases = yaml.safe_load((rules_dir() / "knowledge" / "stock-shortcomings.yaml").read_text(encoding="utf-8"))["phrases"]
    root = rules_dir().parent
    for entry in phrases:
        assert all((root / seen).is_file() for seen in entry["seen"]), entry


SLOGANS = """（一）严格执行行政执法程序，强化执法监督，确保行政执法公正、公开、公平。
（二）深化法治宣传教育，增强全民法治观念，营造良好法治氛围。
（三）加强法治队伍建设，提高依法行政能力和水平。
（四）完善依法决策机制，推进决策科学化、民主化、法治化。
（五）强化行政权力制约和监督，自觉接受人大监督、民主监督和社会舆论监督，规范权力运行，让权力在阳光下运行。
（六）持续优化法治化营商环境，坚持依法平等保护各类市场主体合法权益，不断提升政务服务水平，切实增强人民群众的获得感、幸福感、安全感。"""


def test_slogan_only_measures_are_weak():
    lines = XIAOLONGMEN.split("\n")
    text = "\n".join(lines[:3] + SLOGANS.split("\n") + lines[5:])
    results = check(text)
    result = results["content.measures-concrete"]
    assert result.status == "weak" and result.severity == "warning"
    assert result.message == ("“主要举措和成效”只有口号：6 条举措都没有数据、具体制度、活动、文件或案例，"
                              "如“（一）严格执行行政执法程序，强化执法监督，确保行政执法公正、公开、公平”；"
                              "“（二）深化法治宣传教育，增强全民法治观念，营造良好法治氛围”。")
    assert results["content.measures"].status == "pass"  # the part exists; its emptiness is a substance finding
    assert check(XIAOLONGMEN)["content.measures-concrete"].status == "pass"


def test_a_township_claiming_legislation_is_a_finding():
    text = XIAOLONGMEN.replace("（三）法治宣传教育实效不高。", "（三）立法体系尚不完善，部分法规与实际需求不符。")
    result = check(text)["content.powers"]
    assert result.status == "weak" and [loc.line for loc in result.locations] == [10]
    assert result.message == ("写到了本级没有的职权：“小龙门乡”属乡镇（街道）一级，报告却写到“立法体系”：地方性法规制定权属于"
                              "省、自治区、直辖市和设区的市、自治州的人民代表大会及其常务委员会（《中华人民共和国立法法》关于地方性法规制定权限的规定）。")
    assert check(XIAOLONGMEN)["content.powers"].status == "pass"


def test_legitimate_mentions_of_higher_powers_are_not_findings():
    legit = XIAOLONGMEN.replace("（三）法治宣传教育实效不高。",
                                "（三）作为基层立法联系点，收集对3部法规草案的立法意见建议21条；乡政府被申请行政复议案件1件，已依法答复。")
    assert check(legit)["content.powers"].status == "pass"
    township_review = XIAOLONGMEN.replace("（三）法治宣传教育实效不高。", "（三）全年受理行政复议案件5件。")
    assert check(township_review)["content.powers"].status == "weak"
    county = BODY.replace("清理证明事项128项", "制定政府规章2部，清理证明事项128项")
    county_result = check("2020年静海区法治政府建设情况报告\n" + county + "\n天津市静海区人民政府\n2021年3月20日")["content.powers"]
    assert county_result.status == "weak" and "规章制定权" in county_result.message


def test_powers_knowledge_is_valid_and_cites_its_basis():
    from checker.kinds.powers import load, validate_knowledge

    validate_knowledge()
    data = load()
    assert {p["name"] for p in data["powers"]} == {"地方性法规制定权", "规章制定权", "行政复议机关"}
    assert all(p["basis"].startswith("《中华人民共和国") for p in data["powers"])


@pytest.mark.parametrize("text", [
    "区政府常务会会前学法12次。", "长沙市天心区坡子街街道办事处2022年法治政府建设年度报告", "开足道德与法治课课程。",
    "邀请教育部政策法规司司长授课。", "由街道党工委书记、办事处主任任双组长。", "2023年，市市场监管局深入学习贯彻习近平法治思想。",
    "明确办案一案一卷一审。", "严格执行行政执法程序。", "緊緊圍繞法治政府建設目標，嚴格執行行政執法程序。",
])
def test_doubled_characters_across_word_boundaries_are_not_findings(text):
    page = "2022年法治政府建设年度报告\n" + text
    assert check(page)["format.repeated"].status == "pass"


@pytest.mark.parametrize("text, doubled", [("各部门密切配合配合，形成合力。", "配合配合"), ("深入学习贯彻习习近平法治思想。", "习习")])
def test_real_doubling_is_still_found(text, doubled):
    result = check("2022年法治政府建设年度报告\n" + text)["format.repeated"]
    assert result.status == "weak" and result.message == f"疑似重复的字词：“{doubled}”。"


CONTINUOUS = """2020年静海区法治政府建设情况报告
一、2020年推进法治政府建设的主要举措和成效
（一）加强组织领导
1.健全工作机制。区委全面依法治区委员会召开会议3次。
2.压实工作责任。将法治建设纳入绩效考核。
（二）依法全面履行政府职能
3.深化行政审批制度改革。梳理各类事项清单，动态管理4367项。
4.优化营商环境。新增市场主体6215户。"""


def test_continuous_numbering_is_a_note_not_a_skipped_number():
    result = check(CONTINUOUS)["format.headings"]
    assert (result.status, result.severity) == ("weak", "info")
    assert result.message == ("标题序号不规范：连续编号：“3.”接续上一部分的编号（全文连续编号是一种写法，"
                              "也可在各部分内从“1.”重新编号）。")
    assert [loc.line for loc in result.locations] == [7]
    skipped = check(CONTINUOUS.replace("4.优化", "6.优化"))["format.headings"]
    assert (skipped.status, skipped.severity) == ("fail", "warning") and "跳号" in skipped.message


def test_brackets_split_by_an_unrecognised_hard_wrap_are_one_pair():
    text = "2020年静海区法治政府建设情况报告\n认真贯彻《中华人民共和国行政\n处罚法》，全年办理案件36件。"
    assert check(text)["format.brackets"].status == "pass"
    broken = check("2020年静海区法治政府建设情况报告\n认真贯彻《中华人民共和国行政处罚法，全年办理案件36件。\n下一行没有闭合。")
    assert broken["format.brackets"].status == "fail"
    assert broken["format.brackets"].message == "成对符号不匹配：“《”没有对应的“》”。"


def test_a_subsection_that_opens_with_the_leaders_duty_is_the_responsible_person_part():
    lines = BODY.split("\n")
    text = "\n".join(lines[:2] + ["（四）强化党对法治政府建设领导。区政府主要负责同志带头履行推进法治建设第一责任人职责，全年主持召开区政府常务会议专题研究法治政府建设5次，带头开展年终述法，审定重大行政决策事项目录17项。"]
                     + lines[2:7] + lines[9:])
    text = "2020年静海区法治政府建设情况报告\n" + text.replace("（一）依法全面", "（一）依法全面", 1)
    result = check(text)["content.responsible-person"]
    assert result.status == "pass"
    assert result.message == "符合要求（小节“（四）强化党对法治政府建设领导”首句即写“第一责任人”，按小节识别）。"
    # the duty in the subsection's second sentence: its subject still, told with what was done (5次)
    later = text.replace("（四）强化党对法治政府建设领导。区政府主要负责同志带头", "（四）强化党对法治政府建设领导。严格落实法治建设责任制。区政府主要负责同志带头")
    assert check(later)["content.responsible-person"].message == (
        "符合要求（小节“（四）强化党对法治政府建设领导”开头即写“第一责任人”及具体事项，按小节识别）。")
    # in general words only, it is a mention inside the subsection, not its subject
    generic = later.replace("，全年主持召开区政府常务会议专题研究法治政府建设5次，带头开展年终述法，审定重大行政决策事项目录17项。", "，带头抓好各项工作。")
    assert generic != later and check(generic)["content.responsible-person"].status == "weak"
    run_in = text.replace("（四）强化党对法治政府建设领导。区政府主要负责同志带头", "1.落实法治建设第一责任人责任。区政府主要负责同志带头")
    assert check(run_in)["content.responsible-person"].status == "pass"


def test_traditional_bylines_and_a_two_line_title():
    text = "發布時間:2025-04-11 16:33 信息來源:辰溪縣小龍門鄉\n" + TRADITIONAL
    structure = structure_of(text)
    assert structure.furniture == [1] and structure.published.iso == "2025-04-11"
    assert check(text)["meta.timeliness"].message == "报告时限不符合要求：网页发布时间“2025-04-11”晚于公开期限2025年3月31日。"
    split = "相山区生态环境分局2025年法治政府建设\n情况工作报告\n" + BODY.replace("2020", "2025").replace("2021", "2026")
    structure = structure_of(split)
    assert structure.title == "相山区生态环境分局2025年法治政府建设情况工作报告" and structure.issuing_body == "相山区生态环境分局"
