"""Spans, option lists, excerpts and the JSON layout: the fast paths give what the plain
definitions give."""

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.context import Context
from checker.document import Document, Line
from checker.readers import read
from checker.structure import parse

ROOT = Path(__file__).resolve().parent.parent
_REPORTS = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("tests/corpus/reports/*"))

# Lines that end a paragraph, run on (long, no final punctuation), are blank, are spaces only
# (empty once stripped as written) or are headings: what decides the pieces and separators.
_LINES = ["", "   ", "\u3000", "一、主要举措", "（一）加强领导。", "全面推进依法行政，" * 6, "各项工作取得成效。",
          "  前有空格的一行文字  ", "法治", "二、存在的不足和原因", "严格规范公正文明执法" * 5, "1.", "年"]


def _plain_join(doc: Document, numbers: list[int], first_offset: int, original: bool):
    """The join as defined: pieces of the non-blank lines, a newline between two unless the
    first is hard-wrapped; each piece's start and line number."""
    text, starts, kept, previous_wrapped = "", [], [], False
    for index, number in enumerate(numbers):
        line = doc.line(number)
        if not line.norm:
            continue
        piece = line.text.strip() if original else (line.norm[first_offset:] if index == 0 else line.norm)
        if piece:
            if text and not previous_wrapped:
                text += "\n"
            starts.append(len(text))
            kept.append(number)
            text += piece
        previous_wrapped = doc.is_wrapped(number)
    return text, starts, kept


def _assert_every_run_is_the_plain_join(doc: Document, offsets=(0, 1, 2, 5)) -> int:
    checked = 0
    for numbers in ([line.number for line in doc.lines], [line.number for line in doc.lines if line.norm]):
        step = max(1, len(numbers) // 12)
        for low in range(0, len(numbers), step):
            for high in sorted({low + 1, low + 2, low + step, len(numbers)}):
                run = numbers[low:high]
                for original in (False, True):
                    for offset in offsets:
                        fresh = Document(doc.path, doc.format, doc.lines)  # a new cache for every span
                        span = fresh.span(run, offset, original)
                        assert fresh._cut(run, offset, original) is not None
                        assert (span.text, span.starts, span.numbers) == _plain_join(fresh, run, offset, original), (doc.path, run, offset)
                        checked += 1
    return checked


def test_spans_cut_from_the_whole_are_the_plain_join_on_the_seeds_and_the_corpus():
    checked = sum(_assert_every_run_is_the_plain_join(read(str(path))) for path in _REPORTS)
    assert checked > 2000


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=14), st.sampled_from(["txt", "pdf"]))
def test_spans_cut_from_the_whole_are_the_plain_join_on_any_lines(texts, layout):
    doc = Document("x", layout, [Line(number, text) for number, text in enumerate(texts, start=1)])
    assert _assert_every_run_is_the_plain_join(doc, offsets=(0, 1, 3, 40)) > 0


def test_a_span_that_is_not_a_run_of_lines_is_joined_as_defined():
    doc = read(str(_REPORTS[0]))
    numbers = [line.number for line in doc.lines if line.norm]
    for run in (numbers[::2], numbers[5:1:-1], numbers[:3] + numbers[:3]):
        assert doc._cut(run, 0, False) is None
        assert doc.span(run).text == _plain_join(doc, run, 0, False)[0]
    assert doc._cut([numbers[0], 10 ** 6], 0, False) is None


def test_option_lists_are_filled_as_defined_and_shared_when_they_need_no_year():
    structure = parse(read(str(_REPORTS[0])))
    ctx = Context(structure, [])
    year = structure.year
    plain_list, quantified = ["法治政府", "依法行政"], [r"\d{4}年"]
    assert ctx.fill_all(plain_list) is plain_list and ctx.fill_all([]) == []
    assert ctx.fill_all(quantified) is quantified  # a brace that is no placeholder
    with_years = ["{year}年", "{next_year}年工作", "{prev_year}", "{unknown}", r"\d{2,}"]
    assert ctx.fill_all(with_years) == [f"{year}年", f"{year + 1}年工作", f"{year - 1}", "{unknown}", r"\d{2,}"]
    assert ctx.fill_all(with_years) is ctx.fill_all(with_years)  # once per report and list
    no_year = Context(parse(Document("x", "txt", [Line(1, "没有年份的报告。")])), [])
    assert no_year.year is None
    assert no_year.fill_all(with_years) == ["{unknown}", r"\d{2,}"]


def test_a_phrase_rule_needs_an_unknown_year_exactly_when_every_text_does():
    from checker.kinds.phrase import _needs_unknown_year

    ctx = Context(parse(Document("x", "txt", [Line(1, "没有年份的报告。")])), [])
    cases = {
        (("{year}年",), ()): True, ((), ("{next_year}",)): True, (("{year}",), ("{prev_year}年",)): True,
        (("{year}",), ("法治",)): False, (("法治",), ()): False, ((), ()): False,
    }
    for (terms, patterns), needs in cases.items():
        options = {"terms": list(terms), "patterns": list(patterns)}
        plain = bool(terms + patterns) and not ctx.fill_all(list(terms + patterns))
        assert _needs_unknown_year(ctx, options) is plain is needs, options


def test_excerpts_are_the_line_with_its_spaces_run_together_and_cut_at_the_limit():
    doc = Document("x", "txt", [Line(1, "  甲\t乙  丙 "), Line(2, "字" * 70), Line(3, "")])
    for number in (1, 2, 3, 4, None):
        for limit in (60, 5):
            line = doc._by_number.get(number)
            text = re.sub(r"\s+", " ", line.text).strip() if line else ""
            plain = text if len(text) <= limit else text[: limit - 1] + "…"
            assert doc.excerpt(number, limit) == plain and doc.excerpt(number, limit) == plain
    assert doc.excerpt(1) == "甲 乙 丙" and doc.excerpt(2, 5) == "字字字字…"


def test_a_result_laid_out_again_with_another_message_or_rule_is_laid_out_afresh(pack):
    from dataclasses import replace

    from checker.engine import check_path
    from checker.outputs.json import _result, dumps, laid_result

    rules, settings = pack
    report = check_path(str(_REPORTS[0]), rules, settings)
    for result in report.results:
        for variant in (result, replace(result, message=result.message + "又"), replace(result, severity="info"),
                        replace(result, rule=replace(result.rule, title="另一个标题")), replace(result, status="n/a")):
            for pad in ("        ", ""):
                assert laid_result(variant, pad) == dumps(_result(variant), pad)
                assert laid_result(variant, pad) == dumps(_result(variant), pad)  # the second time from the cache


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["法治", "治法", "aa", "a", "法治法", "（", "*"]), st.lists(st.sampled_from(["法", "治", "a", "（", "*", "。"]), max_size=40).map("".join))
def test_a_term_occurs_where_its_escaped_pattern_matches(term, text):
    from checker.kinds.phrase import _occurrences

    assert _occurrences(term, text) == [m.start() for m in re.finditer(re.escape(term), text)]


def test_a_heading_span_is_the_heading_added_to_an_empty_span():
    from checker.document import Span

    structure = parse(read(str(_REPORTS[0])))
    ctx = Context(structure, [])
    assert len(structure.headings) > 3
    for heading in structure.headings:
        plain = Span()
        plain.add(heading.line, heading.text)
        span = ctx.heading_span(heading)
        assert (span.text, span.starts, span.numbers, span.line_at(1)) == (plain.text, plain.starts, plain.numbers, plain.line_at(1))


def _plain_lead_spans(ctx: Context, heading):
    """lead_spans as defined: each heading's text, then the first sentence of each paragraph."""
    from checker.document import Span

    spans = [ctx.heading_span(h) for h in heading.walk()]
    heading_lines = {n for h in heading.walk() for n in h.lines}
    previous = None
    for number in ctx.structure.section_lines(heading):
        continued, previous = previous is not None and ctx.doc.is_wrapped(previous), number
        if continued and number not in heading_lines:
            continue
        own = next((h for h in heading.walk() if h.body_line == number), None)
        line = ctx.doc.line(number)
        text = line.norm[own.body_offset:] if own else ("" if number in heading_lines else line.norm)
        if text:
            span = Span()
            span.add(number, text.split("。", 1)[0])
            spans.append(span)
    return [(span.text, span.numbers) for span in spans]


def test_leads_are_those_of_the_plain_definition_on_the_seeds_and_the_corpus():
    checked = 0
    for path in _REPORTS:
        ctx = Context(parse(read(str(path))), [])
        for heading in ctx.structure.headings:
            assert [(span.text, span.numbers) for span in ctx.lead_spans(heading)] == _plain_lead_spans(ctx, heading), (path, heading.line)
            checked += 1
    assert checked > 200


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.integers(0, 10 ** 6)), st.one_of(st.none(), st.text(max_size=12)), st.text(max_size=30),
       st.one_of(st.none(), st.integers(1, 999)))
def test_a_location_written_out_is_the_one_the_encoder_writes(line, section, excerpt, page):
    from checker.model import Location
    from checker.outputs.json import _laid_location, _location, encode

    location = Location(line, section, excerpt, page=page)
    assert _laid_location(location) == encode(_location(location))


def test_a_report_without_results_is_laid_out_as_the_plain_layout():
    from checker.model import Report
    from checker.outputs.json import dumps, fragment, report_dict

    unreadable = Report("坏.docx", None, error={"code": "corrupt", "message": "文件已损坏"})
    assert fragment(unreadable) == dumps(report_dict(unreadable), "    ")
    assert '"results": []' in fragment(unreadable)
