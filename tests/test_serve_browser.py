"""The review desk in a real browser (Debian's chromium under selenium): upload drafts through
the page, read the dashboard and its heat map, open a report, download the annotated Word
draft and the Excel summary and read them back. Screenshots go to test-artifacts/."""

from __future__ import annotations

import io
import time
from pathlib import Path

import docx
import httpx
import openpyxl
import pytest
from browser import available, chromium
from docmaker import seed_path
from webserver import Server

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
PROBLEMS = ("weak", "missing", "fail")

pytestmark = pytest.mark.skipif(not available(), reason="needs Debian's chromium and chromedriver")


def _wait(condition, seconds: float = 60):
    """Poll the page until `condition()` is true (a bound, not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("the page did not get there")


def _download(folder: Path, suffix: str) -> Path:
    return _wait(lambda: next((p for p in folder.glob(f"*{suffix}") if p.stat().st_size), None))


def _by(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def _upload(driver, server: Server, paths: list[Path]) -> dict:
    driver.get(server.url + "/")
    _wait(lambda: driver.execute_script("return document.body.getAttribute('data-ready')") == "1")
    _by(driver, "#pick")[0].send_keys("\n".join(str(p) for p in paths))
    assert len(_by(driver, "#chosen li")) == len(paths)
    _by(driver, "#start")[0].click()
    _wait(lambda: _by(driver, "#dashboard")[0].is_displayed())
    result_id = _by(driver, "#dl-json")[0].get_attribute("href").rsplit("/", 2)[-2]
    return httpx.get(f"{server.url}/api/results/{result_id}").json()


def _console_errors(driver) -> list:
    logs = [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    return logs + driver.execute_script("return window.fazhiErrors")


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    with Server() as server:
        yield server


def test_upload_dashboard_report_and_downloads(desk, tmp_path, made):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    drafts = [seed_path(p) for p in ("000", "001", "003", "004")] + [made("002", "docx")]
    driver = chromium(downloads)
    try:
        document = _upload(driver, desk, drafts)
        reports = document["reports"]
        assert [r["path"] for r in reports] == sorted(p.name for p in drafts)
        rows = _by(driver, "#reports-body tr.row")
        assert [row.find_element("css selector", "td.file").text for row in rows] == [r["path"] for r in reports]
        assert _by(driver, "#summary")[0].text == "共 5 份报告，不合格 2 份。"  # as the command line counts
        rules = [r["rule"] for r in reports[0]["results"]]
        for row, report in zip(rows, reports):
            cells = row.find_elements("css selector", ".heatmap .cell")
            assert [c.get_attribute("data-rule") for c in cells] == rules
            assert [c.get_attribute("data-status") for c in cells] == [r["status"] for r in report["results"]]
            texts = [td.text for td in row.find_elements("css selector", "td")][1:7]
            must = sum(1 for r in report["results"] if r["status"] in PROBLEMS and r.get("level", {"error": "must-fix"}.get(r["severity"])) == "must-fix")
            assert texts == [report["meta"]["issuing_body"], str(report["meta"]["report_year"]), texts[2], report["grade"],
                             str(report["score"]), str(must)]
            assert texts[2] == ("不合格" if row.get_attribute("data-verdict") == "fail" else "通过")
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "serve-dashboard.png"))

        [score] = [th for th in _by(driver, "#reports-head th") if th.text.startswith("得分")]
        score.click()
        ordered = [int(row.find_elements("css selector", "td")[5].text) for row in _by(driver, "#reports-body tr.row")]
        assert ordered == sorted(r["score"] for r in reports)
        _by(driver, "#only-failed")[0].click()
        failing = [row.find_element("css selector", "td.file").text for row in _by(driver, "#reports-body tr.row")]
        assert failing and len(failing) < len(reports)
        assert all(row.get_attribute("data-verdict") == "fail" for row in _by(driver, "#reports-body tr.row"))
        _by(driver, "#only-failed")[0].click()

        index = [r["path"] for r in reports].index("004_43db1fe365c6fb86.txt")
        [row] = [r for r in _by(driver, "#reports-body tr.row") if r.get_attribute("data-index") == str(index)]
        row.find_element("css selector", "td.file button").click()
        _wait(lambda: _by(driver, "#text .line"))
        report = reports[index]
        problems = [r for r in report["results"] if r["status"] in PROBLEMS]
        findings = _by(driver, "#findings li.finding")
        assert sorted(f.get_attribute("data-rule") for f in findings) == sorted(r["rule"] for r in problems)
        most_serious = min((r["level"] for r in problems), key=["must-fix", "should-fix", "note"].index)
        assert findings[0].get_attribute("data-level") == most_serious
        marked = {int(line.get_attribute("data-line")) for line in _by(driver, "#text .line.hl")}
        assert marked == {loc["line"] for r in problems for loc in r["locations"] if loc["line"]}
        assert len(_by(driver, "#text .line")) == len(httpx.get(
            _by(driver, "#dl-docx")[0].get_attribute("href").replace("annotated.docx", "text")).json()["lines"])
        driver.save_screenshot(str(ARTIFACTS / "serve-report.png"))

        _by(driver, "#dl-docx")[0].click()
        word = docx.Document(io.BytesIO(_download(downloads, ".docx").read_bytes()))
        assert len(word.comments) == len(problems)
        assert any(report["results"][0]["title"] in c.text or problems[0]["title"] in c.text for c in word.comments)

        _by(driver, "#back")[0].click()
        failing = [r["path"] for r in reports].index("001_8f7a5bfe7e408863.txt")
        [row] = [r for r in _by(driver, "#reports-body tr.row") if r.get_attribute("data-index") == str(failing)]
        row.find_element("css selector", "td.file button").click()
        _wait(lambda: _by(driver, "#card .verdict-fail"))
        assert _by(driver, "#card .verdict-fail")[0].text == "结论：不合格（meta.date）"  # the rule named, as everywhere
        _by(driver, "#back")[0].click()
        _by(driver, "#dl-xlsx")[0].click()
        book = openpyxl.load_workbook(io.BytesIO(_download(downloads, ".xlsx").read_bytes()))
        assert [row[0] for row in book["汇总"].iter_rows(min_row=2, values_only=True)] == [r["path"] for r in reports]
        assert book["问题清单"].max_row - 1 == sum(1 for r in reports for x in r["results"] if x["status"] in PROBLEMS)
        assert _console_errors(driver) == []
    finally:
        driver.quit()


def test_a_draft_with_tracked_changes_says_so_on_its_card(desk, tmp_path):
    """The card's line under the verdict is the command line's (meta_line): a reviewer on the desk
    must know the draft still has unaccepted revisions and that the verdict is for the accepted text."""
    from docmaker import seed_text, write_tracked_docx

    from checker.model import Report
    from checker.outputs.common import meta_line

    draft = write_tracked_docx(seed_text("002"), tmp_path / "兴宁修订稿.docx")
    driver = chromium(tmp_path)
    try:
        [report] = _upload(driver, desk, [draft])["reports"]
        assert (report["meta"]["revisions"], report["meta"]["comments"]) == (34, 2)
        _by(driver, "#reports-body tr.row td.file button")[0].click()
        _wait(lambda: _by(driver, "#card .meta"))
        shown = _by(driver, "#card .meta")[0].text
        assert shown == meta_line(Report(report["path"], report["format"], meta=report["meta"]))
        assert shown.endswith(" | 尚有 34 处未接受的修订、2 条批注（按接受全部修订后的文字检查）")
    finally:
        driver.quit()


def test_phone_layout(desk, tmp_path):
    driver = chromium(tmp_path, width=390, height=844, mobile=True)
    try:
        _upload(driver, desk, [seed_path(p) for p in ("000", "002", "004")])
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390  # the page itself does not scroll sideways; the wide table scrolls in its box
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "serve-phone-dashboard.png"))
        _by(driver, "#reports-body tr.row td.file button")[2].click()
        _wait(lambda: _by(driver, "#text .line"))
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 390
        driver.save_screenshot(str(ARTIFACTS / "serve-phone-report.png"))
        assert _console_errors(driver) == []
    finally:
        driver.quit()
