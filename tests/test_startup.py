"""Start-up: what a plain check imports, the cache of the parsed built-in YAML files, and the
layout of the JSON output (issue 17)."""

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docmaker import seed_path
from helpers import ROOT, run_cli

from checker import yamlfile
from checker.errors import RuleError

SEED = str(seed_path("000"))
# the names of every module loaded when the command ends, written to the file given first
_PROBE = ("import atexit, sys\n"
          "listing = sys.argv.pop(1)\n"
          "atexit.register(lambda: open(listing, 'w', encoding='utf-8').write('\\n'.join(sorted(sys.modules))))\n"
          "from checker.cli import main\n"
          "sys.argv[0] = 'fazhi-check'\n"
          "main()\n")
HEAVY = {"rich", "jsonschema", "regex", "multiprocessing", "pathspec", "yaml"}


def _check_imports(tmp_path, *args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    listing = tmp_path / "modules.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FAZHI_CHECK_CACHE_DIR": str(tmp_path / "cache")}
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-c", _PROBE, str(listing), "check", *args, SEED], cwd=ROOT,
                          capture_output=True, env=env, timeout=300)
    return done, {name.split(".")[0] for name in listing.read_text(encoding="utf-8").split("\n")}


@pytest.mark.parametrize("args", [("--format", "json"), ("--format", "jsonl"), ("--format", "text"), ()])
def test_a_plain_check_imports_none_of_the_heavy_libraries(tmp_path, args):
    first, modules = _check_imports(tmp_path, *args)  # an empty cache: the YAML files are parsed
    assert first.returncode == 0 and first.stderr == b""
    assert sorted(modules & HEAVY) == ["yaml"]
    again, modules = _check_imports(tmp_path, *args)  # from the cache: not even PyYAML
    assert again.returncode == 0 and again.stdout == first.stdout
    assert sorted(modules & HEAVY) == []


def test_rich_draws_the_scorecard_only_where_rich_would_see_a_terminal():
    rich_line = "[建议修改｜薄弱] 党政主要负责人履行第一责任人职责情况 content.responsible-person 第37行"
    plain_line = "[建议修改｜薄弱] 党政主要负责人履行第一责任人职责情况（content.responsible-person）第37行："
    seed = str(seed_path("004"))
    forced = run_cli("check", seed, env={"FORCE_COLOR": "1", "COLUMNS": "160"}).stdout.decode()
    assert "\x1b[" in forced and rich_line in re.sub("\x1b\\[[0-9;]*m", "", forced)
    for env in ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "0"}, {"FORCE_COLOR": ""}):
        out = run_cli("check", seed, env=env).stdout.decode()
        assert plain_line in out and "\x1b[" not in out, env


# The parsed-YAML cache ---------------------------------------------------------------------------

@pytest.fixture
def pack(tmp_path, monkeypatch):
    """A copy of the built-in pack standing in for it, an empty cache folder, a fresh cache (as a
    new process has), and a count of the parses."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    monkeypatch.setattr("checker.paths.rules_dir", lambda: rules)
    monkeypatch.setattr("checker.config.rules_dir", lambda: rules)  # bound when config was imported
    monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(yamlfile, "PARSED", yamlfile.ParsedCache())
    parses = []
    real = yamlfile._parse
    monkeypatch.setattr(yamlfile, "_parse", lambda text: parses.append(1) or real(text))
    return rules, parses


def _new_process(monkeypatch):
    monkeypatch.setattr(yamlfile, "PARSED", yamlfile.ParsedCache())


def _cache_files(tmp_path) -> list[str]:
    folder = tmp_path / "cache"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_cached_file_gives_the_same_data_and_lines(pack, monkeypatch, tmp_path):
    rules, parses = pack
    fresh = yamlfile.read_yaml(rules / "statutory" / "content.yaml")
    assert len(parses) == 1 and len(_cache_files(tmp_path)) == 1
    _new_process(monkeypatch)
    cached = yamlfile.read_yaml(rules / "statutory" / "content.yaml")
    assert len(parses) == 1
    assert cached.data == fresh.data and cached.lines == fresh.lines
    keys = [["rules", 2, "options"], ["rules", 0, "examples", "flag", 1], ["rules", 99], ["nothing"]]
    assert [cached.line_of(k) for k in keys] == [fresh.line_of(k) for k in keys]
    assert fresh.line_of(["rules", 2, "options"]) > fresh.line_of(["rules", 2]) > fresh.line_of(["rules", 1])


def test_each_read_gets_data_of_its_own(pack, monkeypatch):
    rules, parses = pack
    yamlfile.read_yaml(rules / "default.yaml")
    _new_process(monkeypatch)
    first = yamlfile.read_yaml(rules / "default.yaml")
    first.data["fail_on"] = "changed"
    assert yamlfile.read_yaml(rules / "default.yaml").data["fail_on"] == "error" and len(parses) == 1


def test_an_edit_is_parsed_again_even_with_the_same_size_and_times(pack, monkeypatch):
    rules, parses = pack
    path = rules / "default.yaml"
    assert yamlfile.read_yaml(path).data["fail_on"] == "error"
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("fail_on: error", "fail_on: never"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    _new_process(monkeypatch)
    assert yamlfile.read_yaml(path).data["fail_on"] == "never" and len(parses) == 2
    _new_process(monkeypatch)  # and the edited text is what the cache holds now
    assert yamlfile.read_yaml(path).data["fail_on"] == "never" and len(parses) == 2


def test_a_users_files_are_not_cached_without_a_check(pack, monkeypatch, tmp_path):
    _, parses = pack
    own = tmp_path / "project" / "rules.yaml"
    own.parent.mkdir()
    own.write_text("id: custom.one\ntitle: 自定义\n", encoding="utf-8")
    for _ in range(2):
        _new_process(monkeypatch)
        assert yamlfile.read_yaml(own).data == {"id": "custom.one", "title": "自定义"}
    assert len(parses) == 2 and _cache_files(tmp_path) == []


def _project_config(tmp_path, text: str):
    project = tmp_path / "project"
    project.mkdir(exist_ok=True)
    (project / ".fazhi-check.yaml").write_text(text, encoding="utf-8")
    return project


def test_a_project_configuration_is_parsed_and_validated_once_per_text(pack, monkeypatch, tmp_path):
    from checker.config import load_config

    rules, parses = pack
    checks = []
    real = yamlfile.validate
    monkeypatch.setattr("checker.config.validate", lambda *a, **k: checks.append(1) or real(*a, **k))
    project = _project_config(tmp_path, "fail_on: warning\n")
    for _ in range(2):
        _new_process(monkeypatch)
        assert load_config(cwd=project).settings["fail_on"] == "warning"
    assert (len(parses), len(checks)) == (2, 1)  # the project's file and default.yaml, each parsed once
    (project / ".fazhi-check.yaml").write_text("fail_on: never\n", encoding="utf-8")
    _new_process(monkeypatch)
    assert load_config(cwd=project).settings["fail_on"] == "never"
    assert (len(parses), len(checks)) == (3, 2)
    schema = rules / "config.schema.json"  # a schema that changes checks the same text again
    schema.write_text(schema.read_text(encoding="utf-8").replace("{", "{ ", 1), encoding="utf-8")
    _new_process(monkeypatch)
    assert load_config(cwd=project).settings["fail_on"] == "never"
    assert (len(parses), len(checks)) == (4, 3)


def test_an_invalid_project_configuration_is_refused_every_time(pack, monkeypatch, tmp_path):
    from checker.config import load_config

    _, parses = pack
    for text, code, words in (("fail_on: sometimes\n", "schema-invalid", "第1行，键 `fail_on`"),
                              ("- a list\n", "config-invalid", "顶层应为键值映射")):
        project = _project_config(tmp_path, text)
        for _ in range(2):
            _new_process(monkeypatch)
            with pytest.raises(RuleError) as error:
                load_config(cwd=project)
            assert error.value.code == code and words in error.value.message
    assert len(parses) == 4 and _cache_files(tmp_path) == []  # parsed every time, stored never


def test_the_cache_keeps_the_latest_user_files_only(pack, monkeypatch, tmp_path):
    from checker.config import load_config

    for index in range(yamlfile._USER_ENTRIES + 3):
        project = tmp_path / f"p{index:02d}"
        project.mkdir()
        (project / ".fazhi-check.yaml").write_text(f"fail_on: warning  # {index}\n", encoding="utf-8")
        load_config(cwd=project)
    stored = json.loads((tmp_path / "cache" / _cache_files(tmp_path)[0]).read_text(encoding="utf-8"))["files"]
    users = sorted(Path(name).parent.name for name in stored if "/rules/" not in name)
    assert users == [f"p{index:02d}" for index in range(3, yamlfile._USER_ENTRIES + 3)]
    assert any(name.endswith("default.yaml") for name in stored)


def test_a_check_with_a_project_configuration_imports_no_yaml_the_second_time(tmp_path):
    project = _project_config(tmp_path, "extends: default\nrules:\n  format.repeated:\n    severity: info\n")
    listing = tmp_path / "modules.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FAZHI_CHECK_CACHE_DIR": str(tmp_path / "cache")}
    runs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", _PROBE, str(listing), "check", "--format", "json", SEED],
                              cwd=project, capture_output=True, env=env, timeout=300)
        runs.append((done, {name.split(".")[0] for name in listing.read_text(encoding="utf-8").split("\n")}))
    (first, first_modules), (again, modules) = runs
    assert first.returncode == again.returncode == 0 and again.stdout == first.stdout
    assert {"yaml", "jsonschema"} <= first_modules and not (modules & HEAVY)
    results = json.loads(again.stdout)["reports"][0]["results"]
    assert {r["rule"]: r["severity"] for r in results}["format.repeated"] == "info"


def test_data_json_cannot_hold_exactly_is_parsed_every_time(pack, monkeypatch, tmp_path):
    rules, parses = pack
    odd = rules / "statutory" / "odd.yaml"
    odd.write_text("1: 一\n'1': 二\n", encoding="utf-8")
    for _ in range(2):
        _new_process(monkeypatch)
        assert yamlfile.read_yaml(odd).data == {1: "一", "1": "二"}
    assert len(parses) == 2 and _cache_files(tmp_path) == []


def test_a_damaged_or_foreign_cache_file_is_ignored_and_replaced(pack, monkeypatch, tmp_path):
    rules, parses = pack
    path = rules / "default.yaml"
    yamlfile.read_yaml(path)
    [name] = _cache_files(tmp_path)
    stored = tmp_path / "cache" / name
    good = json.loads(stored.read_text(encoding="utf-8"))
    wrong_key = {**good, "key": ["another version"]}
    wrong_lines = {**good, "files": {k: [v[0], v[1], "not a tree"] for k, v in good["files"].items()}}
    for damage in (b"", b"{\"key\": [1", "\u00ff".encode("latin-1"), b"[]", json.dumps(wrong_key).encode(),
                   json.dumps(wrong_lines).encode(), b"[" * 100_000):
        stored.write_bytes(damage)
        _new_process(monkeypatch)
        assert yamlfile.read_yaml(path).data["fail_on"] == "error"
        assert json.loads(stored.read_text(encoding="utf-8"))["key"] == good["key"]
    assert len(parses) == 8


@pytest.mark.parametrize("how", ["folder is a file", "cannot replace", "no cache"])
def test_a_cache_that_cannot_be_written_costs_only_the_parse(pack, monkeypatch, tmp_path, how):
    rules, parses = pack
    if how == "folder is a file":
        blocker = tmp_path / "blocker"
        blocker.write_text("", encoding="utf-8")
        monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", str(blocker / "cache"))
    elif how == "cannot replace":  # what a read-only folder or a full disk does (root writes anyway)
        def refuse(*_):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(yamlfile.os, "replace", refuse)
    else:
        monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", "")
    for _ in range(2):
        _new_process(monkeypatch)
        assert yamlfile.read_yaml(rules / "default.yaml").data["fail_on"] == "error"
    assert len(parses) == 2 and _cache_files(tmp_path) == []


def test_errors_in_a_cached_pack_file_still_name_their_line(pack, monkeypatch):
    rules, parses = pack
    path = rules / "statutory" / "content.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: broken\n   title: [\n", encoding="utf-8")
    with pytest.raises(RuleError) as error:
        yamlfile.read_yaml(path)
    assert error.value.code == "yaml-invalid" and "第" in error.value.message
    assert len(parses) == 1


def test_the_cache_folder_follows_the_platform(monkeypatch, tmp_path):
    monkeypatch.delenv("FAZHI_CHECK_CACHE_DIR", raising=False)
    monkeypatch.setattr(yamlfile.sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert yamlfile.cache_dir() == tmp_path / "xdg" / "fazhi-check"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert yamlfile.cache_dir() == tmp_path / ".cache" / "fazhi-check"
    monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", str(tmp_path / "mine"))
    assert yamlfile.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", "")
    assert yamlfile.cache_dir() is None


# JSON layout -------------------------------------------------------------------------------------

def test_json_layout_indents_containers_of_containers_and_keeps_leaves_on_one_line():
    # "holds another object or array": an empty one too, so every result has the same shape
    from checker.outputs.json import dumps

    value = {"a": 1, "b": [], "c": {"d": [1, 2.5, None, True], "e": {"f": "中文\"\n"}}, "g": [{"h": {}}, [], "x"],
             "i": {1: [2]}, "j": float("nan")}
    assert dumps(value) == (
        '{\n'
        '  "a": 1,\n'
        '  "b": [],\n'
        '  "c": {\n'
        '    "d": [1, 2.5, null, true],\n'
        '    "e": {"f": "中文\\"\\n"}\n'
        '  },\n'
        '  "g": [\n'
        '    {\n'
        '      "h": {}\n'
        '    },\n'
        '    [],\n'
        '    "x"\n'
        '  ],\n'
        '  "i": {"1": [2]},\n'
        '  "j": NaN\n'
        '}')
    assert dumps("中") == '"中"' and dumps([]) == "[]" and dumps({"a": {"b": 1}}, "  ") == '{\n    "a": {"b": 1}\n  }'


def test_json_output_streamed_is_the_rendered_document():
    from checker.config import load_config
    from checker.engine import check_path, engine_settings_of
    from checker.loader import load_rules
    from checker.model import Run
    from checker.outputs import json as output

    rules = load_rules()
    settings = engine_settings_of(load_config(cwd=seed_path("000").parent))
    reports = [check_path(str(seed_path(prefix)), rules, settings) for prefix in ("000", "002", "004")]
    rendered = output.render(Run(list(reports), rules))
    handle = io.StringIO()
    output.write(Run(iter(reports), rules), handle)
    assert handle.getvalue() == rendered + "\n"
    assert json.loads(rendered) == output.document(Run(list(reports), rules))
    lines = rendered.split("\n")
    assert lines[:5] == ['{', '  "version": 2,', '  "tool": {"name": "fazhi-check", "version": "0.1.0", "rules": 37},',
                         '  "reports": [', '    {']
    assert lines[9] == ('      "meta": {"title": "重庆市渝北区信访办公室关于2020年度法治政府建设情况的报告", '
                        '"issuing_body": "重庆市渝北区信访办公室", "report_year": 2020, "date": "2021-01-28", '
                        '"date_text": "2021年1月28日", "addressee": "区政府"},')
    assert lines[15:18] == ['        {', '          "rule": "content.measures",', '          "title": "主要举措和成效",']
