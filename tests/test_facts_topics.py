"""Clause topics: a title is a strong signal; text needs the substance, not a mention."""
from __future__ import annotations

import pytest

from checker.facts.topics import TOPICS, clause_topics, split_sentences
from checker.model import Clause


def clause(text: str, title: str = "", path: str = "3") -> Clause:
    return Clause(path=path, number="", title=title, text=text, level=1, kind="article",
                  page_start=1, page_end=1, line_start=0, line_end=0)


def topics_of(text: str, title: str = "") -> set[str]:
    return {name for name, _ in clause_topics(clause(text, title))}


@pytest.mark.parametrize("text, topic", [
    ("借款人逾期还款的，出借人按日万分之四向借款人收取罚息。", "overdue_interest"),
    ("逾期期间按照合同利率加收百分之四十计收逾期利息。", "overdue_interest"),
    ("未按时还款的，逾期部分按年利率12%计付利息。", "overdue_interest"),
    ("借款人应每日按未还金额的千分之二支付违约金。", "liquidated_damages"),
    ("任何一方违约，应向守约方支付违约金人民币五千元。", "liquidated_damages"),
    ("借款人同意出借人将其还款记录报送金融信用信息基础数据库。", "credit_reporting"),
    ("贷款人将向征信机构提供借款人的逾期信息。", "credit_reporting"),
    ("借款人授权贷款人查询其个人信用报告。", "credit_query"),
    ("逾期后，贷款人可通过短信、电话向借款人本人催收，每日不超过两次。", "collection_conduct"),
    ("双方就本合同发生争议的，提交深圳国际仲裁院仲裁。", "dispute_resolution"),
    ("本借款为无息借款。", "interest_free"),
    ("双方约定本借款不收取利息。", "interest_free"),
    ("借款年化利率为百分之八，按月付息。", "interest_rate"),
    ("借款年化利率为百分之八，按月付息。", "apr_disclosure"),
    ("因系统升级导致扣款延迟的，贷款人不承担任何责任。", "liability_limitation"),
    ("出借人有权宣布借款立即到期，要求借款人立即偿还全部借款。", "acceleration"),
    ("放款时由平台从借款本金中先行扣除服务费300元。", "upfront_deduction"),
    ("本借款采用等额本金方式，分6期偿还。", "repayment_method"),
    ("借款期限为六个月，自放款之日起计算。", "loan_term"),
    ("本次借款金额为人民币八万元整。", "loan_amount"),
    ("请您务必审慎阅读本协议，特别是加粗的条款。", "standard_terms_notice"),
])
def test_text_with_substance_gives_topic(text, topic):
    assert topic in topics_of(text)


@pytest.mark.parametrize("text, topic", [
    # a list of things to repay is not a clause setting overdue interest or 违约金
    ("借款人违约的，贷款人有权要求借款人立即偿还本金、利息、罚息及违约金。", "overdue_interest"),
    ("借款人违约的，贷款人有权要求借款人立即偿还本金、利息、罚息及违约金。", "liquidated_damages"),
    ("还款按下列顺序清偿：违约金、逾期利息、利息、本金。", "overdue_interest"),
    # a notice naming the key terms is not the terms themselves
    ("特别提示：请仔细阅读以粗体标示的逾期利息按日万分之五计收等条款。", "overdue_interest"),
    # querying the credit report is not reporting to it
    ("借款人授权贷款人查询其个人信用报告。", "credit_reporting"),
    # "除……外" sets a charge aside
    ("除逾期利息外，借款人还应按每日千分之一支付违约金。", "overdue_interest"),
    # a 免息期 is a grace period, not an interest-free loan
    ("本产品提供最长30天的免息期。", "interest_free"),
    ("罚息计收期间，逾期本金不再另计借款利息，对未付利息不计收复利。", "interest_free"),
    # a collection fee in a list of costs says nothing about how debts are collected
    ("借款人应承担催收费、律师费等实现债权的费用。", "collection_conduct"),
    ("借款人涉及重大诉讼的，应及时告知贷款人。", "dispute_resolution"),
    ("借款人的住址、工作单位变更的，应通知贷款人。", "third_party_contact"),
])
def test_mention_without_substance_gives_no_topic(text, topic):
    assert topic not in topics_of(text)


def test_title_alone_gives_topic():
    assert "overdue_interest" in topics_of("", title="逾期罚息")
    assert "liability_limitation" in topics_of("", title="贷款人免责")


def test_a_clause_can_have_several_topics():
    found = topics_of("逾期利率为日利率0.05%，另按每日万分之三收取违约金。", title="逾期利息与违约金")
    assert {"overdue_interest", "liquidated_damages"} <= found


def test_every_topic_found_is_in_the_vocabulary():
    found = topics_of("借款金额为人民币一万元，借款期限十二个月，年利率6%，因本合同发生争议向法院起诉。")
    assert found <= set(TOPICS)


def test_topics_vocabulary_matches_design():
    assert set(TOPICS) == {
        "loan_amount", "loan_term", "repayment_method", "interest_rate", "interest_free", "apr_disclosure",
        "fees", "upfront_deduction", "overdue_interest", "liquidated_damages", "breach_liability",
        "acceleration", "collection_conduct", "third_party_contact", "collection_means", "credit_reporting",
        "credit_query", "amendment", "standard_terms_notice", "liability_limitation", "dispute_resolution",
        "parties", "collection_fee_charged", "phone_data_access", "data_authorisation_perpetual",
        "data_shared_beyond_loan", "prepayment_restricted", "prepayment_charged"}


def test_sentences_split_on_full_stops_semicolons_and_newlines():
    parts = [s.text for s in split_sentences("甲方应还款。乙方可催收；丙方不得透露\n丁方知悉")]
    assert parts == ["甲方应还款", "乙方可催收", "丙方不得透露", "丁方知悉"]
