"""What kind of document this is: ``loan``, ``loan_service`` or ``other`` (../shared/spec/rule-catalog.md,
"Document kinds"), with the reason a report gives.

The title decides first: a bundle holding a loan contract is ``loan`` whatever else it holds,
an agreement titled as a service, consulting, guarantee or authorisation agreement is
``loan_service`` unless the lender is one of its parties (then it is the loan contract
itself). Without a title, a text with a lender's or borrower's party line and lending
language is a ``loan``; anything else (a README, design notes, a one-line note) is ``other``.
Vocabulary in ``checker/vocab/kind.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..model import Contract
from .parties import Parties
from .topics import load_vocab

DOCUMENT_KINDS = ("loan", "loan_service", "other")


@dataclass(frozen=True)
class DocumentKind:
    kind: str
    reason: str
    title: str = ""  # of an ``other`` document: the agreement title that is not about lending


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_vocab("kind")


@lru_cache(maxsize=1)
def _titles() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    vocab = _vocab()
    return ([re.compile(p) for p in vocab["loan_title"]], [re.compile(p) for p in vocab["service_title"]])


def document_kind(contract: Contract, parties: Parties) -> DocumentKind:
    """The kind of one document and why."""
    loan_titles, service_titles = _titles()
    titles = list(_title_lines(contract))
    loan = next((t for t in titles if any(p.search(t) for p in loan_titles)), None)
    if loan:
        return DocumentKind("loan", f"标题「{loan}」为借款合同")
    text = contract.document.text
    lending = len(re.findall(_vocab()["lending"], text))
    service = next((t for t in titles if any(p.search(t) for p in service_titles)), None)
    lender = parties.lender
    if service and lending and lender is not None and re.search(r"[：:]", lender.line):
        return DocumentKind("loan", f"「{service}」的当事人中有出借人（{lender.line.strip()[:30]}），为借款合同")
    if service and lending and not {p.role for p in parties.parties} & {"platform", "guarantor"} \
            and re.search(_vocab()["loan_terms"], text):
        return DocumentKind("loan", f"「{service}」未列居间或担保方，且约定了借款金额与利息，为借款合同")
    if service and lending:
        return DocumentKind("loan_service", f"标题「{service}」为借款的配套协议（服务、咨询、担保或授权）")
    roles = {p.role for p in parties.parties if p.name or p.line}
    if roles & set(_vocab()["party_roles"]) and lending >= int(_vocab()["lending_min"]):
        return DocumentKind("loan", "载有出借人或借款人的当事人信息及借款条款")
    if service:
        return DocumentKind("other", f"「{service}」与借款无关", service)
    return DocumentKind("other", "未见借款合同的标题、出借人或借款人及借款条款，不是借款合同")


def _title_lines(contract: Contract) -> Iterable[str]:
    """Short lines that may be a title: the file's own title, headings and short lines."""
    limit = int(_vocab()["title_max"])
    title = str(contract.document.metadata.get("title") or "").strip()
    if title:
        yield title
    for line in contract.document.lines:
        text = re.sub(r"\s+", "", line.text) if re.search(r"[\u4e00-\u9fff]", line.text) else line.text.strip()
        text = text.strip("#*_ \t|")
        if 0 < len(text) <= limit and not _NUMBERED.match(text):
            yield text


# a numbered clause heading (第十条 担保条款, 三、授权) names a part of a contract, not the document
_NUMBERED = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+[条章节款部分]|[一二三四五六七八九十]+[、.．]|\d+(\.\d+)*[、.．]|[（(][一二三四五六七八九十\d]+[）)])")
