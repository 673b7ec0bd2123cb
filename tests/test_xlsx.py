"""`check --format xlsx`: the batch summary workbook, read back with openpyxl."""

from __future__ import annotations

import io

import openpyxl
from docmaker import seed_path
from helpers import cli_json, run_cli

from checker.model import STATUS_LABELS as words

_LEVELS = {"error": "must-fix", "warning": "should-fix", "info": "note"}


def _level(result: dict) -> str | None:
    if "level" in result:
        return result["level"]
    return _LEVELS[result["severity"]] if result["status"] in ("weak", "missing", "fail") else None


def test_summary_workbook_of_the_seeds(tmp_path):
    target = tmp_path / "汇总.xlsx"
    result = run_cli("check", str(seed_path("000").parent), "--format", "xlsx", "-o", str(target))
    _, document = cli_json("check", str(seed_path("000").parent), "--format", "json")
    assert result.returncode == document["summary"]["exit_code"]
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["汇总", "问题清单"]
    summary, findings = book["汇总"], book["问题清单"]
    for sheet in (summary, findings):
        assert sheet.freeze_panes == "B2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        assert sheet.cell(1, 1).font.bold
    header = [cell.value for cell in summary[1]]
    assert header[:8] == ["文件", "识别的发文机关", "年度", "结论", "等级", "得分", "必须修改", "建议修改"]
    assert header[8:] == ["主要举措和成效", "存在的不足", "不足的原因", "党政主要负责人履行第一责任人职责情况", "下一年度主要安排",
                          "其他需要报告的情况", "标题", "发文机关", "署名和成文日期位置", "成文日期", "报告时限", "安排所属年度", "各部分顺序", "说明"]
    rows = list(summary.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [r["path"] for r in document["reports"]]
    for row, report in zip(rows, document["reports"]):
        statuses = {r["rule"]: r["status"] for r in report["results"]}
        assert row[1:3] == (report["meta"]["issuing_body"], report["meta"]["report_year"])
        assert (row[4], row[5]) == (report["grade"], report["score"])
        levels = [_level(r) for r in report["results"]]
        assert (row[6], row[7]) == (levels.count("must-fix"), levels.count("should-fix"))
        ids = ["content.measures", "content.shortcomings", "content.causes", "content.responsible-person"]
        assert list(row[8:12]) == [words.get(statuses[i], row[8 + n]) for n, i in enumerate(ids)]
    seed4 = rows[4]
    cell = summary.cell(6, 8 + 4)  # 004's 第一责任人 column
    assert seed4[11] == cell.value
    assert cell.fill.fgColor.rgb.endswith(("FFF3C4", "FFCDD2", "E1BEE7"))
    assert summary.column_dimensions["B"].width >= 2 * len("重庆市荣昌区信访办公室")
    found = list(findings.iter_rows(min_row=2, values_only=True))
    assert [cell.value for cell in findings[1]] == ["文件", "规则", "要求", "级别", "状态", "位置", "说明", "依据", "修改建议"]
    expected = [(r["path"], x["rule"], x["message"]) for r in document["reports"] for x in r["results"]
                if x["status"] in ("weak", "missing", "fail")]
    assert [(row[0], row[1], row[6]) for row in found] == expected
    residue = next(row for row in found if row[0].endswith("003_8ed6cf3c26ed22c4.txt") and row[1] == "format.residue")
    assert residue[4] == words["fail"] and residue[5].startswith("第7行")


def test_xlsx_to_standard_output_is_the_same_workbook(tmp_path):
    result = run_cli("check", str(seed_path("002")), "--format", "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(result.stdout))
    assert [row[0] for row in book["汇总"].iter_rows(min_row=2, values_only=True)] == [str(seed_path("002"))]


def test_an_unreadable_file_has_its_reason_under_说明(tmp_path):
    (tmp_path / "空.txt").write_text("", encoding="utf-8")
    target = tmp_path / "汇总.xlsx"
    run_cli("check", "-o", str(target), str(seed_path("000")), str(tmp_path / "空.txt"))
    sheet = openpyxl.load_workbook(target)["汇总"]
    header = [cell.value for cell in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    error = next(row for row in rows if row[0].endswith("空.txt"))
    assert (error[header.index("结论")], error[header.index("等级")]) == ("无法检查", None)
    assert error[header.index("说明")] == f"文件为空：{tmp_path / '空.txt'}。请确认导出或保存是否成功。"
    checked = next(row for row in rows if row[0] == str(seed_path("000")))
    assert header.count("发文机关") == 1 and checked[header.index("说明")] is None


def test_a_draft_with_tracked_changes_says_so_under_说明(tmp_path):
    from docmaker import seed_text, write_tracked_docx

    draft = write_tracked_docx(seed_text("002"), tmp_path / "修订稿.docx")
    target = tmp_path / "汇总.xlsx"
    run_cli("check", "-o", str(target), str(draft), str(seed_path("000")))
    sheet = openpyxl.load_workbook(target)["汇总"]
    header = [cell.value for cell in sheet[1]]
    notes = {row[0]: row[header.index("说明")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert notes == {str(draft): "尚有 34 处未接受的修订、2 条批注（按接受全部修订后的文字检查）", str(seed_path("000")): None}
