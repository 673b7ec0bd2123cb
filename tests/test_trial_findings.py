"""What a new user's trial found, each fixed and held here: the closing lines after the date, a
signature and date on one line, a malformed date quoted with its readings, one location per
line, 四舍五入 scores, empty folders and unmatched patterns in a batch, binary output on a
terminal, and the web desk's answers to unknown addresses."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import httpx
import pytest
from docmaker import seed_text
from helpers import ROOT, evaluate_seed, run_cli
from webserver import Server

from checker import lexicon
from checker.dates import trailing_date
from checker.engine import score
from checker.model import Result, Rule

SEED = seed_text("000")  # ends "重庆市渝北区信访办公室", blank, "2021年1月28日"
DATE_LINE = SEED.split("\n").index("2021年1月28日") + 1


# Closing lines after the signature and date ---------------------------------------------------

CLOSING = [(entry["name"], example) for entry in lexicon.load()["closing"]["patterns"] for example in entry["examples"]]


@pytest.mark.parametrize("name, line", CLOSING, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CLOSING)])
def test_every_closing_example_is_its_own_kind(name, line):
    assert lexicon.closing_kind(line) == name


@pytest.mark.parametrize("tail", [
    ["（此件公开发布）"],
    ["抄送：区委办公室，区人大常委会办公室。", "重庆市渝北区人民政府办公室        2021年1月28日印发"],
    ["— 5 —"],
    ["第5页 共5页"],
    ["（此件公开发布）", "", "— 5 —"],
])
def test_the_date_is_found_above_the_closing_lines(tail):
    results = evaluate_seed("000", SEED.rstrip("\n") + "\n\n" + "\n".join(tail) + "\n")
    date = results["meta.date"]
    assert (date.status, date.locations[0].line) == ("pass", DATE_LINE)
    assert results["meta.signature"].status == "pass"
    assert results["meta.timeliness"].status == "pass"


def test_a_report_sentence_at_the_end_is_not_a_closing_line():
    assert lexicon.closing_kind("下一步，我们将继续推进法治政府建设。") is None
    assert lexicon.closing_kind("2021年1月28日") is None


def test_signature_and_date_on_one_line():
    body = SEED.rstrip("\n").rsplit("\n", 3)[0]
    for last in ("重庆市渝北区信访办公室    2021年1月28日", "重庆市渝北区信访办公室2021年1月28日"):
        results = evaluate_seed("000", f"{body}\n{last}\n")
        assert results["meta.date"].status == "pass", last
        assert results["meta.signature"].status == "pass", last
    assert trailing_date("重庆市渝北区信访办公室2021年1月28日") == ("重庆市渝北区信访办公室", "2021年1月28日")
    assert trailing_date("全年办理信访事项2021件") is None
    assert trailing_date("2021年1月28日") is None


# A malformed date ---------------------------------------------------------------------------

def test_a_malformed_date_is_quoted_with_its_readings_in_every_date_rule():
    results = evaluate_seed("004")
    assert results["meta.date"].message == "成文日期不完整或无法识别：“2025128”年月日不分明，可读作2025年1月28日、2025年12月8日。"
    assert results["meta.timeliness"].message == ("报告时限不符合要求：成文日期“2025128”无论读作2025年1月28日还是2025年12月8日，"
                                                  "都早于2025年度结束。")
    assert results["format.date-style"].message == "无法检查成文日期的写法：成文日期“2025128”年月日不分明。"


# One location per line ------------------------------------------------------------------------

def test_a_phrase_rule_shows_distinct_lines_and_counts_every_match():
    lines = SEED.split("\n")
    assert lines[12].startswith("2020 年，在区委") and lines[16].startswith("2020 年共登记")
    lines[12] = lines[12].replace("，", ",", 5)  # five on one line
    lines[16] = lines[16].replace("，", ",", 1)  # and one on another
    punctuation = evaluate_seed("000", "\n".join(lines))["format.punctuation"]
    assert punctuation.status == "weak"
    assert [loc.line for loc in punctuation.locations] == [13, 17]
    assert punctuation.message.startswith("有 6 处半角或重复的标点")


# Scores round half up -------------------------------------------------------------------------

def _result(status: str, weight: float = 1) -> Result:
    rule = Rule(id=f"x.{status}", title="t", kind="phrase", severity="warning", weight=weight, basis="", messages={}, fix="",
                examples={})
    return Result(rule, status, "", [], "warning")


@pytest.mark.parametrize("statuses, expected", [
    (["pass"] * 5 + ["fail"] * 3, 63),  # 62.5
    (["pass"] * 149 + ["fail"] * 51, 75),  # 74.5
    (["pass"] * 5 + ["weak"] + ["fail"] * 2, 69),  # 68.75
    (["pass"] * 3 + ["fail"] * 5, 38),  # 37.5
])
def test_the_score_rounds_half_up(statuses, expected):
    assert score([_result(s) for s in statuses], {"weak_credit": 0.5}) == expected


# Batches with nothing in one argument ----------------------------------------------------------

def test_an_empty_folder_and_an_unmatched_pattern_in_a_batch_are_named(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "ok.txt").write_text(SEED, encoding="utf-8")
    done = run_cli("check", "--format", "json", "ok.txt", "empty", "nomatch*.txt", cwd=tmp_path)
    assert done.returncode == 2
    errors = {r["path"]: r["error"] for r in json.loads(done.stdout)["reports"] if r.get("error")}
    assert errors == {
        "empty": {"code": "no-reports-in-folder",
                  "message": "文件夹中没有可检查的报告：empty。支持 .txt .text .md .markdown .docx .doc .wps .html .htm .xhtml .pdf .ofd，文件夹会递归查找。"},
        "nomatch*.txt": {"code": "not-found", "message": "没有文件与通配符匹配：nomatch*.txt。请检查路径和通配符是否正确。"},
    }
    assert "Traceback" not in done.stderr.decode()


def test_a_folder_whose_reports_are_all_excluded_is_not_an_error(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / ".fazhi-check.yaml").write_text("exclude: ['drafts/*']\n", encoding="utf-8")
    done = run_cli("check", "--format", "json", "ok.txt", "drafts", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert [r["path"] for r in json.loads(done.stdout)["reports"]] == ["ok.txt"]


def test_only_empty_arguments_give_the_one_message(tmp_path):
    (tmp_path / "empty").mkdir()
    done = run_cli("check", "empty", "nomatch*.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().strip() == ("错误：没有找到可检查的报告：empty nomatch*.txt。支持 .txt .text .md .markdown .docx .doc .wps .html .htm .xhtml .pdf .ofd，"
                                            "文件夹会递归查找。")


# Binary output on a terminal ------------------------------------------------------------------

def test_xlsx_is_not_written_to_a_terminal():
    main, secondary = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "xlsx", "seeds"], cwd=ROOT, env=env,
                          stdout=secondary, stderr=subprocess.PIPE, timeout=120)
    os.close(secondary)
    os.close(main)
    assert done.returncode == 2
    assert done.stderr.decode().strip() == ("错误：xlsx 是二进制文件，不能显示在终端上。请用 -o 指定文件，如 -o 汇总.xlsx，"
                                            "或重定向到文件（> 汇总.xlsx）。")


def test_xlsx_to_a_pipe_is_still_written():
    done = run_cli("check", "--format", "xlsx", "seeds")
    assert done.returncode == 1 and done.stdout[:2] == b"PK"


# The web desk's unknown addresses --------------------------------------------------------------

def test_unknown_addresses_and_methods_answer_in_json(tmp_path):
    with Server(tmpdir=tmp_path) as server:
        missing = httpx.get(server.url + "/nothing-here")
        assert missing.status_code == 404
        assert missing.json() == {"error": {"code": "not-found", "message": "没有这个地址：/nothing-here。检查台的首页是 /，接口见 docs/serve.md。"}}
        wrong = httpx.get(server.url + "/api/check")
        assert wrong.status_code == 405
        assert wrong.json() == {"error": {"code": "method-not-allowed", "message": "/api/check 不接受 GET 请求。"}}
        page = httpx.get(server.url + "/").text
        assert 'accept=".docx,.doc,.wps,.ofd,.txt,.md,.markdown,.html,.htm,.pdf,.zip"' in page
