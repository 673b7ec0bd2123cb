"""SARIF details, validated against the official SARIF 2.1.0 schema with its formats checked."""

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from docmaker import seed_path, seed_text, write_docx
from helpers import ROOT, run_cli
from test_workflow import sarif_schema  # noqa: F401  (the fixture: Microsoft's schema from npm)


@pytest.fixture(scope="module")
def validate(sarif_schema):  # noqa: F811
    checker = jsonschema.FormatChecker()
    assert {"uri", "uri-reference", "date-time"} <= set(checker.checkers)  # the formats are really checked
    validator = jsonschema.validators.validator_for(sarif_schema)(sarif_schema, format_checker=checker)
    return validator.validate


def sarif(*args, cwd=None, env=None):
    result = run_cli("check", "--format", "sarif", *args, cwd=cwd, env=env)
    return json.loads(result.stdout.decode("utf-8"))


def located(log):
    return {r["ruleId"]: r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"]}


def test_columns_and_whole_document_findings(validate):
    log = sarif("seeds/")
    validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    by_file = {}
    for result in run["results"]:
        where = result["locations"][0]["physicalLocation"]
        by_file.setdefault(where["artifactLocation"]["uri"], {})[result["ruleId"]] = where.get("region")
    evidence = by_file["seeds/002_d1114135e5d93af8.txt"]["data.evidence"]
    line = seed_text("002").split("\n")[evidence["startLine"] - 1]
    assert line[evidence["startColumn"] - 1:evidence["endColumn"] - 1] == "取得明显成效"
    assert by_file["seeds/004_43db1fe365c6fb86.txt"]["meta.date"] == {"startLine": 61, "startColumn": 1, "endColumn": 8}
    # no line: the whole document, at line 1 (GitHub places and tracks an alert by its start line)
    assert by_file["seeds/001_8f7a5bfe7e408863.txt"]["meta.signature"] == {"startLine": 1}
    assert by_file["seeds/001_8f7a5bfe7e408863.txt"]["meta.date"] == {"startLine": 1}


def test_paragraph_documents_have_no_columns(validate, tmp_path):
    write_docx(seed_text("002"), tmp_path / "002.docx")
    log = sarif("002.docx", cwd=tmp_path)
    validate(log)
    regions = [r["locations"][0]["physicalLocation"].get("region") for r in log["runs"][0]["results"]]
    assert any(regions) and all(set(region) == {"startLine"} for region in regions if region)


def test_paths_with_spaces_percent_and_chinese_are_valid_uri_references(validate, tmp_path):
    folder = tmp_path / "2024 年度" / "50% 稿"
    folder.mkdir(parents=True)
    shutil.copy(seed_path("002"), folder / "区 报告.txt")
    log = sarif(".", cwd=tmp_path)
    validate(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uriBaseId"] == "%SRCROOT%"
    assert artifact["uri"] == "2024%20%E5%B9%B4%E5%BA%A6/50%25%20%E7%A8%BF/%E5%8C%BA%20%E6%8A%A5%E5%91%8A.txt"
    assert unquote(artifact["uri"]) == "2024 年度/50% 稿/区 报告.txt"
    base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == tmp_path.resolve().as_uri() + "/"


def test_files_outside_the_working_directory_get_file_uris(validate, tmp_path):
    inside = tmp_path / "work"
    inside.mkdir()
    log = sarif(str(seed_path("002")), cwd=inside)
    validate(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": seed_path("002").resolve().as_uri()}


def test_help_links_point_at_the_rule_catalogue(validate):
    log = sarif(str(seed_path("002")))
    validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver  # no published home is claimed
    causes = next(rule for rule in driver["rules"] if rule["id"] == "content.causes")
    assert causes["helpUri"] == (ROOT / "docs" / "rules.md").as_uri() + "#contentcauses"
    assert "## content.causes" in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "(#contentcauses)" in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")  # the anchor the catalogue uses
    published = sarif(str(seed_path("002")), env={"FAZHI_CHECK_SOURCE_URL": "https://git.example.gov.cn/fazhi/fazhi-check/-/blob/main"})
    validate(published)
    driver = published["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://git.example.gov.cn/fazhi/fazhi-check/-/blob/main/README.md"
    assert driver["rules"][0]["helpUri"] == "https://git.example.gov.cn/fazhi/fazhi-check/-/blob/main/docs/rules.md#contentmeasures"


def test_inline_waivers_are_in_source_suppressions(validate, tmp_path):
    lines = seed_text("002").split("\n")
    lines.insert(0, "<!-- fazhi-check-disable data.evidence -- 成效数据另附 -->")
    (tmp_path / "002.md").write_text("\n".join(lines), encoding="utf-8")
    log = sarif("002.md", cwd=tmp_path)
    validate(log)
    evidence = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "data.evidence")
    assert evidence["suppressions"] == [{"kind": "inSource", "justification": "成效数据另附"}]
