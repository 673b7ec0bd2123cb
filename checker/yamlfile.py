"""Safe YAML loading with line numbers, and JSON Schema validation that names file, line and key."""

from __future__ import annotations

import json
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


def _parse(text: str) -> tuple[yaml.Node | None, object]:
    """One parse: the node tree (for line numbers) and the data built from it."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


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


def read_yaml(path: Path, what: str = "规则文件") -> YamlFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleError("rule-missing", f"{what}不存在：{path}。请检查路径。", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError("rule-unreadable", f"{what}无法读取：{path}（{exc}）。请确认它是 UTF-8 编码的 YAML 文件。", str(path)) from None
    try:
        root, data = _parse(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError("yaml-invalid", f"{what} YAML 语法错误：{path} {where}：{problem}。请修正该行的缩进或引号。", str(path)) from None
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
        f"{what}不符合格式要求：{file.path} {where}键 `{key}`：{error.message}。请对照 JSON Schema 修改。",
        str(file.path),
    )


def _most_specific(errors: list):
    import jsonschema

    return jsonschema.exceptions.best_match(errors)
