"""repetition — accidentally doubled characters or words (配合配合, 县县, 习习近平).

A doubled unit of `units` characters (default 1 and 2) is a finding unless:
- the doubled text is in `allowed` (normal reduplication: 常常, 层层, 一一, 年年…);
- it is part of an AABB form (扎扎实实, 认认真真);
- for a single character, the doubling sits on a word boundary: a word ends with the first
  character and another starts with the second (立体|体系, 工作|作风, 学习|习近平). Words come
  from `dictionary: jieba`, jieba's own word list, searched directly (jieba is not started).
Options: `allowed`, `units`, `dictionary` (jieba | none), `status` (default weak),
`max_locations` (default 5).
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from checker.context import Context
from checker.kinds import listed
from checker.model import Outcome, Rule

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "allowed": {"type": "array", "items": {"type": "string", "minLength": 2}},
        "units": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 4}, "minItems": 1},
        "dictionary": {"enum": ["jieba", "none"]},
        "status": {"enum": ["weak", "fail"]},
        "max_locations": {"type": "integer", "minimum": 1},
    },
}
_CJK = r"[\u4e00-\u9fff]"


@lru_cache(maxsize=1)
def _jieba_words() -> bytes:
    """jieba's dictionary file, one "word freq tag" per line, read without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return b""
    return b"\n" + (Path(spec.origin).parent / "dict.txt").read_bytes()


@lru_cache(maxsize=8192)
def _is_word(word: str) -> bool:
    return (b"\n" + word.encode("utf-8") + b" ") in _jieba_words()


def _on_word_boundary(text: str, start: int) -> bool:
    """text[start] == text[start+1]: does a word end at the first and another begin at the second?"""
    ends = any(_is_word(text[max(0, start - n + 1): start + 1]) for n in (2, 3, 4) if start - n + 1 >= 0)
    begins = any(_is_word(text[start + 1: start + 1 + n]) for n in (2, 3, 4) if start + 1 + n <= len(text))
    return ends and begins


def _aabb(text: str, start: int) -> bool:
    after = text[start + 2: start + 4]
    before = text[max(0, start - 2): start]
    return (len(after) == 2 and after[0] == after[1]) or (len(before) == 2 and before[0] == before[1])


def _findings(text: str, options: dict) -> list[tuple[int, str]]:
    allowed = set(options.get("allowed", []))
    found = []
    for unit in options.get("units", [1, 2]):
        for match in re.finditer(rf"(?=({_CJK}{{{unit}}})\1)", text):
            start, doubled = match.start(), match.group(1) * 2
            if doubled in allowed or (unit == 1 and _aabb(text, start)):
                continue
            if unit == 1 and options.get("dictionary", "jieba") == "jieba" and _on_word_boundary(text, start):
                continue
            found.append((start, doubled))
    return sorted(found)


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    span = ctx.doc.span(ctx.structure.content)
    findings = [(span.line_at(offset), doubled) for offset, doubled in _findings(span.text, rule.options)]
    return listed(ctx, [(line, f"“{doubled}”") for line, doubled in findings], rule.options.get("status", "weak"),
                  rule.options.get("max_locations", 5), "、")
