"""Batches feel alive: a progress bar on a terminal's stderr only, and reports written as they pass."""

import io
import os
import pty
import subprocess
import sys
import threading

from docmaker import seed_path
from helpers import ROOT


def _run_with_terminal_stderr(*args: str) -> tuple[int, bytes, bytes]:
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen([sys.executable, "-m", "checker", *args], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=follower, env=env)
    os.close(follower)
    out = []  # stdout is drained beside the pty, so a full pipe never blocks the checker
    reader = threading.Thread(target=lambda: out.append(process.stdout.read()))
    reader.start()
    err = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    reader.join(timeout=300)
    process.wait(timeout=300)
    os.close(leader)
    out = out[0]
    return process.returncode, out, err


def test_progress_bar_on_a_terminal_and_not_with_quiet():
    code, out, err = _run_with_terminal_stderr("check", "--format", "json", "seeds/")
    assert code == 1 and out.startswith(b"{")
    text = err.decode("utf-8", "replace")
    assert "检查中" in text and "5/5" in text and "份/秒" in text and "剩余" in text
    code, out, err = _run_with_terminal_stderr("check", "--quiet", "--format", "json", "seeds/")
    assert code == 1 and "检查中" not in err.decode("utf-8", "replace")


def test_no_progress_bar_when_stderr_is_not_a_terminal():
    done = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "compact", "seeds/"], cwd=ROOT,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert done.returncode == 1 and done.stderr == b""


def test_streaming_formats_write_each_report_before_the_next_is_checked():
    from checker.config import load_config
    from checker.engine import check_path, engine_settings_of
    from checker.loader import load_rules
    from checker.model import Run
    from checker.outputs import compact, github, jsonl, text

    rules = load_rules()
    settings = engine_settings_of(load_config(cwd=seed_path("000").parent))
    for module in (text, compact, github, jsonl):
        handle = io.StringIO()
        seen = []

        def reports():
            for prefix in ("002", "003"):
                seen.append(handle.getvalue())
                yield check_path(str(seed_path(prefix)), rules, settings)

        module.write(Run(reports(), rules), handle)
        assert seen[0] == "" and "002_d1114135e5d93af8.txt" in seen[1], module.__name__
        assert "003_8ed6cf3c26ed22c4.txt" not in seen[1], module.__name__
