"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

The annotation level follows the finding's level (必须修改 → error, 建议修改 → warning,
供参考 → notice); its title starts with `[必须修改｜缺失]`. Streams report by report; a last
notice says which reports fail and by which rules."""

from __future__ import annotations

import io

from checker.model import Run
from checker.outputs.common import batch_lines, label

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def report_lines(report) -> list[str]:
    path = _property(report.path)
    if report.error:
        return [f"::error file={path},title={_property('fazhi-check 无法读取')}::{_data(report.error['message'])}"]
    lines = []
    for result in report.findings:
        line = next((loc.line for loc in result.locations if loc.line), 1)
        title = _property(f"{label(result)} {result.rule.id} {result.rule.title}")
        message = _data(f"{result.message} 依据：{result.rule.basis} 建议：{result.rule.fix}")
        lines.append(f"::{_LEVELS[result.severity]} file={path},line={line},title={title}::{message}")
    return lines


def write(run: Run, handle) -> None:
    for report in run.each():
        lines = report_lines(report)
        if lines:
            handle.write("\n".join(lines) + "\n")
            handle.flush()
    if run.summary.failed or run.summary.errors:
        handle.write(f"::notice title={_property('fazhi-check 结论')}::{_data(' '.join(batch_lines(run.summary, run.fail_on)))}\n")


def render(run: Run) -> str:
    out = io.StringIO()
    write(run, out)
    return out.getvalue()
