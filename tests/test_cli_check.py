"""`fazhi-check check`: the scorecard, the JSON contract, exit codes, batches."""

import json
from pathlib import Path

import jsonschema
from docmaker import seed_path
from helpers import ROOT, run_cli

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))


def test_json_output_validates_and_is_complete(tmp_path):
    result = run_cli("check", "--format", "json", "seeds/", cwd=ROOT)
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert result.returncode == 1 and data["summary"]["exit_code"] == 1
    assert [Path(r["path"]).name[:3] for r in data["reports"]] == ["000", "001", "002", "003", "004"]
    assert all(len(r["results"]) == data["tool"]["rules"] == 37 for r in data["reports"])
    first = data["reports"][0]
    assert first["meta"] == {"title": "重庆市渝北区信访办公室关于2020年度法治政府建设情况的报告",
                             "issuing_body": "重庆市渝北区信访办公室", "report_year": 2020, "date": "2021-01-28",
                             "date_text": "2021年1月28日", "addressee": "区政府"}


def test_exit_codes(tmp_path):
    assert run_cli("check", str(seed_path("000"))).returncode == 0
    assert run_cli("check", str(seed_path("002"))).returncode == 1
    assert run_cli("check", str(seed_path("004"))).returncode == 0  # should-fix findings only
    assert run_cli("check", str(tmp_path / "nothing.txt")).returncode == 2
    assert run_cli("check", "--format", "xml", str(seed_path("000"))).returncode == 2


def test_plain_text_scorecard_when_not_a_terminal():
    result = run_cli("check", str(seed_path("002")))
    out = result.stdout.decode()
    lines = out.split("\n")
    assert result.returncode == 1
    # findings only, the must-fix first; passes summed in one line; the verdict names the rule
    assert lines[2] == "[必须修改｜缺失] 不足的原因（content.causes）第37行：只列出了问题，没有分析产生问题的原因。"
    assert lines[3] == "    依据：《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）：年度报告应当包括存在的不足“和原因”"
    assert [line[:12] for line in lines if line.startswith("[")] == [
        "[必须修改｜缺失] 不足", "[建议修改｜有误] 报告", "[建议修改｜有误] 成对", "[建议修改｜薄弱] 成效"]
    assert "另有符合 31 项，不适用 2 项（加 --show-passed 列出）。" in lines
    assert "结论：不合格（content.causes）。得分 90/100，等级 不合格。必须修改 1，建议修改 3，符合 31，不适用 2。" in lines
    assert "\x1b[" not in out and "[符合]" not in out


def test_show_passed_lists_every_rule():
    out = run_cli("check", "--show-passed", str(seed_path("002"))).stdout.decode()
    labelled = [line for line in out.split("\n") if line.startswith("[")]
    assert len(labelled) == 37
    assert labelled[4] == "[符合] 主要举措和成效（content.measures）第9行：符合要求（按位置识别，标题未点明该项）。"
    assert "另有" not in out


def test_rich_scorecard_in_a_terminal():
    result = run_cli("check", "--format", "rich", str(seed_path("004")), env={"COLUMNS": "160"})
    out = result.stdout.decode()
    assert "[建议修改｜薄弱] 党政主要负责人履行第一责任人职责情况 content.responsible-person 第37行" in out
    assert "结论：通过" in out and "得分 88/100，等级 良好" in out


def test_batch_with_an_unreadable_file_still_checks_the_rest(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run_cli("check", "--format", "json", str(seed_path("000")), str(empty), str(seed_path("003")))
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert result.returncode == 2
    assert [r["path"] for r in data["reports"]] == sorted(r["path"] for r in data["reports"])
    verdicts = {Path(r["path"]).name: r["error"]["code"] if r["error"] else (r["verdict"], r["score"]) for r in data["reports"]}
    assert verdicts == {"000_0863972123745c8e.txt": ("pass", 96), "empty.txt": "empty", "003_8ed6cf3c26ed22c4.txt": ("pass", 93)}
    assert next(r for r in data["reports"] if r["error"])["verdict"] is None
    assert "错误：文件为空" in result.stderr.decode()


def test_globs_and_output_file(tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("check", "-o", str(out), "seeds/00[12]*.txt")
    assert result.returncode == 1  # 001 has no date, 002 no causes: both must-fix
    lines = result.stdout.decode().split("\n")
    assert "== 汇总：2 份报告" in lines
    assert "2 份报告不合格：seeds/001_8f7a5bfe7e408863.txt（meta.date）；seeds/002_d1114135e5d93af8.txt（content.causes）。" in lines
    assert "退出码 1：有报告存在必须修改的问题（--fail-on error）。" in lines
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["score"] for r in data["reports"]] == [94, 90]
    assert data["summary"]["failed_reports"] == [{"path": "seeds/001_8f7a5bfe7e408863.txt", "failed_by": ["meta.date"]},
                                                 {"path": "seeds/002_d1114135e5d93af8.txt", "failed_by": ["content.causes"]}]


def test_explain_shows_basis_and_examples():
    out = run_cli("explain", "content.causes").stdout.decode()
    assert "content.causes　不足的原因" in out and "依据：" in out and "问题示例：" in out and "within: content.shortcomings" in out
    result = run_cli("explain", "content.cause")
    assert result.returncode == 2 and "是否要找：content.causes" in result.stderr.decode()


def test_rule_catalogue_is_up_to_date():
    generated = run_cli("rules", "--format", "markdown").stdout.decode()
    assert generated == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"), \
        "docs/rules.md is stale: run `fazhi-check rules --format markdown > docs/rules.md`"


def test_stdin_check():
    result = run_cli("check", "--format", "json", "-", stdin=seed_path("003").read_bytes())
    data = json.loads(result.stdout)
    assert data["reports"][0]["path"] == "-" and data["reports"][0]["score"] == 93


def test_stdin_is_read_by_its_content(tmp_path):
    """Standard input has no file name: a .docx, a PDF or an OFD piped in is read as one."""
    from docmaker import seed_text, write_docx, write_pdf

    from docmaker import write_ofd

    for kind, write in (("docx", write_docx), ("pdf", write_pdf), ("ofd", write_ofd)):
        made = write(seed_text("003"), tmp_path / f"003.{kind}")
        data = json.loads(run_cli("check", "--format", "json", "-", stdin=made.read_bytes()).stdout)
        report = data["reports"][0]
        assert (report["format"], report["verdict"], report["score"]) == (kind, "pass", 93), kind


def test_stdin_filename_gives_standard_input_a_format_and_a_name(tmp_path):
    """Markdown piped in reads as the file does (a name ending .md), and the name stands for it in
    the results, in SARIF and in a waiver's file pattern, as an editor or a CI step needs."""
    from docmaker import seed_text

    draft = tmp_path / "报告" / "甲局.md"
    draft.parent.mkdir()
    lines = seed_text("000").split("\n")
    lines[4] = "## " + lines[4]  # a Markdown heading
    lines[12] = "**" + lines[12] + "**"
    draft.write_text("\n".join(lines), encoding="utf-8")
    by_file = json.loads(run_cli("check", "--format", "json", "报告/甲局.md", cwd=tmp_path).stdout)["reports"][0]
    piped = run_cli("check", "--format", "json", "--stdin-filename", "报告/甲局.md", "-", cwd=tmp_path,
                    stdin=draft.read_bytes())
    report = json.loads(piped.stdout)["reports"][0]
    assert (report["path"], report["format"]) == ("报告/甲局.md", "md")
    assert report["results"] == by_file["results"] and report["score"] == by_file["score"]
    unnamed = json.loads(run_cli("check", "--format", "json", "-", cwd=tmp_path, stdin=draft.read_bytes()).stdout)
    assert (unnamed["reports"][0]["path"], unnamed["reports"][0]["format"]) == ("-", "txt")
    sarif = json.loads(run_cli("check", "--format", "sarif", "--stdin-filename", "报告/甲局.md", "-", cwd=tmp_path,
                               stdin=draft.read_bytes()).stdout)
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in sarif["runs"][0]["results"] if result.get("locations")}
    assert uris == {"%E6%8A%A5%E5%91%8A/%E7%94%B2%E5%B1%80.md"}
    (tmp_path / ".fazhi-check.yaml").write_text(
        "waivers:\n  - rule: content.causes\n    files: [报告/*.md]\n    reason: 原因另行报送\n"
        "    approved_by: 区司法局\n    expires: 2099-12-31\n", encoding="utf-8")
    waived = json.loads(run_cli("check", "--format", "json", "--stdin-filename", "报告/甲局.md", "-", cwd=tmp_path,
                                stdin=draft.read_bytes()).stdout)["reports"][0]
    causes = next(r for r in waived["results"] if r["rule"] == "content.causes")
    assert causes["waiver"]["reason"] == "原因另行报送"


def test_stdin_filename_without_standard_input_or_with_an_unsupported_name(tmp_path):
    misused = run_cli("check", "--stdin-filename", "甲.md", str(seed_path("000")))
    assert misused.returncode == 2 and misused.stdout == b""
    assert misused.stderr.decode() == ("错误：--stdin-filename 只用于从标准输入读取：请在路径处写 -，"
                                       "如 fazhi-check check --stdin-filename 甲.md - < 甲.md。\n")
    legacy = run_cli("check", "--format", "json", "--stdin-filename", "甲.rtf", "-", stdin=seed_path("000").read_bytes())
    assert legacy.returncode == 2
    assert json.loads(legacy.stdout)["reports"][0]["error"] == {
        "code": "legacy-format", "message": "不支持的格式：甲.rtf 是 RTF 文档。请在 Word、WPS 或 LibreOffice 中“另存为” .docx 后再检查。"}


def test_help_text_wraps_between_chinese_characters_never_inside_an_english_word():
    import re

    for command in ("check", "serve", "annotate", "fix"):
        lines = run_cli(command, "--help", env={"COLUMNS": "100"}).stdout.decode().splitlines()
        options = lines[lines.index("选项："):]
        for line, following in zip(options, options[1:]):
            if following.startswith(" " * 34) and line.strip():  # a help text going on
                assert not (re.search(r"[A-Za-z0-9]$", line) and re.match(r"\s+[A-Za-z0-9]", following)), (command, line, following)
                assert not re.match(r"\s+[，。；：、）》]", following), (command, following)
        assert "FILE" not in "\n".join(options)
    text = run_cli("check", "--help", env={"COLUMNS": "100"}).stdout.decode()
    assert "、jsonl、compact、" in text and "warning＝建议修改" in text


def test_click_speaks_chinese_in_help_and_usage_errors():
    help_text = run_cli("check", "--help").stdout.decode()
    assert help_text.startswith("用法：") and "\n选项：\n" in help_text and "显示本帮助并退出。" in help_text
    assert "Usage" not in help_text and "Options" not in help_text and "Show this message" not in help_text
    assert "default:" not in help_text and "INTEGER" not in help_text and "x>=" not in help_text
    assert "-j, --jobs 整数" in help_text and "［默认：1；≥1］" in help_text
    serve_help = run_cli("serve", "--help").stdout.decode()
    assert "［默认：8765；0–65535］" in serve_help and "[default" not in serve_help
    assert help_text.splitlines()[0].endswith(" check [选项] 路径...")
    assert run_cli("--help").stdout.decode().splitlines()[0].endswith(" [选项] 命令 [参数]...")
    assert run_cli("annotate", "--help").stdout.decode().splitlines()[0].endswith(" annotate [选项] 草稿")
    cases = {("check", "--bogus", "x"): "没有选项 --bogus，是否要用 --jobs",
             ("check", "--format", "xml", "x"): "参数 '--format'的值'xml'不对，可用的值：auto、rich、json",
             ("check",): "缺少参数 '路径...'",
             ("check", "-j", "x", "y"): "参数 '-j' / '--jobs'的值'x'不对，应为不小于 1 的整数",
             ("serve", "--port", "99999"): "参数 '--port'的值不对，应为介于 0 到 65535 之间的整数"}
    for args, words in cases.items():
        result = run_cli(*args)
        err = result.stderr.decode()
        assert result.returncode == 2 and err.startswith(f"错误：用法不对：{words}"), (args, err)
        assert len(err.strip().splitlines()) == 1


def test_help_columns_line_up_with_chinese_placeholders():
    """click counts a Chinese character as one column; the help table is laid out by display width."""
    import unicodedata

    def width(text):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    lines = run_cli("serve", "--help").stdout.decode().splitlines()
    rows = [line for line in lines if line.startswith("  -")]
    assert any("--port 整数" in row for row in rows) and any("--host 地址" in row for row in rows)
    starts = {width(row[:row.index("  ", 2)]) + len(row[row.index("  ", 2):]) - len(row[row.index("  ", 2):].lstrip())
              for row in rows}
    assert len(starts) == 1, rows


SPAWNED = """
import sys
from checker import batch
from checker.config import load_setup
from checker.engine import engine_settings_of
from checker.readers import name_stdin

if __name__ == "__main__":
    config, rules = load_setup(None, {})
    name_stdin("甲局.md")
    reports = batch._spawned(["-", sys.argv[1]], rules, engine_settings_of(config), 2, None, {}, batch.Budget.of({}))
    print([(r.path, r.format, r.score, r.error) for r in reports])
"""


def test_standard_input_in_a_spawned_pool_is_read_by_the_command(tmp_path):
    """Where there is no fork (Windows), workers are spawned and their standard input is not the
    command's: the piped report is checked in the command itself, in its place in the batch."""
    import os
    import subprocess
    import sys

    script = tmp_path / "spawned.py"
    script.write_text(SPAWNED, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(seed_path("001"))], input=seed_path("003").read_bytes(),
                            capture_output=True, cwd=ROOT, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.decode().strip() == f"[('甲局.md', 'md', 93, None), ('{seed_path('001')}', 'txt', 94, None)]"
