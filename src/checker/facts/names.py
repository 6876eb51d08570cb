"""The names the facts give: summary keys with their types, clause topics, obligation actions.

The rule loader validates every rule against these names, on every run, so this module reads
only the vocabularies' names and loads no fact reader.
"""
from __future__ import annotations

from ..vocab import load_vocab

# the clause topics of the vocabulary (facts/topics.py)
VOCAB_TOPICS: tuple[str, ...] = tuple(k for k in load_vocab("topics") if k != "ignore")
# ... and those read in Python: lender_forum (facts/forum.py)
TOPICS: tuple[str, ...] = (*VOCAB_TOPICS, "lender_forum")
# the obligation actions (facts/obligations.py)
ACTIONS: tuple[str, ...] = tuple(load_vocab("obligations")["actions"])

FACT_KEYS: dict[str, str] = {
    "contract_date": "date",
    "signing_date": "date",
    "disbursement_date": "date",
    "loan_amount": "number",
    "interest_rate_annual_pct": "number",
    "interest_rate_stated": "string",
    "interest_free": "bool",
    "interest_charged": "bool",
    "apr_stated": "bool",
    "overdue_rate_annual_pct": "number",
    "overdue_rate_stated": "string",
    "overdue_penalty_annual_pct": "number",
    "overdue_fee_annual_pct": "number",
    "overdue_charge_kinds": "number",
    "overdue_total_annual_pct": "number",
    "overdue_total_cap_pct": "number",
    "overdue_total_capped_by_law": "bool",
    "term_months": "number",
    "is_standard_form": "bool",
    "has_prominence_notice": "bool",
    "key_terms_emphasized": "bool",
    "emphasis_assessable": "bool",
    "lender_name": "string",
    "lender_kind": "string",
    "natural_persons_only": "bool",
    "lender_class": "string",
    "lender_class_reason": "string",
    "lender_identified": "bool",
    "lender_licensed": "bool",
    "institution_lender": "bool",
    "via_platform": "bool",
    "via_platform_reason": "string",
    "is_template": "bool",
    "template_reason": "string",
    "template_blanks": "list",
    "interest_rate_blank": "bool",
    "alt_day_count": "number",
    "interest_rate_alt_pct": "number",
    "overdue_rate_alt_pct": "number",
    "overdue_total_alt_pct": "number",
    "collection_hours_start": "number",
    "collection_hours_end": "number",
    "topics": "list",
    # all-in cost (facts/charges.py, facts/schedule.py, facts/cost.py)
    "repayment_method": "string",
    "instalments": "number",
    "fee_kinds": "list",
    "apr_stated_pct": "number",
    "all_in_cost_annual_pct": "number",
    "all_in_cost_lower_bound_pct": "number",
    "all_in_cost_working": "string",
    "all_in_cost_working_en": "string",
    "all_in_cost_schedule": "list",
    "all_in_cost_note": "string",
    "in_term_cost_annual_pct": "number",
    "in_term_cost_basis": "string",
    "apr_disclosure_problem": "string",
    "upfront_deduction_amount": "number",
    "upfront_deduction_adds_pct": "number",
    "upfront_deduction_note": "string",
    "document_kind": "string",
    "forum_favours_lender": "bool",
    "forum_highlighted": "bool",
    "consumer_borrower": "bool",
    # false when OCR could not read the figure reliably (see facts/legibility.py); true on typed text
    "interest_rate_readable": "bool",
    "overdue_rates_readable": "bool",
    "contract_date_readable": "bool",
    "loan_amount_readable": "bool",
}
