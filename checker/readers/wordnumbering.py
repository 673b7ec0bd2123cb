"""Word automatic numbering (numbering.xml) rendered as Word shows it: 一、（一）1.（1）①.

A paragraph is numbered by its own `w:numPr` or by its style's (through `w:basedOn`); `w:num`
instances point at an `w:abstractNum` (possibly through `w:numStyleLink` → a numbering style →
another `w:num`). Counters belong to the abstract list, so instances of one list continue each
other; a `w:lvlOverride/w:startOverride` restarts the level when its instance is first used.
A level restarts after any higher level unless `w:lvlRestart` says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9


def _val(element, name: str) -> str | None:
    found = element.find(W + name) if element is not None else None
    return None if found is None else found.get(W + "val")


def _int(text: str | None, default: int | None = None) -> int | None:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never; None any higher
    legal: bool = False  # w:isLgl: every %n shown as a decimal number
    suffix: str = "tab"
    style: str | None = None  # w:pStyle: the paragraph style linked to this level


def _level(element) -> Level:
    level = Level()
    level.start = _int(_val(element, "start"), 1)
    level.fmt = _val(element, "numFmt") or "decimal"
    text = element.find(W + "lvlText")
    level.text = "" if text is None else (text.get(W + "val") or "")
    level.restart = _int(_val(element, "lvlRestart"))
    legal = element.find(W + "isLgl")
    level.legal = legal is not None and legal.get(W + "val", "true") not in ("0", "false", "off")
    level.suffix = _val(element, "suff") or "tab"
    level.style = _val(element, "pStyle")
    return level


# Number formats -------------------------------------------------------------------------------

_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def _counting(n: int, digits: str, units: str, zero: str, ten_alone: bool) -> str:
    """Chinese counting numerals: 十一, 二十, 一百零五 (below 10,000; larger numbers stay decimal)."""
    if n <= 0 or n >= 10000:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20 and ten_alone:
        return units[0] + (digits[n % 10] if n % 10 else "")
    parts, pending_zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit:
            if pending_zero and parts:
                parts.append(zero)
            parts.append(digits[digit] + unit)
            pending_zero = False
        elif parts:
            pending_zero = True
    return "".join(parts)


def _letters(n: int, upper: bool) -> str:
    if n <= 0:
        return str(n)
    letter = chr((ord("A") if upper else ord("a")) + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)  # Word repeats the letter: Z, AA, BB


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, symbol in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(symbol)
            n -= value
    return "".join(out)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _enclosed(n: int, first: int, last: int) -> str:
    return chr(first + n - 1) if 1 <= n <= last else str(n)


def _series(n: int, symbols: str) -> str:
    return symbols[n - 1] if 1 <= n <= len(symbols) else str(n)


_FORMATS = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "decimalFullWidth": lambda n: str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"}),
    "decimalFullWidth2": lambda n: str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"}),
    "decimalEnclosedCircle": lambda n: _enclosed(n, 0x2460, 20),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(n, 0x2460, 20),
    "decimalEnclosedParen": lambda n: _enclosed(n, 0x2474, 20),
    "decimalEnclosedFullstop": lambda n: _enclosed(n, 0x2488, 20),
    "ideographEnclosedCircle": lambda n: _enclosed(n, 0x3280, 10),
    "ideographParenthesized": lambda n: _enclosed(n, 0x3220, 10),
    "chineseCounting": lambda n: _counting(n, _DIGITS, "十百千", "〇", True),
    "chineseCountingThousand": lambda n: _counting(n, _DIGITS, "十百千", "零", True),
    "taiwaneseCounting": lambda n: _counting(n, _DIGITS, "十百千", "〇", True),
    "taiwaneseCountingThousand": lambda n: _counting(n, _DIGITS, "十百千", "零", True),
    "japaneseCounting": lambda n: _counting(n, _DIGITS, "十百千", "", True),
    "chineseLegalSimplified": lambda n: _counting(n, _LEGAL_DIGITS, "拾佰仟", "零", False),
    "ideographLegalTraditional": lambda n: _counting(n, "零壹貳參肆伍陸柒捌玖", "拾佰仟", "零", False),
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n),
    "taiwaneseDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n),
    "ideographTraditional": lambda n: _series(n, "甲乙丙丁戊己庚辛壬癸"),
    "ideographZodiac": lambda n: _series(n, "子丑寅卯辰巳午未申酉戌亥"),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: _letters(n, True),
    "lowerLetter": lambda n: _letters(n, False),
    "ordinal": _ordinal,
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """One counter value in a w:numFmt; formats outside the table (cardinalText, koreanCounting…) show as decimals."""
    return _FORMATS.get(fmt, str)(n)


# The numbering part ---------------------------------------------------------------------------

class Numbering:
    """The numbering definitions of one document and the running counters while it is read."""

    def __init__(self, root, styles) -> None:
        self.styles = styles
        self.abstracts: dict[str, dict] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        if root is not None:
            for element in root.iter(W + "abstractNum"):
                levels = {_int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in element.findall(W + "lvl")}
                self.abstracts[element.get(W + "abstractNumId")] = {
                    "levels": levels, "numStyleLink": _val(element, "numStyleLink"), "styleLink": _val(element, "styleLink")}
            for element in root.iter(W + "num"):
                starts, overrides = {}, {}
                for override in element.findall(W + "lvlOverride"):
                    ilvl = _int(override.get(W + "ilvl"), 0)
                    start = _int(_val(override, "startOverride"))
                    if start is not None:
                        starts[ilvl] = start
                    lvl = override.find(W + "lvl")
                    if lvl is not None:
                        overrides[ilvl] = _level(lvl)
                self.nums[element.get(W + "numId")] = (_val(element, "abstractNumId"), starts, overrides)
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()

    def _abstract(self, num_id: str, depth: int = 0) -> str | None:
        """The abstract list that defines a numbering instance's levels (following numStyleLink)."""
        entry = self.nums.get(num_id)
        if entry is None or entry[0] not in self.abstracts:
            return None
        abstract_id = entry[0]
        link = self.abstracts[abstract_id]["numStyleLink"]
        if link and depth < 5:
            linked = self.styles.numbering_of(link)
            if linked and linked[0] != num_id:
                return self._abstract(linked[0], depth + 1) or abstract_id
        return abstract_id

    def _levels(self, abstract_id: str, num_id: str) -> dict[int, Level]:
        levels = dict(self.abstracts[abstract_id]["levels"])
        levels.update(self.nums[num_id][2])
        return levels

    def label(self, num_id: str | None, ilvl: int | None, style_id: str | None) -> str:
        """The number Word shows before this paragraph (advancing the counters), or ""."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id = self._abstract(num_id)
        if abstract_id is None:
            return ""
        levels = self._levels(abstract_id, num_id)
        if ilvl is None:
            ilvl = next((i for i, lvl in levels.items() if style_id and lvl.style == style_id), 0)
        ilvl = min(max(ilvl, 0), LEVELS - 1)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * LEVELS)
        starts = self.nums[num_id][1]  # this instance's start overrides
        if num_id not in self.used:
            self.used.add(num_id)
            for restarted in starts:
                if 0 <= restarted < LEVELS:
                    counters[restarted] = None

        def start_of(index: int) -> int:
            return starts.get(index, levels[index].start if index in levels else 1)

        counters[ilvl] = start_of(ilvl) if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, LEVELS):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                counters[deeper] = None
        if level.fmt == "bullet":
            return ""  # a bullet glyph (often a private-use Symbol character) is not report text

        def render(index: int) -> str:
            value = counters[index] if counters[index] is not None else start_of(index)
            fmt = levels[index].fmt if index in levels else "decimal"
            if level.legal and fmt not in ("none",):
                fmt = "decimal"
            return format_number(value, fmt)

        text = level.text
        for index in range(LEVELS - 1, -1, -1):  # %1 before %10-like clashes cannot happen: at most %9
            marker = f"%{index + 1}"
            if marker in text:
                text = text.replace(marker, render(index))
        if not text:
            return ""
        if level.suffix == "nothing" or ord(text[-1]) >= 0x2460:
            return text  # 一、 （一） ① ⑴: the number carries its own separation
        return text + " "
