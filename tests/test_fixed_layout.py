"""Fixed-layout formats, PDF (PDFium) and OFD (GB/T 33190-2016): the seed's verdicts, lines in
reading order with their pages, furniture out, memory flat over thousands of pages, and the bad
OFD inputs as one clear line each while the batch goes on."""

import json
import re
import subprocess
import sys
import zipfile

import pytest
from docmaker import seed_path, seed_text, write_ofd, write_pdf
from helpers import ROOT, beside_seed, essence, run_cli, statuses

from checker.readers import read
from checker.structure import parse

SEEDS = ["000", "001", "002", "003", "004"]
GOOD = "兴宁市信访局"


@pytest.mark.parametrize("kind", ["ofd", "pdf"])
@pytest.mark.parametrize("prefix", SEEDS)
def test_fixed_layout_reads_as_the_seed(prefix, kind, made, pack):
    path = made(prefix, kind)
    assert essence(path) == essence(seed_path(prefix))
    assert statuses(path, pack) == statuses(seed_path(prefix), pack)


def test_ofd_lines_in_page_order_and_position_order(made):
    document = read(str(made("000", "ofd")))
    assert document.format == "ofd" and document.meta == {"pages": 7}
    assert [line.page for line in document.lines] == sorted(line.page for line in document.lines)
    assert document.lines[0].text == "重庆市渝北区信访办公室" and document.lines[-1].text == "2021年1月28日"
    texts = [line.text for line in document.lines]
    assert not any("模板页" in t or t.startswith("- ") or t == "法治政府建设年度报告" for t in texts)
    first_paragraph = seed_text("000").split("\n")[8].strip()
    structure = parse(document)
    assert first_paragraph.replace(" ", "") in document.span(structure.body_lines()).text.replace(" ", "")


@pytest.mark.parametrize("kind", ["ofd", "pdf"])
def test_pairs_split_over_two_lines_are_one_pair(kind, made):
    document = read(str(made("000", kind)))
    split = [(a, b) for a, b in zip(document.lines, document.lines[1:])
             if a.text.rfind("《") > a.text.rfind("》") and "》" in b.text]
    assert split, "the seed's layout splits a 《》 title over two lines"
    for first, second in split:
        joined = document.span([first.number, second.number]).text
        opening = first.norm.rfind("《")
        title = joined[opening:joined.index("》", opening) + 1]
        assert "\n" not in title and len(title) > 2, title


def test_outline_shows_the_page_of_each_heading(made):
    path = made("000", "pdf")
    shown = run_cli("outline", str(path)).stdout.decode("utf-8")
    assert "├── 页数：7" in shown
    assert re.search(r"一、2020年度推进法治政府建设的主要举措和成效\s+（第1页，行6，第1级）", shown), shown
    data = json.loads(run_cli("outline", "--format", "json", str(made("000", "ofd"))).stdout)["documents"][0]
    assert data["pages"] == 7 and [h["page"] for h in data["headings"]] == [1, 5, 5, 6]
    assert all(h["page"] is None for h in json.loads(run_cli("outline", "--format", "json", str(seed_path("000"))).stdout)
               ["documents"][0]["headings"])


def test_thousand_page_pdf_reads_in_flat_memory(tmp_path):
    path = write_pdf("\n".join([seed_text("003")] * 350), tmp_path / "long.pdf")
    probe = ("import resource, sys\nfrom checker.readers import read\nd = read(sys.argv[1])\n"
             "print(d.meta['pages'], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    result = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    pages, peak_mb = map(int, result.stdout.split())
    assert pages >= 990 and peak_mb < 600, (pages, peak_mb)  # pdfplumber kept every page: GBs


def _ofd_with(tmp_path, name: str, replace: dict[str, bytes]) -> str:
    good = write_ofd(seed_text("003"), tmp_path / "good.ofd")
    target = tmp_path / name
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, replace.get(item.filename, source.read(item)))
    return str(target)


def _one_line_and_batch(path, code, *parts):
    result = run_cli("outline", path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "Traceback" not in err, err
    assert err.startswith("错误：") and len(err.strip().splitlines()) == 1, err
    for part in parts:
        assert part in err, err
    batch = run_cli("check", "--format", "json", path, str(seed_path("002")))
    reports = beside_seed(batch.stdout)
    assert batch.returncode == 2 and reports[0]["error"]["code"] == code
    assert reports[1]["meta"]["issuing_body"] == GOOD


def test_ofd_that_is_not_a_zip(tmp_path):
    path = tmp_path / "report.ofd"
    path.write_text("一、主要举措\n", encoding="utf-8")
    _one_line_and_batch(str(path), "corrupt", "文件不是有效的 OFD（OFD 是 zip 压缩包，这个文件不是）", "report.ofd",
                        "请重新导出 OFD，或提供 PDF / .docx 版本")


def test_ofd_with_an_xml_entity_bomb(tmp_path):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE ofd:Page [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8))
            + b']><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="1">'
            b'<ofd:TextObject ID="2" Boundary="0 0 100 10" Size="5"><ofd:TextCode X="0" Y="5">&i;</ofd:TextCode>'
            b"</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>")
    path = _ofd_with(tmp_path, "bomb.ofd", {"Doc_0/Pages/Page_0/Content.xml": bomb})
    _one_line_and_batch(path, "unsafe-xml", "文档中含有 XML 实体声明（DOCTYPE），已拒绝处理", "bomb.ofd")


def test_ofd_zip_bomb_is_refused_before_decompressing(tmp_path):
    good = write_ofd(seed_text("003"), tmp_path / "g.ofd")
    bomb = tmp_path / "zipbomb.ofd"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        with target.open("Doc_0/Res/zeros.bin", "w", force_zip64=True) as handle:
            for _ in range(210):
                handle.write(b"\0" * (1 << 20))
    _one_line_and_batch(str(bomb), "too-large", "文档解压后过大（210 MB）", "zipbomb.ofd")


def test_ofd_page_outside_the_package(tmp_path):
    document = zipfile.ZipFile(write_ofd(seed_text("003"), tmp_path / "d.ofd")).read("Doc_0/Document.xml")
    hostile = re.sub(rb'BaseLoc="Pages/Page_\d+/Content.xml"', b'BaseLoc="../../../etc/passwd"', document, count=1)
    path = _ofd_with(tmp_path, "escape.ofd", {"Doc_0/Document.xml": hostile})
    _one_line_and_batch(path, "corrupt", "OFD 文件不完整或页面路径无效（找不到页面 ../../../etc/passwd）", "escape.ofd")


def test_ofd_without_ofd_xml(tmp_path):
    path = tmp_path / "bare.ofd"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("Doc_0/Document.xml", "<x/>")
    _one_line_and_batch(str(path), "corrupt", "文件不是有效的 OFD（压缩包中没有 OFD.xml）")


def test_findings_on_pages_say_which_page(made):
    result = run_cli("check", "--format", "json", str(made("000", "pdf")))
    reports = json.loads(result.stdout)["reports"]
    located = [loc for r in reports[0]["results"] for loc in r["locations"] if loc["line"]]
    document = read(str(made("000", "pdf")))
    assert located and all(loc["page"] == document.line(loc["line"]).page for loc in located)
    text = run_cli("check", "--format", "text", str(made("000", "pdf"))).stdout.decode("utf-8")
    assert re.search(r"（content\.causes）第5页，第126行", text), text
    plain = json.loads(run_cli("check", "--format", "json", str(seed_path("000"))).stdout)["reports"][0]
    assert all("page" not in loc for r in plain["results"] for loc in r["locations"])


CORPUS = ROOT / "tests" / "corpus" / "reports"


@pytest.mark.parametrize("kind", ["pdf", "ofd"])
@pytest.mark.parametrize("name, title, body", [
    # the title wrapped on the page (…年度报 / 告) between a breadcrumb and a byline: not furniture
    ("hn-tianxin-pozijie-street-2022", "长沙市天心区坡子街街道办事处2022年法治政府建设年度报告", "长沙市天心区坡子街街道办事处"),
    # the first line alone is a title in the grammar (…工作情况): the line it runs into completes it
    ("cq-shizhu-police-2025", "石柱土家族自治县公安局关于2025年法治政府建设工作情况的报告", "石柱土家族自治县公安局"),
    # a paragraph's first line ending in 法治政府 is no organisation line under the title
    ("gd-guangzhou-education-2021", "广州市教育局2021年法治政府建设年度报告", "广州市教育局"),
    # the rest of a byline wrapped on the page (…信息来源: 杭州 / 市审计局) is no organisation under the title
    ("zj-hangzhou-audit-2024", "杭州市审计局2024年度法治政府建设年度报告", "杭州市审计局"),
    # a paragraph's lines, each without 。 or ，, hold 报告: no title (the text has none)
    ("yn-luxi-market-regulation-2021", None, None),
    ("tj-hrss-2022", None, None),
])
def test_a_title_wrapped_on_the_page_reads_as_in_the_text(name, title, body, kind, tmp_path):
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    write = write_pdf if kind == "pdf" else write_ofd
    laid_out = parse(read(str(write(text, tmp_path / f"{name}.{kind}", running_header=""))))
    plain = parse(read(str(CORPUS / f"{name}.txt")))
    assert (laid_out.title, laid_out.issuing_body) == (plain.title, plain.issuing_body) == (title, body)


@pytest.mark.parametrize("kind", ["pdf", "ofd"])
def test_a_one_page_running_header_in_small_type_is_no_title(kind, tmp_path, pack):
    """cq-chengkou-zhouxi-township-2024 has no title; as one page with a small running header
    (法治政府建设年度报告) the header is dropped, though no other page repeats it."""
    text = (CORPUS / "cq-chengkou-zhouxi-township-2024.txt").read_text(encoding="utf-8")
    made = (write_pdf if kind == "pdf" else write_ofd)(text, tmp_path / f"one.{kind}")
    document = read(str(made))
    assert document.meta["pages"] == 1
    assert "法治政府建设年度报告" not in [line.text.strip() for line in document.lines]
    assert parse(document).title is None
    assert statuses(made, pack)["meta.title"] == statuses(CORPUS / "cq-chengkou-zhouxi-township-2024.txt", pack)["meta.title"] == "missing"
