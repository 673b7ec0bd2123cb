"""`--format json`: the versioned machine contract (docs/json-output.md, docs/report.schema.json).

Written report by report (memory stays flat for big batches); `summary` comes last, once every
report has passed. `--format jsonl` writes one report per line as it is checked, then a last
line holding the summary."""

from __future__ import annotations

import json

from checker import __version__
from checker.model import Report, Result, Run, Summary, level_of

VERSION = 2


def _result(result: Result) -> dict:
    data = {"rule": result.rule.id, "title": result.rule.title, "status": result.status,
            "level": level_of(result), "severity": result.severity, "weight": result.rule.weight,
            "message": result.message, "basis": result.rule.basis, "fix": result.rule.fix,
            "locations": [{"line": loc.line, "section": loc.section, "excerpt": loc.excerpt,
                           **({"page": loc.page} if loc.page is not None else {})} for loc in result.locations]}
    if result.waiver:
        data["waiver"] = {k: result.waiver.get(k) for k in ("reason", "approved_by", "expires")}
    return data


def report_dict(report: Report) -> dict:
    return {"path": report.path, "format": report.format, "unit": report.unit, "error": report.error,
            "meta": report.meta or None, "verdict": report.verdict, "failed_by": list(report.failed_by),
            "score": report.score, "grade": report.grade,
            "results": [_result(r) for r in report.results], "rule_errors": report.rule_errors}


def summary_dict(summary: Summary, fail_on: str) -> dict:
    return {"reports": summary.reports, "errors": summary.errors,
            "failed_reports": [{"path": row.path, "failed_by": row.failed_by} for row in summary.failed],
            "by_status": summary.by_status, "by_level": summary.by_level,
            "average_score": summary.average_score, "fail_on": fail_on, "exit_code": summary.exit_code}


def _tool(run: Run) -> dict:
    return {"name": "fazhi-check", "version": __version__, "rules": len(run.active_rules)}


def document(run: Run) -> dict:
    reports = [report_dict(r) for r in run.each()]
    return {"version": VERSION, "tool": _tool(run), "reports": reports, "summary": summary_dict(run.summary, run.fail_on)}


def render(run: Run) -> str:
    return json.dumps(document(run), ensure_ascii=False, indent=2)


def write(run: Run, handle) -> None:
    """The same document as render(), written report by report."""
    head = json.dumps({"version": VERSION, "tool": _tool(run)}, ensure_ascii=False, indent=2)
    handle.write(head[:-2] + ',\n  "reports": [')
    for index, report in enumerate(run.each()):
        text = json.dumps(report_dict(report), ensure_ascii=False, indent=2)
        handle.write(("," if index else "") + "\n    " + text.replace("\n", "\n    "))
        handle.flush()
    summary = json.dumps(summary_dict(run.summary, run.fail_on), ensure_ascii=False, indent=2).replace("\n", "\n  ")
    handle.write(("\n  ]" if run.summary.reports else "]") + f',\n  "summary": {summary}\n}}\n')
