"""Who the law binds: lender_class and via_platform, each read from the document's own text
with the reason a report shows (../shared/spec/rule-catalog.md, "Who the law binds")."""
from __future__ import annotations

import pytest

from contract_builder import summary


@pytest.mark.parametrize("lender, expected", [
    ("贷款人：某某农村商业银行股份有限公司", "bank"),
    ("贷款人：某某村镇银行有限责任公司", "bank"),
    ("贷款人：某某消费金融股份有限公司", "consumer_finance"),
    ("贷款人：某某汽车金融有限公司", "consumer_finance"),
    ("出借人：某某网络小额贷款有限公司", "small_loan"),
    ("贷款人：某某典当有限责任公司", "other_licensed"),
    ("出借人：某某信息咨询有限公司", "company"),
    ("出借人：张伟", "natural_person"),
])
def test_the_lenders_name_gives_its_class(lender, expected):
    s = summary([lender, "借款人：刘洋"], ("借款金额", "借款金额为人民币1万元。"))
    assert s["lender_class"] == expected
    assert s["lender_identified"] is True
    assert lender.split("：")[1] in s["lender_class_reason"]


def test_an_unknown_lender_is_a_company_and_the_reason_says_so():
    s = summary(["借款人：刘洋"], ("借款金额", "借款金额为人民币1万元。"))
    assert s["lender_class"] == "company" and s["lender_identified"] is False
    assert "未能识别出借人" in s["lender_class_reason"]


def test_investors_of_a_platform_lend_as_natural_persons_when_no_lender_is_named():
    s = summary(["借款人：刘洋"], ("出借", "出借人均为丙方网站的注册用户，通过丙方网站向借款人出借资金。"))
    assert s["lender_class"] == "natural_person" and s["lender_identified"] is True


def test_a_blank_lender_name_takes_the_class_of_the_lenders_the_text_describes():
    s = summary(["甲方（出借人）：【出借人】", "乙方（借款人）：刘洋"],
                ("说明", "甲、乙双方均为丙方平台的注册用户。"))
    assert s["lender_class"] == "natural_person"


def test_a_platform_party_makes_via_platform_true():
    s = summary(["出借人：张伟", "借款人：刘洋", "丙方（居间服务方）：某某网络科技有限公司"],
                ("借款金额", "借款金额为人民币1万元。"))
    assert s["via_platform"] is True and "居间服务方" in s["via_platform_reason"]


def test_a_contract_concluded_through_the_lenders_own_app_is_via_platform():
    s = summary(["贷款人：某某消费金融股份有限公司", "借款人：刘洋"],
                ("订立", "借款人通过“某某借”App在线申请借款并点击“同意”签署本合同。"))
    assert s["via_platform"] is True


def test_a_paper_contract_is_not_via_platform():
    s = summary(["贷款人：某某银行股份有限公司", "借款人：刘洋"],
                ("签署", "本合同一式两份，双方签字盖章后生效。"))
    assert s["via_platform"] is False


def test_a_prohibition_naming_a_platform_does_not_make_it_via_platform():
    s = summary(["出借人：张伟", "借款人：刘洋"],
                ("催收", "出借人不得通过网络平台公开借款人的个人信息。"))
    assert s["via_platform"] is False


def test_an_intermediary_named_only_for_its_fee_does_not_make_it_via_platform():
    s = summary(["出借人：张伟", "借款人：刘洋"],
                ("费用", "借款人向某某投资咨询有限公司支付咨询服务费人民币200元。"))
    assert s["via_platform"] is False
