"""Statutory gating on the real seeds and on variants derived from them: the verdict, the grade,
the rules that make a report fail, and the exit code a reviewer can act on."""

import json
from pathlib import Path

import pytest
from docmaker import seed_path, seed_text
from helpers import run_cli

from checker.document import Document, Line
from checker.engine import check_path, evaluate_document
from checker.model import LEVEL_LABELS, SEVERITY_LABELS, STATUS_LABELS, level_of

STATUTORY = ["content.measures", "content.shortcomings", "content.causes", "content.responsible-person",
             "content.next-year-plan", "meta.title", "meta.issuing-body", "meta.date"]
# seed: (score, grade, verdict, failed_by)
SEEDS = {
    "000": (96, "良好", "pass", []),  # causes weak (heading promises causes, body gives none): should-fix bars 优秀
    "001": (94, "不合格", "fail", ["meta.date"]),  # no date at all
    "002": (90, "不合格", "fail", ["content.causes"]),  # problems listed, no cause analysed
    "003": (93, "良好", "pass", []),  # date lacks its day: should-fix
    "004": (88, "良好", "pass", []),  # 第一责任人 in one sentence of another part: weak, should-fix
}


def _variant(prefix: str, blank: set[int], name: str) -> Document:
    lines = seed_text(prefix).split("\n")
    return Document(name, "txt", [Line(n, "" if n in blank else text) for n, text in enumerate(lines, start=1)])


def test_vocabulary_is_defined_once():
    assert STATUS_LABELS == {"pass": "符合", "weak": "薄弱", "missing": "缺失", "fail": "有误", "n/a": "不适用", "waived": "已豁免"}
    assert LEVEL_LABELS == {"must-fix": "必须修改", "should-fix": "建议修改", "note": "供参考"}
    assert SEVERITY_LABELS == {"error": "必须修改", "warning": "建议修改", "info": "供参考"}


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_verdicts_grades_and_failing_rules(prefix, pack):
    report = check_path(str(seed_path(prefix)), *pack)
    assert (report.score, report.grade, report.verdict, report.failed_by) == SEEDS[prefix]
    must_fix = [r.rule.id for r in report.results if level_of(r) == "must-fix"]
    assert must_fix == report.failed_by


def test_every_statutory_rule_is_must_fix_when_missing_and_at_least_should_fix_when_weak(pack):
    rules, _ = pack
    by_id = {rule.id: rule for rule in rules}
    for rule_id in STATUTORY:
        rule = by_id[rule_id]
        assert rule.statutory and rule.severity_for("missing") == "error", rule_id
        assert rule.severity_for("weak") in ("error", "warning"), rule_id
    assert {rule.id for rule in rules if rule.statutory} == set(STATUTORY)
    assert all(rule.level_reason for rule in rules), [rule.id for rule in rules if not rule.level_reason]


def _removals(pack):
    """Every section-removal variant of the seeds: (name, document, the rule it removes)."""
    from checker.context import Context
    from checker.kinds.section import sections_for
    from checker.readers import read
    from checker.structure import parse

    rules, settings = pack
    for prefix in sorted(SEEDS):
        structure = parse(read(str(seed_path(prefix))))
        ctx = Context(structure, rules, settings)
        for rule_id in ["content.measures", "content.shortcomings", "content.responsible-person", "content.next-year-plan"]:
            blank = {n for h in sections_for(ctx, rule_id) if h.level == 1 for n in range(h.line, h.end_line + 1)}
            if blank:
                yield f"{prefix}-no-{rule_id}.txt", _variant(prefix, blank, f"{prefix}-no-{rule_id}.txt"), rule_id
        yield f"{prefix}-no-title.txt", _variant(prefix, set(structure.title_lines), f"{prefix}-no-title.txt"), "meta.title"
        if structure.date:
            yield f"{prefix}-no-date.txt", _variant(prefix, {structure.date.line}, f"{prefix}-no-date.txt"), "meta.date"


def test_every_removal_variant_is_not_passed(pack, tmp_path):
    rules, settings = pack
    variants = [v for v in _removals(pack) if v[0] != "004-no-title.txt"]  # 004 keeps a second title line
    assert len(variants) == 27  # 19 section removals, 4 titles, 4 dates
    for name, document, rule_id in variants:
        report = evaluate_document(document, rules, settings)
        assert report.verdict == "fail" and report.grade == "不合格", name
        assert rule_id in report.failed_by, (name, report.failed_by)
        (tmp_path / name).write_text("\n".join(line.text for line in document.lines), encoding="utf-8")
    # and through the command line: exit 1, every variant named with its rule
    result = run_cli("check", "--format", "json", str(tmp_path))
    assert result.returncode == 1
    failed = {Path(r["path"]).name: r["failed_by"] for r in json.loads(result.stdout)["summary"]["failed_reports"]}
    assert set(failed) == {name for name, _, _ in variants}
    assert all(rule_id in failed[name] for name, _, rule_id in variants)


def test_no_issuing_body_anywhere_is_must_fix(pack):
    lines = seed_text("003").split("\n")
    report = evaluate_document(_variant("003", {2}, "003-no-body.txt"), *pack)
    assert lines[1] == "济南市章丘区信访局"
    assert report.failed_by == ["meta.issuing-body"] and report.grade == "不合格"


def test_only_cosmetic_findings_do_not_fail(pack):
    """Seed 003 with its day restored has only cosmetic findings left: it passes, 良好 by score."""
    lines = seed_text("003").split("\n")
    assert lines[2] == "（2021年1月）"
    lines[2] = "（2021年1月28日）"
    document = Document("003-dated.txt", "txt", [Line(n, t) for n, t in enumerate(lines, start=1)])
    report = evaluate_document(document, *pack)
    levels = {r.rule.id: level_of(r) for r in report.results if r.problem}
    assert report.verdict == "pass" and report.failed_by == []
    assert "must-fix" not in levels.values()
    assert report.grade != "不合格"


def test_top_grade_needs_no_should_fix_on_a_statutory_item(pack):
    """Seed 000 scores 96: 优秀 by score, 良好 because its causes are weak (should-fix, statutory)."""
    report = check_path(str(seed_path("000")), *pack)
    causes = next(r for r in report.results if r.rule.id == "content.causes")
    assert (causes.status, level_of(causes), report.score, report.grade) == ("weak", "should-fix", 96, "良好")


def test_fail_on_moves_the_verdict_not_the_levels(tmp_path):
    result = run_cli("check", "--format", "json", "--fail-on", "warning", str(seed_path("003")))
    report = json.loads(result.stdout)["reports"][0]
    assert result.returncode == 1 and report["verdict"] == "fail" and report["grade"] == "不合格"
    assert report["failed_by"] == ["meta.signature", "meta.date", "format.residue", "cite.anachronism"]
    assert {r["level"] for r in report["results"] if r["rule"] in report["failed_by"]} == {"should-fix"}
    result = run_cli("check", "--format", "json", "--fail-on", "never", str(seed_path("002")))
    report = json.loads(result.stdout)["reports"][0]
    assert result.returncode == 0 and report["verdict"] == "pass" and report["failed_by"] == []
    # the must-fix finding is still there, and the grade agrees with the verdict: not the
    # failing grade, but no better than 合格 whatever the score (90)
    assert (report["score"], report["grade"]) == (90, "合格")
    assert [r["rule"] for r in report["results"] if r["level"] == "must-fix"] == ["content.causes"]
    lines = run_cli("check", "--fail-on", "never", str(seed_path("002"))).stdout.decode().splitlines()
    assert "结论：通过。得分 90/100，等级 合格。必须修改 1，建议修改 3，符合 31，不适用 2。" in lines


def test_a_short_responsible_person_section_says_how_short(pack):
    """A section that exists but is short is “只有 N 字”, never “没有单独成部分”."""
    lines = seed_text("000").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("三、") and "第一责任人" in line)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("四、"))
    lines[start + 1:end] = ["区信访办主要负责人认真履行推进法治建设第一责任人职责，带头学法用法。"]
    document = Document("000-short.txt", "txt", [Line(n, t) for n, t in enumerate(lines, start=1)])
    person = next(r for r in evaluate_document(document, *pack).results if r.rule.id == "content.responsible-person")
    assert (person.status, level_of(person)) == ("weak", "should-fix")
    assert person.message == "第一责任人职责情况不充分：正文只有 32 字，少于 60 字。"


def test_folded_yaml_puts_no_space_between_chinese_lines(tmp_path):
    from checker.yamlfile import read_yaml

    path = tmp_path / "folded.yaml"
    path.write_text("text: >-\n  部门\n  3月1日，\n  政府和乡镇 3月31日。\n  GB/T\n  9704-2012\n\n  下一段\nplain: 部门 3月1日\n",
                    encoding="utf-8")
    data = read_yaml(path).data
    assert data == {"text": "部门3月1日，政府和乡镇 3月31日。GB/T 9704-2012\n下一段", "plain": "部门 3月1日"}


def test_no_developer_notes_in_rule_texts():
    from checker.loader import load_rules

    for rule in load_rules():
        for text in (rule.rationale, rule.basis, rule.fix, *rule.messages.values(), rule.level_reason):
            assert "种子" not in text, rule.id
    timeliness = next(rule for rule in load_rules() if rule.id == "meta.timeliness")
    assert "部门 3月1日，政府和乡镇 3月31日" in timeliness.rationale  # the line break after “，” adds no space


def test_a_text_that_is_not_such_a_report_gets_one_finding_and_no_score(tmp_path):
    target = tmp_path / "hello.txt"
    target.write_text("hello world this is not a report\n", encoding="utf-8")
    result = run_cli("check", str(target))
    lines = result.stdout.decode().split("\n")
    assert result.returncode == 1
    assert lines[2] == ("[必须修改｜有误] 是否为法治政府建设年度报告（report.subject）—：这不是法治政府建设年度报告："
                        "“法治”在全文出现 0 次。未做其他检查，也不评分。")
    assert [line for line in lines if line.startswith("[")] == [lines[2]]
    assert "结论：不合格（report.subject）。等级 不合格（不计分）。必须修改 1，不适用 36。" in lines
    report = json.loads(run_cli("check", "--format", "json", str(target)).stdout)["reports"][0]
    assert (report["score"], report["grade"], report["verdict"], report["failed_by"]) == (None, "不合格", "fail", ["report.subject"])
    others = [r for r in report["results"] if r["rule"] != "report.subject"]
    assert {r["status"] for r in others} == {"n/a"}
    assert others[0]["message"] == "不适用：“是否为法治政府建设年度报告”不符合，未做此项检查。"


def test_every_seed_passes_the_gate(pack):
    rules, settings = pack
    for prefix in SEEDS:
        report = check_path(str(seed_path(prefix)), rules, settings)
        assert next(r.status for r in report.results if r.rule.id == "report.subject") == "pass", prefix


def test_only_a_failing_report_gets_the_lowest_grade(tmp_path):
    """A draft cut to its first 12 lines, every rule set to should-fix: it passes the default
    --fail-on with a score in the lowest band (59), so its grade is the next one up, never the
    failing 不合格 beside 通过; with --fail-on warning the same report fails and is 不合格."""
    (tmp_path / "short.txt").write_text("\n".join(seed_text("000").split("\n")[:12]) + "\n", encoding="utf-8")
    from checker.config import load_setup

    _, rules = load_setup(None)
    (tmp_path / ".fazhi-check.yaml").write_text(
        "rules:\n" + "".join(f"  {rule.id}:\n    severity: warning\n" for rule in rules), encoding="utf-8")
    result = run_cli("check", "short.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert "结论：通过。得分 59/100，等级 合格。建议修改 7，符合 19，不适用 11。" in result.stdout.decode().splitlines()
    result = run_cli("check", "--format", "json", "--fail-on", "warning", "short.txt", cwd=tmp_path)
    report = json.loads(result.stdout)["reports"][0]
    assert result.returncode == 1 and (report["verdict"], report["score"], report["grade"]) == ("fail", 59, "不合格")


def test_a_text_that_is_no_such_report_gets_the_gate_finding_alone_and_no_score(tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text("关于召开春季运动会的通知\n\n各科室：\n\n定于4月10日召开春季运动会，请各科室组织报名。\n\n办公室\n2025年3月1日\n",
                      encoding="utf-8")
    result = run_cli("check", "--format", "json", str(notice))
    report = json.loads(result.stdout)["reports"][0]
    assert result.returncode == 1
    assert (report["score"], report["grade"], report["verdict"], report["failed_by"]) == (None, "不合格", "fail", ["report.subject"])
    shown = [(r["rule"], r["status"], r["message"]) for r in report["results"] if r["status"] != "n/a"]
    assert shown == [("report.subject", "fail", "这不是法治政府建设年度报告：“法治”在全文出现 0 次。未做其他检查，也不评分。")]
    assert {r["message"] for r in report["results"] if r["status"] == "n/a"} == {
        "不适用：“是否为法治政府建设年度报告”不符合，未做此项检查。"}


# A text whose line breaks were lost: one true finding, not a part reported missing that is there --

PARTS_RULES = ["content.boilerplate", "content.causes", "content.copied-from-previous", "content.measures",
               "content.measures-concrete", "content.next-year-plan", "content.other", "content.plan-addresses-shortcomings",
               "content.plan-year", "content.responsible-person", "content.shortcomings", "content.shortcomings-specific",
               "content.year-consistency", "data.evidence", "structure.order"]


def _run_together(prefix: str) -> str:
    """The seed with its body (from the opening paragraph to the signature) on one line, the
    paragraphs separated by a space, as a web page that lost its line breaks gives it."""
    lines = seed_text(prefix).split("\n")
    filled = [n for n, line in enumerate(lines) if line.strip()]
    opening, signature = filled[2], filled[-2]  # after the organ and the title; the organ and date stay
    body = " ".join(line.strip() for line in lines[opening:signature] if line.strip())
    return "\n".join(lines[:opening] + [body] + lines[signature:])


def test_the_rules_that_read_the_parts_are_those_a_parts_gate_makes_n_a(pack):
    from checker.engine import reads_parts

    rules, _ = pack
    assert sorted(rule.id for rule in rules if reads_parts(rule)) == PARTS_RULES


def test_a_report_whose_line_breaks_were_lost_gets_one_finding_on_its_run_in_heading(tmp_path, pack):
    path = tmp_path / "兴宁市信访局.txt"
    path.write_text(_run_together("002"), encoding="utf-8")
    report = check_path(str(path), *pack)
    by_id = {r.rule.id: r for r in report.results}
    gate = by_id["format.line-breaks"]
    assert (gate.status, level_of(gate)) == ("fail", "must-fix")
    assert gate.message == ("部分标题“一、全力推进法治政府建设”在段落中间，没有单独成行，原文的换行可能已经丢失，"
                            "报告的各部分无法识别，未做各部分的检查。")
    line = path.read_text(encoding="utf-8").split("\n")[6]
    assert [(loc.line, loc.column) for loc in gate.locations] == [(7, line.index("一、全力推进") + 1)]
    for rule_id in PARTS_RULES:
        assert (by_id[rule_id].status, by_id[rule_id].message) == ("n/a", "不适用：“部分标题单独成行”不符合，未做此项检查。"), rule_id
    # what does not need the parts is still checked: the title, the date, the punctuation
    assert (by_id["meta.title"].status, by_id["meta.date"].status, by_id["format.punctuation"].status) == ("pass", "pass", "pass")
    assert report.verdict == "fail" and report.failed_by == ["format.line-breaks"]
    assert report.score is not None and report.grade == "不合格"
    result = run_cli("check", "--format", "compact", str(path))
    assert result.returncode == 1
    assert f"{path}:7: [必须修改｜有误] format.line-breaks 部分标题“一、全力推进法治政府建设”在段落中间" in result.stdout.decode()


def test_an_enumeration_inside_a_paragraph_of_a_report_with_its_headings_is_no_run_on(pack):
    lines = seed_text("002").split("\n")
    lines[6] += " 一、坚持依法分类处理信访诉求，全年导入法定途径办理412件； 二、坚持领导接访，全年接访86批次。"
    report = evaluate_document(Document("002.txt", "txt", [Line(n, t) for n, t in enumerate(lines, start=1)]), *pack)
    by_id = {r.rule.id: r for r in report.results}
    assert by_id["format.line-breaks"].status == "pass"
    assert by_id["content.measures"].status == "pass"
