"""Which amount is the loan: the amount a 借款金额/借款本金 sentence states as lent."""
from __future__ import annotations

from typing import Iterable

from ...model import Clause, Fact
from ..money import find_amounts
from ..topics import split_sentences
from .words import rx


def find_loan_amount(clauses: Iterable[Clause]) -> Fact | None:
    """The amount stated as lent: a 借款金额/借款本金 sentence first, then any 借款/借到 + amount."""
    best: tuple[int, int, Fact] | None = None
    for order, clause in enumerate(clauses):
        for s in split_sentences(clause.text):
            tier = 0 if rx("loan_amount.strong").search(s.text) else 1 if rx("loan_amount.weak").search(s.text) else None
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


def _near(text: str, start: int, width: int) -> str:
    """The words just before a value (what the value is said to be)."""
    return text[max(0, start - width):start]
