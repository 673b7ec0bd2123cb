"""Shared wording for the human-readable outputs."""

from __future__ import annotations

from checker.model import STATUS_LABELS, Report, Result

MARKS = {"pass": "✓", "weak": "◐", "missing": "✗", "fail": "✗", "n/a": "–", "waived": "≈"}
COLOURS = {"pass": "green", "weak": "yellow", "missing": "red", "fail": "red", "n/a": "dim", "waived": "cyan"}


def status_text(status: str) -> str:
    return f"{MARKS[status]} {STATUS_LABELS[status]}"


def where(result: Result, unit: str) -> str:
    """第57行 / 第3段, with the section when known."""
    if not result.locations or result.locations[0].line is None:
        return "—"
    word = "段" if unit == "paragraph" else "行"
    lines = "、".join(str(loc.line) for loc in result.locations[:3] if loc.line is not None)
    more = "等" if len(result.locations) > 3 else ""
    return f"第{lines}{word}{more}"


def counts(report: Report) -> dict[str, int]:
    found = {status: 0 for status in MARKS}
    for result in report.results:
        found[result.status] += 1
    return found


def summary_line(report: Report) -> str:
    found = counts(report)
    parts = [f"{STATUS_LABELS[s]} {found[s]}" for s in ("pass", "weak", "missing", "fail", "waived") if found[s]]
    return "，".join(parts)


def draft_state(revisions: int, comments: int) -> str:
    """What a reviewer must know about a Word draft's review state."""
    if not revisions and not comments:
        return "无未接受的修订，无批注"
    return f"尚有 {revisions} 处未接受的修订、{comments} 条批注（按接受全部修订后的文字检查）"


def meta_line(report: Report) -> str:
    meta = report.meta
    parts = [meta.get("title") or "（未识别标题）", meta.get("issuing_body") or "（未识别发文机关）",
             f"{meta['report_year']}年度" if meta.get("report_year") else "（年度未知）",
             f"成文日期 {meta['date_text']}" if meta.get("date_text") else "（无成文日期）"]
    if meta.get("revisions") or meta.get("comments"):
        parts.append(draft_state(meta["revisions"], meta.get("comments") or 0))
    return " | ".join(parts)
