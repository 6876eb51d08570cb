"""Rule conditions: the tree a rule's ``when`` parses into, and its disjunctive normal form.

Atoms:
- ``DocTest``: a comparison over the document summary and the parameters;
- ``Exists``: some clause fact (topic, obligation or text match) fits a pattern.
``all`` / ``any`` / ``not`` combine them. The engines evaluate the DNF: a list of conjunctions
of (possibly negated) atoms; each conjunction becomes one durable-rules rule.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from .expr import Compare, evaluate_compare, refs

MAX_CONJUNCTS = 64


@dataclass(frozen=True)
class DocTest:
    cmp: Compare
    negated: bool = False

    def holds(self, values: dict) -> bool:
        if not self.negated:
            return evaluate_compare(self.cmp, values)
        if self.cmp.is_null_test:
            return evaluate_compare(self.cmp.negated(), values)
        missing = any(values.get(r.field) is None for r in refs(self.cmp))
        if self.cmp.op in ("in", "not in"):
            missing = any(values.get(r.field) is None for r in refs(self.cmp.left))
        return missing or evaluate_compare(self.cmp.negated(), values)

    def negate(self) -> "DocTest":
        return DocTest(self.cmp, not self.negated)


@dataclass(frozen=True)
class Exists:
    """Some clause fact of ``kind`` whose fields take one of the allowed values."""

    kind: str  # "topic" | "obligation" | "match"
    names: tuple[str, ...]
    values: tuple[str, ...] = ()  # obligation modalities allowed (empty = any)
    actors: tuple[str, ...] = ()  # obligation actors allowed (empty = any)
    negated: bool = False

    def fits(self, fact: dict) -> bool:
        return (
            fact.get("kind") == self.kind
            and fact.get("name") in self.names
            and (not self.values or fact.get("value") in self.values)
            and (not self.actors or fact.get("actor") in self.actors)
        )

    def negate(self) -> "Exists":
        return Exists(self.kind, self.names, self.values, self.actors, not self.negated)


Atom = Union[DocTest, Exists]


@dataclass(frozen=True)
class All:
    items: tuple["Cond", ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple["Cond", ...]


@dataclass(frozen=True)
class Not:
    item: "Cond"


Cond = Union[Atom, All, AnyOf, Not]


@dataclass(frozen=True)
class Conjunct:
    atoms: tuple[Atom, ...] = field(default_factory=tuple)

    @property
    def doc_tests(self) -> tuple[DocTest, ...]:
        return tuple(a for a in self.atoms if isinstance(a, DocTest))

    @property
    def positives(self) -> tuple[Exists, ...]:
        return tuple(a for a in self.atoms if isinstance(a, Exists) and not a.negated)

    @property
    def negatives(self) -> tuple[Exists, ...]:
        return tuple(a for a in self.atoms if isinstance(a, Exists) and a.negated)


def to_nnf(cond: Cond, negate: bool = False) -> Cond:
    """Push every ``not`` down to the atoms."""
    if isinstance(cond, Not):
        return to_nnf(cond.item, not negate)
    if isinstance(cond, All):
        items = tuple(to_nnf(c, negate) for c in cond.items)
        return AnyOf(items) if negate else All(items)
    if isinstance(cond, AnyOf):
        items = tuple(to_nnf(c, negate) for c in cond.items)
        return All(items) if negate else AnyOf(items)
    return cond.negate() if negate else cond


def to_dnf(cond: Cond) -> tuple[Conjunct, ...]:
    """Disjunctive normal form; raises ValueError past MAX_CONJUNCTS."""
    result = _dnf(to_nnf(cond))
    if len(result) > MAX_CONJUNCTS:
        raise ValueError(f"condition expands to {len(result)} alternatives (at most {MAX_CONJUNCTS})")
    return tuple(Conjunct(tuple(atoms)) for atoms in result)


def _dnf(cond: Cond) -> list[list[Atom]]:
    if isinstance(cond, AnyOf):
        out: list[list[Atom]] = []
        for item in cond.items:
            out.extend(_dnf(item))
            if len(out) > MAX_CONJUNCTS:
                break
        return out
    if isinstance(cond, All):
        out = [[]]
        for item in cond.items:
            out = [left + right for left in out for right in _dnf(item)]
            if len(out) > MAX_CONJUNCTS:
                break
        return out
    return [[cond]]  # an atom
