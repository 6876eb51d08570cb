"""The cn-loan pack: every rule's cases beside it, run the way `checker rules test` runs them."""
from __future__ import annotations

from dataclasses import replace

import pytest

from checker.rulepack import builtin_pack_dir, load_pack
from checker.ruletest import load_cases, run_case

PACK = load_pack()
CASES = load_cases(builtin_pack_dir())


# catalog v2 (../shared/spec/rule-catalog.md): id -> (severity, scope)
CATALOG = {
    "interest-rate-missing": ("medium", "all"),
    "apr-disclosure-missing": ("medium", "institutions"),
    "overdue-interest-missing": ("medium", "all"),
    "penalty-missing": ("low", "all"),
    "collection-conduct-missing": ("low", "institutions"),
    "credit-reporting-notice-missing": ("medium", "institutions"),
    "essential-terms-missing": ("medium", "all"),
    "dispute-resolution-missing": ("low", "all"),
    "standard-terms-not-highlighted": ("medium", "standard_forms"),
    "interest-rate-excessive": ("high", "all"),
    "overdue-rate-excessive": ("high", "all"),
    "overdue-total-excessive": ("high", "all"),
    "interest-deducted-upfront": ("high", "all"),
    "unlicensed-lending": ("high", "company_lenders"),
    "collection-third-party-contact": ("critical", "all"),
    "collection-abusive-means": ("critical", "all"),
    "collection-outside-hours": ("medium", "all"),
    "collection-fee-shifted": ("medium", "all"),
    "personal-data-overreach": ("high", "all"),
    "jurisdiction-clause-unfair": ("medium", "standard_forms"),
    "prepayment-penalty": ("medium", "standard_forms"),
    "unilateral-amendment": ("medium", "all"),
}
V1_AND_SPLIT = {
    "interest-rate-missing", "apr-disclosure-missing", "overdue-interest-missing", "penalty-missing",
    "collection-conduct-missing", "credit-reporting-notice-missing", "essential-terms-missing",
    "dispute-resolution-missing", "standard-terms-not-highlighted", "interest-rate-excessive",
    "overdue-rate-excessive", "overdue-total-excessive", "interest-deducted-upfront",
    "collection-third-party-contact", "collection-abusive-means", "unilateral-amendment", "collection-outside-hours",
}


def test_the_pack_holds_catalog_rules_only():
    ids = {r.id for r in PACK.rules}
    assert V1_AND_SPLIT <= ids <= set(CATALOG)


@pytest.mark.parametrize("rule", PACK.rules, ids=[r.id for r in PACK.rules])
def test_severity_and_scope_are_the_catalogs(rule):
    assert (rule.severity.value, rule.scope) == CATALOG[rule.id]


@pytest.mark.parametrize("rule", PACK.rules, ids=[r.id for r in PACK.rules])
def test_no_basis_for_a_licensed_lender_cites_the_private_lending_caps(rule):
    for tags in (("licensed",), ("small-loan", "licensed")):
        for basis in rule.basis_for(tags):
            if "民间借贷" in basis.statute:
                assert not any(basis.article.startswith(f"第{n}条") for n in (25, 26, 28, 29)), (rule.id, basis)


@pytest.mark.parametrize("rule", PACK.rules, ids=[r.id for r in PACK.rules])
def test_every_basis_is_a_quote_or_a_named_summary_never_unverified(rule):
    for basis in rule.legal_basis:
        assert basis.quote or basis.summary, (rule.id, basis.head)
        assert "未核实" not in str(basis) and "UNVERIFIED" not in str(basis).upper()


@pytest.mark.parametrize("rule", PACK.rules, ids=[r.id for r in PACK.rules])
def test_a_licensed_message_never_calls_the_line_a_ban(rule):
    for tag in ("licensed", "small-loan"):
        text = rule.message_for((tag,))
        if "rate-cap" in rule.tags:
            assert "上限" not in text and "违法" not in text, (rule.id, text)


def test_every_rule_has_cases_that_fire_and_cases_that_do_not():
    for rule in PACK.rules:
        kinds = {c.expect for c in CASES if c.rule_id == rule.id}
        assert kinds == {"fire", "clean"}, rule.id


@pytest.mark.parametrize("case", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c.todo)) if c.todo else c for c in CASES
], ids=[c.label for c in CASES])
def test_rule_case(case):
    """A todo case (a known gap) is a strict expected failure: once it passes, remove its todo."""
    result = run_case(case, PACK)
    assert result.passed, result.detail


def test_a_todo_case_that_now_passes_fails_the_rule_test_run():
    passing = next(c for c in CASES if c.expect == "fire" and not c.todo)
    result = run_case(replace(passing, todo="a known gap"), PACK)
    assert result.status == "FAIL" and "remove its todo" in result.detail


def test_a_todo_case_that_still_fails_is_reported_as_todo():
    passing = next(c for c in CASES if c.expect == "fire" and not c.todo)
    gap = replace(passing, todo="a known gap", expect="clean")  # the rule fires, so "clean" fails
    assert run_case(gap, PACK).status == "todo"
