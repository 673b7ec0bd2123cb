"""Safe YAML loading with line numbers, and JSON Schema validation that names file, line and key.

The built-in files (rule pack, default configuration, parser words, knowledge bases) are parsed
once and kept in the user's cache folder (`ParsedCache`): a check that finds them there imports
neither PyYAML nor parses anything, which is most of what start-up would otherwise spend on YAML.
An entry is used only for the exact text it was parsed from, so any edit of a file (whatever its
size or time stamps say) parses it again.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker.errors import RuleError


@lru_cache(maxsize=None)
def _loader_class():
    """Safe loading, with dates kept as text: a rule author's 2027-02-30 is a clear error, not a
    crash. Built on first use, so that a start-up served from the cache never imports PyYAML."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10× faster

    class Loader(base):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


MAX_BYTES = 10 * 1024 * 1024  # a rule file or configuration is a few KB
MAX_ALIASES = 100  # aliases (*name) in one file
MAX_NODES = 100_000  # nodes once every alias is expanded (the built-in pack's largest file has 431)
MAX_SHOWN = 120  # characters of a value quoted in an error message


class YamlProblem(Exception):
    """What makes a file that parses unusable, at a line: `code` and `text` for the message."""

    code = "yaml-invalid"

    def __init__(self, line: int, text: str):
        super().__init__(text)
        self.line, self.text = line, text


class AliasBomb(YamlProblem):
    """Aliases that expand beyond the budget, or refer to themselves."""

    code = "yaml-aliases"


class DuplicateKey(YamlProblem):
    """A key written twice in one mapping: YAML forbids it, and PyYAML would keep the last silently
    (a second `rules:` block drops the first)."""

    code = "yaml-duplicate-key"


def cut(text: str, limit: int = MAX_SHOWN) -> str:
    """A value short enough for a one-line error message."""
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 个字符）"


def _alias_budget(text: str) -> None:
    """Walk the events once and refuse what would expand past MAX_ALIASES or MAX_NODES, before
    anything is built (an alias is cheap to parse; its expansion is what validation walks)."""
    import yaml

    sizes: dict[str, int] = {}  # anchor → nodes it expands to
    stack: list[list] = [[None, 0]]  # open collections: [anchor, nodes so far]
    aliases = 0
    for event in yaml.parse(text, Loader=_loader_class()):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            line = event.start_mark.line + 1
            if any(anchor == event.anchor for anchor, _ in stack):
                raise AliasBomb(line, f"别名 *{cut(event.anchor, 40)} 引用了包含它自身的内容。请删除这个循环引用")
            if aliases > MAX_ALIASES:
                raise AliasBomb(line, f"别名（*）超过 {MAX_ALIASES} 个。请直接写出内容，少用锚点和别名")
            stack[-1][1] += sizes.get(event.anchor, 1)
            if sum(count for _, count in stack) > MAX_NODES:
                raise AliasBomb(line, f"别名 *{cut(event.anchor, 40)} 展开后整个文件超过 {MAX_NODES} 个节点。请不要层层嵌套锚点和别名（& 与 *）")
        elif isinstance(event, yaml.ScalarEvent):
            stack[-1][1] += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([event.anchor, 1])
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, count = stack.pop()
            if anchor:
                sizes[anchor] = count
            stack[-1][1] += count


def _parse(text: str) -> tuple[Any, object]:
    """One parse: the line tree (see `_lines`) and the data built from the same nodes."""
    if "&" in text:  # no anchor, no alias: the common case pays nothing
        _alias_budget(text)
    loader = _loader_class()(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        if ">" in text:
            _refold(root, text)
        return _lines(root), loader.construct_document(root)
    finally:
        loader.dispose()


def _lines(root) -> Any:
    """The nodes' line numbers in plain lists (what the cache can hold): a scalar is its 1-based
    line; a sequence [line, [items]]; a mapping [line, [values], [keys]], keys as written."""
    from yaml import MappingNode, ScalarNode, SequenceNode

    def tree(node):
        line = node.start_mark.line + 1
        if isinstance(node, MappingNode):
            keys = [key.value if isinstance(key, ScalarNode) else None for key, _ in node.value]
            _refuse_duplicates(node, keys)
            return [line, [tree(value) for _, value in node.value], keys]
        if isinstance(node, SequenceNode):
            return [line, [tree(item) for item in node.value]]
        return line

    return tree(root)


def _refuse_duplicates(node, keys: list) -> None:
    seen: dict[tuple, int] = {}
    for (key_node, _), key in zip(node.value, keys):
        if key is None or key == "<<":  # a merge key may repeat
            continue
        line, same = key_node.start_mark.line + 1, (key_node.tag, key)  # 1 and '1' are two keys
        if same in seen:
            raise DuplicateKey(line, f"键“{cut(key, 40)}”重复（第{seen[same]}行已有）。同一层中每个键只能写一次，请把两处合并")
        seen[same] = line


@lru_cache(maxsize=1)
def _cjk():  # compiled on the first fold: a start-up served from the cache has none
    return re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026]")


def _fold(lines: list[str]) -> str:
    """Folded-scalar lines joined as YAML does, except that no space is put where a line break
    stood next to a Chinese character (Chinese has no spaces between words)."""
    out, previous, cjk = "", None, _cjk()
    for line in lines:
        if not line:
            out += "\n"
            previous = None
            continue
        if previous is not None:
            out += "" if cjk.match(previous[-1]) or cjk.match(line[0]) else " "
        out += line
        previous = line
    return out


def _refold(node, text: str) -> None:
    """Re-join `>` scalars from their source lines (see `_fold`); only fold points change."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _refold(key, text)
            _refold(value, text)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refold(item, text)
    elif isinstance(node, yaml.ScalarNode) and node.style == ">" and " " in node.value:
        header, *body = text[node.start_mark.index:node.end_mark.index].split("\n")
        if header.strip() not in (">", ">-") or not any(line.strip() for line in body):
            return
        indent = min(len(line) - len(line.lstrip(" ")) for line in body if line.strip())
        lines = [line[indent:].rstrip() if line.strip() else "" for line in body]
        while lines and not lines[-1]:
            lines.pop()
        if any(line.startswith((" ", "\t")) for line in lines):  # more-indented lines: keep YAML's reading
            return
        folded = _fold(lines) + ("" if header.strip() == ">-" else "\n")
        if folded.replace("\n", " ").split() == node.value.replace("\n", " ").split() or \
                re.sub(r"\s", "", folded) == re.sub(r"\s", "", node.value):
            node.value = folded


@dataclass
class YamlFile:
    """A YAML file's data, and where each node of it stands."""

    path: Path
    data: Any
    lines: Any  # see `_lines`; None for an empty file

    def line_of(self, keys: list) -> int | None:
        """1-based line of the node at `keys` (mapping keys and list indexes), or its nearest parent."""
        node, line = self.lines, None
        for key in keys:
            if node is None:
                break
            line = _line(node)
            node = _child(node, key)
        if node is not None:
            line = _line(node)
        return line


def _line(node) -> int:
    return node if isinstance(node, int) else node[0]


def _child(node, key):
    if isinstance(node, int):
        return None
    if len(node) == 3:  # a mapping: the first key written so
        for written, value in zip(node[2], node[1]):
            if written == key:
                return value
        return None
    if isinstance(key, int) and key < len(node[1]):
        return node[1][key]
    return None


def _read_text(path: Path, what: str) -> str:
    """The file's text: a regular file only (a device or a pipe is refused before reading), at most MAX_BYTES."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise RuleError("rule-missing", f"{what}不存在：{path}。请检查路径。", str(path)) from None
    except OSError as exc:
        raise RuleError("rule-unreadable", f"{what}无法读取：{path}（{exc.strerror or exc}）。请检查路径和权限。", str(path)) from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise RuleError("rule-not-a-file", f"{what}不是普通文件：{path}。请指向一个 YAML 文件（文件夹、设备和管道都不行）。", str(path))
        # read what the file holds (up to the cap): a 10 MB buffer for a 3 KB file would count against
        # a document's memory budget when a rule reads its knowledge file during a check
        size = os.fstat(descriptor).st_size
        data = handle.read(min(size, MAX_BYTES) + 1)
        if len(data) > size:  # it grew while being read
            data += handle.read(MAX_BYTES + 1 - len(data))
    if len(data) > MAX_BYTES:
        raise RuleError("rule-too-large", f"{what}过大：{path}（超过 {MAX_BYTES // (1024 * 1024)} MB）。请确认这是{what}。", str(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise RuleError("rule-unreadable", f"{what}无法读取：{path}（不是 UTF-8 编码）。请确认它是 UTF-8 编码的 YAML 文件。", str(path)) from None


def read_yaml(path: Path, what: str = "规则文件", check: Checked | None = None) -> YamlFile:
    """The file's data and line tree. A built-in file is served from the parsed cache. A file of
    the user's is cached only with a `check`: parsed, checked, then stored; read again with the
    same text and the same check, it is served from the cache with neither parse nor check."""
    text = _read_text(path, what)
    builtin = _is_builtin(path)
    stamp = check.stamp if check else None
    if builtin or check:
        cached = PARSED.get(path, text, stamp)
        if cached is not None:
            return YamlFile(path, *cached)
    file = _parsed(path, text, what)
    if check:
        check.run(file)
    if builtin or check:
        PARSED.put(path, text, file.data, file.lines, stamp)
    return file


@dataclass(frozen=True)
class Checked:
    """What a file of the user's must pass before it is cached: `run` raises RuleError on a file
    that does not pass; `stamp` names what it checks against (the schema's text), so that a check
    that changes is run again."""

    run: Callable[[YamlFile], None]
    stamp: str


def _parsed(path: Path, text: str, what: str) -> YamlFile:
    import yaml

    try:
        lines, data = _parse(text)
    except YamlProblem as problem:
        raise RuleError(problem.code, f"{what}无法使用：{path} 第{problem.line}行：{problem.text}。", str(path)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise RuleError("yaml-invalid", f"{what} YAML 语法错误：{path} 第{line}行：含有不允许的控制字符（U+{code:04X}）。"
                        "请删除该字符后重新保存。", str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        problem = " ".join((getattr(exc, "problem", None) or str(exc)).split())
        raise RuleError("yaml-invalid", f"{what} YAML 语法错误：{path} {where}：{_in_chinese(problem)}。请修正该行的缩进或引号。", str(path)) from None
    except RecursionError:
        raise RuleError("yaml-invalid", f"{what} YAML 语法错误：{path}：嵌套层数过多。请减少嵌套。", str(path)) from None
    return YamlFile(path, data, lines)


# PyYAML's problems, as a rule author can act on them (the parser's own words in brackets)
_PROBLEMS = (
    ("tab character", "含有制表符（Tab）：YAML 只能用空格缩进"),
    ("'\\t' that cannot start", "含有制表符（Tab）：YAML 只能用空格缩进"),
    ("that cannot start any token", "含有不能出现在这里的字符（常见原因：用 Tab 缩进；值以 @ 或 ` 开头时请加引号）"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有闭合，或列表项之间缺少逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有闭合，或项之间缺少逗号"),
    ("did not find expected key", "缩进不一致，或上一行缺少冒号"),
    ("could not find expected ':'", "缺少冒号（键和值之间要写“: ”）"),
    ("mapping values are not allowed", "这里不能写“键: 值”：冒号后的内容含有“: ”时请加引号，或检查缩进"),
    ("did not find expected '-' indicator", "列表项（- ）的缩进不一致"),
    ("did not find expected <document start>", "文件开头的写法不对：第一行应是“键: 值”"),
    ("expected <block end>", "缩进不一致"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("found unknown escape character", "双引号中的反斜杠（\\）写法不对：正则表达式请改用单引号"),
    ("found undefined alias", "引用了不存在的锚点（*名称 之前没有 &名称）"),
    ("maximum nesting depth", "嵌套层数过多"),
)


def _in_chinese(problem: str) -> str:
    found = next((text for key, text in _PROBLEMS if key in problem), None)
    return f"{found}（{cut(problem, 60)}）" if found and found != "嵌套层数过多" else found or cut(problem)


def _is_builtin(path: Path) -> bool:
    """A file of the built-in pack (rules/, or checker/_rules/ in a wheel): always cached."""
    from checker.paths import rules_dir

    base = os.path.abspath(rules_dir())
    return os.path.abspath(path).startswith(base + os.sep)


# The parsed-file cache -------------------------------------------------------------------------

CACHE_ENV = "FAZHI_CHECK_CACHE_DIR"  # the cache folder; set but empty: no cache at all
_CACHE_FORMAT = 2
_CACHE_MAX_BYTES = 20 * 1024 * 1024  # the built-in pack's entries take about 300 KB
_USER_ENTRIES = 32  # checked files of the user's (configurations) kept, the latest stored last


def cache_dir() -> Path | None:
    """The user's cache folder for fazhi-check (FAZHI_CHECK_CACHE_DIR, else the platform's place:
    $XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%), or None when there is none."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    try:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        elif sys.platform == "darwin":
            base = str(Path.home() / "Library" / "Caches")
        else:
            xdg = os.environ.get("XDG_CACHE_HOME", "")
            base = xdg if os.path.isabs(xdg) else str(Path.home() / ".cache")  # the XDG spec ignores a relative path
    except RuntimeError:  # no home directory to be found
        return None
    return Path(base) / "fazhi-check"


def _cache_key() -> list:
    """What else a parse depends on: this module's code, the package version and Python's."""
    from checker import __version__

    try:
        own = os.stat(__file__)
        code = [own.st_size, own.st_mtime_ns]
    except (OSError, NameError):
        code = None
    return [_CACHE_FORMAT, __version__, sys.version, code]


class ParsedCache:
    """Parsed built-in YAML files in one JSON file in `cache_dir()`: absolute path → [the text it
    was parsed from, the data as JSON text, the line tree].

    - Keyed on content: an entry serves only a file whose text is equal to the text stored with
      it, so an edited file is parsed again even when its size and times are unchanged.
    - JSON, not pickle: a damaged or foreign cache file can mislead nothing but itself, and is
      simply ignored (parsed again and rewritten). Data JSON cannot hold exactly is not cached.
    - Each hit decodes its data afresh: callers may change what they get.
    - A cache folder that cannot be created or written (read-only, full) costs nothing but the
      parse; the file is replaced atomically, so a reader never sees half of it.
    """

    def __init__(self):
        self.entries: dict | None = None
        self.path: Path | None = None

    def _file(self) -> Path | None:
        """One file per installed pack (several virtual environments do not take turns at one)."""
        folder = cache_dir()
        if folder is None:
            return None
        import zlib
        from checker.paths import rules_dir

        pack = zlib.crc32(os.fsencode(os.path.abspath(rules_dir())))
        return folder / f"parsed-yaml-{sys.implementation.cache_tag}-{pack:08x}.json"

    def _stored(self, path: Path | None) -> dict:
        if path is None:
            return {}
        try:
            with open(path, "rb") as handle:
                if os.fstat(handle.fileno()).st_size > _CACHE_MAX_BYTES:
                    return {}
                stored = json.loads(handle.read())
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(stored, dict) or stored.get("key") != _cache_key() or not isinstance(stored.get("files"), dict):
            return {}
        return stored["files"]

    def _loaded(self) -> dict:
        path = self._file()
        if self.entries is None or path != self.path:  # read once a process, again if the folder changed
            self.path, self.entries = path, self._stored(path)
        return self.entries

    def get(self, path: Path, text: str, stamp: str | None = None) -> tuple[Any, Any] | None:
        """(data, line tree) when this exact text was parsed (and checked with `stamp`) before, else None."""
        entry = self._loaded().get(os.path.abspath(path))
        if not (isinstance(entry, list) and len(entry) == 4 and entry[0] == text and isinstance(entry[1], str)
                and isinstance(entry[2], (int, list, type(None))) and entry[3] == stamp):
            return None
        try:
            return json.loads(entry[1]), entry[2]
        except (ValueError, RecursionError):
            return None

    def put(self, path: Path, text: str, data: Any, lines: Any, stamp: str | None = None) -> None:
        try:
            encoded = json.dumps(data, ensure_ascii=False)
            if json.loads(encoded) != data:  # integer keys (JSON hands them back as text), NaN
                return
        except (TypeError, ValueError, RecursionError):  # !!binary, !!set…
            return
        entry = [text, encoded, lines, stamp]
        self._loaded()[os.path.abspath(path)] = entry
        self._write(os.path.abspath(path), entry)

    def _write(self, key: str, entry: list) -> None:
        if self.path is None:
            return
        # what other processes stored meanwhile stays; files gone from the pack go
        files = {name: stored for name, stored in self._stored(self.path).items() if os.path.isfile(name)}
        files.pop(key, None)
        files[key] = entry
        users = [name for name in files if not _is_builtin(Path(name))]
        for name in users[:-_USER_ENTRIES]:  # the oldest beyond the limit: the cache stays small
            del files[name]
        temporary = None
        try:
            os.makedirs(self.path.parent, mode=0o700, exist_ok=True)
            import tempfile

            descriptor, temporary = tempfile.mkstemp(prefix=".parsed-", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump({"key": _cache_key(), "files": files}, handle, ensure_ascii=False)
            os.replace(temporary, self.path)
            temporary = None
        except OSError:  # a read-only or full cache folder: the next run parses again
            pass
        finally:
            if temporary:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass


PARSED = ParsedCache()


@lru_cache(maxsize=None)
def load_schema(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def schema_errors(data: Any, schema: dict) -> list:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    return sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))


def validate(file: YamlFile, schema: dict, what: str = "规则文件", prefix: list | None = None, data: Any = None) -> None:
    """Raise one RuleError for the first schema violation, naming file, line and key."""
    from checker.schema_messages import chinese

    errors = schema_errors(file.data if data is None else data, schema)
    if not errors:
        return
    error = _most_specific(errors)
    keys = (prefix or []) + list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        unexpected = [k for k in error.instance if k not in error.schema.get("properties", {})]
        keys += unexpected[:1]  # point at the misspelt key itself
    line = file.line_of(keys)
    key = ".".join(str(k) for k in keys) or "（顶层）"
    where = f"第{line}行，" if line else ""
    raise RuleError(
        "schema-invalid",
        f"{what}不符合格式要求：{file.path} {where}键 `{cut(key)}`：{chinese(error)}。请对照 JSON Schema 修改。",
        str(file.path),
    )


def _most_specific(errors: list):
    import jsonschema

    return jsonschema.exceptions.best_match(errors)
