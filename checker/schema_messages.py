"""Chinese wording for JSON Schema violations: a rule author reads these, not jsonschema's English."""

from __future__ import annotations

from typing import Any

from checker.yamlfile import cut

_TYPES = {"string": "文字", "integer": "整数", "number": "数字", "boolean": "true 或 false", "array": "列表",
          "object": "键值对（映射）", "null": "空值"}


def _shown(value: Any, limit: int = 60) -> str:
    return cut(value if isinstance(value, str) else repr(value), limit)


def _type_names(expected: Any) -> str:
    names = expected if isinstance(expected, list) else [expected]
    return "或".join(_TYPES.get(name, str(name)) for name in names)


def _additional(error) -> str:
    allowed = list(error.schema.get("properties", {}))
    unexpected = [key for key in error.instance if key not in allowed] if isinstance(error.instance, dict) else []
    if not unexpected:
        return "有不允许的键"
    import difflib

    close = difflib.get_close_matches(str(unexpected[0]), allowed, n=1)
    hint = f"，是否要写“{close[0]}”" if close else (f"，此处可用的键：{'、'.join(allowed)}" if len(allowed) <= 8 else "")
    return f"不认识的键“{_shown(unexpected[0])}”（可能拼写有误{hint}）"


def _required(error) -> str:
    present = error.instance if isinstance(error.instance, dict) else {}
    missing = [key for key in error.validator_value if key not in present]
    return f"缺少必需的键“{'、'.join(missing) or error.validator_value[0]}”"


_BOUNDS = {
    "minimum": "不能小于 {v}", "maximum": "不能大于 {v}", "exclusiveMinimum": "必须大于 {v}",
    "exclusiveMaximum": "必须小于 {v}", "minLength": "太短：至少要 {v} 个字符", "maxLength": "太长：最多 {v} 个字符",
    "minItems": "至少要有 {v} 项", "maxItems": "最多只能有 {v} 项", "minProperties": "至少要有 {v} 个键",
    "multipleOf": "必须是 {v} 的倍数",
}


def chinese(error) -> str:
    """One Chinese sentence (without the final 。) for a jsonschema ValidationError."""
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "additionalProperties":
        return _additional(error)
    if kind == "required":
        return _required(error)
    if kind == "dependentRequired":
        present = error.instance if isinstance(error.instance, dict) else {}
        key = next((k for k in value if k in present), "")
        needed = [k for k in value.get(key, []) if k not in present]
        return f"写了“{_shown(key)}”就必须同时写“{'、'.join(needed)}”"
    if kind == "type":
        return f"类型不对：应为{_type_names(value)}，实际是“{_shown(instance)}”"
    if kind == "enum":
        return f"取值“{_shown(instance)}”不在允许的范围内，可用：{'、'.join(_shown(v, 30) for v in value)}"
    if kind == "const":
        return f"取值只能是“{_shown(value)}”"
    if kind in _BOUNDS:
        return f"取值“{_shown(instance)}”" + _BOUNDS[kind].format(v=value)
    if kind == "pattern":
        return f"“{_shown(instance)}”的写法不符合要求（应匹配 {value}）"
    if kind == "uniqueItems":
        return "列表中有重复的项"
    if kind in ("anyOf", "oneOf"):
        return f"“{_shown(instance)}”不符合任何一种允许的写法"
    if kind == "not":
        return "不允许这样写"
    if kind == "format":
        return f"“{_shown(instance)}”不是有效的 {value}"
    return f"不符合格式要求（{kind}）"
