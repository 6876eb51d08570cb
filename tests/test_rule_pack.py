"""The cn-loan pack: every rule's cases beside it, run the way `checker rules test` runs them."""
from __future__ import annotations

import pytest

from checker.rulepack import builtin_pack_dir, load_pack
from checker.rulepack.testing import load_cases, run_case

PACK = load_pack()
CASES = load_cases(builtin_pack_dir())


def test_every_rule_of_the_catalog_is_in_the_pack():
    catalog = {
        "interest-rate-missing", "apr-disclosure-missing", "overdue-interest-missing", "penalty-missing",
        "collection-conduct-missing", "credit-reporting-notice-missing", "essential-terms-missing",
        "dispute-resolution-missing", "standard-terms-not-highlighted", "interest-rate-excessive",
        "overdue-rate-excessive", "overdue-total-excessive", "interest-deducted-upfront",
        "collection-third-party-contact", "collection-abusive-means", "unilateral-amendment",
    }
    assert {r.id for r in PACK.rules} == catalog


def test_every_rule_has_cases_that_fire_and_cases_that_do_not():
    for rule in PACK.rules:
        kinds = {c.expect for c in CASES if c.rule_id == rule.id}
        assert kinds == {"fire", "clean"}, rule.id


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_rule_case(case):
    result = run_case(case, PACK)
    if case.todo:
        pytest.xfail(case.todo)
    assert result.passed, result.detail
