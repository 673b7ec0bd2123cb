"""`--format html`: one self-contained page (inline CSS, SVG and script; nothing fetched).

A batch opens with an overview: a sortable heat map of reports × rules (pass / weak / missing /
fail colours) with each report's score, linking to the report's section. Each report section
has its scorecard and the report text with every finding highlighted at its line and explained
beside it. Readable on a phone (tables scroll, notes fold under their line) and printable.
The report text is read again from each file; standard input has no text to show.
"""

from __future__ import annotations

from html import escape

from checker.model import STATUS_LABELS, Report, Run
from checker.outputs.common import MARKS, meta_line, summary_line

_CSS = """
:root{--pass:#2e7d32;--weak:#f9a825;--missing:#c62828;--fail:#8e24aa;--na:#9e9e9e;--waived:#0277bd;--ink:#1f2328;--muted:#57606a;--line:#d0d7de}
*{box-sizing:border-box}body{margin:0;font:15px/1.6 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#f6f8fa}
header,section{max-width:1200px;margin:0 auto;padding:16px}header h1{font-size:22px;margin:8px 0}
h2{font-size:18px;border-bottom:2px solid var(--line);padding-bottom:4px}.muted{color:var(--muted)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;background:#fff;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eaeef2;position:sticky;top:0}th.sortable{cursor:pointer;user-select:none}th.sortable::after{content:" ⇅";color:var(--muted)}
.heatmap td.cell{width:28px;min-width:28px;text-align:center;color:#fff;font-weight:bold;padding:4px}
.heatmap th.rule{writing-mode:vertical-rl;white-space:nowrap;font-weight:normal;font-size:12px;padding:4px 2px}
.s-pass{background:var(--pass)}.s-weak{background:var(--weak)}.s-missing{background:var(--missing)}.s-fail{background:var(--fail)}
.s-na{background:var(--na)}.s-waived{background:var(--waived)}.s-error{background:#000}
.badge{display:inline-block;padding:0 6px;border-radius:4px;color:#fff;white-space:nowrap;font-size:13px}
.legend span{margin-right:12px}.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:middle}
.scorecard td:nth-child(3){white-space:nowrap}.score{font-size:28px;font-weight:bold}.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px;margin:12px 0}
.text{background:#fff;border:1px solid var(--line);border-radius:6px}
.line{display:grid;grid-template-columns:48px minmax(0,1fr) minmax(0,320px);gap:8px;padding:2px 8px;border-left:4px solid transparent}
.line .ln{color:var(--muted);text-align:right;font-size:12px;padding-top:3px}.line .t{white-space:pre-wrap;word-break:break-all}
.line.furniture .t{color:#aaa;text-decoration:line-through}
.line.hl{background:#fff8e1}.line.hl.s-missing,.line.hl.s-fail{background:#fdecea}.line.hl{border-left-color:var(--weak)}
.line.hl.s-missing,.line.hl.s-fail{border-left-color:var(--missing)}
.line .notes{font-size:13px}.finding{display:block;margin:2px 0;padding:4px 6px;border-radius:4px;background:#fff;border:1px solid var(--line)}
a{color:#0969da}:target{outline:3px solid #0969da}
@media (max-width:720px){.line{grid-template-columns:36px minmax(0,1fr)}.line .notes{grid-column:2}header,section{padding:8px}
.scorecard td:nth-child(5),.scorecard th:nth-child(5){display:none}}
@media print{body{background:#fff}th.sortable::after{content:""}.scroll{overflow:visible;border:0}.report{page-break-before:always}
.line{grid-template-columns:40px 1fr 240px}a{color:inherit;text-decoration:none}}
"""

_SCRIPT = """
(function(){
  window.fazhiErrors=[];window.addEventListener('error',function(e){window.fazhiErrors.push(String(e.message));
    document.body.setAttribute('data-script-errors',window.fazhiErrors.length);});
  function key(cell){var v=cell.getAttribute('data-value');return v===null?cell.textContent.trim():parseFloat(v);}
  document.querySelectorAll('th.sortable').forEach(function(th){
    th.addEventListener('click',function(){
      var table=th.closest('table'),body=table.tBodies[0],index=Array.prototype.indexOf.call(th.parentNode.children,th);
      var up=th.getAttribute('data-order')!=='asc';th.setAttribute('data-order',up?'asc':'desc');
      Array.prototype.slice.call(body.rows).sort(function(a,b){var x=key(a.cells[index]),y=key(b.cells[index]);
        return (x>y?1:x<y?-1:0)*(up?1:-1);}).forEach(function(row){body.appendChild(row);});
    });
  });
  document.body.setAttribute('data-ready','1');
})();
"""

_CLASS = {"pass": "s-pass", "weak": "s-weak", "missing": "s-missing", "fail": "s-fail", "n/a": "s-na", "waived": "s-waived"}


def _badge(status: str) -> str:
    return f'<span class="badge {_CLASS[status]}">{MARKS[status]} {STATUS_LABELS[status]}</span>'


def _legend() -> str:
    items = "".join(f'<span><i class="{_CLASS[s]}"></i>{STATUS_LABELS[s]}</span>' for s in _CLASS)
    return f'<p class="legend">{items}</p>'


def _score_ring(score: int) -> str:
    """An inline SVG ring showing the score."""
    colour = "#2e7d32" if score >= 90 else "#f9a825" if score >= 60 else "#c62828"
    length = 2 * 3.14159 * 26
    return (f'<svg width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="得分 {score}">'
            f'<circle cx="32" cy="32" r="26" fill="none" stroke="#eaeef2" stroke-width="8"/>'
            f'<circle cx="32" cy="32" r="26" fill="none" stroke="{colour}" stroke-width="8" '
            f'stroke-dasharray="{length * score / 100:.1f} {length:.1f}" transform="rotate(-90 32 32)"/>'
            f'<text x="32" y="37" text-anchor="middle" font-size="16" font-weight="bold">{score}</text></svg>')


def _overview(run: Run, anchors: dict[str, str]) -> str:
    rules = run.active_rules
    head = "".join(f'<th class="rule" title="{escape(r.id)}" data-rule="{escape(r.id)}">{escape(r.title)}</th>' for r in rules)
    rows = []
    for report in run.reports:
        link = f'<a href="#{anchors[report.path]}">{escape(report.path)}</a>'
        if report.error:
            cells = "".join('<td class="cell s-error" title="无法检查">!</td>' for _ in rules)
            rows.append(f'<tr class="heat-row" data-report="{anchors[report.path]}"><td>{link}</td>'
                        f'<td data-value="-1">—</td><td>无法检查</td>{cells}</tr>')
            continue
        by_rule = {r.rule.id: r for r in report.results}
        cells = "".join(
            f'<td class="cell {_CLASS[by_rule[rule.id].status]}" data-rule="{escape(rule.id)}" data-status="{by_rule[rule.id].status}" '
            f'title="{escape(rule.title)}：{STATUS_LABELS[by_rule[rule.id].status]}">{MARKS[by_rule[rule.id].status]}</td>'
            if rule.id in by_rule else '<td class="cell s-na">–</td>' for rule in rules)
        rows.append(f'<tr class="heat-row" data-report="{anchors[report.path]}"><td>{link}</td>'
                    f'<td data-value="{report.score}">{report.score}</td><td>{escape(report.grade)}</td>{cells}</tr>')
    return (f'<section id="overview"><h2>总览：{len(run.reports)} 份报告</h2>{_legend()}<div class="scroll">'
            f'<table class="heatmap" id="heatmap"><thead><tr><th class="sortable">报告</th><th class="sortable">得分</th>'
            f'<th class="sortable">等级</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div></section>')


def _lines_of(report: Report, source: str | None = None) -> tuple[list[tuple[int, str]], set[int]]:
    """The report's lines and which of them are portal furniture (read from `source`, a stored
    copy, when the report's path is only a label, as for uploads to `serve`)."""
    if (report.path == "-" and not source) or report.error:
        return [], set()
    from checker.errors import CheckerError
    from checker.readers import read
    from checker.structure import find_furniture

    try:
        document = read(source or report.path)
    except CheckerError:
        return [], set()
    return [(line.number, line.text) for line in document.lines], set(find_furniture(document))


def _report_section(report: Report, anchor: str, source: str | None = None) -> str:
    title = escape(report.path)
    if report.error:
        return f'<section class="report" id="{anchor}"><h2>{title}</h2><p class="card">无法检查：{escape(report.error["message"])}</p></section>'
    unit = "段" if report.unit == "paragraph" else "行"
    notes: dict[int, list[str]] = {}
    rows = []
    for index, result in enumerate(report.results):
        links = []
        for place, location in enumerate(result.locations):
            if location.line is None:
                continue
            finding = f"{anchor}-f{index}-{place}"
            links.append(f'<a href="#{finding}">第{location.line}{unit}</a>')
            if result.problem or result.status == "waived":
                notes.setdefault(location.line, []).append(
                    f'<mark class="finding {_CLASS[result.status]}-note" id="{finding}" data-rule="{escape(result.rule.id)}" '
                    f'data-line="{location.line}" data-status="{result.status}">{_badge(result.status)} '
                    f'<b>{escape(result.rule.title)}</b>：{escape(result.message)}</mark>')
        fix = f'<br><span class="muted">建议：{escape(result.rule.fix)}</span>' if result.problem else ""
        rows.append(f'<tr data-rule="{escape(result.rule.id)}" data-status="{result.status}"><td>{escape(result.rule.title)}'
                    f'<br><span class="muted">{escape(result.rule.id)}</span></td><td>{_badge(result.status)}</td>'
                    f'<td>{"<br>".join(links) or "—"}</td><td>{escape(result.message)}{fix}</td>'
                    f'<td class="muted">{escape(result.rule.basis)}</td></tr>')
    text = []
    statuses = {loc.line: r.status for r in reversed(report.results) if r.problem for loc in r.locations if loc.line}
    lines, furniture = _lines_of(report, source)
    for number, line in lines:
        classes = "line" + (f" hl {_CLASS[statuses[number]]}" if number in notes and number in statuses else "")
        classes += " furniture" if number in furniture else ""
        text.append(f'<div class="{classes}" id="{anchor}-L{number}" data-line="{number}"><span class="ln">{number}</span>'
                    f'<span class="t">{escape(line)}</span><span class="notes">{"".join(notes.get(number, []))}</span></div>')
    card = (f'<div class="card"><div style="display:flex;gap:16px;align-items:center">{_score_ring(report.score)}'
            f'<div><div class="score">{report.score} / 100　{escape(report.grade)}</div><div>{escape(summary_line(report))}</div>'
            f'<div class="muted">{escape(meta_line(report))}</div></div></div></div>')
    scorecard = (f'<div class="scroll"><table class="scorecard"><thead><tr><th>要求</th><th>状态</th><th>位置</th><th>说明</th>'
                 f'<th>依据</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    body = f'<h3>报告原文（标出问题所在的{unit}）</h3><div class="text">{"".join(text)}</div>' if text else ""
    return f'<section class="report" id="{anchor}"><h2>{title}</h2>{card}{scorecard}{body}</section>'


def render(run: Run, sources: dict[str, str] | None = None) -> str:
    """`sources` maps a report's path to the file its text is read from, when they differ."""
    anchors = {report.path: f"r{index + 1}" for index, report in enumerate(run.reports)}
    sections = "".join(_report_section(report, anchors[report.path], (sources or {}).get(report.path))
                       for report in run.reports)
    verdict = {0: "通过", 1: "未通过：存在达到阈值的问题", 2: "出错：有文件无法读取或配置无效"}[run.exit_code]
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>fazhi-check 检查结果</title>'
            f'<style>{_CSS}</style></head><body><header><h1>法治政府建设年度报告检查结果</h1>'
            f'<p>{len(run.reports)} 份报告，{len(run.active_rules)} 条规则。结论：{verdict}（阈值 {escape(run.fail_on)}）。</p></header>'
            f'{_overview(run, anchors)}{sections}<script>{_SCRIPT}</script></body></html>')
