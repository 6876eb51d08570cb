"""Templates and placeholders (../shared/spec/rule-catalog.md, Clarifications, "Templates").

Placeholders (``____``, ``【 】``, ``（　　）``, ``${borrow.amount}``, ``{{amount}}``, ``[金额]``)
are masked in the clause text before any value is read, so a value fact is never a number
made of the text around a blank. A document is a template when at least two of its principal
fields (the borrower's name, the loan amount, the contract date) are blank. In a template a
labelled field holding a placeholder states its term (``借款金额：人民币____元`` is an amount
clause): ``template_topics`` gives those fields as topic facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Sequence

from ..model import Clause, Fact
from .parties import Parties
from .topics import load_vocab, split_sentences

MASK = "＿＿"
PRINCIPAL_FIELDS = ("borrower_name", "loan_amount", "contract_date")
_FIELD_LABELS = {"borrower_name": "借款人姓名", "loan_amount": "借款金额", "contract_date": "签订日期"}


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_vocab("template")


@lru_cache(maxsize=1)
def _placeholder() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _vocab()["placeholders"]))


def mask(text: str) -> str:
    """The text with every placeholder replaced by MASK."""
    return _placeholder().sub(MASK, text)


def mask_clauses(clauses: Iterable[Clause]) -> list[Clause]:
    out = []
    for c in clauses:
        masked = mask(c.text)
        out.append(c if masked == c.text else replace(c, text=masked))
    return out


def is_blank_value(value: str | None) -> bool:
    """A field value that is only a placeholder (masked, 【出借人】, empty)."""
    if value is None:
        return True
    return bool(re.match(_vocab()["field_value_blank"], value.replace(MASK, "")))


@dataclass(frozen=True)
class TemplateReading:
    is_template: bool
    blanks: tuple[str, ...]  # which principal fields are blank
    reason: str


def read_template(masked: Sequence[Clause], parties: Parties, loan_amount: float | None,
                  contract_date: str | None) -> TemplateReading:
    """Is the document a template? ``masked``: clauses after ``mask_clauses``."""
    text = "\n".join(c.text for c in masked)
    blanks = []
    borrowers = [p for p in parties.parties if p.role == "borrower"]
    if borrowers and all(is_blank_value(p.name) for p in borrowers):
        blanks.append("borrower_name")
    if loan_amount is None and _labelled_blank(text, "loan_amount"):
        blanks.append("loan_amount")
    if contract_date is None and (re.search(_vocab()["blank_date"], text) or _labelled_blank(text, "contract_date")):
        blanks.append("contract_date")
    template = len(blanks) >= 2
    names = "、".join(_FIELD_LABELS[b] for b in blanks)
    if template:
        reason = f"按模板读取：{names}为空白占位（至少两项主要字段未填写）"
    elif blanks:
        reason = f"{names}为空白，但其他主要字段已填写，按已签合同读取"
    else:
        reason = ""
    return TemplateReading(template, tuple(blanks), reason)


def _labelled_blank(text: str, field: str) -> bool:
    return _field_blank_match(text, field) is not None


def _field_blank_match(text: str, field: str) -> re.Match[str] | None:
    gap = int(_vocab()["field_gap"])
    pattern = rf"(?:{_vocab()['fields'][field]})[^。；\n{MASK[0]}]{{0,{gap}}}{MASK}"
    return re.search(pattern, text, re.IGNORECASE)


def template_topics(masked: Sequence[Clause]) -> list[Fact]:
    """In a template, the labelled fields holding a placeholder, as the topic facts of their terms."""
    facts: list[Fact] = []
    for field in ("loan_amount", "loan_term", "repayment_method", "interest_rate"):
        for clause in masked:
            hit = next((s.text for s in split_sentences(clause.text) if _field_blank_match(s.text, field)), None)
            if hit:
                facts.append(Fact(kind="topic", name=field, value=True, clause=clause.path, page=clause.page_start,
                                  evidence=hit[:300], attrs={"template_field": True}))
                break
    return facts


def annual_rate_field(masked: Sequence[Clause]) -> bool:
    """A blank rate field labelled annual (年利率【 】%, 年化利率____%)."""
    gap = int(_vocab()["field_gap"])
    pattern = re.compile(rf"(?:年化|年利率|年息|综合年化成本)[^。；\n{MASK[0]}]{{0,{gap}}}{MASK}")
    return any(pattern.search(c.text) for c in masked)
