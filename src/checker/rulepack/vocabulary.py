"""The names a rule may use: summary facts, clause topics, obligation actions, parameters.

The facts package owns the vocabularies; this module only asks it, so that a rule naming a
fact the extractor does not produce is rejected when the rule is loaded, not silently never true.
"""
from __future__ import annotations

from functools import lru_cache

ACTORS = ("lender", "borrower", "third_party")
# parameters that are computed per document (by the profile), not set in pack.yaml
RUNTIME_PARAMS = ("rate_cap", "lpr_pct", "lpr_from", "line_desc")
# names a message template may quote besides facts and params
MESSAGE_EXTRAS = ("profile", "profile_reason", "clause", "evidence", "missing_topics", "regime",
                  "lender_class_label", "interest_day_count_note", "overdue_day_count_note",
                  "overdue_total_day_count_note")


@lru_cache(maxsize=1)
def fact_keys() -> frozenset[str]:
    from ..facts import FACT_KEYS

    return frozenset(FACT_KEYS) | {"rate_cap_annual_pct"}  # the cap is added per document by the profile


@lru_cache(maxsize=1)
def topics() -> frozenset[str]:
    from ..facts import TOPICS

    return frozenset(TOPICS)


@lru_cache(maxsize=1)
def actions() -> frozenset[str]:
    from ..facts import ACTIONS

    return frozenset(ACTIONS)


TOPIC_LABELS = {
    "loan_amount": "借款金额", "loan_term": "借款期限", "repayment_method": "还款方式",
    "interest_rate": "借款利率", "interest_free": "无息约定", "apr_disclosure": "年化利率明示",
    "fees": "费用", "upfront_deduction": "预扣费用", "overdue_interest": "逾期利息",
    "liquidated_damages": "违约金", "breach_liability": "违约责任", "acceleration": "提前到期",
    "collection_conduct": "催收方式", "third_party_contact": "联系第三人", "collection_means": "催收手段",
    "credit_reporting": "征信报送", "credit_query": "征信查询", "amendment": "合同变更",
    "standard_terms_notice": "格式条款提示", "liability_limitation": "免责条款",
    "dispute_resolution": "争议解决", "parties": "当事人",
    "collection_fee_charged": "催收费用", "phone_data_access": "读取手机信息",
    "data_authorisation_perpetual": "不可撤销的信息授权", "data_shared_beyond_loan": "超范围提供个人信息",
    "prepayment_restricted": "限制提前还款", "prepayment_charged": "提前还款收费", "lender_forum": "出借方选定的管辖地",
}


def topic_label(name: str) -> str:
    return TOPIC_LABELS.get(name, name)
