"""The forum clause: does it send disputes where the lender's side chose (its own or the
platform's seat, a place the form prints, an arbitration body the form names), is it drawn to
the borrower's attention, and is the borrower a consumer (../shared/spec/rule-catalog.md,
jurisdiction-clause-unfair). Vocabulary in ``checker/vocab/forum.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..model import Clause, Contract, Fact
from .parties import Parties
from .summary import prominence_notice
from .template import MASK
from .topics import load_vocab, split_sentences


@dataclass(frozen=True)
class Forum:
    favours_lender: bool
    highlighted: bool
    fact: Fact | None  # topic ``lender_forum`` on the clause that names the forum


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_vocab("forum")


def read_forum(contract: Contract, clauses: Iterable[Clause], parties: Parties) -> Forum:
    """The first forum sentence that favours the lender's side, if any, and whether it is highlighted."""
    clauses = tuple(clauses)
    text = contract.document.text
    for clause in clauses:
        for s in split_sentences(clause.text):
            if not re.search(_vocab()["forum_sentence"], s.text):
                continue
            why = _lender_chosen(s.text, text, parties)
            if why:
                fact = Fact(kind="topic", name="lender_forum", value=True, clause=clause.path,
                            page=clause.page_start, evidence=s.text[:300], attrs={"why": why})
                return Forum(True, _highlighted(clause, clauses), fact)
    return Forum(False, False, None)


def _lender_chosen(sentence: str, text: str, parties: Parties) -> str | None:
    vocab = _vocab()
    for m in re.finditer(vocab["seat"], sentence):
        side = _side(m.group("who"), parties)
        if side == "lender":
            return f"{m.group('who')}{m.group(2)}"
        if side == "borrower":
            return None
    for key in ("arbitration_body", "named_court"):
        named = re.search(vocab[key], sentence)
        if named:
            return re.split(vocab["lead_in"], named.group(0))[-1]
    if re.search(vocab["place_forum"], sentence):
        return _fixed_place(text)
    return None


def _side(who: str, parties: Parties) -> str | None:
    role = parties.roles.get(who)
    if role in ("lender", "platform"):
        return "lender"
    if role == "borrower":
        return "borrower"
    if re.search(_vocab()["borrower_side"], who):
        return "borrower"
    if re.search(_vocab()["lender_side"], who):
        return "lender"
    return None


def _fixed_place(text: str) -> str | None:
    """The place the form prints for signing or performance (not a blank to fill in)."""
    compact = re.sub(r"[ \t　]+", "", text)
    for pattern in _vocab()["place_fixed"]:
        for m in re.finditer(pattern, compact):
            place = m.group("place")
            if not re.search(_vocab()["blank_place"], place) and re.search(r"[省市区县]", place):
                return place
    return None


def _highlighted(clause: Clause, clauses: tuple[Clause, ...]) -> bool:
    if clause.body_emphasis_share >= float(_vocab()["emphasis_threshold"]):
        return True
    notice = prominence_notice(clauses)
    if notice is None:
        return False
    notice_clause, sentence = notice
    sentences = [s.text for s in split_sentences(notice_clause.text)]
    start = next((i for i, s in enumerate(sentences) if sentence in s or s in sentence), 0)
    window = " ".join(sentences[start:start + 3])
    return bool(re.search(_vocab()["notice_names"], window))


def consumer_borrower(contract: Contract, parties: Parties) -> bool:
    """A natural person (or a form that admits one) borrowing for no stated business purpose."""
    vocab = _vocab()
    borrower = parties.borrower
    blank = borrower is not None and MASK in borrower.line  # a form's field: whoever fills it in
    if borrower is not None and borrower.kind and borrower.kind != "natural_person" and not blank:
        return False
    text = contract.document.text
    for business in re.finditer(vocab["business_purpose"], text):
        if not re.search(vocab["consumer_purpose"], text[business.start():business.end() + 12]):
            return False  # a business purpose, not a mixed one (「因生产经营或消费所需」 stays a consumer's)
    if borrower is not None and borrower.kind == "natural_person":
        return True
    return bool(re.search(vocab["natural_person_marks"], text))
