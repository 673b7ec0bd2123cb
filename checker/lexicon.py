"""The parser lexicon (rules/structure.yaml): furniture, residue, heading forms, names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker import regexes
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
        data["_furniture_texts"] = [entry.get("pattern") or _label_pattern(entry["labels"]) for entry in data["furniture"]["patterns"]]
        data["_furniture"] = [regexes.compile(p) for p in data["_furniture_texts"]]
        data["_grammar"] = [regexes.compile(p) for p in data["title"].get("grammar", [])]
        data["_title_label"] = regexes.compile(data["title"].get("field_labels", "(?!)"))
        data["_title_marks"] = regexes.compile("|".join(f"(?:{p})" for p in data["title"].get("portal_marks", [])) or "(?!)")
        data["_title_body"] = [regexes.compile(p) for p in data["title"].get("body_patterns", [])]
        data["_periods"] = regexes.compile("|".join(f"(?:{p})" for p in data["year"]["periods"]))
        data["_closing"] = [(p["name"], regexes.compile(p["pattern"])) for p in data.get("closing", {}).get("patterns", [])]
        data["_publication"] = [regexes.compile(p) for p in data["publication"]["patterns"]]
        data["_org_excludes"] = [regexes.compile(p) for p in data["organisation"].get("excludes", [])]
        data["_addressee_passes_over"] = [regexes.compile(p) for p in data["addressee"].get("passes_over", [])]
        data["_publication_label"] = [regexes.compile(p) for p in data["publication"].get("value_on_next_line", [])]
        data["_headings"] = [
            (h["level"], regexes.compile(h["pattern"]), regexes.compile(h["standard"]), h["example"]) for h in data["headings"]
        ]
    except re.error as exc:
        raise RuleError("regex-invalid", f"解析词表中的正则表达式无法编译：{rules_dir() / 'structure.yaml'}：{exc}。请修正该表达式，并运行 fazhi-check validate。") from None
    return data


def _label_pattern(labels: list[str]) -> str:
    """A furniture entry's `labels` as its pattern: a line opening with one of them (after a list
    bullet or a table's |), its characters spaced out or their full-width spaces lost as ??, then
    : or |. The labels stand in a lookahead, so that the literals every match holds, which gate
    the search of each line, are the separators, not each label's first character."""
    spaced = sorted((r"[\s?？]*".join(map(re.escape, label)) for label in labels), key=len, reverse=True)
    return rf"^\s*(?:[-•·|]\s*)?(?=(?:{'|'.join(spaced)})\s*[:：|])[^:：|]{{1,40}}[:：|]"


@dataclass(frozen=True)
class HeadingMark:
    level: int
    number: int | None
    marker: str  # as written, e.g. "(一)"
    standard: bool  # the GB/T 9704 form for its level
    example: str  # the standard form's example, for messages
    end: int  # offset just after the marker


_SPACE_RUN = regexes.compile(r"\s+")


@lru_cache(maxsize=4096)  # the parser, the wrap finder and the rules ask about the same lines
def heading_match(text: str) -> HeadingMark | None:
    for level, pattern, standard, example in load()["_headings"]:
        match = pattern.match(text)
        if match:
            marker = match.group("marker")
            compact = _SPACE_RUN.sub("", marker)
            return HeadingMark(level, chinese_to_int(match.group("num")), marker, bool(standard.match(compact)),
                               example, match.end())
    return None


@lru_cache(maxsize=4096)  # a portal's furniture lines (打印本页, 当前位置：首页 > …) recur from report to report
def closing_kind(text: str) -> str | None:
    """The name of the closing entry (附注, 版记, 页码) a line matches, or None."""
    return next((name for name, pattern in load()["_closing"] if pattern.search(text)), None)


def closing_max_lines() -> int:
    return load().get("closing", {}).get("max_lines", 8)


def is_furniture(text: str) -> bool:
    """Patterns are written in simplified script (a traditional document is matched in its simplified view)."""
    gate = _furniture_gate()
    if gate is not None and gate.search(text) is None:
        return False
    return _any_furniture().search(text) is not None


@lru_cache(maxsize=1)
def _furniture_gate() -> re.Pattern | None:
    """The literals one of which every furniture match holds, as one pattern (None: not known).
    Most lines hold none, and searching for them costs a fraction of the joined patterns' search."""
    from checker.patterns import required_literals

    joined = _any_furniture()
    needed = required_literals(joined.pattern) if isinstance(joined, re.Pattern) else None
    return regexes.compile(regexes.any_word(needed)) if needed else None


@lru_cache(maxsize=1)
def _any_furniture():
    """All furniture patterns as one (one search a line instead of one per pattern); patterns that
    cannot be joined (a global flag such as (?i) inside) are searched one by one."""
    patterns = load()["_furniture_texts"]
    try:
        return regexes.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        return _AnyOf(load()["_furniture"])


class _AnyOf:
    def __init__(self, patterns: list[re.Pattern]):
        self.patterns = patterns

    def search(self, text: str):
        return next((m for p in self.patterns if (m := p.search(text))), None)


def furniture_kind(text: str) -> str | None:
    """The name of the furniture pattern a line matches (网站时钟, 当前位置…), or None."""
    data = load()
    for view in (text, None):
        if view is None:  # a traditional line: the patterns are written in simplified
            from checker import script

            view = script.to_simplified(text)
        name = next((e["name"] for e, p in zip(data["furniture"]["patterns"], data["_furniture"]) if p.search(view)), None)
        if name:
            return name
    return None


def is_title_grammar(text: str) -> bool:
    """year + 法治(政府)建设 + 报告: the shape of a real title, not a column label."""
    return any(p.search(text) for p in load()["_grammar"])


def title_value(text: str) -> str:
    """A title line without the disclosure-field label that may carry it ("名称：") and without what
    a portal adds to it (its date after it, a column tag before it: `portal_marks`)."""
    data = load()
    return data["_title_marks"].sub("", data["_title_label"].sub("", text, count=1))


def title_body(title: str) -> str | None:
    """The issuing body (or place) a title names, or None."""
    for pattern in load()["_title_body"]:
        match = pattern.search(title)
        if match and org_like(match.group("body").strip()):
            return match.group("body").strip()
    return None


def place_organ(name: str) -> str | None:
    """For a bare place name (静海区, 小龙门乡, 坡子街街道): the organ it stands for; else None."""
    data = load()["organisation"]
    name = name.strip()
    organs = [s for s in data["suffixes"] if s not in {p["suffix"] for p in data.get("places", [])}]
    if any(name.endswith(s) for s in organs):
        return None
    for place in data.get("places", []):
        if name.endswith(place["suffix"]) and len(name) > len(place["suffix"]):
            return name + place["organ"]
    return None


def without_periods(text: str) -> str:
    """The text with cited periods and titles blanked out (same length), for finding the report year."""
    return load()["_periods"].sub(lambda m: " " * len(m.group()), text)


def publication_date_text(lines: list[str]) -> tuple[int, str] | None:
    """(index, date text) of the first publication date in portal lines, or None."""
    data = load()
    for index, text in enumerate(lines):
        for pattern in data["_publication"]:
            match = pattern.search(text)
            if match:
                return index, match.group("date")
        if index + 1 < len(lines) and any(p.search(text) for p in data["_publication_label"]):
            return index + 1, lines[index + 1].strip(" •·")
    return None


_SENTENCE_PUNCT = regexes.compile(r"[，。；：！？,.;:!?、]")


def org_like(text: str) -> bool:
    """A short line that names an organisation: ends with a known suffix, no sentence punctuation."""
    text = text.strip()
    if not text or len(text) > load()["organisation"]["max_chars"] or _SENTENCE_PUNCT.search(text):
        return False
    if any(pattern.search(text) for pattern in load()["_org_excludes"]):
        return False
    return any(text.endswith(s) and len(text) > len(s) + (1 if len(s) == 1 else 0) for s in _org_suffixes())


@lru_cache(maxsize=1)
def _org_suffixes() -> tuple[str, ...]:
    """Organ suffixes, then place suffixes (a place name stands for its organ)."""
    data = load()["organisation"]
    return (*data["suffixes"], *(p["suffix"] for p in data.get("places", [])))
