"""metadata — the title, the issuing body (发文机关) and the signature block.

- `field: title` — missing without a title. `doc_types`: the title must end with one of them
  (报告); `mixed_doc_types`: words of another 文种 that must not stand in it (总结); and
  `required_terms`: the subject must name one of them (法治政府); `slips`: writing slips, each a
  `pattern` (regular expression) and the `reason` shown with what it matched (2025度: 年份后漏写“年”).
  Any shortfall → weak.
- `field: issuing_body` — missing when no body is named in the title, above or below it, or in
  the signature. With `consistency: true`, the body in the title or header and the one in the
  signature must agree: equal, or one a standard short form of the other (its characters
  appear in order in the full name: 荣昌区信访办 ⊂ 重庆市荣昌区信访办公室) → else weak.
  With `places: true`, a body named only by a place (静海区, 小龙门乡: `organisation.places` in
  rules/structure.yaml) is weak, and the message names the organ it stands for (静海区人民政府)
  and where it was found (the title, with no signature).
- `field: signature` — the 发文机关署名 and 成文日期 below the text (GB/T 9704), or, when the end
  has none, at the end of a covering letter above the report (position `letter`). Both → pass;
  only one of them, or both placed under the title instead (`head_status`, default weak) → weak;
  neither → missing.
"""

from __future__ import annotations

from checker import lexicon
from checker.context import Context
from checker.model import Outcome, Rule
from checker.patterns import search

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["field"],
    "properties": {
        "field": {"enum": ["title", "issuing_body", "signature"]},
        "doc_types": _WORDS,
        "mixed_doc_types": _WORDS,
        "required_terms": _WORDS,
        "slips": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["pattern", "reason"],
                                             "properties": {"pattern": {"type": "string", "minLength": 1},
                                                            "reason": {"type": "string", "minLength": 1}}}},
        "consistency": {"type": "boolean"},
        "places": {"type": "boolean"},
        "head_status": {"enum": ["pass", "weak"]},
    },
}


def patterns(options: dict) -> list[str]:
    return [slip["pattern"] for slip in options.get("slips", [])]


def _title(rule: Rule, ctx: Context) -> Outcome:
    structure, options = ctx.structure, rule.options
    title = structure.title
    if not title:
        return Outcome("missing")
    location = [ctx.location(structure.title_lines[-1])]
    problems = []
    doc_types = options.get("doc_types", [])
    if doc_types and not title.endswith(tuple(doc_types)):
        problems.append(f"未以文种“{'/'.join(doc_types)}”结尾")
    mixed = [word for word in options.get("mixed_doc_types", []) if word in title]
    if mixed:
        problems.append(f"混用文种“{'、'.join(mixed)}”")
    required = options.get("required_terms", [])
    if required and not any(term in title for term in required):
        problems.append(f"事由未写明“{'/'.join(required)}”")
    for slip in options.get("slips", []):
        found = search(slip["pattern"], title, not rule.builtin)
        if found:
            problems.append(f"{slip['reason']}（“{found.group()}”）")
    values = {"title": title}
    if problems:
        return Outcome("weak", "；".join(problems), location, values)
    return Outcome("pass", "", location, values)


def same_body(first: str, second: str) -> bool:
    """Equal, or the shorter is a standard short form of the longer (characters in order)."""
    short, long = sorted((first, second), key=len)
    remaining = iter(long)
    return all(char in remaining for char in short)


def _issuing_body(rule: Rule, ctx: Context) -> Outcome:
    sources = ctx.structure.body_sources
    if not sources:
        return Outcome("missing")
    name = next(name for name in ("header", "title", "signature") if name in sources)
    body, line = sources[name]
    values = {"body": body}
    if rule.options.get("consistency") and "signature" in sources:
        for name in ("header", "title"):
            if name in sources and not same_body(sources[name][0], sources["signature"][0]):
                signed, signed_line = sources["signature"]
                return Outcome("weak", f"前后不一致，标题处为“{sources[name][0]}”，署名为“{signed}”",
                               [ctx.location(sources[name][1]), ctx.location(signed_line)], values)
    if rule.options.get("places"):
        organs = [(n, sources[n][0], lexicon.place_organ(sources[n][0])) for n in ("header", "title", "signature")
                  if n in sources]
        if all(organ for _, _, organ in organs):  # nowhere the organ itself, only the place
            where = {"header": "标题上下方", "title": "标题", "signature": "署名"}
            found = "、".join(dict.fromkeys(where[n] for n, _, _ in organs))
            only = "，正文后没有署名" if "signature" not in sources else ""
            return Outcome("weak", f"{found}中只有地名“{body}”，不是机关名称，按惯例指“{organs[0][2]}”{only}",
                           [ctx.location(line)], values)
    return Outcome("pass", "", [ctx.location(line)], values)


def _signature(rule: Rule, ctx: Context) -> Outcome:
    signature = ctx.structure.signature
    if signature is None:
        return Outcome("missing")
    lines = [n for n in (signature.body_line, signature.date.line if signature.date else None) if n]
    locations = [ctx.location(n) for n in lines]
    if signature.position == "head":
        return Outcome(rule.options.get("head_status", "weak"), "发文机关和日期位于标题下方，正文后没有署名", locations)
    if not signature.body:
        return Outcome("weak", "正文后只有日期，没有发文机关署名", locations)
    if not signature.date:
        return Outcome("weak", "署名后没有成文日期", locations)
    return Outcome("pass", "", locations)


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    return {"title": _title, "issuing_body": _issuing_body, "signature": _signature}[rule.options["field"]](rule, ctx)
