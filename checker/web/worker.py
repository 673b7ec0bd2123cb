"""Checks run in worker processes, off the event loop: a slow PDF occupies one worker while
the others (and the page) go on serving. Each worker loads the configuration once.

A report is read from its stored file but carries the upload's label as its path, so the
JSON, messages and waivers see the name the user gave, never the server's folder.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from checker.model import Report

_worker: dict = {}


def start_pool(workers: int, config_path: str | None, scratch: Path) -> ProcessPoolExecutor:
    """Workers are spawned, not forked: a forked worker would inherit the server's open
    connections and keep a closed one alive, so a browser reusing it would wait forever. Their
    temporary files go to the desk's `scratch` folder."""
    import multiprocessing

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start, initargs=(config_path, os.getcwd(), str(scratch)))
    for _ in range(workers):
        pool.submit(ping)  # start them now, before the first upload waits for them
    return pool


def _start(config_path: str | None, cwd: str, scratch: str) -> None:
    import tempfile

    from checker.config import load_setup
    from checker.engine import engine_settings_of

    os.chdir(cwd)
    tempfile.tempdir = scratch
    config, rules = load_setup(config_path, {})
    _worker.update(rules=rules, settings=engine_settings_of(config))


def _relabel(report: Report, stored: str, label: str) -> Report:
    """The report under the upload's name: its path, and any message that named the stored file."""
    report.path = label
    if report.error:
        report.error = {**report.error, "message": report.error["message"].replace(stored, label)}
    report.rule_errors = [{**error, "message": error["message"].replace(stored, label)} for error in report.rule_errors]
    for result in report.results:
        result.message = result.message.replace(stored, label)
    return report


def check_one(stored: str, label: str, previous: tuple[str, str] | None = None) -> Report:
    """One upload's report, within the per-document time and memory budget of `check`
    (configuration `time_limit`, `memory_limit`); results carry rule ids (the parent
    reattaches its rules)."""
    from checker.batch import Budget, check_within
    from checker.errors import CheckerError
    from checker.readers import read
    from checker.structure import parse

    settings = dict(_worker["settings"])
    if previous:
        try:
            settings["previous"] = parse(read(previous[0]))
        except CheckerError as error:
            return Report(label, None, error={"code": error.code, "message": "上一年度报告无法使用：" + error.message.replace(
                previous[0], previous[1])})
    report, _ = check_within(stored, _worker["rules"], settings, Budget.of(settings))
    report = _relabel(report, stored, label)
    for result in report.results:
        result.rule = result.rule.id
    return report


def ping() -> bool:
    return True
