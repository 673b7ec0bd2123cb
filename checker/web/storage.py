"""Where uploads and results live: one private temporary folder per server run.

The folder is created with mode 0700 under the system's temporary directory and removed when
the server stops; a folder left by a server that was killed is removed at the next start, so
nothing survives a restart. Each result has its own sub-folder holding the uploaded files under
generated names (`u0001.docx`: the upload's name is only a label, never a path) and the
checked reports. A result is deleted when the page deletes it, when it has not been used for
`ttl_seconds`, or when more than `results_kept` results exist (the oldest goes first).
"""

from __future__ import annotations

import os
import pickle
import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PREFIX = "fazhi-check-serve-"
_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


@dataclass
class Upload:
    label: str  # what the user called it: shown, never used as a path
    path: Path  # where it is stored (a generated name inside the result's folder)
    previous: Upload | None = None  # last year's report for this draft
    error: str | None = None  # why it was not stored (a file over the size limit): a report with this error


@dataclass
class Result:
    id: str
    folder: Path
    uploads: list[Upload] = field(default_factory=list)
    used: float = field(default_factory=time.monotonic)
    stored: int = 0  # files stored so far (for the generated names)
    order: list[int] = field(default_factory=list)  # upload index of each report, in the order of the JSON
    busy: bool = True  # still receiving or checking: not deleted by expiry

    def new_path(self, label: str, kind: str = "u") -> Path:
        suffix = Path(label.replace("\\", "/").rsplit("/", 1)[-1]).suffix.lower()
        self.stored += 1
        return self.folder / f"{kind}{self.stored:04d}{suffix if _SUFFIX.match(suffix) else ''}"

    def save_reports(self, reports: list, json_text: str) -> None:
        """Reports go to disk (rules as ids), so memory does not grow with the number of results."""
        for report in reports:
            for item in report.results:
                item.rule = item.rule.id
        (self.folder / "reports.pickle").write_bytes(pickle.dumps(reports))
        (self.folder / "result.json").write_text(json_text, encoding="utf-8")
        self.busy = False

    def load_reports(self, rules: list) -> list:
        by_id = {rule.id: rule for rule in rules}
        reports = pickle.loads((self.folder / "reports.pickle").read_bytes())
        for report in reports:
            for item in report.results:
                item.rule = by_id[item.rule]
        return reports

    def json_text(self) -> str:
        return (self.folder / "result.json").read_text(encoding="utf-8")


class Store:
    def __init__(self, results_kept: int, ttl_seconds: int):
        self.results_kept, self.ttl_seconds = results_kept, ttl_seconds
        remove_stale()
        self.root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
        os.chmod(self.root, 0o700)
        # every temporary file of the desk and its workers (LibreOffice's copies of .doc/.wps
        # uploads, spools) goes here, so that nothing of an upload is written anywhere else
        self.scratch = self.root / "scratch"
        self.scratch.mkdir(mode=0o700)
        self._results: dict[str, Result] = {}
        self._lock = threading.Lock()

    def create(self) -> Result:
        result_id = secrets.token_urlsafe(18)
        folder = self.root / result_id
        folder.mkdir(mode=0o700)
        result = Result(result_id, folder)
        with self._lock:
            self._results[result_id] = result
        self.expire()
        return result

    def get(self, result_id: str) -> Result | None:
        if not _ID.match(result_id):
            return None
        self.expire()
        with self._lock:
            result = self._results.get(result_id)
            if result is not None:
                result.used = time.monotonic()
            return result

    def delete(self, result_id: str) -> bool:
        with self._lock:
            result = self._results.pop(result_id, None)
        if result is None:
            return False
        shutil.rmtree(result.folder, ignore_errors=True)
        return True

    def expire(self) -> None:
        """Delete results unused for too long, then the oldest beyond the number kept."""
        now = time.monotonic()
        with self._lock:
            ordered = sorted((r for r in self._results.values() if not r.busy), key=lambda r: r.used)
            old = [r for r in ordered if now - r.used > self.ttl_seconds]
            kept = [r for r in ordered if r not in old]
            old += kept[:max(0, len(kept) - self.results_kept)]
        for result in old:
            self.delete(result.id)

    def count(self) -> int:
        with self._lock:
            return len(self._results)

    def close(self) -> None:
        with self._lock:
            self._results.clear()
        shutil.rmtree(self.root, ignore_errors=True)


def remove_stale() -> None:
    """Folders of earlier server runs whose process is gone (killed before it could clean up).
    Only on POSIX, where asking whether a process exists (signal 0) has no effect on it."""
    if os.name != "posix":
        return
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        match = re.match(rf"{PREFIX}(\d+)-", folder.name)
        if match and folder.is_dir() and folder.stat().st_uid == os.getuid() and not _alive(int(match.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
