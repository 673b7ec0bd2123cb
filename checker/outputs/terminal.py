"""The rich scorecard for a terminal. It leads with what to fix: the findings, most serious
first, each as `[必须修改｜缺失] 标题 rule.id 第N行` with its message, basis and advice folded
under it (no columns, so nothing is squeezed at 80 columns and no rule id is broken); the rules
that raise nothing are summed in one line (`--show-passed` lists them); then the verdict.
A batch ends with a summary table (a table of 1,000 rows at most: a bigger batch gets several,
titled by the rows they hold, since a table holds all its rows in memory) and the reports that
fail, with their rules."""

from __future__ import annotations

from itertools import islice

from rich.markup import escape
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from checker.model import LEVEL_LABELS, STATUS_LABELS, Report, Result, Run, level_of
from checker.outputs.common import COLOURS, LEVEL_COLOURS, batch_lines, meta_line, passed_line, score_text, shown, summary_line, verdict_text, where


def _heading(result: Result, unit: str) -> Text:
    level = level_of(result)
    text = Text()
    if level:
        text.append(f"[{LEVEL_LABELS[level]}｜{STATUS_LABELS[result.status]}]", style=LEVEL_COLOURS[level])
    else:
        text.append(f"[{STATUS_LABELS[result.status]}]", style=COLOURS[result.status])
    # Spaces between the parts let the id move to the next line whole instead of being cut.
    text.append(f" {result.rule.title} ", style="bold")
    text.append(result.rule.id, style="dim")
    place = where(result, unit)
    if place != "—":
        text.append(f" {place}")
    return text


def render_finding(result: Result, unit: str, console) -> None:
    console.print(_heading(result, unit))
    body = Text(result.message)
    if result.problem:
        body.append(f"\n依据：{result.rule.basis}", style="dim")
        body.append(f"\n建议：{result.rule.fix}")
    console.print(Padding(body, (0, 0, 0, 4)))


def render_report(report: Report, console, show_passed: bool = False) -> None:
    console.rule(f"[bold]{escape(report.path)}[/bold]")
    if report.error:
        console.print(f"[red]✗ 无法检查：{escape(report.error['message'])}[/red]")
        return
    console.print(Text(meta_line(report), style="dim"))
    for result in shown(report, show_passed):
        render_finding(result, report.unit, console)
    if not show_passed and passed_line(report):
        console.print(Text(passed_line(report), style="green"))
    colour = "red" if report.verdict == "fail" else "green"
    console.print(Panel(Text.assemble((f"结论：{verdict_text(report)}", f"bold {colour}"), f"\n{score_text(report)}\n{summary_line(report)}"),
                        expand=False, border_style=colour))


TABLE_ROWS = 1000  # a bigger batch is shown as several tables of this many rows: one table holds all its rows
# rich wraps a line with some 100 bytes of memory a character: the list of the failing reports of
# a national batch (millions of characters) is left for the terminal to wrap.
WRAPPED_UP_TO = 10_000


def render_batch(run: Run, console) -> None:
    total = run.summary.reports
    rows = iter(run.summary.rows)
    for first in range(1, total + 1, TABLE_ROWS):
        last = min(total, first + TABLE_ROWS - 1)
        title = f"汇总：{total} 份报告" + (f"（第 {first}–{last} 份）" if total > TABLE_ROWS else "")
        console.print(_table(title, islice(rows, TABLE_ROWS)))
    for line in batch_lines(run.summary, run.fail_on):
        console.print(Text(line), soft_wrap=len(line) > WRAPPED_UP_TO)


def _table(title: str, rows) -> Table:
    table = Table(title=title, header_style="bold")
    table.add_column("报告", overflow="fold")
    table.add_column("结论", overflow="fold")
    table.add_column("得分", justify="right", no_wrap=True)
    table.add_column("等级", no_wrap=True)
    for row in rows:
        if row.error:
            table.add_row(escape(row.path), f"[red]无法检查：{escape(row.error)}[/red]", "—", "—")
        else:
            colour = "red" if row.verdict == "fail" else "green"
            table.add_row(escape(row.path), f"[{colour}]{escape(verdict_text(row))}[/{colour}]",
                          "—" if row.score is None else str(row.score), row.grade or "")
    return table


class Scorecard:
    """Prints each report as it passes; `finish` prints the batch summary."""

    def __init__(self, console, show_passed: bool = False):
        self.console, self.show_passed = console, show_passed

    def report(self, report: Report) -> None:
        render_report(report, self.console, self.show_passed)

    def finish(self, run: Run) -> None:
        if run.summary.reports > 1:
            render_batch(run, self.console)


def render(run: Run, console, show_passed: bool = False) -> None:
    card = Scorecard(console, show_passed)
    for report in run.each():
        card.report(report)
    card.finish(run)
