"""Columns in Markdown drafts count the line as written in the file, markup and all: that is what
SARIF regions and the editor index. The reader's text has the markup removed, so a column counted
there would point at the wrong characters. Each seed is checked twice: as .txt, and as Markdown
with markup in front of (or around) every piece of evidence that has a location. The Markdown's
raw line, sliced at a finding's columns, must be the same evidence the .txt's slice is."""

import json
import re

import pytest
from docmaker import seed_text
from helpers import run_cli
from lspclient import session

# .txt alterations: the seed gets a finding with a location where it has none.
ALTERED = {"000": [(9, "规定，现将", "规定,现将")]}  # format.punctuation on the half-width comma
# Markdown put on top of the (altered) .txt: (line, old, new). Every kind of markup the reader removes.
MARKUP = {
    "000": [(9, "按照", "![图一](figure-1.png)按照")],  # an image: no text
    "002": [(23, "（四）推进法治信访。", "**（四）[推进法治信访](https://example.org/信访)。**"),  # a link inside bold
            (57, "2020年12月15日", "**2020年12月15日**")],  # markup after the evidence too
    "003": [(3, "（2021年1月）", "> （2021年1月）"),  # a quote
            (7, "[bookmark: _GoBack]", "<!-- 草稿 -->[bookmark: _GoBack]")],  # an HTML comment
    "004": [(23, "关于", "# 关于"),  # the title as a heading
            (25, "2025年,", "`v2`2025年,"),  # inline code
            (37, "(五)压实工作责任,健全监督考核保障机制。", "**(五)压实工作责任,健全监督考核保障机制。**"),
            (37, "摆在突出位置", "[摆在突出位置](#责任)"),
            (61, "2025128", "**2025128**")],
}
_PART = re.compile(r"^[一二三四五六七八九十]+、")
_LEAD = re.compile(r"^([（(][一二三四五六七八九十]+[）)][^。]{1,40}。)")


def _replaced(lines: list[str], edits) -> list[str]:
    lines = list(lines)
    for number, old, new in edits:
        assert old in lines[number - 1], (number, old)
        lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return lines


def _markdown(prefix: str, lines: list[str]) -> list[str]:
    """Part headings as `##`, numbered lead-ins in bold (where no edit of MARKUP takes the line),
    then MARKUP's edits."""
    edited = {number for number, _, _ in MARKUP.get(prefix, [])}
    out = []
    for number, line in enumerate(lines, start=1):
        if number not in edited:
            line = "## " + line if _PART.match(line) else _LEAD.sub(r"**\1**", line)
        out.append(line)
    return _replaced(out, MARKUP.get(prefix, []))


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """{prefix: (txt path, md path)}: each seed as .txt and as a Markdown draft of the same text."""
    folder = tmp_path_factory.mktemp("drafts")
    made = {}
    for prefix in ("000", "001", "002", "003", "004"):
        lines = _replaced(seed_text(prefix).split("\n"), ALTERED.get(prefix, []))
        txt, md = folder / f"{prefix}.txt", folder / f"{prefix}.md"
        txt.write_text("\n".join(lines), encoding="utf-8")
        md.write_text("\n".join(_markdown(prefix, lines)), encoding="utf-8")
        made[prefix] = (txt, md)
    return made


def _raw(path, number: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


def _sarif_regions(folder, names) -> dict:
    """(file name, rule id) → region, from one `check --format sarif` run."""
    log = json.loads(run_cli("check", "--format", "sarif", *names, cwd=folder).stdout.decode("utf-8"))
    regions = {}
    for result in log["runs"][0]["results"]:
        physical = result["locations"][0]["physicalLocation"]
        regions[(physical["artifactLocation"]["uri"], result["ruleId"])] = physical.get("region") or {}
    return regions


def _sliced(path, region: dict) -> str:
    return _raw(path, region["startLine"])[region["startColumn"] - 1:region["endColumn"] - 1]


@pytest.fixture(scope="module")
def sarif(drafts):
    folder = next(iter(drafts.values()))[0].parent
    return _sarif_regions(folder, [path.name for pair in drafts.values() for path in pair])


def _located(regions: dict, name: str) -> dict:
    return {rule: region for (uri, rule), region in regions.items() if uri == name and "startColumn" in region}


def test_sarif_columns_slice_the_evidence_in_the_raw_markdown_line(drafts, sarif):
    compared = 0
    for prefix, (txt, md) in drafts.items():
        plain, marked = _located(sarif, txt.name), _located(sarif, md.name)
        assert {r: g["startLine"] for r, g in marked.items()} == {r: g["startLine"] for r, g in plain.items()}, prefix
        for rule, region in marked.items():
            assert _sliced(md, region) == _sliced(txt, plain[rule]), (prefix, rule, region)
            compared += 1
    assert compared == 9  # every located finding of the seeds (and of 000's altered line)


def test_sarif_exact_slices_where_markup_stands_before_the_evidence(drafts, sarif):
    expected = {  # (seed, rule): (line, the raw Markdown line's slice)
        ("000", "format.punctuation"): (9, ","),
        ("002", "data.evidence"): (23, "取得明显成效"),
        ("002", "meta.timeliness"): (57, "2020年12月15日"),  # not the closing **
        ("003", "meta.date"): (3, "2021年1月"),
        ("003", "format.residue"): (7, "[bookmark: _GoBack]"),
        ("004", "content.responsible-person"): (37, "主要负责人"),
        ("004", "format.punctuation"): (25, ","),
        ("004", "meta.date"): (61, "2025128"),
    }
    for (prefix, rule), (line, text) in expected.items():
        md = drafts[prefix][1]
        region = sarif[(md.name, rule)]
        assert (region["startLine"], _sliced(md, region)) == (line, text), (prefix, rule, region)
    assert sarif[(drafts["004"][1].name, "format.punctuation")]["startColumn"] == 10  # after `v2`: 4 more


def test_the_reported_case_bold_lead_in_and_heading(tmp_path):
    """The user trial's draft: seed 002 with a bold lead-in on line 23 and `## ` on line 37."""
    lines = seed_text("002").split("\n")
    lines[22] = re.sub(r"^（四）推进法治信访。", "**（四）推进法治信访。**", lines[22])
    lines[36] = "## " + lines[36]
    (tmp_path / "bold.md").write_text("\n".join(lines), encoding="utf-8")
    region = _sarif_regions(tmp_path, ["bold.md"])[("bold.md", "data.evidence")]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (23, 439, 445)
    assert _sliced(tmp_path / "bold.md", region) == "取得明显成效"


# The language server --------------------------------------------------------------------------

def _utf16_slice(text: str, start: int, end: int) -> str:
    """The characters between two LSP positions (UTF-16 code units) of a line."""
    return text.encode("utf-16-le")[start * 2:end * 2].decode("utf-16-le")


def _lsp_diagnostics(folder, paths) -> dict:
    """path → its diagnostics, each draft opened in one session of the language server."""
    found = {}
    with session(folder, folder.as_uri()) as client:
        for path in paths:
            language = "markdown" if path.suffix == ".md" else "plaintext"
            client.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": language, "version": 1,
                                                                    "text": path.read_text(encoding="utf-8")}})
            found[path] = client.diagnostics(path.as_uri())
    return found


def _ranges(path, diagnostics) -> dict:
    """rule id → (line number, the raw line's text the range covers, whether it is the whole line)."""
    out = {}
    for d in diagnostics:
        start, end = d["range"]["start"], d["range"]["end"]
        assert start["line"] == end["line"], d
        raw = _raw(path, start["line"] + 1)
        whole = (start["character"], end["character"]) == (0, len(raw.encode("utf-16-le")) // 2)
        out[d["code"]] = (start["line"] + 1, _utf16_slice(raw, start["character"], end["character"]), whole)
    return out


@pytest.fixture(scope="module")
def lsp(drafts):
    folder = next(iter(drafts.values()))[0].parent
    found = _lsp_diagnostics(folder, [path for pair in drafts.values() for path in pair])
    return {path: _ranges(path, diagnostics) for path, diagnostics in found.items()}


def test_lsp_ranges_slice_the_evidence_or_cover_the_whole_raw_line(drafts, sarif, lsp):
    evidence = whole = with_markup = 0
    for prefix, (txt, md) in drafts.items():
        plain, marked, located = lsp[txt], lsp[md], _located(sarif, txt.name)
        assert {r: v[0] for r, v in marked.items()} == {r: v[0] for r, v in plain.items()}, prefix
        for rule, (line, text, is_whole) in marked.items():
            if rule in located:  # on its evidence: the same characters as in the .txt
                assert text == plain[rule][1], (prefix, rule)
                evidence += 1
            else:  # the whole line, as written: markup included
                assert is_whole and plain[rule][2] and text == _raw(md, line), (prefix, rule, text)
                whole += 1
                with_markup += text != _raw(txt, line)
    assert evidence == 9 and whole >= 10 and with_markup >= 3  # 002's ## heading, 004's # title and bold lead-in


def test_lsp_whole_line_ranges_include_the_heading_marks(drafts, lsp):
    md002, md004 = drafts["002"][1], drafts["004"][1]
    assert lsp[md002]["content.causes"] == (37, "## 三、存在问题", True)
    assert lsp[md004]["meta.title"] == (23, "# 关于2025年法治建设情况的报告", True)  # 报告 included
    assert lsp[md004]["format.residue"][1] == _raw(md004, 1)


def test_lsp_evidence_ranges_after_markup(drafts, lsp):
    md002, md004 = drafts["002"][1], drafts["004"][1]
    assert lsp[md002]["data.evidence"] == (23, "取得明显成效", False)
    assert lsp[md002]["meta.timeliness"] == (57, "2020年12月15日", False)
    assert lsp[md004]["content.responsible-person"] == (37, "主要负责人", False)
    assert lsp[md004]["meta.date"] == (61, "2025128", False)
