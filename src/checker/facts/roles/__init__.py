"""Roles: which rate is the in-term rate, the overdue interest, a 违约金, an overdue fee or a
cap; which amount is the loan; which date is the signing and which the disbursement.

The value readers (rates, money, dates, terms) find every value; this package decides what
each one is from the words nearest to it in its sentence (vocabulary in ``checker/vocab/roles.yaml``).

Modules: ``rate_roles``, ``loan_amount``, ``date_roles``, ``loan_term``; ``words`` compiles the
vocabulary's patterns.
"""
from __future__ import annotations

from .date_roles import DatedMention, date_summary, find_role_dates
from .loan_amount import find_loan_amount
from .loan_term import find_term_months
from .rate_roles import (RoledRate, as_written, assign_rates, capped_by_law, nominal_rate, overdue_fee_agreed,
                         pick_rate, rate_facts, rate_role, rate_summary, resolve_relative)

__all__ = ["DatedMention", "RoledRate", "as_written", "assign_rates", "capped_by_law", "date_summary",
           "find_loan_amount", "find_role_dates", "find_term_months", "nominal_rate", "overdue_fee_agreed",
           "pick_rate", "rate_facts", "rate_role", "rate_summary", "resolve_relative"]
