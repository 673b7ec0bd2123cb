"""`fazhi-check outline`: the parsed structure as a tree, or as JSON."""

from __future__ import annotations

import json

from checker.outputs.common import draft_state

_DATE_STATUS = {"complete": "完整", "incomplete": "不完整", "malformed": "格式异常"}


def _ranges(numbers: list[int]) -> str:
    """[1,2,3,7] → "1-3, 7"."""
    parts, start = [], None
    for index, number in enumerate(numbers):
        if start is None:
            start = number
        if index + 1 == len(numbers) or numbers[index + 1] != number + 1:
            parts.append(str(start) if start == number else f"{start}-{number}")
            start = None
    return ", ".join(parts)


def _add_headings(node, headings: list[dict], unit: str) -> None:
    for heading in headings:
        form = "" if heading["standard"] else " [非标准序号]"
        run_in = " [段首标题]" if heading["run_in"] else ""
        page = f"第{heading['page']}页，" if heading.get("page") else ""
        child = node.add(f"{heading['marker']}{heading['text']}  [dim]（{page}{unit}{heading['line']}，第{heading['level']}级{form}{run_in}）[/dim]")
        _add_headings(child, heading["children"], unit)


def render_tree(data: dict, console) -> None:
    from rich.markup import escape
    from rich.tree import Tree

    unit = "段" if data["unit"] == "paragraph" else "行"
    tree = Tree(f"[bold]{escape(data['path'])}[/bold]  [dim]{data['format']}[/dim]")
    date = data["date"]
    date_text = "未找到" if date is None else f"{date['text']}（{_DATE_STATUS[date['status']]}" + (
        f"，{date['iso']}" if date["iso"] else "") + f"，{unit}{date['line']}）"
    facts = [
        ("标题", data["title"] or "未找到"),
        ("发文机关", data["issuing_body"] or "未找到"),
        ("报告年度", str(data["report_year"]) if data["report_year"] else "未能确定"),
        ("主送机关", data["addressee"] or "无"),
        ("成文日期", date_text),
        ("署名", "无" if data["signature"] is None else f"{data['signature']['body'] or '（无机关名称）'}"
         + {"head": "（标题下方）", "letter": "（报送函）"}.get(data["signature"]["position"], "")),
    ]
    if data.get("pages"):
        facts.append(("页数", str(data["pages"])))
    if data.get("revisions") is not None:
        facts.append(("修订与批注", draft_state(data["revisions"], data["comments"] or 0)))
    for label, value in facts:
        tree.add(f"{label}：{escape(value)}")
    headings = tree.add(f"结构（{sum(1 for h in data['headings'] if h['level'] == 1)} 个一级标题）")
    _add_headings(headings, data["headings"], unit)
    if data["furniture"]:
        tree.add(f"网页框架内容（已排除）：{unit} {_ranges(data['furniture'])}")
    console.print(tree)


def render_json(items: list[dict]) -> str:
    return json.dumps({"version": 1, "documents": items}, ensure_ascii=False, indent=2)
