"""`--format compact`: one line per finding, for pre-commit and editors (path:line: message)."""

from __future__ import annotations

from checker.model import STATUS_LABELS, Run


def render(run: Run) -> str:
    lines = []
    for report in run.reports:
        if report.error:
            lines.append(f"{report.path}: 错误：{report.error['message']}")
            continue
        for result in report.results:
            if result.problem:
                line = next((loc.line for loc in result.locations if loc.line), None)
                where = f"{report.path}:{line}" if line else report.path
                lines.append(f"{where}: [{STATUS_LABELS[result.status]}] {result.rule.id} {result.message}")
        lines.append(f"{report.path}: 得分 {report.score}/100，等级 {report.grade}")
    return "\n".join(lines)
