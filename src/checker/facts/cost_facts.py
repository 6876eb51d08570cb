"""The summary keys of the all-in cost: what the cap rules, apr-disclosure-missing and
interest-deducted-upfront read, and the working the reports show."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..model import Clause
from .charges import (KIND_LABELS, Charge, find_charges, fixed_instalment, included_in_all_in, interest_deducted,
                      net_payout)
from .cost import CostResult, all_in_cost, compact_schedule, implied_annual_pct, working
from .roles import RoledRate
from .schedule import METHOD_LABELS, LoanTerms, read_terms
from .terms import find_terms


def cost_summary(clauses: tuple[Clause, ...], roled: list[RoledRate], rates: dict[str, Any],
                 principal: float | None, nominal_pct: float | None, interest_free: bool,
                 term_months: float | None, day_count: int) -> tuple[dict[str, Any], list[Charge]]:
    """The all-in cost keys of the summary, and the charges read on the way."""
    charges = included_in_all_in(clauses, find_charges(clauses))
    if nominal_pct is None and _only_all_in_figures(roled):
        # a contract that prices the loan only by an all-in figure (综合费率) has priced every fee in it
        charges = [replace(c, status="included") if c.is_cost else c for c in charges]
    deducted_interest = interest_deducted(clauses)[0]
    terms = read_terms(clauses, term_months, day_count)
    stated_rate = rates.get("interest_rate_annual_pct")
    nominal = nominal_pct if nominal_pct is not None else stated_rate
    payout = net_payout(clauses)
    if nominal is None and not interest_free and principal:
        terms, nominal = _priced_by_instalment(clauses, terms, float(principal), day_count)
    result = all_in_cost(terms, charges, principal, nominal, interest_free, deducted_interest, payout)
    apr = apr_stated_pct(roled)
    in_term, basis = _in_term(stated_rate, rates.get("interest_rate_stated") if stated_rate != apr else None, result)
    return {
        "repayment_method": terms.method,
        "instalments": terms.periods,
        "fee_kinds": sorted({c.kind for c in charges if c.is_cost}),
        "apr_stated_pct": apr,
        "all_in_cost_annual_pct": result.all_in_pct,
        "all_in_cost_lower_bound_pct": result.lower_bound_pct,
        "all_in_cost_working": working(result, terms.method),
        "all_in_cost_working_en": working(result, terms.method, english=True),
        "all_in_cost_schedule": compact_schedule(result.rows) if result.irr_per_period is not None else [],
        "all_in_cost_note": result.reason or None,
        "in_term_cost_annual_pct": in_term,
        "in_term_cost_basis": basis,
        "apr_disclosure_problem": _apr_problem(apr, result.all_in_pct),
        "upfront_deduction_amount": result.deducted or None,
        "upfront_deduction_adds_pct": result.deduction_adds_pct,
        "upfront_deduction_note": _deduction_note(result, charges, principal, deducted_interest, payout),
    }, charges


def _priced_by_instalment(clauses: tuple[Clause, ...], terms: LoanTerms, principal: float,
                          day_count: int) -> tuple[LoanTerms, float | None]:
    """A loan that states no rate but a fixed sum repaid each month for a number of months is
    priced by those sums: the rate at which they repay the principal (equal instalments)."""
    fixed = fixed_instalment(clauses)
    if fixed is None or terms.method not in (None, "equal_instalment"):
        return terms, None
    payment, sentence = fixed
    periods = terms.periods or _count_in(sentence)  # 「每月还款1,000元，共还12个月」
    if not periods or periods < 2:
        return terms, None
    implied = implied_annual_pct(principal, payment, periods, 12.0)
    if implied is None:
        return terms, None
    return replace(terms, method="equal_instalment", periods=periods, period_days=day_count / 12,
                   periods_per_year=12.0), implied


def _count_in(sentence: str) -> int | None:
    for t in find_terms(sentence):
        count = t.installments or t.months
        if count and abs(count - round(count)) < 0.01:
            return int(round(count))
    return None


def _only_all_in_figures(roled: list[RoledRate]) -> bool:
    in_term = [rr for rr in roled if rr.role == "interest" and rr.annual_pct is not None]
    return bool(in_term) and all(_ALL_IN.search(rr.sentence.text[max(0, rr.rate.start - 12):rr.rate.start])
                                 for rr in in_term)


_ALL_IN = re.compile(r"综合")


def apr_stated_pct(roled: list[RoledRate]) -> float | None:
    """The highest annual figure the contract states for the in-term cost (年利率, 年化, 综合年化成本)."""
    stated = [rr.annual_pct for rr in roled
              if rr.role == "interest" and rr.annual_pct is not None and getattr(rr.rate, "stated_annual", False)]
    return round(max(stated), 4) if stated else None


def _in_term(stated: float | None, stated_text: str | None, r: CostResult) -> tuple[float | None, str | None]:
    """The higher of the stated rate and the all-in cost (or its lower bound), with what it is."""
    options = [(stated, f"约定利率{stated_text}" if stated_text else "合同载明的借期内年化利率或综合成本"),
               (r.all_in_pct, "综合年化成本：利息加各项费用按现金流IRR折算"),
               (r.lower_bound_pct, "综合年化成本下限：利率空白按0计，仅计费用")]
    known = [(v, label) for v, label in options if v is not None]
    if not known:
        return None, None
    value, label = max(known, key=lambda x: x[0])
    return value, label


def _apr_problem(apr: float | None, all_in: float | None) -> str:
    if apr is None:
        return "未载明年化利率"
    if all_in is not None and all_in > apr:
        return (f"载明的最高年化利率{apr:g}%低于按合同条款计算的综合年化成本{all_in:.2f}%"
                f"（相差{all_in - apr:.2f}个百分点）")
    return f"载明年化利率{apr:g}%"


def _deduction_note(r: CostResult, charges: list[Charge], principal: float | None,
                    deducted_interest: float | None, net: float | None) -> str:
    """What was kept back at payout and what it adds to the cost, as far as the contract fixes it."""
    deducted = [c for c in charges if c.timing == "deducted" and c.status in ("cost", "included")]
    kinds = "、".join(dict.fromkeys(KIND_LABELS[c.kind] for c in deducted)) or ("利息" if deducted_interest else "利息或费用")
    amount = r.deducted or _deducted_amount(deducted, principal, deducted_interest, net)
    if not amount:
        return f"预扣{kinds}的金额未载明，无法折算其增加的成本"
    paid = net or (r.rows[0].paid_out if r.deducted and r.rows else (principal - amount if principal else None))
    head = f"放款时扣除{amount:,.2f}元（{kinds}）" + (f"，实际到账{paid:,.2f}元" if paid else "")
    if any(c.status == "included" for c in deducted):
        return head + "，该费用已计入合同载明的综合费率"
    if r.all_in_pct is None:
        return head + f"；{r.reason or '综合年化成本无法计算'}，未能折算其增加的成本"
    adds = f"，其中预扣使成本增加{r.deduction_adds_pct:.2f}个百分点" if r.deduction_adds_pct is not None else ""
    return head + f"，综合年化成本{r.all_in_pct:.2f}%{adds}"


def _deducted_amount(deducted: list[Charge], principal: float | None, interest: float | None,
                     net: float | None) -> float:
    """The sum kept back, read without a schedule: fixed amounts, shares of a stated principal,
    deducted interest, else the gap between the principal and a stated net payout."""
    total = (interest or 0.0) + sum(
        c.value if c.basis == "amount" else (c.value / 100 * principal if principal and c.basis == "principal" else 0.0)
        for c in deducted if c.value is not None and c.frequency == "once")
    if not total and principal and net and net < principal:
        total = principal - net
    return round(total, 2)


__all__ = ["cost_summary", "apr_stated_pct", "METHOD_LABELS"]
