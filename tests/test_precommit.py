"""The pre-commit hook: which files it passes to `check`, tried with the real pre-commit."""

import re
import shutil

import yaml
from docmaker import seed_path
from helpers import ROOT
from test_workflow import git, pre_commit

from checker.readers import _READERS

ACCEPTED = set(_READERS) | {".doc", ".wps", ".ofd"}  # .doc/.wps/.ofd: read through LibreOffice / the OFD reader


def hook():
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]


def test_files_pattern_covers_every_accepted_extension_in_any_case():
    pattern = re.compile(hook()["files"])  # pre-commit applies it with re.search
    for extension in sorted(ACCEPTED | {".rtf", ".odt", ".py", ".yaml", ".json", ".xlsx", ".docx.bak", ".txt~"}):
        for name in (f"报告{extension}", f"草稿{extension.upper()}", f"dir/Sub{extension.title()}"):
            assert bool(pattern.search(name)) == (extension in ACCEPTED), name


def test_try_repo_checks_upper_case_names(tmp_path, tmp_path_factory):
    repo = tmp_path / "reports"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    shutil.copy(seed_path("002"), repo / "草稿.TXT")  # fails on content.causes
    shutil.copy(seed_path("000"), repo / "notes.yaml")  # not a report: not passed to the hook
    git("add", ".", cwd=repo)
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    done = pre_commit("try-repo", str(ROOT), "fazhi-check", "--verbose", cwd=repo, home=home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "草稿.TXT:37: [必须修改｜缺失] content.causes" in done.stdout
    assert "notes.yaml" not in done.stdout


def test_documented_revisions_exist():
    """Every `rev:` and `@revision` the workflow guide tells users to paste is a commit of this repository."""
    import subprocess

    text = (ROOT / "docs" / "workflow.md").read_text(encoding="utf-8")
    revisions = set(re.findall(r"rev: ([0-9a-f]{7,40})\b", text)) | set(re.findall(r"fazhi-check@([0-9a-f]{7,40})\b", text))
    assert revisions and not re.search(r"rev: v\d", text)
    for revision in revisions:
        found = subprocess.run(["git", "cat-file", "-e", f"{revision}^{{commit}}"], cwd=ROOT, capture_output=True)
        assert found.returncode == 0, f"{revision} is not a commit of this repository"
