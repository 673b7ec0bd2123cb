"""personal_data — personal information that must not be published.

- `id_card: true`: 18-character resident ID numbers whose check digit verifies (GB 11643) and
  whose birth date is a real date; the number is masked in the message.
- `mobile: true`: mainland mobile numbers (1[3-9] and 9 more digits, not inside a longer number).
- `name_contexts`: words after which a private person's name would stand (信访人, 当事人,
  申请人…). A name is a word jieba tags as a person (nr) starting with one of `surnames`,
  within `window` characters after the context word. jieba is started only when such a
  context is followed by a surname, so most reports never pay for it. Officials and
  professionals named in their role (律师殷某某) are not in these contexts.
Options also: `status` (default fail), `max_locations` (default 5).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from checker import regexes
from checker.context import Context
from checker.kinds import listed
from checker.model import Outcome, Rule

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "id_card": {"type": "boolean"},
        "mobile": {"type": "boolean"},
        "name_contexts": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "surnames": {"type": "string", "minLength": 1},
        "window": {"type": "integer", "minimum": 1, "maximum": 20},
        "status": {"enum": ["fail", "weak"]},
        "max_locations": {"type": "integer", "minimum": 1},
    },
}
# Each begins with what it matches, the look-behind after it: the regex engine then skips to
# candidate characters instead of trying the look-behind at every position.
_ID = regexes.compile(r"(\d(?<![0-9A-Za-z]\d)\d{5})((?:19|20)\d{2})(\d{2})(\d{2})(\d{3})([0-9Xx])(?![0-9A-Za-z])")
_MOBILE = regexes.compile(r"1(?<!\d1)[3-9]\d{9}(?!\d)")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number_valid(number: str) -> bool:
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


def _ids(text: str) -> list[tuple[int, str]]:
    found = []
    for match in _ID.finditer(text):
        number = match.group(0)
        try:
            dt.date(int(match.group(2)), int(match.group(3)), int(match.group(4)))
        except ValueError:
            continue
        if id_number_valid(number):
            found.append((match.start(), f"身份证号 {number[:6]}********{number[-4:]}"))
    return found


@lru_cache(maxsize=8)
def _before_surname(surnames: str) -> re.Pattern:
    """A surname, maybe after a colon, a comma or a space (what follows a context word)."""
    return regexes.compile(rf"[：:、，\s]?[{re.escape(surnames)}]")


def _names(text: str, options: dict) -> list[tuple[int, str]]:
    contexts, surnames = options.get("name_contexts", []), options.get("surnames", "")
    window = options.get("window", 6)
    candidates = [(m.end(), context) for context in contexts if context in text  # a str search is cheaper than re's
                  for m in re.finditer(re.escape(context), text)]
    before_surname = _before_surname(surnames)
    candidates = [(end, context) for end, context in candidates if before_surname.match(text[end:end + 2])]
    if not candidates:
        return []
    from checker.wordseg import jieba

    jieba()
    import jieba.posseg

    found = []
    for end, context in candidates:
        offset = end
        for pair in jieba.posseg.cut(text[end:end + window + 4]):
            if pair.flag == "nr" and pair.word[0] in surnames and offset - end <= window:
                found.append((offset, f"{context}姓名“{pair.word[0]}{'某' * (len(pair.word) - 1)}”"))
                break
            offset += len(pair.word)
    return found


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    options = rule.options
    findings = []
    for span in ctx.scope_spans("document"):
        hits = []
        if options.get("id_card"):
            hits += _ids(span.text)
        if options.get("mobile"):
            hits += [(m.start(), f"手机号 {m.group()[:3]}****{m.group()[-4:]}") for m in _MOBILE.finditer(span.text)]
        hits += _names(span.text, options)
        findings += [(span.line_at(offset), what) for offset, what in sorted(hits)]
    return listed(ctx, findings, options.get("status", "fail"), options.get("max_locations", 5), "、")
