"""`fazhi-check annotate`: a copy of the draft with a Word comment for each finding.

Each weak / missing / fail result becomes a comment by "fazhi-check" on the paragraph it
concerns (its first location); findings with no location (a missing section) are commented on
the title. A .docx keeps all its formatting: the copy is the original package with comments
added. Any other draft (.txt, .md, .doc, .wps, .pdf, .ofd, .html) becomes a .docx with one
paragraph per line (or paragraph) the reader gave, so paragraph N is location N.
The input file is only read.
"""

from __future__ import annotations

import io
from pathlib import Path

from checker.model import Report, Result
from checker.outputs.common import label

AUTHOR, INITIALS = "fazhi-check", "FC"


def comment_text(result: Result) -> str:
    return (f"{label(result)} {result.rule.title}（{result.rule.id}）\n{result.message}\n"
            f"依据：{result.rule.basis}\n建议：{result.rule.fix}")


def _word_document(path: str, data: bytes, lines: list[str]):
    import docx

    if Path(path).suffix.lower() == ".docx":
        return docx.Document(io.BytesIO(data))
    document = docx.Document()
    for text in lines:
        document.add_paragraph(text)
    return document


def _paragraphs(document) -> list:
    from checker.readers.docx import _paragraphs as in_order

    return list(in_order(document))


def _anchor(paragraph):
    """The runs a comment attaches to: the paragraph's runs, or a new empty run."""
    runs = [run for run in paragraph.runs if run.text]
    return runs or [paragraph.add_run("")]


def annotate(path: str, data: bytes, report: Report, lines: list[str], title_line: int | None, output: str) -> int:
    """Write the commented copy to `output`; returns the number of comments."""
    document = _word_document(path, data, lines)
    paragraphs = _paragraphs(document)
    fallback = title_line or next((i + 1 for i, p in enumerate(paragraphs) if p.text.strip()), 1)
    count = 0
    for result in report.findings:
        number = next((loc.line for loc in result.locations if loc.line), None) or fallback
        paragraph = paragraphs[min(number, len(paragraphs)) - 1]
        document.add_comment(_anchor(paragraph), text=comment_text(result), author=AUTHOR, initials=INITIALS)
        count += 1
    document.save(output)
    return count
