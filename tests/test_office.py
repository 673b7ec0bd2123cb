"""Word 97-2003 (.doc) and WPS (.wps) through the real LibreOffice: the seed's verdicts, and each
way the conversion can fail as one clear line naming the file, with the batch still reported."""

import json
import os
import sys

import pytest
from docmaker import seed_path
from helpers import beside_seed, essence, run_cli, statuses


GOOD = "兴宁市信访局"


@pytest.mark.parametrize("prefix, kind", [("000", "doc"), ("003", "doc"), ("004", "wps")])
def test_converted_draft_reads_as_the_seed(prefix, kind, made, pack):
    path = made(prefix, kind)
    assert path.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    assert essence(path) == essence(seed_path(prefix))
    assert statuses(path, pack) == statuses(seed_path(prefix), pack)


def _one_line(result, *parts):
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "Traceback" not in err, err
    assert err.startswith("错误：") and len(err.strip().splitlines()) == 1, err
    for part in parts:
        assert part in err, err


def _batch(path, env=None):
    result = run_cli("check", "--format", "json", str(path), str(seed_path("002")), env=env)
    assert result.returncode == 2
    reports = beside_seed(result.stdout)
    assert reports[1]["meta"]["issuing_body"] == GOOD
    return reports[0]["error"]


def _without_libreoffice_on_path(**extra) -> dict:
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + "/nonexistent", **extra}
    for name in ("FAZHI_CHECK_SOFFICE", "ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA"):
        if name not in extra:
            env.pop(name, None)
    return env


def test_without_libreoffice_every_remedy_is_named(made):
    path = made("003", "wps")
    env = _without_libreoffice_on_path()
    _one_line(run_cli("outline", str(path), env=env),
              f"无法读取 {path}：这是WPS 文字文档（.wps），需要用 LibreOffice 转换，但本机没有找到 LibreOffice。"
              "请安装 LibreOffice（Linux 如 apt install libreoffice-writer-nogui）；已装在其他位置时，"
              "把环境变量 FAZHI_CHECK_SOFFICE 设为 soffice 程序的完整路径；或在 Word 或 WPS 中“另存为” .docx 后再检查。")
    assert _batch(path, env)["code"] == "no-libreoffice"


def test_libreoffice_in_its_install_folder_is_found_without_path(made, tmp_path, pack):
    """The Windows installer puts LibreOffice under Program Files and not on PATH: the usual folder
    is looked in (here a Program Files laid out as on Windows, holding the real program)."""
    import shutil

    real = os.path.realpath(shutil.which("soffice"))
    program = tmp_path / "Program Files" / "LibreOffice" / "program"
    program.mkdir(parents=True)
    (program / "soffice").symlink_to(real)
    tools = tmp_path / "bin"  # the system's programs but LibreOffice (its start script needs them)
    tools.mkdir()
    for folder in ("/usr/bin", "/bin"):
        for entry in os.scandir(folder):
            if not entry.name.startswith(("soffice", "libreoffice")) and not (tools / entry.name).exists():
                (tools / entry.name).symlink_to(entry.path)
    path = made("004", "wps")
    env = _without_libreoffice_on_path(ProgramFiles=str(tmp_path / "Program Files"))
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + str(tools)
    converted, seed = (run_cli("check", "--format", "json", str(p), env=env) for p in (path, seed_path("004")))
    assert (converted.returncode, seed.returncode) == (0, 0), converted.stderr.decode()

    def verdict(result):
        report = json.loads(result.stdout)["reports"][0]
        return report["meta"]["issuing_body"], report["score"], [(r["rule"], r["status"]) for r in report["results"]]

    assert verdict(converted) == verdict(seed)
    assert verdict(converted)[0] == "重庆市荣昌区信访办公室"


def test_libreoffice_timing_out_is_stopped_and_cleaned_up(made, tmp_path):
    path = made("000", "doc")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = {**os.environ, "FAZHI_CHECK_CONVERT_TIMEOUT": "0.01", "TMPDIR": str(scratch)}
    _one_line(run_cli("outline", str(path), env=env), f"LibreOffice 转换超时（超过 0.01 秒）：{path}", "另存为” .docx")
    assert _batch(path, env)["code"] == "convert-timeout"
    assert [p.name for p in scratch.iterdir() if p.name.startswith("fazhi-check-office-")] == []  # profile and copies gone


def test_corrupt_doc(tmp_path):
    path = tmp_path / "broken.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    _one_line(run_cli("outline", str(path)), f"文件已损坏，LibreOffice 无法把它转换为 .docx：{path}", "另存为” .docx")
    assert _batch(path)["code"] == "corrupt"


def test_wps_that_is_not_an_office_file(tmp_path):
    path = tmp_path / "draft.wps"
    path.write_bytes(b"anything")
    _one_line(run_cli("outline", str(path)), f"文件不是有效的WPS 文字文档（.wps）（扩展名与内容不符或文件已损坏）：{path}")


def test_docx_renamed_doc_is_read_without_libreoffice(made, tmp_path):
    path = tmp_path / "renamed.doc"
    path.write_bytes(made("003", "docx").read_bytes())
    env = {**os.environ, "PATH": "/nonexistent"}
    result = run_cli("outline", "--format", "json", str(path), env=env)
    assert result.returncode == 0
    assert json.loads(result.stdout)["documents"][0]["format"] == "doc"
