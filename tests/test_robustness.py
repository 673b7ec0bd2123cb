"""Issue 8's bad-input matrix (the rows of docs/errors.md not covered by test_bad_input.py),
hostile input, and security: nothing in a rule is executed, no external XML entities, no network."""

import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile

import pytest
from docmaker import seed_path, write_docx
from helpers import ROOT, run_cli


def one_error(result, *parts):
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    for part in parts:
        assert part in err, err
    return err


def test_folder_with_no_reports(tmp_path):
    (tmp_path / "notes.xlsx").write_bytes(b"PK")
    one_error(run_cli("check", str(tmp_path)), "没有找到可检查的报告", str(tmp_path))


def test_zip_bomb_docx_is_refused_before_decompressing(tmp_path):
    bomb = tmp_path / "bomb.docx"
    good = write_docx(seed_path("003").read_text(encoding="utf-8"), tmp_path / "g.docx")
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        with target.open("word/media/zeros.bin", "w", force_zip64=True) as handle:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):
                handle.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    one_error(run_cli("check", str(bomb)), "文档解压后过大（210 MB）", "bomb.docx")


def test_text_file_over_the_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    one_error(run_cli("check", str(big)), "文件过大", "上限 50 MB")


def test_encrypted_pdf(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.setFont("STSong-Light", 14)
    pdf.drawString(72, 760, "一、主要举措和成效")
    pdf.save()
    one_error(run_cli("check", str(path)), "PDF 已加密", "locked.pdf", "无密码")


def test_html_with_no_report_text(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<html><body><div class='nav'><a href='/'>首页</a><a href='/a'>政务公开</a></div>"
                    "<div class='footer'>版权所有</div></body></html>", encoding="utf-8")
    one_error(run_cli("check", str(page)), "网页中没有找到报告正文", "index.html")


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(0x80 + (i * 37) % 120 for i in range(400)))
    one_error(run_cli("check", str(path)), "无法识别文件编码", "另存为 UTF-8")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_unreadable_permissions(tmp_path):
    path = tmp_path / "secret.txt"
    shutil.copy(seed_path("000"), path)
    path.chmod(0)
    command = [sys.executable, "-m", "checker", "check", str(path)]
    if os.geteuid() == 0:  # root reads anything: drop to nobody to see what a user sees
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv")
        tmp_path.chmod(0o755)
        drop = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        probe = subprocess.run([*drop, sys.executable, "-c", "import click"], capture_output=True, cwd="/")
        if probe.returncode != 0:
            pytest.skip("this Python environment is not readable by the unprivileged user")
        command = [*drop, *command]
    result = subprocess.run(command, capture_output=True, cwd="/", env={**os.environ, "PYTHONPATH": str(ROOT),
                                                                       "HOME": str(tmp_path)})
    one_error(result, "没有读取权限", "secret.txt")


def test_unknown_format_is_a_chinese_usage_error():
    one_error(run_cli("check", "--format", "xml", str(seed_path("000"))), "用法不对", "'xml'", "--help")


CATASTROPHIC = textwrap.dedent("""\
    id: custom.slow
    title: 一条写坏了的规则
    kind: phrase
    severity: warning
    weight: 1
    basis: 测试用的依据文字
    messages:
      fail: 命中：{reason}。
    fix: 无。
    options:
      patterns: ['(.*?，){30}无此词']
    examples:
      pass: ["很短。"]
      flag:
        - {text: "无此词", status: fail}
    """).replace("'(.*?，){30}无此词'", "'(.*?，){30}无此词|^无此词$'")


def test_catastrophic_regex_is_stopped_and_the_run_continues(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yaml").write_text(CATASTROPHIC, encoding="utf-8")
    (tmp_path / ".fazhi-check.yaml").write_text("rule_dirs: [rules]\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", str(seed_path("000")), str(seed_path("003")), cwd=tmp_path)
    err = one_error(result, "规则 custom.slow", "运行超过 2 秒，已停止", "请简化该表达式")
    data = json.loads(result.stdout)
    assert [len(r["results"]) for r in data["reports"]] == [38, 38]
    slow = [next(x for x in r["results"] if x["rule"] == "custom.slow") for r in data["reports"]]
    assert slow[0]["status"] == "n/a" and slow[0]["message"].startswith("检查超时，未能完成")
    assert data["reports"][0]["rule_errors"][0]["rule"] == "custom.slow"
    assert next(x for x in data["reports"][0]["results"] if x["rule"] == "content.causes")["status"] == "weak"
    assert err.count("错误：") >= 1


def test_yaml_tags_are_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    rule = tmp_path / "evil.yaml"
    rule.write_text(f"id: !!python/object/apply:os.system ['touch {marker}']\ntitle: x\n", encoding="utf-8")
    one_error(run_cli("validate", str(rule)), "YAML 语法错误", "evil.yaml")
    assert not marker.exists()
    (tmp_path / ".fazhi-check.yaml").write_text(f"fail_on: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    one_error(run_cli("check", str(seed_path("000")), cwd=tmp_path), "配置文件 YAML 语法错误")
    assert not marker.exists()


def test_docx_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CONTENT", encoding="utf-8")
    good = write_docx(seed_path("003").read_text(encoding="utf-8"), tmp_path / "g.docx")
    hostile = tmp_path / "xxe.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                head, body = text.split("?>", 1)
                doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
                body = body.replace("一年来", "&xxe;一年来", 1)
                data = (head + "?>" + doctype + body).encode("utf-8")
            target.writestr(item, data)
    result = run_cli("outline", "--format", "json", str(hostile))
    assert b"TOPSECRET" not in result.stdout and b"TOPSECRET" not in result.stderr
    assert result.returncode in (0, 2)


def test_no_network_access_in_any_format(tmp_path, made):
    """A sitecustomize that turns every socket connection into a failure that is recorded."""
    guard = tmp_path / "guard"
    guard.mkdir()
    log = tmp_path / "network.log"
    (guard / "sitecustomize.py").write_text(textwrap.dedent(f"""\
        import socket
        def _refuse(self, *args, **kwargs):
            with open({str(log)!r}, "a") as handle:
                handle.write(repr(args) + "\\n")
            raise OSError("network access attempted")
        socket.socket.connect = _refuse
        socket.socket.connect_ex = _refuse
        socket.create_connection = lambda *a, **k: _refuse(None, *a)
        """), encoding="utf-8")
    files = [str(made("000", kind)) for kind in ("docx", "html", "pdf", "md")] + [str(seed_path("002"))]  # 002 fails: exit 1
    env = {**os.environ, "PYTHONPATH": f"{guard}{os.pathsep}{ROOT}"}
    result = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", *files],
                            capture_output=True, env=env, cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode()
    assert len(json.loads(result.stdout)["reports"]) == 5
    assert not log.exists(), log.read_text()
