"""Who the law binds: the lender's class (../shared/spec/rule-catalog.md "Who the law binds") and whether a
platform stands between lender and borrower, each with the reason a report shows.

``lender_class`` comes from the lending party's name when the parties clause names one
(its kind, ``parties.py``); a lender that is a blank or unnamed takes the class of the lenders
the text describes (a platform's investors or registered users: ``natural_person``); a text
that says nothing gives ``company``, and the reason says the lender could not be identified.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Contract
from ..vocab import class_label
from .parties import Parties, lender_table_kind
from .topics import load_vocab, split_sentences

LENDER_CLASSES = ("natural_person", "company", "bank", "consumer_finance", "small_loan", "other_licensed")


@dataclass(frozen=True)
class LenderFacts:
    lender_class: str
    class_reason: str
    identified: bool
    via_platform: bool
    platform_reason: str

    @property
    def licensed(self) -> bool:
        return self.lender_class in _vocab()["licensed"]


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_vocab("lender")


def read_lender(contract: Contract, parties: Parties, placeholder_name: bool = False) -> LenderFacts:
    """Class and platform of one contract; ``placeholder_name``: the lender's name is a blank."""
    lender_class, reason, identified = _lender_class(contract, parties, placeholder_name)
    via, why = _via_platform(contract, parties)
    return LenderFacts(lender_class, reason, identified, via, why)


def _lender_class(contract: Contract, parties: Parties, placeholder_name: bool) -> tuple[str, str, bool]:
    lender = parties.lender
    if lender is not None and lender.kind and not placeholder_name:
        return lender.kind, f"出借人/贷款人「{lender.name}」为{class_label(lender.kind)}", True
    if lender is not None and lender.kind == "natural_person":
        # a blank name whose form asks for an ID card number: the lender is a person
        return "natural_person", f"出借人栏为待填写的个人信息（「{lender.line.strip()[:30]}」），按自然人出借", True
    table = lender_table_kind(contract)
    if table:
        return table, f"出借人列表的栏目为{class_label(table)}的信息，按{class_label(table)}出借", True
    described = _persons_described(contract.document.text)
    if described:
        return "natural_person", f"合同未具名出借人，文本称出借人为平台用户或投资人（「{described}」），按自然人出借", True
    return "company", "未能识别出借人，按普通企业（company）处理", False


def _persons_described(text: str) -> str | None:
    for pattern in _vocab()["lenders_are_persons"]:
        m = re.search(pattern, text)
        if m:
            return m.group(0)[:40]
    return None


def _payment_only(span: str, sentence: str) -> bool:
    vocab = _vocab()
    return bool(re.search(vocab["payment_tool"], span) and re.search(vocab["money_moves"], sentence))


def _via_platform(contract: Contract, parties: Parties) -> tuple[bool, str]:
    platform = parties.first("platform")
    if platform is not None:
        return True, f"平台或居间服务方为合同当事人（{platform.line.strip()[:40]}）"
    vocab = _vocab()
    negated = re.compile(vocab["negated"])
    patterns = [re.compile(p) for p in vocab["channel"]]
    # the page's own title counts as its text (an HTML template titled 「…互联网金融服务平台-借款协议」)
    title = str(contract.document.metadata.get("title") or "")
    for sentence in split_sentences(f"{title}\n{contract.document.text}" if title else contract.document.text):
        if negated.search(sentence.text):
            continue
        for p in patterns:
            m = p.search(sentence.text)
            if m and not _payment_only(m.group(0), sentence.text):
                return True, f"合同经平台、App或网站订立（「{m.group(0)[:40]}」）"
    return False, "未见平台、居间方或经App/网站订立的表述"
