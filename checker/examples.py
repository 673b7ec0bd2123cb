"""Run a rule's own examples: each `pass` text must pass, each `flag` text must get its status."""

from __future__ import annotations

from typing import Any

from checker.context import Context
from checker.document import Document, Line
from checker.engine import run_rule
from checker.model import Result, Rule
from checker.structure import parse


def example_document(text: str) -> Document:
    lines = [Line(number, raw) for number, raw in enumerate(text.rstrip("\n").split("\n"), start=1)]
    return Document("<示例>", "txt", lines)


def run_example(rule: Rule, rules: list[Rule], text: str, context: dict[str, Any] | None = None) -> Result:
    active = [r for r in rules if r.enabled or r.id == rule.id]
    settings = {"report_kind": "auto", **(context or {})}
    if "previous" in settings:
        settings["previous"] = parse(example_document(settings["previous"]))
    ctx = Context(parse(example_document(text)), active, settings)
    return run_rule(rule, ctx)


def _text(example) -> tuple[str, dict]:
    if isinstance(example, str):
        return example, {}
    return example["text"], example.get("context", {})


def run_examples(rule: Rule, rules: list[Rule]) -> list[str]:
    """Failures, each one line: which example, what was expected, what came out."""
    failures = []
    for index, example in enumerate(rule.examples.get("pass", []), start=1):
        text, context = _text(example)
        result = run_example(rule, rules, text, context)
        if result.status != "pass":
            failures.append(f"通过示例 {index} 应为 pass，实际为 {result.status}（{result.message}）")
    for index, example in enumerate(rule.examples.get("flag", []), start=1):
        text, context = _text(example)
        result = run_example(rule, rules, text, context)
        if result.status != example["status"]:
            failures.append(f"问题示例 {index} 应为 {example['status']}，实际为 {result.status}（{result.message}）")
    return failures
