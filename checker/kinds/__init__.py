"""Check kinds: generic evaluators configured by a rule's `options`. One module per kind.

Each module defines:
- `OPTIONS_SCHEMA`: JSON Schema (draft 2020-12) of the kind's options, checked at load time;
- `evaluate(rule, ctx) -> Outcome`;
- optionally `patterns(options) -> list[str]`: the regexes in the options, compiled at load time;
- its docstring: what the kind checks and how its options work (shown by `explain` and the docs).
"""

from __future__ import annotations

import importlib
from types import ModuleType

KINDS = ("section", "phrase", "date", "metadata", "order", "numbering", "brackets", "repetition", "personal_data", "citation", "arithmetic", "substance", "coverage", "previous", "powers", "run_on")


_LOADED: dict[str, ModuleType] = {}


def get(kind: str) -> ModuleType:
    """The kind's module, imported on first use (a plain-text check needs only some kinds)."""
    module = _LOADED.get(kind)
    if module is None:
        if kind not in KINDS:
            raise KeyError(kind)
        module = _LOADED[kind] = importlib.import_module(f"checker.kinds.{kind}")
    return module


def listed(ctx, findings: list[tuple[int | None, str]], status: str, limit: int = 5, separator: str = "；"):
    """The outcome of a kind that collects findings: pass when there are none, otherwise the
    first `limit` described and located, and the total in {count}."""
    from checker.model import Outcome

    if not findings:
        return Outcome("pass")
    described = list(dict.fromkeys(text for _, text in findings))  # one description per kind of finding
    shown = separator.join(described[:limit]) + ("等" if len(described) > limit else "")
    return Outcome(status, shown, [ctx.location(line) for line, _ in findings[:limit]], {"count": len(findings)})
