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
METHOD_LABELS_EN = {"equal_instalment": "equal instalments", "equal_principal": "equal principal",
                    "flat": "flat (equal principal and interest)", "interest_first": "interest first, principal last",
                    "bullet": "principal and interest at maturity"}
_PERIODS = re.compile(r"\d\s*期|[一二三四五六七八九十百]期|期数")
_TERM_WORD = re.compile(r"期限|借期|到期日|\bterm\b", re.IGNORECASE)
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
    """(method, clause path) of the first sentence that chooses one repayment method. A list of
    options (「□等额本息 □先息后本」, 「B.按月等额本息还款」) chooses only the one ticked; a
    condition (「采用等额本金还款方式的，……」) chooses none."""
    for clause in clauses:
        if not _METHOD_HINT.search(clause.text):
            continue
        for s in split_sentences(clause.text):
            found = _chosen_methods(s.text)
            if len(found) == 1:
                return found.pop(), clause.path
    return None, None


def _chosen_methods(text: str) -> set[str]:
    named: list[tuple[str, int, int]] = []
    for method in _METHOD_ORDER:
        named += [(method, m.start(), m.end()) for m in _rx(f"methods.{method}").finditer(text)]
    named = [n for n in named if not _CONDITION.match(text, n[2])]
    ticked = {m for m, start, _ in named if _TICKED.search(text[max(0, start - 3):start])}
    if ticked:
        return ticked
    options = {m for m, start, _ in named if _OPTION.search(text[max(0, start - 4):start])}
    return {m for m, _, _ in named} - options if not options else set()


_METHOD_HINT = re.compile(r"等额|等本|先息|付息|还本|利随本清|平息|equal", re.IGNORECASE)
_CONDITION = re.compile(r"[^，。；,]{0,6}的\s*[，,]")  # 「采用……方式的，」: a case, not a choice
_TICKED = re.compile(r"[☑■√✓✔☒⊠]|\[[xX]\]")
_OPTION = re.compile(r"[□☐]|(?:^|\s)[A-Ha-h][.、．)]\s*(按月)?$|[（(][A-Ha-h一二三四][)）]\s*$")


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
        if not _TERM_WORD.search(clause.text):
            continue
        for s in split_sentences(clause.text):
            if not _TERM_WORD.search(s.text):
                continue
            for t in find_terms(s.text):
                if t.kind == "days" and t.days:
                    return float(t.days)
                if t.months:
                    return None
    return None


def _instalments(clauses: Iterable[Clause]) -> int | None:
    for clause in clauses:
        if not _PERIODS.search(clause.text):
            continue
        for s in split_sentences(clause.text):
            if not _PERIODS.search(s.text) or re.search(r"利息", s.text) and not re.search(r"本金|本息|还款", s.text):
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
    prin, inter = _principal_and_interest(terms.method or "", n, principal, rate)
    cols = _Columns([principal] + [0.0] * n, [0.0] + prin, [0.0] + inter, [0.0] * (n + 1), [0.0] * (n + 1))
    if terms.in_advance and n > 1:
        cols.interest = cols.interest[1:] + [0.0]  # period k's interest falls due at k-1
    if deducted_interest:
        _prepay_interest(cols, deducted_interest)
    for charge in charges:
        if charge.is_cost and charge.value is not None:
            _add_charge(cols, charge, principal, terms)
    return [Row(k, cols.paid_out[k], cols.principal[k], cols.interest[k], cols.fees[k], cols.deducted[k])
            for k in range(n + 1)]


@dataclass
class _Columns:
    """The schedule while it is built: one list per column, index = period."""

    paid_out: list[float]
    principal: list[float]
    interest: list[float]
    fees: list[float]
    deducted: list[float]


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


def _prepay_interest(cols: _Columns, amount: float) -> None:
    """Interest deducted at payout covers the earliest interest due; the payout is net of it."""
    cols.paid_out[0] -= amount
    cols.deducted[0] += amount
    left = amount
    for k, due in enumerate(cols.interest):
        taken = min(left, due)
        cols.interest[k] = due - taken
        left -= taken
        if left <= 0:
            break


def _add_charge(cols: _Columns, c: Charge, principal: float, terms: LoanTerms) -> None:
    n = len(cols.paid_out) - 1
    if c.frequency == "once":
        base = 0.0 if c.basis == "amount" else _base(c, principal, cols)
        fees = {0 if c.timing in ("deducted", "at_payout") else n if c.timing == "at_end" else min(1, n):
                c.value if c.basis == "amount" else (c.value or 0) / 100 * base}
    else:
        per_period = _per_period(c, principal, terms)
        fees = {}
        for k in range(1, n + 1):
            fee = per_period if c.basis not in ("instalment", "interest") else (c.value or 0) / 100 * (
                cols.principal[k] + cols.interest[k] if c.basis == "instalment" else cols.interest[k])
            at = 0 if c.timing in ("deducted", "at_payout") else n if c.timing == "at_end" else k
            fees[at] = fees.get(at, 0.0) + fee
    for k, fee in fees.items():
        if k == 0 and c.timing == "deducted":
            cols.paid_out[0] -= fee
            cols.deducted[0] += fee
        else:
            cols.fees[k] += fee


def _base(c: Charge, principal: float, cols: _Columns) -> float:
    if c.basis == "instalment":
        return sum(cols.principal) + sum(cols.interest)
    if c.basis == "interest":
        return sum(cols.interest)
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
