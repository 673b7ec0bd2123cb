"""Bad input: one clear Chinese message naming the file, exit code 2, no traceback, batch continues."""

import os

import pytest
from docmaker import seed_path, write_docx, write_scanned_pdf
from helpers import ROOT, run_cli


def _bad_files(tmp_path):
    files = {}
    files["empty"] = tmp_path / "empty.txt"
    files["empty"].write_bytes(b"")
    files["blank"] = tmp_path / "blank.txt"
    files["blank"].write_text(" \n\u3000\n\t\n", encoding="utf-8")
    files["binary"] = tmp_path / "binary.txt"
    files["binary"].write_bytes(bytes(range(256)) * 20)
    files["doc"] = tmp_path / "old.doc"
    files["doc"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    files["corrupt"] = tmp_path / "corrupt.docx"
    good = write_docx(seed_path("003").read_text(encoding="utf-8"), tmp_path / "good.docx").read_bytes()
    files["corrupt"].write_bytes(good[: len(good) // 2])
    files["encrypted"] = tmp_path / "locked.docx"
    files["encrypted"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    files["text-as-docx"] = tmp_path / "really-text.docx"
    files["text-as-docx"].write_text("一、主要举措和成效\n", encoding="utf-8")
    files["scanned"] = write_scanned_pdf(tmp_path / "scan.pdf")
    files["wps"] = tmp_path / "draft.wps"
    files["wps"].write_bytes(b"anything")
    return files


EXPECTED = {
    "missing": ("文件不存在", "请检查路径"),
    "empty": ("文件为空", "empty.txt"),
    "blank": ("文件为空", "blank.txt"),
    "binary": ("这不是文本文件", "binary.txt"),
    "doc": ("文件已损坏，LibreOffice 无法把它转换为 .docx", "old.doc"),
    "corrupt": ("文件已损坏", "另存为” .docx"),
    "encrypted": ("文档已加密", "取消密码"),
    "text-as-docx": ("不是有效的 .docx", "really-text.docx"),
    "scanned": ("可能是扫描件", "OCR"),
    "wps": ("文件不是有效的WPS 文字文档（.wps）", "另存为” .docx"),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_bad_input_gives_one_clear_error(case, tmp_path):
    files = _bad_files(tmp_path)
    path = str(files.get(case, tmp_path / "nowhere" / "report.txt"))
    result = run_cli("outline", path)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert "Traceback" not in stderr
    first, second = EXPECTED[case]
    assert stderr.startswith("错误：") and first in stderr and second in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_debug_flag_shows_the_traceback(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = run_cli("--debug", "outline", str(path))
    assert result.returncode == 2
    assert "Traceback" in result.stderr.decode("utf-8")


def test_batch_reports_every_other_file(tmp_path):
    files = _bad_files(tmp_path)
    result = run_cli("outline", "--format", "json", str(files["empty"]), str(seed_path("002")), str(files["doc"]))
    assert result.returncode == 2
    import json

    documents = json.loads(result.stdout.decode("utf-8"))["documents"]
    assert [d.get("error", {}).get("code") for d in documents] == ["empty", None, "corrupt"]
    assert documents[1]["title"] == "兴宁市信访局2020年法治政府建设年度报告"


def test_input_is_never_modified(tmp_path):
    import hashlib

    copy = tmp_path / "004.txt"
    copy.write_bytes(seed_path("004").read_bytes())
    before = (hashlib.sha256(copy.read_bytes()).hexdigest(), copy.stat().st_mtime_ns)
    assert run_cli("outline", str(copy)).returncode == 0
    assert (hashlib.sha256(copy.read_bytes()).hexdigest(), copy.stat().st_mtime_ns) == before


def test_a_missing_dependency_names_the_package_to_install(tmp_path):
    # a Python where jieba is not installed: `None` in sys.modules makes `import jieba` fail as if absent
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\nsys.modules['jieba'] = None\n", encoding="utf-8")
    result = run_cli("check", str(seed_path("002")), env={"PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"})
    assert result.returncode == 2
    assert result.stderr.decode("utf-8").strip() == (
        "错误：缺少 Python 包 jieba，fazhi-check 的安装不完整。请在运行 fazhi-check 的 Python 环境中运行 "
        "pip install jieba，或重新安装 fazhi-check。")
    assert result.stdout == b""
