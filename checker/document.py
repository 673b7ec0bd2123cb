"""The document model: original lines for locations, a normalised view for matching.

Every reader produces a list of `Line`s. A line is the unit a location points at: a text line
for .txt/.md/.pdf, a paragraph for .docx and .html. Rules match against `Span`s, which join
normalised lines (hard line wraps rejoined without a space) and map every offset back to the
original line number.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import InitVar, dataclass, field
from functools import lru_cache

from typing import TYPE_CHECKING

from checker import lexicon, regexes
from checker.patterns import required_literals

if TYPE_CHECKING:  # checker.columns imports this module
    from checker.columns import Written

# Sentence-final punctuation: a line ending with one of these is not hard-wrapped.
_TERMINAL = set("。！？；：”’」』）》…!?;:")
# Punctuation no line of its own starts with: a line that does continues the one before it.
_CONTINUATION = set("、，。；：！？）》」』”’…%")
FIXED_LAYOUT = ("pdf", "ofd")  # formats whose lines are a page's lines, wrapped by the layout
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_OR_PUNCT = _CJK + r"\u3000-\u303f\uff00-\uffef“”‘’《》〈〉—…·"
_SPACE_CHARS = " \t\u00a0\u3000"


@lru_cache(maxsize=2)
def _space_between(first: str = f"[{_SPACE_CHARS}]") -> re.Pattern:
    """Spaces between CJK (or CJK and Latin). Compiled on first need: its wide classes take
    about 10 ms to compile, and most lines have no space inside them. Each match starts with
    its first space and looks back at it and the character before (the plain form starts with
    the look-behind, which the regex engine tries at every position: four times slower).
    `first` " " gives the form for a text whose only space is " ": led by a literal, which the
    engine skips to several times quicker than to a member of a class."""
    space, rest = first, f"[{_SPACE_CHARS}]*"
    return regexes.compile(
        rf"{space}(?:(?<=[{_CJK_OR_PUNCT}0-9%]{space}){rest}(?=[{_CJK_OR_PUNCT}0-9])"
        rf"|(?<=[{_CJK_OR_PUNCT}]{space}){rest}(?=[A-Za-z])"
        rf"|(?<=[A-Za-z]{space}){rest}(?=[{_CJK_OR_PUNCT}]))"
    )


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_PUNCT_CHARS = ",;:?!()"
_ASCII_PUNCT = regexes.compile(f"[{_ASCII_PUNCT_CHARS}]")


def _widen_punct(match: re.Match) -> str:
    """Half-width punctuation becomes full-width, except inside numbers (1,033 or 10:30)."""
    char, text, pos = match.group(), match.string, match.start()
    if char in ",:" and 0 < pos < len(text) - 1 and text[pos - 1].isdigit() and text[pos + 1].isdigit():
        return char
    return _HALF_TO_FULL[char]


# A superset of the characters str.isdigit() holds (each is \\w), without the commonest word
# characters (letters, CJK): a comma or colon without one on each side is widened, no question asked.
_DIGIT_LIKE = r"[^\W_A-Za-z\u3400-\u9fff\uf900-\ufaff]"
# The mark first (a literal the search skips to), then: no digit-like character before it, or none after.
_LITERAL_SEPARATOR = {char: regexes.compile(char) for char in ",:"}
_FREE_SEPARATOR = {char: regexes.compile(rf"{char}(?:(?<!{_DIGIT_LIKE}{char})|(?!{_DIGIT_LIKE}))") for char in ",:"}


def _widen_all_punct(text: str, found: set[str]) -> str:
    """_ASCII_PUNCT.sub(_widen_punct, text), `found` holding the ASCII punctuation the text does.
    Every mark widens the same way wherever it stands but for , and : between digits; those are
    left to _widen_punct only where both neighbours might be digits. Each pass keeps the length,
    and no neighbour a later pass looks at is a digit before or after it."""
    separators = False
    for char in _ASCII_PUNCT_SET.intersection(found):
        if char in _FREE_SEPARATOR:
            text, separators = _FREE_SEPARATOR[char].sub(_HALF_TO_FULL[char], text), True
        else:
            text = text.replace(char, _HALF_TO_FULL[char])
    if separators:  # what is left of them stands between digit-like characters: each asked
        for char in ",:":
            if char in text:
                text = _LITERAL_SEPARATOR[char].sub(_widen_punct, text)
    return text


_NARROW = str.maketrans({chr(code): chr(code - 0xFEE0)
                         for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05, 0xFF0E]})


_WIDE_ALNUM_CHARS = "\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"  # what _NARROW maps
_SPACES = regexes.compile(f"[{_SPACE_CHARS}]+")


def _narrow_alnum(text: str) -> str:
    """Full-width digits, letters, % and . become ASCII."""
    return text.translate(_NARROW)


@lru_cache(maxsize=1)
def _residue_literals() -> tuple[str, ...] | None:
    """Literals one of which each residue match holds (None: not known)."""
    return required_literals("|".join(lexicon.load()["residue"]["strip"]))


@lru_cache(maxsize=1)
def _residue_pattern() -> tuple[re.Pattern, tuple[str, ...] | None]:
    """The residue patterns as one, and the literals one of which each match holds (None: not
    known): every line is tested, and a few substring tests (memchr fast) are the gate."""
    return regexes.compile("|".join(lexicon.load()["residue"]["strip"])), _residue_literals()


def strip_residue(text: str) -> str:
    pattern, needed = _residue_pattern()
    if needed and not any(literal in text for literal in needed):
        return text
    return pattern.sub("", text)


@lru_cache(maxsize=1)
def _residue_firsts() -> frozenset[str] | None:
    """The first character of each residue literal: a line without one holds no residue (None: not known)."""
    needed = _residue_literals()
    return frozenset(literal[0] for literal in needed) if needed else None


_WIDE_ALNUM_SET = frozenset(map(chr, _NARROW))
_ASCII_PUNCT_SET = frozenset(_ASCII_PUNCT_CHARS)
_SPACE_SET = frozenset(_SPACE_CHARS)


@lru_cache(maxsize=1)
def _work_for_normalise() -> re.Pattern:
    """Any character one of normalise's passes acts on: a residue literal's first character, a wide
    letter or digit, ASCII punctuation, a space."""
    firsts = "".join(map(re.escape, sorted(_residue_firsts() or ())))  # sorted: one pattern text for every run (regexes)
    return regexes.compile(f"[{firsts}{_WIDE_ALNUM_CHARS}{_ASCII_PUNCT_CHARS}{_SPACE_CHARS}]")


def normalise(text: str) -> str:
    """The matching view of one line: residue removed, widths unified, spaces around CJK dropped.

    One search finds the characters the passes act on, and a pass runs only when the line holds
    its characters: no pass adds a character a later pass acts on, so one that runs without need
    changes nothing and one that is skipped would have changed nothing. Most lines hold none."""
    return _normalise_with(text, set(_work_for_normalise().findall(text)))


@lru_cache(maxsize=1)
def _work_marker_or_break() -> re.Pattern:
    """A character normalise acts on, a traditional-script marker, or a line break."""
    from checker import script

    return regexes.compile(f"{_work_for_normalise().pattern[:-1]}{re.escape(script.marker_chars())}\n]")


def normalise_lines(texts: list[str]) -> tuple[list[str], set[str]]:
    """[normalise(text) for text in texts], and the traditional-script markers the texts hold.

    One search of the joined texts finds both: the characters found, cut at the line breaks,
    are each line's (a text holds no line break of its own, else each line is searched alone).
    A line without work for normalise is only stripped, as normalise does: most lines."""
    from checker import script

    joined = "\n".join(texts)
    found = "".join(_work_marker_or_break().findall(joined))
    per_line = found.split("\n")
    if _residue_firsts() is None or len(per_line) != len(texts):
        return [normalise(text) for text in texts], script.markers_in(joined)
    norms = [_normalise_found(text, chars) if chars else text.strip() for text, chars in zip(texts, per_line)]
    return norms, script.markers_in(found)


_RECURRING: dict[str, str] = {}  # text -> normalise(text), for short lines with work: a portal's lines recur
_RECURRING_MAX = 4096
_RECURRING_CHARS = 80  # furniture, bylines, headers; a paragraph seldom recurs


def _normalise_found(text: str, chars: str) -> str:
    """normalise(text), `chars` holding every character of the text the passes act on; a short
    line's kept for the next report (the store emptied when full: a bound, not an order of use)."""
    if len(text) > _RECURRING_CHARS:
        return _normalise_with(text, set(chars))
    norm = _RECURRING.get(text)
    if norm is None:
        if len(_RECURRING) >= _RECURRING_MAX:
            _RECURRING.clear()
        norm = _RECURRING[text] = _normalise_with(text, set(chars))
    return norm


def _normalise_with(text: str, found: set[str]) -> str:
    """normalise(text), given a set of the text's characters that holds every one the passes act on."""
    firsts = _residue_firsts()
    if firsts is None or not firsts.isdisjoint(found):  # residue unknown: always stripped
        text = strip_residue(text)
    elif not found:
        return text.strip()
    if not _WIDE_ALNUM_SET.isdisjoint(found):  # translate() is slow even when it changes nothing
        text = _narrow_alnum(text)
    if not _ASCII_PUNCT_SET.isdisjoint(found):
        text = _widen_all_punct(text, found)
    spaces = _SPACE_SET.intersection(found)
    if not spaces:  # most lines: nothing for the two space passes to do
        return text.strip()
    stripped = text.strip()
    if not any(space in stripped for space in spaces):  # spaces only at the ends (an indent): nothing between characters
        return stripped
    if len(spaces) == 1 and " " in spaces:  # the commonest case: only " "
        text = _space_between(" ").sub("", text)
        if "  " not in text:  # every run is one " " already
            return text.strip()
    else:
        text = _space_between().sub("", text)
    return _SPACES.sub(" ", text).strip()


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


_NARROW_RUN = regexes.compile("[\x00-\u2e7f]+")

# What is not meaningful is mostly the commonest punctuation: that is counted by str.count, so the
# regex matches only the rarer characters. CJK is \w but for a few code points (䷀, unassigned
# ones), told apart among those few matches: a class with CJK's wide ranges would take
# milliseconds to compile.
_COMMON_PUNCT = "，。、；：“”（）《》\n"
_RARE_NON_WORD = regexes.compile(rf"[^\w{_COMMON_PUNCT}]")


def visual_width(text: str) -> float:
    """Printed width in character cells: CJK and full-width forms 1, ASCII ½ (for wrap detection)."""
    text = text.strip()
    wide = len(_NARROW_RUN.sub("", text))  # counted by the regex engine, not a Python loop
    return wide + (len(text) - wide) * 0.5


@lru_cache(maxsize=256)  # several section rules measure the same (shared) section text
def meaningful_chars(text: str) -> int:
    """Characters that carry content: CJK, letters and digits (not punctuation or spaces)."""
    rare = sum(1 for char in _RARE_NON_WORD.findall(text) if not is_cjk(char))
    return len(text) - sum(map(text.count, _COMMON_PUNCT)) - rare - text.count("_")  # \w is isalnum() and "_"


@lru_cache(maxsize=1)
def _meaningful_char() -> re.Pattern:
    return regexes.compile(rf"[^\W_]|[{_CJK}]")  # what meaningful_chars counts


def has_meaningful(text: str, count: int) -> bool:
    """meaningful_chars(text) >= count, found without counting the rest of the text."""
    position = 0
    for _ in range(count):
        found = _meaningful_char().search(text, position)
        if found is None:
            return False
        position = found.end()
    return True


@dataclass(slots=True)  # a report has thousands of lines: slots make each smaller and quicker to build
class Line:
    number: int  # 1-based line (or paragraph) number in the original
    text: str  # original text, as the reader produced it
    style: str | None = None  # reader hint: "Title", "Heading 1"… (.docx, .md)
    page: int | None = None  # PDF page
    indented: bool = False  # PDF: the line starts further right than the page's text margin
    note: bool = False  # a footnote or endnote, read after the body (.docx)
    norm: str = ""
    # checker.columns.Written: the line as written in the file, when `text` is not (markup removed,
    # .md); columns are counted there. None: `text` is the written line, nothing to map (.txt).
    raw: Written | None = None

    def __post_init__(self) -> None:
        if not self.norm and self.text:  # normalise("") is ""
            self.norm = normalise(self.text)

    @property
    def blank(self) -> bool:
        return not self.norm


@dataclass
class Span:
    """A stretch of normalised text with a map from offsets back to original line numbers."""

    starts: list[int] = field(default_factory=list)  # offset where each piece starts
    numbers: list[int] = field(default_factory=list)  # line number of each piece
    _pieces: list[str] = field(default_factory=list, repr=False)
    _length: int = 0
    _text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:  # joined once: appending to a str piece by piece is quadratic
            self._text = "".join(self._pieces)
        return self._text

    def add(self, number: int, piece: str, separator: str = "") -> None:
        if self._length and separator:
            self._pieces.append(separator)
            self._length += len(separator)
        self.starts.append(self._length)
        self.numbers.append(number)
        self._pieces.append(piece)
        self._length += len(piece)
        self._text = None

    def line_at(self, offset: int) -> int | None:
        if not self.numbers:
            return None
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.numbers[max(index, 0)]

    @property
    def first_line(self) -> int | None:
        return self.numbers[0] if self.numbers else None


@dataclass
class Document:
    path: str
    format: str  # txt, md, docx, html, pdf
    lines: list[Line]
    encoding: str | None = None
    unit: str = "line"  # what a location number counts: "line" or "paragraph"
    wrap_min_chars: float = 40  # a line at least this long with no final punctuation is hard-wrapped
    meta: dict = field(default_factory=dict)  # reader facts: revisions, comments (.docx), pages (.pdf, .ofd)
    comments: list[tuple[int, str]] = field(default_factory=list)  # HTML comments (.md, .html): (line they stand before, text)
    # The traditional-script markers the lines' texts hold, when the reader found them (normalise_lines).
    script_markers: InitVar[set[str] | None] = None

    def __post_init__(self, script_markers: set[str] | None) -> None:
        self._by_number = {line.number: line for line in self.lines}
        self._numbers = [line.number for line in self.lines]
        self._index_of = {number: index for index, number in enumerate(self._numbers)}
        self._filled = [line.number for line in self.lines if line.norm]
        self._filled_index = {number: index for index, number in enumerate(self._filled)}
        self._whole: dict[bool, tuple] = {}  # the whole document joined, per view (see _cut)
        self._spans: dict[tuple, Span] = {}  # many rules join the same lines: each join is made once
        self._excerpts: dict[tuple, str] = {}
        self.script_markers = script_markers
        self._restorer = self._simplify()
        self._wrapped = self._find_wraps()

    def _simplify(self):
        """A report in traditional script is matched in simplified (checker/script.py). The matching
        view holds no marker its text does not (normalise adds no CJK): too few there, none here."""
        from checker import script

        if self.script_markers is not None and not script.enough_markers(self.script_markers):
            return None
        if not script.is_traditional("".join(line.norm for line in self.lines)):
            return None
        pairs = []
        for line in self.lines:
            simple = script.to_simplified(line.norm)
            pairs.append((simple, line.norm))
            line.norm = simple
        return script.Restorer(pairs)

    @property
    def traditional(self) -> bool:
        return self._restorer is not None

    def original_script(self, text: str | None, quoted_only: bool = False) -> str | None:
        """A text built from the matching view, in the document's own script (traditional stays
        traditional); `quoted_only`: only the parts in “…” (a message quoting the report)."""
        return self._restorer.restore(text, quoted_only) if self._restorer and text else text

    def line(self, number: int) -> Line:
        return self._by_number[number]

    def continues(self, number: int) -> bool:
        """True when line `number` is the rest of the non-blank line before it (a hard wrap)."""
        index = bisect.bisect_left(self._filled, number)
        return index > 0 and self._filled[index - 1] in self._wrapped

    def next_filled(self, number: int) -> int | None:
        """The number of the first non-blank line after line `number`."""
        index = bisect.bisect_right(self._filled, number)
        return self._filled[index] if index < len(self._filled) else None

    def is_wrapped(self, number: int) -> bool:
        """True when this line continues into the next non-blank line (a hard wrap)."""
        return number in self._wrapped

    def _find_wraps(self) -> set[int]:
        wrapped: set[int] = set()
        content = [line for line in self.lines if line.norm]  # not blank (read without the property)
        for current, following in zip(content, content[1:]):
            norm = current.norm
            if norm[-1] in _TERMINAL or not self._wide_enough(current.text):
                continue
            if following.indented or lexicon.heading_match(following.norm):
                continue
            start = following.norm[0]
            # On a laid-out page an unindented line after a full one continues it, whatever its first
            # character (“枫桥经验”, .95%); in a text file only text that cannot start a line does.
            if self.format not in FIXED_LAYOUT and not (is_cjk(start) or start.isdigit() or start in _CONTINUATION):
                continue
            if lexicon.heading_match(norm) and self.format not in FIXED_LAYOUT:
                continue  # a heading in a text file ends its line; only fixed-layout pages wrap headings
            wrapped.add(current.number)
        return wrapped

    def _wide_enough(self, text: str) -> bool:
        """visual_width(text) >= wrap_min_chars, measured only when the length cannot tell (the
        width lies between half the stripped length and the whole of it)."""
        length = len(text.strip())
        if length < self.wrap_min_chars:
            return False
        if length * 0.5 >= self.wrap_min_chars:
            return True
        return visual_width(text) >= self.wrap_min_chars

    def span(self, numbers: list[int], first_offset: int = 0, original: bool = False) -> Span:
        """Join lines for matching: wrapped lines join without a separator, others with a newline.

        `first_offset` skips the start of the first line (the heading part of a run-in heading).
        `original` joins the text as written (for typography rules) instead of the normalised view.
        The span is shared by every rule that asks for the same lines: it must not be changed.
        """
        key = (tuple(numbers), first_offset, original)
        span = self._spans.get(key)
        if span is None:
            span = self._spans[key] = self._cut(numbers, first_offset, original) or self._join(numbers, first_offset, original)
        return span

    def _cut(self, numbers: list[int], first_offset: int, original: bool) -> Span | None:
        """The span of a run of consecutive lines (blank ones may be left out), cut from the join of
        the whole document (made once per view): equal to `_join`, since a piece and the separator
        before it depend only on its line and the lines before it. None when the numbers are not
        such a run."""
        if not numbers:
            return None
        index_of = self._index_of
        first, last = index_of.get(numbers[0]), index_of.get(numbers[-1])
        if first is None or last is None:
            return None
        if last - first != len(numbers) - 1 or numbers != self._numbers[first:last + 1]:
            # blank lines add nothing to a join: the non-blank lines of a run (`content`'s) are one too
            begin, end = self._filled_index.get(numbers[0]), self._filled_index.get(numbers[-1])
            if begin is None or end is None or end - begin != len(numbers) - 1 or numbers != self._filled[begin:end + 1]:
                return None
        whole = self._whole.get(original) or self._whole.setdefault(original, self._join_whole(original))
        indexes = whole[4]
        low, high = bisect.bisect_left(indexes, first), bisect.bisect_right(indexes, last)
        if first_offset and not original and low < high and indexes[low] == first:
            if len(self.lines[first].norm) <= first_offset:  # nothing left of the first line: it is left out
                low += 1
            else:
                return self._cut_from(whole, low, high, first_offset)
        return self._cut_from(whole, low, high, 0)

    @staticmethod
    def _cut_from(whole: tuple, low: int, high: int, skip: int) -> Span:
        text, starts, ends, kept, _ = whole
        if low >= high:
            return Span([], [], [], 0)
        base = starts[low] + skip
        piece = text[base:ends[high - 1]]
        shifted = [start - base for start in starts[low:high]]
        shifted[0] = 0
        return Span(shifted, kept[low:high], [piece], len(piece), piece)

    def _join_whole(self, original: bool) -> tuple[str, list[int], list[int], list[int], list[int]]:
        """The whole document joined as `_join` joins it, with each kept piece's start, end, line
        number and index in `lines`."""
        ends: list[int] = []
        span = self._join(self._numbers, 0, original, ends)
        return span.text, span.starts, ends, span.numbers, [self._index_of[number] for number in span.numbers]

    def _join(self, numbers: list[int], first_offset: int, original: bool, ends: list[int] | None = None) -> Span:
        starts: list[int] = []
        kept: list[int] = []
        pieces: list[str] = []
        length, previous_wrapped = 0, False
        by_number, wrapped = self._by_number, self._wrapped
        for index, number in enumerate(numbers):
            line = by_number[number]
            if not line.norm:
                continue
            piece = line.text.strip() if original else (line.norm[first_offset:] if index == 0 else line.norm)
            if piece:
                if length and not previous_wrapped:
                    pieces.append("\n")
                    length += 1
                starts.append(length)
                kept.append(number)
                pieces.append(piece)
                length += len(piece)
                if ends is not None:
                    ends.append(length)
            previous_wrapped = number in wrapped
        return Span(starts, kept, pieces, length)

    def excerpt(self, number: int | None, limit: int = 60) -> str:
        key = (number, limit)
        shown = self._excerpts.get(key)
        if shown is None:  # several findings often point at one line
            line = self._by_number.get(number) if number is not None else None
            # runs of whitespace as one space, none at the ends: str.split's whitespace is re's \s
            text = " ".join(line.text.split()) if line is not None else ""
            shown = self._excerpts[key] = text if len(text) <= limit else text[: limit - 1] + "…"
        return shown
