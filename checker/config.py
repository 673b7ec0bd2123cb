"""Configuration: .fazhi-check.yaml found upward from the working directory (or --config),
extending the built-in default; per-rule settings, extra rule folders, waivers, provenance."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker import kinds
from checker.errors import RuleError
from checker.model import Rule
from checker.paths import rules_dir
from checker.yamlfile import Checked, YamlFile, load_schema, read_yaml, schema_errors, validate

NAMES = (".fazhi-check.yaml", ".fazhi-check.yml")
DEFAULT_LABEL = "内置默认"


@dataclass
class Config:
    """The merged settings, where each came from, and the files they were read from."""

    settings: dict[str, Any]
    sources: dict[str, str] = field(default_factory=dict)  # dotted key → where its value came from
    files: list[YamlFile] = field(default_factory=list)  # the configuration files read, base first
    path: Path | None = None  # the project's configuration file
    base_dir: Path = Path(".")

    def with_overrides(self, **values: Any) -> Config:
        """Command-line options win over every file."""
        for key, value in values.items():
            if value is not None:
                self.settings[key] = value
                self.sources[key] = "命令行"
        return self


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        for name in NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def _merge(base: dict, override: dict, sources: dict, label: str, prefix: str = "") -> dict:
    merged = dict(base)
    for key, value in override.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            if value:  # an empty mapping (rules: {} by default) stood as one value: its keys now do
                sources.pop(path, None)
            merged[key] = _merge(merged[key], value, sources, label, path + ".")
        else:
            merged[key] = value
            for old in [k for k in sources if k == path or k.startswith(path + ".")]:
                del sources[old]
            _record(value, sources, label, path)
    return merged


def _record(value: Any, sources: dict, label: str, path: str) -> None:
    if isinstance(value, dict) and value:
        for key, inner in value.items():
            _record(inner, sources, label, f"{path}.{key}")
    else:
        sources[path] = label


def _read(path: Path, chain: tuple[Path, ...] = ()) -> tuple[dict, dict, list[YamlFile]]:
    """Merged settings, their sources, and the files read, following `extends`."""
    if path in chain:
        raise RuleError("config-cycle", f"配置文件循环继承：{' → '.join(map(str, chain + (path,)))}。请删除其中一个 extends。", str(path))
    file = read_yaml(path, "配置文件", _config_check())
    data = file.data = file.data if file.data is not None else {}  # dates stay text: see yamlfile._loader_class
    parent = data.get("extends", "default")
    if parent == "default":
        base, sources, files = _default()
    else:
        base, sources, files = _read((path.parent / parent).resolve(), chain + (path,))
    body = {k: v for k, v in data.items() if k != "extends"}
    for key in ("rule_dirs",):  # folders are relative to the file that names them
        if key in body:
            body[key] = [str((path.parent / d).resolve()) for d in body[key]]
    if isinstance(body.get("waivers"), list):  # so are a waiver's file patterns, through extends too
        from checker.waivers import FOLDER_KEY

        body["waivers"] = [{**w, FOLDER_KEY: str(path.parent.resolve())} if isinstance(w, dict) else w for w in body["waivers"]]
    return _merge(base, body, sources, str(path)), sources, files + [file]


def _config_check() -> Checked:
    """A configuration file is validated once per text: a project's file read again unchanged comes
    from the parsed cache, and a check needs neither PyYAML nor jsonschema (a fifth of a cold check)."""
    schema = rules_dir() / "config.schema.json"
    stamp = f"config.schema.json {zlib.crc32(schema.read_bytes()):08x}"
    return Checked(lambda file: _valid_config(file, schema), stamp)


def _valid_config(file: YamlFile, schema: Path) -> None:
    data = file.data if file.data is not None else {}
    if not isinstance(data, dict):
        raise RuleError("config-invalid", f"配置文件无效：{file.path}：顶层应为键值映射。请参考 fazhi-check init 生成的示例。", str(file.path))
    validate(file, load_schema(schema), "配置文件", data=data)


def _default() -> tuple[dict, dict, list[YamlFile]]:
    file = read_yaml(rules_dir() / "default.yaml", "默认配置")
    sources: dict[str, str] = {}
    _record(file.data, sources, DEFAULT_LABEL, "")
    return dict(file.data), {k.lstrip("."): v for k, v in sources.items()}, [file]


def load_config(explicit: str | None = None, cwd: Path | None = None) -> Config:
    if explicit:
        path = Path(explicit)
        if not path.exists():
            raise RuleError("config-missing", f"配置文件不存在：{explicit}。请检查 --config 的路径。", explicit)
    else:
        path = find_config((cwd or Path.cwd()).resolve())
    if path is None:
        settings, sources, files = _default()
        return Config(settings, sources, files, None, (cwd or Path.cwd()).resolve())
    settings, sources, files = _read(path.resolve())
    _check_waiver_dates(settings, files[-1])
    return Config(settings, sources, files, path, path.resolve().parent)


def _check_waiver_dates(settings: dict, file: YamlFile) -> None:
    for index, waiver in enumerate(settings.get("waivers", [])):
        if "expires" in waiver:
            try:
                dt.date.fromisoformat(waiver["expires"])
            except ValueError:
                line = file.line_of(["waivers", index, "expires"])
                raise RuleError("waiver-date", f"配置文件无效：{file.path} 第{line}行，豁免的 expires “{waiver['expires']}” 不是有效日期。请写成 2027-03-31 的形式。", str(file.path)) from None


def _config_error(config: Config, keys: list, text: str, code: str) -> RuleError:
    file = config.files[-1]
    line = file.line_of(keys)
    where = f" 第{line}行" if line else ""
    return RuleError(code, f"配置文件无效：{file.path}{where}：{text}", str(file.path))


def configured_rules(config: Config, rules: list[Rule]) -> list[Rule]:
    """Apply per-rule settings; unknown rule ids (in `rules:` or waivers) are errors."""
    by_id = {rule.id: rule for rule in rules}
    for rule_id, override in (config.settings.get("rules") or {}).items():
        if rule_id not in by_id:
            raise _config_error(config, ["rules", rule_id], f"未知的规则 “{rule_id}”。用 fazhi-check rules 查看全部规则 id。", "unknown-rule")
        rule = by_id[rule_id]
        rule.enabled = override.get("enabled", rule.enabled)
        if "severity" in override:  # the configured level holds for every status of the rule
            rule.severity, rule.severities = override["severity"], {}
        rule.weight = override.get("weight", rule.weight)
        if "options" in override:
            options = {**rule.options, **override["options"]}
            errors = schema_errors(options, kinds.get(rule.kind).OPTIONS_SCHEMA)
            if errors:
                from checker.schema_messages import chinese

                error = errors[0]
                keys = ["rules", rule_id, "options", *error.absolute_path]
                where = f" {'.'.join(map(str, error.absolute_path))} " if error.absolute_path else ""
                raise _config_error(config, keys, f"规则 {rule_id} 的选项{where}不符合要求：{chinese(error)}。", "bad-options")
            rule.options = options
    for index, waiver in enumerate(config.settings.get("waivers") or []):
        if waiver["rule"] not in by_id:
            raise _config_error(config, ["waivers", index, "rule"], f"豁免中的规则 “{waiver['rule']}” 不存在。用 fazhi-check rules 查看全部规则 id。", "unknown-rule")
    return _selected(config, rules)


def _selected(config: Config, rules: list[Rule]) -> list[Rule]:
    """--select / --ignore (or the config's select / ignore), after checking every selector and glob."""
    from checker import waivers

    settings = config.settings
    for key in ("select", "ignore"):
        if config.sources.get(key) == "命令行":
            error = waivers.selection_error(f"--{key}", settings.get(key) or [], rules)
            if error:
                raise error
    from_file = {k: v for k, v in settings.items() if not (k in ("select", "ignore") and config.sources.get(k) == "命令行")}
    waivers.check_config(from_file, rules, lambda keys, text: _config_error(config, keys, text, "config-invalid"))
    return waivers.select_rules(rules, settings.get("select"), settings.get("ignore"))




def load_setup(config_path: str | None, overrides: dict | None = None, cwd: Path | None = None) -> tuple[Config, list[Rule]]:
    """The configuration (found upward from `cwd`, default the working directory) and the
    configured rule set, as every command needs them."""
    from checker.loader import load_rules

    config = load_config(config_path, cwd).with_overrides(**(overrides or {}))
    rules = load_rules([Path(d) for d in config.settings.get("rule_dirs", [])])
    return config, configured_rules(config, rules)
