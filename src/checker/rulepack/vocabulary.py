"""The names a rule may use: summary facts, clause topics, obligation actions, parameters.

The facts package owns the vocabularies; this module only asks it, so that a rule naming a
fact the extractor does not produce is rejected when the rule is loaded, not silently never true.
"""
from __future__ import annotations

from functools import lru_cache

ACTORS = ("lender", "borrower", "third_party")
# parameters that are computed per document (by the profile), not set in pack.yaml
RUNTIME_PARAMS = ("rate_cap", "lpr_pct")
# names a message template may quote besides facts and params
MESSAGE_EXTRAS = ("profile", "profile_reason", "clause", "evidence", "cap_note", "missing_topics")

_TOPICS = (
    "loan_amount", "loan_term", "repayment_method", "interest_rate", "interest_free", "apr_disclosure",
    "fees", "upfront_deduction", "overdue_interest", "liquidated_damages", "breach_liability",
    "acceleration", "collection_conduct", "third_party_contact", "collection_means", "credit_reporting",
    "credit_query", "amendment", "standard_terms_notice", "liability_limitation", "dispute_resolution",
    "parties",
)
_FACT_KEYS = (
    "contract_date", "signing_date", "disbursement_date", "loan_amount", "interest_rate_annual_pct",
    "interest_rate_stated", "interest_free", "interest_charged", "apr_stated", "overdue_rate_annual_pct",
    "overdue_rate_stated", "overdue_penalty_annual_pct", "overdue_fee_annual_pct", "overdue_charge_kinds",
    "overdue_total_annual_pct", "overdue_total_cap_pct", "overdue_total_capped_by_law", "term_months",
    "is_standard_form", "has_prominence_notice", "key_terms_emphasized", "emphasis_assessable",
    "lender_name", "lender_kind", "natural_persons_only", "collection_hours_start", "collection_hours_end",
    "topics",
)
_ACTIONS = (
    "disclose_debt_to_third_party", "collect_from_third_party", "contact_third_party_for_whereabouts",
    "public_exposure", "abusive_means", "unlimited_contact", "night_collection", "deduct_upfront",
    "unilateral_amendment", "report_credit", "query_credit", "use_collection_agency",
)


@lru_cache(maxsize=1)
def _facts_module():
    try:
        from .. import facts
        return facts
    except ImportError:  # pragma: no cover - only while the facts package is incomplete
        return None


def fact_keys() -> frozenset[str]:
    mod = _facts_module()
    keys = set(getattr(mod, "FACT_KEYS", None) or _FACT_KEYS)
    keys.add("rate_cap_annual_pct")
    return frozenset(keys)


def topics() -> frozenset[str]:
    mod = _facts_module()
    return frozenset(getattr(mod, "TOPICS", None) or _TOPICS)


def actions() -> frozenset[str]:
    mod = _facts_module()
    return frozenset(getattr(mod, "ACTIONS", None) or _ACTIONS)


TOPIC_LABELS = {
    "loan_amount": "借款金额", "loan_term": "借款期限", "repayment_method": "还款方式",
    "interest_rate": "借款利率", "interest_free": "无息约定", "apr_disclosure": "年化利率明示",
    "fees": "费用", "upfront_deduction": "预扣费用", "overdue_interest": "逾期利息",
    "liquidated_damages": "违约金", "breach_liability": "违约责任", "acceleration": "提前到期",
    "collection_conduct": "催收方式", "third_party_contact": "联系第三人", "collection_means": "催收手段",
    "credit_reporting": "征信报送", "credit_query": "征信查询", "amendment": "合同变更",
    "standard_terms_notice": "格式条款提示", "liability_limitation": "免责条款",
    "dispute_resolution": "争议解决", "parties": "当事人",
}


def topic_label(name: str) -> str:
    mod = _facts_module()
    labels = getattr(mod, "TOPIC_LABELS", None) or {}
    return labels.get(name) or TOPIC_LABELS.get(name, name)
