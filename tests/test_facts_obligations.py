"""Obligations: the same action words flip with their cue (有权 / 应 / 不得), and the actor."""
from __future__ import annotations

import pytest

from checker.facts.names import ACTIONS
from checker.facts.obligations import allowed_hours, collection_window, sentence_obligations

ROLES = {"甲方": "lender", "乙方": "borrower", "丙方": "platform"}


def modalities(sentence: str, roles=ROLES) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for ob in sentence_obligations(sentence, roles):
        out.setdefault(ob.action, set()).add(ob.modality)
    return out


@pytest.mark.parametrize("sentence, action, modality", [
    # disclosure to third parties: permitted vs forbidden
    ("乙方逾期的，甲方有权将乙方的欠款情况通报其工作单位及同事", "disclose_debt_to_third_party", "permitted"),
    ("甲方可以把乙方的逾期信息告诉乙方的家人", "disclose_debt_to_third_party", "permitted"),
    ("逾期后甲方可以向乙方通讯录联系人推送乙方的欠款信息", "disclose_debt_to_third_party", "permitted"),
    ("甲方不得向乙方的亲友、同事等第三人透露借款信息", "disclose_debt_to_third_party", "forbidden"),
    ("除法律规定外，甲方不会向任何第三人披露乙方的欠款情况", "disclose_debt_to_third_party", "forbidden"),
    ("未经乙方同意，甲方不得将乙方的债务情况告知其紧急联系人", "disclose_debt_to_third_party", "forbidden"),
    # collecting from third parties
    ("甲方有权要求乙方的紧急联系人代为偿还欠款", "collect_from_third_party", "permitted"),
    ("甲方可请乙方通讯录中的联系人督促乙方还款", "collect_from_third_party", "permitted"),
    ("催收人员不得向借款人的亲属催收，也不得对其施加压力", "collect_from_third_party", "forbidden"),
    # asking only for whereabouts
    ("联系不上乙方时，甲方可向乙方预留的紧急联系人询问乙方的下落", "contact_third_party_for_whereabouts", "permitted"),
    ("甲方可联系乙方的紧急联系人，但不透露欠款事宜", "contact_third_party_for_whereabouts", "permitted"),
    # public exposure and abusive means
    ("乙方逾期超过15日的，甲方有权在网站上曝光乙方的照片", "public_exposure", "permitted"),
    ("甲方有权将乙方列入黑名单并对外公布乙方的欠款信息", "public_exposure", "permitted"),
    ("甲方严禁催收人员以曝光隐私的方式催收", "public_exposure", "forbidden"),
    ("催收人员可以采取上门、威胁等手段催收", "abusive_means", "permitted"),
    ("甲方不采取辱骂、恐吓等方式催收", "abusive_means", "forbidden"),
    ("暴力、恐吓、辱骂等催收手段一律禁止", "abusive_means", "forbidden"),
    # contact frequency and hours
    ("甲方可不限次数地电话催收", "unlimited_contact", "permitted"),
    ("甲方有权随时上门催讨欠款", "night_collection", "permitted"),
    ("甲方可在任何时间致电乙方催收", "night_collection", "permitted"),
    ("催收人员可全天候联系乙方催收欠款", "night_collection", "permitted"),
    ("甲方不在夜间进行催收", "night_collection", "forbidden"),
    # deduction at disbursement
    ("放款时甲方从借款本金中预先扣除三个月利息", "deduct_upfront", "permitted"),
    ("平台服务费由丙方于放款时一次性扣除", "deduct_upfront", "permitted"),
    ("甲方应全额放款，不得从本金中先行扣除任何费用", "deduct_upfront", "forbidden"),
    ("甲方不在发放借款时扣减利息", "deduct_upfront", "forbidden"),
    # unilateral amendment
    ("甲方有权单方面调整借款利率及服务费标准", "unilateral_amendment", "permitted"),
    ("甲方可修改本协议条款，修改后无需另行通知乙方", "unilateral_amendment", "permitted"),
    ("乙方继续使用本服务的，视为同意修改后的条款", "unilateral_amendment", "permitted"),
    ("未经乙方书面同意，甲方不得单方变更借款利率", "unilateral_amendment", "forbidden"),
    # credit reporting and querying, collection agencies
    ("乙方同意甲方将其借款及还款信息报送征信中心", "report_credit", "permitted"),
    ("甲方将如实上报乙方的逾期记录至金融信用信息基础数据库", "report_credit", "permitted"),
    ("乙方授权甲方向征信机构查询其信用报告", "query_credit", "permitted"),
    ("甲方有权委托第三方催收公司催收欠款", "use_collection_agency", "permitted"),
    ("甲方不得委托催收机构催收", "use_collection_agency", "forbidden"),
])
def test_sentence_states_action_with_modality(sentence, action, modality):
    assert modality in modalities(sentence).get(action, set())


@pytest.mark.parametrize("sentence, action", [
    # asking for contact details while forbidding disclosure: not a disclosure permission
    ("甲方可向紧急联系人询问乙方联系方式，且不得透露任何欠款信息", "disclose_debt_to_third_party"),
    # repricing by an agreed formula is not unilateral amendment
    ("借款利率按每年1月1日的LPR加150个基点自动调整，无需另行通知", "unilateral_amendment"),
    # a list of means is forbidden as a whole
    ("甲方及受托机构不得采用暴力、威胁、辱骂、骚扰等方式催收", "abusive_means"),
    # the Chinese text governs: the English translation is not read for polarity
    ("Neither the Lender nor its agents may disclose the debt to relatives", "disclose_debt_to_third_party"),
])
def test_decoys_never_permit(sentence, action):
    assert "permitted" not in modalities(sentence).get(action, set())


@pytest.mark.parametrize("sentence, action", [
    ("甲方授权乙方委托第三方支付机构于还款日从乙方账户划扣应还款项", "deduct_upfront"),
    ("每月发放工资时从乙方当月工资中扣除2000元用于归还借款", "deduct_upfront"),
    ("乙方可随时提前归还全部借款", "unlimited_contact"),
    ("乙方的手机通讯录信息仅用于身份核验", "disclose_debt_to_third_party"),
    ("借款人应依法保护个人信息，不得向无关第三方提供", "report_credit"),
    ("本协议的任何变更须经双方协商一致并签订书面协议", "unilateral_amendment"),
])
def test_unrelated_sentence_states_no_action(sentence, action):
    assert action not in modalities(sentence)


def test_actor_is_the_party_opening_the_segment_even_when_the_subject_is_dropped():
    [ob] = [o for o in sentence_obligations("乙方逾期后，丙方可电话提醒乙方还款，并有权委托催收机构进行催收", ROLES)
            if o.action == "use_collection_agency"]
    assert ob.actor == "lender"


def test_actor_follows_the_alias_map_where_jia_is_the_borrower():
    roles = {"甲方": "borrower", "乙方": "lender"}
    [ob] = [o for o in sentence_obligations("甲方同意乙方将甲方的逾期信息报送征信系统", roles) if o.action == "report_credit"]
    assert ob.actor == "lender"


def test_a_list_number_before_the_subject_does_not_hide_it():
    [ob] = [o for o in sentence_obligations("3、乙方与丙方协商一致调整服务费的，无需再征得甲方同意", ROLES)
            if o.action == "unilateral_amendment"]
    assert ob.actor == "borrower"


def test_a_party_that_only_takes_note_is_not_the_actor_of_what_follows():
    [ob] = [o for o in sentence_obligations("二、借款人知悉并同意，本协议的收费标准调整无需另行通知", ROLES)
            if o.action == "unilateral_amendment"]
    assert ob.actor == "lender"


def test_consent_the_contract_deems_given_is_the_lenders_change_whoever_gives_it():
    [ob] = [o for o in sentence_obligations("借款人在调整生效后继续借款的，视为接受调整后的费率", ROLES)
            if o.action == "unilateral_amendment"]
    assert ob.actor == "lender"


def test_guarantor_is_not_a_third_party():
    assert "collect_from_third_party" not in modalities("保证人应代为偿还借款人逾期未还的借款")


@pytest.mark.parametrize("sentence, hours", [
    ("催收联络时间为每日8:00至21:00", (8, 21)),
    ("甲方仅在早8点至晚10点之间联系乙方催收", (8, 22)),
    ("催收时间为8时至22时", (8, 22)),
    ("甲方可在上午九点到晚上九点半致电催收", (9, 21.5)),
    ("催收人员不得在22:00至次日8:00之间催收", (8, 22)),
    ("贷款人可于每日七点至二十三点以短信提醒借款人还款", (7, 23)),
])
def test_collection_hours_window(sentence, hours):
    window = collection_window(sentence)
    assert window is not None and allowed_hours(window) == hours


def test_hours_outside_a_collection_sentence_are_not_a_window():
    assert collection_window("营业时间为9:00至17:00") is None


def test_actions_vocabulary_matches_design():
    assert set(ACTIONS) == {
        "disclose_debt_to_third_party", "collect_from_third_party", "contact_third_party_for_whereabouts",
        "public_exposure", "abusive_means", "unlimited_contact", "night_collection", "deduct_upfront",
        "unilateral_amendment", "report_credit", "query_credit", "use_collection_agency"}


def test_a_negation_directly_before_the_verb_forbids_it():
    # the cue 不 only counts when it is followed by the verb: the lookahead must see the verb
    from checker.facts.obligations import sentence_obligations
    found = {(o.action, o.modality) for o in sentence_obligations("费用在还款时收取，贷款人放款时不扣除任何费用")}
    assert ("deduct_upfront", "forbidden") in found and ("deduct_upfront", "permitted") not in found


def test_reporting_to_a_database_named_in_the_previous_sentence_is_a_reporting_notice():
    from checker.facts.obligations import sentence_obligations
    found = {(o.action, o.modality) for o in sentence_obligations("乙方同意，甲方将借款及还款信息如实报送该数据库")}
    assert ("report_credit", "permitted") in found


def test_a_clause_heading_alone_states_no_obligation():
    from checker.facts.obligations import obligation_facts
    from checker.model import Clause
    heading = Clause("5", "第5条", "催收与公示", "第5条 催收与公示", 1, "article", 1, 1, 0, 0)
    assert list(obligation_facts((heading,))) == []
