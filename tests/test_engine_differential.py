"""durable-rules and the reference evaluator give identical findings on every sample and rule case."""
from __future__ import annotations

import os
import tempfile

import pytest

from checker.api import check_contract, parse
from checker.rulepack import builtin_pack_dir, load_pack
from checker.ruletest import load_cases
from checker.settings import Settings
from checker.errors import DocumentError
from sample_files import SAMPLE_RULES, contract_files

PACK = load_pack([SAMPLE_RULES])
SAMPLES = contract_files()
CASES = load_cases(builtin_pack_dir()) + load_cases(SAMPLE_RULES)


def _both(contract, factset, profile):
    settings = Settings(profile=profile)
    durable = check_contract(contract, factset, settings, PACK, backend="durable")
    reference = check_contract(contract, factset, settings, PACK, backend="reference")
    return durable.findings, reference.findings


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
@pytest.mark.parametrize("profile", ["auto", "civil-code", "licensed-lender"])
def test_engines_agree_on_sample(path, profile):
    try:
        contract, factset = parse(str(path), pack=PACK)
    except DocumentError:
        pytest.skip("unreadable sample")
    durable, reference = _both(contract, factset, profile)
    assert durable == reference


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_engines_agree_on_rule_case(case):
    fd, name = tempfile.mkstemp(suffix=".md")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(case.document)
    try:
        contract, factset = parse(name, pack=PACK)
    finally:
        os.unlink(name)
    durable, reference = _both(contract, factset, case.profile)
    assert durable == reference
