"""The real `fazhi-check serve` in a subprocess on a free port, used over HTTP."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Server:
    def __init__(self, *args: str, tmpdir: Path | None = None, cwd: Path | None = None):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        if tmpdir is not None:
            env["TMPDIR"] = str(tmpdir)
        # stderr goes to a file: a pipe nobody reads would stop the server once it is full
        self.log = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.process = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--port", "0", "--no-browser", *args],
                                        cwd=cwd or ROOT, env=env, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.lines: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("server ended: " + self.errors())
            self.lines.append(line.rstrip("\n"))
            if line.startswith("按 Ctrl+C"):
                break
        found = re.search(r"端口：(\d+)", "\n".join(self.lines))
        self.port = int(found.group(1))
        token = re.search(r"访问令牌：([A-Za-z0-9_-]+)", "\n".join(self.lines))
        self.token = token.group(1) if token else None
        self.url = f"http://127.0.0.1:{self.port}"

    def rss_kib(self) -> int:
        """Resident memory of the server and its worker processes."""
        pids = [self.process.pid] + _children(self.process.pid)
        total = 0
        for pid in pids:
            status = Path(f"/proc/{pid}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        return total

    def errors(self) -> str:
        self.process.poll()
        self.log.seek(0)
        return self.log.read()

    def stop(self, how: int = signal.SIGINT) -> str:
        self.process.send_signal(how)
        try:
            self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
        errors = self.errors()
        self.log.close()
        return errors

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found
