"""Compiled regular expressions kept between runs (checker/regexes.py): what comes from the
store is what re.compile gives, and a damaged store costs nothing but the compile."""

import importlib
import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker import regexes

ROOT = Path(__file__).resolve().parent.parent

# Wide classes, groups and names, flags, look-arounds: what the checker's patterns use.
PATTERNS = [
    (r"[\u4e00-\u9fff]+", 0), (r"(?P<year>(?:19|20)\d{2})\s*年", 0), (r"(?i)todo|fixme", 0),
    (r"[^\W_]|[\u3400-\u4dbf]", 0), (r"(?<![\d.])\d+(?:\.\d+)?%", 0), ("^第[一二三四五六七八九十]+章", re.MULTILINE),
    (r"(a)(b)?(?P<c>c)", 0), ("《[^》]{2,40}》", 0),
]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """The module as a new process has it, with its store in a folder of the test's own."""
    monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", str(tmp_path))
    module = importlib.reload(regexes)
    yield module, tmp_path
    module._added.clear()
    importlib.reload(regexes)


def _restart(module):
    """What the next process sees: the store written, the module's memory emptied."""
    module._write()
    module._compiled.clear()
    module._stored = None


def test_patterns_from_the_store_are_those_re_compiles(fresh, monkeypatch):
    module, folder = fresh
    first = [module.compile(p, f) for p, f in PATTERNS]
    assert first == [re.compile(p, f) for p, f in PATTERNS]
    _restart(module)
    assert [path.name for path in folder.iterdir()] == [f"regexes-{sys.implementation.cache_tag}.marshal"]

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled although stored")

    monkeypatch.setattr(re, "compile", no_compiling)
    again = [module.compile(p, f) for p, f in PATTERNS]
    monkeypatch.undo()
    for (pattern, flags), built in zip(PATTERNS, again):
        plain = re.compile(pattern, flags)
        assert built == plain and built.groupindex == plain.groupindex and built.flags == plain.flags
    assert again[1].search("始于2023 年").group("year") == "2023"
    assert again[5].findall("序\n第三章 总则\n第十章") == ["第三章", "第十章"]


def test_the_checkers_own_patterns_come_back_equal_from_the_store(fresh):
    module, _ = fresh
    from checker.config import load_setup
    from checker.kinds import get

    _, rules = load_setup(None)
    patterns = sorted({p for rule in rules if rule.builtin for p in getattr(get(rule.kind), "patterns", lambda o: [])(rule.options)})
    assert len(patterns) > 40
    for pattern in patterns:
        module.compile(pattern)
    _restart(module)
    stored = module._store()
    assert set(patterns) <= {pattern for pattern, _ in stored}
    for pattern in patterns:
        assert module.compile(pattern) == re.compile(pattern), pattern


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other python", "wrong checksum", "bad program", "not a dict"])
def test_a_damaged_store_is_ignored_and_written_again(fresh, damage):
    module, folder = fresh
    for pattern, flags in PATTERNS:
        module.compile(pattern, flags)
    _restart(module)
    path = module._file()
    header, checksum, body = marshal.loads(path.read_bytes())
    entries = marshal.loads(body)
    if damage == "garbage":
        path.write_bytes(b"\x00\xffnot marshal at all")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "other python":
        path.write_bytes(marshal.dumps(([header[0], "2.7.18", *header[2:]], checksum, body)))
    elif damage == "wrong checksum":
        path.write_bytes(marshal.dumps((header, checksum ^ 1, body)))
    elif damage == "bad program":  # a program the engine refuses, with a valid checksum
        broken = {key: (program[0], [999999] * 8, *program[2:]) for key, program in entries.items()}
        body = marshal.dumps(broken)
        import zlib

        path.write_bytes(marshal.dumps((header, zlib.crc32(body), body)))
    else:
        body = marshal.dumps([1, 2, 3])
        import zlib

        path.write_bytes(marshal.dumps((header, zlib.crc32(body), body)))
    assert [module.compile(p, f) for p, f in PATTERNS] == [re.compile(p, f) for p, f in PATTERNS]
    _restart(module)
    assert module._read(path).keys() == entries.keys()  # written again, whole


def test_without_a_cache_folder_nothing_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", "")
    module = importlib.reload(regexes)
    try:
        assert module.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])
        module._write()
        assert module._file() is None
    finally:
        module._added.clear()
        importlib.reload(regexes)


def test_a_folder_that_cannot_be_written_costs_nothing_but_the_compile(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", str(blocked / "cache"))
    module = importlib.reload(regexes)
    try:
        assert module.compile(*PATTERNS[1]) == re.compile(*PATTERNS[1])
        module._write()  # no error
        assert blocked.read_text() == "x"
    finally:
        module._added.clear()
        importlib.reload(regexes)


def test_a_check_stores_its_programs_when_it_ends_and_the_next_check_uses_them(tmp_path):
    env = {"FAZHI_CHECK_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    count = ("import sys, re, runpy; from re import _compiler; calls = [0]; plain = _compiler.compile\n"
             "def counted(*a, **k):\n    calls[0] += 1\n    return plain(*a, **k)\n"
             "_compiler.compile = counted\n"
             "import atexit; atexit.register(lambda: print('COMPILED', calls[0], file=sys.stderr))\n"
             f"sys.argv = ['fazhi-check', 'check', '--format', 'json', {str(seed)!r}]\n"
             "runpy.run_module('checker', run_name='__main__')")
    runs = [subprocess.run([sys.executable, "-c", count], env=env, capture_output=True, text=True) for _ in range(2)]
    compiled = [int(run.stderr.rsplit("COMPILED", 1)[1].split()[0]) for run in runs]
    assert runs[0].stdout == runs[1].stdout and runs[0].returncode == runs[1].returncode
    assert (tmp_path / f"regexes-{sys.implementation.cache_tag}.marshal").is_file()
    assert compiled[1] < compiled[0] - 5, compiled


def test_the_pattern_texts_are_the_same_whatever_the_hash_seed(tmp_path):
    """A pattern built from a set (literal alternations, character classes) is written in a fixed
    order: otherwise every process would store new programs and the file would only grow."""
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    stored = []
    for hash_seed in ("1", "2", "3"):
        env = {"FAZHI_CHECK_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", str(seed)], env=env, capture_output=True, check=False)
        stored.append(set(regexes._read(tmp_path / f"regexes-{sys.implementation.cache_tag}.marshal")))
    assert len(stored[0]) > 150
    assert stored[0] == stored[1] == stored[2]


# Word alternations written as a trie (regexes.any_word) ----------------------------------------

def _longest_first(words):
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda word: (-len(word), word))))


def test_a_word_trie_is_written_as_expected():
    assert regexes.any_word(["法治", "法治政府", "法治政府建设", "法院", "a.b"]) == r"(?:a\.b|法(?:治(?:政府(?:建设)?)?|院))"
    assert regexes.any_word(["件", "件次"]) == "件次?"
    assert regexes.any_word(["", "是"]) == "是"


def test_a_word_trie_matches_what_the_longest_first_alternation_matches():
    """Same spans with finditer and search, and inside a group followed by more pattern (where the
    engine backtracks into shorter words), over random words sharing prefixes."""
    import random

    chance = random.Random(20261201)
    alphabet = "法治政府建设中华人民"
    for _ in range(2000):
        words = sorted({"".join(chance.choice(alphabet) for _ in range(chance.randint(1, 4))) for _ in range(chance.randint(1, 8))})
        plain, trie = _longest_first(words), re.compile(regexes.any_word(words))
        plain_tail, trie_tail = re.compile(f"({plain.pattern})治"), re.compile(f"({trie.pattern})治")
        for _ in range(4):
            text = "".join(chance.choice(alphabet + "x") for _ in range(30))
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], (words, text)
            assert [m.span(1) for m in trie_tail.finditer(text)] == [m.span(1) for m in plain_tail.finditer(text)], (words, text)


def test_the_instrument_literals_as_a_trie_find_what_the_alternation_finds():
    from checker.knowledge import literal_finder

    finder = literal_finder()
    words = [w for w in finder._literals if w]
    plain = _longest_first(words)
    text = "".join(sorted(ROOT.joinpath("seeds").glob("*.txt"))[0].read_text(encoding="utf-8").split())
    found = [m.group() for m in finder._pattern.finditer(text)]
    assert found and found == [m.group() for m in plain.finditer(text)]
