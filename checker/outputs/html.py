"""`--format html`: one self-contained page (inline CSS, SVG and script; nothing fetched).

A batch opens with an overview: a sortable heat map of reports × rules (pass / weak / missing /
fail colours) with each report's score, linking to the report's section. Each report section
has its scorecard and the report text with every finding highlighted at its line and explained
beside it. Readable on a phone (tables scroll, notes fold under their line) and printable.
The report text is read again from each file; standard input has no text to show.
"""

from __future__ import annotations

from html import escape

from checker.model import LEVEL_LABELS, STATUS_LABELS, Report, Result, Run, level_of
from checker.outputs.common import MARKS, batch_lines, meta_line, summary_line, verdict_text

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


def _badge(result: Result) -> str:
    """必须修改｜缺失 for a finding, the status word for the rest."""
    status, level = result.status, level_of(result)
    words = f"{LEVEL_LABELS[level]}｜{STATUS_LABELS[status]}" if level else STATUS_LABELS[status]
    return f'<span class="badge {_CLASS[status]}" data-level="{level or ""}">{MARKS[status]} {words}</span>'


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


def _heat_row(report: Report, anchor: str, rules) -> str:
    """One row of the overview, rendered as the report passes (the report is not kept)."""
    link = f'<a href="#{anchor}">{escape(report.path)}</a>'
    if report.error:
        cells = "".join('<td class="cell s-error" title="无法检查">!</td>' for _ in rules)
        return (f'<tr class="heat-row" data-report="{anchor}"><td>{link}</td><td>无法检查</td>'
                f'<td data-value="-1">—</td><td>无法检查</td>{cells}</tr>')
    by_rule = {r.rule.id: r for r in report.results}

    def cell(rule) -> str:
        result = by_rule.get(rule.id)
        if result is None:
            return '<td class="cell s-na">–</td>'
        level = level_of(result)
        words = f"{LEVEL_LABELS[level]}｜{STATUS_LABELS[result.status]}" if level else STATUS_LABELS[result.status]
        return (f'<td class="cell {_CLASS[result.status]}" data-rule="{escape(rule.id)}" data-status="{result.status}" '
                f'data-level="{level or ""}" title="{escape(rule.title)}：{words}">{MARKS[result.status]}</td>')

    score = "—" if report.score is None else report.score
    return (f'<tr class="heat-row" data-report="{anchor}" data-verdict="{report.verdict}"><td>{link}</td>'
            f'<td>{escape(verdict_text(report))}</td><td data-value="{-1 if report.score is None else report.score}">{score}</td>'
            f'<td>{escape(report.grade or "")}</td>{"".join(cell(rule) for rule in rules)}</tr>')


def _overview(rows: list[str], rules) -> str:
    head = "".join(f'<th class="rule" title="{escape(r.id)}" data-rule="{escape(r.id)}">{escape(r.title)}</th>' for r in rules)
    return (f'<section id="overview"><h2>总览：{len(rows)} 份报告</h2>{_legend()}<div class="scroll">'
            f'<table class="heatmap" id="heatmap"><thead><tr><th class="sortable">报告</th><th class="sortable">结论</th>'
            f'<th class="sortable">得分</th><th class="sortable">等级</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div></section>')


def _lines_of(report: Report, source: str | None = None) -> tuple[list[tuple[int, str]], set[int]]:
    """The report's lines and which of them are portal furniture (read from `source`, a stored
    copy, when the report's path is only a label, as for uploads to `serve`)."""
    from checker.errors import CheckerError
    from checker.readers import is_stdin, read
    from checker.structure import find_furniture

    if (is_stdin(report.path) and not source) or report.error:
        return [], set()
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
    number = {id(result): index for index, result in enumerate(report.results)}  # anchors follow the JSON order
    for result in report.findings + [r for r in report.results if not r.problem]:
        index = number[id(result)]
        links = []
        for place, location in enumerate(result.locations):
            if location.line is None:
                continue
            finding = f"{anchor}-f{index}-{place}"
            links.append(f'<a href="#{finding}">第{location.line}{unit}</a>')
            if result.problem or result.status == "waived":
                notes.setdefault(location.line, []).append(
                    f'<mark class="finding {_CLASS[result.status]}-note" id="{finding}" data-rule="{escape(result.rule.id)}" '
                    f'data-line="{location.line}" data-status="{result.status}">{_badge(result)} '
                    f'<b>{escape(result.rule.title)}</b>：{escape(result.message)}</mark>')
        fix = f'<br><span class="muted">建议：{escape(result.rule.fix)}</span>' if result.problem else ""
        rows.append(f'<tr data-rule="{escape(result.rule.id)}" data-status="{result.status}"><td>{escape(result.rule.title)}'
                    f'<br><span class="muted">{escape(result.rule.id)}</span></td><td>{_badge(result)}</td>'
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
    ring = _score_ring(report.score) if report.score is not None else ""
    score = f"{report.score} / 100　" if report.score is not None else ""
    card = (f'<div class="card"><div style="display:flex;gap:16px;align-items:center">{ring}'
            f'<div><div class="verdict" data-verdict="{report.verdict}">结论：{escape(verdict_text(report))}</div>'
            f'<div class="score">{score}{escape(report.grade)}</div><div>{escape(summary_line(report))}</div>'
            f'<div class="muted">{escape(meta_line(report))}</div></div></div></div>')
    scorecard = (f'<div class="scroll"><table class="scorecard"><thead><tr><th>要求</th><th>状态</th><th>位置</th><th>说明</th>'
                 f'<th>依据</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    body = f'<h3>报告原文（标出问题所在的{unit}）</h3><div class="text">{"".join(text)}</div>' if text else ""
    return f'<section class="report" id="{anchor}"><h2>{title}</h2>{card}{scorecard}{body}</section>'


def render(run: Run, sources: dict[str, str] | None = None) -> str:
    """`sources` maps a report's path to the file its text is read from, when they differ."""
    rules = run.active_rules
    sections, rows = [], []
    for index, report in enumerate(run.each()):
        anchor = f"r{index + 1}"
        sections.append(_report_section(report, anchor, (sources or {}).get(report.path)))
        rows.append(_heat_row(report, anchor, rules))
    verdict = "".join(f"<p>{escape(line)}</p>" for line in batch_lines(run.summary, run.fail_on))
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="fazhi-check">'
            f'<title>fazhi-check 检查结果</title>'
            f'<style>{_CSS}</style></head><body><header><h1>法治政府建设年度报告检查结果</h1>'
            f'<p>{len(rows)} 份报告，{len(rules)} 条规则。</p>{verdict}</header>'
            f'{_overview(rows, rules)}{"".join(sections)}<script>{_SCRIPT}</script></body></html>')
