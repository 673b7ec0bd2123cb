"""`--format junit`: one test suite per report, one test case per rule (passes included).

Findings at or above --fail-on (the report's `failed_by`) are failures, n/a and waived are skipped, problems below the
threshold pass with their message in system-out. An unreadable report is a suite with one error.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.model import Run
from checker.outputs.common import label


def render(run: Run) -> str:
    root = ET.Element("testsuites", name="fazhi-check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in run.each():
        suite = ET.SubElement(root, "testsuite", name=report.path)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if report.error:
            case = ET.SubElement(suite, "testcase", classname=report.path, name="读取报告")
            ET.SubElement(case, "error", type=report.error["code"], message=report.error["message"])
            counts.update(tests=1, errors=1)
        for result in report.results:
            counts["tests"] += 1
            case = ET.SubElement(suite, "testcase", classname=report.path, name=f"{result.rule.id} {result.rule.title}")
            text = f"{label(result)} {result.message}\n依据：{result.rule.basis}\n建议：{result.rule.fix}"
            if run.fails(result):
                counts["failures"] += 1
                failure = ET.SubElement(case, "failure", type=result.status, message=f"{label(result)} {result.message}")
                failure.text = text
            elif result.status in ("n/a", "waived"):
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=result.message)
            elif result.problem:
                ET.SubElement(case, "system-out").text = text
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
