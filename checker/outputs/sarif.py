"""`--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.

Rules carry ids, names, descriptions, help and a `helpUri` to the rule's section of the rule
catalogue (docs/rules.md): under `FAZHI_CHECK_SOURCE_URL` (where this project's files can be
browsed, e.g. `https://github.com/OWNER/fazhi-check/blob/REF`; the GitHub Action sets it, and
`informationUri` is its README) or else the catalogue installed with the package, as a file URI.
Results carry ruleId, level, message, a percent-encoded artifact URI relative to the working
directory (`%SRCROOT%`), a region with start line and, for text lines, start and end column
(Unicode code points) of the evidence; a finding about the whole document stands at line 1.
The fingerprint (`fazhiCheck/v1`) is stable across runs: it does not depend on line numbers, so
editing above a finding keeps its identity. (GitHub code scanning tracks alerts by its own
`primaryLocationLineHash`, which its upload action computes from the text at the start line.)
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from urllib.parse import quote

from checker import __version__
from checker.model import Report, Result, Run, level_of
from checker.outputs.common import label
from checker.outputs.json import Laid, LaidList, dumps
from checker.spool import TextSpool

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SOURCE_URL = "FAZHI_CHECK_SOURCE_URL"


def relative_path(path: str, root: Path) -> str:
    """The path relative to `root` with forward slashes (absolute when outside it)."""
    if path == "-":
        return "stdin"
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def _artifact(path: str, root: Path, relative: str | None = None) -> dict:
    """A valid URI reference: relative to %SRCROOT% and percent-encoded, or a file URI outside it."""
    relative = relative_path(path, root) if relative is None else relative
    if relative.startswith("/") or Path(relative).is_absolute():
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": "%SRCROOT%"}


def _catalogue() -> str:
    """Where the rule catalogue is: the project's published files, or the installed copy."""
    base = os.environ.get(SOURCE_URL, "").rstrip("/")
    if base:
        return f"{base}/docs/rules.md"
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_docs" / "rules.md", package.parent / "docs" / "rules.md"):
        if candidate.is_file():
            return candidate.as_uri()
    return ""


def _rule(rule, catalogue: str) -> dict:
    data = {
        "id": rule.id,
        "name": rule.id.replace(".", "/"),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": " ".join((rule.rationale or rule.title).split())},
        "help": {"text": f"依据：{rule.basis}\n建议：{rule.fix}",
                 "markdown": f"**依据**：{rule.basis}\n\n**建议**：{rule.fix}"},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"kind": rule.kind, "weight": rule.weight},
    }
    if catalogue:  # the section anchor the catalogue's own table links to
        data["helpUri"] = f"{catalogue}#{rule.id.replace('.', '')}"
    return data


def fingerprint(path: str, result: Result) -> str:
    """Path (relative, as written), rule, status and the evidence line's text: no line number."""
    anchor = result.locations[0].excerpt if result.locations else ""
    return hashlib.sha256(f"{path}\0{result.rule.id}\0{result.status}\0{anchor}".encode("utf-8")).hexdigest()[:32]


def _region(report: Report, result: Result) -> dict | None:
    location = next((loc for loc in result.locations if loc.line), None)
    if location is None:
        return None
    region = {"startLine": location.line}
    if report.unit == "line" and location.column:
        region.update(startColumn=location.column, endColumn=location.end_column or location.column + 1)
    return region


def _result(report: Report, result: Result, index: int, relative: str, artifact: dict) -> dict:
    physical = {"artifactLocation": dict(artifact)}
    # a finding on the whole document (未找到成文日期) stands at line 1: GitHub code scanning needs a
    # start line to place and track an alert, as the GitLab and GitHub formats place it there too
    physical["region"] = _region(report, result) or {"startLine": 1}
    data = {
        "ruleId": result.rule.id,
        "ruleIndex": index,
        "level": _LEVELS[result.severity],
        "message": {"text": f"{label(result)} {result.message}"},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"fazhiCheck/v1": fingerprint(relative, result)},
        "properties": {"status": result.status, "level": level_of(result)},
    }
    if result.status == "waived":  # an inline comment in the report is in source; a config waiver is external
        kind = "inSource" if result.waiver.get("inline") else "external"
        data["suppressions"] = [{"kind": kind, "justification": result.waiver.get("reason", "")}]
    return data


_RESULTS = Laid("\0results\0")  # where the spooled results go in the log's text
_RESULTS_PAD = " " * 6  # the results list's indentation in `dumps(log)`: log → runs → run


def write(run: Run, handle) -> None:
    """The log as `dumps` lays it out. Each report's results are laid out as it passes and kept
    in a spool (`checker.spool`): the invocation (exit code, unreadable files) precedes them."""
    rules = run.active_rules
    index = {rule.id: i for i, rule in enumerate(rules)}
    spooled, results, notifications = TextSpool(), LaidList(_RESULTS_PAD), []
    root = run.root.resolve()  # once: resolving walks the file system
    for report in run.each():
        # a report's path is resolved once for all its results, not once per result
        relative = relative_path(report.path, root)
        artifact = _artifact(report.path, root, relative)
        for message in ([report.error["message"]] if report.error else []) + [e["message"] for e in report.rule_errors]:
            # an unreadable file, or a rule that could not run on it: why the exit code is 2
            notifications.append({"level": "error", "message": {"text": message},
                                  "locations": [{"physicalLocation": {"artifactLocation": artifact}}]})
        for result in report.findings + [r for r in report.results if r.status == "waived"]:
            laid = dumps(_result(report, result, index[result.rule.id], relative, artifact), _RESULTS_PAD + "  ")
            spooled.write(results.item(laid))
    before, after = dumps(_log(run, rules, root, notifications)).split(_RESULTS)
    handle.write(before)
    spooled.copy_to(handle)
    handle.write(results.end() + after + "\n")


def _log(run: Run, rules: list, root: Path, notifications: list[dict]) -> dict:
    invocation = {"executionSuccessful": not notifications, "exitCode": run.exit_code}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    catalogue = _catalogue()
    driver = {"name": "fazhi-check", "version": __version__, "semanticVersion": __version__,
              "rules": [_rule(r, catalogue) for r in rules]}
    if os.environ.get(SOURCE_URL):
        driver["informationUri"] = f"{os.environ[SOURCE_URL].rstrip('/')}/README.md"
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
            "invocations": [invocation],
            "results": _RESULTS,
        }],
    }


def render(run: Run) -> str:
    out = io.StringIO()
    write(run, out)
    return out.getvalue()
