"""`--format json`: the versioned machine contract (docs/json-output.md, docs/report.schema.json)."""

from __future__ import annotations

import json

from checker import __version__
from checker.model import STATUSES, Report, Result, Run

VERSION = 1


def _result(result: Result) -> dict:
    data = {"rule": result.rule.id, "title": result.rule.title, "status": result.status,
            "severity": result.severity, "weight": result.rule.weight, "message": result.message,
            "basis": result.rule.basis, "fix": result.rule.fix,
            "locations": [{"line": loc.line, "section": loc.section, "excerpt": loc.excerpt,
                           **({"page": loc.page} if loc.page is not None else {})} for loc in result.locations]}
    if result.waiver:
        data["waiver"] = {k: result.waiver.get(k) for k in ("reason", "approved_by", "expires")}
    return data


def report_dict(report: Report) -> dict:
    return {"path": report.path, "format": report.format, "unit": report.unit, "error": report.error,
            "meta": report.meta or None, "score": report.score, "grade": report.grade,
            "results": [_result(r) for r in report.results], "rule_errors": report.rule_errors}


def document(reports: list[Report], exit_code: int, rule_count: int, with_reports: bool = True) -> dict:
    by_status = {status: 0 for status in STATUSES}
    for report in reports:
        for result in report.results:
            by_status[result.status] += 1
    scores = [r.score for r in reports if r.score is not None]
    return {
        "version": VERSION,
        "tool": {"name": "fazhi-check", "version": __version__, "rules": rule_count},
        "reports": [report_dict(r) for r in reports] if with_reports else [],
        "summary": {"reports": len(reports), "errors": sum(1 for r in reports if r.error),
                    "by_status": by_status, "average_score": round(sum(scores) / len(scores), 1) if scores else None,
                    "exit_code": exit_code},
    }


def render(run: Run) -> str:
    return json.dumps(document(run.reports, run.exit_code, len(run.active_rules)), ensure_ascii=False, indent=2)


def write(run: Run, handle) -> None:
    """The same document as render(), written report by report: memory stays flat for big batches."""
    whole = document([], run.exit_code, len(run.active_rules))
    whole["summary"] = document(run.reports, run.exit_code, len(run.active_rules), with_reports=False)["summary"]
    head, tail = json.dumps(whole, ensure_ascii=False, indent=2).split('"reports": []', 1)
    handle.write(head + '"reports": [')
    for index, report in enumerate(run.reports):
        text = json.dumps(report_dict(report), ensure_ascii=False, indent=2)
        handle.write(("," if index else "") + "\n    " + text.replace("\n", "\n    "))
    handle.write(("\n  ]" if run.reports else "]") + tail + "\n")
