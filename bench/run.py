"""fazhi-check benchmark: anyone can run it; figures go to docs/performance.md.

    python bench/run.py            # everything (a few minutes on 2 cores)
    python bench/run.py --quick    # smaller corpora, for a smoke run

Every target is measured side by side with its baseline in the same run, on this machine:
- cold start of `fazhi-check check` on one .txt seed vs `python -c "import click, yaml, rich.console"`;
- .txt reports per second over 1,000 seed copies with --jobs 2; five-page PDFs per second;
- peak memory (max RSS) of a checking process;
- growth: 10 / 100 / 1,000 / 10,000 reports, one report of 4k / 40k / 400k characters.
Results are printed and written to bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, int]:
    """Wall time of one run and the peak RSS (KB) of its process tree."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{done.stderr.decode()}")
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def median_time(command: list[str], runs: int) -> float:
    timed(command)  # warm the file cache and .pyc files
    return statistics.median(timed(command)[0] for _ in range(runs))


def checker(*args: str) -> list[str]:
    return [sys.executable, "-m", "checker", "check", "--format", "json", *args]


def cold_start(runs: int) -> dict:
    baseline = median_time([sys.executable, "-c", "import click, yaml, rich.console"], runs)
    check = median_time(checker(str(SEEDS[0])), runs)
    return {"baseline_s": round(baseline, 3), "check_s": round(check, 3), "ratio": round(check / baseline, 2),
            "target_ratio": 3.0}


def copies(folder: Path, count: int, kind: str = "txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    sources = SEEDS if kind == "txt" else sorted(folder.parent.glob("pdf-source/*.pdf"))
    for index in range(count):
        source = sources[index % len(sources)]
        target = folder / f"{index:06d}_{source.name}"
        if not target.exists():
            os.link(source, target) if source.stat().st_dev == folder.stat().st_dev else shutil.copy(source, target)
    return folder


def throughput(folder: Path, count: int, jobs: int) -> dict:
    elapsed, peak = timed(checker("--jobs", str(jobs), str(folder)))
    return {"reports": count, "jobs": jobs, "seconds": round(elapsed, 2), "per_second": round(count / elapsed, 1),
            "peak_rss_mb": round(peak / 1024, 1)}


def five_page_pdfs(work: Path, count: int) -> Path:
    from docmaker import write_pdf

    source = work / "pdf-source"
    source.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        path = source / f"{seed.stem}.pdf"
        write_pdf(text, path)
        from checker.readers import read

        pages = max(line.page for line in read(str(path)).lines)
        body = seed.read_text(encoding="utf-8")
        while pages < 5:  # lengthen short seeds to five pages
            text += "\n" + body
            write_pdf(text, path)
            pages = max(line.page for line in read(str(path)).lines)
    return copies(work / "pdfs", count, "pdf")


def growth_in_size(work: Path) -> list[dict]:
    """One report of about 4k, 40k and 400k characters: seed 000 with its sections repeated."""
    from checker.config import load_setup
    from checker.engine import check_path, engine_settings_of

    config, rules = load_setup(None)
    settings = engine_settings_of(config)
    text = SEEDS[0].read_text(encoding="utf-8")
    head, _, rest = text.partition("一、")
    body, _, tail = ("一、" + rest).rpartition("\n重庆市渝北区信访办公室")
    rows = []
    for target in (4_000, 40_000, 400_000):
        repeats = max(1, round((target - len(head) - len(tail)) / len(body)))
        path = work / f"size-{target}.txt"
        path.write_text(head + "\n".join([body] * repeats) + "\n重庆市渝北区信访办公室" + tail, encoding="utf-8")
        check_path(str(path), rules, settings)
        start = time.perf_counter()
        for _ in range(3):
            check_path(str(path), rules, settings)
        seconds = (time.perf_counter() - start) / 3
        characters = len(path.read_text(encoding="utf-8"))
        rows.append({"characters": characters, "seconds": round(seconds, 4),
                     "microseconds_per_char": round(seconds / characters * 1e6, 3)})
    return rows


def machine() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cores": os.cpu_count(),
            "processor": platform.processor() or platform.machine()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora")
    args = parser.parse_args()
    sizes = [10, 100, 1000] if args.quick else [10, 100, 1000, 10000]
    results: dict = {"machine": machine(), "date": time.strftime("%Y-%m-%d")}
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        print("cold start …", flush=True)
        results["cold_start"] = cold_start(5 if args.quick else 15)
        print(results["cold_start"], flush=True)
        print("throughput (.txt, --jobs 2, 1,000 reports) …", flush=True)
        corpus = copies(work / "txt-1000", 1000)
        results["txt_throughput"] = {"jobs_1": throughput(corpus, 1000, 1), "jobs_2": throughput(corpus, 1000, 2),
                                     "target_per_second": 100}
        print(results["txt_throughput"], flush=True)
        print("throughput (five-page PDFs, --jobs 2) …", flush=True)
        pdf_count = 50 if args.quick else 200
        results["pdf_throughput"] = {**throughput(five_page_pdfs(work, pdf_count), pdf_count, 2), "target_per_second": 10}
        print(results["pdf_throughput"], flush=True)
        print("growth in number of reports …", flush=True)
        results["growth_reports"] = [throughput(copies(work / f"txt-{n}", n), n, 2) for n in sizes]
        print(results["growth_reports"], flush=True)
        print("growth in report size …", flush=True)
        results["growth_size"] = growth_in_size(work)
        print(results["growth_size"], flush=True)
    largest = results["growth_reports"][-1]
    results["national_volume"] = {"reports": 130_000, "jobs": 2,
                                  "estimated_minutes": round(130_000 / largest["per_second"] / 60, 1)}
    results["peak_rss_mb"] = max(r["peak_rss_mb"] for r in results["growth_reports"])
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
