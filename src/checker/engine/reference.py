"""A plain-Python evaluator of the same compiled rules, for differential testing.

It reads the rules' DNF directly: a conjunction holds when every positive pattern has a
matching clause fact, no negated pattern has one, and every document test holds.
"""
from __future__ import annotations

from itertools import product

from ..rulepack.model import Rule
from .compile import rule_name


def run(rules: tuple[Rule, ...], clause_facts: list[dict], doc_fact: dict) -> list[tuple[str, tuple[int, ...]]]:
    fired: list[tuple[str, tuple[int, ...]]] = []
    for rule in rules:
        for index, conj in enumerate(rule.dnf):
            if not all(t.holds(doc_fact) for t in conj.doc_tests):
                continue
            if any(any(n.fits(f) for f in clause_facts) for n in conj.negatives):
                continue
            choices = [[f for f in clause_facts if p.fits(f)] for p in conj.positives]
            for combo in product(*choices):
                fired.append((rule_name(rule.id, index), tuple(int(f["id"]) for f in combo)))
    return fired
