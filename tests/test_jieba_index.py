"""The sorted jieba dictionary that format.repeated looks words up in, kept in the cache folder:
what comes back from the file is what would be built, and a damaged file is built again."""

import marshal

import pytest

from checker.kinds import repetition

WORDS = ["立体", "体系", "工作", "作风", "执行", "行政", "主任", "信访", "法治政府", "天全县", "体体", "不是词语", "天", "岗位责任制"]


def _forget() -> None:
    for cached in (repetition._jieba_index, repetition._jieba_file, repetition._index_stored, repetition._is_word):
        cached.cache_clear()
    repetition._searches[0] = 0


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", str(tmp_path))
    _forget()
    yield tmp_path
    _forget()


def _plain(word: str) -> bool:
    return any(line.split(b" ", 1)[0] == word.encode("utf-8") for line in repetition._jieba_file().split(b"\n") if line)


def test_the_stored_index_is_the_built_one_and_serves_the_first_lookups(folder, monkeypatch):
    expected = [_plain(word) for word in WORDS]
    assert sum(expected) >= 9
    built = repetition._jieba_index()
    assert repetition._index_file().is_file() and repetition._index_file().parent == folder
    _forget()
    stored = repetition._stored_index()
    assert stored[0] == built[0] and stored[1] == built[1] and stored[1].typecode == "I"

    def no_search():
        raise AssertionError("the file was searched although the index is stored")

    _forget()
    monkeypatch.setattr(repetition, "_jieba_file", no_search)  # the first lookups bisect the stored index
    assert [repetition._is_word(word) for word in WORDS] == expected
    monkeypatch.undo()


@pytest.mark.parametrize("damage", ["garbage", "other dictionary", "wrong checksum", "truncated"])
def test_a_damaged_index_file_is_built_again(folder, damage):
    built = repetition._jieba_index()
    path = repetition._index_file()
    key, checksum, joined, offsets = marshal.loads(path.read_bytes())
    if damage == "garbage":
        path.write_bytes(b"\x01\x02 not marshal")
    elif damage == "other dictionary":
        path.write_bytes(marshal.dumps(([*key[:2], key[2] + 1, *key[3:]], checksum, joined, offsets)))
    elif damage == "wrong checksum":
        path.write_bytes(marshal.dumps((key, checksum, joined[:-1] + b"x", offsets)))
    else:
        path.write_bytes(path.read_bytes()[: len(joined) // 2])
    _forget()
    assert repetition._stored_index() is None
    assert repetition._jieba_index() == built  # built again, and stored again
    _forget()
    assert repetition._stored_index() == built


def test_without_a_cache_folder_the_first_lookups_search_the_file(monkeypatch):
    monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", "")
    _forget()
    try:
        assert repetition._index_file() is None and not repetition._index_stored()
        expected = [_plain(word) for word in WORDS]
        assert [repetition._is_word(word) for word in WORDS] == expected
        assert repetition._searches[0] == len(WORDS)  # each by a search of the file: no index built
        assert repetition._jieba_index.cache_info().currsize == 0
    finally:
        _forget()
