"""Wording found by red-teaming with hand-written contracts (tests/generalisation): each form
is read in its role, and each decoy stays a decoy."""
from __future__ import annotations

import pytest

from checker.facts import extract_facts
from checker.facts.obligations import sentence_obligations
from checker.facts.topics import clause_topics
from checker.model import Clause, Contract, Document, Line, Page

COMPANY = ["资金方：某某信息技术有限公司", "借款方：刘洋"]
ROLES = {"甲方": "lender", "乙方": "borrower"}


def summary(head: list[str], *texts: str) -> dict:
    lines = [Line(t, 1, top=i) for i, t in enumerate([*head, *texts])]
    clauses = [Clause("0", "", "", "\n".join(head), 0, "preamble", 1, 1, 0, len(head) - 1)]
    clauses += [Clause(str(n), f"第{n}条", "", t, 1, "article", 1, 1, n, n) for n, t in enumerate(texts, 1)]
    return extract_facts(Contract(Document("x.txt", "txt", (Page(1, tuple(lines)),)), tuple(clauses))).summary


def topics_of(text: str) -> set[str]:
    clause = Clause("3", "", "", text, 1, "article", 1, 1, 0, 0)
    return {name for name, _ in clause_topics(clause)}


def permitted(sentence: str) -> set[str]:
    return {o.action for o in sentence_obligations(sentence, ROLES) if o.modality in ("permitted", "required")}


def test_overdue_fee_rate_is_an_overdue_rate():
    s = summary(COMPANY, "借款方逾期的，逾期费率为日万分之五。")
    assert s["overdue_rate_annual_pct"] == pytest.approx(18.0)
    assert s["overdue_fee_annual_pct"] is None


def test_overdue_fine_at_a_daily_rate_is_an_overdue_rate():
    s = summary(COMPANY, "借款按日息万五计息。", "借款方逾期的，逾期罚金按日万分之八计收。")
    assert (s["interest_rate_annual_pct"], s["overdue_rate_annual_pct"]) == (pytest.approx(18.0), pytest.approx(28.8))


def test_multiple_of_the_normal_fee_rate_resolves_against_the_in_term_rate():
    s = summary(COMPANY, "日综合费率为0.065%（年化综合费率23.4%）。", "逾期费率为正常费率的1.5倍。")
    assert s["overdue_rate_annual_pct"] == pytest.approx(35.1)


def test_a_rate_named_by_its_own_period_word_is_not_renamed_by_a_fee_in_another_segment():
    s = summary(COMPANY, "借款年利率为8%，另按月收取账户管理费，月费率0.5%，综合年化成本为14%。")
    assert s["interest_rate_annual_pct"] == pytest.approx(14.0)
    assert s["apr_stated"] is True


def test_daily_fee_rate_alone_is_the_in_term_price():
    s = summary(COMPANY, "借款按日费率0.04%计收费用。")
    assert s["interest_rate_annual_pct"] == pytest.approx(14.4) and s["apr_stated"] is False


@pytest.mark.parametrize("text", ["本借款不另计息。", "本借款为零利率借款。", "本借款不另行收取利息。"])
def test_interest_free_wordings(text):
    assert "interest_free" in topics_of(text)


def test_interest_charged_on_top_is_not_interest_free():
    assert "interest_free" not in topics_of("逾期利息另计。")


@pytest.mark.parametrize("text, topic", [
    ("借期半年，自款项交付之日起计算。", "loan_term"),
    ("借款至2025年底。", "loan_term"),
    ("按季付息，到期还本。", "repayment_method"),
    ("到期连本带息一次还清。", "repayment_method"),
    ("乙方按月等额还款。", "repayment_method"),
    ("乙方向甲方出借人民币伍万元整。", "loan_amount"),
    ("催收人员可在深夜致电借款方催收。", "collection_conduct"),
    ("乙方只能向甲方本人催要欠款。", "collection_conduct"),
    ("借款保证金人民币2,000元在放款时预留。", "upfront_deduction"),
])
def test_new_wording_gives_topic(text, topic):
    assert topic in topics_of(text)


def test_lender_costs_named_with_the_lender_are_not_a_loan_amount():
    assert "loan_amount" not in topics_of("出借人为实现债权支出的律师费人民币5000元由借款人承担。")


@pytest.mark.parametrize("sentence, action", [
    ("借款保证金人民币2,000元在放款时预留。", "deduct_upfront"),
    ("本公司保留随时修改本协议条款及收费标准的权利。", "unilateral_amendment"),
    ("甲方有权调整月费率，调整后以官网公告为准，不另行通知乙方。", "unilateral_amendment"),
    ("甲方可以全天24小时通过电话提醒乙方还款。", "night_collection"),
])
def test_new_wording_permits_action(sentence, action):
    assert action in permitted(sentence)


@pytest.mark.parametrize("sentence, action", [
    ("除经乙方书面同意外，甲方不调整本合同约定的利率。", "unilateral_amendment"),
    ("本协议的任何变更须经双方协商一致并签署书面补充协议。", "unilateral_amendment"),
    ("甲方不会在放款时预留或扣除任何费用。", "deduct_upfront"),
    ("甲方绝不在晚上10点至次日早上8点之间进行催收。", "night_collection"),
    ("客服电话24小时开通。", "night_collection"),
])
def test_new_wording_decoys_do_not_permit(sentence, action):
    assert action not in permitted(sentence)


@pytest.mark.parametrize("text", ["本借款的年化利率为6.5%，逾期后按年化利率的1.5倍收取罚息。",
                                  "借款年利率百分之六点五，罚息利率为年利率百分之九点七五。"])
def test_overdue_word_in_a_later_part_does_not_take_the_in_term_rate(text):
    s = summary(COMPANY, text)
    assert (s["interest_rate_annual_pct"], s["overdue_rate_annual_pct"]) == (pytest.approx(6.5), pytest.approx(9.75))


def test_restated_overdue_rate_keeps_the_overdue_role_of_the_part_before():
    s = summary(COMPANY, "借款日利率0.08%。", "逾期利率为借款利率上浮50%，即日利率0.12%（年化利率43.8%）。")
    assert s["overdue_rate_annual_pct"] == pytest.approx(43.8)


@pytest.mark.parametrize("text", ["每借1000元每天利息0.5元。", "借款利息标准为每万元每日5元。", "每日每万元收取利息5元。"])
def test_price_per_sum_lent_is_a_daily_rate(text):
    assert summary(COMPANY, text)["interest_rate_annual_pct"] == pytest.approx(18.0)


def test_price_per_sum_named_as_a_fee_is_not_the_interest_rate():
    assert summary(COMPANY, "每月每千元收取服务费8元。")["interest_rate_annual_pct"] is None


def test_an_instalment_amount_is_not_a_price_per_sum():
    assert summary(COMPANY, "借款人每月还款1000元，每期还款日为每月15日。")["interest_rate_annual_pct"] is None


@pytest.mark.parametrize("sentence, action", [
    ("甲方有权将乙方的逾期信息告知乙方的亲朋好友。", "disclose_debt_to_third_party"),
    ("甲方可根据国家政策调整本合同利率，并于调整前30日通知乙方。", "unilateral_amendment"),
    ("乙方未提出异议的，视为同意甲方对本协议的修改。", "unilateral_amendment"),
    ("甲方放款金额为借款金额的90%，剩余10%作为风险保证金。", "deduct_upfront"),
])
def test_more_new_wording_permits_action(sentence, action):
    assert action in permitted(sentence)


@pytest.mark.parametrize("sentence, action", [
    ("经双方协商一致，可以变更本合同。", "unilateral_amendment"),
    ("乙方可以变更还款账户。", "unilateral_amendment"),
    ("实际放款金额为借款金额，甲方不扣除任何费用。", "deduct_upfront"),
])
def test_more_new_wording_decoys_do_not_permit(sentence, action):
    assert action not in permitted(sentence)


def test_evening_window_past_ten_reaches_the_summary():
    s = summary(COMPANY, "甲方可在工作日晚间21点至23点进行电话提醒。")
    assert (s["collection_hours_start"], s["collection_hours_end"]) == (21.0, 23.0)


def _facts_of(tmp_path, text):
    from checker.api import parse
    path = tmp_path / "c.md"
    path.write_text(text, encoding="utf-8")
    return parse(str(path))[1].summary


def test_an_overdue_rate_of_four_times_the_lpr_uses_the_lpr_on_the_contract_date(tmp_path):
    facts = _facts_of(tmp_path, "# 借款合同\n## 第一条 借款\n借款金额为人民币10万元，借款年利率为6%。\n"
                      "## 第二条 逾期\n逾期利息按合同成立时一年期贷款市场报价利率的四倍计算。\n签订日期：2024年3月15日\n")
    assert facts["overdue_rate_annual_pct"] == 13.8  # 4 x 3.45%


def test_an_in_term_rate_of_lpr_plus_basis_points_is_read(tmp_path):
    facts = _facts_of(tmp_path, "# 借款合同\n## 第一条 利率\n借款利率为一年期LPR加150个基点。\n"
                      "## 第二条 逾期\n逾期罚息按LPR的五倍计收。\n签订日期：2020年11月6日\n")
    assert facts["interest_rate_annual_pct"] == 5.35 and facts["overdue_rate_annual_pct"] == 19.25
