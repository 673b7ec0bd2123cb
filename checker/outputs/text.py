"""The plain-text scorecard: used when the output is not a terminal, or with NO_COLOR.

Streams: each report is written as soon as it is checked; the batch summary (which reports
fail and by which rules) comes last."""

from __future__ import annotations

import io
from typing import Iterator

from checker.model import Report, ReportSummary, Run
from checker.outputs.common import batch_lines, conclusion, label, meta_line, passed_line, shown, summary_line, verdict_text, where


def render_report(report: Report, show_passed: bool = False) -> list[str]:
    lines = [f"== {report.path}"]
    if report.error:
        return lines + [f"无法检查：{report.error['message']}", ""]
    lines.append(meta_line(report))
    for result in shown(report, show_passed):
        lines.append(f"{label(result)} {result.rule.title}（{result.rule.id}）{where(result, report.unit)}：{result.message}")
        if result.problem:
            lines.append(f"    依据：{result.rule.basis}")
            lines.append(f"    建议：{result.rule.fix}")
    row = ReportSummary.of(report)  # counted once for both lines below
    passed = "" if show_passed else passed_line(row)
    if passed:
        lines.append(passed)
    lines.append(conclusion(row))
    return lines + [""]


def summary_block(run: Run) -> Iterator[str]:
    """The batch table and its verdict, line by line as the summary's rows come back (a single
    report's verdict is in its own conclusion: nothing for a run of one)."""
    summary = run.summary
    if summary.reports <= 1:
        return
    yield f"== 汇总：{summary.reports} 份报告"
    for row in summary.rows:
        verdict = f"无法检查：{row.error}" if row.error else f"{verdict_text(row)}，{row.score} 分，{row.grade}（{summary_line(row)}）"
        yield f"{row.path}：{verdict}"
    yield from batch_lines(summary, run.fail_on)


class Scorecard:
    """Writes each report as it passes; `finish` writes the batch summary."""

    def __init__(self, handle, show_passed: bool = False):
        self.handle, self.show_passed = handle, show_passed

    def report(self, report: Report) -> None:
        self.handle.write("\n".join(render_report(report, self.show_passed)) + "\n")
        self.handle.flush()

    def finish(self, run: Run) -> None:
        for line in summary_block(run):
            self.handle.write(line + "\n")


def write(run: Run, handle, show_passed: bool = False) -> None:
    card = Scorecard(handle, show_passed)
    for report in run.each():
        card.report(report)
    card.finish(run)


def render(run: Run, show_passed: bool = False) -> str:
    out = io.StringIO()
    write(run, out, show_passed)
    return out.getvalue()
