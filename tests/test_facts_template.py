"""Templates: placeholders are blanks, never values; a document with two blank principal
fields is a template, where a labelled blank field states its term (../shared/spec/rule-catalog.md,
Clarifications, "Templates")."""
from __future__ import annotations

import pytest

from checker.facts.template import mask
from contract_builder import summary

BLANK_HEAD = ["出借人：某某网络小额贷款有限公司", "借款人：________", "签订日期：    年  月  日"]


@pytest.mark.parametrize("text", [
    "借款金额：人民币____元", "年利率【 】%", "借款金额：${loan.amount}元", "借款金额：{{amount}}元",
    "借款金额：[金额]元", "借款人：（　　）", "借款金额：{data.amount}元", "借款本金：人民币： 本金元",
])
def test_placeholders_are_masked(text):
    assert "＿＿" in mask(text)


@pytest.mark.parametrize("text", ["借款金额：人民币：伍万元整", "借款金额：人民币：50,000元", "人民币：叁仟伍佰元"])
def test_an_amount_in_words_or_figures_after_the_currency_is_not_a_placeholder(text):
    assert mask(text) == text


def test_a_heading_in_square_brackets_is_not_a_placeholder():
    assert mask("【特别提示】请仔细阅读") == "【特别提示】请仔细阅读"


def test_two_blank_principal_fields_make_a_template():
    s = summary(BLANK_HEAD, ("借款金额", "借款金额：人民币____元（大写：__________）。"))
    assert s["is_template"] is True
    assert "借款人姓名" in s["template_reason"] and "借款金额" in s["template_reason"]


def test_a_filled_contract_with_one_blank_is_not_a_template():
    s = summary(["出借人：某某网络小额贷款有限公司", "借款人：刘洋", "签订日期：2024年3月15日"],
                ("借款金额", "借款金额：人民币____元。"))
    assert s["is_template"] is False and s["loan_amount"] is None
    assert "loan_amount" not in s["topics"]


def test_values_near_placeholders_are_null_not_made_of_the_surrounding_text():
    s = summary(BLANK_HEAD, ("借款金额", "借款金额：人民币${borrow.amount}元"),
                ("借款利率", "年利率【 】%，第3期起按月付息。"))
    assert s["loan_amount"] is None and s["interest_rate_annual_pct"] is None


def test_in_a_template_a_labelled_blank_field_states_its_term():
    s = summary(BLANK_HEAD, ("借款金额", "借款金额：人民币____元"), ("借款利率", "年利率【 】%"),
                ("借款期限", "借款期限：____个月"))
    assert {"loan_amount", "interest_rate", "loan_term"} <= set(s["topics"])
    assert s["apr_stated"] is True and s["interest_rate_blank"] is True


def test_a_printed_rate_in_a_template_is_still_read():
    s = summary(BLANK_HEAD, ("借款金额", "借款金额：人民币____元"), ("逾期", "逾期日利率0.1%。"))
    assert s["is_template"] is True and s["overdue_rate_annual_pct"] == pytest.approx(36.0)


def test_markdown_keeps_blanks_between_letters_as_text(tmp_path):
    from checker.ingest import read_document

    path = tmp_path / "form.md"
    path.write_text("借款金额：人民币____元，签订日期：____年__月__日，__重要条款__\n", encoding="utf-8")
    line = read_document(path).lines[0]
    assert "人民币____元" in line.text and "____年__月__日" in line.text
    assert "重要条款" in line.text and "__重要" not in line.text


def test_a_party_line_whose_value_is_the_next_field_label_is_blank():
    s = summary(["出借人：某某信息咨询有限公司", "借款人：账户名：", "签订日期：    年  月  日"],
                ("借款金额", "借款金额：人民币____元。"))
    assert s["is_template"] is True and "借款人姓名" in s["template_reason"]


def test_a_table_of_blank_cells_under_its_labels_is_a_set_of_labelled_blanks():
    s = summary(["出借人：某某网络小额贷款有限公司", "借款人：******公司 **"],
                ("借款明细", "出借人 | 出借金额 | 年利率 | 每期还款金额\n${u.name} | ${u.amount} | ${rate} | ${u.instalment}"))
    assert s["is_template"] is True and "loan_amount" in s["template_blanks"]
    assert {"loan_amount", "interest_rate"} <= set(s["topics"])


def test_a_party_name_shown_only_as_asterisks_is_a_blank():
    s = summary(["出借人：某某网络小额贷款有限公司", "借款人：********"], ("借款金额", "借款金额：人民币____元。"))
    assert s["is_template"] is True
