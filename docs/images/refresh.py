"""Make the screenshots in docs/images from the current code, so that what the guides show is what
the checker says: the HTML report of the seeds (desktop, a report's text, phone), the web desk
(overview, a report, phone) and an annotated Word copy rendered by LibreOffice.

    python docs/images/refresh.py

Needs what the browser tests need (Debian's chromium and chromedriver, LibreOffice, pdftoppm).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from browser import chromium  # noqa: E402
from docmaker import seed_path, seed_text, write_docx  # noqa: E402
from webserver import Server  # noqa: E402

SEEDS = [seed_path(prefix) for prefix in ("000", "001", "002", "003", "004")]


def _cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "checker", *args], cwd=ROOT, check=False, capture_output=True, timeout=600)


def _until(condition, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise RuntimeError("the page did not get there")


def _css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def html_report(work: Path) -> None:
    report = work / "汇总.html"
    _cli("check", *(str(path.relative_to(ROOT)) for path in SEEDS), "-o", str(report), "-q")
    driver = chromium(work)
    try:
        driver.get(report.as_uri())
        driver.save_screenshot(str(HERE / "html-overview.png"))
        first_marked = _css(driver, ".line.hl")[0]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", first_marked)
        driver.save_screenshot(str(HERE / "html-text.png"))
    finally:
        driver.quit()
    phone = chromium(work, width=390, height=844, mobile=True)
    try:
        phone.get(report.as_uri())
        phone.save_screenshot(str(HERE / "html-phone.png"))
    finally:
        phone.quit()


def _upload(driver, server: Server, paths: list[Path]) -> None:
    driver.get(server.url + "/")
    _until(lambda: driver.execute_script("return document.body.getAttribute('data-ready')") == "1")
    _css(driver, "#pick")[0].send_keys("\n".join(map(str, paths)))
    _css(driver, "#start")[0].click()
    _until(lambda: _css(driver, "#dashboard")[0].is_displayed())


def _open_report(driver, row: int) -> None:
    _css(driver, "#reports-body tr.row td.file button")[row].click()
    _until(lambda: _css(driver, "#text .line"))


def web_desk(work: Path) -> None:
    with Server() as server:
        driver = chromium(work)
        try:
            _upload(driver, server, SEEDS)
            driver.save_screenshot(str(HERE / "serve-dashboard.png"))
            _open_report(driver, 1)
            driver.save_screenshot(str(HERE / "serve-report.png"))
        finally:
            driver.quit()
        phone = chromium(work, width=390, height=844, mobile=True)
        try:
            _upload(phone, server, SEEDS[::2])
            phone.save_screenshot(str(HERE / "serve-phone-dashboard.png"))
            _open_report(phone, 2)
            phone.save_screenshot(str(HERE / "serve-phone-report.png"))
        finally:
            phone.quit()


def annotated_copy(work: Path) -> None:
    draft = write_docx(seed_text("002"), work / "草稿.docx")
    annotated = work / "草稿-审阅意见.docx"
    _cli("annotate", str(draft), "-o", str(annotated), "--force")
    # the comments printed in the margin, as Word and WPS show them beside the text
    export = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
    subprocess.run(["soffice", "--headless", "--convert-to", export, "--outdir", str(work), str(annotated)],
                   check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(work / "草稿-审阅意见.pdf"),
                    str(work / "page")], check=True, timeout=120)
    shutil.copy(work / "page.png", HERE / "docx-comments.png")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        html_report(work)
        web_desk(work)
        annotated_copy(work)


if __name__ == "__main__":
    main()
