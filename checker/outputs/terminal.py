"""The rich scorecard for a terminal: a table per report, a score panel, a batch summary."""

from __future__ import annotations

from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from checker.model import Report
from checker.outputs.common import COLOURS, meta_line, status_text, summary_line, where


def _scorecard(report: Report) -> Table:
    table = Table(show_lines=True, expand=True, header_style="bold")
    # Chinese has no spaces to wrap at: fold long cells instead of cutting them with "…".
    table.add_column("要求", ratio=3, overflow="fold")
    table.add_column("状态", no_wrap=True, width=8)
    table.add_column("位置", width=10, overflow="fold")
    table.add_column("说明", ratio=6, overflow="fold")
    table.add_column("依据", ratio=4, overflow="fold")
    for result in report.results:
        colour = COLOURS[result.status]
        explanation = escape(result.message)
        if result.problem:
            explanation += f"\n[dim]建议：{escape(result.rule.fix)}[/dim]"
        table.add_row(f"{escape(result.rule.title)}\n[dim]{result.rule.id}[/dim]",
                      f"[{colour}]{status_text(result.status)}[/{colour}]", where(result, report.unit),
                      explanation, f"[dim]{escape(result.rule.basis)}[/dim]")
    return table


def render_report(report: Report, console) -> None:
    console.rule(f"[bold]{escape(report.path)}[/bold]")
    if report.error:
        console.print(f"[red]✗ 无法检查：{escape(report.error['message'])}[/red]")
        return
    console.print(escape(meta_line(report)))
    console.print(_scorecard(report))
    colour = "green" if report.score >= 90 else "yellow" if report.score >= 60 else "red"
    console.print(Panel(f"得分 [bold {colour}]{report.score}[/bold {colour}] / 100　等级 [bold]{report.grade}[/bold]\n{summary_line(report)}",
                        title="评分", expand=False))


def render_batch(reports: list[Report], console) -> None:
    table = Table(title=f"汇总：{len(reports)} 份报告", header_style="bold")
    table.add_column("报告", overflow="fold")
    table.add_column("得分", justify="right")
    table.add_column("等级", no_wrap=True)
    table.add_column("结论", overflow="fold")
    for report in reports:
        if report.error:
            table.add_row(escape(report.path), "—", "—", f"[red]无法检查：{escape(report.error['message'])}[/red]")
        else:
            table.add_row(escape(report.path), str(report.score), report.grade, summary_line(report))
    console.print(table)


def render(reports: list[Report], console) -> None:
    for report in reports:
        render_report(report, console)
    if len(reports) > 1:
        render_batch(reports, console)
