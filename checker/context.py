"""What a check kind sees of one report: the structure, the rule set, settings and shared caches."""

from __future__ import annotations

import bisect
import re
from typing import Any

from checker.columns import line_columns
from checker.document import Span
from checker.model import Location, Rule
from checker.structure import Heading, Structure

_PLACEHOLDER = re.compile(r"\{(year|next_year|prev_year)\}")
_PLACEHOLDER_LISTS: dict[int, tuple[list[str], bool]] = {}


def _has_placeholder(texts: list[str]) -> bool:
    """Whether any text of an option list has a placeholder (kept per list: option lists live as long as
    their rules, and most have none, so most rules need no filling at all)."""
    entry = _PLACEHOLDER_LISTS.get(id(texts))
    if entry is None or entry[0] is not texts:
        if len(_PLACEHOLDER_LISTS) > 4096:  # lists made on the fly must not pile up
            _PLACEHOLDER_LISTS.clear()
        entry = _PLACEHOLDER_LISTS[id(texts)] = (texts, any(_PLACEHOLDER.search(text) for text in texts))
    return entry[1]


class Context:
    def __init__(self, structure: Structure, rules: list[Rule], settings: dict[str, Any] | None = None):
        self.structure = structure
        self.doc = structure.doc
        self.rules = {rule.id: rule for rule in rules}
        self.settings = settings or {}
        self.cache: dict[Any, Any] = {}
        year = structure.year
        self._values = {"year": year, "next_year": year + 1 if year else None, "prev_year": year - 1 if year else None}
        self._filled: dict[str, str | None] = {}  # each placeholder text filled once per report
        self._filled_lists: dict[int, tuple[list[str], list[str]]] = {}
        self._sections: list[Heading] | None = None
        self._section_starts: list[int] = []

    @property
    def year(self) -> int | None:
        return self.structure.year

    @property
    def year_values(self) -> dict[str, int | None]:
        """{year}, {next_year} and {prev_year} of this report (read-only)."""
        return self._values

    def fill(self, text: str) -> str | None:
        """Replace {year}, {next_year}, {prev_year}; None when the text needs a year we do not know."""
        if "{" not in text:
            return text
        if text not in self._filled:
            values = self._values
            if any(values[name] is None for name in _PLACEHOLDER.findall(text)):
                self._filled[text] = None
            else:
                self._filled[text] = _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)
        return self._filled[text]

    def fill_all(self, texts: list[str]) -> list[str]:
        """The texts filled, those needing an unknown year left out (computed once per report and list:
        a rule's option lists live as long as the rules, so the list itself is the key). The list
        returned is shared: it must not be changed. A list without placeholders is returned as is."""
        if not texts or not _has_placeholder(texts):
            return texts
        entry = self._filled_lists.get(id(texts))
        if entry is None or entry[0] is not texts:
            entry = self._filled_lists[id(texts)] = (texts, [filled for filled in map(self.fill, texts) if filled is not None])
        return entry[1]

    # Locations -------------------------------------------------------------------------------
    def section_label(self, line: int | None) -> str | None:
        """The level-1 section a line belongs to, as "二、存在问题"."""
        if line is None:
            return None
        if self._sections is None:  # level-1 sections follow one another: bisect their first lines
            self._sections = self.structure.sections
            self._section_starts = [h.line for h in self._sections]
        index = bisect.bisect_right(self._section_starts, line) - 1
        heading = self._sections[index] if index >= 0 else None
        if heading is None or line > heading.end_line:
            return None
        label = f"{heading.marker}{heading.text}"
        return label if len(label) <= 24 else label[:23] + "…"

    def location(self, line: int | None, evidence: str | None = None) -> Location:
        """A line's location; with the matched text, also its columns in the line as written."""
        location = Location(line, self.section_label(line), self.doc.excerpt(line))
        written = self.doc._by_number.get(line) if line is not None else None
        if written is not None:
            location.page = written.page
        if evidence and written is not None:  # counted in the line as written in the file (markup kept)
            found = line_columns(written, evidence)
            if found:
                location.column, location.end_column = found
        return location

    # Spans -----------------------------------------------------------------------------------
    def heading_span(self, heading: Heading) -> Span:
        """The heading's text; a match anywhere in it points at the heading's first line."""
        return Span([0], [heading.line], [heading.text], len(heading.text))

    def body_span(self, heading: Heading) -> Span:
        """The section's text after its heading (the rest of a run-in heading line included)."""
        lines = [n for n in self.structure.section_lines(heading) if n >= heading.body_line]
        return self.doc.span(lines, first_offset=heading.body_offset if lines and lines[0] == heading.body_line else 0)

    def section_span(self, heading: Heading) -> Span:
        return self.doc.span(self.structure.section_lines(heading))

    def lead_spans(self, heading: Heading) -> list[Span]:
        """A section's headings (its own and its subsections') and the first sentence of each paragraph."""
        walked = list(heading.walk())
        spans = [self.heading_span(h) for h in walked]
        heading_lines = {n for h in walked for n in h.lines}
        body_of: dict[int, Heading] = {}
        for h in walked:  # the first heading whose body starts on a line, in walk order
            body_of.setdefault(h.body_line, h)
        previous = None
        for number in self.structure.section_lines(heading):
            line = self.doc.line(number)
            continued, previous = previous is not None and self.doc.is_wrapped(previous), number
            if continued and number not in heading_lines:
                continue  # a hard-wrapped line (PDF, OFD) is the middle of a paragraph, not its lead
            own = body_of.get(number)
            text = line.norm[own.body_offset:] if own else ("" if number in heading_lines else line.norm)
            if text:
                span = Span()
                span.add(number, text.split("。", 1)[0])
                spans.append(span)
        return spans

    def scope_spans(self, scope: str, original: bool = False) -> list[Span]:
        """The texts a phrase rule looks at (built once per report and scope). Scopes are
        documented in docs/rule-authoring.md."""
        key = ("scope", scope, original)
        if key not in self.cache:
            self.cache[key] = self._build_scope(scope, original)
        return self.cache[key]

    def _build_scope(self, scope: str, original: bool) -> list[Span]:
        structure, doc = self.structure, self.doc
        if scope.startswith("leads:"):
            from checker.kinds.section import sections_for

            return [span for h in sections_for(self, scope.split(":", 1)[1]) for span in self.lead_spans(h)]
        if scope.startswith(("section:", "heading:", "body:")):
            from checker.kinds.section import sections_for

            kind, rule_id = scope.split(":", 1)
            headings = sections_for(self, rule_id)
            if kind == "heading" and not original:
                return [self.heading_span(h) for h in headings]
            if kind == "body" and not original:
                return [self.body_span(h) for h in headings]
            lines = {"section": self.structure.section_lines, "heading": lambda h: h.lines,
                     "body": lambda h: [n for n in self.structure.section_lines(h) if n > h.line]}[kind]
            return [doc.span(lines(h), original=original) for h in headings]
        lines = {
            "title": lambda: structure.title_lines,
            "head": lambda: structure.head,
            "preamble": lambda: structure.preamble,
            "headings": lambda: [n for h in structure.headings for n in h.lines],
            "body": structure.body_lines,
            "raw": lambda: [line.number for line in doc.lines],
            "furniture": lambda: structure.furniture,
        }.get(scope, lambda: structure.content)()  # "document": everything but furniture
        if scope == "headings" and not original:
            return [self.heading_span(h) for h in structure.headings]
        return [doc.span(lines, original=original)]
