"""Rule patterns. Custom rules' patterns run on the `regex` engine with a time limit: a
catastrophic pattern is stopped and reported, and the rest of the run continues. The built-in
pack's patterns are reviewed and tested, and run on `re`, which starts faster."""

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


@lru_cache(maxsize=512)
def _trusted(pattern: str):
    import re

    return re.compile(pattern)


def finditer(pattern: str, text: str, bounded: bool = True) -> list:
    if not bounded:
        return list(_trusted(pattern).finditer(text))
    try:
        return list(compile_pattern(pattern).finditer(text, timeout=TIMEOUT_SECONDS))
    except TimeoutError:
        raise PatternTimeout(pattern) from None


def search(pattern: str, text: str, bounded: bool = True):
    if not bounded:
        return _trusted(pattern).search(text)
    try:
        return compile_pattern(pattern).search(text, timeout=TIMEOUT_SECONDS)
    except TimeoutError:
        raise PatternTimeout(pattern) from None
