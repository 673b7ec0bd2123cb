"""`--format markdown`: a summary fit for a pull-request comment."""

from __future__ import annotations

from checker.model import Run
from checker.outputs.common import batch_lines, first_line, label, summary_line, verdict_text


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


def render(run: Run) -> str:
    details = [line for report in run.each() for line in _details(report)]
    lines = ["## fazhi-check 检查结果", "", "| 报告 | 结论 | 得分 | 等级 | 问题 |", "| --- | --- | ---: | --- | --- |"]
    for row in run.summary.rows:
        if row.error:
            lines.append(f"| `{_cell(row.path)}` | 无法检查 | — | — | {_cell(row.error)} |")
        else:
            score = "—" if row.score is None else row.score
            lines.append(f"| `{_cell(row.path)}` | {_cell(verdict_text(row))} | {score} | {row.grade} | {summary_line(row)} |")
    lines += details
    lines += [""] + [_cell(line) for line in batch_lines(run.summary, run.fail_on)]
    return "\n".join(lines)
