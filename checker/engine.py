"""Evaluate rules on a report: one result per (report, rule), waivers, score and grade."""

from __future__ import annotations

import math
import time
from typing import Any

from checker import kinds
from checker.context import Context
from checker.document import Document
from checker.errors import CheckerError
from checker.model import LEVEL_OF_SEVERITY, Outcome, Report, Result, Rule, at_or_above
from checker.patterns import TIMEOUT_SECONDS, PatternTimeout
from checker.structure import Structure, parse
from checker.waivers import apply_waivers

_DEFAULT_MESSAGES = {
    "pass": "符合要求。",
    "weak": "{title}不够充分：{reason}。",
    "missing": "未找到{title}。",
    "fail": "{title}存在问题：{reason}。",
    "n/a": "不适用：{reason}。",
}


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def message_for(rule: Rule, outcome: Outcome, year_values: dict | None = None) -> str:
    """The result's message: the rule's template for the status filled with the title, the report's
    years ({year}, {next_year}, {prev_year}), the outcome's values and its reason."""
    template = rule.messages.get(outcome.status) or _DEFAULT_MESSAGES[outcome.status]
    if "{" in template or "}" in template:
        text = template.format_map(_Values({"title": rule.title, **(year_values or {}), **outcome.values,
                                            "reason": outcome.reason}))
    else:  # most results: "符合要求。" and templates like it, nothing to fill
        text = template
    # A template that names none of the values gets the reason appended, so no detail is lost.
    if outcome.reason and "{" not in template and outcome.status != "n/a":
        text = f"{text.rstrip('。')}（{outcome.reason}）。"
    return text


class RuleFailure(Exception):
    """A rule that could not be evaluated on this report (a pattern that ran out of time)."""

    def __init__(self, result: Result, message: str):
        super().__init__(message)
        self.result, self.message = result, message


def run_rule(rule: Rule, ctx: Context) -> Result:
    try:
        outcome = kinds.get(rule.kind).evaluate(rule, ctx)
    except PatternTimeout as timeout:
        message = (f"规则 {rule.id}（{rule.source}）的正则表达式 “{timeout.pattern}” 在 {ctx.doc.path} 上运行超过 "
                   f"{TIMEOUT_SECONDS:g} 秒，已停止。请简化该表达式（避免嵌套的重复，如 (.*?，){{30}}）。")
        raise RuleFailure(Result(rule, "n/a", f"检查超时，未能完成：{message}", [], rule.severity), message) from None
    if ctx.doc.traditional:  # what a message quotes from a traditional report is shown as written
        outcome.reason = ctx.doc.original_script(outcome.reason, quoted_only=True)
        outcome.values = {k: ctx.doc.original_script(v) if isinstance(v, str) else v for k, v in outcome.values.items()}
    severity = outcome.severity or rule.severity_for(outcome.status)
    return Result(rule, outcome.status, message_for(rule, outcome, ctx.year_values), outcome.locations, severity)


def _run_all(rules: list[Rule], ctx: Context) -> tuple[list[Result], list[dict]]:
    results, errors = [], []
    for rule in rules:
        started = time.perf_counter()
        try:
            results.append(run_rule(rule, ctx))
        except RuleFailure as failure:
            results.append(failure.result)
            errors.append({"rule": rule.id, "message": failure.message})
        results[-1].seconds = time.perf_counter() - started
    return results, errors


def score(results: list[Result], scoring: dict[str, Any]) -> int:
    """The score: the weighted share of the rules met. The grade its value reaches is then gated
    by the findings: see `grade_of`."""
    credit = {"pass": 1.0, "weak": scoring.get("weak_credit", 0.5), "missing": 0.0, "fail": 0.0}
    counted = [r for r in results if r.status in credit]
    possible = sum(r.rule.weight for r in counted)
    earned = sum(r.rule.weight * credit[r.status] for r in counted)
    if not possible:
        return 100
    # 四舍五入 (62.5 → 63), not round()'s half to even; the sum of float weights is first cut to
    # nine decimals so that 74.49999999999999 reads as the 74.5 it is.
    return math.floor(round(100 * earned / possible, 9) + 0.5)


def _grades(scoring: dict[str, Any]) -> list[str]:
    """Grade names, best first."""
    return [g["grade"] for g in sorted(scoring.get("grades", []), key=lambda g: -g["min"])]


def grade_of(value: int, results: list[Result], scoring: dict[str, Any], failing: bool = False) -> str:
    """The grade: by score, then moved by the findings, so that its words agree with the verdict.
    The lowest grade (不合格 by default) is the grade of a failing report and of no other: a
    failing report gets it whatever the score, and a report that passes gets at least the next
    one up. A must-fix finding that does not fail the report (--fail-on never) gives at most that
    next grade; the top grade needs no should-fix finding on a statutory item (it becomes the
    next grade)."""
    names = _grades(scoring)
    if not names:
        return ""
    if failing or len(names) == 1:
        return names[-1]
    problems = [r for r in results if r.problem]
    levels = {LEVEL_OF_SEVERITY[r.severity] for r in problems}
    by_score = next((g["grade"] for g in sorted(scoring["grades"], key=lambda g: -g["min"]) if value >= g["min"]), names[-1])
    rank = min(names.index(by_score), len(names) - 2)  # passing: never the failing grade
    if "must-fix" in levels:
        rank = len(names) - 2
    elif rank == 0 and any(r.rule.statutory and LEVEL_OF_SEVERITY[r.severity] == "should-fix" for r in problems):
        rank = 1
    return names[rank]


def failed_by(results: list[Result], fail_on: str) -> list[str]:
    """The ids of the rules whose findings reach --fail-on, in rule order."""
    return [r.rule.id for r in results if r.problem and at_or_above(r.severity, fail_on)]


def judge(report: Report, settings: dict[str, Any]) -> Report:
    """Score, grade, verdict and failed_by of an evaluated report (in place)."""
    fail_on = settings.get("fail_on", "error")
    report.failed_by = failed_by(report.results, fail_on)
    report.verdict = "fail" if report.failed_by else "pass"
    scoring = settings.get("scoring", {})
    report.score = score(report.results, scoring)
    report.grade = grade_of(report.score, report.results, scoring, failing=bool(report.failed_by))
    return report


def meta_of(structure: Structure) -> dict[str, Any]:
    date, shown = structure.date, structure.doc.original_script
    return {"title": shown(structure.title), "issuing_body": shown(structure.issuing_body), "report_year": structure.year,
            "date": date.iso if date else None, "date_text": date.text if date else None,
            "addressee": structure.addressee, **structure.doc.meta}


def evaluate_document(doc: Document, rules: list[Rule], settings: dict[str, Any]) -> Report:
    return evaluate_structure(parse(doc), rules, settings)


def evaluate_structure(structure: Structure, rules: list[Rule], settings: dict[str, Any]) -> Report:
    doc = structure.doc
    active = [rule for rule in rules if rule.enabled]
    ctx = Context(structure, rules, settings)  # every rule: an ignored section rule still finds its section
    results, errors = _run_all(active, ctx)
    errors += apply_waivers(results, doc, settings, rules)
    gated = _apply_gates(results)
    report = Report(doc.path, doc.format, results, meta_of(structure), unit=doc.unit, rule_errors=errors)
    judge(report, settings)
    if gated:  # not a report of this kind: a score would pretend otherwise
        report.score = None
    return report


def _apply_gates(results: list[Result]) -> bool:
    """A gate rule's finding makes every other rule n/a (`gate: true`), or every rule that reads
    the report's parts (`gate: parts`); True when the whole report was gated."""
    gates = [r for r in results if r.rule.gate and r.problem]
    whole = [r for r in gates if r.rule.gate is True]
    if whole:
        _not_done([r for r in results if r.rule.gate is not True], whole[0].rule)
    elif gates:
        _not_done([r for r in results if not r.rule.gate and reads_parts(r.rule)], gates[0].rule)
    return bool(whole)


def _not_done(results: list[Result], gate: Rule) -> None:
    for result in results:
        result.status, result.locations, result.waiver = "n/a", [], None
        result.message = _DEFAULT_MESSAGES["n/a"].format(reason=f"“{gate.title}”不符合，未做此项检查")


def reads_parts(rule: Rule) -> bool:
    """Whether the rule looks at the report's parts: its kind finds them (`READS_PARTS`), or its
    `scope` names one (section:, body:, heading:, leads: a rule id)."""
    if getattr(kinds.get(rule.kind), "READS_PARTS", False):
        return True
    scope = rule.options.get("scope", ())
    return any(":" in item for item in ([scope] if isinstance(scope, str) else scope))


def check_path(path: str, rules: list[Rule], settings: dict[str, Any]) -> Report:
    """Read and evaluate one report; an unreadable file becomes a report with an error."""
    from checker.readers import read, report_path
    from checker.streams import shown_report

    started = time.perf_counter()
    try:
        report = evaluate_document(read(path), rules, settings)
    except CheckerError as error:
        report = Report(report_path(path), None, error={"code": error.code, "message": error.message})
    report.seconds = time.perf_counter() - started
    return shown_report(report)


def exit_code(reports: list[Report], fail_on: str | None = None) -> int:
    """2 when a file could not be read or a rule could not run, 1 when a report fails (its
    `failed_by`, computed with the run's --fail-on), else 0."""
    from checker.model import Summary

    summary = Summary()
    for report in reports:
        summary.add(report)
    return summary.exit_code


def engine_settings_of(config) -> dict[str, Any]:
    """The settings the engine reads, from a loaded Config."""
    return {**config.settings, "_base_dir": str(config.base_dir)}
