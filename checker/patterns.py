"""Rule patterns. Custom rules' patterns run on the `regex` engine with a time limit: a
catastrophic pattern is stopped and reported, and the rest of the run continues. The built-in
pack's patterns are reviewed and tested, and run on `re`, which starts faster.

Most patterns match nothing in most reports, and a regex that does not begin with a fixed
character is tried at every position. So each pattern is first read (by `re`'s own parser) for
the literals one of which every match must contain (“政府信息公开” in 政府信息公开工作(?:年度)?报告,
any of TODO/FIXME/TBD); when none is in the text, the pattern is not run. A pattern with no such
literal, or with case-insensitive parts, always runs. Only the built-in patterns are read so: a
custom one may use `regex` syntax that `re` would read differently ({e<=1} as literal text)."""

from __future__ import annotations

from functools import lru_cache

TIMEOUT_SECONDS = 2.0


class PatternTimeout(Exception):
    def __init__(self, pattern: str):
        super().__init__(pattern)
        self.pattern = pattern


@lru_cache(maxsize=512)
def compile_pattern(pattern: str):
    import regex

    return regex.compile(pattern)


_TRUSTED: dict[str, tuple] = {}  # built-in pattern -> (compiled, its required literals)


def _trusted(pattern: str) -> tuple:
    """A built-in pattern compiled, with `required_literals`: one lookup per call (the filtered
    patterns are called some hundred times a report)."""
    entry = _TRUSTED.get(pattern)
    if entry is None:
        from checker import regexes

        if len(_TRUSTED) > 4096:  # patterns filled with a report's year are few, but keep it bounded
            _TRUSTED.clear()
        entry = _TRUSTED[pattern] = (regexes.compile(pattern), required_literals(pattern))
    return entry


def _absent(needed: tuple[str, ...] | None, text: str) -> bool:
    """None of the literals is in the text (False when nothing is known)."""
    if needed is None:
        return False
    for literal in needed:
        if literal in text:
            return False
    return True


_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _required(items) -> tuple[str, ...] | None:
    """Literals one of which every match of this sequence of parsed items contains, or None."""
    from re import _constants as c

    best: tuple[str, ...] | None = None

    def consider(found: tuple[str, ...] | None) -> None:
        nonlocal best
        if found and all(found) and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    run = ""
    for op, value in items:
        if op is c.LITERAL:
            run += chr(value)
            continue
        consider((run,))
        run = ""
        if op is c.SUBPATTERN:
            _, added, _, inner = value
            if added & c.SRE_FLAG_IGNORECASE:
                return None
            consider(_required(inner))
        elif op is c.BRANCH:
            options = [_required(alternative) for alternative in value[1]]
            if all(options):
                consider(tuple(dict.fromkeys(literal for option in options for literal in option)))
        elif op.name in _REPEATS and value[0] >= 1:
            consider(_required(value[2]))
        elif op is c.IN:
            consider(_class_chars(value))
    consider((run,))
    return best


def _class_chars(items) -> tuple[str, ...] | None:
    """The characters (at most 8: more `in` tests would cost what the regex does) of a small, positive character class ([?？], [\u200b\ufeff]), or None."""
    from re import _constants as c

    chars: list[str] = []
    for op, value in items:
        if op is c.LITERAL:
            chars.append(chr(value))
        elif op is c.RANGE and value[1] - value[0] < 8:
            chars += [chr(code) for code in range(value[0], value[1] + 1)]
        else:  # a negated class, a category (\d), a wide range: too many characters to look for
            return None
    return tuple(chars) if len(chars) <= 8 else None


@lru_cache(maxsize=1024)
def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Literals one of which every match of the pattern contains (None: nothing known)."""
    from re import _parser

    try:
        parsed = _parser.parse(pattern)
    except Exception:  # a pattern `re` cannot read (regex-only syntax): always run it
        return None
    if parsed.state.flags & _parser.SRE_FLAG_IGNORECASE:
        return None
    return _required(parsed.data)


def cannot_match(pattern: str, text: str) -> bool:
    return _absent(required_literals(pattern), text)


def finditer(pattern: str, text: str, bounded: bool = True) -> list:
    if not bounded:
        compiled, needed = _trusted(pattern)
        return [] if _absent(needed, text) else list(compiled.finditer(text))
    try:
        return list(compile_pattern(pattern).finditer(text, timeout=TIMEOUT_SECONDS))
    except TimeoutError:
        raise PatternTimeout(pattern) from None


def search(pattern: str, text: str, bounded: bool = True):
    if not bounded:
        compiled, needed = _trusted(pattern)
        return None if _absent(needed, text) else compiled.search(text)
    try:
        return compile_pattern(pattern).search(text, timeout=TIMEOUT_SECONDS)
    except TimeoutError:
        raise PatternTimeout(pattern) from None
