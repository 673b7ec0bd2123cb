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
    if report.score is None:  # not such a report at all: the gate rule alone speaks, and no score
        assert [r.rule.id for r in report.results if r.problem] == [r.id for r in RULES if r.enabled and r.gate is True]
    else:
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


# No deadline: bytes that start like an OLE compound document go through a real LibreOffice conversion.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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


# Configurations and rule files: random YAML structures, anchors and aliases (bombs among them)
# never raise anything but a CheckerError, whose message is one short Chinese line naming a file.

import re as _re  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

from checker.config import load_setup  # noqa: E402
from checker.errors import CheckerError  # noqa: E402
from checker.loader import load_rules as _load_rules  # noqa: E402

_CJK = _re.compile("[\u4e00-\u9fff]")
_WORDS = st.text(alphabet="abz中文 -_:#", max_size=8)  # no "/" or ".": a path stays inside the test's folder
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 10**6), st.floats(allow_nan=False, width=32), _WORDS,
                     st.sampled_from(["default", "error", "never", "content.causes", "/dev/zero", "missing.yaml", "phrase",
                                      "section", "2027-02-30", "2027-03-31", "weak", "fail", "{year}", "(", "\\b测试"]))
_CONFIG_KEYS = ["extends", "report_kind", "fail_on", "rule_dirs", "exclude", "select", "ignore", "rules", "waivers", "scoring",
                "content.causes", "enabled", "severity", "weight", "options", "rule", "reason", "approved_by", "expires",
                "files", "weak_credit", "grades", "min", "grade"]
_RULE_KEYS = ["rules", "description", "id", "title", "kind", "severity", "weight", "basis", "messages", "fix", "examples",
              "options", "pass", "flag", "status", "text", "patterns", "expect", "scope", "rationale", "enabled"]


def _structure(keys):
    return st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(keys) | _WORDS, inner, max_size=5), max_leaves=25)


@st.composite
def _yaml_text(draw, keys):
    """A YAML document: dumped structures, with a chain of anchors (width × depth) aliased somewhere."""
    data = draw(st.dictionaries(st.sampled_from(keys), _structure(keys), max_size=6))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    width, depth = draw(st.integers(1, 9)), draw(st.integers(0, 9))
    if depth:
        chain = [f"x0: &x0 {draw(_SCALARS)!r}"] + [f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * width)}]" for i in range(1, depth + 1)]
        where = draw(st.sampled_from(keys))
        tail = draw(st.sampled_from([f"{where}: *x{depth}", f"{where}: [*x{depth}]", f"{where}: {{a: *x{depth}}}",
                                     f"{where}: &self [*self]", f"{where}: *nowhere", ""]))
        text = "\n".join(chain + [tail]) + "\n" + text
    if draw(st.booleans()):  # and sometimes the bytes of a broken edit
        cut_at = draw(st.integers(0, len(text)))
        text = text[:cut_at] + draw(st.text(max_size=6)) + text[cut_at:]
    return text


def _assert_clear(error: CheckerError, path: Path) -> None:
    assert error.code and _CJK.search(error.message), error.message
    assert len(error.message) < 1200 and "\n" not in error.message.strip(), error.message
    assert str(path) in error.message or "/dev/zero" in error.message or "missing.yaml" in error.message \
        or "rule" in error.code or "unknown" in error.code or "config" in error.code, error.message


YAML_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _used_or_refused_clearly(name: str, text: str, load) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        try:
            load(path)
        except CheckerError as error:
            _assert_clear(error, path)


@YAML_FUZZ
@given(_yaml_text(_CONFIG_KEYS))
def test_any_configuration_is_used_or_refused_clearly(text):
    _used_or_refused_clearly(".fazhi-check.yaml", text, lambda path: load_setup(str(path)))


@YAML_FUZZ
@given(_yaml_text(_RULE_KEYS))
def test_any_rule_file_is_loaded_or_refused_clearly(text):
    _used_or_refused_clearly("custom.yaml", text, lambda path: _load_rules([path]))
