"""Safe YAML loading with line numbers, and JSON Schema validation that names file, line and key."""

from __future__ import annotations

import json
import re
import os
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from checker.errors import RuleError


_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10× faster


class _Loader(_SafeBase):
    """Safe loading, with dates kept as text: a rule author's 2027-02-30 is a clear error, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


MAX_BYTES = 10 * 1024 * 1024  # a rule file or configuration is a few KB
MAX_ALIASES = 100  # aliases (*name) in one file
MAX_NODES = 100_000  # nodes once every alias is expanded (the built-in pack's largest file has 431)
MAX_SHOWN = 120  # characters of a value quoted in an error message


class AliasBomb(yaml.YAMLError):
    """Aliases that expand beyond the budget, or refer to themselves."""

    def __init__(self, line: int, text: str):
        super().__init__(text)
        self.line, self.text = line, text


def cut(text: str, limit: int = MAX_SHOWN) -> str:
    """A value short enough for a one-line error message."""
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 个字符）"


def _alias_budget(text: str) -> None:
    """Walk the events once and refuse what would expand past MAX_ALIASES or MAX_NODES, before
    anything is built (an alias is cheap to parse; its expansion is what validation walks)."""
    sizes: dict[str, int] = {}  # anchor → nodes it expands to
    stack: list[list] = [[None, 0]]  # open collections: [anchor, nodes so far]
    aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
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


def _parse(text: str) -> tuple[yaml.Node | None, object]:
    """One parse: the node tree (for line numbers) and the data built from it."""
    if "&" in text:  # no anchor, no alias: the common case pays nothing
        _alias_budget(text)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is not None and ">" in text:
            _refold(root, text)
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026]")


def _fold(lines: list[str]) -> str:
    """Folded-scalar lines joined as YAML does, except that no space is put where a line break
    stood next to a Chinese character (Chinese has no spaces between words)."""
    out, previous = "", None
    for line in lines:
        if not line:
            out += "\n"
            previous = None
            continue
        if previous is not None:
            out += "" if _CJK.match(previous[-1]) or _CJK.match(line[0]) else " "
        out += line
        previous = line
    return out


def _refold(node: yaml.Node, text: str) -> None:
    """Re-join `>` scalars from their source lines (see `_fold`); only fold points change."""
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
    path: Path
    data: Any
    root: yaml.Node | None

    def line_of(self, keys: list) -> int | None:
        """1-based line of the node at `keys` (mapping keys and list indexes), or its nearest parent."""
        node, line = self.root, None
        for key in keys:
            if node is None:
                break
            line = node.start_mark.line + 1
            node = _child(node, key)
        if node is not None:
            line = node.start_mark.line + 1
        return line


def _child(node: yaml.Node, key):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
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


def read_yaml(path: Path, what: str = "规则文件") -> YamlFile:
    text = _read_text(path, what)
    try:
        root, data = _parse(text)
    except AliasBomb as bomb:
        raise RuleError("yaml-aliases", f"{what}无法使用：{path} 第{bomb.line}行：{bomb.text}。", str(path)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise RuleError("yaml-invalid", f"{what} YAML 语法错误：{path} 第{line}行：含有不允许的控制字符（U+{code:04X}）。"
                        "请删除该字符后重新保存。", str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        problem = " ".join((getattr(exc, "problem", None) or str(exc)).split())
        if "maximum nesting depth" in problem:
            problem = "嵌套层数过多"
        raise RuleError("yaml-invalid", f"{what} YAML 语法错误：{path} {where}：{cut(problem)}。请修正该行的缩进或引号。", str(path)) from None
    except RecursionError:
        raise RuleError("yaml-invalid", f"{what} YAML 语法错误：{path}：嵌套层数过多。请减少嵌套。", str(path)) from None
    return YamlFile(path, data, root)


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
