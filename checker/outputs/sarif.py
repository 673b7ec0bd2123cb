"""`--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.

Rules carry ids, names, descriptions and help; results carry ruleId, level, message, a
repository-relative artifact URI with a start line, and a fingerprint stable across runs
(it does not depend on line numbers, so editing above a finding keeps its identity).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from checker import __version__
from checker.model import Report, Result, Run, level_of
from checker.outputs.common import label

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str, root: Path) -> str:
    if path == "-":
        return "stdin"
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def _rule(rule) -> dict:
    return {
        "id": rule.id,
        "name": rule.id.replace(".", "/"),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": " ".join((rule.rationale or rule.title).split())},
        "help": {"text": f"依据：{rule.basis}\n建议：{rule.fix}",
                 "markdown": f"**依据**：{rule.basis}\n\n**建议**：{rule.fix}"},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"kind": rule.kind, "weight": rule.weight},
    }


def _fingerprint(uri: str, result: Result) -> str:
    anchor = result.locations[0].excerpt if result.locations else ""
    return hashlib.sha256(f"{uri}\0{result.rule.id}\0{result.status}\0{anchor}".encode("utf-8")).hexdigest()[:32]


def _result(report: Report, result: Result, index: int, root: Path) -> dict:
    uri = _uri(report.path, root)
    line = next((loc.line for loc in result.locations if loc.line), 1)
    data = {
        "ruleId": result.rule.id,
        "ruleIndex": index,
        "level": _LEVELS[result.severity],
        "message": {"text": f"{label(result)} {result.message}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                                            "region": {"startLine": line}}}],
        "partialFingerprints": {"fazhiCheck/v1": _fingerprint(uri, result)},
        "properties": {"status": result.status, "level": level_of(result)},
    }
    if result.status == "waived":
        data["suppressions"] = [{"kind": "external", "justification": result.waiver.get("reason", "")}]
    return data


def render(run: Run) -> str:
    rules = run.active_rules
    index = {rule.id: i for i, rule in enumerate(rules)}
    results, notifications = [], []
    for report in run.each():
        if report.error:
            notifications.append({"level": "error", "message": {"text": report.error["message"]},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(report.path, run.root), "uriBaseId": "%SRCROOT%"}}}]})
        results += [_result(report, result, index[result.rule.id], run.root)
                    for result in report.findings + [r for r in report.results if r.status == "waived"]]
    invocation = {"executionSuccessful": not notifications, "exitCode": run.exit_code}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "fazhi-check", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/fazhi-check/", "rules": [_rule(r) for r in rules]}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": run.root.resolve().as_uri() + "/"}},
            "invocations": [invocation],
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
