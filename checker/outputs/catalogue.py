"""The rule catalogue (docs/rules.md), generated from the rule files themselves."""

from __future__ import annotations

from checker.model import Rule
from checker.outputs.common import rule_level
from checker.paths import rules_dir


def _source(rule: Rule) -> str:
    try:
        return f"rules/{rule.source.relative_to(rules_dir()).as_posix()}"
    except (ValueError, AttributeError):
        return str(rule.source)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _example(example) -> str:
    text = example if isinstance(example, str) else example["text"]
    return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))


def markdown(rules: list[Rule]) -> str:
    lines = ["# 规则目录", "",
             "<!-- 本文件由 `fazhi-check rules --format markdown > docs/rules.md` 生成，请勿手工编辑；测试会检查它是否过时。 -->",
             "", f"共 {len(rules)} 条规则。", "",
             "| id | 要求 | 类型 | 级别 | 权重 | 文件 |", "| --- | --- | --- | --- | --- | --- |"]
    for rule in rules:
        lines.append(f"| [`{rule.id}`](#{rule.id.replace('.', '')}) | {_cell(rule.title)} | {rule.kind} | "
                     f"{rule_level(rule)} | {rule.weight:g} | `{_source(rule)}` |")
    for rule in rules:
        statutory = "，法定要求" if rule.statutory else ""
        lines += ["", f"## {rule.id}", "", f"**{rule.title}** — 类型 `{rule.kind}`，级别 {rule_level(rule)}{statutory}，权重 {rule.weight:g}。", "",
                  f"- 依据：{_cell(rule.basis)}", f"- 级别理由：{_cell(rule.level_reason)}", f"- 修改建议：{_cell(rule.fix)}"]
        if rule.rationale:
            lines += [f"- 说明：{_cell(rule.rationale)}"]
        for status, text in rule.messages.items():
            lines.append(f"- 提示语（{status}）：{_cell(text)}")
        lines += ["", "通过示例：", ""]
        for example in rule.examples["pass"]:
            lines += [_example(example), ""]
        lines += ["问题示例：", ""]
        for example in rule.examples["flag"]:
            lines += [f"结论 `{example['status']}`：", "", _example(example), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


_STATUS_MEANING = {
    "pass": ("满足要求", "无需处理"),
    "weak": ("有这项内容，但不充分（只有一句话、缺少原因分析、日期不完整……）", "按级别处理"),
    "missing": ("应有的内容或要素没有找到", "按级别处理"),
    "fail": ("有错误或不该有的内容（日期早于年度结束、夹带请示、个人信息……）", "按级别处理"),
    "n/a": ("检查的前提不存在（如没有成文日期，就无法检查时限）", "看其他项"),
    "waived": ("经批准不检查（配置中登记了理由、批准人和有效期）", "无需处理"),
}
_LEVEL_MEANING = {
    "must-fix": ("法定内容或要素缺失，或必须删除的内容：报告不合格（等级不合格，退出码 1）", "改正后再报送或公开"),
    "should-fix": ("不充分或不规范，不影响合格，但法定内容上有这类问题时不能评为优秀", "请起草单位修改"),
    "note": ("写作质量的参考", "酌情处理"),
}


def vocabulary_table() -> str:
    """The one table of the two axes (docs/reviewer-guide.md, configuration.md, json-output.md)."""
    from checker.model import LEVEL_LABELS, SEVERITY_OF_LEVEL, STATUS_LABELS

    lines = ["| 方面 | 显示为 | JSON 中的值 | 含义 | 怎么处理 |", "| --- | --- | --- | --- | --- |"]
    for status, label in STATUS_LABELS.items():
        meaning, action = _STATUS_MEANING[status]
        lines.append(f"| 状态：发现了什么 | {label} | `status: {status}` | {meaning} | {action} |")
    for level, label in LEVEL_LABELS.items():
        meaning, action = _LEVEL_MEANING[level]
        lines.append(f"| 级别：审阅人要做什么 | **{label}** | `level: {level}`（规则 `severity: {SEVERITY_OF_LEVEL[level]}`，"
                     f"`--fail-on {SEVERITY_OF_LEVEL[level]}`） | {meaning} | {action} |")
    return "\n".join(lines) + "\n"
