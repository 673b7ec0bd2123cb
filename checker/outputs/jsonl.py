"""`--format jsonl`: JSON lines, one report per line (the `reports[]` objects of the JSON
contract) written as each is checked, then one last line `{"version", "tool", "summary"}`."""

from __future__ import annotations

import io

from checker.model import Run
from checker.outputs.json import VERSION, _tool, encode, report_dict, write_summary


def fragment(report) -> str:
    """One report's line (made by a worker with --jobs, see batch.iter_reports)."""
    return encode(report_dict(report))


def write(run: Run, handle) -> None:
    for report in run.each():
        handle.write((report.rendered or fragment(report)) + "\n")
        handle.flush()
    head = encode({"version": VERSION, "tool": _tool(run)})
    handle.write(head[:-1] + ', "summary": ')
    write_summary(run.summary, run.fail_on, handle, pad=None)
    handle.write("}\n")


def render(run: Run) -> str:
    out = io.StringIO()
    write(run, out)
    return out.getvalue()
