"""Forked worker processes for `--jobs` > 1 (and wherever a document must be isolated).

Each worker is forked from the process that loaded the rules, so it starts at once with the
same rule set and settings. Tasks (path and position) go down a pipe, pickled reports come back
up another, framed by a length. At most `DEPTH` tasks wait in each worker and at most `window`
finished reports wait for an earlier, slower one: the parent's memory does not grow with the
batch. A worker that outlives its document's time limit plus a grace period (stuck inside a C
library, where the timer signal cannot reach) is killed and replaced, and so is one that dies;
the document it held is reported and the batch goes on.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import time
from collections import deque
from collections.abc import Iterator

from checker.batch import Budget, check_within, crashed, detach, reattach, too_large, too_slow
from checker.model import Report, Rule

DEPTH = 2  # tasks queued in a worker: the next one is there when it finishes the current one
_HEADER = struct.Struct("<I")


class _Worker:
    def __init__(self, pid: int, tasks: int, results: int):
        self.pid, self.tasks, self.results = pid, tasks, results
        self.pending: deque[int] = deque()  # indexes sent, oldest (being checked) first
        self.buffer = bytearray()
        self.started = 0.0  # when the oldest pending document started
        self.retiring = False  # stopped by its budget: it exits after answering


def _send(fd: int, payload: bytes) -> None:
    data = memoryview(_HEADER.pack(len(payload)) + payload)
    while data:
        data = data[os.write(fd, data):]


def _serve(tasks: int, results: int, rules: list[Rule], settings: dict, budget: Budget, prerender=None,
           lean: bool = False) -> None:
    """The worker's loop: check each path it is sent until the task pipe closes."""
    reader = os.fdopen(tasks, "rb")
    while True:
        header = reader.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        index, path = pickle.loads(reader.read(_HEADER.unpack(header)[0]))
        report, stopped = check_within(path, rules, settings, budget)
        if prerender is not None:
            report.rendered = prerender(report)
            if lean:
                report = report.lean()
        _send(results, pickle.dumps((index, detach(report), stopped), pickle.HIGHEST_PROTOCOL))
        if stopped:  # a budget interrupted it: start afresh in a new process
            return


def _warm_up(rules: list[Rule]) -> None:
    """Import the rules' kinds and load the lexicon before forking, so that no worker loads them
    again. (Checking the rules' own examples here would warm more, but their doublings and names
    start jieba's full dictionary: over a second, more than the workers would spend.)"""
    from checker import kinds, lexicon

    lexicon.load()
    for rule in rules:
        if rule.enabled:
            kinds.get(rule.kind)


class Pool:
    def __init__(self, count: int, rules: list[Rule], settings: dict, budget: Budget, window: int | None = None,
                 prerender=None, lean: bool = False):
        self.count, self.rules, self.settings, self.budget = count, rules, settings, budget
        self.prerender, self.lean = prerender, lean
        self.window = window or max(64, 32 * count)
        self.workers: list[_Worker] = []
        self.by_id = {rule.id: rule for rule in rules}

    # Processes ---------------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never return into the parent's code
            code = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends us
                for worker in self.workers:
                    os.close(worker.tasks)
                    os.close(worker.results)
                os.close(task_w)
                os.close(result_r)
                _serve(task_r, result_w, self.rules, self.settings, self.budget, self.prerender, self.lean)
            except BaseException:  # noqa: BLE001 - a worker must end here whatever happened
                code = 1
            finally:
                os._exit(code)
        os.close(task_r)
        os.close(result_w)
        worker = _Worker(pid, task_w, result_r)
        self.workers.append(worker)
        return worker

    def _end(self, worker: _Worker, kill: bool = False):
        """Close a worker's pipes and reap it; its resource usage (for the memory diagnosis)."""
        self.workers.remove(worker)
        if kill:
            try:
                os.kill(worker.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.close(worker.tasks)
        os.close(worker.results)
        try:
            return os.wait4(worker.pid, 0)[2]
        except ChildProcessError:
            return None

    def __enter__(self) -> Pool:
        _warm_up(self.rules)
        for _ in range(self.count):
            self._spawn()
        return self

    def __exit__(self, *exc) -> None:
        for worker in list(self.workers):
            self._end(worker, kill=exc[0] is not None or bool(worker.pending))

    # Work --------------------------------------------------------------------------------------
    def map(self, paths: list[str]) -> Iterator[Report]:
        """The reports of `paths`, in their order."""
        done: dict[int, Report] = {}
        retry: deque[int] = deque()  # documents a replaced worker still held, checked again first
        following, emitted, total = 0, 0, len(paths)
        grace = max(5.0, self.budget.seconds / 2)
        while emitted < total:
            while emitted in done:
                yield reattach(done.pop(emitted), self.by_id)
                emitted += 1
            if emitted >= total:
                return
            now = time.monotonic()
            for worker in self.workers:
                while len(worker.pending) < DEPTH and not worker.retiring:
                    if retry:
                        index = retry.popleft()
                    elif following < total and following < emitted + self.window:
                        index, following = following, following + 1
                    else:
                        break
                    if not worker.pending:
                        worker.started = now
                    worker.pending.append(index)
                    _send(worker.tasks, pickle.dumps((index, paths[index]), pickle.HIGHEST_PROTOCOL))
            busy = [w for w in self.workers if w.pending]
            timeout = None
            if self.budget.seconds and busy:
                timeout = max(0.0, min(w.started for w in busy) + self.budget.seconds + grace - now)
            ready, _, _ = select.select([w.results for w in busy], [], [], timeout)
            for worker in [w for w in busy if w.results in ready]:
                self._receive(worker, paths, done, retry)
            if self.budget.seconds:
                now = time.monotonic()
                for worker in [w for w in self.workers if w.pending and now - w.started > self.budget.seconds + grace]:
                    index = worker.pending.popleft()
                    done[index] = detach(too_slow(paths[index], self.budget))
                    retry.extendleft(reversed(worker.pending))
                    self._end(worker, kill=True)
                    self._spawn()

    def _receive(self, worker: _Worker, paths: list[str], done: dict, retry: deque) -> None:
        chunk = os.read(worker.results, 1 << 18)
        if not chunk:  # the worker ended: retired after a budget stop, or died
            if worker.pending and not worker.retiring:
                index = worker.pending.popleft()
                usage = self._end(worker)
                held = (usage.ru_maxrss * 1024) if usage else 0  # ru_maxrss is in KB on Linux
                big = self.budget.memory_mb and held >= self.budget.memory_mb * 1024 * 1024 // 2
                done[index] = detach(too_large(paths[index], self.budget) if big else crashed(paths[index]))
            else:
                self._end(worker)
            retry.extendleft(reversed(worker.pending))
            self._spawn()
            return
        worker.buffer += chunk
        while len(worker.buffer) >= _HEADER.size:
            size = _HEADER.unpack_from(worker.buffer)[0]
            if len(worker.buffer) < _HEADER.size + size:
                break
            index, report, stopped = pickle.loads(bytes(worker.buffer[_HEADER.size:_HEADER.size + size]))
            del worker.buffer[:_HEADER.size + size]
            worker.pending.popleft()
            worker.started = time.monotonic()
            worker.retiring = worker.retiring or stopped
            done[index] = report
