"""The document summary the rules read: every key present, values read in their roles."""
from __future__ import annotations

import pytest

from checker.facts import ACTIONS, FACT_KEYS, TOPICS, extract_facts
from contract_builder import COMPANY, PRIVATE, contract, summary

DESIGN_KEYS = {
    "contract_date": "date", "signing_date": "date", "disbursement_date": "date", "loan_amount": "number",
    "interest_rate_annual_pct": "number", "interest_rate_stated": "string", "interest_free": "bool",
    "interest_charged": "bool", "apr_stated": "bool", "overdue_rate_annual_pct": "number",
    "overdue_rate_stated": "string", "overdue_penalty_annual_pct": "number", "overdue_fee_annual_pct": "number",
    "overdue_charge_kinds": "number", "overdue_total_annual_pct": "number", "overdue_total_cap_pct": "number",
    "overdue_total_capped_by_law": "bool", "term_months": "number", "is_standard_form": "bool",
    "has_prominence_notice": "bool", "key_terms_emphasized": "bool", "emphasis_assessable": "bool",
    "lender_name": "string", "lender_kind": "string", "natural_persons_only": "bool",
    "lender_class": "string", "lender_class_reason": "string", "lender_identified": "bool",
    "lender_licensed": "bool", "institution_lender": "bool",
    "via_platform": "bool", "via_platform_reason": "string", "is_template": "bool", "template_reason": "string",
    "template_blanks": "list",
    "interest_rate_blank": "bool", "alt_day_count": "number", "interest_rate_alt_pct": "number",
    "overdue_rate_alt_pct": "number", "overdue_total_alt_pct": "number",
    "collection_hours_start": "number", "collection_hours_end": "number", "topics": "list",
    "document_kind": "string", "forum_favours_lender": "bool", "forum_highlighted": "bool", "consumer_borrower": "bool",
}

DESIGN_KEYS.update({  # the all-in cost (facts/charges.py, schedule.py, cost.py)
    "repayment_method": "string", "instalments": "number", "fee_kinds": "list", "apr_stated_pct": "number",
    "all_in_cost_annual_pct": "number", "all_in_cost_lower_bound_pct": "number", "all_in_cost_working": "string",
    "all_in_cost_working_en": "string",
    "all_in_cost_schedule": "list", "all_in_cost_note": "string", "in_term_cost_annual_pct": "number",
    "in_term_cost_basis": "string", "apr_disclosure_problem": "string", "upfront_deduction_amount": "number",
    "upfront_deduction_adds_pct": "number", "upfront_deduction_note": "string",
})
DESIGN_KEYS.update({  # whether OCR read the figures the cap rules use (facts/legibility.py)
    "interest_rate_readable": "bool", "overdue_rates_readable": "bool", "contract_date_readable": "bool",
    "loan_amount_readable": "bool",
})

def test_fact_keys_are_the_design_table():
    assert FACT_KEYS == DESIGN_KEYS


def test_every_key_is_present_even_for_an_empty_contract():
    s = summary([])
    assert set(s) == set(FACT_KEYS)
    assert s["loan_amount"] is None and s["interest_rate_annual_pct"] is None and s["topics"] == []


def test_vocabularies_are_exported():
    assert "overdue_interest" in TOPICS and "disclose_debt_to_third_party" in ACTIONS


def test_stated_annual_figure_wins_over_the_computed_one():
    s = summary(COMPANY, ("借款利率", "借款日利率为0.05%（年化利率18.25%）。"))
    assert s["interest_rate_annual_pct"] == pytest.approx(18.25)
    assert s["apr_stated"] is True and s["interest_charged"] is True


def test_daily_rate_without_annual_figure_is_annualized_and_apr_not_stated():
    s = summary(COMPANY, ("利息", "借款按日计息，日利率0.05%。"))
    assert s["interest_rate_annual_pct"] == pytest.approx(18.0)
    assert s["apr_stated"] is False


def test_interest_free_loan_has_rate_zero():
    s = summary(PRIVATE, ("利息", "本借款为无息借款。"))
    assert s["interest_free"] is True and s["interest_rate_annual_pct"] == 0.0
    assert s["interest_charged"] is False


def test_no_in_term_rate_is_none_even_with_an_overdue_rate():
    s = summary(COMPANY, ("逾期", "借款人逾期的，按年利率9%计收逾期利息。"))
    assert s["interest_rate_annual_pct"] is None
    assert s["overdue_rate_annual_pct"] == pytest.approx(9.0)


def test_relative_overdue_rate_is_resolved_against_the_loan_rate():
    s = summary(COMPANY, ("利率", "借款年利率为10%。"), ("罚息", "逾期罚息按借款利率上浮50%计收。"))
    assert s["overdue_rate_annual_pct"] == pytest.approx(15.0)


def test_higher_of_nominal_rate_and_all_in_cost_is_used():
    s = summary(COMPANY, ("利率", "借款年利率为8%。"), ("费用", "综合年化成本为年化23.5%。"))
    assert s["interest_rate_annual_pct"] == pytest.approx(23.5)


def test_all_in_cost_in_the_same_sentence_as_the_nominal_rate_wins():
    s = summary(COMPANY, ("利率", "月利率为1%，年化利率12%，综合年化成本为19.9%。"))
    assert s["interest_rate_annual_pct"] == pytest.approx(19.9)


def test_rate_as_written_keeps_its_period_word():
    s = summary(COMPANY, ("利率", "借款日利率为0.06%。"), ("罚息", "逾期罚息按日利率0.09%计收。"))
    assert s["interest_rate_stated"] == "日利率0.06%" and s["overdue_rate_stated"] == "日利率0.09%"


def test_the_rates_own_period_word_does_not_make_an_overdue_rate_in_term():
    s = summary(COMPANY, ("逾期", "逾期利率为借款利率加收40%，即年化利率14%。"), ("利率", "借款年化利率为10%。"))
    assert s["overdue_rate_annual_pct"] == pytest.approx(14.0) and s["interest_rate_annual_pct"] == pytest.approx(10.0)


def test_overdue_charges_are_summed_and_counted():
    s = summary(COMPANY, ("逾期", "逾期利息按日利率0.05%计收。借款人还应每日按逾期金额的万分之五支付违约金。"))
    assert s["overdue_rate_annual_pct"] == pytest.approx(18.0)
    assert s["overdue_penalty_annual_pct"] == pytest.approx(18.0)
    assert s["overdue_total_annual_pct"] == pytest.approx(36.0)
    assert s["overdue_charge_kinds"] == 2


def test_lump_sum_penalty_counts_as_a_kind_but_not_in_the_sum():
    s = summary(COMPANY, ("逾期", "逾期利息按年利率12%计收。借款人逾期的，应支付违约金人民币五千元。"))
    assert s["overdue_charge_kinds"] == 2
    assert s["overdue_total_annual_pct"] == pytest.approx(12.0)


def test_overdue_fee_is_its_own_role():
    s = summary(COMPANY, ("逾期", "逾期后平台按逾期金额每日千分之一收取逾期管理费。"))
    assert s["overdue_fee_annual_pct"] == pytest.approx(36.0) and s["overdue_rate_annual_pct"] is None


def test_cap_on_overdue_charges_at_the_legal_limit():
    s = summary(COMPANY, ("逾期", "逾期利息、违约金及其他费用合计不超过法律规定的上限。"))
    assert s["overdue_total_capped_by_law"] is True


def test_loan_amount_is_the_amount_lent_not_the_credit_line_or_net():
    s = summary(COMPANY, ("额度", "贷款人授予借款人授信额度人民币100,000元。"),
                ("借款", "本次借款金额为人民币20,000元，实际到账金额为人民币19,000元。"))
    assert s["loan_amount"] == 20000


def test_contract_date_is_the_signing_date_not_a_due_date():
    s = summary(COMPANY, ("还款", "首期还款日为2024年5月10日。"), ("签署", "签订日期：2024年4月10日"))
    assert s["contract_date"] == "2024-04-10"


def test_between_natural_persons_the_disbursement_date_wins():
    s = summary(PRIVATE, ("交付", "甲方于2023年3月5日通过银行转账将借款支付至乙方账户。"),
                ("签署", "签订日期：2023年3月1日"))
    assert s["natural_persons_only"] is True
    assert (s["signing_date"], s["disbursement_date"], s["contract_date"]) == ("2023-03-01", "2023-03-05", "2023-03-05")


def test_lender_from_the_parties_clause():
    s = summary(COMPANY)
    assert s["lender_name"] == "某某网络小额贷款有限公司" and s["lender_kind"] == "small_loan"
    assert s["natural_persons_only"] is False


def test_collection_hours_reach_the_summary():
    s = summary(COMPANY, ("催收", "逾期后贷款人可电话催收，催收时间为每日8:00至21:30。"))
    assert (s["collection_hours_start"], s["collection_hours_end"]) == (8, 21.5)


@pytest.mark.parametrize("head, text, expected", [
    (COMPANY, "本协议适用于所有通过本App申请借款的用户。", True),
    (COMPANY, "借款人点击“同意并借款”即表示接受本协议。", True),
    (COMPANY, "本合同文本由贷款人统一制定。", True),
    (PRIVATE, "双方协商一致，订立本合同。", False),
])
def test_standard_form(head, text, expected):
    assert summary(head, ("其他", text))["is_standard_form"] is expected


def test_prominence_notice_must_point_to_marked_terms():
    assert summary(["特别提示：请仔细阅读以加粗字体标示的条款。", *COMPANY])["has_prominence_notice"] is True
    assert summary(["请仔细阅读本合同。", *COMPANY])["has_prominence_notice"] is False


def test_key_terms_emphasized_needs_emphasis_in_the_body():
    bold = summary(COMPANY, ("逾期罚息", "逾期罚息按日万分之五计收。", 1.0))
    plain = summary(COMPANY, ("逾期罚息", "逾期罚息按日万分之五计收。", 0.0))
    assert bold["key_terms_emphasized"] is True and plain["key_terms_emphasized"] is False


def test_emphasis_not_assessable_on_ocr_pages():
    s = summary(COMPANY, ("逾期罚息", "逾期罚息按日万分之五计收。"), ocr=True)
    assert s["emphasis_assessable"] is False


def test_facts_carry_clause_and_evidence():
    fs = extract_facts(contract(COMPANY, ("催收", "甲方有权将借款人的欠款情况告知其亲友。")))
    [ob] = [f for f in fs.of_kind("obligation") if f.name == "disclose_debt_to_third_party"]
    assert ob.value == "permitted" and ob.clause == "1" and "亲友" in ob.evidence
    assert any(f.kind == "topic" and f.name == "third_party_contact" for f in fs.items)
