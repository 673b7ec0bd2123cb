"""The composite GitHub Action: its metadata, and its step run as the runner runs it."""

import json
import os
import re
import subprocess
import sys

import yaml
from docmaker import seed_path
from helpers import ROOT


def action():
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_metadata_declares_what_the_steps_use():
    meta = action()
    assert meta["runs"]["using"] == "composite"
    assert {"paths", "fail-on", "format"} <= set(meta["inputs"])
    assert all("description" in spec and "default" in spec for spec in meta["inputs"].values())
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert set(re.findall(r"inputs\.([a-z-]+)", text)) <= set(meta["inputs"])
    assert all(step.get("shell") == "bash" for step in meta["runs"]["steps"] if "run" in step)
    script = next(step for step in meta["runs"]["steps"] if step.get("id") == "check")["run"]
    assert script == 'bash "${{ github.action_path }}/packaging/github-action.sh"'
    assert meta["outputs"]["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"


def run_step(tmp_path, paths, cwd=ROOT, **env):
    """The action's check step, with fazhi-check on PATH and the files the runner provides."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "fazhi-check"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m checker "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    environment = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GITHUB_STEP_SUMMARY": str(summary),
                   "GITHUB_OUTPUT": str(output), "FAZHI_PATHS": paths, "FAZHI_FAIL_ON": "error", "FAZHI_FORMAT": "github",
                   "FAZHI_SARIF": str(tmp_path / "out.sarif"), **env}
    done = subprocess.run(["bash", str(ROOT / "packaging" / "github-action.sh")], cwd=cwd, capture_output=True,
                          text=True, env=environment, timeout=600)
    return done, summary.read_text(encoding="utf-8"), output.read_text(encoding="utf-8")


def test_step_writes_annotations_sarif_summary_and_exit_code(tmp_path):
    paths = f"seeds/{seed_path('002').name} seeds/{seed_path('000').name}"
    done, summary, output = run_step(tmp_path, paths, FAZHI_SERVER_URL="https://github.com",
                                     FAZHI_ACTION_REPOSITORY="fazhi/fazhi-check", FAZHI_ACTION_REF="0123abc")
    assert done.returncode == 1, done.stderr
    assert output == "exit-code=1\n"
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert annotations and any(line.startswith(f"::error file=seeds/{seed_path('002').name},line=37,") for line in annotations)
    assert "| 报告 |" in summary or "| `seeds/" in summary
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    causes = next(rule for rule in rules if rule["id"] == "content.causes")
    assert causes["helpUri"] == "https://github.com/fazhi/fazhi-check/blob/0123abc/docs/rules.md#contentcauses"
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == "https://github.com/fazhi/fazhi-check/blob/0123abc/README.md"


def test_step_passes_on_a_clean_report(tmp_path):
    done, _, output = run_step(tmp_path, f"seeds/{seed_path('000').name}")
    assert done.returncode == 0 and output == "exit-code=0\n"


def test_without_the_fail_on_input_the_projects_fail_on_holds_as_on_the_command_line(tmp_path):
    """Seed 000 has two should-fix findings: with `fail_on: warning` in the project it fails on
    the command line, in pre-commit, and so in the Action, unless the input says otherwise."""
    project = tmp_path / "project"
    project.mkdir()
    (project / ".fazhi-check.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    (project / "r.txt").write_bytes(seed_path("000").read_bytes())
    done, _, output = run_step(tmp_path, "r.txt", cwd=project, FAZHI_FAIL_ON="")
    assert (done.returncode, output) == (1, "exit-code=1\n")
    assert "::notice title=fazhi-check 结论::1 份报告不合格：r.txt（content.causes、content.plan-addresses-shortcomings）" in done.stdout
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["invocations"][0]["exitCode"] == 1
    (tmp_path / "bin").rename(tmp_path / "bin-1")  # the step's files of a second run
    done, _, output = run_step(tmp_path, "r.txt", cwd=project, FAZHI_FAIL_ON="error")
    assert (done.returncode, output.splitlines()[-1]) == (0, "exit-code=0")


def test_paths_one_a_line_may_hold_spaces(tmp_path):
    folder = tmp_path / "甲 局"
    folder.mkdir()
    (folder / "2024 年度 报告.txt").write_bytes(seed_path("002").read_bytes())
    (tmp_path / "乙局.txt").write_bytes(seed_path("000").read_bytes())
    done, summary, output = run_step(tmp_path, "\n  甲 局\n乙局.txt  \n", cwd=tmp_path)
    assert (done.returncode, output) == (1, "exit-code=1\n"), done.stdout
    assert any(line.startswith("::error file=甲 局/2024 年度 报告.txt,line=37,") for line in done.stdout.splitlines())
    assert "| `乙局.txt` | 通过 |" in summary and "| `甲 局/2024 年度 报告.txt` | 不合格（content.causes） |" in summary


def test_a_summary_past_githubs_limit_is_cut_at_a_line_with_a_note(tmp_path):
    """GitHub drops a step summary past 1 MiB altogether; the limit is lowered here to 3,000 bytes
    so that five seeds pass it."""
    done, summary, _ = run_step(tmp_path, "seeds/", FAZHI_SUMMARY_LIMIT="3000")
    assert done.returncode == 1
    assert len(summary.encode("utf-8")) <= 3000
    lines = summary.splitlines()
    assert lines[-1] == f"> 汇总超过 GitHub 作业摘要 1 MiB 的上限，以下从略。完整结果见 SARIF 文件（{tmp_path / 'out.sarif'}）和本步骤的日志。"
    table = lines[lines.index("## fazhi-check 检查结果"):]  # after the annotations that were cut
    assert "| `seeds/004_43db1fe365c6fb86.txt` | 通过 | 88 | 良好 | 建议修改 7，符合 27，不适用 3 |" in table
    assert summary.count("<details>") == summary.count("</details>") > 0
