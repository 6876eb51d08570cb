"""Structure and format found by the second red-team round (tests/generalisation h*): tables,
several parties on one line, all-in vs nominal rates, statements that nothing is reported."""
from __future__ import annotations

from checker.facts import extract_facts
from checker.facts.tables import unfold_tables
from checker.facts.topics import clause_topics
from checker.model import Clause, Contract, Document, Line, Page

COMPANY = ["贷款人：某某网络小额贷款有限公司", "借款人：刘洋"]
PRIVATE = ["出借人：张伟", "借款人：刘洋"]


def summary(head: list[str], *texts: str) -> dict:
    lines = [Line(t, 1, top=i) for i, t in enumerate([*head, *texts])]
    clauses = [Clause("0", "", "", "\n".join(head), 0, "preamble", 1, 1, 0, len(head) - 1)]
    clauses += [Clause(str(n), f"第{n}条", "", t, 1, "article", 1, 1, n, n) for n, t in enumerate(texts, 1)]
    return extract_facts(Contract(Document("x.txt", "txt", (Page(1, tuple(lines)),)), tuple(clauses))).summary


def topics_of(text: str, title: str = "") -> set[str]:
    return {name for name, _ in clause_topics(Clause("3", "", title, text, 1, "article", 1, 1, 0, 0))}


def test_a_header_row_over_a_value_row_is_read_as_labelled_values():
    s = summary(COMPANY, "借款金额 | 借款期限 | 日利率\n人民币3万元 | 6个月 | 0.045%")
    assert (s["loan_amount"], s["interest_rate_annual_pct"]) == (30000, 16.2)


def test_a_two_column_label_value_table_is_left_as_it_is():
    clause = Clause("1", "", "", "出借人 | 张伟\n借款金额 | 人民币5万元", 1, "article", 1, 1, 0, 1)
    assert unfold_tables((clause,)) == (clause,)


def test_two_parties_on_one_line_are_two_parties():
    s = summary(["出借人：张伟　借款人：刘洋"], "借款金额为人民币1万元，年利率6%。")
    assert (s["lender_name"], s["natural_persons_only"]) == ("张伟", True)


def test_what_an_all_in_figure_includes_does_not_make_it_a_fee():
    s = summary(COMPANY, "借款年利率为9.8%。", "综合年化成本为11.5%（含担保费）。")
    assert s["interest_rate_annual_pct"] == 11.5


def test_a_markup_on_the_loan_rate_builds_on_the_nominal_rate_not_the_all_in_cost():
    s = summary(COMPANY, "借款年利率为10%。", "综合年化成本为12%。", "逾期的，按借款年利率上浮20%计收罚息。")
    assert s["overdue_rate_annual_pct"] == 12.0


def test_a_markup_on_the_rate_level_is_an_overdue_rate():
    s = summary(COMPANY, "借款利率：年利率8%。", "罚息利率为本合同利率水平上加收百分之五十。")
    assert s["overdue_rate_annual_pct"] == 12.0


def test_interest_computed_on_the_overdue_part_is_overdue_interest():
    s = summary(PRIVATE, "借款人民币4万元，月息1分5厘，逾期部分按月息3分计算利息。")
    assert (s["interest_rate_annual_pct"], s["overdue_rate_annual_pct"]) == (18.0, 36.0)


def test_money_transferred_into_the_account_is_the_disbursement():
    s = summary(PRIVATE, "借款金额为人民币1万元。", "出借人于2023年3月6日将借款转入借款人账户。", "签订日期：2023年3月2日")
    assert s["contract_date"] == "2023-03-06"


def test_saying_nothing_is_reported_is_no_reporting_notice():
    assert "credit_reporting" not in topics_of("借款人知悉，本借款不报送征信系统。")
    assert "credit_reporting" not in topics_of("Credit reporting 征信: not applicable 不适用.")


def test_a_dated_installment_line_states_the_term():
    assert "loan_term" in topics_of("第3期 2025年1月15日 还本金12,000元及利息320元。")


def test_a_drawdown_amount_and_a_principal_row_state_the_amount():
    assert "loan_amount" in topics_of("提款金额 | 人民币伍万元整")
    assert "loan_amount" in topics_of("1. : RMB 250,000", title="Principal 本金")


def test_a_leasing_company_is_a_licensed_lender():
    s = summary(["贷款方：某某融资租赁有限公司", "借款方：刘洋"], "借款金额为人民币1万元。")
    assert s["lender_kind"] == "other_licensed"
