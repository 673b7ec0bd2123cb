"""Peak memory of the parent process by output format, on two batch sizes.

    python bench/memory_by_format.py SMALL_FOLDER LARGE_FOLDER [FORMAT,FORMAT…]

For each format, each folder is checked with `--jobs 2` in a fresh process that runs the CLI
in-process (output to /dev/null, xlsx to a temporary file) and reports its own `ru_maxrss`
(RUSAGE_SELF: the parent alone, not its workers). The growth per report is the difference of the
two peaks over the difference of the batch sizes. Folders of distinct reports come from
bench/corpus.py (`python -c "import sys; sys.path.insert(0, 'bench'); import corpus;
corpus.write(__import__('pathlib').Path('/tmp/c2000'), 2000)"`).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

FORMATS = "json,jsonl,text,compact,sarif,junit,github,gitlab,markdown,xlsx,rich"


def _one(fmt: str, folder: str) -> None:
    from checker.cli import main

    arguments = ["check", "--format", fmt, "--jobs", "2", folder]
    if fmt == "xlsx":
        arguments += ["-o", str(Path(tempfile.mkdtemp()) / "batch.xlsx")]
    saved, devnull = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    try:
        main(arguments)
    except SystemExit:
        pass
    finally:
        os.dup2(saved, 1)
    print(json.dumps({"peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


def _peak(fmt: str, folder: str) -> float:
    env = {**os.environ, "COLUMNS": "120", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, __file__, "--one", fmt, folder], capture_output=True, text=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"]


def main() -> None:
    if sys.argv[1] == "--one":
        _one(sys.argv[2], sys.argv[3])
        return
    small, large = sys.argv[1], sys.argv[2]
    sizes = [sum(1 for _ in Path(folder).iterdir()) for folder in (small, large)]
    for fmt in (sys.argv[3] if len(sys.argv) > 3 else FORMATS).split(","):
        peaks = [_peak(fmt, small), _peak(fmt, large)]
        growth = (peaks[1] - peaks[0]) * 1024 / max(1, sizes[1] - sizes[0])
        print(f"{fmt}: {peaks[0]} MB at {sizes[0]:,}, {peaks[1]} MB at {sizes[1]:,}: {growth:.2f} KB a report", flush=True)


if __name__ == "__main__":
    main()
