"""The all-in cost: the catalog's five reference values, each repayment method, each fee kind and
timing, templates and decoys, read from small contracts of our own wording."""
from __future__ import annotations

import pytest

from checker.facts import extract_facts
from checker.facts.cost import irr
from checker.facts.schedule import Row
from checker.clauses import parse_contract
from checker.ingest import read_document


def facts(tmp_path, text: str) -> dict:
    path = tmp_path / "c.md"
    path.write_text(text, encoding="utf-8")
    return extract_facts(parse_contract(read_document(str(path)))).summary


def loan(amount: str, term: str, rate: str, method: str, *extra: str) -> str:
    body = [f"# 借款合同", "贷款人：某某小额贷款有限公司", "借款人：王某",
            f"## 第一条 借款金额", f"借款金额为人民币{amount}。",
            f"## 第二条 借款期限", f"借款期限为{term}。",
            f"## 第三条 利率", rate,
            f"## 第四条 还款方式", method]
    for i, e in enumerate(extra, 5):
        body += [f"## 第{i}条 费用", e]
    return "\n".join(body) + "\n"


# --------------------------------------------------------------------------- catalog reference values


def test_reference_annuity_without_fees_is_its_rate(tmp_path):
    s = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", "按月等额本息还款，共12期。"))
    assert s["all_in_cost_annual_pct"] == pytest.approx(12.00, abs=0.1)


def test_reference_flat_monthly_one_percent_is_21_46(tmp_path):
    s = facts(tmp_path, loan("10,000元", "12个月", "月息1%。", "采用等本等息方式还款，每月还款933.33元。"))
    assert s["repayment_method"] == "flat"
    assert s["all_in_cost_annual_pct"] == pytest.approx(21.46, abs=0.1)


def test_reference_service_fee_deducted_at_payout_is_21_86(tmp_path):
    s = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", "等额本息，分12期。",
                             "借款人应支付服务费500元，由贷款人在放款时从借款本金中直接扣除。"))
    assert s["all_in_cost_annual_pct"] == pytest.approx(21.86, abs=0.1)
    assert s["upfront_deduction_amount"] == 500


def test_reference_monthly_service_fee_and_membership_is_40_78(tmp_path):
    s = facts(tmp_path, loan("20,000元", "12个月", "年化利率10%。", "等额本息，分12期按月还款。",
                             "借款人每月按借款本金的1%支付服务费，随每期还款一并支付。",
                             "借款人每月另付会员费99元。"))
    assert s["fee_kinds"] == ["membership", "service"]
    assert s["all_in_cost_annual_pct"] == pytest.approx(40.78, abs=0.1)


def test_reference_thirty_day_loan_with_1500_deducted_is_232_94(tmp_path):
    s = facts(tmp_path, loan("10,000元", "30天", "日利率0.05%。", "到期一次性还本付息，共计10,150元。",
                             "放款时一次性扣除服务费1,500元。"))
    assert s["repayment_method"] == "bullet"
    assert s["all_in_cost_annual_pct"] == pytest.approx(232.94, abs=0.1)


# --------------------------------------------------------------------------- repayment methods


@pytest.mark.parametrize("method, expected", [
    ("等额本金，分12期。", "equal_principal"),
    ("先息后本：按月付息，到期一次性还本。", "interest_first"),
    ("按月等额本息还款。", "equal_instalment"),
    ("借款到期一次性还本付息。", "bullet"),
])
def test_without_fees_every_method_costs_its_nominal_rate(tmp_path, method, expected):
    s = facts(tmp_path, loan("12,000元", "12个月", "年利率为9%。", method))
    assert s["repayment_method"] == expected
    assert s["all_in_cost_annual_pct"] == pytest.approx(9.0, abs=0.05)


def test_interest_paid_a_month_ahead_with_the_first_deducted(tmp_path):
    s = facts(tmp_path, loan("100,000元", "12个月", "月利率0.5%。",
                             "按月付息、到期一次性还本。借款人应于每月5日预先支付下一个月的利息500元，共11期。",
                             "放款时贷款人从借款本金中扣除第一个月的利息500元。"))
    rows = s["all_in_cost_schedule"]
    assert rows[0]["paid_out"] == 99_500 and rows[0]["deducted"] == 500
    assert rows[1] == {"period": "1-11", "paid_out": 0.0, "repaid": 500.0, "fees": 0.0}
    assert s["all_in_cost_annual_pct"] == pytest.approx(6.03, abs=0.02)
    assert s["upfront_deduction_adds_pct"] == pytest.approx(0.03, abs=0.02)


# --------------------------------------------------------------------------- fee kinds and timing


@pytest.mark.parametrize("wording, kind", [
    ("借款人应一次性支付平台服务费300元，于放款当日支付。", "platform"),
    ("借款人应支付贷款管理费300元，放款时支付。", "management"),
    ("借款人应向担保公司支付担保费300元，于放款前支付。", "guarantee"),
    ("借款人应支付增信服务费300元，放款时支付。", "guarantee"),
    ("借款人应缴纳履约保证保险费300元，放款时缴纳。", "insurance"),
    ("借款人应支付账户管理费300元，放款时支付。", "account"),
    ("借款人应支付审核费300元，放款时支付。", "service"),
])
def test_each_fee_kind_counts_in_the_cost(tmp_path, wording, kind):
    s = facts(tmp_path, loan("12,000元", "12个月", "年利率为9%。", "等额本息，共12期。", wording))
    assert s["fee_kinds"] == [kind]
    assert s["all_in_cost_schedule"][0]["fees"] == 300
    assert s["all_in_cost_annual_pct"] == pytest.approx(13.9, abs=0.2)


def test_a_fee_paid_at_payout_costs_the_same_as_one_deducted(tmp_path):
    paid = facts(tmp_path, loan("12,000元", "12个月", "年利率为9%。", "等额本息，共12期。",
                                "借款人应于放款时支付服务费300元。"))
    cut = facts(tmp_path, loan("12,000元", "12个月", "年利率为9%。", "等额本息，共12期。",
                               "服务费300元在放款时从借款金额中扣除。"))
    assert paid["all_in_cost_annual_pct"] == cut["all_in_cost_annual_pct"]
    assert cut["upfront_deduction_amount"] == 300 and paid["upfront_deduction_amount"] is None


def test_a_fee_paid_at_the_end_costs_less_than_one_paid_at_payout(tmp_path):
    end = facts(tmp_path, loan("12,000元", "12个月", "年利率为9%。", "等额本息，共12期。",
                               "服务费300元于借款到期时一次性支付。"))
    assert end["all_in_cost_schedule"][-1]["fees"] == 300
    assert 9.0 < end["all_in_cost_annual_pct"] < 13.5


def test_a_daily_fee_on_the_principal_is_charged_every_period(tmp_path):
    s = facts(tmp_path, loan("12,000元", "12个月", "年利率为9%。", "等额本息，共12期。",
                             "借款人每日按借款本金的万分之三支付平台管理费，随每期还款支付。"))
    assert s["all_in_cost_schedule"][1]["fees"] == pytest.approx(108.0)  # 12,000 x 0.03% x 30
    assert s["all_in_cost_annual_pct"] > 9.0 + 10.0


def test_a_fee_as_a_share_of_each_instalment(tmp_path):
    s = facts(tmp_path, loan("12,000元", "12个月", "年利率为12%。", "等额本息，共12期。",
                             "担保费按每期应还金额的2%收取，随每期还款支付。"))
    assert s["all_in_cost_schedule"][1]["fees"] == pytest.approx(1066.19 * 0.02, abs=0.01)


# --------------------------------------------------------------------------- templates and unknowns


def test_template_with_blank_amount_and_fees_as_shares_is_computable(tmp_path):
    s = facts(tmp_path, loan("____元", "12个月", "年利率为10%。", "等额本息，分12期。",
                             "借款人每月按借款本金的0.5%支付服务费，随每期还款支付。"))
    assert s["loan_amount"] is None
    assert s["all_in_cost_annual_pct"] == pytest.approx(20.59, abs=0.05)  # annuity 879.16 + 50 fee a month
    assert "名义本金" in s["all_in_cost_working"]


def test_template_with_blank_rate_gives_a_lower_bound_from_the_fees(tmp_path):
    s = facts(tmp_path, loan("____元", "12个月", "年利率为【 】%。", "等额本息，分12期。",
                             "借款人每月按借款本金的2%支付服务费，随每期还款支付。"))
    assert s["all_in_cost_annual_pct"] is None
    assert s["all_in_cost_lower_bound_pct"] == pytest.approx(41.70, abs=0.05)  # 833.33 + 200 fee a month
    assert s["in_term_cost_annual_pct"] == s["all_in_cost_lower_bound_pct"]


def test_a_fixed_fee_with_no_amount_leaves_the_cost_null(tmp_path):
    s = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", "等额本息，分12期。",
                             "借款人应向平台支付服务费，具体金额以平台页面展示为准。"))
    assert s["all_in_cost_annual_pct"] is None
    assert "服务费" in s["all_in_cost_note"]


# --------------------------------------------------------------------------- decoys


def test_a_waived_fee_is_no_cost(tmp_path):
    s = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", "等额本息，分12期。",
                             "本次借款免收服务费。", "除利息外，贷款人不向借款人收取任何管理费、手续费。"))
    assert s["fee_kinds"] == []
    assert s["all_in_cost_annual_pct"] == pytest.approx(12.0, abs=0.05)


def test_a_fee_charged_only_on_late_payment_is_no_cost(tmp_path):
    s = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", "等额本息，分12期。",
                             "借款人未按期还款的，应每日按逾期金额的0.1%支付服务费。",
                             "借款人逾期的，另收取逾期管理费每日20元。"))
    assert s["fee_kinds"] == []
    assert s["all_in_cost_annual_pct"] == pytest.approx(12.0, abs=0.05)


def test_a_guarantee_fee_to_a_guarantor_the_borrower_chose_still_counts(tmp_path):
    # the 2025 small-loan guideline counts guarantee fees the borrower pays to get the loan,
    # whoever the guarantor is
    s = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", "等额本息，分12期。",
                             "借款人自行选择的担保公司（与贷款人无关联关系）按借款本金的0.5%每月收取担保费，随每期还款支付。"))
    assert s["fee_kinds"] == ["guarantee"]
    assert s["all_in_cost_annual_pct"] > 12.0 + 10


def test_irr_is_none_without_money_both_ways():
    assert irr([Row(0, 100.0, 0, 0, 0), Row(1, 100.0, 0, 0, 0)]) is None


def test_a_fee_a_stated_all_in_rate_says_it_includes_is_not_charged_again(tmp_path):
    s = facts(tmp_path, loan("10,000元", "12个月", "年化综合费率18%，包括利息及平台服务费。", "等额本息，分12期。",
                             "平台服务费300元在放款时从放款额中扣减。"))
    assert s["fee_kinds"] == []
    assert s["all_in_cost_annual_pct"] == pytest.approx(18.0, abs=0.05)


def test_a_monthly_fee_rate_on_the_principal_costs_more_than_the_sum_of_the_rates(tmp_path):
    # 8% + 12 x 0.5% = 14% only if the fee fell with the balance; on the principal it is an IRR of about 18.8%
    s = facts(tmp_path, loan("60,000元", "12个月", "年利率8%，综合年化成本为14%。", "等额本金，分12期。",
                             "借款人另按月支付账户管理费，为借款本金的0.5%。"))
    assert s["apr_stated_pct"] == 14.0
    assert s["all_in_cost_annual_pct"] == pytest.approx(18.77, abs=0.05)
    assert "相差4.77个百分点" in s["apr_disclosure_problem"]


def test_a_deduction_without_a_schedule_still_says_what_was_kept_back(tmp_path):
    s = facts(tmp_path, "# 借款协议\n## 第二条 服务费\n平台服务费人民币600元在放款时直接从借款金额中扣除，"
                        "借款人实际到账人民币9,400元。\n")
    assert s["all_in_cost_annual_pct"] is None
    assert s["upfront_deduction_note"].startswith("放款时扣除600.00元（平台费），实际到账9,400.00元；")


def test_the_sum_paid_out_after_a_deduction_is_not_the_fee_deducted(tmp_path):
    s = facts(tmp_path, loan("20,000元", "12个月", "年利率10%。", "按月等额本息还款，共12期。",
                             "借款人须支付咨询服务费人民币捌佰元整（¥800.00）。该咨询服务费由贷款人于放款当日"
                             "从借款本金中一次性扣取，借款人实际收到的借款金额为人民币壹万玖仟贰佰元整（¥19,200.00）。"))
    assert s["upfront_deduction_amount"] == 800
    assert s["upfront_deduction_note"].startswith("放款时扣除800.00元")
    assert s["all_in_cost_annual_pct"] == pytest.approx(18.0, abs=1.5)


def test_a_fee_paid_at_payout_that_makes_up_the_net_payout_gap_is_counted_once(tmp_path):
    once = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", "等额本息，分12期。",
                                "借款人应于放款时支付服务费500元。借款人实际到账金额为9,500元。"))
    alone = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", "等额本息，分12期。",
                                 "借款人应于放款时支付服务费500元。"))
    assert once["all_in_cost_annual_pct"] == pytest.approx(alone["all_in_cost_annual_pct"], abs=0.01)


def test_a_later_sentence_naming_the_fee_by_reference_says_when_that_fee_is_paid(tmp_path):
    s = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", "等额本息，分12期。",
                             "借款人应支付平台服务费500元。上述费用由贷款人在放款时从借款本金中扣收。"))
    assert s["fee_kinds"] == ["platform"]
    assert s["upfront_deduction_amount"] == 500
    assert s["all_in_cost_annual_pct"] == pytest.approx(21.86, abs=0.1)


def test_a_reference_saying_the_fees_are_not_deducted_leaves_them_paid_with_the_instalments(tmp_path):
    s = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", "等额本息，分12期。",
                             "借款人每月按借款本金的0.5%支付账户管理费。以上费用随每期还款支付，放款时不扣除任何费用。"))
    assert s["upfront_deduction_amount"] is None
    assert s["all_in_cost_annual_pct"] > 12.0


def test_a_fee_table_unfolded_into_label_lines_gives_each_fee_its_figure(tmp_path):
    s = facts(tmp_path, loan("5,000元", "6个月", "年利率12%。", "按月付息、到期还本。",
                             "乙方还应按月支付下表所列费用，计入全部利息和费用后综合年化成本为33.6%。\n"
                             "费用项目：账户管理费\n收费标准：借款本金的0.8%/月\n"
                             "费用项目：风险评估费\n收费标准：借款本金的1.0%/月"))
    assert s["fee_kinds"] == ["account", "service"]
    assert s["all_in_cost_annual_pct"] == pytest.approx(33.6, abs=0.05)  # 1% + 0.8% + 1% a month, paid monthly


def test_a_fee_as_a_share_of_the_interest(tmp_path):
    s = facts(tmp_path, loan("12,000元", "12个月", "年利率为12%。", "按月付息，到期一次性还本。",
                             "担保费为每期利息的10%，随每期还款支付。"))
    assert s["all_in_cost_schedule"][1]["fees"] == pytest.approx(12.0)  # 10% of 120 interest
    assert s["all_in_cost_annual_pct"] == pytest.approx(13.2, abs=0.05)


@pytest.mark.parametrize("wording, expected", [
    ("还款方式：□等额本息 □先息后本 □到期一次性还本付息", None),
    ("还款方式：□等额本息 ☑先息后本 □到期一次性还本付息", "interest_first"),
    ("采用等额本金还款方式的，每期还款日为放款日的对应日。", None),
])
def test_an_option_list_or_a_condition_chooses_no_method_unless_one_is_ticked(tmp_path, wording, expected):
    s = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", wording))
    assert s["repayment_method"] == expected


def test_a_loan_priced_only_by_an_all_in_rate_has_its_fees_priced_in(tmp_path):
    s = facts(tmp_path, loan("10,000元", "12个月", "年化综合费率为20%。", "等额本息，分12期。",
                             "借款人每月支付平台服务费50元。"))
    assert s["fee_kinds"] == []
    assert s["all_in_cost_annual_pct"] == pytest.approx(20.0, abs=0.05)


def test_an_absurd_number_of_periods_is_not_computed(tmp_path):
    s = facts(tmp_path, loan("10,000元", "12个月", "年利率为12%。", "等额本息，分100000期。"))
    assert s["all_in_cost_annual_pct"] is None and "100000" in s["all_in_cost_note"]
