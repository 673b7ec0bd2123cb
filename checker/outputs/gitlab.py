"""`--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`).

A JSON array with one entry per finding: `description` (`[必须修改｜缺失] 标题：说明`),
`check_name` (the rule id), `fingerprint` (the SARIF one: path, rule, status and the text of the
evidence line, not its number, so an edit above keeps it), `severity` (must-fix → major,
should-fix → minor, note → info), `location.path` (relative to the working directory) and
`location.lines.begin` (GitLab requires a line: a whole-document finding points at line 1).
A file that could not be read is an entry too (`fazhi-check/unreadable`, severity blocker).
Streams: each report's entries are written as soon as it is checked.
"""

from __future__ import annotations

import hashlib
import io

from checker.model import Report, Run, level_of
from checker.outputs.common import label
from checker.outputs.json import encode
from checker.outputs.sarif import fingerprint, relative_path

SEVERITY = {"must-fix": "major", "should-fix": "minor", "note": "info"}


def entries(report: Report, root) -> list[dict]:
    path = relative_path(report.path, root)
    if report.error:
        digest = hashlib.sha256(f"{path}\0unreadable".encode("utf-8")).hexdigest()[:32]
        return [{"description": report.error["message"], "check_name": "fazhi-check/unreadable", "fingerprint": digest,
                 "severity": "blocker", "location": {"path": path, "lines": {"begin": 1}}}]
    out = [_rule_error(path, error) for error in report.rule_errors]
    for result in report.findings:
        line = next((loc.line for loc in result.locations if loc.line), None)
        out.append({
            "description": f"{label(result)} {result.rule.title}：{result.message}",
            "check_name": result.rule.id,
            "fingerprint": fingerprint(path, result),
            "severity": SEVERITY[level_of(result)],
            "location": {"path": path, "lines": {"begin": line or 1}},
        })
    return out


def _rule_error(path: str, error: dict) -> dict:
    """A rule that could not run on the report (the run's exit code is 2), as a blocker."""
    digest = hashlib.sha256(f"{path}\0rule-error\0{error['rule']}".encode("utf-8")).hexdigest()[:32]
    return {"description": error["message"], "check_name": "fazhi-check/rule-error", "fingerprint": digest,
            "severity": "blocker", "location": {"path": path, "lines": {"begin": 1}}}


def write(run: Run, handle) -> None:
    handle.write("[")
    first = True
    root = run.root.resolve()  # once, not once per report
    for report in run.each():
        for entry in entries(report, root):
            handle.write(("\n  " if first else ",\n  ") + encode(entry))
            first = False
        handle.flush()
    handle.write("\n]\n" if not first else "]\n")


def render(run: Run) -> str:
    out = io.StringIO()
    write(run, out)
    return out.getvalue()
