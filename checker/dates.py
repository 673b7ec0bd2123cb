"""Parsing the 成文日期 in the forms real reports use, complete or not."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from checker import regexes
from checker.numerals import chinese_to_int

_HANZI_DIGIT = "〇○零一二三四五六七八九Ｏ"
_HANZI_NUM = "一二三四五六七八九十"
_ARABIC = regexes.compile(r"^(?P<y>\d{4})\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?)?$")
_HANZI = regexes.compile(rf"^(?P<y>[{_HANZI_DIGIT}]{{4}})年(?:(?P<m>[{_HANZI_NUM}]{{1,2}})月(?:(?P<d>[{_HANZI_NUM}]{{1,3}})日)?)?$")
_NUMERIC = regexes.compile(r"^(?P<y>\d{4})(?P<sep>[-./])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?$")
_DIGITS_ONLY = regexes.compile(r"^(?P<y>(?:19|20)\d{2})(?P<rest>\d{1,4})$")
_STYLES = {"-": "iso", ".": "dotted", "/": "slashed"}


@dataclass
class DateInfo:
    text: str  # as written, brackets removed
    line: int | None = None
    style: str = "arabic"  # arabic | hanzi | iso | dotted | slashed | digits
    year: int | None = None
    month: int | None = None
    day: int | None = None
    padded: bool = False  # 2021年01月05日
    malformed: bool = False  # digits that cannot be read as one date (2025128)
    candidates: list[dt.date] = field(default_factory=list)  # readings of a malformed date

    @property
    def complete(self) -> bool:
        return self.iso is not None

    @property
    def iso(self) -> str | None:
        if self.malformed or None in (self.year, self.month, self.day):
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def status(self) -> str:
        if self.malformed:
            return "malformed"
        return "complete" if self.complete else "incomplete"

    def possible_range(self) -> tuple[dt.date, dt.date] | None:
        """The earliest and latest day the text can mean, or None when nothing is known."""
        if self.malformed:
            return (min(self.candidates), max(self.candidates)) if self.candidates else None
        if self.year is None:
            return None
        if self.month is None:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        if self.day is None:
            last = (dt.date(self.year + self.month // 12, self.month % 12 + 1, 1) - dt.timedelta(days=1)).day
            return dt.date(self.year, self.month, 1), dt.date(self.year, self.month, last)
        day = dt.date(self.year, self.month, self.day)
        return day, day


def _valid(year: int, month: int | None, day: int | None) -> bool:
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True


def _digit_readings(year: int, rest: str) -> list[dt.date]:
    """2025128 → 2025-1-28 and 2025-12-8: every way the digits after the year split into month and day."""
    readings = []
    for cut in range(1, len(rest)):
        month, day = int(rest[:cut]), int(rest[cut:])
        if rest[cut] != "0" or len(rest) - cut == 2:
            if _valid(year, month, day) and month >= 1 and day >= 1:
                readings.append(dt.date(year, month, day))
    return sorted(set(readings))


def parse_date(raw: str, line: int | None = None) -> DateInfo | None:
    """A date line, or None if the text is not date-shaped at all."""
    text = re.sub(r"\s+", "", raw).strip("（）()[]【】 ")
    if not text or len(text) > 16:
        return None
    match = _ARABIC.match(text)
    if match:
        return _build(text, line, "arabic", match)
    match = _HANZI.match(text)
    if match:
        return _build(text, line, "hanzi", match)
    match = _NUMERIC.match(text)
    if match:
        return _build(text, line, _STYLES[match.group("sep")], match)
    match = _DIGITS_ONLY.match(text)
    if match:
        year, rest = int(match.group("y")), match.group("rest")
        return DateInfo(text, line, "digits", year, malformed=True, candidates=_digit_readings(year, rest))
    return None


def trailing_date(text: str) -> tuple[str, str] | None:
    """(what comes before, the date) of a line that ends with a date after some other text
    ("区信访办公室2021年1月28日", "…办公室 2021年1月28日"), or None."""
    text = text.rstrip()
    for start in range(max(1, len(text) - 16), len(text)):  # the longest date-shaped end first
        if text[start - 1:start].isdigit() or text[start - 1:start] in _HANZI_DIGIT:
            continue  # a date does not start inside a number
        date = parse_date(text[start:])
        if date is not None and not date.malformed and date.month is not None:
            before = text[:start].strip()
            return (before, text[start:]) if before else None
    return None


def _build(text: str, line: int | None, style: str, match: re.Match) -> DateInfo:
    parts = [match.group("y"), match.group("m"), match.group("d")]
    year, month, day = (chinese_to_int(p) if p else None for p in parts)
    padded = any(p and p.isdigit() and len(p) == 2 and p.startswith("0") for p in parts[1:])
    if year is None or not _valid(year, month, day) or (month is not None and not 1 <= month <= 12):
        return DateInfo(text, line, style, year, malformed=True)
    return DateInfo(text, line, style, year, month, day, padded)  # positional: quicker than a keyword
