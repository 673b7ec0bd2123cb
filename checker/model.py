"""The one result model shared by the engine and every output format."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATUSES = ("pass", "weak", "missing", "fail", "n/a", "waived")
PROBLEMS = ("weak", "missing", "fail")
SEVERITIES = ("info", "warning", "error")  # ascending
STATUS_LABELS = {"pass": "通过", "weak": "薄弱", "missing": "缺失", "fail": "错误", "n/a": "不适用", "waived": "已豁免"}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


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


@dataclass
class Run:
    """Everything an output format needs: the reports, the rule set and the run's verdict."""

    reports: list[Report]
    rules: list[Rule]
    exit_code: int
    fail_on: str
    root: Path = Path(".")  # artifact paths in SARIF are made relative to this

    @property
    def active_rules(self) -> list[Rule]:
        return [rule for rule in self.rules if rule.enabled]

    def fails(self, result: Result) -> bool:
        """A problem at or above --fail-on."""
        if self.fail_on == "never" or not result.problem:
            return False
        return SEVERITIES.index(result.severity) >= SEVERITIES.index(self.fail_on)
