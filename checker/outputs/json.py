"""`--format json`: the versioned machine contract (docs/json-output.md, docs/report.schema.json).

Written report by report (memory stays flat for big batches); `summary` comes last, once every
report has passed. `--format jsonl` writes one report per line as it is checked, then a last
line holding the summary.

Layout (`dumps`): an object or array that holds another object or array is indented, two spaces
a level; one that holds none (a location, `meta`, `failed_by`, `by_status`) is written on one
line. Those one-line parts go through the C encoder in one call each, whereas `indent=` would
send every value through the pure-Python encoder, several times slower per report.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring

from checker import __version__
from checker.model import Report, Result, Run, Summary, level_of

VERSION = 2

_ENCODER = json.JSONEncoder(ensure_ascii=False)
try:  # the C encoder itself, built once (JSONEncoder.encode builds one per call)
    _one_line = json.encoder.c_make_encoder(None, _ENCODER.default, encode_basestring, None, ": ", ", ", False, False, True)
except (AttributeError, TypeError):  # no C accelerator: the same text, more slowly
    _one_line = None


def encode(value) -> str:
    """`value` as one line of JSON, as json.dumps(value, ensure_ascii=False) writes it."""
    return "".join(_one_line(value, 0)) if _one_line else _ENCODER.encode(value)


class Laid(str):
    """JSON text already laid out for the place it goes (a container, for the layout's purposes)."""


_SCALARS = {str: encode_basestring, int: int.__repr__, bool: lambda b: "true" if b else "false",
            type(None): lambda _: "null"}
_CONTAINERS = (dict, list, Laid)


def dumps(value, pad: str = "") -> str:
    """`value` as JSON in the layout above; `pad` is the indentation of the line it starts on."""
    kind = type(value)
    scalar = _SCALARS.get(kind)
    if scalar:
        return scalar(value)
    if kind is Laid:
        return value
    if kind is dict:
        if not value:
            return "{}"
        inner, parts, nested = pad + "  ", [], False
        for key, item in value.items():
            if type(key) is not str:  # a key JSON converts: the encoder's own way
                return encode(value)
            scalar = _SCALARS.get(type(item))
            if scalar:
                parts.append(f"{encode_basestring(key)}: {scalar(item)}")
            else:
                nested = nested or type(item) in _CONTAINERS
                parts.append(f"{encode_basestring(key)}: {dumps(item, inner)}")
        return f"{{\n{inner}" + f",\n{inner}".join(parts) + f"\n{pad}}}" if nested else "{" + ", ".join(parts) + "}"
    if kind is list:
        if not value:
            return "[]"
        inner, parts, nested = pad + "  ", [], False
        for item in value:
            scalar = _SCALARS.get(type(item))
            if scalar:
                parts.append(scalar(item))
            else:
                nested = nested or type(item) in _CONTAINERS
                parts.append(dumps(item, inner))
        return f"[\n{inner}" + f",\n{inner}".join(parts) + f"\n{pad}]" if nested else "[" + ", ".join(parts) + "]"
    return encode(value)


def _location(loc) -> dict:
    return {"line": loc.line, "section": loc.section, "excerpt": loc.excerpt,
            **({"page": loc.page} if loc.page is not None else {})}


def _result(result: Result) -> dict:
    data = {"rule": result.rule.id, "title": result.rule.title, "status": result.status,
            "level": level_of(result), "severity": result.severity, "weight": result.rule.weight,
            "message": result.message, "basis": result.rule.basis, "fix": result.rule.fix,
            "locations": [_location(loc) for loc in result.locations]}
    if result.waiver:
        data["waiver"] = {k: result.waiver.get(k) for k in ("reason", "approved_by", "expires")}
    return data


def report_dict(report: Report, result=_result) -> dict:
    return _report_fields(report, [result(r) for r in report.results])


def _report_fields(report: Report, results) -> dict:
    return {"path": report.path, "format": report.format, "unit": report.unit, "error": report.error,
            "meta": report.meta or None, "verdict": report.verdict, "failed_by": list(report.failed_by),
            "score": report.score, "grade": report.grade, "results": results, "rule_errors": report.rule_errors}


# A result laid out directly: `dumps(_result(result), pad)`, with the parts that are the same for
# every report (id, title, weight, basis, fix) laid out once per rule. A batch writes 36 results
# a report, and these parts are most of their text.
_RULE_PARTS: dict[tuple[int, str], tuple] = {}


def _rule_parts(rule, inner: str) -> tuple[str, str, str]:
    entry = _RULE_PARTS.get((id(rule), inner))
    if entry is None or entry[0] is not rule:
        sep = ",\n" + inner
        head = f'"rule": {dumps(rule.id, inner)}{sep}"title": {dumps(rule.title, inner)}'
        tail = f'"basis": {dumps(rule.basis, inner)}{sep}"fix": {dumps(rule.fix, inner)}'
        entry = _RULE_PARTS[(id(rule), inner)] = (rule, head, f'"weight": {dumps(rule.weight, inner)}', tail)
    return entry[1:]


_HEADS: dict[tuple, tuple] = {}  # (rule id, pad, status, severity, message) -> (rule, text before the locations)


def _laid_head(result: Result, inner: str) -> str:
    """The result's text up to its locations. Most results of a batch are the same few texts (a
    rule's pass, its n/a), so each is laid out once."""
    key = (id(result.rule), inner, result.status, result.severity, result.message)
    entry = _HEADS.get(key)
    if entry is None or entry[0] is not result.rule:
        if len(_HEADS) > 512:  # messages quoting a report's own words do not recur: a few hundred heads that do suffice
            _HEADS.clear()
        head, weight, tail = _rule_parts(result.rule, inner)
        level = level_of(result)
        text = f"{{\n{inner}" + f",\n{inner}".join((
            head, f'"status": {encode_basestring(result.status)}',
            f'"level": {"null" if level is None else encode_basestring(level)}',
            f'"severity": {encode_basestring(result.severity)}', weight,
            f'"message": {encode_basestring(result.message)}', tail)) + f',\n{inner}"locations": '
        entry = _HEADS[key] = (result.rule, text)
    return entry[1]


def _laid_location(loc) -> str:
    """encode(_location(loc)), written out: a batch lays out some twenty locations a report."""
    line = "null" if loc.line is None else int.__repr__(loc.line)
    section = "null" if loc.section is None else encode_basestring(loc.section)
    page = "" if loc.page is None else f', "page": {int.__repr__(loc.page)}'
    return f'{{"line": {line}, "section": {section}, "excerpt": {encode_basestring(loc.excerpt)}{page}}}'


def laid_result(result: Result, pad: str) -> str:
    if result.waiver:
        return dumps(_result(result), pad)
    inner = pad + "  "
    if not result.locations:
        return f"{_laid_head(result, inner)}[]\n{pad}}}"
    each = f",\n{inner}  ".join(map(_laid_location, result.locations))
    return f"{_laid_head(result, inner)}[\n{inner}  {each}\n{inner}]\n{pad}}}"


class LaidList:
    """A JSON array written item by item, as `dumps` lays out a list of containers whose first
    line is at `pad`: "[", each item on its own line one level in, "]" back at `pad`; `pad=None`:
    on one line, as `encode` writes it. `item` and `end` give the text; the caller writes it."""

    def __init__(self, pad: str | None):
        self.count = 0
        if pad is None:
            self._first, self._next, self._end = "[", ", ", "]"
        else:
            self._first, self._next, self._end = f"[\n{pad}  ", f",\n{pad}  ", f"\n{pad}]"

    def item(self, text: str) -> str:
        self.count += 1
        return (self._next if self.count > 1 else self._first) + text

    def end(self) -> str:
        return self._end if self.count else "[]"


def summary_dict(summary: Summary, fail_on: str, failed_reports=None) -> dict:
    if failed_reports is None:
        failed_reports = [_failed_report(row) for row in summary.failed]
    return {"reports": summary.reports, "errors": summary.errors, "failed_reports": failed_reports,
            "by_status": summary.by_status, "by_level": summary.by_level,
            "average_score": summary.average_score, "fail_on": fail_on, "exit_code": summary.exit_code}


def _failed_report(row) -> dict:
    return {"path": row.path, "failed_by": list(row.failed_by)}


_HOLE = Laid("\0failed_reports\0")  # where the streamed list goes in the summary's text


def write_summary(summary: Summary, fail_on: str, handle, pad: str | None = "  ") -> None:
    """The summary as `dumps(summary_dict(...), pad)` lays it out (`pad=None`: on one line, as
    `encode` does), its failed reports written one at a time: a national batch lists tens of
    thousands, and their rows come back from the summary's spool as they are written."""
    fields = summary_dict(summary, fail_on, _HOLE)
    if pad is None:
        (before, after), lay = encode(fields).split(encode(_HOLE)), encode
    else:
        (before, after), lay = dumps(fields, pad).split(_HOLE), lambda item: dumps(item, pad + "    ")
    failed = LaidList(None if pad is None else pad + "  ")
    handle.write(before)
    for row in summary.failed:
        handle.write(failed.item(lay(_failed_report(row))))
    handle.write(failed.end() + after)


def _tool(run: Run) -> dict:
    return {"name": "fazhi-check", "version": __version__, "rules": len(run.active_rules)}


def document(run: Run) -> dict:
    reports = [report_dict(r) for r in run.each()]
    return {"version": VERSION, "tool": _tool(run), "reports": reports, "summary": summary_dict(run.summary, run.fail_on)}


def render(run: Run) -> str:
    return dumps(document(run))


def fragment(report: Report) -> str:
    """One report as it stands in `reports` (made by a worker with --jobs, see batch.iter_reports):
    `dumps(report_dict(report), "    ")`, with the results laid out directly."""
    pad = "        "
    results = Laid(f"[\n{pad}" + f",\n{pad}".join(laid_result(r, pad) for r in report.results) + "\n      ]") if report.results else []
    return dumps(_report_fields(report, results), "    ")


def write(run: Run, handle) -> None:
    """The same document as render(), written report by report."""
    handle.write(f'{{\n  "version": {VERSION},\n  "tool": {dumps(_tool(run), "  ")},\n  "reports": ')
    reports = LaidList("  ")
    for report in run.each():
        handle.write(reports.item(report.rendered or fragment(report)))
        handle.flush()
    handle.write(reports.end() + ',\n  "summary": ')
    write_summary(run.summary, run.fail_on, handle)
    handle.write("\n}\n")
