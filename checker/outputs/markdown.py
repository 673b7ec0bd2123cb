"""`--format markdown`: a summary fit for a pull-request comment."""

from __future__ import annotations

import io

from checker.model import Run
from checker.outputs.common import batch_lines, first_line, label, summary_line, verdict_text
from checker.spool import TextSpool


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _details(report) -> list[str]:
    problems = report.findings + [r for r in report.results if r.status == "waived"]
    if report.error or not problems:
        return []
    lines = ["", f"<details><summary><code>{report.path}</code>：{len(problems)} 项需要处理</summary>", "",
             "| 问题 | 位置 | 说明 |", "| --- | --- | --- |"]
    for result in problems:
        line = first_line(result)
        where = f"第{line}{'段' if report.unit == 'paragraph' else '行'}" if line else "—"
        lines.append(f"| {label(result)} {_cell(result.rule.title)} `{result.rule.id}` | {where} | {_cell(result.message)} |")
    return lines + ["", "</details>"]


def write(run: Run, handle) -> None:
    """The table of reports, then each report's details, then the verdict. The table needs every
    report's row and comes first, so the details wait in a spool (`checker.spool`)."""
    details = TextSpool()
    for report in run.each():
        for line in _details(report):
            details.write("\n" + line)
    handle.write("## fazhi-check 检查结果\n\n| 报告 | 结论 | 得分 | 等级 | 问题 |\n| --- | --- | ---: | --- | --- |")
    for row in run.summary.rows:
        if row.error:
            handle.write(f"\n| `{_cell(row.path)}` | 无法检查 | — | — | {_cell(row.error)} |")
        else:
            score = "—" if row.score is None else row.score
            handle.write(f"\n| `{_cell(row.path)}` | {_cell(verdict_text(row))} | {score} | {row.grade} | {summary_line(row)} |")
    details.copy_to(handle)
    handle.write("\n\n" + "\n".join(_cell(line) for line in batch_lines(run.summary, run.fail_on)) + "\n")


def render(run: Run) -> str:
    out = io.StringIO()
    write(run, out)
    return out.getvalue()
