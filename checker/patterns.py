"""Rule patterns run on the `regex` engine with a time limit: a catastrophic pattern in a custom
rule is stopped and reported, and the rest of the run continues."""

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


def finditer(pattern: str, text: str) -> list:
    try:
        return list(compile_pattern(pattern).finditer(text, timeout=TIMEOUT_SECONDS))
    except TimeoutError:
        raise PatternTimeout(pattern) from None


def search(pattern: str, text: str):
    try:
        return compile_pattern(pattern).search(text, timeout=TIMEOUT_SECONDS)
    except TimeoutError:
        raise PatternTimeout(pattern) from None
