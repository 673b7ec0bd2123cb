"""fazhi-check benchmark: every figure beside its baseline, measured in the same run.

    python bench/run.py                  # everything (about half an hour on 2 busy cores)
    python bench/run.py --quick          # smaller corpora, fewer repetitions: a smoke run
    python bench/run.py --only cold,cpu  # some measures only
    python bench/run.py --scale 20000    # the largest batch of the memory-at-scale measure

Method (docs/performance.md explains the figures):
- Corpora are distinct files (bench/corpus.py: each seed with its figures and place name
  changed), never copies, so nothing is shared between reports.
- Every command runs in its own process; its CPU time and peak memory come from that
  process's own `wait4` resource usage (the largest resident set of the process and the
  workers it waited for), and the resident memory of the whole process tree is sampled
  every 0.2 s. That largest resident set counts the process it was forked from until it
  executes the command, so the memory-at-scale commands start from bench/peak.py, a small
  process, and not from the bench (some 70 MB once it has run the PDF measure). A figure and its baseline run alternately, and the median over the
  repetitions is reported, with every repetition kept in the JSON.
- The machine's load average is recorded before and after each measure.
Results are printed and written to bench/results/latest.json (not committed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]
# An installed package has its .pyc files: a run without them (PYTHONDONTWRITEBYTECODE in the
# caller's environment) would compile every module of the checker on every start-up.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
PY = sys.executable
_PAGE = os.sysconf("SC_PAGE_SIZE")

import corpus  # noqa: E402  (bench/corpus.py)


# Running one command -----------------------------------------------------------------------------

def _tree_rss(pid: int, root_too: bool = True) -> int:
    """Resident bytes of a process (unless not `root_too`) and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            if root_too or current != pid:
                with open(f"/proc/{current}/statm", "rb") as handle:
                    total += int(handle.read().split()[1]) * _PAGE
            with open(f"/proc/{current}/task/{current}/children", "rb") as handle:
                todo += [int(child) for child in handle.read().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total


def run(command: list[str], stdout=subprocess.DEVNULL, ok=(0, 1), cwd: Path = ROOT, env: dict | None = None,
        exact_peak: bool = False) -> dict:
    """Wall time, CPU time (user + system) and peak memory of one command and its children.
    `exact_peak`: started through bench/peak.py, so that `peak_rss_mb` is the command's own
    (otherwise it is at least this process's size: see there)."""
    env = dict(env or ENV)
    if exact_peak:
        usage_file = tempfile.NamedTemporaryFile(prefix="bench-usage-", suffix=".json", delete=False)
        usage_file.close()
        env["FAZHI_BENCH_USAGE"] = usage_file.name
        command = [PY, str(ROOT / "bench" / "peak.py"), *map(str, command)]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.PIPE)
    peak, done = [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(process.pid, root_too=not exact_peak))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu, maxrss_kb = usage.ru_utime + usage.ru_stime, usage.ru_maxrss  # ru_maxrss is in KB on Linux
    if exact_peak:
        measured = json.loads(Path(usage_file.name).read_text(encoding="utf-8"))
        os.unlink(usage_file.name)  # before a failure is reported: nothing left in the temporary folder
        wall, cpu, maxrss_kb = measured["wall_s"], measured["cpu_s"], measured["maxrss_kb"]
    if process.returncode not in ok:
        raise SystemExit(f"benchmark command failed ({process.returncode}): {' '.join(map(str, command))}\n"
                         f"{stderr.decode(errors='replace')[-2000:]}")
    return {"wall_s": round(wall, 4), "cpu_s": round(cpu, 4), "peak_rss_mb": round(maxrss_kb / 1024, 1),
            "tree_rss_mb": round(peak[0] / 2**20, 1)}


def med(runs: list[dict], key: str) -> float:
    return round(statistics.median(r[key] for r in runs), 4)


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def measure(name: str, function, *args) -> dict:
    print(f"{name} …", flush=True)
    before = load()
    started = time.perf_counter()
    result = function(*args)
    result["load_before"], result["load_after"] = before, load()
    result["minutes"] = round((time.perf_counter() - started) / 60, 1)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def check(*args: str) -> list[str]:
    return [PY, "-m", "checker", "check", *args]


# Measures ----------------------------------------------------------------------------------------

def cold_start(work: Path, repeat: int) -> dict:
    """One .txt checked from a cold process vs a process importing click, yaml and rich.console.

    The parsed-YAML cache lives in the work folder (not the user's): the warm-up run fills it,
    as a user's first check does. A third command in each round checks with no cache at all, a
    fourth in a project folder with its own .fazhi-check.yaml (extends default, one rule tuned)."""
    seed = str(corpus.SEEDS[0])
    baseline_cmd = [PY, "-c", "import click, yaml, rich.console"]
    cached = {**ENV, "FAZHI_CHECK_CACHE_DIR": str(work / "cache")}
    uncached = {**ENV, "FAZHI_CHECK_CACHE_DIR": ""}
    project = work / "project"
    project.mkdir(exist_ok=True)
    (project / ".fazhi-check.yaml").write_text(
        "extends: default\nfail_on: error\nrules:\n  format.repeated:\n    severity: info\n", encoding="utf-8")
    run(baseline_cmd), run(check(seed), env=cached), run(check(seed), env=cached, cwd=project)  # warm caches
    rounds = [(run(baseline_cmd), run(check(seed), env=cached), run(check(seed), env=uncached),
               run(check(seed), env=cached, cwd=project)) for _ in range(repeat)]
    base, ours, bare, own = ([r[i] for r in rounds] for i in range(4))
    return {"baseline_s": med(base, "wall_s"), "check_s": med(ours, "wall_s"),
            "ratio": round(statistics.median(c["wall_s"] / b["wall_s"] for b, c, _, _ in rounds), 2),
            "check_cpu_s": med(ours, "cpu_s"), "baseline_cpu_s": med(base, "cpu_s"),
            "cpu_ratio": round(statistics.median(c["cpu_s"] / b["cpu_s"] for b, c, _, _ in rounds), 2),
            "no_cache_s": med(bare, "wall_s"), "no_cache_cpu_s": med(bare, "cpu_s"),
            "no_cache_ratio": round(statistics.median(n["wall_s"] / b["wall_s"] for b, _, n, _ in rounds), 2),
            "project_s": med(own, "wall_s"),
            "project_ratio": round(statistics.median(p["wall_s"] / b["wall_s"] for b, _, _, p in rounds), 2),
            "goal_ratio": 2.0, "repeat": repeat, "runs": rounds}


_REGEX_PEER = r"""
import re, sys
from pathlib import Path
patterns = [re.compile(p) for p in ["法治", "政府", "年度", r"\d+", "依法", "行政", "制度", "执法", "复议", "诉讼",
    "监督", "规范性文件", "合法性审查", "公平竞争", "信访", "调解", "普法", "宣传", "培训", "考核",
    "责任", "落实", "推进", "加强", "完善", "建设", "机制", "工作", "问题", "不足",
    "原因", "计划", "安排", "下一步", "202\d年", r"\d+(?:\.\d+)?%", "《[^》]+》", "[，。；：]", r"\s+", "（[一二三四五六七八九十]+）",
    "[一二三四五六七八九十]+、", "主要负责人", "第一责任人", "述法", "党委", "人大", "政协", "司法", "公安", "群众"]]
assert len(patterns) == 50
found = 0
for path in sys.argv[1:]:
    text = Path(path).read_bytes().decode("utf-8")
    for pattern in patterns:
        found += sum(1 for _ in pattern.finditer(text))
print(found)
"""

_AUTOCORRECT_PEER = r"""
import sys
from pathlib import Path
import autocorrect_py
for path in sys.argv[1:]:
    autocorrect_py.lint_for(Path(path).read_bytes().decode("utf-8"), "text.txt")
"""


def _zhlint() -> str | None:
    """zhlint from npm (installed once into bench/.cache), or None when npm cannot get it."""
    folder = ROOT / "bench" / ".cache" / "zhlint"
    binary = folder / "node_modules" / ".bin" / "zhlint"
    if binary.exists():
        return str(binary)
    if not shutil.which("npm"):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder), "zhlint@0.8"],
                       capture_output=True, timeout=300, check=True)
    except (subprocess.SubprocessError, OSError):
        return None
    return str(binary) if binary.exists() else None


def _has_autocorrect() -> bool:
    return subprocess.run([PY, "-c", "import autocorrect_py"], capture_output=True).returncode == 0


def cpu_per_report(work: Path, repeat: int, count: int) -> dict:
    """CPU time per .txt report in one --jobs 1 batch of distinct reports (start-up included),
    the marginal cost per report (batch of 2n minus batch of n), and peers on the same files."""
    small = [str(p) for p in corpus.write(work / "txt", count)]
    large = [str(p) for p in corpus.write(work / "txt", 2 * count)]
    folder_small = work / "cpu-small"
    folder_small.mkdir(exist_ok=True)
    for path in small:  # a folder holding exactly the small batch
        target = folder_small / Path(path).name
        if not target.exists():
            os.link(path, target)
    zhlint, autocorrect = _zhlint(), _has_autocorrect()
    rows: dict[str, list] = {"fazhi_n": [], "fazhi_2n": [], "regex_50": []}
    if autocorrect:
        rows["autocorrect_py"] = []
    if zhlint:
        rows["zhlint"] = []
    run(check("--format", "json", str(folder_small)))  # warm
    for _ in range(repeat):
        rows["fazhi_n"].append(run(check("--format", "json", "--jobs", "1", str(folder_small))))
        rows["fazhi_2n"].append(run(check("--format", "json", "--jobs", "1", str(work / "txt"))))
        rows["regex_50"].append(run([PY, "-c", _REGEX_PEER, *small]))
        if autocorrect:
            rows["autocorrect_py"].append(run([PY, "-c", _AUTOCORRECT_PEER, *small]))
        if zhlint:
            rows["zhlint"].append(run([zhlint, "*.txt"], ok=(0, 1), cwd=folder_small))  # it wants relative paths
    ms = {name: round(med(runs, "cpu_s") / count * 1000, 2) for name, runs in rows.items()}
    ms["fazhi_marginal"] = round((med(rows["fazhi_2n"], "cpu_s") - med(rows["fazhi_n"], "cpu_s")) / count * 1000, 2)
    ms["fazhi_2n"] = round(med(rows["fazhi_2n"], "cpu_s") / (2 * count) * 1000, 2)
    chars = statistics.mean(len(Path(p).read_text(encoding="utf-8")) for p in small)
    return {"reports": count, "mean_characters": round(chars), "cpu_ms_per_report": ms,
            "goal_ms": 4.0, "autocorrect_available": autocorrect, "zhlint_available": bool(zhlint),
            "repeat": repeat, "runs": rows}


def run_together(commands: list[list[str]]) -> dict:
    """Wall time of commands started at once (until the last ends), and their CPU time in all."""
    start = time.perf_counter()
    processes = [subprocess.Popen(c, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in commands]
    cpu = 0.0
    for process in processes:
        _, _, usage = os.wait4(process.pid, 0)
        cpu += usage.ru_utime + usage.ru_stime
    return {"wall_s": round(time.perf_counter() - start, 4), "cpu_s": round(cpu, 4)}


def jobs_speedup(work: Path, repeat: int, count: int) -> dict:
    """Wall time of one batch with --jobs 1 and --jobs 2, alternately, and the machine's own
    ceiling beside them: two independent --jobs 1 processes, each on half the batch, started at
    once (no pool, no pipes: what two cores give two processes that share nothing)."""
    folder = work / "jobs"
    paths = corpus.write(folder, count)
    halves = [work / "jobs-half-1", work / "jobs-half-2"]
    for half, part in zip(halves, (paths[: count // 2], paths[count // 2:])):
        half.mkdir(exist_ok=True)
        for path in part:
            target = half / Path(path).name
            if not target.exists():
                os.link(path, target)
    rounds = [(run(check("--format", "json", "--jobs", "1", str(folder))),
               run(check("--format", "json", "--jobs", "2", str(folder))),
               run_together([check("--format", "json", "--jobs", "1", str(h)) for h in halves])) for _ in range(repeat)]
    one, two = [r[0] for r in rounds], [r[1] for r in rounds]
    return {"reports": count, "jobs_1_s": med(one, "wall_s"), "jobs_2_s": med(two, "wall_s"),
            "jobs_1_per_s": round(count / med(one, "wall_s"), 1), "jobs_2_per_s": round(count / med(two, "wall_s"), 1),
            "speedup": round(statistics.median(a["wall_s"] / b["wall_s"] for a, b, _ in rounds), 2),
            "two_processes_speedup": round(statistics.median(a["wall_s"] / c["wall_s"] for a, _, c in rounds), 2),
            "cpu_growth_jobs_2": round(statistics.median(b["cpu_s"] / a["cpu_s"] for a, b, _ in rounds), 2),
            "cpu_growth_two_processes": round(statistics.median(c["cpu_s"] / a["cpu_s"] for a, _, c in rounds), 2),
            "goal_speedup": 1.8, "repeat": repeat, "runs": rounds}


def memory_at_scale(work: Path, sizes: list[int], fmt: str) -> dict:
    """Peak memory of batches of growing size (--jobs 2, one distinct file per report)."""
    folder = work / "scale"
    for extra in sorted(folder.glob("*.txt"))[sizes[0]:] if folder.is_dir() else []:
        extra.unlink()  # a folder kept from a larger run (--work) would be checked whole at every size
    rows = []
    made = 0
    for size in sizes:
        corpus.write(folder, size - made, start=made)
        made = size
        result = run(check("--format", fmt, "--jobs", "2", str(folder)), exact_peak=True)  # the output to /dev/null
        result.update(reports=size, per_second=round(size / result["wall_s"], 1), load_after=load())
        rows.append(result)
        print(f"  {size} reports: {json.dumps(result)}", flush=True)
    first, last = rows[0], rows[-1]
    slope = (last["peak_rss_mb"] - first["peak_rss_mb"]) / max(1, last["reports"] - first["reports"])
    tree_slope = (last["tree_rss_mb"] - first["tree_rss_mb"]) / max(1, last["reports"] - first["reports"])
    return {"format": fmt, "rows": rows, "kb_per_report": round(slope * 1024, 3),
            "projected_peak_rss_mb_130000": round(last["peak_rss_mb"] + slope * (130_000 - last["reports"]), 1),
            "projected_tree_rss_mb_130000": round(last["tree_rss_mb"] + tree_slope * (130_000 - last["reports"]), 1),
            "projected_minutes_130000": round(130_000 / last["per_second"] / 60, 1), "goal_mb": 150}


_GROWTH = r"""
import json, statistics, sys, time
from checker.config import load_setup
from checker.engine import check_path, engine_settings_of
config, rules = load_setup(None)
settings = engine_settings_of(config)
out = []
repeat = int(sys.argv[1])
for path in sys.argv[2:]:
    check_path(path, rules, settings)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        check_path(path, rules, settings)
        times.append(time.process_time() - start)
    out.append(statistics.median(times))
print(json.dumps(out))
"""


_STAGES = r"""
import collections, json, sys, time
from checker.config import load_setup
from checker.engine import engine_settings_of, evaluate_structure
from checker.readers import read
from checker.structure import parse
config, rules = load_setup(None)
settings = engine_settings_of(config)
paths = sys.argv[1:]
for path in paths:  # a first pass: one-off costs (imports, compiled patterns, dictionaries) paid
    evaluate_structure(parse(read(path)), rules, settings)
stages, by_rule = collections.Counter(), collections.Counter()
for path in paths:
    a = time.process_time(); document = read(path)
    b = time.process_time(); structure = parse(document)
    c = time.process_time(); report = evaluate_structure(structure, rules, settings)
    stages["read"] += b - a; stages["structure"] += c - b; stages["rules"] += time.process_time() - c
    for result in report.results:
        by_rule[result.rule.id] += result.seconds
ms = lambda value: round(1000 * value / len(paths), 3)
print(json.dumps({"stages_ms": {k: ms(v) for k, v in stages.items()}, "rules_ms": {k: ms(v) for k, v in by_rule.most_common()}}))
"""


def stages(work: Path, count: int) -> dict:
    """CPU per report of reading, structure and each rule (one process, a second pass over
    distinct reports, so one-off costs are out; rule times from the engine's own clock)."""
    paths = [str(p) for p in corpus.write(work / "txt", count)]
    done = subprocess.run([PY, "-c", _STAGES, *paths], env=ENV, cwd=ROOT, capture_output=True, text=True, check=True)
    return {"reports": count, **json.loads(done.stdout)}


def growth_in_size(work: Path, repeat: int, sizes: list[int]) -> dict:
    """CPU time of one report of growing size, in one process (start-up excluded)."""
    paths = []
    for size in sizes:
        path = work / f"size-{size}.txt"
        path.write_text(corpus.variant(0, size), encoding="utf-8")
        paths.append(path)
    done = subprocess.run([PY, "-c", _GROWTH, str(repeat), *map(str, paths)], env=ENV, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    seconds = json.loads(done.stdout)
    rows = []
    for path, value in zip(paths, seconds):
        characters = len(path.read_text(encoding="utf-8"))
        rows.append({"characters": characters, "cpu_s": round(value, 4),
                     "us_per_char": round(value / characters * 1e6, 3)})
    per_char = [r["us_per_char"] for r in rows]
    # Growth is a larger report costing more a character than a smaller one: the largest such
    # factor over every pair. The spread also counts the other way, a small report carrying the
    # fixed cost of a report (the title, the date, every rule set up) over few characters.
    return {"rows": rows, "spread": round(max(per_char) / min(per_char), 2), "rise": _rise(rows),
            "us_per_added_char": _per_added_char(rows), "goal_rise": 1.2, "repeat": repeat}


def _rise(rows: list[dict]) -> float:
    per_char = [r["us_per_char"] for r in rows]
    return round(max([1.0] + [later / earlier for i, earlier in enumerate(per_char) for later in per_char[i + 1:]]), 2)


def _per_added_char(rows: list[dict]) -> list[float]:
    """µs of CPU a character added, from one size to the next."""
    return [round((b["cpu_s"] - a["cpu_s"]) / (b["characters"] - a["characters"]) * 1e6, 3) for a, b in zip(rows, rows[1:])]


def heading_flood(work: Path) -> dict:
    """20,000 and 40,000 lines of “一、” (a hostile file that was quadratic), in one process."""
    paths = []
    for count in (20_000, 40_000):
        path = work / f"headings-{count}.txt"
        path.write_text("\n".join("一、" for _ in range(count)), encoding="utf-8")
        paths.append(path)
    done = subprocess.run([PY, "-c", _GROWTH, "1", *map(str, paths)], env=ENV, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    small, large = json.loads(done.stdout)
    return {"lines_20000_s": round(small, 2), "lines_40000_s": round(large, 2), "ratio": round(large / small, 2)}


def docx_vs_txt(work: Path, repeat: int) -> dict:
    """The same five reports as .txt and as .docx: whole process, one file a run."""
    from docmaker import write_docx

    folder = work / "docx"
    folder.mkdir(exist_ok=True)
    pairs = []
    for index in range(5):
        text = corpus.variant(10_000 + index)
        txt = folder / f"{index}.txt"
        txt.write_text(text, encoding="utf-8")
        pairs.append((str(txt), str(write_docx(text, folder / f"{index}.docx"))))
    run(check(pairs[0][0])), run(check(pairs[0][1]))
    runs = [(run(check(t)), run(check(d))) for _ in range(repeat) for t, d in pairs]
    txt_runs, docx_runs = [t for t, _ in runs], [d for _, d in runs]
    return {"txt_s": med(txt_runs, "wall_s"), "docx_s": med(docx_runs, "wall_s"),
            "ratio": round(statistics.median(d["wall_s"] / t["wall_s"] for t, d in runs), 2),
            "cpu_ratio": round(statistics.median(d["cpu_s"] / t["cpu_s"] for t, d in runs), 2),
            "goal_ratio": 1.3, "repeat": repeat * len(pairs), "runs": runs}


def _pdf_pages(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")


def five_page_pdfs(work: Path, repeat: int, count: int) -> dict:
    """Distinct five-page PDFs per second with --jobs 2, beside poppler's pdftotext on 2 processes."""
    from docmaker import write_pdf

    folder = work / "pdf"
    folder.mkdir(exist_ok=True)
    for index in range(count):
        path = folder / f"{index:05d}.pdf"
        if path.exists():
            continue
        text = corpus.variant(20_000 + index)
        write_pdf(text, path)
        while _pdf_pages(path) < 5:
            text = corpus.lengthen(text, len(text) + 800)
            write_pdf(text, path)
    pages = statistics.mean(_pdf_pages(p) for p in folder.glob("*.pdf"))
    files = sorted(str(p) for p in folder.glob("*.pdf"))
    poppler = shutil.which("pdftotext")
    rows = []
    run(check("--format", "json", "--jobs", "2", *files[:4]))
    for _ in range(repeat):
        ours = run(check("--format", "json", "--jobs", "2", str(folder)))
        base = run(["sh", "-c", 'printf "%s\\n" "$@" | xargs -P 2 -I{} pdftotext -q {} /dev/null', "sh", *files]) \
            if poppler else None
        rows.append((ours, base))
    # CPU per PDF beside the wall rate: on a shared machine the wall figure says more about the load.
    result = {"pdfs": count, "mean_pages": round(pages, 1),
              "per_second": round(count / statistics.median(o["wall_s"] for o, _ in rows), 1), "goal_per_second": 20,
              "cpu_s_per_pdf": round(statistics.median(o["cpu_s"] for o, _ in rows) / count, 4),
              "repeat": repeat, "runs": rows}
    if poppler:
        result["pdftotext_per_second"] = round(count / statistics.median(b["wall_s"] for _, b in rows), 1)
        result["pdftotext_cpu_s_per_pdf"] = round(statistics.median(b["cpu_s"] for _, b in rows) / count, 4)
    return result


def machine() -> dict:
    memory = None
    try:
        memory = round(int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1]) / 2**20, 1)
    except (OSError, StopIteration, ValueError):
        pass
    return {"python": platform.python_version(), "platform": platform.platform(), "cores": os.cpu_count(),
            "memory_gib": memory, "processor": platform.processor() or platform.machine()}


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


MEASURES = ["cold", "cpu", "stages", "jobs", "size", "flood", "docx", "pdf", "scale"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora and fewer repetitions")
    parser.add_argument("--only", default=",".join(MEASURES), help=f"comma-separated subset of {','.join(MEASURES)}")
    parser.add_argument("--scale", type=int, default=20_000, help="largest batch for the memory measure")
    parser.add_argument("--work", help="keep generated corpora in this folder (default: a temporary one)")
    parser.add_argument("--pdfs", type=int, default=200, help="number of five-page PDFs")
    parser.add_argument("--jobs-reports", type=int, default=2000, help="batch size of the --jobs measure")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of the batch measures")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"), help="where the JSON goes")
    parser.add_argument("--summary", nargs="+", metavar="JSON", help="print the goal table of earlier runs and stop")
    args = parser.parse_args()
    if args.summary:
        merged: dict = {}
        for path in args.summary:
            merged.update(json.loads(Path(path).read_text(encoding="utf-8")))
        print(summary(merged))
        return
    chosen = args.only.split(",")
    quick = args.quick
    results: dict = {"machine": machine(), "commit": _git("rev-parse", "--short", "HEAD"),
                     "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
                     "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "load_start": load()}
    temporary = None if args.work else tempfile.TemporaryDirectory()
    work = Path(args.work or temporary.name)
    work.mkdir(parents=True, exist_ok=True)
    try:
        if "cold" in chosen:
            results["cold_start"] = measure("cold start", cold_start, work, 5 if quick else 15)
        if "cpu" in chosen:
            results["cpu_per_report"] = measure("CPU per report", cpu_per_report, work, 1 if quick else args.repeat,
                                                200 if quick else 1000)
        if "stages" in chosen:
            results["stages"] = measure("CPU per stage and rule", stages, work, 200 if quick else 1000)
        if "jobs" in chosen:
            results["jobs"] = measure("--jobs 2 vs --jobs 1", jobs_speedup, work, 1 if quick else args.repeat,
                                      300 if quick else args.jobs_reports)
        if "size" in chosen:
            sizes = [4_000, 40_000, 400_000] if quick else [4_000, 40_000, 400_000, 2_000_000]
            results["growth_size"] = measure("growth with size", growth_in_size, work, 1 if quick else 5, sizes)
        if "flood" in chosen:
            results["heading_flood"] = measure("20,000 vs 40,000 heading lines", heading_flood, work)
        if "docx" in chosen:
            results["docx_vs_txt"] = measure(".docx vs .txt", docx_vs_txt, work, 1 if quick else 3)
        if "pdf" in chosen:
            results["pdf"] = measure("five-page PDFs", five_page_pdfs, work, 1 if quick else args.repeat,
                                     40 if quick else args.pdfs)
        if "scale" in chosen:
            top = min(args.scale, 3000) if quick else args.scale
            sizes = sorted({s for s in (1000, top // 4, top) if s <= top})
            results["scale"] = measure("memory at scale", memory_at_scale, work, sizes, "json")
    finally:
        if temporary:
            temporary.cleanup()
    results["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(summary(results))


def summary(results: dict) -> str:
    """The goal table (goal / measured / baseline in the same run) as Markdown."""
    rows = []
    if "cpu_per_report" in results:
        c = results["cpu_per_report"]
        ms = c["cpu_ms_per_report"]
        peers = "; ".join(f"{name} {value} ms" for name, value in ms.items() if name not in ("fazhi_n", "fazhi_2n", "fazhi_marginal"))
        rows.append(("CPU per .txt report in a batch", "≤ 4 ms", f"{ms['fazhi_n']} ms ({c['reports']} reports, "
                     f"start-up included; {ms['fazhi_marginal']} ms marginal)", peers))
    if "stages" in results:
        st = results["stages"]
        top = ", ".join(f"{rule} {value}" for rule, value in list(st["rules_ms"].items())[:3])
        rows.append(("CPU per stage (second pass, one process)", "—", ", ".join(f"{k} {v} ms" for k, v in st["stages_ms"].items()),
                     f"largest rules (ms): {top}"))
    if "jobs" in results:
        j = results["jobs"]
        rows.append(("`--jobs 2` vs `--jobs 1`", "≥ 1.8×", f"{j['speedup']}× ({j['jobs_2_per_s']}/s; "
                     f"CPU in all {j['cpu_growth_jobs_2']}× that of one process)",
                     f"`--jobs 1`: {j['jobs_1_per_s']}/s; two independent processes on the halves: "
                     f"{j['two_processes_speedup']}× (CPU {j['cpu_growth_two_processes']}×)"))
    if "scale" in results:
        s = results["scale"]
        last = s["rows"][-1]
        rows.append(("peak RSS, 130,000-report batch", "≤ 150 MB, flat",
                     f"{last['peak_rss_mb']} MB at {last['reports']:,} ({s['kb_per_report']} KB/report → "
                     f"{s['projected_peak_rss_mb_130000']} MB projected)",
                     f"{s['rows'][0]['peak_rss_mb']} MB at {s['rows'][0]['reports']:,}"))
    if "growth_size" in results:
        g = results["growth_size"]
        rows.append(("growth with size", "flat within 20 %",
                     f"rises at most {_rise(g['rows'])}× with size ({g['spread']}× spread): " +
                     ", ".join(f"{r['us_per_char']} µs/char at {r['characters']:,}" for r in g["rows"]),
                     "each added character: " + ", ".join(f"{a} µs" for a in _per_added_char(g["rows"]))))
    if "heading_flood" in results:
        h = results["heading_flood"]
        rows.append(("hostile: 40,000 vs 20,000 “一、” lines", "linear (≈ 2×)", f"{h['ratio']}× ({h['lines_40000_s']} s)",
                     f"20,000 lines: {h['lines_20000_s']} s"))
    if "docx_vs_txt" in results:
        d = results["docx_vs_txt"]
        rows.append((".docx vs the same .txt, whole process", "≤ 1.3×", f"{d['ratio']}× ({d['docx_s']} s)",
                     f".txt: {d['txt_s']} s"))
    if "pdf" in results:
        p = results["pdf"]
        rows.append(("five-page PDFs on 2 jobs", "≥ 20/s", f"{p['per_second']}/s ({p.get('cpu_s_per_pdf', '—')} s CPU per PDF)",
                     f"pdftotext ×2: {p.get('pdftotext_per_second', '—')}/s "
                     f"({p.get('pdftotext_cpu_s_per_pdf', '—')} s CPU per PDF)"))
    if "cold_start" in results:
        c = results["cold_start"]
        rows.append(("cold check of one .txt", "≤ 2× baseline", f"{c['check_s']} s ({c['ratio']}× wall, "
                     f"{c.get('cpu_ratio', '—')}× CPU; without the YAML cache {c.get('no_cache_ratio', '—')}×; "
                     f"in a project with its .fazhi-check.yaml {c.get('project_ratio', '—')}×)",
                     f"`python -c \"import click, yaml, rich.console\"`: {c['baseline_s']} s"))
    lines = ["| measure | goal | measured | baseline in the same run |", "| --- | --- | --- | --- |"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
