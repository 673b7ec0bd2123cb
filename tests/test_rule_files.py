"""Broken rule files: exit 2 with the file, the line and the offending key (no traceback)."""

import textwrap

import pytest
from helpers import run_cli

GOOD = textwrap.dedent("""\
    id: custom.no-placeholder
    title: 不得留有占位符
    kind: phrase
    severity: error
    weight: 5
    basis: 《党政机关公文处理工作条例》
    messages:
      fail: 报告中留有占位符：{reason}。
    fix: 把占位符替换为实际内容。
    options:
      terms: [XX单位, ××单位]
    examples:
      pass: ["本单位全年办理信访事项100件。"]
      flag:
        - {text: "XX单位全年办理信访事项100件。", status: fail}
    """)


def write(tmp_path, text, name="custom.yaml"):
    folder = tmp_path / "my-rules"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def validate(path):
    result = run_cli("validate", str(path))
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def test_a_good_custom_rule_validates(tmp_path):
    code, out, err = validate(write(tmp_path, GOOD))
    assert (code, err) == (0, "")
    assert "1 条规则有效" in out


CASES = {
    "bad severity": (GOOD.replace("severity: error", "severity: fatal"), "第4行", "`severity`：取值“fatal”不在允许的范围内，可用：error、warning、info"),
    "missing fix": (GOOD.replace("fix: 把占位符替换为实际内容。\n", ""), "第1行", "缺少必需的键“fix”"),
    "misspelt key": (GOOD.replace("weight: 5", "wieght: 5"), "第5行", "`wieght`：不认识的键“wieght”（可能拼写有误，是否要写“weight”）"),
    "unknown kind": (GOOD.replace("kind: phrase", "kind: keyword"), "第3行", "未知的检查类型 “keyword”"),
    "bad option": (GOOD.replace("terms: [XX单位, ××单位]", "terms: [XX单位]\n  scope: everywhere"), "第12行", "`options.scope`"),
    "regex does not compile": (GOOD.replace("terms: [XX单位, ××单位]", "patterns: ['XX(单位']"), "第11行", "`options.patterns.0`"),
    "\\b next to Chinese": (GOOD.replace("terms: [XX单位, ××单位]", "patterns: ['\\bXX单位\\b']"), "第11行", "没有词边界"),
    "example it cannot flag": (GOOD.replace("XX单位全年", "本单位全年"), "第1行", "问题示例 1 应为 fail，实际为 pass"),
    "yaml syntax": (GOOD.replace("title: 不得留有占位符", "title: [不得留有占位符"), "", "YAML 语法错误"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_rule_file_names_file_line_and_key(case, tmp_path):
    text, line, key = CASES[case]
    path = write(tmp_path, text)
    code, out, err = validate(path)
    assert code == 2
    assert "Traceback" not in err
    assert str(path) in err and line in err and key in err
    assert len(err.strip().splitlines()) == 1


def test_duplicate_ids_name_both_files(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    code, out, err = validate(tmp_path / "my-rules")
    assert code == 2
    assert "规则 id 重复：custom.no-placeholder" in err and "a.yaml 第1行" in err and "b.yaml 第1行" in err


def test_duplicate_of_a_builtin_id(tmp_path):
    path = write(tmp_path, GOOD.replace("custom.no-placeholder", "content.causes"))
    code, out, err = validate(path)
    assert code == 2 and "规则 id 重复：content.causes" in err and "content.yaml" in err


def test_reference_to_an_unknown_rule(tmp_path):
    text = GOOD.replace("terms: [XX单位, ××单位]", "terms: [XX单位]\n  scope: section:content.nothing")
    code, out, err = validate(write(tmp_path, text))
    assert code == 2 and "引用了不存在的规则 “content.nothing”" in err


def test_custom_rule_dirs_from_config_are_used_by_check(tmp_path):
    from docmaker import seed_path

    write(tmp_path, GOOD)
    (tmp_path / ".fazhi-check.yaml").write_text("rule_dirs: [my-rules]\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(seed_path("000").read_text(encoding="utf-8").replace("区信访办还邀请", "XX单位还邀请"), encoding="utf-8")
    result = run_cli("check", "--format", "json", str(draft), cwd=tmp_path)
    import json

    report = json.loads(result.stdout)["reports"][0]
    custom = next(r for r in report["results"] if r["rule"] == "custom.no-placeholder")
    assert custom["status"] == "fail" and custom["locations"][0]["line"] == 55
    assert custom["message"] == "报告中留有占位符：“XX单位”。"
    assert result.returncode == 1


def test_builtin_pack_validates_and_its_examples_pass():
    result = run_cli("test-rules")
    out = result.stdout.decode()
    assert result.returncode == 0
    assert out.strip().splitlines()[-1] == "37 条规则的示例全部通过。"


def test_a_broken_config_fails_check_cleanly(tmp_path):
    from docmaker import seed_path

    (tmp_path / ".fazhi-check.yaml").write_text("fail_on: sometimes\n", encoding="utf-8")
    result = run_cli("check", str(seed_path("000")), cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and "配置文件不符合格式要求" in err and "第1行" in err and "`fail_on`" in err


def test_the_worked_example_in_the_guide_validates_and_works(tmp_path):
    """docs/rule-authoring.md walks through docs/examples/custom-rules/: it must stay true."""
    from helpers import ROOT

    folder = ROOT / "docs" / "examples" / "custom-rules"
    code, out, err = validate(folder)
    assert (code, err) == (0, "") and "1 条规则有效" in out
    guide = (ROOT / "docs" / "rule-authoring.md").read_text(encoding="utf-8")
    example = (folder / "data-figures.yaml").read_text(encoding="utf-8")
    assert "patterns: ['\\d+(?:\\.\\d+)?\\s*(?:件|次|人次|个|场|%)']" in guide and example.count("min_count: 3") == 1
    (tmp_path / ".fazhi-check.yaml").write_text(f"rule_dirs: ['{folder.as_posix()}']\n", encoding="utf-8")
    import json

    from docmaker import seed_path

    data = json.loads(run_cli("check", "--format", "json", str(seed_path("002")), cwd=tmp_path).stdout)
    figures = next(r for r in data["reports"][0]["results"] if r["rule"] == "local.measures-figures")
    assert figures["status"] == "weak"  # seed 002's achievements give only 234件次 and 10件
    assert figures["message"] == "成效部分只有 2 处具体数据，至少应有 3 处。"
    assert [loc["line"] for loc in figures["locations"]] == [17]  # both figures are on line 17: one place


def test_test_rules_names_the_tuning_an_example_fails_under(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("rules:\n  content.measures:\n    options:\n      min_chars: 300\n", encoding="utf-8")
    result = run_cli("test-rules", cwd=tmp_path)
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 1 and lines[-1] == "36 条规则的示例通过，1 条未通过。"
    at = lines.index("✗ content.measures：")
    assert lines[at + 3] == ("    （配置文件修改了该规则的选项 min_chars：示例是按规则文件中的选项写的，未通过可能是这一修改所致。）")
