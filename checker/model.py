"""The one result model shared by the engine and every output format, and the one vocabulary
every output speaks: a status says what was found, a level says what the reviewer must do."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

STATUSES = ("pass", "weak", "missing", "fail", "n/a", "waived")
PROBLEMS = ("weak", "missing", "fail")
SEVERITIES = ("info", "warning", "error")  # ascending; the rule files and --fail-on speak these
LEVELS = ("must-fix", "should-fix", "note")  # most serious first
LEVEL_OF_SEVERITY = {"error": "must-fix", "warning": "should-fix", "info": "note"}
SEVERITY_OF_LEVEL = {level: severity for severity, level in LEVEL_OF_SEVERITY.items()}

# The words a reader sees. Two axes that never share a word.
STATUS_LABELS = {"pass": "符合", "weak": "薄弱", "missing": "缺失", "fail": "有误", "n/a": "不适用", "waived": "已豁免"}
LEVEL_LABELS = {"must-fix": "必须修改", "should-fix": "建议修改", "note": "供参考"}
SEVERITY_LABELS = {severity: LEVEL_LABELS[level] for severity, level in LEVEL_OF_SEVERITY.items()}
VERDICT_LABELS = {"pass": "通过", "fail": "不合格"}


def level_of(result: "Result") -> str | None:
    """must-fix / should-fix / note for a finding (weak, missing, fail); None otherwise."""
    return LEVEL_OF_SEVERITY[result.severity] if result.problem else None


def finding_label(result: "Result") -> str:
    """`[必须修改｜缺失]` for a finding, `[符合]` / `[不适用]` / `[已豁免]` for the rest."""
    level = level_of(result)
    status = STATUS_LABELS[result.status]
    return f"[{LEVEL_LABELS[level]}｜{status}]" if level else f"[{status}]"


def at_or_above(severity: str, fail_on: str) -> bool:
    """Whether a finding of this severity reaches the --fail-on threshold."""
    return fail_on != "never" and SEVERITIES.index(severity) >= SEVERITIES.index(fail_on)


def level_rank(result: "Result") -> int:
    """Sort key, most serious first: must-fix, should-fix, note, then the rest."""
    level = level_of(result)
    return LEVELS.index(level) if level else len(LEVELS)


@dataclass
class Rule:
    id: str
    title: str
    kind: str
    severity: str
    weight: float
    basis: str
    messages: dict[str, str]
    fix: str
    examples: dict[str, list]
    options: dict[str, Any] = field(default_factory=dict)
    rationale: str = ""
    enabled: bool = True
    source: Path | None = None  # the YAML file
    line: int | None = None  # where the rule starts in it
    builtin: bool = False  # from the shipped pack (its patterns are trusted: no time limit needed)
    statutory: bool = False  # one of the report's statutory items (a should-fix on it bars the top grade)
    severities: dict[str, str] = field(default_factory=dict)  # per status: a level other than `severity`
    level_reason: str = ""  # why the rule has its level (one line, shown by `explain`)

    def severity_for(self, status: str) -> str:
        return self.severities.get(status, self.severity)


@dataclass
class Location:
    line: int | None
    section: str | None = None
    excerpt: str = ""
    column: int | None = None  # 1-based column of the evidence in the line as written, when known
    end_column: int | None = None  # the column after its last character


@dataclass
class Outcome:
    """What a check kind found: a status, a reason for the message and the places."""

    status: str
    reason: str = ""
    locations: list[Location] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # extra fields for the message template
    severity: str | None = None  # a finding milder than the rule's severity (set by a kind option)


@dataclass
class Result:
    rule: Rule
    status: str
    message: str
    locations: list[Location] = field(default_factory=list)
    severity: str = "error"
    waiver: dict | None = None

    @property
    def problem(self) -> bool:
        return self.status in PROBLEMS

    @property
    def level(self) -> str | None:
        return level_of(self)


@dataclass
class Report:
    path: str
    format: str | None
    results: list[Result] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    error: dict | None = None  # {"code", "message"} when the file could not be read
    score: int | None = None
    grade: str | None = None
    unit: str = "line"
    rule_errors: list[dict] = field(default_factory=list)  # {"rule", "message"}: a rule that could not run
    verdict: str | None = None  # pass | fail (None when the file could not be read)
    failed_by: list[str] = field(default_factory=list)  # ids of the rules whose findings make it fail
    not_a_report: bool = False  # the text is not an annual report at all: one finding, no score

    @property
    def findings(self) -> list[Result]:
        """Problems only, most serious first (the order of the rules within a level)."""
        return sorted((r for r in self.results if r.problem), key=level_rank)


@dataclass
class ReportSummary:
    """What a batch table keeps of a report once the report itself has been written out."""

    path: str
    score: int | None
    grade: str | None
    verdict: str | None
    failed_by: list[str]
    error: str | None
    counts: dict[str, int]  # by status
    levels: dict[str, int]  # findings by level
    meta: dict[str, Any]

    @classmethod
    def of(cls, report: Report) -> "ReportSummary":
        counts = {status: 0 for status in STATUSES}
        levels = {level: 0 for level in LEVELS}
        for result in report.results:
            counts[result.status] += 1
            if result.problem:
                levels[level_of(result)] += 1
        return cls(report.path, report.score, report.grade, report.verdict, list(report.failed_by),
                   report.error["message"] if report.error else None, counts, levels, dict(report.meta or {}))


@dataclass
class Summary:
    """The batch's figures, accumulated as reports pass by (memory: one small row a report)."""

    rows: list[ReportSummary] = field(default_factory=list)
    rule_errors: int = 0

    def add(self, report: Report) -> ReportSummary:
        row = ReportSummary.of(report)
        self.rows.append(row)
        self.rule_errors += len(report.rule_errors)
        return row

    @property
    def reports(self) -> int:
        return len(self.rows)

    @property
    def errors(self) -> int:
        return sum(1 for row in self.rows if row.error)

    @property
    def failed(self) -> list[ReportSummary]:
        return [row for row in self.rows if row.verdict == "fail"]

    @property
    def by_status(self) -> dict[str, int]:
        return {status: sum(row.counts[status] for row in self.rows) for status in STATUSES}

    @property
    def by_level(self) -> dict[str, int]:
        return {level: sum(row.levels[level] for row in self.rows) for level in LEVELS}

    @property
    def average_score(self) -> float | None:
        scores = [row.score for row in self.rows if row.score is not None]
        return round(sum(scores) / len(scores), 1) if scores else None

    @property
    def exit_code(self) -> int:
        """2 when a file could not be read or a rule could not run, else 1 when a report fails."""
        if self.errors or self.rule_errors:
            return 2
        return 1 if self.failed else 0


class Run:
    """Everything an output format needs: the reports, the rule set and the run's verdict.

    `reports` is a list, or any iterable consumed once (a batch streamed report by report):
    outputs go through `run.each()`, which also accumulates `run.summary`; the exit code and
    the failing reports are known once every report has passed."""

    def __init__(self, reports: Iterable[Report], rules: list[Rule], exit_code: int | None = None,
                 fail_on: str = "error", root: Path = Path(".")):
        self.rules, self.fail_on, self.root = rules, fail_on, root  # SARIF paths are relative to root
        self._source = reports
        self.reports: list[Report] | None = reports if isinstance(reports, list) else None
        self.summary = Summary()
        self._given_exit_code = exit_code
        self._consumed = False
        self.listeners: list = []  # called with each report as a streamed run passes it (a second output)
        if self.reports is not None:
            for report in self.reports:
                self.summary.add(report)
            self._consumed = True

    def each(self) -> Iterator[Report]:
        """The reports in order; a streamed run can be gone through once."""
        if self.reports is not None:
            for report in self.reports:
                for listener in self.listeners:
                    listener(report)
                yield report
            return
        if self._consumed:
            raise RuntimeError("a streamed run's reports can be gone through only once")
        self._consumed = True
        for report in self._source:
            self.summary.add(report)
            for listener in self.listeners:
                listener(report)
            yield report

    @property
    def exit_code(self) -> int:
        return self._given_exit_code if self._given_exit_code is not None else self.summary.exit_code

    @property
    def active_rules(self) -> list[Rule]:
        return [rule for rule in self.rules if rule.enabled]

    def fails(self, result: Result) -> bool:
        """A problem at or above --fail-on."""
        return result.problem and at_or_above(result.severity, self.fail_on)
