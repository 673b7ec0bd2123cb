"""Configuration: discovery, extends, per-rule settings, waivers with expiry, provenance."""

import json
import textwrap

import pytest
from docmaker import seed_path
from helpers import run_cli


def check_json(tmp_path, *args):
    result = run_cli("check", "--format", "json", *args, cwd=tmp_path)
    return result.returncode, json.loads(result.stdout.decode())


def result_of(data, rule_id, index=0):
    return next(r for r in data["reports"][index]["results"] if r["rule"] == rule_id)


def test_config_is_found_upward_and_changes_severity(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("rules:\n  content.causes: {severity: error}\n", encoding="utf-8")
    inner = tmp_path / "drafts" / "2021"
    inner.mkdir(parents=True)
    code, data = check_json(inner, str(seed_path("000")))
    assert result_of(data, "content.causes")["severity"] == "error"
    assert code == 1  # a weak error-level result now fails


def test_fail_on_controls_the_exit_code(tmp_path):
    assert run_cli("check", str(seed_path("000")), cwd=tmp_path).returncode == 0
    assert run_cli("check", "--fail-on", "warning", str(seed_path("000")), cwd=tmp_path).returncode == 1
    assert run_cli("check", "--fail-on", "never", str(seed_path("004")), cwd=tmp_path).returncode == 0


def test_disabled_rule_gives_no_result(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("rules:\n  structure.order: {enabled: false}\n", encoding="utf-8")
    _, data = check_json(tmp_path, str(seed_path("000")))
    assert "structure.order" not in {r["rule"] for r in data["reports"][0]["results"]}


def test_report_kind_and_deadline_are_configurable(tmp_path):
    text = seed_path("000").read_text(encoding="utf-8").replace("2021年1月28日", "2021年3月20日")
    draft = tmp_path / "late.txt"
    draft.write_text(text, encoding="utf-8")
    _, data = check_json(tmp_path, str(draft))
    assert result_of(data, "meta.timeliness")["status"] == "fail"  # a department: by 3月1日
    assert result_of(data, "meta.timeliness")["message"] == "报告时限不符合要求：成文日期“2021年3月20日”晚于部门报告截止日期2021年3月1日。"
    _, data = check_json(tmp_path, "--report-kind", "government", str(draft))
    assert result_of(data, "meta.timeliness")["status"] == "pass"
    (tmp_path / ".fazhi-check.yaml").write_text(
        'rules:\n  meta.timeliness:\n    options:\n      deadlines: {department: "03-31"}\n', encoding="utf-8")
    _, data = check_json(tmp_path, str(draft))
    assert result_of(data, "meta.timeliness")["status"] == "pass"


def test_waiver_applies_and_expired_waiver_says_so(tmp_path):
    config = textwrap.dedent(f"""\
        waivers:
          - rule: meta.signature
            files: ["{seed_path('001').as_posix()}"]
            reason: 网页转载稿省略署名
            approved_by: 区司法局
            expires: 2099-03-31
          - rule: meta.date
            file: "{seed_path('001').as_posix()}"
            reason: 旧豁免
            approved_by: 区司法局
            expires: 2020-01-01
        """)
    (tmp_path / ".fazhi-check.yaml").write_text(config, encoding="utf-8")
    _, data = check_json(tmp_path, str(seed_path("001")))
    signature = result_of(data, "meta.signature")
    assert signature["status"] == "waived"
    assert signature["waiver"] == {"reason": "网页转载稿省略署名", "approved_by": "区司法局", "expires": "2099-03-31"}
    assert signature["message"].startswith("豁免理由：网页转载稿省略署名（批准：区司法局，有效期至 2099-03-31）")
    date = result_of(data, "meta.date")
    assert date["status"] == "missing"
    assert date["message"] == "未找到成文日期。（豁免已于 2020-01-01 过期，不再适用）"


def test_extends_another_config_file(tmp_path):
    (tmp_path / "base.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    (tmp_path / ".fazhi-check.yaml").write_text("extends: base.yaml\nreport_kind: government\n", encoding="utf-8")
    result = run_cli("config", cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 0
    assert f'fail_on = "warning"　　# {(tmp_path / "base.yaml").resolve()}' in out
    assert f'report_kind = "government"　　# {(tmp_path / ".fazhi-check.yaml").resolve()}' in out
    assert 'scoring.weak_credit = 0.5　　# 内置默认' in out


def test_config_shows_each_rule_setting_once_with_its_file(tmp_path):
    config = tmp_path / ".fazhi-check.yaml"
    config.write_text("rules:\n  format.repeated:\n    enabled: false\n", encoding="utf-8")
    lines = run_cli("config", cwd=tmp_path).stdout.decode().splitlines()
    assert [line for line in lines if line.startswith("rules")] == [
        f"rules.format.repeated.enabled = false　　# {config.resolve()}"]
    config.write_text("fail_on: warning\n", encoding="utf-8")
    lines = run_cli("config", cwd=tmp_path).stdout.decode().splitlines()
    assert [line for line in lines if line.startswith("rules")] == ["rules = {}　　# 内置默认"]


def test_unknown_rule_and_bad_waiver_date_are_clear_errors(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("rules:\n  content.nothing: {enabled: false}\n", encoding="utf-8")
    result = run_cli("check", str(seed_path("000")), cwd=tmp_path)
    assert result.returncode == 2 and "第2行：未知的规则 “content.nothing”" in result.stderr.decode()
    (tmp_path / ".fazhi-check.yaml").write_text(
        "waivers:\n  - rule: meta.date\n    reason: 测试\n    approved_by: 某人\n    expires: 2027-02-30\n", encoding="utf-8")
    result = run_cli("check", str(seed_path("000")), cwd=tmp_path)
    assert result.returncode == 2 and "第5行" in result.stderr.decode() and "2027-02-30" in result.stderr.decode()


def test_init_writes_a_valid_starter_config(tmp_path):
    assert run_cli("init", cwd=tmp_path).returncode == 0
    assert (tmp_path / ".fazhi-check.yaml").exists()
    assert run_cli("init", cwd=tmp_path).returncode == 2
    result = run_cli("check", str(seed_path("000")), cwd=tmp_path)
    assert result.returncode == 0
    assert "配置文件：" in run_cli("config", cwd=tmp_path).stdout.decode()


def test_extends_cycle_is_a_clear_error(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: .fazhi-check.yaml\n", encoding="utf-8")
    (tmp_path / ".fazhi-check.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    result = run_cli("check", str(seed_path("000")), cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and "配置文件循环继承" in err and "Traceback" not in err


def test_a_key_written_twice_is_an_error_not_a_silent_override(tmp_path):
    """A second `rules:` block would drop the first (content.causes raised to must-fix) and change
    the verdict without a word; YAML forbids it, and so does the checker, with both lines."""
    (tmp_path / ".fazhi-check.yaml").write_text(
        "rules:\n  content.causes:\n    severity: error\nfail_on: error\nrules:\n  format.punctuation:\n    enabled: false\n",
        encoding="utf-8")
    result = run_cli("check", str(seed_path("000")), cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == (f"错误：配置文件无法使用：{(tmp_path / '.fazhi-check.yaml').resolve()} 第5行："
                                      "键“rules”重复（第1行已有）。同一层中每个键只能写一次，请把两处合并。\n")


@pytest.mark.parametrize("text, line, says", [
    ("rules:\n  a: 1\n b: 2\n", 3, "缩进不一致，或上一行缺少冒号（did not find expected key）"),
    ("rules:\n\tx: 1\n", 2, "含有不能出现在这里的字符（常见原因：用 Tab 缩进；值以 @ 或 ` 开头时请加引号）"),
    ('select: ["a\\q"]\n', 1, "双引号中的反斜杠（\\）写法不对：正则表达式请改用单引号"),
    ("select: [1, 2\n", 2, "方括号 [ ] 没有闭合，或列表项之间缺少逗号"),
])
def test_yaml_syntax_errors_are_explained_in_chinese(tmp_path, text, line, says):
    (tmp_path / ".fazhi-check.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", str(seed_path("000")), cwd=tmp_path)
    message = result.stderr.decode()
    assert result.returncode == 2
    assert message.startswith(f"错误：配置文件 YAML 语法错误：{(tmp_path / '.fazhi-check.yaml').resolve()} 第{line}行：{says}"), message


def test_a_rule_option_tuned_wrong_is_named_in_chinese(tmp_path):
    config = tmp_path / ".fazhi-check.yaml"
    config.write_text("rules:\n  content.measures:\n    options:\n      min_chars: many\n", encoding="utf-8")
    result = run_cli("check", str(seed_path("000")), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (f"错误：配置文件无效：{config.resolve()} 第4行：规则 content.measures 的选项 min_chars "
                                      "不符合要求：类型不对：应为整数，实际是“many”。\n")
    config.write_text("rules:\n  content.measures:\n    options:\n      no_such_option: 1\n", encoding="utf-8")
    message = run_cli("check", str(seed_path("000")), cwd=tmp_path).stderr.decode()
    assert "规则 content.measures 的选项不符合要求：不认识的键“no_such_option”（可能拼写有误" in message


def test_validate_checks_a_configuration_as_one(tmp_path):
    config = tmp_path / ".fazhi-check.yaml"
    config.write_text("extends: default\nfail_on: warning\n", encoding="utf-8")
    result = run_cli("validate", ".fazhi-check.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode() == "✓ 配置文件有效：.fazhi-check.yaml（其中的规则设置、豁免和自定义规则目录均已检查）。\n"
    config.write_text("fail_on: sometimes\n", encoding="utf-8")
    result = run_cli("validate", ".fazhi-check.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "键 `fail_on`：取值“sometimes”不在允许的范围内" in result.stderr.decode()
    config.rename(tmp_path / ".fazhi-check.yml")  # the other name a configuration may have
    result = run_cli("validate", ".fazhi-check.yml", cwd=tmp_path)
    assert result.returncode == 2 and "键 `fail_on`：取值“sometimes”不在允许的范围内" in result.stderr.decode()
