"""The statutory pack's verdicts on the five real seeds, and on variants the tests derive from them."""

import pytest
from docmaker import seed_path, seed_text

from checker.document import Document, Line
from checker.engine import check_path, evaluate_document

COLUMNS = ["content.measures", "content.shortcomings", "content.causes", "content.responsible-person",
           "content.next-year-plan", "meta.title", "meta.issuing-body", "meta.date"]
EXPECTED = {
    # seed: measures, shortcomings, causes, responsible-person, next-year-plan, title, issuing-body, date
    "000": ["pass", "pass", "weak", "pass", "pass", "pass", "pass", "pass"],
    "001": ["pass", "pass", "pass", "pass", "pass", "pass", "pass", "missing"],
    "002": ["pass", "pass", "missing", "pass", "pass", "pass", "pass", "pass"],
    "003": ["pass", "pass", "pass", "pass", "pass", "pass", "pass", "weak"],
    "004": ["pass", "pass", "pass", "weak", "pass", "weak", "pass", "weak"],
}
OTHERS = {
    "000": {"content.other": "n/a", "meta.signature": "pass", "meta.timeliness": "pass", "content.plan-year": "pass"},
    "001": {"content.other": "n/a", "meta.signature": "missing", "meta.timeliness": "n/a", "content.plan-year": "pass"},
    "002": {"content.other": "pass", "meta.signature": "pass", "meta.timeliness": "fail", "content.plan-year": "pass"},
    "003": {"content.other": "n/a", "meta.signature": "weak", "meta.timeliness": "pass", "content.plan-year": "pass"},
    "004": {"content.other": "n/a", "meta.signature": "pass", "meta.timeliness": "fail", "content.plan-year": "pass"},
}
BODIES = {"000": "重庆市渝北区信访办公室", "001": "丰都县信访办公室", "002": "兴宁市信访局", "003": "济南市章丘区信访局",
          "004": "重庆市荣昌区信访办公室"}


def statuses(report) -> dict[str, str]:
    return {result.rule.id: result.status for result in report.results}


def by_rule(report, rule_id):
    return next(r for r in report.results if r.rule.id == rule_id)


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_verdicts(prefix, pack):
    rules, settings = pack
    report = check_path(str(seed_path(prefix)), rules, settings)
    found = statuses(report)
    assert [found[c] for c in COLUMNS] == EXPECTED[prefix]
    assert {k: found[k] for k in OTHERS[prefix]} == OTHERS[prefix]
    assert report.meta["issuing_body"] == BODIES[prefix]
    assert by_rule(report, "meta.issuing-body").message == "符合要求。"


def test_messages_and_locations_are_exact(pack):
    rules, settings = pack
    report = check_path(str(seed_path("000")), rules, settings)
    causes = by_rule(report, "content.causes")
    assert causes.message == "原因分析不充分：标题“二、2020年度推进法治政府建设存在的不足和原因”提到原因，正文却没有分析。"
    assert [(loc.line, loc.section) for loc in causes.locations] == [(57, "二、2020年度推进法治政府建设存在的不足和原因")]
    report = check_path(str(seed_path("004")), rules, settings)
    person = by_rule(report, "content.responsible-person")
    assert person.message == "第一责任人职责情况不充分：仅在正文中提及“主要负责人”，没有单独成部分。"
    assert person.locations[0].line == 37
    assert person.locations[0].excerpt.startswith("(五)压实工作责任")
    assert by_rule(report, "meta.timeliness").message == ("报告时限不符合要求：成文日期“2025128”无论读作2025年1月28日还是2025年12月8日，"
                                                                   "都早于2025年度结束。")
    report = check_path(str(seed_path("002")), rules, settings)
    assert by_rule(report, "meta.timeliness").message == "报告时限不符合要求：成文日期“2020年12月15日”早于2020年度结束。"
    assert by_rule(report, "content.measures").message == "符合要求（按位置识别，标题未点明该项）。"


def test_scores_and_grades(pack):
    rules, settings = pack
    scores = {p: check_path(str(seed_path(p)), rules, settings) for p in EXPECTED}
    assert {p: (r.score, r.grade) for p, r in scores.items()} == {
        "000": (96, "良好"), "001": (94, "不合格"), "002": (90, "不合格"), "003": (93, "良好"), "004": (88, "良好")}


def _variant(prefix: str, blank: set[int]) -> Document:
    """The seed with some lines blanked out (line numbers stay as they were)."""
    lines = seed_text(prefix).split("\n")
    return Document(f"{prefix}-variant.txt", "txt",
                    [Line(n, "" if n in blank else text) for n, text in enumerate(lines, start=1)])


def _section_lines(report_structure, rule_id, rules, settings):
    from checker.context import Context
    from checker.kinds.section import sections_for

    ctx = Context(report_structure, rules, settings)
    return {n for h in sections_for(ctx, rule_id) if h.level == 1 for n in range(h.line, h.end_line + 1)}


SECTION_RULES = ["content.measures", "content.shortcomings", "content.responsible-person", "content.next-year-plan"]


@pytest.mark.parametrize("rule_id", SECTION_RULES)
@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_removing_a_section_turns_exactly_that_rule_missing(prefix, rule_id, pack):
    from checker.readers import read
    from checker.structure import parse

    rules, settings = pack
    structure = parse(read(str(seed_path(prefix))))
    blank = _section_lines(structure, rule_id, rules, settings)
    if not blank:
        pytest.skip(f"seed {prefix} has no level-1 section for {rule_id}")
    original = evaluate_document(_variant(prefix, set()), rules, settings)
    before = statuses(original)
    after = statuses(evaluate_document(_variant(prefix, blank), rules, settings))
    assert after[rule_id] == "missing"
    newly_missing = {rule for rule in after if after[rule] == "missing" and before[rule] != "missing"}
    # A rule whose only evidence stood inside the removed lines loses it too (seed 004 mentions its
    # 第一责任人 inside the achievements section): that is the removal, not a second finding.
    cascades = {r.rule.id for r in original.results
                if r.locations and all(loc.line in blank for loc in r.locations) and r.rule.kind == "section"
                and r.status == "weak"}
    assert newly_missing - cascades == {rule_id}
    assert newly_missing - {rule_id} <= {"content.responsible-person"}


def test_every_seed_has_a_removable_section_for_each_rule_but_one(pack):
    """The skip above is rare: only seed 004's responsible person is not a section."""
    from checker.readers import read
    from checker.structure import parse

    rules, settings = pack
    missing = [(p, r) for p in EXPECTED for r in SECTION_RULES
               if not _section_lines(parse(read(str(seed_path(p)))), r, rules, settings)]
    assert missing == [("004", "content.responsible-person")]


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_removing_the_date_turns_meta_date_missing(prefix, pack):
    from checker.readers import read
    from checker.structure import parse

    rules, settings = pack
    date_line = parse(read(str(seed_path(prefix)))).date.line
    after = statuses(evaluate_document(_variant(prefix, {date_line}), rules, settings))
    assert after["meta.date"] == "missing"
    # 004 is a portal copy: its publication date (发布日期 2025-12-10) is still checked
    assert after["meta.timeliness"] == ("pass" if prefix == "004" else "n/a")


SCORING = {"grades": [{"min": 90, "grade": "优秀"}, {"min": 75, "grade": "良好"}, {"min": 60, "grade": "合格"},
                      {"min": 0, "grade": "不合格"}]}


def _finding(severity: str, statutory: bool = False, status: str = "weak"):
    from checker.model import Result, Rule

    rule = Rule(id="x.y", title="x", kind="phrase", severity=severity, weight=1, basis="", messages={}, fix="",
                examples={}, statutory=statutory)
    return Result(rule, status, "m", severity=severity)


@pytest.mark.parametrize("score, findings, failing, grade", [
    (90, [], False, "优秀"), (89, [], False, "良好"), (75, [], False, "良好"), (74, [], False, "合格"),
    (60, [], False, "合格"), (59, [], False, "合格"),  # a passing report is never graded 不合格
    (100, [], True, "不合格"),  # a failing one always is
    (100, [("error", False)], False, "合格"),  # a must-fix that does not fail it (--fail-on never): at most 合格
    (95, [("warning", True)], False, "良好"),  # a should-fix on a statutory item bars the top grade
    (95, [("warning", False)], False, "优秀"),  # one on another item does not
    (80, [("warning", True)], False, "良好"),
    (95, [("info", True)], False, "优秀"),  # a note does not
])
def test_grade_follows_score_and_findings(score, findings, failing, grade):
    from checker.engine import grade_of

    results = [_finding(severity, statutory) for severity, statutory in findings]
    assert grade_of(score, results, SCORING, failing=failing) == grade


@pytest.mark.parametrize("dated, status, message", [
    ("2021年1月1日", "pass", "符合要求。"),  # the first day after the year reported on
    ("2021年3月1日", "pass", "符合要求。"),  # a department's deadline day itself
    ("2021年3月2日", "fail", "报告时限不符合要求：成文日期“2021年3月2日”晚于部门报告截止日期2021年3月1日。"),
    ("2020年12月31日", "fail", "报告时限不符合要求：成文日期“2020年12月31日”早于2020年度结束。"),
])
def test_timeliness_at_the_deadline_and_the_year_end(dated, status, message):
    from helpers import evaluate_seed

    text = seed_text("002").replace("2020年12月15日", dated)
    result = evaluate_seed("002", text)["meta.timeliness"]
    assert (result.status, result.message) == (status, message)
