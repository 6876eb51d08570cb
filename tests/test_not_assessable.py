"""A rule that cannot be judged on a document says so instead of staying silent or firing.

The prominence rule needs bold and underline, which OCR cannot see: on a standard-form
contract whose key clauses are on scanned pages it is "not assessable", with a note.
"""
from __future__ import annotations

import textwrap
from dataclasses import replace

import pytest

from checker.api import check_contract, lpr_lookup, pack_for
from checker.clauses import parse_contract
from checker.errors import RuleError
from checker.facts import extract_facts
from checker.ingest import read_document
from checker.rulepack import load_pack
from checker.settings import Settings
from checker.reports import i18n

RULE = "standard-terms-not-highlighted"
SETTINGS = Settings(profile="civil-code", use_cache=False)
# A platform's form with plain (not emphasised) overdue and penalty clauses: the rule fires on it.
# Dated: on a scan without a readable date the cap rules are not assessable (facts/legibility.py).
FORM = """\
# 快借App借款服务协议
本协议适用于全部通过快借App申请借款的用户，由平台统一制定。
## 第一条 借款金额
借款金额为人民币10000元，借款年利率为12%。
## 第四条 逾期
借款人逾期的，按日利率0.05%计收逾期利息，并按逾期金额的每日千分之一收取违约金。
签订日期：2024年3月1日
"""


def _check(tmp_path, scanned: bool):
    path = tmp_path / "form.md"
    path.write_text(FORM, encoding="utf-8")
    document = read_document(path)
    if scanned:  # what the OCR reader hands on: pages flagged, emphasis unknown on every line
        pages = tuple(replace(p, ocr=True, lines=tuple(replace(ln, emphasis_known=False) for ln in p.lines))
                      for p in document.pages)
        document = replace(document, pages=pages)
    contract = parse_contract(document)
    pack = pack_for(SETTINGS)
    factset = extract_facts(contract, lpr=lpr_lookup(pack))
    return check_contract(contract, factset, SETTINGS, pack)


def test_the_rule_fires_on_the_typed_form(tmp_path):
    result = _check(tmp_path, scanned=False)
    assert RULE in {f.rule_id for f in result.findings}
    assert not any(n.code == "not_assessable" for n in result.notes)


def test_on_scanned_pages_the_rule_does_not_fire_and_the_document_says_why(tmp_path):
    result = _check(tmp_path, scanned=True)
    assert RULE not in {f.rule_id for f in result.findings}
    note = next(n for n in result.notes if n.code == "not_assessable")
    assert note.values["rule"] == RULE
    assert i18n.note(note, "zh") == "「格式条款未显著提示」未评估：条款所在页为扫描件，无法判断是否以加粗、下划线显著提示"
    assert i18n.note(note, "en") == ("Standard terms not highlighted: not assessed: the terms are on scanned pages, "
                                     "where bold and underlining cannot be seen")


def test_scanning_changes_no_other_finding(tmp_path):
    typed = {f.rule_id for f in _check(tmp_path, scanned=False).findings} - {RULE}
    scanned = {f.rule_id for f in _check(tmp_path, scanned=True).findings}
    assert scanned == typed


def _load_rule_with(tmp_path, not_assessable: str) -> str:
    """The RuleError message for a house rule whose not_assessable block is ``not_assessable``."""
    (tmp_path / "rule.yaml").write_text(textwrap.dedent(f"""
        id: house-rule
        title: {{zh: 测试, en: Test}}
        severity: low
        message: 测试
        legal_basis: [{{statute: 内部政策, article: 第1条, summary: 不评估扫描件}}]
        not_assessable: {not_assessable}
        when: {{expr: is_standard_form}}
    """), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_pack([tmp_path], builtin=False)
    return str(info.value)


def test_a_not_assessable_expression_naming_an_unknown_fact_is_rejected(tmp_path):
    error = _load_rule_with(tmp_path, "{when: [no_such_fact], reason: 无法判断}")
    assert "not_assessable.when[0]" in error and "unknown fact" in error


@pytest.mark.parametrize("block, stray", [
    ("{when: [is_standard_form], reason: 扫描件无法判断（not assessable）}", "English 'not'"),
    ("{when: [is_standard_form], reason: 扫描件无法判断, reason_en: 扫描件 cannot be judged}", "Chinese '扫"),
])
def test_a_not_assessable_reason_in_the_other_language_is_rejected(tmp_path, block, stray):
    error = _load_rule_with(tmp_path, block)
    assert "not_assessable.reason" in error and stray in error


def test_not_assessable_needs_a_reason(tmp_path):
    assert "not_assessable.reason" in _load_rule_with(tmp_path, "{when: [is_standard_form]}")
