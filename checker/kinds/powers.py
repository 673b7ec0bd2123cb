"""powers — the report claims a power its issuer's level does not hold.

Reads the knowledge file `knowledge` (default knowledge/powers.yaml, under rules/): the levels of
government recognised from the issuing body's name, and for each power (地方性法规制定权,
规章制定权, 行政复议机关…) the levels that do not hold it, the patterns of a sentence that claims
it as the issuer's own, the exceptions around a claim (基层立法联系点, 学习《立法法》, 被申请
行政复议…) and the legal basis. A claim in the report text (furniture excluded) by an issuer of
such a level → `status` (default weak); an issuer whose level is not recognised → n/a.
Options: `knowledge`, `status`, `context_chars` (default 12: the text on each side of a claim
that the exceptions are matched against), `max_locations` (default 5).
"""

from __future__ import annotations

from functools import lru_cache

from checker import regexes
from checker.context import Context
from checker.model import Outcome, Rule
from checker.paths import rules_dir
from checker.patterns import cannot_match
from checker.yamlfile import load_schema, read_yaml, validate

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "knowledge": {"type": "string", "pattern": r"^[\w./-]+\.yaml$"},
        "status": {"enum": ["weak", "fail"]},
        "context_chars": {"type": "integer", "minimum": 0, "maximum": 100},
        "max_locations": {"type": "integer", "minimum": 1},
    },
}


def validate_knowledge(name: str = "knowledge/powers.yaml") -> None:
    base = rules_dir()
    validate(read_yaml(base / name, "职权知识库"), load_schema(base / "powers.schema.json"), "职权知识库")


@lru_cache(maxsize=4)
def load(name: str = "knowledge/powers.yaml") -> dict:
    data = read_yaml(rules_dir() / name, "职权知识库").data
    for level in data["levels"]:
        level["_patterns"] = [regexes.compile(p) for p in level["patterns"]]
    for power in data["powers"]:
        power["_claims"] = [regexes.compile(p) for p in power["claims"]]
        power["_except"] = [regexes.compile(p) for p in power.get("except", [])]
    return data


def level_of(body: str, data: dict) -> dict | None:
    return next((level for level in data["levels"] if any(p.search(body) for p in level["_patterns"])), None)


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    options = rule.options
    data = load(options.get("knowledge", "knowledge/powers.yaml"))
    body = ctx.structure.issuing_body
    level = level_of(body, data) if body else None
    if level is None:
        return Outcome("n/a", "无法从发文机关判断所属层级")
    width = options.get("context_chars", 12)
    span = ctx.doc.span(ctx.structure.body_lines() + ctx.structure.title_lines)
    text = span.text
    found = []
    for power in data["powers"]:
        if level["level"] not in power["absent_at"]:
            continue
        for pattern in power["_claims"]:
            if cannot_match(pattern.pattern, text):  # lacks every literal a claim needs (checker/patterns.py)
                continue
            for match in pattern.finditer(text):
                window = text[max(0, match.start() - width): match.end() + width]
                if not any(e.search(window) for e in power["_except"]):
                    found.append((match.start(), match.group(), power))
    if not found:
        return Outcome("pass", "", [], {"level": level["label"]})
    found.sort(key=lambda f: f[0])
    powers = list(dict.fromkeys(id(p) for _, _, p in found))
    described = []
    for key in powers:
        power = next(p for _, _, p in found if id(p) == key)
        claims = "、".join(dict.fromkeys(f"“{m}”" for _, m, p in found if id(p) == key))
        described.append(f"{claims}：{power['name']}属于{power['holders']}（{power['basis']}）")
    limit = options.get("max_locations", 5)
    return Outcome(options.get("status", "weak"), f"“{body}”属{level['label']}一级，报告却写到" + "；".join(described),
                   [ctx.location(span.line_at(offset)) for offset, _, _ in found[:limit]],
                   {"level": level["label"], "count": len(found)})
