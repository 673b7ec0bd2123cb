"""Review workflows: pre-commit, SARIF, JUnit, GitHub annotations, Markdown, batches."""

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from docmaker import SEED_FILES, seed_path
from helpers import ROOT, run_cli

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=True)


def pre_commit(*args, cwd, home):
    executable = Path(sys.executable).parent / "pre-commit"
    command = [str(executable)] if executable.exists() else [sys.executable, "-m", "pre_commit"]
    return subprocess.run(command + list(args), cwd=cwd, capture_output=True, text=True, timeout=900,
                          env={**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home)})


def test_manifest_is_valid():
    result = pre_commit("validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"), cwd=ROOT, home=ROOT / ".pytest_cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_try_repo_refuses_the_bad_report(tmp_path, tmp_path_factory):
    repo = tmp_path / "reports"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    shutil.copy(seed_path("000"), repo / "good.txt")
    shutil.copy(seed_path("002"), repo / "bad.txt")
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    git("add", "good.txt", cwd=repo)
    good = pre_commit("try-repo", str(ROOT), "fazhi-check", cwd=repo, home=home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    git("commit", "-qm", "good report", cwd=repo)
    git("add", "bad.txt", cwd=repo)
    bad = pre_commit("try-repo", str(ROOT), "fazhi-check", cwd=repo, home=home)
    assert bad.returncode == 1
    assert "Failed" in bad.stdout
    assert "bad.txt:37: [必须修改｜缺失] content.causes 只列出了问题，没有分析产生问题的原因。" in bad.stdout
    assert "bad.txt: 结论：不合格（content.causes），得分 90/100，等级 不合格" in bad.stdout


@pytest.fixture(scope="module")
def sarif_schema(tmp_path_factory):
    """The official SARIF 2.1.0 schema, as Microsoft ships it in the npm package @microsoft/jest-sarif."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is needed to fetch the SARIF 2.1.0 schema from the npm registry")
    folder = tmp_path_factory.mktemp("sarif")
    done = subprocess.run([npm, "pack", "@microsoft/jest-sarif@1.0.0-beta.0", "--silent"], cwd=folder,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    import tarfile

    with tarfile.open(next(folder.glob("*.tgz"))) as archive:
        member = archive.getmember("package/lib/schemas/sarif-2.1.0-rtm.5.json")
        return json.load(archive.extractfile(member))


def test_sarif_validates_against_the_official_schema(sarif_schema):
    result = run_cli("check", "--format", "sarif", "seeds/")
    log = json.loads(result.stdout)
    jsonschema.validators.validator_for(sarif_schema)(sarif_schema).validate(log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]][:3] == ["content.measures", "content.shortcomings", "content.causes"]
    causes = [r for r in run["results"] if r["ruleId"] == "content.causes"]
    assert [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"], r["level"])
            for r in causes] == [("seeds/000_0863972123745c8e.txt", 57, "warning"), ("seeds/002_d1114135e5d93af8.txt", 37, "error")]
    assert [r["message"]["text"][:10] for r in causes] == ["[建议修改｜薄弱] ", "[必须修改｜缺失] "]
    fingerprints = [r["partialFingerprints"]["fazhiCheck/v1"] for r in run["results"]]
    assert len(fingerprints) == len(set(fingerprints))
    again = json.loads(run_cli("check", "--format", "sarif", "seeds/").stdout)
    assert [r["partialFingerprints"] for r in again["runs"][0]["results"]] == [r["partialFingerprints"] for r in run["results"]]


def test_sarif_fingerprint_survives_lines_added_above(tmp_path):
    text = seed_path("002").read_text(encoding="utf-8")
    moved = tmp_path / "seeds" / "002.txt"
    moved.parent.mkdir()
    moved.write_text(text, encoding="utf-8")
    first = json.loads(run_cli("check", "--format", "sarif", "seeds/002.txt", cwd=tmp_path).stdout)
    moved.write_text("\n\n\n" + text, encoding="utf-8")
    second = json.loads(run_cli("check", "--format", "sarif", "seeds/002.txt", cwd=tmp_path).stdout)
    pick = lambda log: {r["ruleId"]: (r["partialFingerprints"]["fazhiCheck/v1"], r["locations"][0]["physicalLocation"]["region"]["startLine"])  # noqa: E731
                        for r in log["runs"][0]["results"]}
    assert pick(first)["content.causes"][0] == pick(second)["content.causes"][0]
    assert pick(second)["content.causes"][1] == pick(first)["content.causes"][1] + 3


def test_junit_has_one_suite_per_report_and_one_case_per_rule():
    result = run_cli("check", "--format", "junit", "--fail-on", "warning", "seeds/")
    root = ET.fromstring(result.stdout)
    suites = root.findall("testsuite")
    assert len(suites) == 5
    assert [len(s.findall("testcase")) for s in suites] == [37] * 5
    assert int(root.get("tests")) == 185
    names = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
    assert len(names) == len(set(names))
    failures = {s.get("name")[6:9]: int(s.get("failures")) for s in suites}
    skipped = {s.get("name")[6:9]: int(s.get("skipped")) for s in suites}
    assert failures == {"000": 2, "001": 3, "002": 4, "003": 4, "004": 7}
    assert skipped == {"000": 2, "001": 4, "002": 2, "003": 2, "004": 3}
    case = next(c for c in root.iter("testcase") if c.get("classname").endswith("002_d1114135e5d93af8.txt")
                and c.get("name").startswith("content.causes"))
    assert case.find("failure").get("message") == "[必须修改｜缺失] 只列出了问题，没有分析产生问题的原因。"


def test_junit_below_threshold_passes_with_output():
    root = ET.fromstring(run_cli("check", "--format", "junit", "seeds/000_0863972123745c8e.txt").stdout)
    case = next(c for c in root.iter("testcase") if c.get("name").startswith("content.causes"))
    assert case.find("failure") is None and "原因分析不充分" in case.find("system-out").text
    assert root.get("failures") == "0"


def test_github_annotations():
    out = run_cli("check", "--format", "github", "seeds/002_d1114135e5d93af8.txt").stdout.decode()
    lines = out.strip().split("\n")
    assert lines[0].startswith("::error file=seeds/002_d1114135e5d93af8.txt,line=37,title=[必须修改｜缺失] content.causes 不足的原因::"
                               "只列出了问题，没有分析产生问题的原因。 依据：")
    assert lines[1].startswith("::warning file=seeds/002_d1114135e5d93af8.txt,line=57,title=[建议修改｜有误] meta.timeliness 报告时限::")
    assert len(lines) == 5
    assert lines[-1] == ("::notice title=fazhi-check 结论::1 份报告不合格：seeds/002_d1114135e5d93af8.txt（content.causes）。 "
                         "退出码 1：有报告存在必须修改的问题（--fail-on error）。")
    out = run_cli("check", "--format", "github", "seeds/004_43db1fe365c6fb86.txt").stdout.decode()
    assert "::error" not in out and out.count("::warning") == 7 and "::notice" not in out


def test_markdown_summary_for_a_pull_request():
    out = run_cli("check", "--format", "markdown", "seeds/").stdout.decode()
    assert "| `seeds/001_8f7a5bfe7e408863.txt` | 不合格（meta.date） | 94 | 不合格 | 必须修改 1，建议修改 2，符合 30，不适用 4 |" in out
    assert "| `seeds/004_43db1fe365c6fb86.txt` | 通过 | 88 | 良好 | 建议修改 7，符合 27，不适用 3 |" in out
    assert "| `seeds/003_8ed6cf3c26ed22c4.txt` | 通过 | 93 | 良好 | 建议修改 4，符合 31，不适用 2 |" in out
    assert "<details><summary><code>seeds/002_d1114135e5d93af8.txt</code>：4 项需要处理</summary>" in out
    assert "| [必须修改｜缺失] 不足的原因 `content.causes` | 第37行 | 只列出了问题，没有分析产生问题的原因。 |" in out
    assert out.strip().endswith("2 份报告不合格：seeds/001_8f7a5bfe7e408863.txt（meta.date）；seeds/002_d1114135e5d93af8.txt（content.causes）。"
                                "\n3 份报告通过。\n"
                                "退出码 1：有报告存在必须修改的问题（--fail-on error）。")


def test_output_file_keeps_the_scorecard_on_screen(tmp_path):
    target = tmp_path / "out.sarif"
    result = run_cli("check", "--format", "sarif", "-o", str(target), "seeds/000_0863972123745c8e.txt")
    assert "结论：通过。得分 96/100，等级 良好。建议修改 2，符合 33，不适用 2。" in result.stdout.decode()
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_jobs_do_not_change_the_result(made, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, folder / seed.name)
        for kind in ("docx", "html", "pdf", "md", "gb18030.txt"):
            shutil.copy(made(seed.name[:3], kind), folder / f"{seed.stem}.{kind}")
    one = run_cli("check", "--format", "json", "--jobs", "1", str(folder))
    two = run_cli("check", "--format", "json", "--jobs", "2", str(folder))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout  # the workers wrote each report's text: the same bytes
    lines_one = run_cli("check", "--format", "jsonl", "--jobs", "1", str(folder)).stdout
    assert run_cli("check", "--format", "jsonl", "--jobs", "2", str(folder)).stdout == lines_one
    assert len(lines_one.splitlines()) == 31
    reports = json.loads(one.stdout)["reports"]
    assert len(reports) == 30 and all(r["error"] is None for r in reports)


def test_changed_since_checks_only_changed_reports(tmp_path):
    repo = tmp_path / "reports"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    for prefix in ("000", "002", "003"):
        shutil.copy(seed_path(prefix), repo / f"{prefix}.txt")
    git("add", ".", cwd=repo)
    git("commit", "-qm", "three reports", cwd=repo)
    (repo / "002.txt").write_text(seed_path("002").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    shutil.copy(seed_path("004"), repo / "new.txt")
    data = json.loads(run_cli("check", "--format", "json", "--changed-since", "HEAD", ".", cwd=repo).stdout)
    assert [r["path"] for r in data["reports"]] == ["002.txt", "new.txt"]
    nothing = run_cli("check", "--changed-since", "HEAD", "000.txt", cwd=repo)
    assert (nothing.returncode, nothing.stdout, nothing.stderr.decode()) == (0, b"", "自 HEAD 以来没有改动的报告，无需检查。\n")
    bad = run_cli("check", "--changed-since", "no-such-branch", ".", cwd=repo)
    assert bad.returncode == 2 and "找不到 git 修订版本：no-such-branch" in bad.stderr.decode()


def _repo_with(repo, name: str):
    """A git repository holding seed 000 as `name`, committed."""
    repo.mkdir()
    git("init", "-q", cwd=repo)
    shutil.copy(seed_path("000"), repo / name)
    git("add", ".", cwd=repo)
    git("commit", "-qm", "one report", cwd=repo)
    return repo


def test_changed_since_finds_reports_with_chinese_names(tmp_path):
    """git quotes non-ASCII names ("\\347\\224\\262…") unless asked not to: a changed 甲局报告.txt
    and an untracked 乙局报告.txt are both checked, and fail."""
    repo = _repo_with(tmp_path / "报告", "甲局报告.txt")
    shutil.copy(seed_path("001"), repo / "甲局报告.txt")
    shutil.copy(seed_path("002"), repo / "乙局报告.txt")
    result = run_cli("check", "--format", "json", "--changed-since", "HEAD", ".", cwd=repo, env={"LC_ALL": "C"})
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert [(r["path"], r["failed_by"]) for r in data["reports"]] == [("乙局报告.txt", ["content.causes"]), ("甲局报告.txt", ["meta.date"])]


def test_changed_since_asks_the_repository_the_path_is_in(tmp_path):
    repo = _repo_with(tmp_path / "reports", "000.txt")
    shutil.copy(seed_path("002"), repo / "002.txt")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = run_cli("check", "--format", "json", "--changed-since", "HEAD", str(repo), cwd=outside)
    assert result.returncode == 1, result.stderr.decode()
    assert [r["path"] for r in json.loads(result.stdout)["reports"]] == [str(repo / "002.txt")]


# Nothing to check is no error, and a platform still gets a document it can read ----------------

def test_nothing_changed_gives_each_platform_an_empty_valid_document(tmp_path, sarif_schema):
    import jsonschema
    import xml.etree.ElementTree as ET

    repo = _repo_with(tmp_path / "reports", "000.txt")
    outputs = {}
    for fmt in ("json", "jsonl", "sarif", "gitlab", "junit", "github", "markdown", "compact"):
        result = run_cli("check", "--format", fmt, "--changed-since", "HEAD", ".", cwd=repo)
        assert (result.returncode, result.stderr.decode()) == (0, "自 HEAD 以来没有改动的报告，无需检查。\n"), fmt
        outputs[fmt] = result.stdout.decode()
    assert json.loads(outputs["json"])["reports"] == [] and json.loads(outputs["json"])["summary"]["exit_code"] == 0
    assert json.loads(outputs["jsonl"].splitlines()[0])["summary"]["reports"] == 0
    log = json.loads(outputs["sarif"])
    jsonschema.validate(log, sarif_schema)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["invocations"][0]["executionSuccessful"] is True
    assert json.loads(outputs["gitlab"]) == []
    assert ET.fromstring(outputs["junit"]).attrib == {"name": "fazhi-check", "tests": "0", "failures": "0", "errors": "0", "time": "0.000"}
    assert outputs["github"] == outputs["compact"] == ""
    written = run_cli("check", "--changed-since", "HEAD", "-o", "fazhi-check.sarif", ".", cwd=repo)
    assert written.returncode == 0 and json.loads((repo / "fazhi-check.sarif").read_text(encoding="utf-8"))["runs"][0]["results"] == []


def test_changed_since_still_reports_a_path_that_does_not_exist(tmp_path):
    repo = _repo_with(tmp_path / "reports", "000.txt")
    for missing, shown in (("typo.txt", "typo.txt"), ("nosuch/", "nosuch")):
        result = run_cli("check", "--format", "compact", "--changed-since", "HEAD", missing, cwd=repo)
        assert result.returncode == 2
        assert result.stderr.decode() == f"错误：文件不存在：{shown}。请检查路径是否正确。\n"


def test_only_scorecards_or_excluded_reports_is_nothing_to_check(tmp_path):
    folder = tmp_path / "甲局"
    folder.mkdir()
    shutil.copy(seed_path("000"), folder / "草稿.txt")
    for name in ("评分卡.txt", "汇总.md", "汇总.html"):
        assert run_cli("check", "草稿.txt", "-o", name, cwd=folder).returncode == 0
    result = run_cli("check", "--format", "gitlab", "评分卡.txt", "汇总.md", "汇总.html", cwd=folder)
    assert (result.returncode, json.loads(result.stdout)) == (0, [])
    assert result.stderr.decode() == "没有需要检查的报告：评分卡.txt、汇总.md、汇总.html 是 fazhi-check 写出的评分卡。\n"
    (tmp_path / ".fazhi-check.yaml").write_text('exclude: ["甲局/*"]\n', encoding="utf-8")
    result = run_cli("check", "--format", "compact", "甲局", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, b"")
    assert result.stderr.decode() == "没有需要检查的报告：文件夹 甲局 中的报告都已被配置的 exclude 排除。\n"


def test_a_folder_without_reports_is_an_error_in_the_platforms_document(tmp_path, sarif_schema):
    import jsonschema

    (tmp_path / "空").mkdir()
    result = run_cli("check", "--format", "sarif", "-o", "out.sarif", "空", cwd=tmp_path)
    assert result.returncode == 2
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, sarif_schema)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [
        "文件夹中没有可检查的报告：空。支持 .txt .text .md .markdown .docx .doc .wps .html .htm .xhtml .pdf .ofd，文件夹会递归查找。"]
    on_screen = run_cli("check", "空", cwd=tmp_path)  # a person gets the one line
    assert on_screen.returncode == 2 and on_screen.stderr.decode() == (
        "错误：没有找到可检查的报告：空。支持 .txt .text .md .markdown .docx .doc .wps .html .htm .xhtml .pdf .ofd，文件夹会递归查找。\n")


def test_a_rule_that_could_not_run_is_in_every_ci_format(tmp_path, sarif_schema):
    import jsonschema
    import xml.etree.ElementTree as ET

    draft = tmp_path / "c.md"
    draft.write_text("<!-- fazhi-check-disable content.nosuch -- 测试 -->\n" + seed_path("000").read_text(encoding="utf-8"),
                     encoding="utf-8")
    why = ("c.md 第1行的注释 fazhi-check-disable 中的规则 “content.nosuch” 不存在。"
           "请用 fazhi-check rules 查看规则 id，或写成前缀（如 format.）。")
    outputs = {}
    for fmt in ("sarif", "junit", "gitlab", "github"):
        result = run_cli("check", "--format", fmt, "c.md", cwd=tmp_path)
        assert result.returncode == 2, fmt
        outputs[fmt] = result.stdout.decode()
    log = json.loads(outputs["sarif"])
    jsonschema.validate(log, sarif_schema)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [why]
    suites = ET.fromstring(outputs["junit"])
    assert suites.get("errors") == "1"
    errors = [(case.get("name"), case.find("error").get("message")) for case in suites.iter("testcase") if case.find("error") is not None]
    assert errors == [("content.nosuch 规则无法运行", why)]
    blockers = [(e["check_name"], e["description"]) for e in json.loads(outputs["gitlab"]) if e["severity"] == "blocker"]
    assert blockers == [("fazhi-check/rule-error", why)]
    assert f"::error file=c.md,line=1,title=fazhi-check 规则无法运行::{why}" in outputs["github"].splitlines()
