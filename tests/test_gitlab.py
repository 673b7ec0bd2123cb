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
    result, report = gitlab(str(seed_path("004").relative_to(seed_path("004").parent.parent)))
    assert result.returncode == 1
    assert [(e["check_name"], e["severity"], e["location"]["lines"]["begin"]) for e in report] == [
        ("content.responsible-person", "major", 37), ("meta.title", "minor", 23), ("meta.date", "minor", 61),
        ("meta.timeliness", "minor", 61), ("format.headings", "minor", 29), ("format.punctuation", "minor", 25),
        ("format.residue", "minor", 1)]
    assert {e["location"]["path"] for e in report} == {"seeds/004_43db1fe365c6fb86.txt"}
    assert report[0]["description"].endswith("党政主要负责人履行第一责任人职责情况：第一责任人职责情况不充分：仅在正文中提及“主要负责人”，没有单独成部分。")


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
    result, report = gitlab("--select", "meta.date", str(seed_path("000")))
    assert result.returncode == 0 and report == []
