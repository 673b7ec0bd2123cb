"""Checks run in worker processes, off the event loop: a slow PDF occupies one worker while
the others (and the page) go on serving. Each worker loads the configuration once.

A report is read from its stored file but carries the upload's label as its path, so the
JSON, messages and waivers see the name the user gave, never the server's folder.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

from checker.model import Report

_worker: dict = {}


def start_pool(workers: int, config_path: str | None) -> ProcessPoolExecutor:
    """Workers are spawned, not forked: a forked worker would inherit the server's open
    connections and keep a closed one alive, so a browser reusing it would wait forever."""
    import multiprocessing

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start, initargs=(config_path, os.getcwd()))
    for _ in range(workers):
        pool.submit(ping)  # start them now, before the first upload waits for them
    return pool


def _start(config_path: str | None, cwd: str) -> None:
    from checker.config import load_setup
    from checker.engine import engine_settings_of

    os.chdir(cwd)
    config, rules = load_setup(config_path, {})
    _worker.update(rules=rules, settings=engine_settings_of(config))


def _relabel(message: str, stored: str, label: str) -> str:
    return message.replace(stored, label)


def check_one(stored: str, label: str, previous: tuple[str, str] | None = None) -> Report:
    """One upload's report, results carrying rule ids (the parent reattaches its rules)."""
    from checker.engine import evaluate_document
    from checker.errors import CheckerError
    from checker.readers import read
    from checker.structure import parse

    settings = dict(_worker["settings"])
    try:
        if previous:
            try:
                settings["previous"] = parse(_read_as(read, previous[0], previous[1]))
            except CheckerError as error:
                return Report(label, None, error={"code": error.code, "message": "上一年度报告无法使用：" + _relabel(
                    error.message, previous[0], previous[1])})
        report = evaluate_document(_read_as(read, stored, label), _worker["rules"], settings)
    except CheckerError as error:
        report = Report(label, None, error={"code": error.code, "message": _relabel(error.message, stored, label)})
    for result in report.results:
        result.rule = result.rule.id
    return report


def _read_as(read, stored: str, label: str):
    document = read(stored)
    document.path = label
    return document


def ping() -> bool:
    return True
