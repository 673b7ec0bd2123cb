"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request."""

from __future__ import annotations

from checker.model import Run

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(run: Run) -> str:
    lines = []
    for report in run.reports:
        path = _property(report.path)
        if report.error:
            lines.append(f"::error file={path},title={_property('fazhi-check 无法读取')}::{_data(report.error['message'])}")
            continue
        for result in report.results:
            if not result.problem:
                continue
            line = next((loc.line for loc in result.locations if loc.line), 1)
            title = _property(f"{result.rule.id} {result.rule.title}")
            message = _data(f"{result.message} 依据：{result.rule.basis} 建议：{result.rule.fix}")
            lines.append(f"::{_LEVELS[result.severity]} file={path},line={line},title={title}::{message}")
    return "\n".join(lines)
