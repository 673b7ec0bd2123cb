"""`--format junit`: one test suite per report, one test case per rule (passes included), valid
against Jenkins' junit-10.xsd (the xunit-plugin schema that GitLab and most CI servers read).

A finding at or above --fail-on (the report's `failed_by`) is a failure; n/a and waived are
skipped; a finding below the threshold passes with its text in system-out. An unreadable report
is a suite with one error. Suites carry `file` (the report's path) and `time` (reading and
checking it); cases carry `time` (the rule on that report), in seconds.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from checker.model import Run
from checker.outputs.common import label
from checker.spool import TextSpool


def _seconds(value: float | None) -> str:
    return f"{value or 0:.3f}"


def _suite(report, run: Run) -> tuple[ET.Element, dict[str, int]]:
    suite = ET.Element("testsuite", name=report.path)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if report.error:
        case = ET.SubElement(suite, "testcase", classname=report.path, name="读取报告", time=_seconds(report.seconds))
        ET.SubElement(case, "error", type=report.error["code"], message=report.error["message"])
        counts.update(tests=1, errors=1)
    for error in report.rule_errors:  # a rule that could not run: the run's exit code is 2
        case = ET.SubElement(suite, "testcase", classname=report.path, name=f"{error['rule']} 规则无法运行", time=_seconds(0))
        ET.SubElement(case, "error", type="rule-error", message=error["message"])
        counts["tests"] += 1
        counts["errors"] += 1
    for result in report.results:
        counts["tests"] += 1
        case = ET.SubElement(suite, "testcase", classname=report.path, name=f"{result.rule.id} {result.rule.title}",
                             time=_seconds(result.seconds))
        text = f"{label(result)} {result.message}\n依据：{result.rule.basis}\n建议：{result.rule.fix}"
        if run.fails(result):
            counts["failures"] += 1
            failure = ET.SubElement(case, "failure", type=result.status, message=f"{label(result)} {result.message}")
            failure.text = text
        elif result.status in ("n/a", "waived"):
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=f"{label(result)} {result.message}")
        elif result.problem:
            ET.SubElement(case, "system-out").text = text
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", _seconds(report.seconds))
    suite.set("file", report.path)
    return suite, counts


def write(run: Run, handle) -> None:
    """Each report's suite is laid out as it passes and kept in a spool (`checker.spool`): the
    totals that head the file are known only at the end. The text is what indenting the whole
    tree (`ET.indent`) gives."""
    suites, written = TextSpool(), 0
    totals = {"tests": 0, "failures": 0, "errors": 0}  # <testsuites> has no `skipped` in junit-10.xsd
    elapsed = 0.0
    for report in run.each():
        suite, counts = _suite(report, run)
        ET.indent(suite, level=1)
        suites.write("\n  " + ET.tostring(suite, encoding="unicode"))
        written += 1
        for key in totals:
            totals[key] += counts[key]
        elapsed += report.seconds or 0
    root = ET.Element("testsuites", name="fazhi-check", **{key: str(value) for key, value in totals.items()})
    root.set("time", _seconds(elapsed))
    head = ET.tostring(root, encoding="unicode")
    handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if not written:
        handle.write(head + "\n")
        return
    handle.write(head[:-len(" />")] + ">")
    suites.copy_to(handle)
    handle.write("\n</testsuites>\n")


def render(run: Run) -> str:
    out = io.StringIO()
    write(run, out)
    return out.getvalue()
