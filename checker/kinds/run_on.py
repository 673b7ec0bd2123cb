"""run_on — part headings standing inside a paragraph (the text's line breaks lost).

A text copied from a web page or a converter sometimes arrives with its paragraphs run together
on one line: `…报告如下： 一、主要举措和成效 （一）…`. No part can then be found, and every check of
the parts would report a part missing that is there. When the text has no level-1 heading of its
own, a line of at least `min_chars` characters in which `pattern` matches (a level-1 number
after a sentence end or a space: the pattern must not match at the start of a line) → `status`
(default fail), located at the first such heading; its words, up to the first sentence mark,
comma, bracket or space and at most `shown_chars` characters (default 20), are the {reason}.

A rule of this kind is meant to be a `gate: parts` rule: its finding makes the rules that read
the parts n/a (docs/rule-authoring.md), so that the report gets one true finding instead of
several false ones. A text whose level-1 headings stand on their own lines always passes, so a
paragraph that enumerates 一、…；二、… inside a normal report is never taken for one.
"""

from __future__ import annotations

from checker.context import Context
from checker.model import Outcome, Rule
from checker.patterns import search

_HEADING_ENDS = frozenset("。；，,（( ")

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["pattern", "min_chars"],
    "properties": {
        "pattern": {"type": "string", "minLength": 1},
        "min_chars": {"type": "integer", "minimum": 1},
        "shown_chars": {"type": "integer", "minimum": 4, "maximum": 60},
        "status": {"enum": ["weak", "fail"]},
    },
}


def patterns(options: dict) -> list[str]:
    return [options["pattern"]]


def _heading_at(text: str, start: int, limit: int) -> str:
    """The heading's words: from its number to the first sentence mark, comma, bracket (the
    （一） that follows it) or space, at most `limit` characters."""
    end = min(start + limit, len(text))
    for at in range(text.find("、", start) + 1, end):
        if text[at] in _HEADING_ENDS:
            return text[start:at]
    return text[start:end]


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    options, structure = rule.options, ctx.structure
    if structure.sections:
        return Outcome("pass")
    doc, furniture = ctx.doc, set(structure.furniture)
    for number in structure.content:
        line = doc.line(number)
        if number in furniture or len(line.norm) < options["min_chars"]:
            continue
        match = search(options["pattern"], line.norm, not rule.builtin)
        if match is not None:
            heading = _heading_at(line.norm, match.start(), options.get("shown_chars", 20))
            return Outcome(options.get("status", "fail"), heading, [ctx.location(number, heading)])
    return Outcome("pass")
