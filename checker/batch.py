"""Check many reports, one at a time or in worker processes, each document within a budget.

`iter_reports` yields Reports in input order as they complete, so an output can write each one
and forget it: memory stays flat however long the batch. The result never depends on the number
of workers.

The budget (`time_limit` seconds and `memory_limit` MB per document, from the configuration or
`--time-limit`/`--memory-limit`; 0 turns a limit off) is enforced where the document is checked:
a timer signal stops a document that runs too long and an address-space limit stops one that
allocates too much; the file is then reported as `too-slow` or `too-large` and the batch goes
on. With several workers the parent also watches the clock and replaces a worker that does not
answer within the limit plus a grace period (stuck inside a C library), or that dies.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from checker.engine import check_path
from checker.model import Report, Rule
from checker.readers import STDIN, display_name, report_path

DEFAULT_TIME_LIMIT = 30.0  # seconds per document
DEFAULT_MEMORY_LIMIT = 1024  # MB per document, beyond what the process held before it


@dataclass(frozen=True)
class Budget:
    seconds: float = DEFAULT_TIME_LIMIT
    memory_mb: int = DEFAULT_MEMORY_LIMIT

    @classmethod
    def of(cls, settings: dict) -> Budget:
        seconds = settings.get("time_limit", DEFAULT_TIME_LIMIT)
        memory = settings.get("memory_limit", DEFAULT_MEMORY_LIMIT)
        return cls(float(seconds or 0), int(memory or 0))

    @property
    def on(self) -> bool:
        return bool(self.seconds or self.memory_mb)


class OverTime(BaseException):
    """Raised by the timer signal inside a document's check (a BaseException, so that no
    `except Exception` in a reader or a rule can swallow it)."""


def too_slow(path: str, budget: Budget) -> Report:
    name = display_name(path)
    return Report(report_path(path), None, error={"code": "too-slow", "message": (
        f"检查超时：{name} 超过了每份文件 {budget.seconds:g} 秒的时间上限，已跳过。"
        f"请确认这是一份正常的年度报告；确需检查可用 --time-limit 放宽上限。")})


def too_large(path: str, budget: Budget) -> Report:
    name = display_name(path)
    return Report(report_path(path), None, error={"code": "too-large", "message": (
        f"内存超限：{name} 检查时需要的内存超过了每份文件 {budget.memory_mb} MB 的上限，已跳过。"
        f"请确认这是一份正常的年度报告；确需检查可用 --memory-limit 放宽上限。")})


def crashed(path: str) -> Report:
    return Report(report_path(path), None, error={"code": "crashed", "message": (
        f"检查进程意外终止：{display_name(path)}。其余文件照常检查；请加 --debug 单独检查该文件并报告此问题。")})


# The guard around one document, in the process that checks it ----------------------------------

def _on_alarm(signum, frame):
    raise OverTime()


def _address_space() -> int | None:
    """Bytes of address space this process holds now (Linux), or None where unknown."""
    try:
        fd = os.open("/proc/self/statm", os.O_RDONLY)
    except OSError:
        return None
    try:
        return int(os.read(fd, 128).split()[0]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None
    finally:
        os.close(fd)


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@contextmanager
def _guarded(budget: Budget):
    """Arm the timer and the memory limit for one document, and disarm them afterwards."""
    timer = bool(budget.seconds) and hasattr(signal, "setitimer") and _main_thread()
    limits = None
    if budget.memory_mb:
        try:
            import resource
        except ImportError:  # not POSIX: no memory limit
            resource = None
        held = _address_space() if resource else None
        if held is not None:
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            wanted = held + budget.memory_mb * 1024 * 1024
            if hard != resource.RLIM_INFINITY:
                wanted = min(wanted, hard)
            if soft == resource.RLIM_INFINITY or wanted < soft:
                resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
                limits = (resource, soft, hard)
    if timer:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, budget.seconds)
    try:
        yield
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if limits:
            resource, soft, hard = limits
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def check_within(path: str, rules: list[Rule], settings: dict, budget: Budget) -> tuple[Report, bool]:
    """The report of one document checked within the budget, and whether the budget stopped it."""
    if not budget.on:
        return check_path(path, rules, settings), False
    try:
        with _guarded(budget):
            return check_path(path, rules, settings), False
    except OverTime:
        return too_slow(path, budget), True
    except MemoryError:
        return too_large(path, budget), True


# Batches -----------------------------------------------------------------------------------------

def iter_reports(paths: Iterable[str], rules: list[Rule], settings: dict, jobs: int = 1,
                 config_path: str | None = None, overrides: dict | None = None,
                 prerender: Callable[[Report], str] | None = None, lean: bool = False) -> Iterator[Report]:
    """Reports in input order, each as soon as it and those before it are done. With forked
    workers, `prerender` (the output's text of one report) runs in the worker, so the parent,
    which every report passes through, only writes the text: its share no longer limits --jobs.
    `lean` (when nothing in the parent reads the results) sends back only that text, the errors
    and the summary row (`Report.lean`)."""
    paths = list(paths)
    budget = Budget.of(settings)
    if jobs > 1 and len(paths) > 1:
        if hasattr(os, "fork"):
            from checker.workers import Pool

            with Pool(min(jobs, len(paths)), rules, settings, budget, prerender=prerender, lean=lean) as pool:
                yield from pool.map(paths)
            return
        yield from _spawned(paths, rules, settings, jobs, config_path, overrides or {}, budget)
        return
    for path in paths:
        yield check_within(path, rules, settings, budget)[0]


def check_all(paths: list[str], rules: list[Rule], settings: dict, jobs: int = 1,
              config_path: str | None = None, overrides: dict | None = None) -> list[Report]:
    """Every report at once, sorted by path (for callers that need the whole batch)."""
    return sorted(iter_reports(paths, rules, settings, jobs, config_path, overrides), key=lambda r: r.path)


# Where there is no fork (Windows): a spawned multiprocessing pool, the budget inside each worker --

_worker: dict = {}


def _start_worker(config_path: str | None, overrides: dict, cwd: str, budget: Budget) -> None:
    from checker.config import load_setup
    from checker.engine import engine_settings_of

    os.chdir(cwd)
    config, rules = load_setup(config_path, overrides)
    _worker.update(rules=rules, settings=engine_settings_of(config), budget=budget)


def _check_in_worker(path: str) -> Report:
    report = check_within(path, _worker["rules"], _worker["settings"], _worker["budget"])[0]
    return detach(report)


def detach(report: Report) -> Report:
    """Results travel back with their rule's id only: a pickled Rule per result (examples and
    all) would cost time and memory for every report."""
    for result in report.results:
        result.rule = result.rule.id
    return report


def reattach(report: Report, by_id: dict[str, Rule]) -> Report:
    for result in report.results:
        result.rule = by_id[result.rule]
    return report


def _spawned(paths, rules, settings, jobs, config_path, overrides, budget) -> Iterator[Report]:
    import multiprocessing

    by_id = {rule.id: rule for rule in rules}
    workers = min(jobs, len(paths))
    others = [path for path in paths if path != STDIN]
    with multiprocessing.get_context("spawn").Pool(
            workers, initializer=_start_worker, initargs=(config_path, overrides, os.getcwd(), budget)) as pool:
        checked = pool.imap(_check_in_worker, others, chunksize=max(1, min(16, len(others) // (workers * 8))))
        for path in paths:
            if path == STDIN:  # a spawned worker's standard input is not the command's: read it here
                yield check_within(path, rules, settings, budget)[0]
            else:
                yield reattach(next(checked), by_id)
