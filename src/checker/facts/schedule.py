"""The repayment schedule: the method (等额本息, 等额本金, 等本等息, 先息后本, 到期一次性还本付息),
the number and length of periods, and the cash flows of a loan under it with its charges.

Periods are months, except a loan repaid at once (到期一次性还本付息 or a term of a month or
less with no instalments), whose single period is the whole term (catalog: "All-in cost of a
single repayment"). Interest per period is the nominal annual rate / 12 for a month and
annual x days / ``day_count`` for a term in days; 等本等息 charges the period rate on the full
principal every period.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..model import Clause
from .charges import Charge, _rx
from .terms import find_terms
from .topics import split_sentences

METHOD_LABELS = {"equal_instalment": "等额本息", "equal_principal": "等额本金", "flat": "等本等息",
                 "interest_first": "先息后本", "bullet": "到期一次性还本付息"}
_METHOD_ORDER = ("bullet", "equal_principal", "flat", "equal_instalment", "interest_first")


@dataclass(frozen=True)
class LoanTerms:
    method: str | None
    periods: int | None  # number of periods (1 for a single repayment)
    period_days: float | None  # length of one period in days (30 for a month at day_count 360)
    periods_per_year: float | None
    in_advance: bool  # interest paid a period ahead (「预先支付下一个月的利息」)
    method_clause: str | None = None


@dataclass(frozen=True)
class Row:
    """One date of the schedule: money paid out to the borrower and money the borrower repays."""

    period: int
    paid_out: float
    principal: float
    interest: float
    fees: float
    deducted: float = 0.0  # kept back out of the payout (shown; already net in ``paid_out``)

    @property
    def repaid(self) -> float:
        return self.principal + self.interest

    @property
    def net(self) -> float:
        """From the borrower's side: + received, - paid."""
        return self.paid_out - self.principal - self.interest - self.fees


def find_method(clauses: Iterable[Clause]) -> tuple[str | None, str | None]:
    """(method, clause path) of the first sentence naming a repayment method."""
    for clause in clauses:
        text = clause.text
        for method in _METHOD_ORDER:
            if _rx(f"methods.{method}").search(text):
                return method, clause.path
    return None, None


def interest_in_advance(clauses: Iterable[Clause]) -> bool:
    return any(_rx("in_advance").search(c.text) for c in clauses)


def read_terms(clauses: tuple[Clause, ...], term_months: float | None, day_count: int) -> LoanTerms:
    """The method and the periods the contract fixes (None where it does not)."""
    method, where = find_method(clauses)
    days = _term_days(clauses)
    instalments = _instalments(clauses)
    advance = interest_in_advance(clauses)
    month_days = day_count / 12
    if method is None and (days is not None and days <= 31 or term_months is not None and term_months <= 1) \
            and not instalments:
        method = "bullet"
    if method == "bullet" or (method is None and instalments == 1):
        length = days if days is not None else (term_months * month_days if term_months else None)
        if not length:
            return LoanTerms("bullet", None, None, None, advance, where)
        return LoanTerms("bullet", 1, length, day_count / length, advance, where)
    n = instalments or (round(term_months) if term_months and abs(term_months - round(term_months)) < 0.1 else None)
    if method == "interest_first" and term_months and abs(term_months - round(term_months)) < 0.1:
        n = round(term_months)  # 「共11期」 may count the interest payments, not the months
    n = n if n and n > 0 else None
    return LoanTerms(method, n, month_days if n else None, 12.0 if n else None, advance, where)


def _term_days(clauses: Iterable[Clause]) -> float | None:
    for clause in clauses:
        for s in split_sentences(clause.text):
            if not re.search(r"期限|借期|到期日|\bterm\b", s.text, re.IGNORECASE):
                continue
            for t in find_terms(s.text):
                if t.kind == "days" and t.days:
                    return float(t.days)
                if t.months:
                    return None
    return None


def _instalments(clauses: Iterable[Clause]) -> int | None:
    for clause in clauses:
        for s in split_sentences(clause.text):
            if re.search(r"利息", s.text) and not re.search(r"本金|本息|还款", s.text):
                continue  # 「预先支付下一个月的利息……共11期」 counts interest payments
            for t in find_terms(s.text):
                if t.kind == "installments" and t.installments and t.installments > 0:
                    return int(t.installments)
    return None


def build_rows(terms: LoanTerms, principal: float, annual_pct: float, charges: list[Charge],
               deducted_interest: float = 0.0) -> list[Row]:
    """The schedule: row 0 is payout, rows 1..n the repayments. Charges that are not a cost of
    credit are left out; ``deducted_interest`` prepays the earliest interest out of the payout."""
    n = terms.periods or 0
    rate = annual_pct / 100 / (terms.periods_per_year or 1)
    principal_parts, interest_parts = _principal_and_interest(terms.method or "", n, principal, rate)
    rows = [Row(0, principal, 0.0, 0.0, 0.0)] + [Row(k, 0.0, principal_parts[k - 1], interest_parts[k - 1], 0.0)
                                                 for k in range(1, n + 1)]
    if terms.in_advance and n > 1:
        rows = _shift_interest(rows)
    if deducted_interest:
        rows = _prepay_interest(rows, deducted_interest)
    for charge in charges:
        if charge.is_cost and charge.value is not None:
            rows = _add_charge(rows, charge, principal, terms)
    return rows


def _year_days(terms: LoanTerms) -> float:
    return (terms.period_days or 1) * (terms.periods_per_year or 1)


def _principal_and_interest(method: str, n: int, p: float, r: float) -> tuple[list[float], list[float]]:
    if n <= 0:
        return [], []
    if method == "equal_instalment" and r > 0:
        payment = p * r / (1 - (1 + r) ** -n)
        owed, prin, inter = p, [], []
        for _ in range(n):
            i = owed * r
            prin.append(payment - i)
            inter.append(i)
            owed -= payment - i
        return prin, inter
    if method == "equal_principal":
        part = p / n
        return [part] * n, [(p - part * k) * r for k in range(n)]
    if method in ("flat", "equal_instalment"):
        return [p / n] * n, [p * r] * n
    # 先息后本 and a single repayment: interest on the full principal, principal at the end
    return [0.0] * (n - 1) + [p], [p * r] * n


def _shift_interest(rows: list[Row]) -> list[Row]:
    """Interest paid a period ahead: period k's interest falls due at k-1 (taken from the payout at 0)."""
    interest = [r.interest for r in rows[1:]] + [0.0]
    return [Row(r.period, r.paid_out, r.principal, interest[i], r.fees, r.deducted) for i, r in enumerate(rows)]


def _prepay_interest(rows: list[Row], amount: float) -> list[Row]:
    """Interest deducted at payout covers the earliest interest due; the payout is net of it."""
    out, left = [], amount
    for r in rows:
        if r.period == 0:
            taken = min(left, r.interest)
            left -= taken
            out.append(Row(0, r.paid_out - amount, r.principal, r.interest - taken, r.fees,
                           r.deducted + amount))
            continue
        taken = min(left, r.interest)
        left -= taken
        out.append(Row(r.period, r.paid_out, r.principal, r.interest - taken, r.fees, r.deducted))
    return out


def _add_charge(rows: list[Row], c: Charge, principal: float, terms: LoanTerms) -> list[Row]:
    n = len(rows) - 1
    per_period = _per_period(c, principal, terms)
    fees = [0.0] * (n + 1)
    if c.frequency == "once":
        amount = c.value if c.basis == "amount" else (c.value or 0) / 100 * _base(c, principal, rows)
        at = 0 if c.timing in ("deducted", "at_payout") else n if c.timing == "at_end" else 1
        fees[min(at, n)] += amount
    else:
        for k in range(1, n + 1):
            fee = per_period if c.basis != "instalment" and c.basis != "interest" else \
                (c.value or 0) / 100 * (rows[k].repaid if c.basis == "instalment" else rows[k].interest)
            if c.timing in ("deducted", "at_payout"):
                fees[0] += fee
            elif c.timing == "at_end":
                fees[n] += fee
            else:
                fees[k] += fee
    paid_out_cut = fees[0] if c.timing == "deducted" else 0.0
    out = []
    for r, fee in zip(rows, fees):
        if r.period == 0 and paid_out_cut:
            out.append(Row(0, r.paid_out - paid_out_cut, r.principal, r.interest, r.fees, r.deducted + paid_out_cut))
        else:
            out.append(Row(r.period, r.paid_out, r.principal, r.interest, r.fees + fee, r.deducted))
    return out


def _base(c: Charge, principal: float, rows: list[Row]) -> float:
    if c.basis == "instalment":
        return sum(r.repaid for r in rows)
    if c.basis == "interest":
        return sum(r.interest for r in rows)
    return principal


def _per_period(c: Charge, principal: float, terms: LoanTerms) -> float:
    """A recurring charge per schedule period (a daily fee times the days of a period)."""
    base = c.value if c.basis == "amount" else (c.value or 0) / 100 * principal
    days = terms.period_days or 0
    if c.frequency == "day":
        return base * days
    if c.frequency == "year":
        return base * days / _year_days(terms)
    if c.frequency == "period" and terms.method == "bullet":
        return base * days / (_year_days(terms) / 12)  # a monthly fee over a term in days
    return base
