"""Which amount is the loan: the amount a 借款金额/借款本金 sentence states as lent."""
from __future__ import annotations

from typing import Iterable

from ...model import Clause, Fact
from ..money import find_amounts
from ..topics import split_sentences
from .words import rx


def find_loan_amount(clauses: Iterable[Clause]) -> Fact | None:
    """The amount stated as lent: a 借款总额 sentence first (the sum of several lenders' shares),
    then a 借款金额/借款本金 sentence or the first amount under a heading that says so (「第一条
    借款金额」 over 「人民币陆万元整」), then any 借款/借到 + amount."""
    best: tuple[int, int, Fact] | None = None
    for order, clause in enumerate(clauses):
        titled = bool(clause.title) and rx("loan_amount.strong").search(clause.title) is not None
        for s in split_sentences(clause.text):
            tier = _tier(s.text)
            if tier is None and titled and find_amounts(s.text):
                tier, titled = 1, False  # only the first amount under the heading
            if tier is None:
                continue
            for a in find_amounts(s.text):
                if a.value and a.value > 0 and not rx("loan_amount.reject").search(_near(s.text, a.start, 14)):
                    fact = Fact(kind="amount", name="loan", value=a.value, clause=clause.path,
                                page=clause.page_start, evidence=s.text[:300], attrs={"stated": a.text})
                    if best is None or (tier, order) < best[:2]:
                        best = (tier, order, fact)
                    break
    return best[2] if best else None


def _tier(text: str) -> int | None:
    if rx("loan_amount.total").search(text):
        return 0
    if rx("loan_amount.strong").search(text):
        return 1
    return 2 if rx("loan_amount.weak").search(text) else None


def _near(text: str, start: int, width: int) -> str:
    """The words just before a value (what the value is said to be)."""
    return text[max(0, start - width):start]
