"""repetition — accidentally doubled characters or words (配合配合, 县县, 习习近平).

A doubled unit of `units` characters (default 1 and 2) is a finding unless:
- the doubled text is in `allowed` (normal reduplication: 常常, 层层, 紧紧, 件件, 人人…);
- it is part of an AABB form (扎扎实实, 认认真真), or of one of `allowed_patterns` (regular
  expressions matched around it: 一案一卷 in 办案一案一卷);
- for a single character, the doubling sits on a word boundary, judged with jieba's word list
  (`dictionary: jieba`, searched directly, jieba is not started):
  - a word ends with the first character and another starts with the second (立体|体系,
    工作|作风, 执行|行政);
  - the first character is one of `suffix_morphemes` that close a name or a compound
    (常务会|会前, 坡子街|街道, 法治课|课程, 法规司|司长, 市|市场) and a word starts with the
    second;
  - a word ends with the first character and the second is one of `single_char_words`, words
    of one character (主任|任副主任);
  - with `segment: true`, what is still left is cut into words by jieba (started only then,
    with its full dictionary): two words of two or more characters meeting at the doubling are
    a boundary.
Options: `allowed`, `allowed_patterns`, `suffix_morphemes`, `single_char_words`, `units`,
`dictionary` (jieba | none), `segment`, `status` (default weak), `max_locations` (default 5).
A report in traditional script is compared in simplified (緊緊 is 紧紧) and quoted as written.
"""

from __future__ import annotations

import bisect
import importlib.util
import os
import re
from array import array
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
from pathlib import Path

from checker import regexes
from checker.context import Context
from checker.kinds import listed
from checker.model import Outcome, Rule

_CHARS = {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 1}}
OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "allowed": {"type": "array", "items": {"type": "string", "minLength": 2}},
        "allowed_patterns": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "suffix_morphemes": _CHARS,
        "single_char_words": _CHARS,
        "units": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 4}, "minItems": 1},
        "dictionary": {"enum": ["jieba", "none"]},
        "segment": {"type": "boolean"},
        "status": {"enum": ["weak", "fail"]},
        "max_locations": {"type": "integer", "minimum": 1},
    },
}
_CJK = r"[\u4e00-\u9fff]"
_CJK_RUN = regexes.compile(rf"{_CJK}+")
_WINDOW = 10


def patterns(options: dict) -> list[str]:
    return list(options.get("allowed_patterns", []))


def _dictionary() -> Path | None:
    """jieba's dictionary file, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    return None if spec is None or spec.origin is None else Path(spec.origin).parent / "dict.txt"


@lru_cache(maxsize=1)
def _jieba_file() -> bytes:
    """jieba's dictionary, one "word freq tag" line each."""
    dictionary = _dictionary()
    return b"\n" + dictionary.read_bytes() if dictionary else b""


@lru_cache(maxsize=1)
def _jieba_index() -> tuple[bytes, array]:
    """The dictionary's lines sorted, joined, with the offset of each: a word is looked up by
    bisection (a line sorts right after its word and a space). One joined text and an array of
    offsets hold in 7 MB what a list of the lines would hold in 25. Sorting takes some 60 ms
    (and 130 ms of CPU with the joining), a search of the file 3 ms: the index is kept in the cache
    folder, and without it the first lookups search, a batch that needs more builds it once."""
    stored = _stored_index()
    if stored is not None:
        return stored
    lines = sorted(_jieba_file().split(b"\n")[1:])
    _jieba_file.cache_clear()  # searching is over: its copy of the file is not needed any more
    starts = array("I", accumulate(map(add, map(len, lines), repeat(1)), initial=0))  # each line and its "\n"
    joined = b"\n".join(lines)
    _store_index(joined, starts)
    return joined, starts


# The index kept between runs: keyed on the dictionary file (path, size, time), checksummed.

def _index_file() -> Path | None:
    import zlib

    from checker.yamlfile import cache_dir

    folder, dictionary = cache_dir(), _dictionary()
    if folder is None or dictionary is None:
        return None
    return folder / f"jieba-index-{zlib.crc32(os.fsencode(os.path.abspath(dictionary))):08x}.marshal"


def _index_key() -> list | None:
    dictionary = _dictionary()
    try:
        info = dictionary.stat()
    except (OSError, AttributeError):  # no dictionary (None) or none to read
        return None
    return [1, os.path.abspath(dictionary), info.st_size, info.st_mtime_ns, array("I").itemsize]


@lru_cache(maxsize=1)
def _index_stored() -> bool:
    path = _index_file()
    return path is not None and path.is_file()


def _stored_index() -> tuple[bytes, array] | None:
    import marshal
    import zlib

    path = _index_file()
    if path is None:
        return None
    try:
        key, checksum, joined, offsets = marshal.loads(path.read_bytes())
        if key != _index_key() or checksum != zlib.crc32(offsets, zlib.crc32(joined)):
            return None
        starts = array("I")
        starts.frombytes(offsets)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return joined, starts


def _store_index(joined: bytes, starts: array) -> None:
    import marshal
    import zlib

    from checker.errors import CheckerError
    from checker.safe_write import write_bytes

    path, key = _index_file(), _index_key()
    if path is None or key is None:
        return
    offsets = starts.tobytes()
    try:
        os.makedirs(path.parent, mode=0o700, exist_ok=True)
        write_bytes(path, marshal.dumps((key, zlib.crc32(offsets, zlib.crc32(joined)), joined, offsets)))
    except (OSError, CheckerError):  # a read-only or full cache folder: built again next time
        pass


_SEARCHES_BEFORE_SORTING = 20
_searches = [0]


@lru_cache(maxsize=8192)
def _is_word(word: str) -> bool:
    key = word.encode("utf-8") + b" "
    if _searches[0] < _SEARCHES_BEFORE_SORTING and not _index_stored():
        _searches[0] += 1
        return b"\n" + key in _jieba_file()
    joined, starts = _jieba_index()
    count = len(starts) - 1
    at = bisect.bisect_left(range(count), key, key=lambda i: joined[starts[i]: starts[i + 1] - 1])
    return at < count and joined[starts[at]: starts[at + 1] - 1].startswith(key)


def _ends_word(text: str, start: int) -> bool:
    return any(_is_word(text[start - n + 1: start + 1]) for n in (2, 3, 4) if start - n + 1 >= 0)


def _begins_word(text: str, start: int) -> bool:
    return any(_is_word(text[start + 1: start + 1 + n]) for n in (2, 3, 4) if start + 1 + n <= len(text))


def _on_word_boundary(text: str, start: int, options: dict) -> bool:
    """text[start] == text[start+1]: does a word end at the first and another begin at the second?"""
    begins = _begins_word(text, start)
    if begins and (text[start] in options.get("suffix_morphemes", []) or _ends_word(text, start)):
        return True
    return text[start + 1] in options.get("single_char_words", []) and _ends_word(text, start)


def _segmented_boundary(text: str, start: int) -> bool:
    """jieba cuts the text around the doubling into two words of two or more characters."""
    left, right = max(0, start - _WINDOW), min(len(text), start + 1 + _WINDOW)
    # Such words are dictionary words, so without one ending at the first character and one
    # beginning at the second the answer is no, and jieba (a second to start) is not needed.
    if not (any(_is_word(text[start - n + 1: start + 1]) for n in range(2, start - left + 2))
            and any(_is_word(text[start + 1: start + 1 + n]) for n in range(2, right - start))):
        return False
    from checker.wordseg import jieba

    offset, words = left, []
    for word in jieba().cut(text[left:right], HMM=False):
        words.append((offset, word))
        offset += len(word)
    first = next(((o, w) for o, w in words if o <= start < o + len(w)), None)
    second = next(((o, w) for o, w in words if o <= start + 1 < o + len(w)), None)
    return bool(first and second and first != second and len(first[1]) >= 2 and len(second[1]) >= 2)


def _aabb(text: str, start: int) -> bool:
    after = text[start + 2: start + 4]
    before = text[max(0, start - 2): start]
    return (len(after) == 2 and after[0] == after[1]) or (len(before) == 2 and before[0] == before[1])


def _pattern_allows(text: str, start: int, unit: int, options: dict) -> bool:
    window_start = max(0, start - 3)
    window = text[window_start: start + 2 * unit + 3]
    for pattern in options.get("allowed_patterns", []):
        for match in re.finditer(pattern, window):
            if match.start() + window_start <= start + 2 * unit - 1 and match.end() + window_start > start:
                return True
    return False


@lru_cache(maxsize=8)
def _lane_masks(width: int, lanes: int) -> tuple[int, int]:
    """For lanes of `width` bytes: every bit of each lane but its top one, and the top bits alone."""
    top = int.from_bytes((bytes(width - 1) + b"\x80") * lanes, "little")
    return top - (top >> (8 * width - 1)), top


@lru_cache(maxsize=1)  # each unit looks at the same text
def _lanes(text: str) -> tuple[int, int]:
    """The text as one integer, a character in each lane (of 16 bits, 32 beyond the BMP), and the lane width in bytes."""
    encoded = text.encode("utf-16-le")
    if len(encoded) != 2 * len(text):  # a character beyond the BMP takes two UTF-16 units
        return int.from_bytes(text.encode("utf-32-le"), "little"), 4
    return int.from_bytes(encoded, "little"), 2


def _repeat_offsets(text: str, unit: int):
    """Each offset where `unit` characters are followed by the same ones, in order. The whole text
    is compared with itself `unit` characters on in a few operations on one integer (a lane is 0
    where the characters are equal) instead of a regex tried at every position."""
    codes, width = _lanes(text)
    bits = 8 * width
    low, top = _lane_masks(width, 1 << len(text).bit_length())  # more lanes than characters; a power of 2 keeps few masks
    diff = codes ^ (codes >> (bits * unit))
    unequal = (((diff & low) + low) | diff) & top  # a lane's top bit: its characters differ (no carry leaves a lane)
    differs = unequal
    for step in range(1, unit):  # the doubling at i needs lanes i … i+unit-1 equal
        differs |= unequal >> (bits * step)
    flags = differs.to_bytes(width * len(text), "little")[width - 1::width]  # a byte a character: 0 where equal
    last = len(text) - 2 * unit
    offset = flags.find(0)
    while 0 <= offset <= last:
        yield offset
        offset = flags.find(0, offset + 1)


def _doublings(text: str, unit: int):
    """(offset, unit text) of every doubled run of `unit` CJK characters, overlapping ones too."""
    for start in _repeat_offsets(text, unit):
        if _CJK_RUN.fullmatch(text, start, start + unit):
            yield start, text[start: start + unit]


def _findings(text: str, options: dict) -> list[tuple[int, str]]:
    allowed = set(options.get("allowed", []))
    use_dictionary = options.get("dictionary", "jieba") == "jieba"
    found = []
    for unit in options.get("units", [1, 2]):
        for start, repeated in _doublings(text, unit):
            doubled = repeated * 2
            if doubled in allowed or (unit == 1 and _aabb(text, start)) or _pattern_allows(text, start, unit, options):
                continue
            if unit == 1 and use_dictionary and _on_word_boundary(text, start, options):
                continue
            if unit == 1 and options.get("segment") and _segmented_boundary(text, start):
                continue
            found.append((start, doubled))
    return sorted(found)


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    span = ctx.doc.span(ctx.structure.content)
    findings = [(span.line_at(offset), doubled) for offset, doubled in _findings(span.text, rule.options)]
    return listed(ctx, [(line, f"“{doubled}”") for line, doubled in findings], rule.options.get("status", "weak"),
                  rule.options.get("max_locations", 5), "、")
