"""What a folder check lists: reports and drafts it cannot read (each named), not the checker's
own scorecards saved beside them, not hidden files or folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docmaker import seed_path
from helpers import run_cli

from checker.inputs import expand, own_output


def _reports(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(seed_path("000"), folder / "甲局.txt")
    shutil.copy(seed_path("003"), folder / "乙局.txt")
    return folder


@pytest.mark.parametrize("name, fmt", [("汇总.html", "html"), ("汇总.md", "markdown"), ("汇总.txt", "text"),
                                       ("问题.txt", "compact")])
def test_a_scorecard_saved_in_the_folder_is_not_checked_next_time(tmp_path, name, fmt):
    folder = _reports(tmp_path / "报告")
    first = run_cli("check", "--format", fmt, "-o", str(folder / name), str(folder))
    assert first.returncode == 0 and (folder / name).exists()
    assert own_output(folder / name)
    again = run_cli("check", "--format", fmt, "-o", str(folder / name), str(folder))
    assert again.returncode == 0, again.stderr.decode()
    data = json.loads(run_cli("check", "--format", "json", str(folder)).stdout)
    assert [r["path"] for r in data["reports"]] == [str(folder / "乙局.txt"), str(folder / "甲局.txt")]


def test_no_seed_and_no_corpus_report_looks_like_a_scorecard():
    from helpers import ROOT

    import yaml

    reports = [*ROOT.glob("seeds/*"), *ROOT.glob("tests/corpus/reports/*.txt")]
    listed = yaml.safe_load((ROOT / "tests" / "corpus" / "sources.yaml").read_text(encoding="utf-8"))["reports"]
    assert len(reports) == 5 + len(listed) == 173  # 5 seeds and every corpus report sources.yaml lists
    assert [p.name for p in reports if own_output(p)] == []


def test_hidden_files_and_folders_are_passed_over(tmp_path):
    folder = _reports(tmp_path / "报告")
    (folder / ".venv").mkdir()
    shutil.copy(seed_path("001"), folder / ".venv" / "x.txt")
    (folder / "._甲局.docx").write_bytes(b"\x00\x05\x16\x07 macOS resource fork")
    assert expand([str(folder)]) == [str(folder / "乙局.txt"), str(folder / "甲局.txt")]


def test_drafts_in_formats_it_cannot_read_are_named_in_a_folder(tmp_path):
    folder = _reports(tmp_path / "报告")
    (folder / "丙局.odt").write_bytes(b"PK\x03\x04 odt")
    (folder / "丁局.rtf").write_text("{\\rtf1 报告}", encoding="utf-8")
    result = run_cli("check", "--format", "json", str(folder))
    data = json.loads(result.stdout)
    assert result.returncode == 2
    assert [(Path(r["path"]).name, (r["error"] or {}).get("code")) for r in data["reports"]] == [
        ("丁局.rtf", "legacy-format"), ("丙局.odt", "legacy-format"), ("乙局.txt", None), ("甲局.txt", None)]


def test_a_scorecard_written_before_the_generator_mark_is_known_by_its_title(tmp_path):
    folder = _reports(tmp_path / "报告")
    (folder / "汇总.html").write_text('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                                     '<title>fazhi-check 检查结果</title></head><body>…</body></html>', encoding="utf-8")
    assert expand([str(folder)]) == [str(folder / "乙局.txt"), str(folder / "甲局.txt")]


def test_a_pattern_lists_what_a_folder_check_would(tmp_path):
    folder = _reports(tmp_path / "报告")
    assert run_cli("check", "-o", str(folder / "汇总.html"), str(folder)).returncode == 0
    (folder / "结果.json").write_text("{}", encoding="utf-8")
    (folder / "丙局.odt").write_bytes(b"PK\x03\x04 odt")
    assert expand([str(folder / "*")]) == [str(folder / p) for p in ("丙局.odt", "乙局.txt", "甲局.txt")]


def test_a_scorecard_named_on_the_command_line_is_no_report(tmp_path):
    """The pre-commit hook names every staged .html/.md/.txt: a committed 汇总.html is passed over."""
    folder = _reports(tmp_path / "报告")
    assert run_cli("check", "-o", str(folder / "汇总.html"), str(folder)).returncode == 0
    result = run_cli("check", "--format", "json", str(folder / "甲局.txt"), str(folder / "汇总.html"))
    assert result.returncode == 0
    assert [r["path"] for r in json.loads(result.stdout)["reports"]] == [str(folder / "甲局.txt")]


ARCHIVE_ERROR = ("压缩包不能直接检查：{}。请先解压，再检查解压出的文件夹；网页审阅台（fazhi-check serve）可以直接上传 .zip，"
                 "但不打开压缩包中的压缩包。")


def test_a_zip_in_a_folder_is_named_as_not_checked(tmp_path):
    """Township drafts saved as the zip they came in: the batch cannot pass over them in silence."""
    import zipfile

    folder = tmp_path / "报告"
    folder.mkdir()
    shutil.copy(seed_path("000"), folder / "甲.txt")
    with zipfile.ZipFile(folder / "各乡镇.zip", "w") as archive:
        archive.write(seed_path("001"), "乙.txt")
    result = run_cli("check", "--format", "json", "报告", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert result.returncode == 2
    assert [(r["path"], r["error"]) for r in data["reports"]] == [
        ("报告/各乡镇.zip", {"code": "archive", "message": ARCHIVE_ERROR.format("报告/各乡镇.zip")}),
        ("报告/甲.txt", None)]
    alone = run_cli("check", "--format", "compact", "报告/各乡镇.zip", cwd=tmp_path)
    assert alone.returncode == 2 and alone.stderr.decode() == f"错误：{ARCHIVE_ERROR.format('报告/各乡镇.zip')}\n"
