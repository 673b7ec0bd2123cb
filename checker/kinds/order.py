"""order — sections found by section rules appear in a given order.

Options:
- `sequence`: rule ids, in the order their first sections should appear. Rules whose section is
  absent are skipped (their own rules report them); with fewer than two present → n/a.
- `status`: the status when the order is broken (default weak).
The statutory items have no mandated order; use this for orders that matter to a reader, such
as the plan coming after the achievements and the shortcomings.
"""

from __future__ import annotations

from checker.context import Context
from checker.kinds.section import sections_for
from checker.model import Outcome, Rule

READS_PARTS = True  # a `gate: parts` finding (no part can be found) makes its rules n/a
OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["sequence"],
    "properties": {
        "sequence": {"type": "array", "items": {"type": "string"}, "minItems": 2},
        "status": {"enum": ["weak", "fail"]},
    },
}


def evaluate(rule: Rule, ctx: Context) -> Outcome:
    present = []
    for rule_id in rule.options["sequence"]:
        headings = sections_for(ctx, rule_id)
        if headings:
            present.append((rule_id, headings[0]))
    if len(present) < 2:
        return Outcome("n/a", "可比较的部分不足两个")
    for (first_id, first), (second_id, second) in zip(present, present[1:]):
        if first.line > second.line:
            names = [ctx.rules[i].title if i in ctx.rules else i for i in (first_id, second_id)]
            return Outcome(rule.options.get("status", "weak"), f"“{names[1]}”位于“{names[0]}”之前",
                           [ctx.location(second.line), ctx.location(first.line)])
    return Outcome("pass", "", [ctx.location(present[0][1].line)])
