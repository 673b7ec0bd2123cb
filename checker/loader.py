"""Load rule files: JSON Schema first, then the checks a schema cannot make.

Semantic checks: the kind exists and its options fit the kind's schema; every regex compiles;
no `\\b` next to Chinese; ids are unique; rules referred to (within, anchors, sequence, scope)
exist. Custom rules (outside the built-in pack) also run their examples at load time, so a rule
that cannot flag its own example is an error before it is ever used.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from checker import kinds
from checker.errors import RuleError
from checker.model import Rule
from checker.paths import rules_dir
from checker.patterns import compile_pattern
from checker.yamlfile import YamlFile, cut, load_schema, read_yaml, schema_errors, validate

_SAMPLE_YEARS = {"year": "2020", "next_year": "2021", "prev_year": "2019"}


@lru_cache(maxsize=1)
def _cjk_boundary():  # only strict loads look for it: compiled then, not at every start-up
    return re.compile(r"\\b(?=[\u3400-\u9fff（《“])|(?<=[\u3400-\u9fff）》”])\\b")


def builtin_rule_files() -> list[Path]:
    """The built-in pack: every YAML file in the sub-folders of rules/."""
    base = rules_dir()
    # rules/knowledge/ holds data the rules read, not rules. The statutory content items come
    # first: they are what a reviewer reads first on a scorecard.
    files = (p for p in base.rglob("*.yaml") if p.parent != base and "knowledge" not in p.relative_to(base).parts)
    return sorted(files, key=lambda p: (p.parent.name != "statutory", p))


def rule_files_in(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    if folder.exists() and not folder.is_dir():
        raise RuleError("rule-dir-not-a-folder", f"规则目录不是文件夹：{folder}。请在配置的 rule_dirs 中写规则文件所在的文件夹或规则文件。", str(folder))
    if not folder.is_dir():
        raise RuleError("rule-dir-missing", f"规则目录不存在：{folder}。请检查配置中的 rule_dirs。", str(folder))
    return sorted(list(folder.rglob("*.yaml")) + list(folder.rglob("*.yml")))


def _error(file: YamlFile, keys: list, text: str, code: str = "rule-invalid") -> RuleError:
    line = file.line_of(keys)
    key = ".".join(str(k) for k in keys)
    where = f" 第{line}行" if line else ""
    return RuleError(code, f"规则文件无效：{file.path}{where}，键 `{key}`：{text}", str(file.path))


def _fill_sample(pattern: str) -> str:
    return re.sub(r"\{(year|next_year|prev_year)\}", lambda m: _SAMPLE_YEARS[m.group(1)], pattern)


def _path_of(options: dict, pattern: str) -> list:
    """Where a pattern stands in the options, for an error that points at its line."""
    for key, value in options.items():
        if isinstance(value, list) and pattern in value:
            return [key, value.index(pattern)]
    return []


def _check_patterns(file: YamlFile, keys: list, module, options: dict) -> None:
    if not hasattr(module, "patterns"):
        return
    for pattern in module.patterns(options):
        where = keys + ["options"] + _path_of(options, pattern)
        if _cjk_boundary().search(pattern):
            raise _error(file, where, f"正则 “{cut(pattern)}” 在中文旁使用了 \\b。中文字符之间没有词边界，\\b 永远不会按预期匹配；请删去 \\b，或改用 (?<![\\u4e00-\\u9fff]) 这类环视。", "regex-cjk-boundary")
        try:
            compile_pattern(_fill_sample(pattern))
        except Exception as exc:  # regex.error: the engine rules run on
            raise _error(file, where, f"正则 “{cut(pattern)}” 无法编译（{cut(exc)}）。请修正该表达式。", "regex-invalid") from None


def _build(file: YamlFile, keys: list, data: dict, strict: bool) -> Rule:
    try:
        module = kinds.get(data["kind"])
    except KeyError:
        raise _error(file, keys + ["kind"], f"未知的检查类型 “{data['kind']}”。可用类型：{', '.join(kinds.KINDS)}。", "unknown-kind") from None
    options = data.get("options", {})
    if strict:
        if schema_errors(options, module.OPTIONS_SCHEMA):
            validate(file, module.OPTIONS_SCHEMA, "规则文件", prefix=keys + ["options"], data=options)
        _check_patterns(file, keys, module, options)
    return Rule(id=data["id"], title=data["title"], kind=data["kind"], severity=data["severity"],
                weight=data["weight"], basis=data["basis"], messages=data["messages"], fix=data["fix"],
                examples=data["examples"], options=options, rationale=data.get("rationale", ""),
                enabled=data.get("enabled", True), source=file.path, line=file.line_of(keys),
                statutory=data.get("statutory", False), gate=data.get("gate", False), severities=data.get("severities", {}),
                level_reason=data.get("severity_reason", ""))


def load_file(path: Path, strict: bool = True) -> list[Rule]:
    """Rules of one file. `strict=False` skips the schema and pattern checks: only for the
    built-in pack, which the test suite and `fazhi-check validate` check in full (it keeps
    jsonschema out of a plain run's start-up)."""
    file = read_yaml(path)
    if not isinstance(file.data, dict):
        raise RuleError("rule-invalid", f"规则文件无效：{path}：顶层应为一条规则（含 id）或 rules: 列表。", str(path))
    if strict:
        validate(file, load_schema(rules_dir() / "rule.schema.json"))
    if "rules" in file.data:
        return [_build(file, ["rules", i], data, strict) for i, data in enumerate(file.data["rules"])]
    return [_build(file, [], file.data, strict)]


def _references(rule: Rule) -> list[str]:
    options = rule.options
    refs = [options["within"]] if "within" in options else []
    refs += options.get("fallback", {}).get("anchors", [])
    refs += options.get("sequence", [])
    scope = options.get("scope", "")
    if ":" in scope:
        refs.append(scope.split(":", 1)[1])
    return refs


def check_references(rules: list[Rule]) -> None:
    known = {rule.id: rule for rule in rules}
    for rule in rules:
        for ref in _references(rule):
            if ref not in known:
                raise RuleError("unknown-reference", f"规则文件无效：{rule.source} 第{rule.line}行，规则 {rule.id} 引用了不存在的规则 “{ref}”。请检查拼写。", str(rule.source))
            if known[ref].kind != "section":
                raise RuleError("bad-reference", f"规则文件无效：{rule.source} 第{rule.line}行，规则 {rule.id} 引用的 “{ref}” 不是 section 类型的规则。", str(rule.source))


def load_rules(extra: list[Path] | None = None, strict_builtin: bool = False) -> list[Rule]:
    """The built-in pack plus rule files or folders given in the configuration."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    custom: list[Rule] = []
    builtin = builtin_rule_files()
    files = builtin + [f for folder in (extra or []) for f in rule_files_in(folder)]
    for path in files:
        is_builtin = path in builtin
        loaded = load_file(path, strict=strict_builtin or not is_builtin)
        for rule in loaded:
            rule.builtin = is_builtin
        for rule in loaded:
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleError("duplicate-id", f"规则 id 重复：{rule.id} 同时出现在 {first.source} 第{first.line}行 和 {rule.source} 第{rule.line}行。请改名或删除其中一条。", str(rule.source))
            seen[rule.id] = rule
        rules.extend(loaded)
        if not is_builtin:
            custom.extend(loaded)
    check_references(rules)
    _check_examples_at_load(custom, rules)
    return rules


def _check_examples_at_load(custom: list[Rule], rules: list[Rule]) -> None:
    from checker.examples import run_examples

    for rule in custom:
        for failure in run_examples(rule, rules):
            raise RuleError("example-failed", f"规则文件无效：{rule.source} 第{rule.line}行，规则 {rule.id} 的示例未通过：{failure}。一条无法命中自身示例的规则不会生效，请修正规则或示例。", str(rule.source))
