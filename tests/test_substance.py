"""Checks no reviewer has time for: citations, years, figures, substance, last year's copy."""

import pytest
from docmaker import seed_path, seed_text
from helpers import altered
from helpers import evaluate_seed as evaluate

CHECKS = ["cite.stale", "cite.anachronism", "cite.misnamed", "content.year-consistency", "data.arithmetic"]






@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_originals(prefix):
    results = evaluate(prefix)
    expected = {c: "pass" for c in CHECKS}
    if prefix == "003":
        expected["cite.anachronism"] = "fail"
    assert {c: results[c].status for c in CHECKS} == expected


def test_seed_003_implements_a_regulation_that_did_not_exist_yet():
    result = evaluate("003")["cite.anachronism"]
    assert result.message == "引用在时间上不可能：“《信访工作条例》”2022年2月25日才出现，晚于报告日期。"
    assert [loc.line for loc in result.locations] == [5]


CASES = [
    ("cite.stale", "002", 5, "2020年法治政府", "2022年法治政府", 23,
     "引用了已失效的依据：“法治政府建设实施纲要（2015—2020年）”自2021年度起已不是现行依据，应为法治政府建设实施纲要（2021—2025年）；"
     "“《信访条例》”自2022年度起已不是现行依据，应为信访工作条例。"),
    ("cite.stale", "004", 29, "《民法典》", "《合同法》", 29,
     "引用了已失效的依据：“《合同法》”自2021年度起已不是现行依据，应为民法典。"),
    ("cite.misnamed", "004", 51, "全面贯彻落实《信访工作条例》", "全面贯彻落实《法治政府建设实施纲要（2022—2025年）》", 51,
     "文件名称有误：“《法治政府建设实施纲要（2022—2025年）》”不存在，应为“法治政府建设实施纲要（2021—2025年）”。"),
    ("cite.anachronism", "004", 25, "全面落实《信访工作条例》", "全面落实《行政执法监督条例》", 25,
     "引用在时间上不可能：“《行政执法监督条例》”2026年2月1日才施行，2025年度不可能已贯彻执行。"),
    ("content.year-consistency", "004", 27, "一、2025年推进", "一、2024年推进", 27,
     "成效部分的标题或段首写的是“2024”年，而报告年度是2025年。"),
    ("content.year-consistency", "000", 13, "2020 年，在区委", "2019 年，在区委", 13,
     "成效部分的标题或段首写的是“2019”年，而报告年度是2020年。"),
    ("data.arithmetic", "000", 43, "已化解34件", "已化解33件", 43,
     "数据前后不一致：36件中33件，比例应为91.67%，文中写作94.44%。"),
    ("data.arithmetic", "000", 17, "来信 657 批次", "来信 658 批次", 17,
     "数据前后不一致：其中各项之和658+1314=1972，与总数1971不符。"),
    ("data.arithmetic", "001", 12, "疏导化解1029起", "疏导化解1020起", 12,
     "数据前后不一致：1033起中1020起，比例应为98.74%，文中写作99.61%。"),
    ("data.arithmetic", "003", 5, "已化解15件", "已化解14件", 5,
     "数据前后不一致：17件中14件，比例应为82.35%，文中写作88.2%。"),
]


@pytest.mark.parametrize("rule, prefix, line, old, new, at, message", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_altered_seed_is_flagged(rule, prefix, line, old, new, at, message):
    result = evaluate(prefix, altered(prefix, line, old, new))[rule]
    assert result.status == "fail"
    assert at in [loc.line for loc in result.locations]
    if message:
        assert result.message == message


def test_historical_and_local_mentions_are_not_stale():
    text = altered("002", 5, "2020年法治政府", "2023年法治政府")
    text = text.replace("严格按国务院《信访条例》和", "严格按")  # line 23 now cites only the local regulation
    stale = evaluate("002", text)["cite.stale"]
    assert [loc.line for loc in stale.locations] == [7, 25]  # the national outline (7) and 《信访条例》 (25)
    text = text.replace("不断加大《信访条例》《广东省信访条例》", "不断加大《广东省信访条例》")
    stale = evaluate("002", text)["cite.stale"]
    assert [loc.line for loc in stale.locations] == [7] and "信访条例" not in stale.message
    assert "兴宁市" not in stale.message  # 《兴宁市法治政府建设实施纲要（2015—2020年）》 is a local document
    historical = altered("001", 17, "和信访工作政策法规", "和原《合同法》、《民法典》等法规")
    assert evaluate("001", historical)["cite.stale"].status == "pass"


def test_knowledge_base_is_valid_and_covers_the_reference_table():
    from checker.knowledge import load, validate_knowledge

    validate_knowledge()
    instruments, misnomers = load()
    names = {i.name for i in instruments}
    for needed in ("信访条例", "信访工作条例", "法治政府建设实施纲要（2015—2020年）", "法治政府建设实施纲要（2021—2025年）",
                   "党政机关公文处理工作条例", "党政主要负责人履行推进法治建设第一责任人职责规定", "法制办",
                   "法治政府建设与责任落实督察工作规定", "重大行政决策程序暂行条例", "优化营商环境条例", "民法典",
                   "婚姻法", "继承法", "民法通则", "收养法", "担保法", "合同法", "物权法", "侵权责任法", "民法总则",
                   "习近平法治思想", "数据安全法", "个人信息保护法", "法律援助法", "党的二十大", "档案法实施条例",
                   "二十届三中全会", "法规规章备案审查条例", "二十届四中全会", "行政执法监督条例"):
        assert needed in names
    assert {m[1] for m in misnomers} == {"法治政府建设实施纲要（2022—2025年）", "习近平法治思想纲要",
                                         "党政主要负责人履行推进法治政府建设第一责任人职责规定",
                                         "法治政府建设实施纲要（2015—2020）", "法治政府建设实施纲要（2021—2025）"}


@pytest.mark.parametrize("spelling", ["《法治政府建设实施纲要(2015-2020年)》", "法治政府建设实施纲要（2015－2020年）",
                                      "《法治政府建设实施纲要（2015~2020年）》", "法治政府建设实施纲要（2015 — 2020 年）"])
def test_name_variants_match(spelling):
    from checker.document import normalise
    from checker.knowledge import load

    outline = next(i for i in load()[0] if i.name == "法治政府建设实施纲要（2015—2020年）")
    assert outline.matcher.finditer(normalise(spelling))


SUBSTANCE = ["data.evidence", "content.shortcomings-specific", "content.boilerplate", "content.plan-addresses-shortcomings",
             "content.copied-from-previous"]
SUBSTANCE_EXPECTED = {
    "000": ["pass", "pass", "pass", "weak", "n/a"],
    "001": ["pass", "pass", "pass", "weak", "n/a"],
    "002": ["weak", "pass", "pass", "pass", "n/a"],
    "003": ["pass", "pass", "pass", "pass", "n/a"],
    "004": ["pass", "pass", "pass", "pass", "n/a"],
}


@pytest.mark.parametrize("prefix", sorted(SUBSTANCE_EXPECTED))
def test_substance_on_the_seeds(prefix):
    results = evaluate(prefix)
    assert [results[r].status for r in SUBSTANCE] == SUBSTANCE_EXPECTED[prefix]


def test_substance_findings_on_the_seeds_are_real():
    evidence = evaluate("002")["data.evidence"]
    assert evidence.message == "成效缺少数据支撑：“取得明显成效”附近没有任何数据或实例。"
    assert [loc.line for loc in evidence.locations] == [23]
    plan = evaluate("001")["content.plan-addresses-shortcomings"]
    assert plan.message == "下一年度安排没有回应这些不足：“复核复查导入不畅”（复查、信访群众、复查复核）。"
    assert [loc.line for loc in plan.locations] == [22]


def test_shortcomings_replaced_by_stock_phrases_is_weak():
    text = altered("003", 6, seed_text("003").split("\n")[5][len("二、2020年度推进法治政府建设存在的不足和原因。"):],
                   "工作中还存在一些不足，有待进一步加强。与上级要求相比仍存在一定差距，仍需提高。")
    result = evaluate("003", text)["content.shortcomings-specific"]
    assert result.status == "weak" and [loc.line for loc in result.locations] == [6]
    assert result.message == ("存在的不足写得不具体：2/2 条只是套话，没有具体对象，如“工作中还存在一些不足，有待进一步加强”；"
                              "“与上级要求相比仍存在一定差距，仍需提高”。")


def test_claim_without_figures_and_low_density_are_weak():
    lines = seed_text("004").split("\n")
    lines[34] = "(四)强化源头治理,深化矛盾纠纷多元化解。践行新时代“枫桥经验”,矛盾纠纷化解取得显著成效。"
    lines[36] = lines[36].replace("聘请法律顾问1名", "聘请法律顾问")  # the next figure after it, within 300 characters
    text = "\n".join(lines)
    result = evaluate("004", text)["data.evidence"]
    assert result.status == "weak" and result.message == "成效缺少数据支撑：“取得显著成效”附近没有任何数据或实例。"
    assert [loc.line for loc in result.locations] == [35]


def test_plan_that_takes_up_the_topic_passes():
    text = altered("001", 31, "加强信访干部业务培训。", "加强信访干部业务培训，畅通复查复核渠道。")
    assert evaluate("001", text)["content.plan-addresses-shortcomings"].status == "pass"


def test_copied_from_previous_year(tmp_path):
    import json

    from helpers import run_cli

    last = tmp_path / "last-year.txt"
    last.write_text(seed_text("000").replace("2020", "2019").replace("2021", "2020"), encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", "--previous", str(last), str(seed_path("000"))).stdout)
    result = next(r for r in data["reports"][0]["results"] if r["rule"] == "content.copied-from-previous")
    assert result["status"] == "fail"
    assert result["message"].startswith("与上一年度报告几乎相同：第59行与上一年度报告第59行相似度 100%；第67行与上一年度报告第67行相似度 100%")
    assert [loc["line"] for loc in result["locations"]] == [59, 67, 69, 71, 73]
    unrelated = json.loads(run_cli("check", "--format", "json", "--previous", str(seed_path("002")), str(seed_path("000"))).stdout)
    result = next(r for r in unrelated["reports"][0]["results"] if r["rule"] == "content.copied-from-previous")
    assert result["status"] == "pass" and "去年安排的 3 项中有 3 项在今年成效中有所回应" in result["message"]
    docx_last = tmp_path / "last-year.docx"
    from docmaker import write_docx

    write_docx(last.read_text(encoding="utf-8"), docx_last)
    data = json.loads(run_cli("check", "--format", "json", "--previous", str(docx_last), str(seed_path("000"))).stdout)
    assert next(r for r in data["reports"][0]["results"] if r["rule"] == "content.copied-from-previous")["status"] == "fail"
    both = run_cli("check", "--previous", str(last), str(seed_path("000")), str(seed_path("002")))
    assert both.returncode == 2 and "--previous 只能与一份报告一起使用" in both.stderr.decode()
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    empty = run_cli("check", "--previous", str(tmp_path / "empty.txt"), str(seed_path("000")))
    assert empty.returncode == 2 and empty.stderr.decode() == (
        f"错误：上一年度报告无法使用：文件为空：{tmp_path / 'empty.txt'}。请确认导出或保存是否成功。\n")


def test_shortcomings_that_report_achievements_are_flagged_as_info():
    lines = seed_text("002").split("\n")
    lines[38] = "一是圆满完成全国两会期间信访维稳工作。二是全年办结信访事项234件，取得良好效果。三是信访秩序有待进一步规范。"
    result = evaluate("002", "\n".join(lines))["content.shortcomings-specific"]
    assert (result.status, result.severity) == ("weak", "info")
    assert result.message == "存在的不足写得不具体：2/3 条写的是成绩而不是不足。"
    stock = evaluate("003", altered("003", 6, seed_text("003").split("\n")[5][len("二、2020年度推进法治政府建设存在的不足和原因。"):],
                                    "工作中还存在一些不足，有待进一步加强。"))["content.shortcomings-specific"]
    assert (stock.status, stock.severity) == ("weak", "warning")


def test_adding_the_causes_to_the_shortcomings_adds_no_finding():
    """Seed 002 lists three shortcomings (one stock) and no cause; the cause sentence the statute
    asks for, written after them, is no fourth shortcoming (2/4 stock would make the part weak)."""
    line = seed_text("002").split("\n")[38]
    assert line.endswith("三是信访秩序有待进一步规范。")
    text = altered("002", 39, "三是信访秩序有待进一步规范。", "三是信访秩序有待进一步规范。究其原因，主要是工作人员法治意识不强、培训不足。")
    before, after = evaluate("002"), evaluate("002", text)
    assert before["content.shortcomings-specific"].status == after["content.shortcomings-specific"].status == "pass"
    assert (before["content.causes"].status, after["content.causes"].status) == ("missing", "pass")
