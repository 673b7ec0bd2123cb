"""Every rule's own pass/flag examples, run like sqlfluff and LanguageTool run theirs."""

import pytest

from checker.examples import run_examples
from checker.loader import load_rules

RULES = load_rules(strict_builtin=True)  # the full schema and pattern checks a plain run skips


def test_every_rule_has_both_kinds_of_example():
    for rule in RULES:
        assert rule.examples["pass"] and rule.examples["flag"], rule.id


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    assert run_examples(rule, RULES) == []


def test_statutory_ids_are_exactly_the_contract():
    ids = {rule.id for rule in RULES}
    assert {"content.measures", "content.shortcomings", "content.causes", "content.responsible-person",
            "content.next-year-plan", "content.other", "meta.title", "meta.issuing-body", "meta.date",
            "meta.timeliness", "meta.signature", "content.plan-year"} <= ids


def test_every_rule_has_messages_for_what_it_can_report():
    for rule in RULES:
        flagged = {example["status"] for example in rule.examples["flag"]}
        assert flagged <= set(rule.messages) | {"pass"}, rule.id


def test_parser_lexicon_is_valid():
    from checker.lexicon import validate_lexicon

    validate_lexicon()


def test_validate_checks_the_builtin_pack_in_full():
    from helpers import run_cli

    result = run_cli("validate")
    assert result.returncode == 0 and "✓ 37 条规则有效" in result.stdout.decode()
