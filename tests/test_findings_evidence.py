"""A finding's message agrees with its evidence: the figure it names is read from the clause it quotes."""
from __future__ import annotations

from pathlib import Path

from checker.api import check_contract, parse
from checker.settings import Settings
from sample_files import CONTRACTS


CONTRACT = """借款合同

出借人：厦门某某信息技术有限公司
借款人：林小雨

第一条 借款金额为人民币10000元，借款期限12个月，到期一次还本付息。
第二条 借款年利率为10%。
第三条 借款人逾期还款的，按年利率15%计收逾期利息。
第四条 借款人逾期超过30日的，逾期利息改按年利率18%计收。
第五条 因本合同发生争议，向出借人所在地人民法院起诉。
"""


def _check(path: Path, rule_id: str):
    contract, facts = parse(str(path))
    result = check_contract(contract, facts, Settings(profile="civil-code"), backend="reference")
    return next(f for f in result.findings if f.rule_id == rule_id), facts


def test_the_cash_loan_sample_quotes_the_clause_its_rate_comes_from():
    finding, facts = _check(CONTRACTS / "cash-loan.docx", "interest-rate-excessive")
    figure = f"{facts.summary['interest_rate_annual_pct']:g}%"
    assert figure == "33.6%" and figure in finding.message and figure in finding.evidence
    assert "12%" not in finding.message and "12%" not in finding.evidence


def test_the_overdue_rate_named_in_the_message_is_the_one_in_the_quoted_clause(tmp_path):
    path = tmp_path / "loan.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    finding, facts = _check(path, "overdue-rate-excessive")
    assert facts.summary["overdue_rate_annual_pct"] == 18.0  # the higher of the two stated figures
    assert "18%" in finding.message and "15%" not in finding.message
    assert "18%" in finding.evidence and "15%" not in finding.evidence
    assert finding.clause == "第四条"


def test_the_english_message_names_the_profile_in_english_and_the_chinese_one_in_chinese(tmp_path):
    path = tmp_path / "loan.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    finding, _ = _check(path, "overdue-rate-excessive")
    # catalog v2: the message states the regime's line in words, never the profile's identifier
    assert "civil-code" not in finding.message and "一年期LPR" in finding.message
    assert finding.message_en.startswith("The annualized overdue rate of 18%") and "one-year LPR" in finding.message_en
