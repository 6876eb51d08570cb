"""A lender whose name is a blank of the form is still known by the fields the form asks
for: an ID card number under it, a table of lenders with name and ID columns, or the text
calling the parties registered users of the platform."""
from __future__ import annotations

import pytest

from checker.api import parse


def facts_of(tmp_path, text: str) -> dict:
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    return parse(str(path))[1].summary


@pytest.mark.parametrize("head", [
    "甲方：（出借人）：________ ，身份证号码：________",
    "甲方（出借人）：________\n身份证号码：________\n联系地址：________",
], ids=["colon-before-the-bracket-and-id-on-the-line", "id-card-on-the-next-line"])
def test_a_blank_lender_with_an_id_card_field_is_a_natural_person(tmp_path, head):
    summary = facts_of(tmp_path, f"借款合同\n{head}\n乙方（借款人）：________\n第一条 乙方向甲方借款人民币____元。\n")
    assert summary["lender_class"] == "natural_person"


def test_a_blank_lender_with_a_credit_code_field_is_a_company(tmp_path):
    text = ("借款合同\n甲方（出借人）：________\n统一社会信用代码：________\n乙方（借款人）：________\n"
            "第一条 乙方向甲方借款人民币____元。\n")
    assert facts_of(tmp_path, text)["lender_class"] == "company"


def test_a_table_of_lenders_with_name_and_id_columns_lends_as_persons(tmp_path):
    text = ("借款协议\n甲方（出借人）：\n乙方（借款人）：________\n第一条 出借人信息如下：\n"
            "出借人姓名 | 证件号码 | 出借金额\n________ | ________ | ________\n第二条 乙方按月还款。\n")
    assert facts_of(tmp_path, text)["lender_class"] == "natural_person"


def test_registered_users_described_around_a_parenthetical(tmp_path):
    text = ("三方协议\n甲方：【出借人】\n乙方：【借款人】\n丙方：某某网络科技有限公司\n"
            "甲、乙双方均为丙方平台（丙方平台指丙方运营的网站及App）的注册用户。\n第一条 乙方向甲方借款。\n")
    assert facts_of(tmp_path, text)["lender_class"] == "natural_person"
