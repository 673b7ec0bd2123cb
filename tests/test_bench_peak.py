"""bench/peak.py reports a command's own peak memory, not that of the process that started it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PEAK = Path(__file__).resolve().parent.parent / "bench" / "peak.py"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss semantics of Linux")
def test_a_command_started_through_peak_py_does_not_carry_the_starters_memory(tmp_path):
    ballast = bytearray(300 * 2**20)
    ballast[::4096] = b"\1" * len(ballast[::4096])  # touched: resident
    direct = subprocess.Popen([sys.executable, "-c", "pass"])
    _, _, usage = os.wait4(direct.pid, 0)
    assert usage.ru_maxrss >= 300 * 1024  # the starter's 300 MB, before the command ran
    usage_file = tmp_path / "usage.json"
    done = subprocess.run([sys.executable, str(PEAK), sys.executable, "-c", "import sys; sys.exit(3)"],
                          env={**os.environ, "FAZHI_BENCH_USAGE": str(usage_file)})
    measured = json.loads(usage_file.read_text(encoding="utf-8"))
    assert done.returncode == 3  # the command's exit code
    assert 1024 < measured["maxrss_kb"] < 100 * 1024 and measured["cpu_s"] > 0 and measured["wall_s"] > 0
    del ballast
