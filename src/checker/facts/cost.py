"""The all-in cost of credit (综合年化成本), computed from the contract's own terms the way
中国人民银行公告〔2021〕第3号 asks: the internal rate of return of the cash flows (money actually
paid out, net of anything deducted, against every scheduled payment of principal, interest and
fees), per period, times the periods in a year (simple, not compounded).

The IRR is numpy-financial's ``irr`` (the polynomial's real positive roots, the one nearest
zero): a maintained routine, exact for the short schedules of loan contracts. numpy is
imported here only, and only when a schedule is computable.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from .charges import KIND_LABELS, Charge
from .schedule import METHOD_LABELS, METHOD_LABELS_EN, LoanTerms, Row, build_rows

NOTIONAL_PRINCIPAL = 10_000.0  # fees stated as shares work without an amount (catalog)
MAX_PERIODS = 600  # 50 years of months: beyond it a figure is a misreading, and the roots would cost seconds


@dataclass(frozen=True)
class CostResult:
    all_in_pct: float | None  # null when the contract does not fix enough
    lower_bound_pct: float | None  # a blank interest rate counted as 0 (templates)
    rows: tuple[Row, ...] = ()
    irr_per_period: float | None = None
    periods_per_year: float | None = None
    principal: float | None = None
    notional: bool = False
    deducted: float = 0.0
    deduction_adds_pct: float | None = None
    reason: str = ""  # why the figure is null, or what it rests on


def irr(rows: list[Row] | tuple[Row, ...]) -> float | None:
    """The IRR per period of the borrower's net flows (None when there is none)."""
    import numpy as np  # heavy: imported only when a schedule exists
    import numpy_financial as npf

    flows = [r.net for r in rows]
    if len(flows) < 2 or not any(f > 0 for f in flows) or not any(f < 0 for f in flows):
        return None
    try:
        value = float(npf.irr(flows))
    except (ValueError, ArithmeticError, np.linalg.LinAlgError):
        return None
    return None if math.isnan(value) else value


def all_in_cost(terms: LoanTerms, charges: list[Charge], principal: float | None, nominal_pct: float | None,
                interest_free: bool, deducted_interest: float | None = None,
                net_payout: float | None = None) -> CostResult:
    """The all-in cost, or why it cannot be computed; a lower bound when only the rate is blank."""
    costs = [c for c in charges if c.is_cost]
    if terms.method is None or not terms.periods or not terms.periods_per_year:
        return CostResult(None, None, reason="还款方式或期限未能确定")
    if terms.periods > MAX_PERIODS:
        return CostResult(None, None, reason=f"期数{terms.periods}超过{MAX_PERIODS}期，不予计算")
    unknown = [c for c in costs if c.value is None]
    if unknown:
        return CostResult(None, None, reason=f"{KIND_LABELS[unknown[0].kind]}未载明金额")
    needs_amount = any(c.basis == "amount" for c in costs) or deducted_interest or net_payout
    if principal is None and needs_amount:
        return CostResult(None, None, reason="借款金额未载明，固定金额的费用无法折算")
    notional = principal is None
    p = NOTIONAL_PRINCIPAL if notional else float(principal)
    costs = _with_net_payout(costs, charges, p, deducted_interest, net_payout)
    rate = 0.0 if nominal_pct is None and interest_free else nominal_pct
    if rate is None:
        if not costs:
            return CostResult(None, None, reason="利率未载明")
        bound = _compute(terms, costs, p, 0.0, deducted_interest or 0.0, notional)
        return replace(bound, all_in_pct=None, lower_bound_pct=bound.all_in_pct, deduction_adds_pct=None,
                       reason="利率未载明：按利息为0计算的下限")
    return _compute(terms, costs, p, rate, deducted_interest or 0.0, notional)


def implied_annual_pct(principal: float, payment: float, periods: int, periods_per_year: float) -> float | None:
    """The nominal annual rate at which ``periods`` equal payments repay ``principal`` (None when
    they repay no more than it)."""
    if periods < 2 or payment * periods <= principal:
        return None
    rows = [Row(0, principal, 0.0, 0.0, 0.0)] + [Row(k, 0.0, payment, 0.0, 0.0) for k in range(1, periods + 1)]
    per_period = irr(rows)
    return None if per_period is None else round(per_period * periods_per_year * 100, 6)


def _with_net_payout(costs: list[Charge], charges: list[Charge], p: float, deducted_interest: float | None,
                     net: float | None) -> list[Charge]:
    """A stated net payout below the principal with no deduction read otherwise is a deduction
    (a deducted fee priced in a stated all-in figure, or waived, explains it already). Fees said
    to be paid at payout whose amounts make up the gap are the deduction, not a second charge."""
    if net is None or net >= p or deducted_interest or any(c.timing == "deducted" for c in charges):
        return costs
    at_payout = [c for c in costs if c.timing == "at_payout" and c.basis == "amount" and c.frequency == "once"]
    if at_payout and abs(sum(c.value or 0.0 for c in at_payout) - (p - net)) < 0.5:
        return [replace(c, timing="deducted") if c in at_payout else c for c in costs]
    return costs + [Charge("other", "amount", round(p - net, 2), "once", "deducted", "cost", "", 0, "")]


def _compute(terms: LoanTerms, costs: list[Charge], p: float, rate: float, deducted_interest: float,
             notional: bool) -> CostResult:
    rows = tuple(build_rows(terms, p, rate, costs, deducted_interest))
    per_period = irr(rows)
    if per_period is None:
        return CostResult(None, None, rows, reason="现金流无内部收益率")
    annual = per_period * terms.periods_per_year * 100
    adds = None
    if rows[0].deducted > 0:
        plain = replace(terms, in_advance=False)
        base = irr(build_rows(plain, p, rate, [c for c in costs if c.timing != "deducted"]))
        adds = None if base is None else round(annual - base * terms.periods_per_year * 100, 2)
    return CostResult(round(annual, 2), None, rows, per_period, terms.periods_per_year, p, notional,
                      round(rows[0].deducted, 2), adds)


def compact_schedule(rows: tuple[Row, ...]) -> list[dict[str, Any]]:
    """The schedule with runs of equal rows folded (「1-11」), amounts to the fen."""
    out: list[dict[str, Any]] = []
    last: tuple[float, ...] | None = None
    for r in rows:
        values = (_money(r.paid_out), _money(r.repaid), _money(r.fees), _money(r.deducted))
        if r.period > 1 and values == last:
            out[-1]["period"] = f"{out[-1]['period'].split('-')[0]}-{r.period}"
            continue
        row = {"period": str(r.period), "paid_out": values[0], "repaid": values[1], "fees": values[2]}
        if values[3]:
            row["deducted"] = values[3]
        out.append(row)
        last = values
    return out


def _money(x: float) -> float:
    return round(x + 0.0, 2) or 0.0


def working(result: CostResult, method: str | None, english: bool = False) -> str | None:
    """One line a reader can check by hand: the method, the principal and the IRR (in Chinese,
    or in English for reports with --lang en)."""
    if result.irr_per_period is None or result.periods_per_year is None:
        return None
    figure = result.all_in_pct if result.all_in_pct is not None else result.lower_bound_pct
    principal = f"名义本金{result.principal:,.0f}元" if result.notional else f"本金{result.principal:,.2f}元"
    per_year = f"{result.periods_per_year:g}" if result.periods_per_year == int(result.periods_per_year) \
        else f"{result.periods_per_year:.4f}"
    if english:
        principal = (f"notional principal {result.principal:,.0f} yuan" if result.notional
                     else f"principal {result.principal:,.2f} yuan")
        bound = " (blank rate taken as 0: a lower bound)" if result.all_in_pct is None else ""
        return (f"{METHOD_LABELS_EN.get(method or '', method or '')}, {principal}, {len(result.rows) - 1} periods: "
                f"IRR {result.irr_per_period * 100:.4f}% a period x {per_year} periods a year = {figure:.2f}%{bound}")
    label = METHOD_LABELS.get(method or "", method or "")
    bound = "（利率空白按0计，下限）" if result.all_in_pct is None else ""
    return (f"{label}，{principal}，{len(result.rows) - 1}期：IRR每期{result.irr_per_period * 100:.4f}% × "
            f"每年{per_year}期 = {figure:.2f}%{bound}")
