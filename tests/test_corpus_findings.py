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
