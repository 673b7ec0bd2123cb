"""The Python API, used only through the names docs/api.md documents."""

import pytest
from docmaker import seed_path, seed_text

from checker import check_file, check_text
from checker.errors import CheckerError


def problems(report):
    return {r.rule.id: (r.status, r.severity, r.locations[0].line if r.locations else None) for r in report.results if r.problem}


def test_check_file_returns_the_report_model():
    report = check_file(seed_path("004"))
    assert report.error is None and report.format == "txt"
    assert report.path == str(seed_path("004"))
    assert (report.score, report.grade) == (88, "良好")
    assert report.meta["issuing_body"] == "重庆市荣昌区信访办公室"
    assert problems(report)["content.responsible-person"] == ("weak", "warning", 37)
    assert (report.verdict, report.failed_by) == ("pass", [])
    person = next(r for r in report.results if r.rule.id == "content.responsible-person")
    assert person.rule.title == "党政主要负责人履行第一责任人职责情况" and person.rule.basis and person.rule.fix
    assert person.locations[0].excerpt.startswith("(五)压实工作责任")
    assert person.waiver is None


def test_check_text_matches_check_file_and_takes_options():
    assert problems(check_text(seed_text("004"), name="004.txt")) == problems(check_file(seed_path("004")))
    report = check_text(seed_text("004"), format="md", name="草稿.md", select=["format."])
    assert report.path == "草稿.md" and report.format == "md"
    assert {r.rule.id for r in report.results} and all(r.rule.id.startswith("format.") for r in report.results)
    report = check_text(seed_text("004"), ignore=["format", "meta."])
    assert set(problems(report)) == {"content.responsible-person"}


def test_errors_as_documented(tmp_path):
    missing = check_file(tmp_path / "none.txt")
    assert missing.error["code"] == "not-found" and missing.results == []
    assert check_text("   \n").error["code"] == "empty"
    with pytest.raises(CheckerError) as raised:
        check_text(seed_text("000"), select=["no-such."])
    assert "no-such." in raised.value.message
    with pytest.raises(ValueError):
        check_text("x", format="docx")
