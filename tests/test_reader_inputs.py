"""What readers refuse or recognise before a document model exists: devices, FIFOs, endless
streams, UTF-16 without a byte-order mark, pages nested too deeply for a tree parser. Each case
alone and in a batch beside a good seed, whose report must still be there."""

import html
import json
import os

import pytest
from docmaker import paragraphs, seed_path, seed_text
from helpers import beside_seed, essence, run_cli

GOOD = "兴宁市信访局"


def alone_and_in_batch(path, *parts, code=None):
    alone = run_cli("outline", str(path))
    err = alone.stderr.decode("utf-8")
    assert alone.returncode == 2 and "Traceback" not in err, err
    assert err.startswith("错误：") and len(err.strip().splitlines()) == 1, err
    for part in parts:
        assert part in err, err
    batch = run_cli("check", "--format", "json", str(path), str(seed_path("002")))
    assert batch.returncode == 2
    reports = beside_seed(batch.stdout)
    if code:
        assert reports[0]["error"]["code"] == code
    assert reports[1]["meta"]["issuing_body"] == GOOD


def test_character_device_is_refused_before_reading():
    alone_and_in_batch("/dev/zero", "这不是普通文件：/dev/zero 是字符设备", "请指定保存在磁盘上的报告文件", code="not-a-file")


def test_fifo_without_a_writer_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    alone_and_in_batch(fifo, f"这不是普通文件：{fifo} 是命名管道（FIFO）", code="not-a-file")


def test_standard_input_is_read_up_to_the_limit_only():
    result = run_cli("outline", "-", stdin=b"\xe4\xb8\x80" * (17 * 1024 * 1024 + 1))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "文件过大：<标准输入>（超过上限 50 MB）" in err, err


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_utf16_without_bom_is_text(prefix, encoding, tmp_path):
    path = tmp_path / f"{prefix}.txt"
    path.write_bytes(seed_text(prefix).encode(encoding))
    assert essence(path, markers=False) == essence(seed_path(prefix), markers=False)
    batch = run_cli("check", "--format", "json", str(path), str(seed_path("002")))
    reports = beside_seed(batch.stdout)
    assert reports[0]["error"] is None and reports[1]["meta"]["issuing_body"] == GOOD


def test_page_nested_100k_deep_is_read_as_a_stream(tmp_path):
    body = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in paragraphs(seed_text("003")))
    depth = 100_000
    path = tmp_path / "deep.html"
    path.write_text("<html><head><title>x</title><script>var a=1;</script></head><body>" + "<div>" * depth + body
                    + "</div>" * depth + "</body></html>", encoding="utf-8")
    assert essence(path, markers=False) == essence(seed_path("003"), markers=False)
    batch = run_cli("check", "--format", "json", str(path), str(seed_path("002")))
    reports = beside_seed(batch.stdout)
    assert reports[0]["error"] is None and reports[0]["meta"]["issuing_body"] == "济南市章丘区信访局"
    assert reports[1]["meta"]["issuing_body"] == GOOD
