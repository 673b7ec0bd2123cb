"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

The annotation level follows the finding's level (必须修改 → error, 建议修改 → warning,
供参考 → notice); its title starts with `[必须修改｜缺失]`. Streams report by report; a last
notice says which reports fail and by which rules.

GitHub shows at most 10 annotations of each type (error, warning, notice) per step
(`CAP`); the rest would vanish silently. So only the first 10 of each type are written as
annotations, and the findings beyond them are listed at the end of the log and, when the step
has a job summary (`GITHUB_STEP_SUMMARY`), in it under 未显示为批注的问题.
"""

from __future__ import annotations

import io
import os

from checker.model import Run
from checker.outputs.common import batch_lines, label
from checker.spool import Spool

CAP = 10  # annotations of one type GitHub shows per step (and 50 per job)

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def error_command(message: str) -> str:
    """A run that could not start (a bad revision, no reports, an invalid configuration), as an
    error annotation: without it the reason is only in the raw log."""
    return f"::error title={_property('fazhi-check 无法检查')}::{_data(message)}"


def report_lines(report) -> list[tuple[str, str, str]]:
    """(annotation type, workflow command, one line for the list of what was cut) per finding."""
    path = _property(report.path)
    if report.error:
        return [("error", f"::error file={path},title={_property('fazhi-check 无法读取')}::{_data(report.error['message'])}",
                 f"{report.path}：{report.error['message']}")]
    lines = [("error", f"::error file={path},line=1,title={_property('fazhi-check 规则无法运行')}::{_data(error['message'])}",
              f"{report.path}: {error['message']}") for error in report.rule_errors]
    for result in report.findings:
        line = next((loc.line for loc in result.locations if loc.line), None)
        kind = _LEVELS[result.severity]
        title = _property(f"{label(result)} {result.rule.id} {result.rule.title}")
        message = _data(f"{result.message} 依据：{result.rule.basis} 建议：{result.rule.fix}")
        lines.append((kind, f"::{kind} file={path},line={line or 1},title={title}::{message}",
                      f"{report.path}{f':{line}' if line else ''}: {label(result)} {result.rule.id} {result.message}"))
    return lines


def _write_cut_summary(cut, file) -> None:
    file.write(f"\n### 未显示为批注的问题（{len(cut)} 个）\n\n"
               f"GitHub 每个步骤最多显示 {CAP} 条错误、{CAP} 条警告和 {CAP} 条提示批注，以下问题超出上限：\n\n")
    for line in cut:
        file.write(f"- {_markdown(line)}\n")


def _markdown(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


def write(run: Run, handle) -> None:
    shown = {"error": 0, "warning": 0, "notice": 1}  # one notice is kept for the conclusion
    cut = Spool()  # a big batch cuts most of its findings: they wait on disk, not in memory
    for report in run.each():
        lines = []
        for kind, command, short in report_lines(report):
            if shown[kind] < CAP:
                shown[kind] += 1
                lines.append(command)
            else:
                cut.append(short)
        if lines:
            handle.write("\n".join(lines) + "\n")
            handle.flush()
    if len(cut):
        handle.write(f"另有 {len(cut)} 个问题超出 GitHub 每步 {CAP} 条批注的上限，未显示为批注：\n")
        for line in cut:
            handle.write(line + "\n")
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as file:
                _write_cut_summary(cut, file)
    if run.summary.failed_count or run.summary.errors:
        handle.write(f"::notice title={_property('fazhi-check 结论')}::{_data(' '.join(batch_lines(run.summary, run.fail_on)))}\n")


def render(run: Run) -> str:
    out = io.StringIO()
    write(run, out)
    return out.getvalue()
