"""`--format github`: GitHub's per-step annotation cap is respected, and what it cuts is named."""

import json
import re

from docmaker import seed_path
from helpers import ROOT, run_cli


def test_annotations_are_capped_per_type_and_the_rest_is_listed(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("# 汇总\n", encoding="utf-8")
    args = ("--fail-on", "warning", "seeds/", "tests/corpus/reports/")
    out = run_cli("check", "--format", "github", *args, env={"GITHUB_STEP_SUMMARY": str(summary)}).stdout.decode()
    commands = [line for line in out.splitlines() if line.startswith("::")]
    kinds = [line[2:].split(" ", 1)[0] for line in commands]
    assert kinds.count("error") <= 10 and kinds.count("warning") == 10 and kinds.count("notice") <= 10
    assert commands[-1].startswith("::notice title=fazhi-check 结论::")
    findings = sum(len([r for r in report["results"] if r["level"]])
                   for report in json.loads(run_cli("check", "--format", "json", *args).stdout)["reports"])
    cut = int(re.search(r"另有 (\d+) 个问题超出 GitHub 每步 10 条批注的上限", out).group(1))
    assert cut == findings - (len(commands) - 1) and cut > 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# 汇总\n") and f"### 未显示为批注的问题（{cut} 个）" in text
    assert len([line for line in text.splitlines() if line.startswith("- ")]) == cut


def test_nothing_cut_nothing_said(tmp_path):
    summary = tmp_path / "summary.md"
    out = run_cli("check", "--format", "github", str(seed_path("004")), env={"GITHUB_STEP_SUMMARY": str(summary)}).stdout.decode()
    assert "超出" not in out and not summary.exists()


def test_each_finding_cut_from_the_annotations_is_listed_as_compact_writes_it():
    args = ("--fail-on", "warning", "seeds/")
    out = run_cli("check", "--format", "github", *args).stdout.decode().splitlines()
    listed = [line for line in out[out.index(next(line for line in out if line.startswith("另有 "))) + 1:]
              if not line.startswith("::")]
    compact = set(run_cli("check", "--format", "compact", *args).stdout.decode().splitlines())
    assert listed and set(listed) <= compact
    assert "seeds/004_43db1fe365c6fb86.txt:61: [建议修改｜薄弱] meta.date 成文日期不完整或无法识别：“2025128”年月日不分明，可读作2025年1月28日、2025年12月8日。" in listed


def test_a_run_that_cannot_start_is_an_error_annotation_too(tmp_path):
    done = run_cli("check", "--format", "github", "--changed-since", "no-such-ref", ".", cwd=ROOT)
    why = "找不到 git 修订版本：no-such-ref。请检查分支名或提交号（如 origin/main、HEAD~1）。"
    assert done.returncode == 2
    assert done.stdout.decode() == f"::error title=fazhi-check 无法检查::{why}\n"
    assert done.stderr.decode() == f"错误：{why}\n"
    compact = run_cli("check", "--format", "compact", "--changed-since", "no-such-ref", ".", cwd=ROOT)
    assert (compact.returncode, compact.stdout) == (2, b"")
