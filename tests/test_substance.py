"""Issue 4 (part): citations against the knowledge base, years in the achievements, arithmetic."""

import pytest
from docmaker import seed_text

from checker.config import load_config
from checker.document import Document, Line
from checker.engine import engine_settings_of, evaluate_document
from checker.loader import load_rules
from docmaker import seed_path

RULES = load_rules()
SETTINGS = engine_settings_of(load_config(cwd=seed_path("000").parent))
CHECKS = ["cite.stale", "cite.anachronism", "cite.misnamed", "content.year-consistency", "data.arithmetic"]


def evaluate(prefix, text=None):
    lines = (seed_text(prefix) if text is None else text).split("\n")
    document = Document(f"{prefix}.txt", "txt", [Line(n, t) for n, t in enumerate(lines, start=1)])
    return {r.rule.id: r for r in evaluate_document(document, RULES, SETTINGS).results}


def altered(prefix, line, old, new):
    lines = seed_text(prefix).split("\n")
    assert old in lines[line - 1], (prefix, line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


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
     "数据前后不一致：36中33，比例应为91.67%，文中写作94.44%。"),
    ("data.arithmetic", "000", 17, "来信 657 批次", "来信 658 批次", 17,
     "数据前后不一致：其中各项之和658+1314=1972，与总数1971不符。"),
    ("data.arithmetic", "001", 12, "疏导化解1029起", "疏导化解1020起", 12,
     "数据前后不一致：1033中1020，比例应为98.74%，文中写作99.61%。"),
    ("data.arithmetic", "003", 5, "已化解15件", "已化解14件", 5,
     "数据前后不一致：17中14，比例应为82.35%，文中写作88.2%。"),
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
    assert {m[1] for m in misnomers} == {"法治政府建设实施纲要（2022—2025年）", "习近平法治思想纲要"}


@pytest.mark.parametrize("spelling", ["《法治政府建设实施纲要(2015-2020年)》", "法治政府建设实施纲要（2015－2020年）",
                                      "《法治政府建设实施纲要（2015~2020年）》", "法治政府建设实施纲要（2015 — 2020 年）"])
def test_name_variants_match(spelling):
    from checker.document import normalise
    from checker.knowledge import load

    outline = next(i for i in load()[0] if i.name == "法治政府建设实施纲要（2015—2020年）")
    assert outline.pattern.search(normalise(spelling))
