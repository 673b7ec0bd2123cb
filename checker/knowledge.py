"""The instrument knowledge base (rules/knowledge/instruments.yaml): names and dates of the laws,
regulations, outlines, bodies and events reports cite, and names that do not exist."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from checker import regexes
from checker.paths import rules_dir
from checker.yamlfile import load_schema, read_yaml, validate

_DASHES = "[—–\\-－~～至]{1,2}"


class NameMatcher:
    """The mentions of one or more names, as `pattern.finditer` finds them, only faster.

    `pattern` (each name loosely, longest first, see `name_pattern`) begins with an optional
    “《” and spaces, so the regex engine has to try it at every position of the text. The
    names' core (the same pattern without that optional head) begins with a fixed character,
    which the engine finds at C speed. A match can only begin in the run of spaces and “《”
    just before a core, so each core found gives the one position to try the pattern at:
    the start of that run (never before the previous match's end). What is matched there is
    exactly what finditer would match."""

    def __init__(self, names: list[str], quoted_only: bool = False):
        self._names, self._quoted_only = sorted(names, key=len, reverse=True), quoted_only
        # every match holds one of these once spaces are removed: most names are absent from a
        # report, and their patterns are then never compiled or run
        self.literals = tuple(dict.fromkeys(required_literal(n) for n in self._names))

    @cached_property
    def pattern(self) -> re.Pattern:
        return regexes.compile("|".join(f"(?:{name_pattern(n, self._quoted_only)})" for n in self._names))

    @cached_property
    def _cores(self) -> list[re.Pattern]:
        # one pattern per name: a lone name keeps its fixed first character, which the engine
        # skips to; an alternation of names would be tried character by character
        return [regexes.compile(_core_pattern(n)) for n in self._names]

    def finditer(self, text: str) -> list[re.Match]:
        found: list[re.Match] = []
        floor = 0  # a match never starts before the previous one ends
        upcoming = [core.search(text) for core in self._cores]  # each name's next core
        while True:
            live = [core for core in upcoming if core is not None]
            if not live:
                return found
            core_start = min(core.start() for core in live)
            start = core_start
            while start > floor and text[start - 1].isspace():
                start -= 1
            if start > floor and text[start - 1] == "《":
                start -= 1
            match = self.pattern.match(text, start)
            if match is not None:
                found.append(match)
                floor = match.end()
            resume = floor if match is not None else core_start + 1
            upcoming = [core if core is None or core.start() >= resume else pattern.search(text, resume)
                        for core, pattern in zip(upcoming, self._cores)]


class LiteralFinder:
    """Which of many literals occur in a text, found in one scan (an alternation, which the regex
    engine skips to by first characters) instead of one substring search each. The alternative
    found at a position is the longest there (`regexes.any_word`), and every literal matching
    there is a prefix of it: so the literals present are exactly those inside one found."""

    def __init__(self, literals):
        self._literals = tuple(dict.fromkeys(literals))
        words = {literal for literal in self._literals if literal}
        self._pattern = regexes.compile(regexes.any_word(words)) if words else None
        # each literal that can be found, with the literals inside it (itself among them)
        self._inside = {word: frozenset(literal for literal in self._literals if literal in word) for word in words}
        self._inside[""] = frozenset(literal for literal in self._literals if not literal)

    def present(self, text: str) -> frozenset[str]:
        found, position = {""}, 0
        while self._pattern is not None and (match := self._pattern.search(text, position)) is not None:
            found.add(match.group())
            position = match.start() + 1
        return frozenset().union(*map(self._inside.__getitem__, found))


def squeeze(text: str) -> str:
    """The text without whitespace (what `\\s` matches): a name none of whose `literals` is in it is not mentioned."""
    return "".join(text.split())


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


@dataclass
class Instrument:
    name: str
    kind: str
    matcher: NameMatcher
    published: dt.date | None = None
    in_force: dt.date | None = None
    stale_from_year: int | None = None
    successor: str | None = None
    local_variants: bool = False
    note: str = ""
    aliases: list[str] = field(default_factory=list)


def _core_pattern(name: str) -> str:
    """A name, loosely: any dash, bracket width or spacing between its characters."""
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
    return "".join(parts).removesuffix(r"\s*")


def name_pattern(name: str, quoted_only: bool = False) -> str:
    """A loose pattern for a name: any dash, bracket width or spacing, with or without 《》."""
    core = _core_pattern(name)
    return rf"《\s*{core}\s*》" if quoted_only else rf"《?\s*{core}\s*》?"


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def validate_knowledge() -> None:
    base = rules_dir()
    validate(read_yaml(base / "knowledge" / "instruments.yaml", "知识库"), load_schema(base / "instruments.schema.json"), "知识库")


@lru_cache(maxsize=1)
def load() -> tuple[list[Instrument], list[tuple[NameMatcher, str, str]]]:
    data = read_yaml(rules_dir() / "knowledge" / "instruments.yaml", "知识库").data
    instruments = []
    for entry in data["instruments"]:
        names = [entry["name"], *entry.get("aliases", [])]
        matcher = NameMatcher(names, entry.get("quoted_only", False))
        instruments.append(Instrument(entry["name"], entry["kind"], matcher, _date(entry.get("published")),
                                      _date(entry.get("in_force")), entry.get("stale_from_year"),
                                      entry.get("successor"), entry.get("local_variants", False),
                                      entry.get("note", ""), entry.get("aliases", [])))
    misnomers = [(NameMatcher([m["wrong"]]), m["wrong"], m["correct"]) for m in data["misnomers"]]
    return instruments, misnomers


@lru_cache(maxsize=1)
def literal_finder() -> LiteralFinder:
    """The literals of every name in the knowledge base (see NameMatcher.literals)."""
    instruments, misnomers = load()
    return LiteralFinder([literal for matcher in [i.matcher for i in instruments] + [m for m, _, _ in misnomers]
                          for literal in matcher.literals])
