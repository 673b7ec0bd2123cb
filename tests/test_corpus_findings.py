"""False alarms the review of the real-report corpus found (tests/corpus/FINDINGS.md), each fixed
and held here on the seeds: a full-width indent lost as “??”, names whose characters repeat."""

from __future__ import annotations

from docmaker import seed_text
from helpers import evaluate_seed

SEED_LINES = seed_text("000").split("\n")


def _with_lost_indents(numbers: list[int]) -> str:
    """Seed 000 with “??” (a full-width indent lost in a GBK → ASCII conversion) before some lines."""
    return "\n".join("??" + text if n in numbers else text for n, text in enumerate(SEED_LINES, start=1))


def test_a_lost_indent_before_the_headings_hides_no_part():
    results = evaluate_seed("000", _with_lost_indents([11, 15, 57, 61, 65]))
    assert [(rule, results[rule].status) for rule in ("content.measures", "content.shortcomings",
                                                       "content.responsible-person", "content.next-year-plan")] == [
        ("content.measures", "pass"), ("content.shortcomings", "pass"),
        ("content.responsible-person", "pass"), ("content.next-year-plan", "pass")]
    residue = results["format.residue"]
    assert residue.status == "fail" and residue.message == "发现 5 处残留内容：“??”。"
    assert [location.line for location in residue.locations] == [11, 15, 57, 61, 65]


def test_question_marks_inside_a_line_are_no_indent():
    text = "\n".join(t.replace("全力推进", "全力??推进", 1) if n == 13 else t for n, t in enumerate(SEED_LINES, start=1))
    assert "全力??推进" in text.split("\n")[12]
    assert evaluate_seed("000", text)["format.residue"].status == "pass"


def test_names_with_a_doubled_character_are_no_typing_slip():
    lines = list(SEED_LINES)
    lines[12] += "认真贯彻《中华人民共和国立法法》，谋划“十五五”时期法治政府建设，总结“五五”普法经验。"
    assert evaluate_seed("000", "\n".join(lines))["format.repeated"].status == "pass"
    lines[12] += "各部门密切配合配合。"
    repeated = evaluate_seed("000", "\n".join(lines))["format.repeated"]
    assert (repeated.status, repeated.message, [loc.line for loc in repeated.locations]) == (
        "weak", "疑似重复的字词：“配合配合”。", [13])


def test_a_portal_date_after_the_title_is_not_part_of_it():
    from checker.document import Document, Line
    from checker.structure import parse

    lines = list(SEED_LINES)
    assert lines[4] == "关于 2020 年度法治政府建设情况的报告"
    lines[4] += " (2021-02-05)"
    results = evaluate_seed("000", "\n".join(lines))
    assert results["meta.title"].status == "pass"
    structure = parse(Document("000.txt", "txt", [Line(n, t) for n, t in enumerate(lines, start=1)]))
    assert structure.title == "重庆市渝北区信访办公室关于2020年度法治政府建设情况的报告"
    assert structure.date.iso == "2021-01-28"  # the portal's date is not the 成文日期


def test_a_portal_column_tag_before_the_title_is_not_part_of_it():
    from checker.document import Document, Line
    from checker.structure import parse

    lines = ["【法治建设报告】湖北省司法厅2023年法治政府建设年度报告", "", *SEED_LINES[8:]]
    structure = parse(Document("tagged.txt", "txt", [Line(n, t) for n, t in enumerate(lines, start=1)]))
    assert (structure.title, structure.issuing_body) == ("湖北省司法厅2023年法治政府建设年度报告", "湖北省司法厅")


def test_an_organisation_line_right_after_the_last_heading_is_no_signature():
    """A text cut off after “（二）持续统筹推进法治建设各项工作” / “充分发挥市委全面依法治市委员会”:
    the line starts the section's text; the report has no signature (not a wrong one)."""
    cut = SEED_LINES[:SEED_LINES.index("（二）完善依法行政制度体系情况") + 1] + ["", "充分发挥市委全面依法治市委员会"]
    results = evaluate_seed("000", "\n".join(cut))
    signature, body = results["meta.signature"], results["meta.issuing-body"]
    assert (signature.status, signature.message) == ("missing", "正文后没有发文机关署名和成文日期。")
    assert body.status == "pass"
    cut[-1:] = ["全年办理信访事项100件。", "", "充分发挥市委全面依法治市委员会"]  # after some text it is one
    assert evaluate_seed("000", "\n".join(cut))["meta.signature"].status == "weak"


SEED4_LINES = seed_text("004").split("\n")
DUTY = "办主要负责人认真履行推进法治建设第一责任人职责,坚持以身作则、以上率下,带头抓好法治建设各项工作。"


def _seed4_duty(sentence: str) -> dict:
    assert DUTY in SEED4_LINES[36]
    lines = list(SEED4_LINES)
    lines[36] = lines[36].replace(DUTY, sentence)
    return evaluate_seed("004", "\n".join(lines))["content.responsible-person"]


def test_the_duty_with_particulars_early_in_a_part_makes_it_the_part():
    """Seed 004's (五) names the duty in its second sentence, in general words: a passing mention.
    The same sentence with what the principal did (次数, 四个亲自) is an account of the duty."""
    assert _seed4_duty(DUTY).status == "weak"
    for particulars in ("办主要负责人认真履行推进法治建设第一责任人职责,主持召开专题会议研究法治建设5次。",
                        "办主要负责人认真履行推进法治建设第一责任人职责,做到“四个亲自”。"):
        result = _seed4_duty(particulars)
        assert (result.status, result.message) == ("pass", "符合要求（小节“(五)压实工作责任，健全监督考核保障机”"
                                                   "开头即写“第一责任人”及具体事项，按小节识别）。"), particulars
        assert [location.line for location in result.locations] == [37]
    # particulars in another sentence are not about the duty
    assert _seed4_duty(DUTY + "聘请法律顾问1名,全年召开会议5次。").status == "weak"


def test_sentences_without_evidence_is_a_precise_rule_error(tmp_path):
    from helpers import run_cli

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "local.yaml").write_text("""rules:
  - id: local.duty
    title: 第一责任人
    kind: section
    severity: warning
    weight: 1
    basis: 《法治政府建设与责任落实督察工作规定》
    fix: 单列一部分写明主要负责人履职情况。
    options:
      heading_keywords: [第一责任人]
      subsection_leads: {levels: [2], sentences: 2}
      inline: {markers: [第一责任人]}
    messages: {weak: 不充分。}
    examples:
      pass: ["一、主要举措\n（一）第一责任人履职情况\n主持会议5次。"]
      flag: [{status: missing, text: "一、主要举措\n全年办结信访事项1971件。"}]
""", encoding="utf-8")
    result = run_cli("validate", str(rules / "local.yaml"))
    assert result.returncode == 2
    assert result.stderr.decode() == (f"错误：规则文件不符合格式要求：{rules / 'local.yaml'} 第11行，键 `rules.0.options.subsection_leads`："
                                      "写了“sentences”就必须同时写“evidence”。请对照 JSON Schema 修改。\n")


def test_a_title_fused_with_the_next_disclosure_label_and_a_party_group_as_issuer():
    from checker.document import Document, Line
    from checker.structure import parse

    lines = ["中共双牌县教育局党组2024年度法治政府建设年度报告 - 文号:", "", *SEED_LINES[8:]]
    structure = parse(Document("fused.txt", "txt", [Line(n, t) for n, t in enumerate(lines, start=1)]))
    assert (structure.title, structure.issuing_body) == ("中共双牌县教育局党组2024年度法治政府建设年度报告", "中共双牌县教育局党组")


def _subsections_numbered_as_parts(keep_part_opening: bool) -> str:
    """Seed 000 with its first three （一）（二）（三） written 一、二、三、, and part 一's opening
    paragraph (lines 12–14) kept or blanked."""
    lines = list(SEED_LINES)
    for number, old, new in ((15, "（一）", "一、"), (21, "（二）", "二、"), (27, "（三）", "三、")):
        assert lines[number - 1].startswith(old)
        lines[number - 1] = new + lines[number - 1][len(old):]
    if not keep_part_opening:
        lines[11:14] = ["", "", ""]
    return "\n".join(lines)


def test_a_list_restarting_right_under_an_empty_part_is_its_subsections():
    # zj-xihu-liuxia-street-2022: 一、2022年法治政府建设主要措施 / 一、强化领导责任…
    results = evaluate_seed("000", _subsections_numbered_as_parts(keep_part_opening=False))
    assert [(rule, results[rule].status) for rule in ("content.measures", "data.evidence", "content.shortcomings")] == [
        ("content.measures", "pass"), ("data.evidence", "pass"), ("content.shortcomings", "pass")]
    headings = results["format.headings"]
    assert (headings.status, headings.message, [loc.line for loc in headings.locations]) == (
        "weak", "标题序号不规范：序号“一、”应写为“（一）”；序号“二、”应写为“（二）”；序号“三、”应写为“（三）”。", [15, 21, 27])


def test_a_part_with_its_own_opening_keeps_a_restarted_list_as_parts():
    headings = evaluate_seed("000", _subsections_numbered_as_parts(keep_part_opening=True))["format.headings"]
    assert (headings.status, headings.message, [loc.line for loc in headings.locations]) == (
        "fail", "标题序号有误：重复：“一、”处应为“二、”；跳号：“（四）”处应为“（一）”；重复：“二、”处应为“四、”。", [15, 33, 57])


def _corpus(name: str) -> dict:
    """Results by rule for a report of the real-report corpus (tests/corpus/reports)."""
    from pathlib import Path

    text = (Path(__file__).parent / "corpus" / "reports" / f"{name}.txt").read_text(encoding="utf-8")
    return evaluate_seed(name, text.rstrip("\n"))


def _shown(result) -> tuple:
    return result.status, result.message, [location.line for location in result.locations]


def test_a_disclosure_table_is_portal_chrome_and_its_title_row_gives_the_title():
    # rows of `|` cells whose labels lost their full-width spaces as ??: 標????????題 | …報告 | ||
    results = _corpus("js-transport-department-2024-big5")
    assert _shown(results["meta.title"]) == ("pass", "符合要求。", [3])
    assert _shown(results["meta.issuing-body"]) == ("pass", "符合要求。", [3])
    assert _shown(results["format.punctuation"]) == ("weak", "有 15 处半角或重复的标点，如“,”、“;”。", [7, 8, 9])
    assert _shown(results["format.residue"]) == ("fail", "发现 9 处残留内容：“????????”、“网页框架内容”。", [1, 2, 3, 4, 5])
    # dash-listed fields with spaced labels (- 索 引 号:, - 公文生成日期:) and a row opening with |
    assert _shown(_corpus("fj-jiangle-guyong-town-2024")["format.residue"]) == ("fail", "发现 4 处残留内容：“网页框架内容”。", [2, 3, 4, 5])
    xiamen = _corpus("fj-xiamen-emergency-2025")
    assert _shown(xiamen["format.residue"]) == ("fail", "发现 3 处残留内容：“网页框架内容”。", [2, 3, 4])
    assert _shown(xiamen["meta.title"]) == ("pass", "符合要求。", [6])


def test_a_year_without_its_nian_in_the_title_is_a_slip_and_the_issuer_is_still_read():
    results = _corpus("hb-xialu-dongfangshan-street-2025")
    assert _shown(results["meta.title"]) == (
        "weak", "标题“东方山街道办事处2025度法治政府建设年度报告”不规范：年份后漏写“年”（“2025度”）。", [5])
    assert _shown(results["meta.issuing-body"]) == ("pass", "符合要求。", [5])
    assert _shown(results["format.residue"]) == ("fail", "发现 4 处残留内容：“网页框架内容”。", [1, 2, 3, 4])


def test_a_covering_letters_closing_formula_is_no_column_label():
    # 特此报告。 above a report titled 2024年度交通运输法治政府建设 / 工作总结
    assert _shown(_corpus("zj-huzhou-transport-2024")["format.residue"]) == ("fail", "发现 3 处残留内容：“网页框架内容”。", [1, 2, 3])


def test_pinyin_left_by_a_script_converter_is_residue_and_reporting_last_years_report_is_no_stale_year():
    results = _corpus("nm-region-2023-pinyin")
    assert _shown(results["format.residue"]) == (
        "fail", "发现 24 处残留内容：“(nèi)”、“(qū)”、“(guī)”、“(jiān)”、“(fā)”。", [1, 3, 4, 5])
    # 向自治區黨委、人大常委會報告2022年法治政府建設情況: a 2023 action
    assert results["content.year-consistency"].status == "pass"


def test_a_density_just_below_its_threshold_is_not_shown_as_equal_to_it():
    assert _shown(_corpus("qh-xining-chengzhong-emergency-2025")["data.evidence"]) == (
        "weak", "成效缺少数据支撑：每千字仅有 1.9 处数据，少于 2 处。", [2])


def test_a_run_in_item_with_a_short_label_on_the_duty_is_read_as_a_numbered_subsection_is():
    # 三是抓住关键少数,落实法治建设责任。推动党政主要负责人切实履行…第一责任人职责 (as 2.抓实关键少数。… passes)
    assert _shown(_corpus("gd-guangzhou-liwan-2022")["content.responsible-person"]) == (
        "pass", "符合要求（条目“三是抓住关键少数，落实法治建设责”首句即写“第一责任人”，按条目识别）。", [6])
    # a label on something else (一是强化思想政治引领。) keeps the duty a passing mention
    assert _shown(_corpus("zj-jiaxing-2021")["content.responsible-person"]) == (
        "weak", "第一责任人职责情况不充分：仅在正文中提及“党政主要负责人”，没有单独成部分。", [13])


def test_the_first_line_of_a_split_title_is_no_organisation_name():
    # 冷水滩区民政局2025年度法治政府 / (blank) / 建设工作情况报告 below the title: it ends in 政府, but names a year
    from pathlib import Path

    from checker.readers import read
    from checker.structure import parse

    structure = parse(read(str(Path(__file__).parent / "corpus" / "reports" / "hn-lengshuitan-civil-affairs-2025.txt")))
    assert (structure.title, structure.issuing_body) == ("冷水滩区民政局2025年度法治政府建设工作情况报告", "冷水滩区民政局")


def test_the_document_number_under_the_title_does_not_hide_the_addressee():
    """zj-health-commission-2023: 浙卫〔2024〕3号 stands between the title and 省委、省政府:."""
    from pathlib import Path

    from checker.document import Document, Line
    from checker.readers import read
    from checker.structure import parse

    structure = parse(read(str(Path(__file__).parent / "corpus" / "reports" / "zj-health-commission-2023.txt")))
    assert (structure.addressee, structure.addressee_line) == ("省委、省政府", 4)
    lines = [*SEED_LINES[:5], "渝北信访〔2021〕3号", *SEED_LINES[5:]]
    moved = parse(Document("000.txt", "txt", [Line(n, t) for n, t in enumerate(lines, start=1)]))
    original = parse(Document("000.txt", "txt", [Line(n, t) for n, t in enumerate(SEED_LINES, start=1)]))
    assert (moved.addressee, moved.addressee_line) == (original.addressee, original.addressee_line + 1)
    assert original.addressee == "区政府"
