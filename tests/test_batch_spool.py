"""The batch summary keeps running totals and one compact row a report, spooled to a temporary
file beyond the rows it holds, so that a national batch stays flat in memory."""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from checker.config import load_setup
from checker.engine import check_path, engine_settings_of
from checker.model import LEVELS, STATUSES, ReportSummary, Summary
from checker.outputs.common import batch_lines
from checker.outputs.json import summary_dict
from docmaker import seed_path

SEEDS = ("004", "000", "003", "001", "002")


def _reports(tmp_path):
    config, rules = load_setup(None)
    settings = engine_settings_of(config)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip at all")
    paths = [str(seed_path(p)) for p in SEEDS] + [str(broken)] + [str(seed_path(p)) for p in SEEDS[:2]]
    return [check_path(path, rules, settings) for path in paths]


def _spool_files():
    return sorted(name for name in os.listdir(tempfile.gettempdir()) if name.startswith("fazhi-check-"))


def test_rows_spooled_to_disk_come_back_in_order_and_equal(tmp_path):
    reports = _reports(tmp_path)
    before = _spool_files()
    spooled, held = Summary(held_rows=2), Summary(held_rows=10_000)
    for report in reports:
        spooled.add(report)
        held.add(report)
    assert spooled._rows.on_disk and not held._rows.on_disk
    assert _spool_files() == before  # the spool file has no name a user could find or leave behind
    assert list(spooled.rows) == list(held.rows) == [ReportSummary.of(r) for r in reports]
    assert list(spooled.rows) == list(spooled.rows)  # the spool can be read again
    assert [row.path for row in spooled.failed] == [r.path for r in reports if r.verdict == "fail"]
    assert [row.path for row in spooled.unreadable] == [reports[5].path]
    assert summary_dict(spooled, "error") == summary_dict(held, "error")
    assert batch_lines(spooled, "warning") == batch_lines(held, "warning")


def test_running_totals_equal_the_counts_over_every_result(tmp_path):
    reports = _reports(tmp_path)
    summary = Summary(held_rows=3)
    for report in reports:
        summary.add(report)
    results = [result for report in reports for result in report.results]
    assert summary.by_status == {s: sum(r.status == s for r in results) for s in STATUSES}
    assert summary.by_level == {lv: sum(r.level == lv for r in results) for lv in LEVELS}
    scores = [r.score for r in reports if r.score is not None]
    assert summary.average_score == round(sum(scores) / len(scores), 1)
    assert (summary.reports, summary.errors, summary.exit_code) == (8, 1, 2)
    assert summary.failed_count == len([r for r in reports if r.verdict == "fail"]) > 0


def test_a_row_keeps_no_meta_and_counts_as_the_tables_read_them(tmp_path):
    report = _reports(tmp_path)[0]
    row = ReportSummary.of(report)
    assert not hasattr(row, "__dict__") and not hasattr(row, "meta")
    assert row.counts == {s: sum(r.status == s for r in report.results) for s in STATUSES}
    assert row.levels["should-fix"] == 7 and row.failed_by == tuple(report.failed_by)


def test_a_batch_past_the_held_rows_summarises_every_report(tmp_path):
    """1,030 reports and one unreadable file, the last, on two jobs: the JSON summary's failed
    reports are exactly the failing ones among its reports, the text table lists every file."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for index in range(1030):
        shutil.copyfile(seed_path(SEEDS[index % 5]), folder / f"{index:04d}.txt")
    (folder / "9999.docx").write_bytes(b"not a zip at all")
    command = [sys.executable, "-m", "checker", "check", "--jobs", "2", str(folder)]
    done = subprocess.run(command + ["--format", "json"], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    document = json.loads(done.stdout)
    reports, summary = document["reports"], document["summary"]
    assert len(reports) == summary["reports"] == 1031 and summary["errors"] == 1
    failing = [{"path": r["path"], "failed_by": r["failed_by"]} for r in reports if r["verdict"] == "fail"]
    assert summary["failed_reports"] == failing and len(failing) == 1030 // 5 * 2
    text = subprocess.run(command + ["--format", "text"], capture_output=True, text=True).stdout
    table = text[text.index("== 汇总：1031 份报告"):].splitlines()[1:1032]
    assert [line.split("：", 1)[0] for line in table] == [r["path"] for r in reports]
    assert table[-1] == f"{folder / '9999.docx'}：无法检查：{reports[-1]['error']['message']}"


def test_the_streamed_summary_is_laid_out_as_the_whole_one(tmp_path):
    import io

    from checker.outputs.json import dumps, encode, write_summary

    reports = _reports(tmp_path)
    for chosen in (reports[:1], reports[5:6], reports):  # no failing report, none but unreadable, several
        summary = Summary(held_rows=2)
        for report in chosen:
            summary.add(report)
        laid, line = io.StringIO(), io.StringIO()
        write_summary(summary, "error", laid)
        write_summary(summary, "error", line, pad=None)
        assert laid.getvalue() == dumps(summary_dict(summary, "error"), "  ")
        assert line.getvalue() == encode(summary_dict(summary, "error"))
    failing = [{"path": r.path, "failed_by": r.failed_by} for r in reports if r.verdict == "fail"]
    assert json.loads(laid.getvalue())["failed_reports"] == json.loads(line.getvalue())["failed_reports"] == failing
    assert failing[0] == {"path": reports[3].path, "failed_by": ["meta.date"]}  # seed 001


def test_a_spool_gives_back_its_items_in_order_however_it_is_gone_through():
    from checker.spool import Spool

    spool = Spool(keep=3)
    items = [(index, f"报告{index}.docx", None, (index % 2,)) for index in range(10)]
    for item in items[:7]:
        spool.append(item)
    first = iter(spool)
    assert [next(first) for _ in range(4)] == items[:4]  # a pass stopped halfway through the file …
    assert list(spool) == items[:7]  # … while another goes through the whole spool
    for item in items[7:]:
        spool.append(item)  # … and more items are spilled
    assert list(first) == items[4:]  # the first pass goes on from its own place to the new end
    assert len(spool) == 10 and spool.on_disk and list(spool) == items
    assert list(Spool()) == [] and not Spool().on_disk


def _big_run(tmp_path, copies: int):
    """A run of `copies` rounds of the seeds and the unreadable file, each report checked once:
    enough text and cells to go past every spool's memory."""
    from dataclasses import replace

    from checker.config import load_setup
    from checker.model import Run

    reports = _reports(tmp_path)[:6]
    _, rules = load_setup(None)
    batch = [replace(report, path=f"批次/{index:04d}-{report.path.rsplit('/', 1)[-1]}")
             for index in range(copies) for report in reports]
    return Run(batch, rules), batch


def test_junit_laid_out_report_by_report_is_the_whole_tree_indented(tmp_path):
    import xml.etree.ElementTree as ET

    from checker.outputs import junit

    run, batch = _big_run(tmp_path, 80)
    text = junit.render(run)
    assert len(text.encode("utf-8")) > 1 << 21  # the suites are past the spool's memory
    root = ET.fromstring(text)
    ET.indent(root)
    assert text == '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.path for r in batch]
    for key in ("tests", "failures", "errors"):
        assert int(root.get(key)) == sum(int(s.get(key)) for s in suites)
    assert root.get("errors") == "80"


def test_sarif_laid_out_report_by_report_is_the_whole_log_laid_out(tmp_path):
    from checker.outputs import sarif
    from checker.outputs.json import dumps

    run, batch = _big_run(tmp_path, 150)
    text = sarif.render(run)
    assert len(text.encode("utf-8")) > 1 << 21  # the results alone are past the spool's memory
    log = json.loads(text)
    assert text == dumps(log) + "\n"
    results = log["runs"][0]["results"]
    assert len(results) == sum(len(r.findings) + sum(x.status == "waived" for x in r.results) for r in batch)
    assert results[-1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == quote_path(batch[-2].path)
    assert len(log["runs"][0]["invocations"][0]["toolExecutionNotifications"]) == 150


def quote_path(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


def test_markdown_details_come_after_the_table_in_order(tmp_path):
    from checker.outputs import markdown

    run, batch = _big_run(tmp_path, 400)
    text = markdown.render(run)
    assert len(text.encode("utf-8")) > 1 << 21  # the details alone are past the spool's memory
    table = [line for line in text.splitlines() if line.startswith("| `")]
    assert [line.split("`")[1] for line in table] == [r.path for r in batch]
    details = [line.split("<code>")[1].split("</code>")[0] for line in text.splitlines() if line.startswith("<details>")]
    assert details == [r.path for r in batch if not r.error and (r.findings or any(x.status == "waived" for x in r.results))]
    tail = text.rsplit("\n\n", 1)[1]  # the verdict, after every report's details
    assert tail.startswith("800 份报告不合格：批次/0000-001_") and tail.endswith("退出码 2：有文件无法读取或有规则未能运行。\n")
    assert text.index("<details>") > text.index(table[-1])


def test_xlsx_cells_past_the_spool_come_back_in_order(tmp_path):
    import io

    from openpyxl import load_workbook

    from checker.outputs import xlsx

    run, batch = _big_run(tmp_path, 60)
    book = load_workbook(io.BytesIO(xlsx.render(run)), read_only=True)
    summary = [row for row in book["汇总"].iter_rows(min_row=2, values_only=True)]
    findings = [row for row in book["问题清单"].iter_rows(min_row=2, values_only=True)]
    assert [row[0] for row in summary] == [r.path for r in batch]
    expected = [(r.path, f.rule.id) for r in batch for f in r.results if f.problem]
    assert len(expected) > 1024 and [row[:2] for row in findings] == expected
    assert summary[5][3] == "无法检查" and summary[-1][3] == "无法检查"


def test_the_terminal_shows_a_big_batch_as_tables_of_a_thousand_rows(tmp_path):
    import io

    from rich.console import Console

    from checker.outputs.terminal import render_batch

    run, batch = _big_run(tmp_path, 400)
    out = io.StringIO()
    render_batch(run, Console(file=out, width=160, color_system=None))
    text = out.getvalue()
    titles = [line.strip() for line in text.splitlines() if "汇总：" in line]
    assert titles == ["汇总：2400 份报告（第 1–1000 份）", "汇总：2400 份报告（第 1001–2000 份）", "汇总：2400 份报告（第 2001–2400 份）"]
    shown = [line.split("│")[1].strip() for line in text.splitlines() if line.startswith("│ 批次/")]
    assert shown == [r.path for r in batch]
    assert text.rstrip().endswith("退出码 2：有文件无法读取或有规则未能运行。")
    lines = text.rstrip().splitlines()
    failing = next(line for line in lines if line.startswith("800 份报告不合格："))  # long: the terminal wraps it
    assert len(failing) > 10_000 and failing.endswith("批次/0399-002_d1114135e5d93af8.txt（content.causes）。")
    assert lines[-2:] == ["1200 份报告通过。", "退出码 2：有文件无法读取或有规则未能运行。"]
