"""One vocabulary in every output: the lines an output marks 必须修改 are exactly the report's
failed_by; the docs carry the one table; -o follows the file's extension."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from docmaker import seed_path
from helpers import ROOT, run_cli

from checker.outputs.catalogue import vocabulary_table

MUST = "[必须修改｜"


@pytest.fixture(scope="module")
def truth():
    """path → failed_by, from the JSON contract."""
    data = json.loads(run_cli("check", "--format", "json", "seeds/").stdout)
    found = {r["path"]: r["failed_by"] for r in data["reports"]}
    assert found == {"seeds/000_0863972123745c8e.txt": [], "seeds/001_8f7a5bfe7e408863.txt": ["meta.date"],
                     "seeds/002_d1114135e5d93af8.txt": ["content.causes"], "seeds/003_8ed6cf3c26ed22c4.txt": [],
                     "seeds/004_43db1fe365c6fb86.txt": []}
    return found


def _by_report(pairs) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path, rule in pairs:
        found.setdefault(path, []).append(rule)
    return found


def _expected(truth):
    return {path: rules for path, rules in truth.items() if rules}


def test_text_marks_exactly_the_failing_rules(truth):
    out = run_cli("check", "--format", "text", "seeds/").stdout.decode()
    pairs, path = [], None
    for line in out.split("\n"):
        if line.startswith("== seeds/"):
            path = line[3:]
        elif line.startswith(MUST):
            pairs.append((path, re.search(r"（([a-z][\w.-]+)）", line).group(1)))
    assert _by_report(pairs) == _expected(truth)
    assert "2 份报告不合格：seeds/001_8f7a5bfe7e408863.txt（meta.date）；seeds/002_d1114135e5d93af8.txt（content.causes）。" in out.split("\n")


def test_compact_marks_exactly_the_failing_rules(truth):
    out = run_cli("check", "--format", "compact", "seeds/").stdout.decode()
    pairs = [(m.group(1), m.group(2)) for m in re.finditer(r"^(seeds/[^:]+)(?::\d+)?: \[必须修改｜..\] (\S+) ", out, re.M)]
    assert _by_report(pairs) == _expected(truth)
    assert "seeds/002_d1114135e5d93af8.txt:37: [必须修改｜缺失] content.causes 只列出了问题，没有分析产生问题的原因。" in out
    assert "seeds/002_d1114135e5d93af8.txt: 结论：不合格（content.causes），得分 90/100，等级 不合格" in out


def test_github_marks_exactly_the_failing_rules(truth):
    out = run_cli("check", "--format", "github", "seeds/").stdout.decode()
    pairs = [(m.group(2), m.group(3)) for m in re.finditer(r"^::(\w+) file=([^,]+),line=\d+,title=\[必须修改｜..\] (\S+) ", out, re.M)]
    assert _by_report(pairs) == _expected(truth)
    annotations = [line for line in out.split("\n") if line.startswith("::") and ",title=" in line]
    assert all(("title=[必须修改｜" in line) == line.startswith("::error ") for line in annotations)


def test_junit_failures_are_exactly_the_failing_rules(truth):
    root = ET.fromstring(run_cli("check", "--format", "junit", "seeds/").stdout)
    pairs = [(case.get("classname"), case.get("name").split()[0]) for case in root.iter("testcase")
             if case.find("failure") is not None]
    assert _by_report(pairs) == _expected(truth)
    assert all(case.find("failure").get("message").startswith(MUST) for case in root.iter("testcase") if case.find("failure") is not None)
    assert [case.get("name").split()[0] for case in root.iter("testcase")
            if case.find("system-out") is not None and MUST in case.find("system-out").text] == []


def test_sarif_marks_exactly_the_failing_rules(truth):
    log = json.loads(run_cli("check", "--format", "sarif", "seeds/").stdout)
    results = log["runs"][0]["results"]
    pairs = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"])
             for r in results if r["message"]["text"].startswith(MUST)]
    assert _by_report(pairs) == _expected(truth)
    assert {r["level"] for r in results if r["message"]["text"].startswith(MUST)} == {"error"}
    assert not any("[weak]" in r["message"]["text"] or "[fail]" in r["message"]["text"] for r in results)


@pytest.mark.parametrize("columns", [80, 200])
def test_terminal_marks_exactly_the_failing_rules(truth, columns):
    out = run_cli("check", "--format", "rich", "seeds/", env={"COLUMNS": str(columns), "NO_COLOR": "1"}).stdout.decode()
    pairs, path = [], None
    for line in out.split("\n"):
        match = re.match(r"^─+ (seeds/\S+) ─+$", line)
        if match:
            path = match.group(1)
        elif line.startswith(MUST):
            rule = re.search(r" ([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)(?: |$)", line)
            pairs.append((path, rule.group(1)))
    assert _by_report(pairs) == _expected(truth)


def test_seed_004_at_80_columns_fits_each_finding_on_a_screen(truth):
    out = run_cli("check", "--format", "rich", str(seed_path("004")), env={"COLUMNS": "80", "NO_COLOR": "1"}).stdout.decode()
    lines = out.split("\n")
    assert max(len(line) for line in lines) <= 80 * 2  # CJK cells are two columns wide
    starts = [i for i, line in enumerate(lines) if line.startswith("[")]
    ends = starts[1:] + [next(i for i, line in enumerate(lines) if line.startswith("另有"))]
    assert len(starts) == 7
    assert all(end - start <= 24 for start, end in zip(starts, ends)), [end - start for start, end in zip(starts, ends)]
    assert lines[starts[0]].startswith("[建议修改｜薄弱] 党政主要负责人履行第一责任人职责情况")
    assert any("content.responsible-person" in line.split() for line in lines[starts[0]:starts[0] + 2])
    for rule_id in ("meta.title", "meta.date", "meta.timeliness", "format.headings", "format.punctuation", "format.residue"):
        assert any(rule_id in line.split() for line in lines), rule_id
    assert "另有符合 27 项，不适用 3 项（加 --show-passed 列出）。" in lines
    assert "[符合]" not in out


def test_rules_never_truncates_ids():
    from checker.loader import load_rules

    ids = [rule.id for rule in load_rules()]
    for columns in ("80", "200"):
        out = run_cli("rules", env={"COLUMNS": columns}).stdout.decode()
        words = set(re.findall(r"[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+", out))
        assert set(ids) <= words, (columns, set(ids) - words)
        assert "…" not in out


def test_every_doc_carries_the_one_vocabulary_table():
    table = vocabulary_table()
    for name in ("reviewer-guide.md", "configuration.md", "json-output.md"):
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert text.count(table) == 1, name
    assert "| 级别：审阅人要做什么 | **必须修改** | `level: must-fix`" in table


@pytest.mark.parametrize("suffix, check", [
    (".json", lambda text: json.loads(text)["version"] == 2),
    (".html", lambda text: text.startswith("<!DOCTYPE html>")),
    (".sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
    (".xml", lambda text: ET.fromstring(text).tag == "testsuites"),
    (".md", lambda text: text.startswith("## fazhi-check 检查结果")),
    (".txt", lambda text: text.startswith("== seeds/002")),
    (".jsonl", lambda text: json.loads(text.split("\n")[-2])["summary"]["exit_code"] == 1),
])
def test_output_format_follows_the_extension(tmp_path, suffix, check):
    target = tmp_path / f"result{suffix}"
    result = run_cli("check", "-o", str(target), "seeds/002_d1114135e5d93af8.txt")
    assert result.returncode == 1
    assert check(target.read_text(encoding="utf-8"))
    assert "结论：不合格（content.causes）" in result.stdout.decode()  # the scorecard stays on screen


def test_output_extension_contradicting_the_format_is_refused(tmp_path):
    target = tmp_path / "result.html"
    result = run_cli("check", "--format", "json", "-o", str(target), "seeds/002_d1114135e5d93af8.txt")
    assert result.returncode == 2 and not target.exists()
    assert result.stderr.decode() == (f"错误：输出文件 {target} 的扩展名 .html 表示 html 格式，与 --format json 矛盾。"
                                      "请去掉 --format（按扩展名输出），或把文件名改为与 json 格式相符的扩展名。\n")
    # formats an extension admits are kept: SARIF in a .json file, compact text in a .txt file
    assert run_cli("check", "--format", "sarif", "-o", str(tmp_path / "a.json"), "seeds/000_0863972123745c8e.txt").returncode == 0
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert run_cli("check", "--format", "compact", "-o", str(tmp_path / "a.txt"), "seeds/000_0863972123745c8e.txt").returncode == 0
    assert (tmp_path / "a.txt").read_text(encoding="utf-8").endswith("结论：通过，得分 96/100，等级 良好\n")


def test_jsonl_streams_one_report_per_line():
    out = run_cli("check", "--format", "jsonl", "seeds/").stdout.decode().strip().split("\n")
    assert len(out) == 6
    reports = [json.loads(line) for line in out[:5]]
    assert [Path(r["path"]).name[:3] for r in reports] == ["000", "001", "002", "003", "004"]
    assert [r["verdict"] for r in reports] == ["pass", "fail", "fail", "pass", "pass"]
    last = json.loads(out[5])
    assert last["version"] == 2 and last["summary"]["exit_code"] == 1 and len(last["summary"]["failed_reports"]) == 2


def test_an_output_extension_naming_no_format_needs_one(tmp_path):
    target = tmp_path / "汇总.csv"
    result = run_cli("check", "-o", str(target), "seeds/000_0863972123745c8e.txt")
    assert result.returncode == 2 and not target.exists()
    assert result.stderr.decode() == (f"错误：不认识输出文件 {target} 的扩展名 .csv：没有这种格式的输出。请改用 .htm .html .json "
                                      ".jsonl .markdown .md .sarif .txt .xlsx .xml 之一，或用 --format 指定格式。\n")
    assert run_cli("check", "--format", "json", "-o", str(target), "seeds/000_0863972123745c8e.txt").returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["reports"][0]["score"] == 96
    assert run_cli("check", "-o", str(tmp_path / "结果"), "seeds/000_0863972123745c8e.txt").returncode == 0  # no extension: JSON
