"""date — the 成文日期: present and complete, and dated in the reporting window.

Options:
- `check: presence` — no date → missing; incomplete (no day, 2021年1月) or unreadable
  (2025128) → weak; complete → pass.
- `check: timeliness` — the date must fall after the report year ends and on or before the
  deadline in the next year. `deadlines` maps a report kind (government, department,
  township) to MM-DD; the report kind comes from the configuration (`report_kind`), or, when
  that is `auto`, from the issuing body's name using `kind_suffixes` (first match wins; the
  default kind is `default_kind`). A date known only to the month counts when the whole month
  is inside the window; an unreadable date counts when every reading of it is outside.
  No date or no year → n/a.
- `check: style` — GB/T 9704: Arabic numerals, the year in full, month and day not zero-padded
  (2021年1月28日). 汉字 dates, padded dates and 2021-01-28 / 2021.1.28 forms → weak, with the
  correct form in the message. No date, or an unreadable one (reported by presence) → n/a.
"""

from __future__ import annotations

import datetime as dt

from checker.context import Context
from checker.model import Outcome, Rule

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["check"],
    "properties": {
        "check": {"enum": ["presence", "timeliness", "style"]},
        "deadlines": {
            "type": "object", "additionalProperties": False,
            "patternProperties": {"^(government|department|township)$": {"type": "string", "pattern": "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"}},
        },
        "kind_suffixes": {
            "type": "object", "additionalProperties": False,
            "patternProperties": {"^(government|department|township)$": {"type": "array", "items": {"type": "string"}}},
        },
        "default_kind": {"enum": ["government", "department", "township"]},
    },
    "if": {"properties": {"check": {"const": "timeliness"}}},
    "then": {"required": ["deadlines"]},
}

KIND_LABELS = {"government": "政府", "department": "部门", "township": "乡镇（街道）"}


def _presence(ctx: Context) -> Outcome:
    date = ctx.structure.date
    if date is None:
        return Outcome("missing")
    location = [ctx.location(date.line, date.text)]
    if date.malformed:
        return Outcome("weak", f"“{date.text}”无法识别为日期", location, {"date": date.text})
    if not date.complete:
        return Outcome("weak", f"“{date.text}”缺少日", location, {"date": date.text})
    return Outcome("pass", "", location, {"date": date.text})


def report_kind(ctx: Context, options: dict) -> str:
    configured = ctx.settings.get("report_kind", "auto")
    if configured != "auto":
        return configured
    body = ctx.structure.issuing_body or ""
    for kind, suffixes in options.get("kind_suffixes", {}).items():
        if any(body.endswith(s) for s in suffixes):
            return kind
    return options.get("default_kind", "government")


def _timeliness(rule: Rule, ctx: Context) -> Outcome:
    date, year = ctx.structure.date, ctx.year
    if date is None or year is None:
        return Outcome("n/a", "缺少成文日期或报告年度")
    possible = date.possible_range()
    if possible is None:
        return Outcome("n/a", "成文日期无法识别")
    kind = report_kind(ctx, rule.options)
    deadline_text = rule.options["deadlines"].get(kind) or rule.options["deadlines"].get("government", "03-31")
    month, day = map(int, deadline_text.split("-"))
    start, deadline = dt.date(year + 1, 1, 1), dt.date(year + 1, month, day)
    earliest, latest = possible
    values = {"date": date.text, "deadline": f"{year + 1}年{month}月{day}日", "kind": KIND_LABELS[kind]}
    location = [ctx.location(date.line, date.text)]
    if latest < start:
        return Outcome("fail", f"成文日期“{date.text}”早于{year}年度结束", location, values)
    if earliest > deadline:
        return Outcome("fail", f"成文日期“{date.text}”晚于{values['kind']}报告截止日期{values['deadline']}", location, values)
    if earliest < start or latest > deadline:
        return Outcome("weak", f"成文日期“{date.text}”不完整，无法确定是否在期限内", location, values)
    return Outcome("pass", "", location, values)


_STYLE_NAMES = {"hanzi": "汉字数字", "iso": "短横线分隔", "dotted": "圆点分隔", "slashed": "斜线分隔"}


def _style(ctx: Context) -> Outcome:
    date = ctx.structure.date
    if date is None or date.malformed:
        return Outcome("n/a", "没有可识别的成文日期")
    parts = [f"{date.year}年"] + ([f"{date.month}月"] if date.month else []) + ([f"{date.day}日"] if date.day else [])
    correct = "".join(parts)
    location = [ctx.location(date.line, date.text)]
    problems = []
    if date.style != "arabic":
        problems.append(f"使用了{_STYLE_NAMES.get(date.style, date.style)}")
    if date.padded:
        problems.append("月、日前补了零")
    if problems:
        return Outcome("weak", f"“{date.text}”{'、'.join(problems)}，应写为“{correct}”", location,
                       {"date": date.text, "correct": correct})
    return Outcome("pass", "", location, {"date": date.text})


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    check = rule.options["check"]
    if check == "presence":
        return _presence(ctx)
    if check == "style":
        return _style(ctx)
    return _timeliness(rule, ctx)
