"""Wording of template families the hand-labelled contracts of round 3 met (tests/generalisation,
p01-p14): an IOU that says when the money moved, an agreement dated only by when it takes
effect or was confirmed, an amount under its heading, a P2P total over its lenders' shares, an English lender
name, and the figure an LPR formula gives today."""
from __future__ import annotations

import pytest

from checker.facts.rates import find_rates
from contract_builder import COMPANY, summary


def test_an_iou_that_says_when_the_money_was_transferred_dates_the_loan_by_it():
    head = ["借条", "本人周平向吴敏借款人民币壹万元整，月息一分，一年后还清。",
            "吴敏已于2023年6月2日通过银行转账将该款付给本人。", "借款人：周平", "2023年5月30日"]
    s = summary(head)
    assert (s["disbursement_date"], s["contract_date"]) == ("2023-06-02", "2023-06-02")


def test_an_iou_with_only_its_date_line_is_dated_by_it():
    s = summary(["借条", "今借到吴敏人民币壹万元整，月息一分，一年后还清。", "借款人：周平", "2023年5月30日"])
    assert s["contract_date"] == "2023-05-30"


def test_an_agreement_dated_only_by_when_it_takes_effect_is_formed_that_day():
    s = summary(COMPANY, ("借款", "借款金额为人民币3,000元，借款期限3个月，到期一次性还本付息。"),
                ("其他", "协议生效日期：2025年9月20日"))
    assert s["contract_date"] == "2025-09-20"


def test_a_signing_date_wins_over_the_effective_date():
    s = summary(COMPANY, ("其他", "本合同生效日为2025年10月1日。"), ("签署", "签订日期：2025年9月28日"))
    assert s["contract_date"] == "2025-09-28"


def test_the_amount_under_a_loan_amount_heading_is_the_loan():
    assert summary(COMPANY, ("借款金额", "人民币陆万元整，用于个人消费。"))["loan_amount"] == 60000


def test_the_amount_under_a_bilingual_heading_is_the_loan():
    s = summary(COMPANY, ("Loan Amount and Purpose 借款金额与用途", "RMB 45,000 人民币肆万伍仟元整, for home repairs."))
    assert s["loan_amount"] == 45000


def test_only_the_first_amount_under_the_heading_is_the_loan():
    s = summary(COMPANY, ("借款金额", "人民币捌万元整。\n每期还款额以还款计划表为准，首期约7,100元。"))
    assert s["loan_amount"] == 80000


def test_the_total_of_a_p2p_loan_wins_over_each_lenders_share():
    head = ["甲方（借款人）：马骏", "乙方（出借人）：平台投资用户，明细如下：", "用户名 abc01，出借金额 8,000元",
            "用户名 xyz77，出借金额 12,000元"]
    s = summary(head, ("借款信息", "借款总额：人民币贰万元整，借款期限12个月，按月等额本息还款。"))
    assert s["loan_amount"] == 20000


def test_a_lender_named_in_english_first_keeps_its_licensed_class():
    head = ["Lender 贷款人: Hengtai Consumer Finance Co., Ltd. 恒泰消费金融有限公司", "Borrower 借款人: 林静"]
    assert summary(head)["lender_class"] == "consumer_finance"


@pytest.mark.parametrize("text, figure", [
    ("贷款年利率按一年期贷款市场报价利率加60个基点确定，签约时为3.6%。", 3.6),
    ("执行年利率为LPR+1.2%，即4.2%。", 4.2),
    ("年利率按LPR上浮20%确定，目前为3.6%。", 3.6),
])
def test_the_figure_an_lpr_formula_gives_today_is_a_stated_annual_rate(text, figure):
    bare = [r for r in find_rates(text) if r.relative is None]
    assert [(r.annual_pct, r.stated_annual) for r in bare] == [(figure, True)]


def test_a_share_after_a_formula_in_another_phrase_is_not_its_figure():
    bare = [r for r in find_rates("逾期利率为LPR的4倍，违约金为借款本金的20%。") if r.relative is None]
    assert [(r.period, r.annual_pct) for r in bare] == [(None, None)]


def test_a_bank_rate_stated_by_its_lpr_formula_and_todays_figure_is_disclosed():
    head = ["贷款人：某某农村商业银行股份有限公司", "借款人：刘洋"]
    s = summary(head, ("利率", "贷款年利率按一年期LPR加60个基点确定，签约时为3.6%。"))
    assert s["apr_stated"] is True


def test_an_app_agreements_confirmation_time_is_its_signing_date():
    s = summary(COMPANY, ("还款", "首期还款日为2025年4月15日。"), ("确认", "确认时间：2025年3月15日"))
    assert s["contract_date"] == "2025-03-15"


def test_a_loan_priced_only_by_its_fixed_monthly_repayment_costs_the_rate_those_sums_imply():
    head = ["借条", "今借到何丽人民币贰万元整。", "自次月起每月10日前还款2,000元，共还12个月。", "借款人：蔡军",
            "2025年2月3日"]
    s = summary(head)
    assert s["interest_rate_annual_pct"] is None
    assert s["all_in_cost_annual_pct"] == pytest.approx(35.07, abs=0.01)


def test_fixed_repayments_that_only_return_the_principal_cost_nothing():
    s = summary(["借条", "今借到何丽人民币壹万元整。", "自次月起每月10日前还款1,000元，共还10个月。", "借款人：蔡军",
                 "2025年2月3日"])
    assert s["all_in_cost_annual_pct"] is None


def test_a_contract_with_a_platform_as_party_is_the_platforms_standard_form():
    head = ["出借人：唐欣", "借款人：范志刚", "居间服务方：某某信息科技有限公司"]
    s = summary(head, ("借款", "出借人向借款人出借人民币伍万元，期限一年。"))
    assert (s["via_platform"], s["is_standard_form"]) == (True, True)


def test_a_ceiling_on_the_total_is_not_the_loan():
    s = summary(COMPANY, ("借款", "借款总额不超过人民币10万元，本次借款金额为人民币3万元。"))
    assert s["loan_amount"] == 30000


def test_money_sent_through_a_payment_app_is_no_platform():
    head = ["借条", "今借到王芳人民币贰万元整，一年后归还。", "王芳已通过支付宝App转账将上述款项付给本人。",
            "借款人：李强", "2025年6月1日"]
    s = summary(head)
    assert (s["via_platform"], s["is_standard_form"]) == (False, False)


def test_a_loan_signed_on_a_lending_app_is_via_that_platform():
    s = summary(["出借人：王芳", "借款人：李强", "双方通过\"信e借\"App签订本协议，借款通过该App转账支付。"])
    assert s["via_platform"] is True


@pytest.mark.parametrize("head, name, kind", [
    (["出借方：星桥（杭州）网络科技有限公司", "借款方：王五"], "星桥（杭州）网络科技有限公司", "company"),
    (["甲方：恒通商业保理有限公司（出借人）", "乙方：王五（借款人）"], "恒通商业保理有限公司", "other_licensed"),
    (["Lender 贷款人: Dawn Microfinance Co., Ltd. 晨曦小额贷款有限公司", "Borrower 借款人: 王五"],
     "Dawn Microfinance Co.", "small_loan"),
])
def test_lender_names_with_brackets_or_english_keep_their_class(head, name, kind):
    s = summary(head)
    assert (s["lender_name"], s["lender_class"]) == (name, kind)


def test_a_spread_on_the_lpr_named_as_its_pricing_base_is_read():
    rates = find_rates("贷款利率以一年期贷款市场报价利率（LPR）为定价基准加45个基点确定。")
    assert [(r.relative, r.spread_pct) for r in rates] == [(("lpr", 1.0), 0.45)]


def test_todays_figure_of_an_lpr_formula_not_called_annual_is_a_year_rate_not_stated_as_one():
    bare = [r for r in find_rates("贷款利率为浮动利率，以LPR为定价基准加45个基点确定，签约时为3.45%。") if r.relative is None]
    assert [(r.period, r.annual_pct, r.stated_annual) for r in bare] == [("year", 3.45, False)]


@pytest.mark.parametrize("text, spread", [
    ("贷款利率按照定价基准利率（一年期LPR）加0.6个百分点确定。", 0.6),
    ("执行年利率为一年期LPR减10个基点。", -0.1),
    ("借款年利率在一年期LPR基础上加点150个基点。", 1.5),
])
def test_bank_spreads_on_the_lpr_are_read(text, spread):
    rel = [r for r in find_rates(text) if r.relative]
    assert [(r.relative, r.spread_pct) for r in rel] == [(("lpr", 1.0), spread)]


def test_a_penalty_paid_each_day_is_a_day_rate():
    s = summary(COMPANY, ("利息", "年利率10%。"), ("逾期", "逾期后，借款人应每日支付逾期本金的千分之二作为违约金。"))
    assert s["overdue_penalty_annual_pct"] == pytest.approx(72.0)


def test_penalty_interest_for_misusing_the_loan_is_not_the_overdue_rate():
    s = summary(COMPANY, ("利息", "年利率4%。"), ("违约", "借款人逾期还款的，按合同利率加收50%计收罚息；"
                                                    "借款人挪用借款的，对挪用部分按合同利率加收100%计收罚息。"))
    assert s["overdue_rate_annual_pct"] == pytest.approx(6.0)


def test_a_signing_date_followed_by_the_place_of_signing():
    s = summary(COMPANY, ("签署", "本合同于二〇二五年三月十日在杭州市签订。"))
    assert s["contract_date"] == "2025-03-10"


@pytest.mark.parametrize("text, period, stated", [
    ("利率（年）：8%", "year", True), ("利率(月)：1.2%", "month", False), ("罚息利率（日）：0.05%", "day", False),
])
def test_a_rate_fields_period_in_brackets_is_its_period(text, period, stated):
    assert [(r.period, r.stated_annual) for r in find_rates(text)] == [(period, stated)]
