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
