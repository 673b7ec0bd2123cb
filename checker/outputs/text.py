"""The plain-text scorecard: used when the output is not a terminal, or with NO_COLOR."""

from __future__ import annotations

from checker.model import Report, Run
from checker.outputs.common import meta_line, status_text, summary_line, where


def render_report(report: Report) -> list[str]:
    lines = [f"== {report.path}"]
    if report.error:
        return lines + [f"无法检查：{report.error['message']}", ""]
    lines.append(meta_line(report))
    for result in report.results:
        lines.append(f"[{status_text(result.status)}] {result.rule.title}（{result.rule.id}）{where(result, report.unit)}：{result.message}")
        if result.problem:
            lines.append(f"    依据：{result.rule.basis}")
            lines.append(f"    建议：{result.rule.fix}")
    lines.append(f"得分 {report.score}/100，等级 {report.grade}（{summary_line(report)}）")
    return lines + [""]


def render(run: Run) -> str:
    return render_reports(run.reports)


def render_reports(reports: list[Report]) -> str:
    lines: list[str] = []
    for report in reports:
        lines += render_report(report)
    if len(reports) > 1:
        lines.append(f"== 汇总：{len(reports)} 份报告")
        for report in reports:
            verdict = f"无法检查：{report.error['message']}" if report.error else f"{report.score} 分，{report.grade}（{summary_line(report)}）"
            lines.append(f"{report.path}：{verdict}")
    return "\n".join(lines) + "\n"
