"""The rule catalogue (docs/rules.md), generated from the rule files themselves."""

from __future__ import annotations

from checker.model import SEVERITY_LABELS, Rule
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
                     f"{SEVERITY_LABELS[rule.severity]} | {rule.weight:g} | `{_source(rule)}` |")
    for rule in rules:
        lines += ["", f"## {rule.id}", "", f"**{rule.title}** — 类型 `{rule.kind}`，级别 {SEVERITY_LABELS[rule.severity]}，权重 {rule.weight:g}。", "",
                  f"- 依据：{_cell(rule.basis)}", f"- 修改建议：{_cell(rule.fix)}"]
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
