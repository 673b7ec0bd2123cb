"""Documents for reviewers: annotated Word drafts and the HTML report, rendered in a real Chromium."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from docmaker import seed_path
from helpers import ROOT, run_cli
from lxml import etree, html

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ARTIFACTS = ROOT / "test-artifacts"


def comments_with_anchors(path: Path) -> list[tuple[str, str]]:
    """(comment text, anchored paragraph text) read back from the saved .docx XML."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        notes = etree.fromstring(archive.read("word/comments.xml"))
    texts = {c.get(W + "id"): "".join(c.itertext()) for c in notes.iter(W + "comment")}
    anchored = []
    for start in body.iter(W + "commentRangeStart"):
        paragraph = next(a for a in start.iterancestors() if a.tag == W + "p")
        anchored.append((texts[start.get(W + "id")], "".join(t.text or "" for t in paragraph.iter(W + "t"))))
    return anchored


def by_rule(anchored: list[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    return {re.search(r"（([a-z][a-z0-9.-]+)）", text).group(1): (text, paragraph) for text, paragraph in anchored}


def problems(path: str) -> list[dict]:
    data = json.loads(run_cli("check", "--format", "json", path).stdout)
    return [r for r in data["reports"][0]["results"] if r["status"] in ("weak", "missing", "fail")]


def test_annotate_seed_000_docx(tmp_path, made):
    source = made("000", "docx")
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    output = tmp_path / "reviewed.docx"
    result = run_cli("annotate", str(source), "-o", str(output))
    assert result.returncode == 0, result.stderr.decode()
    expected = problems(str(source))
    anchored = by_rule(comments_with_anchors(output))
    assert len(anchored) == len(expected) == 2
    assert set(anchored) == {"content.causes", "content.plan-addresses-shortcomings"}
    text, paragraph = anchored["content.causes"]
    assert text.startswith("[建议修改｜薄弱] 不足的原因（content.causes）")
    assert "依据：《法治政府建设与责任落实督察工作规定》" in text and "建议：" in text
    assert paragraph == "二、2020 年度推进法治政府建设存在的不足和原因"
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    import docx

    assert [c.author for c in docx.Document(str(output)).comments] == ["fazhi-check"] * 2


def test_annotate_text_draft_comments_each_finding_at_its_line(tmp_path):
    output = tmp_path / "004-reviewed.docx"
    assert run_cli("annotate", str(seed_path("004")), "-o", str(output)).returncode == 0
    expected = problems(str(seed_path("004")))
    anchored = by_rule(comments_with_anchors(output))
    assert len(anchored) == len(expected) == 7
    lines = seed_path("004").read_text(encoding="utf-8").split("\n")
    for finding in expected:
        text, paragraph = anchored[finding["rule"]]
        assert finding["message"] in text
        assert paragraph == lines[finding["locations"][0]["line"] - 1]
    import docx

    assert len(docx.Document(str(output)).paragraphs) == len(lines)


def test_missing_requirement_is_commented_on_the_title(tmp_path):
    draft = tmp_path / "draft.txt"
    text = seed_path("000").read_text(encoding="utf-8").split("\n")
    draft.write_text("\n".join(text[:56] + text[60:]), encoding="utf-8")  # drop the shortcomings section
    output = tmp_path / "reviewed.docx"
    assert run_cli("annotate", str(draft), "-o", str(output)).returncode == 0
    text, paragraph = by_rule(comments_with_anchors(output))["content.shortcomings"]
    assert text.startswith("[必须修改｜缺失] 存在的不足（content.shortcomings）") and paragraph == "重庆市渝北区信访办公室"


def test_annotate_refuses_to_overwrite_and_annotates_a_pdf_line_by_line(tmp_path, made):
    source = made("000", "docx")
    result = run_cli("annotate", str(source), "-o", str(source))
    assert result.returncode == 2 and "输出文件不能与原稿相同" in result.stderr.decode()
    pdf, output = made("002", "pdf"), tmp_path / "x.docx"
    result = run_cli("annotate", str(pdf), "-o", str(output))
    assert result.returncode == 0  # written: the verdict (不合格) is in the message, not the exit code
    assert result.stdout.decode().startswith(f"已生成 {output}：") and "结论：不合格（content.causes）" in result.stdout.decode()
    data = json.loads(run_cli("check", "--format", "json", str(pdf)).stdout)["reports"][0]
    causes = next(r for r in data["results"] if r["rule"] == "content.causes")
    line = causes["locations"][0]["line"]
    text, paragraph = by_rule(comments_with_anchors(output))["content.causes"]
    assert text.startswith("[必须修改｜缺失] 不足的原因（content.causes）") and paragraph == causes["locations"][0]["excerpt"][:len(paragraph)]
    assert line and paragraph


def test_annotated_draft_converts_to_pdf_with_libreoffice(tmp_path, made):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    output = tmp_path / "reviewed.docx"
    assert run_cli("annotate", str(seed_path("004")), "-o", str(output)).returncode == 0
    done = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(output)],
                          capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    pdf = tmp_path / "reviewed.pdf"
    assert done.returncode == 0 and pdf.exists() and pdf.stat().st_size > 1000


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    return found


def render(page: Path, *extra: str) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp()
    return subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    page = folder / "report.html"
    run_cli("check", "--format", "html", "-o", str(page), "seeds/")
    data = json.loads(run_cli("check", "--format", "json", "seeds/").stdout)
    return page, data


def test_html_is_self_contained(seeds_report):
    page, _ = seeds_report
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", text)
    assert "<link" not in text and "@import" not in text and "<svg" in text


def test_html_renders_in_chromium_with_the_heat_map_and_every_finding(seeds_report):
    page, data = seeds_report
    done = render(page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    assert console == []
    dom = html.fromstring(done.stdout)
    body = dom.find("body")
    assert body.get("data-ready") == "1" and body.get("data-script-errors") is None
    rows = dom.xpath('//table[@id="heatmap"]/tbody/tr')
    assert len(rows) == 5
    rule_ids = [r["rule"] for r in data["reports"][0]["results"]]
    for row, report in zip(rows, data["reports"]):
        cells = row.xpath('./td[contains(@class, "cell")]')
        assert [c.get("data-rule") for c in cells] == rule_ids
        assert [c.get("data-status") for c in cells] == [r["status"] for r in report["results"]]
        assert row.xpath("./td[3]")[0].get("data-value") == str(report["score"])
        assert row.get("data-verdict") == report["verdict"]
        assert row.xpath("./td[2]")[0].text_content() == ("不合格（" + "、".join(report["failed_by"]) + "）" if report["failed_by"] else "通过")
    for index, report in enumerate(data["reports"], start=1):
        for number, result in enumerate(report["results"]):
            if result["status"] not in ("weak", "missing", "fail"):
                continue
            for place, location in enumerate(result["locations"]):
                mark = dom.get_element_by_id(f"r{index}-f{number}-{place}")
                assert mark.get("data-rule") == result["rule"] and mark.get("data-line") == str(location["line"])
                line = mark.getparent().getparent()
                assert line.get("id") == f"r{index}-L{location['line']}" and "hl" in line.get("class")
                assert location["excerpt"].rstrip("…")[:20] in line.text_content().replace("\xa0", " ") or not location["excerpt"]


def test_html_screenshots_desktop_and_phone(seeds_report):
    page, _ = seeds_report
    ARTIFACTS.mkdir(exist_ok=True)
    for name, size in (("report-desktop.png", "1280,1600"), ("report-phone.png", "390,1800")):
        target = ARTIFACTS / name
        done = render(page, f"--screenshot={target}", f"--window-size={size}", "--hide-scrollbars")
        assert done.returncode == 0 and target.exists() and target.stat().st_size > 10_000


def test_html_marks_portal_furniture_in_the_report_text(tmp_path):
    page = tmp_path / "004.html"
    run_cli("check", "--format", "html", "-o", str(page), str(seed_path("004")))
    dom = html.fromstring(page.read_text(encoding="utf-8"))
    furniture = [int(div.get("data-line")) for div in dom.xpath('//div[contains(@class, "line") and contains(@class, "furniture")]')]
    assert furniture == list(range(1, 20)) + [63, 65, 67, 69, 71, 73, 74, 75, 76]
