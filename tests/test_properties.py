"""Property tests: arbitrary text and bytes never crash a reader, the parser or the engine, and the
results keep their invariants (locations inside the document, headings in order, one result per rule)."""

import docx  # noqa: F401  - warm the lazy reader imports, so the deadline measures work, not imports
import pypdfium2  # noqa: F401
import trafilatura  # noqa: F401
from docmaker import SEED_FILES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.config import load_config
from checker.engine import engine_settings_of, evaluate_document
from checker.errors import InputError
from checker.loader import load_rules
from checker.readers import _dispatch

RULES = load_rules()
SETTINGS = engine_settings_of(load_config(cwd=SEED_FILES[0].parent))
SEED_LINES = [line for path in SEED_FILES for line in path.read_text(encoding="utf-8").split("\n")]

# Report-like text: real seed lines shuffled with arbitrary Unicode, so the parser's deeper paths run.
report_text = st.lists(st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=80),
                                 st.sampled_from(["一、", "（一）", "(二)", "1.", "（1）", "2021年1月28日", "二〇二一年一月", "2025128",
                                                  "区政府：", "当前位置:", "版权所有", "[bookmark: _GoBack]", "。", "报告"])),
                       max_size=60).map("\n".join)

FAST = settings(max_examples=150, deadline=3000, suppress_health_check=[HealthCheck.too_slow])


def check_invariants(document) -> None:
    report = evaluate_document(document, RULES, SETTINGS)
    numbers = {line.number for line in document.lines}
    assert [r.rule.id for r in report.results] == [r.id for r in RULES if r.enabled]
    for result in report.results:
        assert result.status in ("pass", "weak", "missing", "fail", "n/a", "waived")
        for location in result.locations:
            assert location.line is None or location.line in numbers
    assert 0 <= report.score <= 100


@FAST
@given(report_text)
def test_report_like_text_never_breaks_the_engine(text):
    try:
        document = _dispatch(text.encode("utf-8"), "fuzz.txt", ".txt")
    except InputError:
        return
    from checker.structure import parse

    structure = parse(document)
    lines = [h.line for h in structure.headings]
    assert lines == sorted(lines) and len(lines) == len(set(lines))
    assert all(h.level >= 1 and h.line <= h.end_line for h in structure.headings)
    assert set(structure.furniture).isdisjoint(structure.content)
    check_invariants(document)


@FAST
@given(st.text(max_size=400))
def test_any_unicode_text(text):
    for suffix in (".txt", ".md"):
        try:
            document = _dispatch(text.encode("utf-8"), "fuzz" + suffix, suffix)
        except InputError:
            continue
        check_invariants(document)


@FAST
@given(st.binary(max_size=2048))
def test_any_bytes_through_every_reader(data):
    for suffix in (".txt", ".md", ".docx", ".html", ".pdf"):
        try:
            document = _dispatch(data, "fuzz" + suffix, suffix)
        except InputError as error:
            assert error.message and error.code
            continue
        check_invariants(document)


@FAST
@given(st.binary(min_size=4, max_size=4096).map(lambda tail: b"PK\x03\x04" + tail))
def test_zip_like_bytes_as_docx(data):
    try:
        _dispatch(data, "fuzz.docx", ".docx")
    except InputError as error:
        assert error.code in ("corrupt", "too-large", "legacy-format", "encrypted", "empty")


@FAST
@given(st.binary(max_size=4096).map(lambda tail: b"%PDF-1.4\n" + tail))
def test_pdf_like_bytes(data):
    try:
        _dispatch(data, "fuzz.pdf", ".pdf")
    except InputError as error:
        assert error.code in ("corrupt", "scanned-pdf", "encrypted", "empty")
