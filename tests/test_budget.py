"""The budget per document (time and memory), streaming batches, and linear section lookup."""

import json

import pytest
from docmaker import seed_path, seed_text
from helpers import run_cli

from checker.document import Document, Line
from checker.structure import parse


def _huge(tmp_path, name: str, megabytes: float):
    """A realistic report made long: seed 000's text repeated to about `megabytes` MB."""
    text = seed_text("000")
    path = tmp_path / name
    path.write_text(text * max(1, round(megabytes * 1024 * 1024 / len(text.encode("utf-8")))), encoding="utf-8")
    return path


def _outcome(result):
    stderr = result.stderr.decode("utf-8")
    reports = {report["path"]: report for report in json.loads(result.stdout.decode("utf-8"))["reports"]}
    return stderr, reports


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_over_the_time_limit_is_reported_and_the_batch_goes_on(tmp_path, jobs):
    hostile = _huge(tmp_path, "hostile.txt", 8)
    good = str(seed_path("002"))
    # 8 MB take about 3 s to check: well over a limit of 1 s on any machine
    result = run_cli("check", "--format", "json", "--time-limit", "1", "-j", jobs, str(hostile), good)
    stderr, reports = _outcome(result)
    assert result.returncode == 2
    assert stderr.splitlines() == [f"错误：检查超时：{hostile} 超过了每份文件 1 秒的时间上限，已跳过。"
                                   "请确认这是一份正常的年度报告；确需检查可用 --time-limit 放宽上限。"]
    assert reports[str(hostile)]["error"]["code"] == "too-slow"
    assert reports[good]["error"] is None and reports[good]["meta"]["report_year"] == 2020
    assert len(reports[good]["results"]) > 30


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_over_the_memory_limit_is_reported_and_the_batch_goes_on(tmp_path, jobs):
    (tmp_path / ".fazhi-check.yaml").write_text("memory_limit: 16\n", encoding="utf-8")
    hostile = _huge(tmp_path, "big.txt", 4)
    good = tmp_path / "good.txt"
    good.write_bytes(seed_path("004").read_bytes())
    result = run_cli("check", "--format", "json", "-j", jobs, "big.txt", "good.txt", cwd=tmp_path)
    stderr, reports = _outcome(result)
    assert result.returncode == 2
    assert stderr.splitlines() == ["错误：内存超限：big.txt 检查时需要的内存超过了每份文件 16 MB 的上限，已跳过。"
                                   "请确认这是一份正常的年度报告；确需检查可用 --memory-limit 放宽上限。"]
    assert reports["big.txt"]["error"]["code"] == "too-large"
    assert reports["good.txt"]["error"] is None and len(reports["good.txt"]["results"]) > 30


def test_the_limits_are_settings_with_their_sources():
    result = run_cli("config")
    lines = result.stdout.decode("utf-8").splitlines()
    assert "time_limit = 30　　# 内置默认" in lines
    assert "memory_limit = 1024　　# 内置默认" in lines


def test_iter_reports_keeps_the_input_order_with_workers(tmp_path):
    from checker.batch import iter_reports
    from checker.config import load_setup
    from checker.engine import engine_settings_of

    config, rules = load_setup(None)
    settings = engine_settings_of(config)
    paths = [str(seed_path(p)) for p in ("004", "000", "003", "001", "002")] * 3 + [str(tmp_path / "missing.txt")]
    one = list(iter_reports(paths, rules, settings, jobs=1))
    two = list(iter_reports(paths, rules, settings, jobs=2))
    assert [r.path for r in two] == paths
    assert [(r.path, r.score, [(x.rule.id, x.status, x.message) for x in r.results]) for r in two] == \
        [(r.path, r.score, [(x.rule.id, x.status, x.message) for x in r.results]) for r in one]
    assert two[-1].error["code"] == "not-found"


def test_lean_workers_send_the_text_and_the_summary_row_only(tmp_path):
    from checker.batch import iter_reports
    from checker.config import load_setup
    from checker.engine import engine_settings_of
    from checker.model import ReportSummary
    from checker.outputs.json import fragment

    config, rules = load_setup(None)
    settings = engine_settings_of(config)
    paths = [str(seed_path(p)) for p in ("004", "000", "003", "001", "002")] + [str(tmp_path / "missing.txt")]
    full = list(iter_reports(paths, rules, settings, jobs=1))
    lean = list(iter_reports(paths, rules, settings, jobs=2, prerender=fragment, lean=True))
    assert [r.results for r in lean] == [[]] * 6
    assert [r.rendered for r in lean] == [fragment(r) for r in full]
    assert [r.row for r in lean] == [ReportSummary.of(r) for r in full]
    assert [r.row.levels["should-fix"] for r in lean[:3]] == [7, 2, 4]  # as the markdown summary counts them
    assert lean[-1].error == full[-1].error and lean[-1].error["code"] == "not-found"


def test_a_scorecard_beside_an_output_file_still_gets_whole_reports_from_workers(tmp_path):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    first = run_cli("check", "-o", str(one), "--jobs", "1", "seeds/")
    second = run_cli("check", "-o", str(two), "--jobs", "2", "seeds/")
    assert first.returncode == second.returncode == 1
    assert one.read_bytes() == two.read_bytes()
    assert second.stdout == first.stdout
    assert "结论：通过。得分 96/100，等级 良好。建议修改 2，符合 33，不适用 2。" in second.stdout.decode()


class _Counted(int):
    """A line number that counts how often it is compared."""

    comparisons = 0

    def _count(self, other, op):
        _Counted.comparisons += 1
        return op(int(self), int(other))

    def __lt__(self, other):
        return self._count(other, int.__lt__)

    def __le__(self, other):
        return self._count(other, int.__le__)

    def __gt__(self, other):
        return self._count(other, int.__gt__)

    def __ge__(self, other):
        return self._count(other, int.__ge__)

    __hash__ = int.__hash__


def _section_lookup_comparisons(count: int) -> int:
    lines = [Line(n, "一、") for n in range(1, count + 1)]
    structure = parse(Document("headings.txt", "txt", lines))
    assert len(structure.headings) == count
    structure.content = [_Counted(n) for n in structure.content]
    _Counted.comparisons = 0
    for heading in structure.headings:
        assert structure.section_lines(heading) == [heading.line]
    return _Counted.comparisons


def test_section_lookup_grows_linearly_not_quadratically():
    """20,000 “一、” lines took minutes when every lookup scanned every line: doubling the
    headings must about double the comparisons (n log n), not quadruple them."""
    small, large = _section_lookup_comparisons(10_000), _section_lookup_comparisons(20_000)
    assert small < 10_000 * 40
    assert large / small < 2.3
