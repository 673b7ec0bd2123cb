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
  With `publication_deadline` (MM-DD), the portal's publication date (a byline such as
  发布时间：2025-04-11, read by the parser from the page furniture) must fall on or before it in
  the next year, checked separately from the 成文日期; without a 成文日期 only the publication
  date is checked. Neither date, or no year → n/a.
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
        "publication_deadline": {"type": "string", "pattern": "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},
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
        reason = f"“{date.text}”年月日不分明，可读作{'、'.join(_readings(date))}" if date.candidates else f"“{date.text}”无法识别为日期"
        return Outcome("weak", reason, location, {"date": date.text})
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


def _publication(rule: Rule, ctx: Context) -> Outcome | None:
    published, year = ctx.structure.published, ctx.year
    deadline_text = rule.options.get("publication_deadline")
    if not deadline_text or published is None or year is None or published.possible_range() is None:
        return None
    month, day = map(int, deadline_text.split("-"))
    deadline = dt.date(year + 1, month, day)
    values = {"published": published.text, "publication_deadline": f"{year + 1}年{month}月{day}日"}
    location = [ctx.location(published.line)]
    earliest, latest = published.possible_range()
    if earliest > deadline:
        return Outcome("fail", f"网页发布时间“{published.text}”晚于公开期限{values['publication_deadline']}", location, values)
    if latest > deadline:
        return Outcome("weak", f"网页发布时间“{published.text}”不完整，无法确定是否按期公开", location, values)
    return Outcome("pass", "", location, values)


def _written(rule: Rule, ctx: Context) -> Outcome:
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
    shown = _as_read(date)
    if latest < start:
        return Outcome("fail", f"成文日期{shown}早于{year}年度结束", location, values)
    if earliest > deadline:
        return Outcome("fail", f"成文日期{shown}晚于{values['kind']}报告截止日期{values['deadline']}", location, values)
    if earliest < start or latest > deadline:
        unsure = _as_read(date, verdict=False) if date.malformed else f"{shown}不完整，"
        return Outcome("weak", f"成文日期{unsure}无法确定是否在期限内", location, values)
    return Outcome("pass", "", location, values)


def _readings(date) -> list[str]:
    """The days a malformed date (2025128) can mean, as a message writes them."""
    return [f"{d.year}年{d.month}月{d.day}日" for d in date.candidates]


def _as_read(date, verdict: bool = True) -> str:
    """The date as a message quotes it; a malformed one (2025128) with its readings: all of them
    judged alike (`verdict`), or the readings that leave it open."""
    quoted = f"“{date.text}”"
    if not date.malformed or not date.candidates:
        return quoted
    readings = _readings(date)
    if not verdict:
        return f"{quoted}可读作{'或'.join(readings)}，"
    if len(readings) == 1:
        return f"{quoted}读作{readings[0]}，"
    return f"{quoted}无论读作{'还是'.join(readings)}，都"


_RANK = {"pass": 0, "n/a": 0, "weak": 1, "fail": 2}


def _timeliness(rule: Rule, ctx: Context) -> Outcome:
    """The 成文日期 against the reporting deadline and, separately, the publication date."""
    written, published = _written(rule, ctx), _publication(rule, ctx)
    if published is None:
        return written
    if written.status == "n/a":
        return published
    problems = [o for o in (written, published) if o.status in ("weak", "fail")]
    if not problems:
        return Outcome("pass", "", written.locations + published.locations, {**written.values, **published.values})
    worst = max(problems, key=lambda o: _RANK[o.status])
    return Outcome(worst.status, "；".join(o.reason for o in problems), [loc for o in problems for loc in o.locations],
                   {**written.values, **published.values})


_STYLE_NAMES = {"hanzi": "汉字数字", "iso": "短横线分隔", "dotted": "圆点分隔", "slashed": "斜线分隔"}


def _style(ctx: Context) -> Outcome:
    date = ctx.structure.date
    if date is None:
        return Outcome("n/a", "没有成文日期")
    if date.malformed:
        return Outcome("n/a", f"成文日期“{date.text}”{'年月日不分明' if date.candidates else '不是有效的日期'}")
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
