"""Shared wording for the human-readable outputs: every finding is shown as
`[必须修改｜缺失] 标题 …` (level｜status, from `checker.model`), most serious first."""

from __future__ import annotations

from checker.model import LEVEL_LABELS, LEVELS, STATUS_LABELS, VERDICT_LABELS, Report, ReportSummary, Result, Summary, finding_label

MARKS = {"pass": "✓", "weak": "◐", "missing": "✗", "fail": "✗", "n/a": "–", "waived": "≈"}
COLOURS = {"pass": "green", "weak": "yellow", "missing": "red", "fail": "red", "n/a": "dim", "waived": "cyan"}
LEVEL_COLOURS = {"must-fix": "bold red", "should-fix": "yellow", "note": "cyan"}
PASSING = ("pass", "n/a", "waived")  # what the default view sums up in one line


def rule_level(rule) -> str:
    """必须修改, or 必须修改（薄弱时建议修改） when a status has its own level."""
    from checker.model import SEVERITY_LABELS

    text = SEVERITY_LABELS[rule.severity]
    other = [f"{STATUS_LABELS[status]}时{SEVERITY_LABELS[severity]}" for status, severity in rule.severities.items()
             if severity != rule.severity]
    return f"{text}（{'，'.join(other)}）" if other else text


def label(result: Result) -> str:
    """`[必须修改｜缺失]`, `[符合]`…"""
    return finding_label(result)


def status_text(status: str) -> str:
    return f"{MARKS[status]} {STATUS_LABELS[status]}"


def where(result: Result, unit: str) -> str:
    """第57行 / 第3段, with the section when known."""
    if not result.locations or result.locations[0].line is None:
        return "—"
    word = "段" if unit == "paragraph" else "行"
    numbers = list(dict.fromkeys(loc.line for loc in result.locations if loc.line is not None))
    more = "等" if len(numbers) > 3 else ""
    page = result.locations[0].page
    return (f"第{page}页，" if page else "") + f"第{'、'.join(str(n) for n in numbers[:3])}{word}{more}"


def first_line(result: Result) -> int | None:
    return next((loc.line for loc in result.locations if loc.line), None)


def shown(report: Report, show_passed: bool = False) -> list[Result]:
    """The results a scorecard lists: findings most serious first (then waived), or all."""
    findings = report.findings + [r for r in report.results if r.status == "waived"]
    if show_passed:
        return findings + [r for r in report.results if r.status in ("pass", "n/a")]
    return findings


def counts(report: Report | ReportSummary) -> dict[str, int]:
    return dict(report.counts) if isinstance(report, ReportSummary) else ReportSummary.of(report).counts


def summary_line(report: Report | ReportSummary) -> str:
    """必须修改 1，建议修改 3，符合 28，不适用 1: findings by level, the rest by status."""
    row = report if isinstance(report, ReportSummary) else ReportSummary.of(report)
    parts = [f"{LEVEL_LABELS[level]} {row.levels[level]}" for level in LEVELS if row.levels[level]]
    parts += [f"{STATUS_LABELS[s]} {row.counts[s]}" for s in PASSING if row.counts[s]]
    return "，".join(parts)


def passed_line(report: Report | ReportSummary) -> str:
    """The one line the default view gives the rules that raise nothing."""
    row = report if isinstance(report, ReportSummary) else ReportSummary.of(report)
    parts = [f"{STATUS_LABELS[s]} {row.counts[s]} 项" for s in ("pass", "n/a") if row.counts[s]]
    return ("另有" + "，".join(parts) + "（加 --show-passed 列出）。") if parts else ""


def verdict_text(report: Report | ReportSummary) -> str:
    """不合格（content.causes、meta.date） / 通过."""
    if report.verdict == "fail":
        return f"{VERDICT_LABELS['fail']}（{'、'.join(report.failed_by)}）"
    return VERDICT_LABELS.get(report.verdict or "", "无法检查")


def score_text(report: Report | ReportSummary) -> str:
    if report.score is None:
        return f"等级 {report.grade}（不计分）"
    return f"得分 {report.score}/100，等级 {report.grade}"


def conclusion(report: Report | ReportSummary) -> str:
    """结论：不合格（content.causes）。得分 90/100，等级 不合格。必须修改 1，…"""
    return f"结论：{verdict_text(report)}。{score_text(report)}。{summary_line(report)}。"


def batch_lines(summary: Summary, fail_on: str) -> list[str]:
    """Which reports fail and by which rules, and why the exit code is what it is."""
    lines = []
    if summary.failed_count:
        names = "；".join(f"{row.path}（{'、'.join(row.failed_by)}）" for row in summary.failed)
        lines.append(f"{summary.failed_count} 份报告{VERDICT_LABELS['fail']}：{names}。")
    if summary.errors:
        lines.append(f"{summary.errors} 份无法检查：{'；'.join(row.path for row in summary.unreadable)}。")
    passed = summary.reports - summary.failed_count - summary.errors
    if passed:
        lines.append(f"{passed} 份报告{VERDICT_LABELS['pass']}。")
    lines.append(exit_line(summary, fail_on))
    return lines


_THRESHOLD = {"error": "必须修改的问题", "warning": "必须修改或建议修改的问题", "info": "问题"}


def exit_line(summary: Summary, fail_on: str) -> str:
    code = summary.exit_code
    if code == 2:
        return "退出码 2：有文件无法读取或有规则未能运行。"
    if fail_on == "never":
        return f"退出码 {code}：--fail-on never，问题不影响退出码。"
    if code == 1:
        return f"退出码 1：有报告存在{_THRESHOLD[fail_on]}（--fail-on {fail_on}）。"
    return f"退出码 0：没有{_THRESHOLD[fail_on]}（--fail-on {fail_on}）。"


def draft_state(revisions: int, comments: int) -> str:
    """What a reviewer must know about a Word draft's review state."""
    if not revisions and not comments:
        return "无未接受的修订，无批注"
    if not revisions:
        return f"无未接受的修订，有 {comments} 条批注"
    return f"尚有 {revisions} 处未接受的修订、" + (f"{comments} 条批注" if comments else "无批注") + "（按接受全部修订后的文字检查）"


def meta_line(report: Report) -> str:
    meta = report.meta
    parts = [meta.get("title") or "（未识别标题）", meta.get("issuing_body") or "（未识别发文机关）",
             f"{meta['report_year']}年度" if meta.get("report_year") else "（年度未知）",
             f"成文日期 {meta['date_text']}" if meta.get("date_text") else "（无成文日期）"]
    if meta.get("revisions") or meta.get("comments"):
        parts.append(draft_state(meta["revisions"], meta.get("comments") or 0))
    return " | ".join(parts)
