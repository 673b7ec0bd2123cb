"""The parser lexicon (rules/structure.yaml): furniture, residue, heading forms, names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.errors import RuleError
from checker.numerals import chinese_to_int
from checker.paths import rules_dir
from checker.yamlfile import load_schema, read_yaml, validate


def validate_lexicon() -> None:
    """Full schema check of rules/structure.yaml (tests and `fazhi-check validate`)."""
    base = rules_dir()
    validate(read_yaml(base / "structure.yaml", "解析词表"), load_schema(base / "structure.schema.json"), "解析词表")


@lru_cache(maxsize=1)
def load() -> dict:
    data = read_yaml(rules_dir() / "structure.yaml", "解析词表").data
    try:
        data["_furniture"] = [re.compile(p) for p in data["furniture"]["patterns"]]
        data["_headings"] = [
            (h["level"], re.compile(h["pattern"]), re.compile(h["standard"]), h["example"]) for h in data["headings"]
        ]
    except re.error as exc:
        raise RuleError("regex-invalid", f"解析词表中的正则表达式无法编译：{rules_dir() / 'structure.yaml'}：{exc}。请修正该表达式，并运行 fazhi-check validate。") from None
    return data


@dataclass
class HeadingMark:
    level: int
    number: int | None
    marker: str  # as written, e.g. "(一)"
    standard: bool  # the GB/T 9704 form for its level
    example: str  # the standard form's example, for messages
    end: int  # offset just after the marker


def heading_match(text: str) -> HeadingMark | None:
    for level, pattern, standard, example in load()["_headings"]:
        match = pattern.match(text)
        if match:
            marker = match.group("marker")
            compact = re.sub(r"\s+", "", marker)
            return HeadingMark(level, chinese_to_int(match.group("num")), marker, bool(standard.match(compact)),
                               example, match.end())
    return None


def is_furniture(text: str) -> bool:
    return any(p.search(text) for p in load()["_furniture"])


def org_like(text: str) -> bool:
    """A short line that names an organisation: ends with a known suffix, no sentence punctuation."""
    data = load()["organisation"]
    text = text.strip()
    if not text or len(text) > data["max_chars"] or re.search(r"[，。；：！？,.;:!?、]", text):
        return False
    return any(text.endswith(s) for s in data["suffixes"])
