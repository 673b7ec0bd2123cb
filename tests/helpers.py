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


def evaluate_seed(prefix: str, text: str | None = None) -> dict:
    """Results by rule id for a seed, or for a text derived from it (line numbers as in the text)."""
    from docmaker import seed_path, seed_text

    from checker.config import load_config
    from checker.document import Document, Line
    from checker.engine import engine_settings_of, evaluate_document
    from checker.loader import load_rules

    global _PACK
    if "_PACK" not in globals():
        _PACK = (load_rules(), engine_settings_of(load_config(cwd=seed_path("000").parent)))
    rules, settings = _PACK
    lines = (seed_text(prefix) if text is None else text).split("\n")
    document = Document(f"{prefix}.txt", "txt", [Line(n, t) for n, t in enumerate(lines, start=1)])
    return {r.rule.id: r for r in evaluate_document(document, rules, settings).results}


def altered(prefix: str, line: int, old: str, new: str) -> str:
    """The seed's text with `old` replaced by `new` on one line (which must contain it)."""
    from docmaker import seed_text

    lines = seed_text(prefix).split("\n")
    assert old in lines[line - 1], (prefix, line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def beside_seed(stdout: bytes, seed: str = "002_d1114135e5d93af8.txt") -> list[dict]:
    """The JSON reports of a batch run beside a good seed, the seed's last: reports come sorted by
    path, and whether a temporary file sorts before the checkout depends on where the checkout is."""
    reports = json.loads(stdout.decode("utf-8"))["reports"]
    return sorted(reports, key=lambda report: report["path"].endswith(seed))


def essence(path, markers: bool = True) -> dict:
    """What every reader must get right of a report: title, year, issuing body, date and the
    heading tree (with each heading's marker as written, unless the format has none of its own)."""
    from checker.readers import read
    from checker.structure import outline, parse

    data = outline(parse(read(str(path))))

    def flatten(headings):
        for h in headings:
            yield (h["level"], h["number"], h["marker"], h["text"]) if markers else (h["level"], h["number"], h["text"])
            yield from flatten(h["children"])

    return {"title": data["title"], "year": data["report_year"], "body": data["issuing_body"],
            "date": (data["date"] or {}).get("text"), "headings": list(flatten(data["headings"]))}


def statuses(path, pack) -> dict:
    """Each rule's status on a file, with the rules and settings of the `pack` fixture."""
    from checker.engine import check_path

    return {r.rule.id: r.status for r in check_path(str(path), *pack).results}
