"""`--format xlsx`: the batch summary as an Excel workbook (openpyxl), for the office's records.

Sheet 汇总: one row per report (file, issuer, year, verdict, grade, score, must-fix and
should-fix counts, then one column per statutory item with its status word, then 说明: why a
file could not be checked, or a Word draft's unaccepted revisions and comments). Sheet 问题清单:
one row per finding (file, rule, level, status, location, message, basis, fix). Both have a
frozen header, filters, widths fitted to Chinese text and coloured status cells.
`render(run)` returns the workbook's bytes; `write(run, handle)` saves it straight to a binary
stream (`outputs.write` passes the binary side of the stream). The cells wait in a spool
(`checker.spool`) until every report has passed, so a big batch stays flat in memory.
"""

from __future__ import annotations

import io
import unicodedata

from checker import model
from checker.model import STATUS_LABELS, Report, Result, Rule, Run
from checker.outputs.common import draft_state, where
from checker.spool import Spool

BINARY = True
_FILLS = {"pass": "C8E6C9", "weak": "FFF3C4", "missing": "FFCDD2", "fail": "E1BEE7", "n/a": "EEEEEE",
          "waived": "B3E5FC", "must-fix": "FFCDD2", "should-fix": "FFF3C4", "note": "E3F2FD",
          "verdict-fail": "FFCDD2", "verdict-pass": "C8E6C9", "error": "BDBDBD"}
_FALLBACK_LEVELS = {"error": "must-fix", "warning": "should-fix", "info": "note"}
_FALLBACK_LEVEL_LABELS = {"must-fix": "必须修改", "should-fix": "建议修改", "note": "供参考"}
_FALLBACK_VERDICT_LABELS = {"pass": "通过", "fail": "不合格"}


def statutory_rules(rules: list[Rule]) -> list[Rule]:
    """The statutory items: the enabled rules of the built-in statutory pack (rules/statutory/)."""
    return [rule for rule in rules if rule.enabled and (getattr(rule, "statutory", None)
                                                        or (rule.source is not None and rule.source.parent.name == "statutory"))]


def level_of(result: Result) -> str | None:
    if hasattr(model, "level_of"):
        return model.level_of(result)
    return _FALLBACK_LEVELS[result.severity] if result.problem else None


def level_label(level: str | None) -> str:
    return getattr(model, "LEVEL_LABELS", _FALLBACK_LEVEL_LABELS).get(level, "") if level else ""


def verdict_label(verdict: str) -> str:
    return getattr(model, "VERDICT_LABELS", _FALLBACK_VERDICT_LABELS)[verdict]


def verdict_of(report: Report, run: Run) -> str:
    verdict = getattr(report, "verdict", None)
    if verdict:
        return verdict
    return "fail" if any(run.fails(result) for result in report.results) else "pass"


def _width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _reports(run: Run):
    """Each report once: a streamed run is gone through with `run.each()`."""
    return run.each() if hasattr(run, "each") else iter(run.reports)


def _summary_row(report: Report, run: Run, items: list[Rule]) -> list[tuple]:
    """One report's row of (value, fill key) cells."""
    meta = report.meta or {}
    if report.error:  # why, in the last column (说明): not under 等级
        return [(report.path, None), ("", None), ("", None), ("无法检查", "error"), ("", None),
                ("", None), ("", None), ("", None), *[("", None) for _ in items], (report.error["message"], None)]
    levels = [level_of(result) for result in report.results]
    verdict = verdict_of(report, run)
    by_rule = {result.rule.id: result for result in report.results}
    cells = [(STATUS_LABELS[by_rule[rule.id].status], by_rule[rule.id].status) if rule.id in by_rule else ("", None)
             for rule in items]
    return [(report.path, None), (meta.get("issuing_body") or "", None), (meta.get("report_year") or "", None),
            (verdict_label(verdict), f"verdict-{verdict}"), (report.grade or "", None),
            (report.score if report.score is not None else "", None),
            (levels.count("must-fix"), None), (levels.count("should-fix"), None), *cells, (_draft_note(meta), None)]


def _draft_note(meta: dict) -> str:
    """A Word draft's review state under 说明, worded as on the scorecard (draft_state)."""
    if not (meta.get("revisions") or meta.get("comments")):
        return ""
    return draft_state(meta.get("revisions") or 0, meta.get("comments") or 0)


def _finding_rows(report: Report) -> list[list[tuple]]:
    rows = []
    for result in report.results:
        if not result.problem:
            continue
        level = level_of(result)
        place = where(result, report.unit)
        section = next((loc.section for loc in result.locations if loc.section), None)
        rows.append([(report.path, None), (result.rule.id, None), (result.rule.title, None),
                     (level_label(level), level), (STATUS_LABELS[result.status], result.status),
                     (f"{place}（{section}）" if section and place != "—" else place, None),
                     (result.message, None), (result.rule.basis, None), (result.rule.fix, None)])
    return rows


class _Rows:
    """A sheet's rows of (value, fill key) cells, spooled as they come (a national batch has some
    800,000 findings), with each column's widest text: write-only sheets take their column
    widths before their first row."""

    def __init__(self, header: list[str]):
        self.header, self.widths, self._cells = header, [_width(str(name)) for name in header], Spool()

    def add(self, row: list[tuple]) -> None:
        for index, (value, _) in enumerate(row):
            self.widths[index] = max(self.widths[index], _width(str(value)))
        self._cells.append(tuple(row))

    def __len__(self) -> int:
        return len(self._cells)

    def __iter__(self):
        return iter(self._cells)


def _sheet(book, title: str, rows: _Rows, widest: dict[int, int]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    for index, width in enumerate(rows.widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(width + 2, 6), widest.get(index, 40))
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(rows.header))}{len(rows) + 1}"
    bold, fills, wrap = Font(bold=True), {}, Alignment(wrap_text=True, vertical="top")
    head = []
    for name in rows.header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font, cell.fill = bold, PatternFill("solid", fgColor="EAEEF2")
        head.append(cell)
    sheet.append(head)
    for row in rows:
        cells = []
        for value, fill in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.alignment = wrap
            if fill:
                cell.fill = fills.setdefault(fill, PatternFill("solid", fgColor=_FILLS[fill]))
            cells.append(cell)
        sheet.append(cells)


def _workbook(run: Run):
    from openpyxl import Workbook

    items = statutory_rules(run.rules)
    # 识别的发文机关: what the parser read, beside the statutory check of the same name (a status)
    summary = _Rows(["文件", "识别的发文机关", "年度", "结论", "等级", "得分", "必须修改", "建议修改", *[rule.title for rule in items], "说明"])
    findings = _Rows(["文件", "规则", "要求", "级别", "状态", "位置", "说明", "依据", "修改建议"])
    for report in _reports(run):  # only the cells are kept, not the reports
        summary.add(_summary_row(report, run, items))
        for row in _finding_rows(report):
            findings.add(row)
    book = Workbook(write_only=True)
    _sheet(book, "汇总", summary, {0: 40, 1: 30})
    _sheet(book, "问题清单", findings, {0: 30, 6: 60, 7: 50, 8: 50})
    return book


def write(run: Run, handle) -> None:
    """The workbook written straight to a binary stream (a file, or stdout's binary side)."""
    _workbook(run).save(handle)


def render(run: Run) -> bytes:
    buffer = io.BytesIO()
    write(run, buffer)
    return buffer.getvalue()
