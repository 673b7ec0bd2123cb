"""The structure of a report: furniture, title, issuing body, addressee, year, headings, signature.

Parsing works on the normalised lines of a Document and keeps original line numbers, so every
later finding can point at the line a reviewer sees.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from checker import lexicon, script
from checker.dates import DateInfo, parse_date, trailing_date
from checker.document import FIXED_LAYOUT, Document, Line, strip_residue

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


@dataclass(slots=True)  # a report has dozens: without a __dict__ each is quicker to build (and to collect)
class Heading:
    level: int
    number: int | None
    marker: str  # as written: "一、", "(一)", "1、"
    standard: bool  # the GB/T 9704 form for its level
    example: str  # the standard form, for messages
    text: str  # normalised heading text, marker excluded
    line: int
    run_in: bool  # the body continues on the heading's line after the first 。
    body_offset: int  # where the body starts in the normalised text of `body_line`
    lines: list[int] = field(default_factory=list)  # heading lines, wrapped continuations included
    body_line: int = 0  # the line the body starts on (the last heading line)
    children: list[Heading] = field(default_factory=list)
    end_line: int = 0  # last line of the section the heading opens (inclusive)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Signature:
    body: str | None
    body_line: int | None
    date: DateInfo | None
    position: str  # "end" (below the body, GB/T 9704), "head" (under the title) or "letter" (a covering letter's, above the report)


@dataclass
class Structure:
    doc: Document
    content: list[int]  # non-blank, non-furniture line numbers, in order
    furniture: list[int]
    headings: list[Heading]  # every heading, in document order
    tree: list[Heading]  # top-level headings with their children
    title: str | None = None
    title_lines: list[int] = field(default_factory=list)
    issuing_body: str | None = None
    body_sources: dict[str, tuple[str, int]] = field(default_factory=dict)
    addressee: str | None = None
    addressee_line: int | None = None
    year: int | None = None
    year_source: str | None = None
    date: DateInfo | None = None
    published: DateInfo | None = None  # the portal's publication date (a byline), not the 成文日期
    signature: Signature | None = None
    letter: Signature | None = None  # the signature of a covering letter above the report (报送函: 现呈送……请审阅)
    head: list[int] = field(default_factory=list)  # content lines before the first heading
    preamble: list[int] = field(default_factory=list)  # head lines that are report text
    body_end: int = 0  # last line of the report text (signature excluded)

    @property
    def sections(self) -> list[Heading]:
        """The level-1 sections."""
        return [h for h in self.headings if h.level == 1]

    def section_lines(self, heading: Heading) -> list[int]:
        """The content lines of a heading's section (`content` is in order: two bisections)."""
        start = bisect.bisect_left(self.content, heading.line)
        return self.content[start:bisect.bisect_right(self.content, heading.end_line, start)]

    def section_of(self, line: int) -> Heading | None:
        """The innermost heading whose section contains `line`."""
        found = None
        for heading in self.headings:
            if heading.line <= line <= heading.end_line:
                found = heading
        return found

    def body_lines(self) -> list[int]:
        """The report text: preamble and sections, without title block, signature or furniture."""
        skip = set(self.title_lines) | {self.addressee_line} | set(self._signature_lines()) | set(self._letter_lines())
        return [n for n in self.content if n not in skip and n <= self.body_end]

    def _letter_lines(self) -> list[int]:
        return [self.letter.body_line, self.letter.date.line] if self.letter else []

    def _signature_lines(self) -> list[int]:
        if not self.signature:
            return []
        lines = [self.signature.body_line] if self.signature.body_line else []
        if self.signature.date and self.signature.date.line:
            lines.append(self.signature.date.line)
        return lines


def _is_furniture_zone_line(line: Line, limit: int) -> bool:
    return len(line.norm) <= limit


def _furniture_line(doc: Document, line: Line) -> bool:
    """A furniture pattern matches the line; a line in traditional script is matched in simplified."""
    if lexicon.is_furniture(line.text) or (doc.traditional and lexicon.is_furniture(line.norm)):
        return True
    if doc.traditional or doc.script_markers == set():  # no line's text holds a traditional marker
        return False
    return script.is_traditional(line.text, minimum=1) and lexicon.is_furniture(script.to_simplified(line.text))


def _furniture_marks(doc: Document, content: list[Line], line_max: int) -> list[bool]:
    """[len(line.norm) <= line_max and _furniture_line(doc, line) for line in content]: in a
    document in simplified script whose texts hold no traditional marker, that is the text's
    furniture test alone."""
    if doc.traditional or doc.script_markers is None or doc.script_markers:
        return [len(line.norm) <= line_max and _furniture_line(doc, line) for line in content]
    is_furniture = lexicon.is_furniture
    return [len(line.norm) <= line_max and is_furniture(line.text) for line in content]


def find_furniture(doc: Document) -> list[int]:
    """Portal furniture: every line matching a furniture pattern (rules/structure.yaml), wherever
    it stands, plus the short lines of the header zone above the report and the footer below it."""
    config = lexicon.load()["furniture"]
    limit, line_max = config.get("zone_line_max_chars", 40), config.get("line_max_chars", 80)
    content = [line for line in doc.lines if line.norm]  # not blank (read without the property)
    marked = _furniture_marks(doc, content, line_max)
    furniture: set[int] = set()
    head_end = -1
    for index, line in enumerate(content):
        mark = lexicon.heading_match(line.norm)
        if mark and mark.level == 1:
            break
        if marked[index]:
            head_end = index
        elif not _is_furniture_zone_line(line, limit):
            break
    furniture.update(line.number for line in content[: head_end + 1])
    tail_start = len(content)
    for index in range(len(content) - 1, head_end, -1):
        line = content[index]
        if marked[index]:
            tail_start = index
        elif not _is_furniture_zone_line(line, limit) or lexicon.heading_match(line.norm):
            break
    furniture.update(line.number for line in content[tail_start:])
    furniture.update(line.number for line, mark in zip(content, marked) if mark)
    return sorted(furniture)


def _publication_date(doc: Document, furniture: list[int]) -> DateInfo | None:
    """The portal's publication date from a byline or an information-disclosure field."""
    found = lexicon.publication_date_text([doc.line(n).norm for n in furniture])
    if found is None:
        return None
    index, text = found
    return parse_date(text, furniture[index] if index < len(furniture) else None)


def _heading_at(doc: Document, line: Line) -> Heading | None:
    norm_mark = lexicon.heading_match(line.norm)  # first: for most lines (no heading) the text as written is not read
    if norm_mark:
        mark = _written_mark(doc, line, norm_mark)
        if mark:
            return _numbered_heading(line, mark, norm_mark)
    return _styled_heading(line) if line.style else None  # most lines: no style for the pattern to read


def _written_mark(doc: Document, line: Line, norm_mark: lexicon.HeadingMark) -> lexicon.HeadingMark | None:
    """heading_match(strip_residue(line.text).strip()): the form as written. When the matching view
    is the stripped text, that is it: normalise's passes keep each character's whitespace-ness and
    only drop or replace characters, so had the residue pass removed one inside the stripped
    text, the view would be shorter. (A traditional document's view is converted: asked anew.)"""
    if not doc.traditional and line.norm == line.text.strip():
        return norm_mark
    return lexicon.heading_match(strip_residue(line.text).strip())


def _numbered_heading(line: Line, mark: lexicon.HeadingMark, norm_mark: lexicon.HeadingMark) -> Heading:
    """The heading a line's marker starts: the form as written (`mark`), the text after the marker
    in the matching view (`norm_mark`), cut at its first 。 when a run-in body follows."""
    rest = line.norm[norm_mark.end:].lstrip()
    start = len(line.norm) - len(rest)
    stop = rest.find("。")
    if stop >= 0:  # run in when anything but whitespace follows the 。 (told by the last character, mostly)
        run_in = stop + 1 < len(rest) and (not rest[-1].isspace() or bool(rest[stop + 1:].strip()))
        text, body_offset = rest[:stop], start + stop + 1
    else:
        text, run_in, body_offset = rest, False, len(line.norm)
    # Positional only: a keyword is matched against the whole parameter list, which costs more than the rest of the call.
    return Heading(mark.level, mark.number, mark.marker.strip(), mark.standard, mark.example, text.strip(),
                   line.number, run_in, body_offset, [line.number], line.number)


def _styled_heading(line: Line) -> Heading | None:
    """A Word or Markdown heading without a number: its style gives the level."""
    if not line.style:
        return None
    match = re.match(r"(?:Heading|标题)\s*(\d)$", line.style)
    if not match or len(line.norm) > 80:
        return None
    return Heading(int(match.group(1)), None, "", False, "", line.norm, line.number, False, len(line.norm),
                   [line.number], line.number)


def _continue_wrapped(doc: Document, heading: Heading, content: list[int], index: int) -> int:
    """A PDF heading wrapped over several lines: append the continuations. Returns lines consumed."""
    consumed = 0
    number = heading.line
    while heading.body_offset == len(doc.line(number).norm) and doc.is_wrapped(number) \
            and index + consumed + 1 < len(content):
        following = doc.line(content[index + consumed + 1])
        stop = following.norm.find("。")
        heading.text += following.norm if stop < 0 else following.norm[:stop]
        heading.lines.append(following.number)
        heading.body_line = following.number
        heading.body_offset = len(following.norm) if stop < 0 else stop + 1
        heading.run_in = stop >= 0 and bool(following.norm[stop + 1:].strip())
        consumed += 1
        number = following.number
        if stop >= 0:
            break
    return consumed


def find_headings(doc: Document, content: list[int]) -> list[Heading]:
    headings: list[Heading] = []
    title_terms = lexicon.load()["title"]["terms"]
    lines = list(map(doc.line, content))
    index = 0
    while index < len(lines):
        heading = _heading_at(doc, lines[index])
        if heading and not heading.marker and not headings and any(t in heading.text for t in title_terms):
            heading = None  # "# …报告" in Markdown, a styled title in Word: the title, not a section
        if heading:
            index += _continue_wrapped(doc, heading, content, index)
            headings.append(heading)
        index += 1
    _shift_styled_levels(headings)
    _demote_restarted_list(headings, content)
    return headings


def _demote_restarted_list(headings: list[Heading], content: list[int]) -> None:
    """A part heading with no body of its own, followed at once by a list restarting at “一、”
    (一、主要措施 / 一、强化领导责任…): that list is the part's subsections written with the
    level-1 marker instead of “（一）”. The list runs while its numbers go on one by one; the first
    number out of step (二、 after the list's 一、二、三、) is the next part. The demoted headings
    keep their marker, so format.headings names the form their level wants."""
    position: dict[int, int] | None = None  # built only when a list restarts: most reports have none
    index = 0
    while index + 1 < len(headings):
        part, first = headings[index], headings[index + 1]
        index += 1
        if not (part.level == first.level == 1 and part.number and first.number == 1 and not part.run_in
                and part.text and first.text):  # a bare "一、" names no part
            continue
        if position is None:
            position = {number: at for at, number in enumerate(content)}
        if position.get(part.body_line, -2) + 1 != position.get(first.line):
            continue
        expected = 1
        while index < len(headings) and headings[index].level <= 2:
            heading = headings[index]
            if heading.level == 1:
                if heading.number != expected:
                    break
                _demote(heading)
                expected += 1
            index += 1


def _demote(heading: Heading) -> None:
    level, _, _, example = next(entry for entry in lexicon.load()["_headings"] if entry[0] == heading.level + 1)
    heading.level, heading.standard, heading.example = level, False, example


def _shift_styled_levels(headings: list[Heading]) -> None:
    """Unnumbered styled headings (Markdown "## 主要举措", Word "Heading 2" under a "Heading 1"
    title) are levels relative to the highest one used: the highest is level 1."""
    styled = [h for h in headings if not h.marker]
    if not styled or any(h.marker and h.level == 1 for h in headings):
        return
    shift = min(h.level for h in styled) - 1
    for heading in styled:
        heading.level -= shift


def _build_tree(headings: list[Heading], last_line: int) -> list[Heading]:
    roots: list[Heading] = []
    stack: list[Heading] = []
    for heading in headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(heading)
        stack.append(heading)
    later: list[Heading] = []  # headings below, each of a lower level than the one under it
    for heading in reversed(headings):  # a section ends before the next heading of its level or higher
        while later and later[-1].level > heading.level:
            later.pop()
        heading.end_line = (later[-1].line - 1) if later else last_line
        later.append(heading)
    return roots


def _find_title(doc: Document, head: list[int], furniture: list[int]) -> list[int]:
    config = lexicon.load()["title"]
    spans = _title_spans(doc, sorted({*head, *furniture[:40]}))

    def joined(number: int, view: str) -> str:
        return "".join(getattr(doc.line(n), view).strip() for n in spans.get(number, [number]))

    def looks_like_title(number: int) -> bool:
        if spans.get(number) == []:  # the rest of a line a page's layout wrapped
            return False
        norm = lexicon.title_value(joined(number, "norm"))
        return (len(norm) <= config["max_chars"] and any(t in norm for t in config["terms"])
                and "。" not in norm and "，" not in norm and not norm.endswith("：")
                and parse_date(norm) is None and not lexicon.is_furniture(lexicon.title_value(joined(number, "text"))))

    styled = [n for n in head if (doc.line(n).style or "").lower() in ("title", "标题")]
    in_head = styled or [n for n in head if looks_like_title(n)]
    in_header = [n for n in furniture[:40] if looks_like_title(n)]
    # The title grammar (year + 法治政府建设 + 报告) beats a portal column label ("工作报告").
    grammar = [n for n in in_head + in_header if lexicon.is_title_grammar(lexicon.title_value(joined(n, "norm")))]
    candidates = grammar or in_head or in_header
    if not candidates:
        return []
    title = candidates[0]
    lines = spans.get(title) or [title]
    index = head.index(title) if title in head else -1
    if not grammar and index > 0:  # a title wrapped over two lines ("…2025年法治政府建设" / "情况工作报告")
        both = doc.line(head[index - 1]).norm + joined(title, "norm")
        if len(both) <= config["max_chars"] and lexicon.is_title_grammar(both):
            return [head[index - 1], *lines]
    starts = tuple(config.get("completed_by_body_above", []))
    if index > 0 and doc.line(title).norm.startswith(starts) and lexicon.org_like(doc.line(head[index - 1]).norm):
        return [head[index - 1], *lines]
    return lines


def _title_spans(doc: Document, numbers: list[int]) -> dict[int, list[int]]:
    """On a laid-out page (PDF, OFD), a line the layout wrapped (“…年度报” / “告”) is judged as a
    title with the line it runs into: {first: [first, second], second: []}; a wrapped line is
    never a title alone (it is part of a paragraph, or of a title), nor are the lines of a run of
    three or more (a paragraph)."""
    spans: dict[int, list[int]] = {}
    if doc.format not in FIXED_LAYOUT:
        return spans
    for number in numbers:
        if number in spans or not doc.is_wrapped(number):
            continue
        run = [number]
        while doc.is_wrapped(run[-1]):
            run.append(doc.next_filled(run[-1]))
        spans.update({n: [] for n in run})
        if len(run) == 2:  # three lines or more are a paragraph
            spans[number] = run
    return spans


def _title_body(title: str) -> str | None:
    """The issuing body (or the place) a title names: before 关于 or the year, or after the year."""
    return lexicon.title_body(title)


def _without_closing(doc: Document, lines: list[int]) -> list[int]:
    """The lines without the closing ones at their end (附注, 版记, page numbers: rules/structure.yaml)."""
    end, limit = len(lines), lexicon.closing_max_lines()
    while end and len(lines) - end < limit and lexicon.closing_kind(doc.line(lines[end - 1]).text):
        end -= 1
    return lines[:end]


def _find_signature(doc: Document, content: list[int], after: int) -> Signature | None:
    """The signature at the end: an organisation's line with the 成文日期 under it or beside it,
    either alone; lines after the last heading (or the title) only. An undated organisation's
    line right after that heading is the start of the section's text (a text cut off after
    “充分发挥市委全面依法治市委员会”), not a signature: a signature closes some text."""
    after_heading = _without_closing(doc, [n for n in content if n > after])
    tail = after_heading[-3:]
    if not tail:
        return None
    last = doc.line(tail[-1])
    date = parse_date(last.norm, last.number)
    if date is None:
        spaced = re.match(r"^(.+?)\s+(\S+)$", last.norm)
        combined = (spaced.groups() if spaced and parse_date(spaced.group(2)) else None) or trailing_date(last.norm)
        if combined and lexicon.org_like(combined[0]):  # "重庆市渝北区信访办公室    2021年1月28日" on one line
            return Signature(combined[0], last.number, parse_date(combined[1], last.number), "end")
        if lexicon.org_like(last.norm) and len(after_heading) > 1:
            return Signature(last.norm, last.number, None, "end")
        return None
    previous = doc.line(tail[-2]) if len(tail) >= 2 else None
    if previous is not None and lexicon.org_like(previous.norm):
        return Signature(previous.norm, previous.number, date, "end")
    return Signature(None, None, date, "end")


def _first_year(text: str, skip_starts: bool = False) -> int | None:
    """The first year in a text outside cited periods and titles (《…（2021—2025年）》)."""
    config = lexicon.load()["year"]
    clean = lexicon.without_periods(text)
    for match in _YEAR.finditer(clean):
        if skip_starts and clean[match.end():].lstrip().startswith(tuple(config.get("not_followed_by", []))):
            continue
        return int(match.group(1))
    return None


def _report_year(structure: Structure) -> tuple[int | None, str | None]:
    """From the title, the opening statement, then the level-1 headings; never a cited period."""
    doc = structure.doc
    year = _first_year(structure.title or "")
    if year:
        return year, "title"
    heading_lines = {n for h in structure.headings for n in h.lines}
    opening = structure.preamble[:1] or [n for n in structure.body_lines() if n not in heading_lines][:1]
    if opening:
        year = _first_year(re.split("[。；]", doc.line(opening[0]).norm)[0], skip_starts=True)
        if year:
            return year, "preamble"
    plan_words = lexicon.load()["year"].get("plan_words", [])
    for heading in structure.sections:
        year = _first_year(heading.text, skip_starts=True)
        if year:
            return (year - 1 if any(w in heading.text for w in plan_words) else year), "heading"
    date = structure.date
    if date and date.year and date.month:
        return (date.year - 1 if date.month <= 6 else date.year), "date"
    return None, None


def parse(doc: Document) -> Structure:
    furniture = find_furniture(doc)
    skip = set(furniture)
    content = [line.number for line in doc.lines if line.norm and line.number not in skip]  # not blank
    headings = find_headings(doc, content)
    first_section = next((h.line for h in headings if h.level == 1), None)
    head = [n for n in content if first_section is None or n < first_section][:12 if first_section is None else None]
    structure = Structure(doc, content, furniture, headings, [])
    _parse_head(structure, head, furniture)
    structure.published = _publication_date(doc, structure.furniture)
    last_heading_line = headings[-1].line if headings else (head[-1] if head else 0)
    text_end = [n for n in content if not doc.line(n).note]  # footnotes and endnotes follow the signature
    structure.signature = _find_signature(doc, text_end, max([last_heading_line] + structure.title_lines)) or structure.letter
    if structure.signature is None and structure.date is not None:
        structure.signature = Signature(structure.body_sources.get("header", (None, None))[0],
                                        structure.body_sources.get("header", (None, None))[1], structure.date, "head")
    elif structure.signature is not None:
        structure.date = structure.signature.date or structure.date
        if structure.signature.body:
            structure.body_sources["signature"] = (structure.signature.body, structure.signature.body_line)
    signature_lines = set(structure._signature_lines()) if structure.signature and structure.signature.position == "end" else set()
    structure.body_end = max([n for n in content if n not in signature_lines] or [0])
    structure.tree = _build_tree(headings, structure.body_end)
    for name in ("header", "title", "signature"):
        if name in structure.body_sources:
            structure.issuing_body = structure.body_sources[name][0]
            break
    structure.year, structure.year_source = _report_year(structure)
    return structure


def _parse_head(structure: Structure, head: list[int], furniture: list[int]) -> None:
    doc = structure.doc
    structure.title_lines = _find_title(doc, head, furniture)
    if structure.title_lines and structure.title_lines[-1] not in head:  # recovered from the portal header
        structure.furniture = [n for n in structure.furniture if n not in structure.title_lines]
    structure.title = "".join(lexicon.title_value(doc.line(n).norm) for n in structure.title_lines) or None
    _column_labels(structure, head)
    body = _title_body(structure.title) if structure.title else None
    if body:
        structure.body_sources["title"] = (body, structure.title_lines[0])
    title_end = head.index(structure.title_lines[-1]) if structure.title_lines and structure.title_lines[-1] in head else -1
    rest = head[title_end + 1:]
    _header_body(structure, head, title_end)
    config, passes_over = lexicon.load()["addressee"], lexicon.load()["_addressee_passes_over"]
    preamble = []
    for index, number in enumerate(rest):
        norm = doc.line(number).norm
        if "header" in structure.body_sources and structure.body_sources["header"][1] == number:
            continue
        if not preamble and structure.addressee is None and any(p.match(norm) for p in passes_over):
            continue
        if (structure.addressee is None and not preamble and norm.endswith("：") and len(norm) <= config["max_chars"]
                and not any(t in norm for t in config.get("not_containing", []))):
            structure.addressee, structure.addressee_line = norm.rstrip("：").strip(), number
            continue
        date = parse_date(norm, number) if index < 3 and not preamble else None
        if date is not None and structure.date is None:
            structure.date = date
            continue
        preamble.append(number)
    if structure.date is None:
        structure.letter = _letter_signature(doc, [n for n in head if n not in structure.title_lines])
        if structure.letter:
            structure.date = structure.letter.date
            preamble = [n for n in preamble if n not in structure._letter_lines()]
    structure.preamble = preamble
    structure.head = head


def _letter_signature(doc: Document, head: list[int]) -> Signature | None:
    """A covering letter above the report, before or after its title (the letter's text ending in
    a sentence, then an organisation's line and a date line): the letter's signature, whose date
    is the document's when none stands under the title, and whose signature serves when the end
    has none."""
    for before, body, dated in zip(head, head[1:], head[2:]):
        if not doc.line(before).norm.endswith("。") or not lexicon.org_like(doc.line(body).norm):
            continue
        date = parse_date(doc.line(dated).norm, dated)
        if date is not None:
            return Signature(doc.line(body).norm, body, date, "letter")
    return None


_SENTENCE_END = ("。", "！", "？", "；")


def _column_labels(structure: Structure, head: list[int]) -> None:
    """Short lines above a title of the title grammar that name no organisation (a portal's
    column label, "工作报告") are furniture: the report starts at its title. A line that ends a
    sentence (a covering letter's 特此报告。) is no label."""
    doc = structure.doc
    if not structure.title_lines or structure.title_lines[0] not in head:
        return
    if not lexicon.is_title_grammar(structure.title or ""):
        return
    limit = lexicon.load()["furniture"].get("column_label_max_chars", 12)
    labels = [n for n in head[:head.index(structure.title_lines[0])]
              if len(doc.line(n).norm) <= limit and not lexicon.org_like(doc.line(n).norm)
              and not doc.line(n).norm.endswith(_SENTENCE_END) and parse_date(doc.line(n).norm) is None]
    if labels:
        structure.furniture = sorted(set(structure.furniture) | set(labels))
        structure.content = [n for n in structure.content if n not in labels]
        head[:] = [n for n in head if n not in labels]


def _header_body(structure: Structure, head: list[int], title_end: int) -> None:
    """An organisation line directly above or below the title (seed 001, 003)."""
    doc = structure.doc
    if not structure.title_lines:
        candidates = head[:2]
    else:
        first = head.index(structure.title_lines[0]) if structure.title_lines[0] in head else 0
        candidates = head[max(0, first - 1):first] + head[title_end + 1:title_end + 2]
    laid_out = doc.format in FIXED_LAYOUT
    for number in candidates:
        norm = doc.line(number).norm
        if laid_out and (doc.is_wrapped(number) or doc.continues(number)):
            continue  # part of a wrapped line: a paragraph's first line ending in 政府, a byline's rest (…来源：杭州 / 市审计局)
        if lexicon.org_like(norm) and number not in structure.title_lines:
            structure.body_sources["header"] = (norm, number)
            return
    if len(structure.title_lines) == 2 and lexicon.org_like(doc.line(structure.title_lines[0]).norm):
        structure.body_sources["header"] = (doc.line(structure.title_lines[0]).norm, structure.title_lines[0])


def _date_dict(date: DateInfo | None, position: str | None) -> dict | None:
    if date is None:
        return None
    return {"text": date.text, "iso": date.iso, "status": date.status, "style": date.style,
            "line": date.line, "position": position}


def _heading_dict(heading: Heading, shown=lambda text: text) -> dict:
    return {"level": heading.level, "number": heading.number, "marker": heading.marker,
            "standard": heading.standard, "text": shown(heading.text), "line": heading.line,
            "run_in": heading.run_in, "children": [_heading_dict(c, shown) for c in heading.children]}


def outline(structure: Structure) -> dict:
    """The parsed structure as plain data (the `outline --format json` contract)."""
    doc = structure.doc
    signature = structure.signature
    shown = doc.original_script  # a traditional report is shown as written
    headings = [_heading_dict(h, shown) for h in structure.tree]
    pending = list(headings)
    while pending:  # the page of each heading, for fixed-layout formats (None elsewhere)
        heading = pending.pop()
        heading["page"] = doc.line(heading["line"]).page
        pending.extend(heading["children"])
    return {
        "path": doc.path,
        "format": doc.format,
        "encoding": doc.encoding,
        "unit": doc.unit,
        "title": shown(structure.title),
        "title_lines": structure.title_lines,
        "issuing_body": shown(structure.issuing_body),
        "issuing_body_sources": {k: {"text": shown(v[0]), "line": v[1]} for k, v in structure.body_sources.items()},
        "report_year": structure.year,
        "report_year_source": structure.year_source,
        "addressee": shown(structure.addressee),
        "addressee_line": structure.addressee_line,
        "date": _date_dict(structure.date, signature.position if signature and signature.date else "head"),
        "signature": None if signature is None else {"body": shown(signature.body), "line": signature.body_line,
                                                     "position": signature.position},
        "headings": headings,
        "furniture": structure.furniture,
        "published": _date_dict(structure.published, "furniture"),
        "revisions": doc.meta.get("revisions"),
        "comments": doc.meta.get("comments"),
        "pages": doc.meta.get("pages"),
    }
