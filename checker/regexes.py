"""Compiled regular expressions kept between runs.

`re` compiles in Python (its parser and compiler are pure Python), and the checker's own
patterns, with their wide classes of Chinese characters and the rule pack's alternations, take
about a tenth of a second to compile: a third of a one-file check. What compiling produces, the
regex engine's program (a list of integers), depends only on the pattern, its flags and the
Python that compiled it. So it is kept in the cache folder (`yamlfile.cache_dir()`), in one
file per Python version and engine, and the next run hands it to the engine directly, as `re`
itself does at the end of compiling.

- A program is stored only when the pattern built from it is equal (`==` compares the engine's
  code) to what `re.compile` gives: what is stored is what `re` would have compiled.
- The engine checks a program before it accepts it. A damaged or foreign file (checksum, version,
  shape) is ignored; the patterns are compiled as usual and the file is written again.
- Only the checker's built-in patterns come here (a rule author's pattern runs on `regex`, see
  `patterns.py`). New programs are written once, when the process ends, through
  `safe_write` (a temporary file renamed into place: a reader never sees half of it). With no cache folder (FAZHI_CHECK_CACHE_DIR
  set but empty) nothing is kept, and a folder that cannot be written costs nothing but the compile.
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache

_FORMAT = 1
_MAX_ENTRIES = 5000  # the built-in patterns are about 250

_compiled: dict[tuple[str, int], re.Pattern] = {}
_stored: dict | None = None  # (pattern, flags) -> program, read from the file on first use
_added: dict = {}


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 (the name re uses)
    """re.compile(pattern, flags), from the stored program when there is one."""
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is None:
        found = _compiled[key] = _from_store(key) or _compile_and_keep(key)
    return found


def any_word(words) -> str:
    """A pattern matching what the alternation of the words, longest first, matches: at the leftmost
    position where one occurs, the longest there. Written as a trie (法治(?:政府(?:建设)?)?), so
    that at each position the engine tests one character per branch instead of every word in turn.
    Deterministic: the same words give the same text (a stored program is keyed on it)."""
    import re

    root: dict = {}
    for word in words:
        if word:
            node = root
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
    return _trie(root, re.escape)


def _trie(node: dict, escape) -> str:
    branches = [escape(char) + _trie(child, escape) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"


@lru_cache(maxsize=256)
def compile_all(patterns: tuple[str, ...]) -> list[re.Pattern]:
    """Each of a rule's patterns compiled (the list kept per tuple of patterns: rules' option
    lists do not change)."""
    return [compile(pattern) for pattern in patterns]


def _from_store(key: tuple[str, int]) -> re.Pattern | None:
    program = _store().get(key)
    if program is None:
        return None
    try:
        return _build(key[0], program)
    except (RuntimeError, TypeError, ValueError, OverflowError):  # a program the engine refuses
        _store().pop(key, None)
        return None


def _compile_and_keep(key: tuple[str, int]) -> re.Pattern:
    compiled = re.compile(*key)
    try:
        program = _program(*key)
        if _build(key[0], program) == compiled and len(_added) < _MAX_ENTRIES:
            _added[key] = program
            _store()[key] = program
    except Exception:  # noqa: BLE001 (a Python whose re works otherwise: the compile is kept, nothing stored)
        pass
    return compiled


def _program(pattern: str, flags: int) -> tuple:
    """What re._compiler.compile hands to the engine: flags, code, groups and their names."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    names = dict(parsed.state.groupdict)
    by_index = [None] * parsed.state.groups
    for name, index in names.items():
        by_index[index] = name
    return int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1, names, tuple(by_index)


def _build(pattern: str, program: tuple) -> re.Pattern:
    import _sre

    flags, code, groups, names, by_index = program
    return _sre.compile(pattern, flags, code, groups, names, by_index)


# The file ----------------------------------------------------------------------------------------

def _header() -> list:
    import _sre

    return [_FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE]


def _file():
    from checker.yamlfile import cache_dir

    folder = cache_dir()
    return folder / f"regexes-{sys.implementation.cache_tag}.marshal" if folder is not None else None


def _store() -> dict:
    global _stored
    if _stored is None:
        import atexit

        _stored = _read(_file())
        atexit.register(_write)
    return _stored


def _read(path) -> dict:
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return {}
    import marshal
    import zlib

    try:
        header, checksum, body = marshal.loads(data)
        if header != _header() or checksum != zlib.crc32(body):
            return {}
        entries = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _write() -> None:
    """The programs compiled in this run, added to what the file holds now (another process
    may have added its own meanwhile)."""
    path = _file()
    if not _added or path is None:
        return
    import marshal
    import zlib

    entries = {**_read(path), **_added}
    if len(entries) > _MAX_ENTRIES:
        entries = dict(_added)
    body = marshal.dumps(entries)
    from checker.errors import CheckerError
    from checker.safe_write import write_bytes

    try:
        os.makedirs(path.parent, mode=0o700, exist_ok=True)
        write_bytes(path, marshal.dumps((_header(), zlib.crc32(body), body)))
    except (OSError, CheckerError):  # a read-only or full cache folder: the next run compiles again
        pass
    _added.clear()
