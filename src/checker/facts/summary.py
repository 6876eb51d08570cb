"""Standard form and emphasis: is the document a lender's or platform's form, does it carry
a prominence notice, and are the key terms (overdue interest, 违约金, liability limits)
bold or underlined in their own text, not only in their headings (民法典 第496条)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..model import Clause, Contract, Fact
from .topics import load_vocab, split_sentences


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_vocab("summary")


def is_standard_form(contract: Contract, lender_kind: str | None, natural_persons_only: bool) -> bool:
    """A form issued by a platform or lender for many borrowers; a one-off private loan is not."""
    vocab = _vocab()["standard_form"]
    text = contract.document.text
    if any(re.search(p, text) for p in vocab["strong"]):
        return True
    if natural_persons_only:
        return False
    return lender_kind in vocab["licensed_kinds"] and bool(re.search(vocab["contract_number"], text, re.IGNORECASE))


def prominence_notice(clauses: Iterable[Clause]) -> tuple[Clause, str] | None:
    """The (clause, sentence) of a 特别提示/重要提示 that points to bold or underlined terms."""
    vocab = _vocab()["prominence"]
    for clause in clauses:
        sentences = split_sentences(clause.text)
        for i, s in enumerate(sentences):
            if re.search(vocab["notice"], s.text, re.IGNORECASE):
                window = " ".join(x.text for x in sentences[i:i + 3])
                if re.search(vocab["marks"], window, re.IGNORECASE):
                    return clause, s.text
    return None


def key_clauses(contract: Contract, topic_facts: Iterable[Fact]) -> list[list[Clause]]:
    """For each clause carrying a key topic, the clauses whose text shows it: the clause itself,
    or, for a heading whose body is in its items, those items (the ones on the topic if any)."""
    key = set(_vocab()["key_topics"])
    by_path: dict[str, set[str]] = {}
    for f in topic_facts:
        if f.name in key:
            by_path.setdefault(f.clause, set()).add(f.name)
    children: dict[str, list[Clause]] = {}
    for c in contract.clauses:
        if c.parent:
            children.setdefault(c.parent, []).append(c)
    units = []
    for c in contract.clauses:
        topics = by_path.get(c.path)
        if not topics or c.kind == "preamble":
            continue
        kids = children.get(c.path, [])
        if kids and len(re.findall(r"[\u4e00-\u9fff]", _body_text(c))) < 10:
            on_topic = [k for k in kids if by_path.get(k.path, set()) & topics]
            if on_topic:
                continue  # judged through the items themselves
            units.append(kids)
        else:
            units.append([c])
    return units


def _body_text(c: Clause) -> str:
    text = c.text.replace(c.number, "", 1).replace(c.title, "", 1) if c.title or c.number else c.text
    return re.sub(r"\s+", "", text)


def emphasis(contract: Contract, topic_facts: list[Fact]) -> tuple[bool, bool]:
    """(key_terms_emphasized, emphasis_assessable)."""
    threshold = float(_vocab()["emphasis_threshold"])
    units = key_clauses(contract, topic_facts)
    relevant = [c for unit in units for c in unit] or list(contract.clauses)
    assessable = all(c.emphasis_known for c in relevant) and not any(p.ocr for p in contract.document.pages
                                                                    if any(c.page_start <= p.number <= c.page_end
                                                                           for c in relevant))
    emphasized = all(_unit_share(unit) >= threshold for unit in units)
    return emphasized, assessable


def _unit_share(unit: list[Clause]) -> float:
    weights = [max(len(_body_text(c)), 1) for c in unit]
    return sum(c.body_emphasis_share * w for c, w in zip(unit, weights)) / sum(weights)
