"""`--format markdown`: a summary fit for a pull-request comment."""

from __future__ import annotations

from checker.model import STATUS_LABELS, Run
from checker.outputs.common import MARKS, summary_line


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render(run: Run) -> str:
    lines = ["## fazhi-check 检查结果", "", "| 报告 | 得分 | 等级 | 结论 |", "| --- | ---: | --- | --- |"]
    for report in run.reports:
        if report.error:
            lines.append(f"| `{_cell(report.path)}` | — | — | ✗ 无法检查：{_cell(report.error['message'])} |")
        else:
            lines.append(f"| `{_cell(report.path)}` | {report.score} | {report.grade} | {summary_line(report)} |")
    for report in run.reports:
        problems = [r for r in report.results if r.problem or r.status == "waived"]
        if report.error or not problems:
            continue
        lines += ["", f"<details><summary><code>{report.path}</code>：{len(problems)} 项需要处理</summary>", "",
                  "| 要求 | 状态 | 位置 | 说明 |", "| --- | --- | --- | --- |"]
        for result in problems:
            line = next((loc.line for loc in result.locations if loc.line), None)
            where = f"第{line}{'段' if report.unit == 'paragraph' else '行'}" if line else "—"
            lines.append(f"| {_cell(result.rule.title)} `{result.rule.id}` | {MARKS[result.status]} {STATUS_LABELS[result.status]} "
                         f"| {where} | {_cell(result.message)} |")
        lines += ["", "</details>"]
    code = {0: "通过", 1: "未通过（存在达到阈值的问题）", 2: "出错（有文件无法读取或配置无效）"}[run.exit_code]
    lines += ["", f"结论：{code}，阈值 `--fail-on {run.fail_on}`。"]
    return "\n".join(lines)
