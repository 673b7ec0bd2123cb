"""`--format compact`: one line per finding, for pre-commit and editors (path:line: message).

Streams: a report's lines are written as soon as it is checked; the last lines say which
reports fail and by which rules."""

from __future__ import annotations

import io

from checker.model import Report, Run
from checker.outputs.common import batch_lines, first_line, label, score_text, verdict_text


def report_lines(report: Report) -> list[str]:
    if report.error:
        return [f"{report.path}: 错误：{report.error['message']}"]
    lines = []
    for result in report.findings:
        line = first_line(result)
        where = f"{report.path}:{line}" if line else report.path
        lines.append(f"{where}: {label(result)} {result.rule.id} {result.message}")
    lines.append(f"{report.path}: 结论：{verdict_text(report)}，{score_text(report)}")
    return lines


def write(run: Run, handle) -> None:
    for report in run.each():
        handle.write("\n".join(report_lines(report)) + "\n")
        handle.flush()
    if run.summary.reports > 1:
        handle.write("\n".join(batch_lines(run.summary, run.fail_on)) + "\n")


def render(run: Run) -> str:
    out = io.StringIO()
    write(run, out)
    return out.getvalue()
