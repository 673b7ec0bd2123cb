"""Check many reports, in worker processes when asked. The result never depends on how many:
`iter_reports` yields the reports in input order as they are done, and each worker loads the
same configuration and rules."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from checker.engine import check_path
from checker.model import Report, Rule

_worker: dict = {}


def _start_worker(config_path: str | None, overrides: dict, cwd: str) -> None:
    from checker.config import load_setup
    from checker.engine import engine_settings_of

    os.chdir(cwd)
    config, rules = load_setup(config_path, overrides)
    _worker.update(rules=rules, settings=engine_settings_of(config))


def _check_in_worker(path: str) -> Report:
    """Results travel back with their rule's id only: a pickled Rule per result (examples and
    all) would make the parent's memory grow with the number of reports."""
    report = check_path(path, _worker["rules"], _worker["settings"])
    for result in report.results:
        result.rule = result.rule.id
    return report


def _reattach(reports: list[Report], rules: list[Rule]) -> list[Report]:
    by_id = {rule.id: rule for rule in rules}
    for report in reports:
        for result in report.results:
            result.rule = by_id[result.rule]
    return reports


def iter_reports(paths: list[str], rules: list[Rule], settings: dict, jobs: int = 1,
                 config_path: str | None = None, overrides: dict | None = None) -> Iterator[Report]:
    """The reports in input order, each as soon as it (and every one before it) is checked."""
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield check_path(path, rules, settings)
        return
    workers = min(jobs, len(paths))
    chunk = max(1, min(16, len(paths) // (workers * 8)))
    with ProcessPoolExecutor(workers, initializer=_start_worker,
                             initargs=(config_path, overrides or {}, os.getcwd())) as pool:
        for report in pool.map(_check_in_worker, paths, chunksize=chunk):
            yield _reattach([report], rules)[0]


def check_all(paths: list[str], rules: list[Rule], settings: dict, jobs: int = 1,
              config_path: str | None = None, overrides: dict | None = None) -> list[Report]:
    """Every report at once, sorted by path."""
    reports = list(iter_reports(sorted(paths), rules, settings, jobs, config_path, overrides))
    return sorted(reports, key=lambda report: report.path)
