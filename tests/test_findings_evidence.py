"""A finding's message agrees with its evidence: the figure it names is read from the clause it quotes."""
from __future__ import annotations

from checker.api import check_contract, parse
from checker.settings import Settings

CONTRACT = """借款合同

出借人：厦门某某信息技术有限公司
借款人：林小雨

第一条 借款金额为人民币10000元，借款期限12个月，按月等额还款。
第二条 借款年利率为10%，按月付息。
第三条 计入服务费后，本次借款的综合年化成本为30%。
第四条 借款人逾期还款的，按日利率0.05%计收逾期利息。
第五条 因本合同发生争议，向出借人所在地人民法院起诉。
"""


def _finding(tmp_path, rule_id):
    path = tmp_path / "loan.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    contract, facts = parse(str(path))
    result = check_contract(contract, facts, Settings(profile="civil-code"), backend="reference")
    return next(f for f in result.findings if f.rule_id == rule_id), facts


def test_the_rate_named_in_the_message_is_the_one_in_the_quoted_clause(tmp_path):
    finding, facts = _finding(tmp_path, "interest-rate-excessive")
    assert facts.summary["interest_rate_annual_pct"] == 30.0
    assert "30%" in finding.message and "综合年化成本30%" in finding.message
    assert "30%" in finding.evidence and "10%" not in finding.evidence
    assert finding.clause == "第三条"


def test_the_english_message_names_the_profile_in_english_and_the_chinese_one_in_chinese(tmp_path):
    finding, _ = _finding(tmp_path, "interest-rate-excessive")
    assert "civil-code" not in finding.message and "民法典标准" in finding.message
    assert finding.message_en.startswith("The in-term annualized rate of 30%") and "(Civil Code)" in finding.message_en
