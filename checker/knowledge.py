"""The instrument knowledge base (rules/knowledge/instruments.yaml): names and dates of the laws,
regulations, outlines, bodies and events reports cite, and names that do not exist."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from checker.paths import rules_dir
from checker.yamlfile import load_schema, read_yaml, validate

_DASHES = "[—–\\-－~～至]{1,2}"


@dataclass
class Instrument:
    name: str
    kind: str
    pattern: re.Pattern
    published: dt.date | None = None
    in_force: dt.date | None = None
    stale_from_year: int | None = None
    successor: str | None = None
    local_variants: bool = False
    note: str = ""
    aliases: list[str] = field(default_factory=list)
    literals: tuple[str, ...] = ()  # one of these is in every match, once whitespace is removed


_VARIABLE = set("—–-－（()） ")  # characters name_pattern widens into classes


def required_literal(name: str) -> str:
    """The longest run of characters name_pattern matches literally (only whitespace may come
    between them): every match of the name contains it once whitespace is removed."""
    runs, current = [], ""
    for char in name:
        if char in _VARIABLE:
            runs.append(current)
            current = ""
        else:
            current += char
    return max([*runs, current], key=len)


def name_pattern(name: str, quoted_only: bool = False) -> str:
    """A loose pattern for a name: any dash, bracket width or spacing, with or without 《》."""
    parts = []
    for char in name:
        if char in "—–-－":
            parts.append(_DASHES)
        elif char in "（(":
            parts.append("[（(]")
        elif char in "）)":
            parts.append("[）)]")
        elif char == " ":
            parts.append(r"\s*")
        else:
            parts.append(re.escape(char) + r"\s*")
    core = "".join(parts).removesuffix(r"\s*")
    return rf"《\s*{core}\s*》" if quoted_only else rf"《?\s*{core}\s*》?"


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def validate_knowledge() -> None:
    base = rules_dir()
    validate(read_yaml(base / "knowledge" / "instruments.yaml", "知识库"), load_schema(base / "instruments.schema.json"), "知识库")


@lru_cache(maxsize=1)
def load() -> tuple[list[Instrument], list[tuple[re.Pattern, str, str]]]:
    data = read_yaml(rules_dir() / "knowledge" / "instruments.yaml", "知识库").data
    instruments = []
    for entry in data["instruments"]:
        names = [entry["name"], *entry.get("aliases", [])]
        quoted = entry.get("quoted_only", False)
        pattern = re.compile("|".join(f"(?:{name_pattern(n, quoted)})" for n in sorted(names, key=len, reverse=True)))
        instruments.append(Instrument(entry["name"], entry["kind"], pattern, _date(entry.get("published")),
                                      _date(entry.get("in_force")), entry.get("stale_from_year"),
                                      entry.get("successor"), entry.get("local_variants", False),
                                      entry.get("note", ""), entry.get("aliases", []),
                                      tuple(dict.fromkeys(required_literal(n) for n in names))))
    misnomers = [(re.compile(name_pattern(m["wrong"])), m["wrong"], m["correct"]) for m in data["misnomers"]]
    return instruments, misnomers
