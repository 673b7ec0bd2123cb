"""Running the real command line in a subprocess, as a user or CI would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict | None = None):
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    environment.pop("NO_COLOR", None) if env is None or "NO_COLOR" not in env else None
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd or ROOT, input=stdin,
                          capture_output=True, env=environment, timeout=300)


def cli_json(*args: str, cwd: Path | None = None) -> tuple[int, dict]:
    result = run_cli(*args, cwd=cwd)
    return result.returncode, json.loads(result.stdout.decode("utf-8"))
