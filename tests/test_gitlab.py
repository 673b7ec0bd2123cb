"""`--format gitlab`: a GitLab Code Quality report, validated against GitLab's rules.

The schema (tests/schemas/gitlab-codequality.schema.json) is written from GitLab's own validator
schema for each entry and its documented report format; its description says which rule comes
from where. GitLab publishes neither on a package registry."""

import json
from pathlib import Path

import jsonschema
from docmaker import seed_path
from helpers import run_cli

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))


def gitlab(*args, cwd=None):
    result = run_cli("check", "--format", "gitlab", *args, cwd=cwd)
    report = json.loads(result.stdout.decode("utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    return result, report


def test_seed_findings_as_code_quality_entries():
    result, report = gitlab(f"seeds/{seed_path('002').name}")
    assert result.returncode == 1
    assert [(e["check_name"], e["severity"], e["location"]["lines"]["begin"]) for e in report] == [
        ("content.causes", "major", 37),  # must-fix
        ("meta.timeliness", "minor", 57), ("format.brackets", "minor", 7), ("data.evidence", "minor", 23)]  # should-fix
    assert {e["location"]["path"] for e in report} == {f"seeds/{seed_path('002').name}"}
    assert report[0]["description"] == "[必须修改｜缺失] 不足的原因：只列出了问题，没有分析产生问题的原因。"


def test_whole_document_findings_and_unreadable_files(tmp_path):
    (tmp_path / "坏.pdf").write_bytes(b"%PDF-1.4 not really")
    Path(tmp_path / "001.txt").write_bytes(seed_path("001").read_bytes())
    result, report = gitlab("001.txt", "坏.pdf", cwd=tmp_path)
    assert result.returncode == 2
    signature = next(e for e in report if e["check_name"] == "meta.signature")
    assert signature["location"] == {"path": "001.txt", "lines": {"begin": 1}}  # GitLab requires a line
    unreadable = next(e for e in report if e["check_name"] == "fazhi-check/unreadable")
    assert unreadable["severity"] == "blocker" and unreadable["location"]["path"] == "坏.pdf"


def test_fingerprints_are_unique_and_survive_edits_above(tmp_path):
    _, report = gitlab("seeds/")
    fingerprints = [e["fingerprint"] for e in report]
    assert len(fingerprints) == len(set(fingerprints))  # GitLab keys entries by fingerprint
    text = seed_path("002").read_text(encoding="utf-8")
    (tmp_path / "002.txt").write_text(text, encoding="utf-8")
    _, first = gitlab("002.txt", cwd=tmp_path)
    (tmp_path / "002.txt").write_text("\n\n" + text, encoding="utf-8")
    _, second = gitlab("002.txt", cwd=tmp_path)
    assert [e["fingerprint"] for e in first] == [e["fingerprint"] for e in second]
    assert [e["location"]["lines"]["begin"] + 2 for e in first] == [e["location"]["lines"]["begin"] for e in second]


def test_empty_report_is_an_empty_array(tmp_path):
    result, report = gitlab("--select", "meta.date", str(seed_path("000")))  # nothing to report
    assert result.returncode == 0 and report == []


def test_notes_are_info(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("rules:\n  data.evidence: {severity: info}\n", encoding="utf-8")
    (tmp_path / "002.txt").write_bytes(seed_path("002").read_bytes())
    _, report = gitlab("002.txt", cwd=tmp_path)
    assert next(e for e in report if e["check_name"] == "data.evidence")["severity"] == "info"
