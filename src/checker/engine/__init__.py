"""Evaluate a rule pack over one contract's facts.

``evaluate`` builds the engine's clause facts (short fields, text matches run in Python) and
runs them, with the document fact it is given (``doc_fact``: summary and parameters), through
durable-rules (``backend="durable"``, the default) or the reference evaluator.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Mapping

from ..clauses.sentences import sentence_at
from ..model import Contract, Fact, FactSet
from ..rulepack.model import RulePack
from . import reference
from .compile import ZERO_FIELD, compile_rules, split_rule_name, split_rulesets


@dataclass(frozen=True)
class Hit:
    """A rule that fired, with the clause facts that made it fire (empty for document-level rules)."""

    rule_id: str
    facts: tuple[Fact, ...]


def clause_facts(pack: RulePack, contract: Contract, factset: FactSet) -> tuple[list[dict], list[Fact]]:
    """Engine facts for topics, obligations and rule text matches; returns (dicts, Fact per id)."""
    source: list[Fact] = [f for f in factset.items if f.kind in ("topic", "obligation")]
    topics_by_clause: dict[str, set[str]] = {}
    for f in factset.items:
        if f.kind == "topic":
            topics_by_clause.setdefault(f.clause, set()).add(f.name)
    for rule in pack.rules:
        for spec in rule.matches:
            for clause in contract.clauses:
                if spec.topics and not topics_by_clause.get(clause.path, set()) & set(spec.topics):
                    continue
                m = spec.pattern.search(clause.text)
                if m:
                    source.append(Fact("match", spec.key, True, clause.path, clause.page_start, sentence_at(clause.text, m.start(), m.end())))
    dicts = []
    for i, f in enumerate(source):
        d = {"id": i, "kind": f.kind, "name": f.name}
        if f.kind == "obligation":
            d["value"] = str(f.value)
            d["actor"] = str(f.attrs.get("actor", ""))
        dicts.append(d)
    return dicts, source


def doc_fact(summary: Mapping[str, Any], params: Mapping[str, Any]) -> dict:
    """The document fact: summary values (None left out) and parameters as ``params__NAME``."""
    fact: dict[str, Any] = {"id": -1, "kind": "doc", ZERO_FIELD: 0}
    for key, value in summary.items():
        if isinstance(value, (bool, int, float, str)):
            fact[key] = value
    for key, value in params.items():
        if isinstance(value, (bool, int, float, str)):
            fact[f"params__{key}"] = value
    return fact


_COMPILED: dict[str, list[tuple[str, dict]]] = {}


def evaluate(pack: RulePack, contract: Contract, factset: FactSet, doc: Mapping[str, Any],
             backend: str = "durable") -> list[Hit]:
    """Every rule that fires on this contract, once per rule, with its first matching facts;
    ``doc`` is the document fact (``doc_fact``)."""
    facts, source = clause_facts(pack, contract, factset)
    if backend == "reference":
        fired = reference.run(pack.rules, facts, doc)
    else:
        from . import durable

        fired = []
        for name, definition in compiled(pack):
            durable.register(name, definition)
            fired.extend(durable.run(name, facts, doc))
    return _hits(fired, source)


def check_compiles(pack: RulePack) -> None:
    """RuleError (exit 2) when the pack cannot be compiled for the engine, before any document."""
    from ..errors import RuleError

    try:
        compiled(pack)
    except ValueError as exc:
        source = next((r.source for r in pack.rules if str(exc).startswith(f"rule {r.id} ")), ", ".join(pack.dirs))
        raise RuleError(source, None, "when", str(exc)) from None


def compiled(pack: RulePack) -> list[tuple[str, dict]]:
    """The pack's ruleset definitions (several for a large pack, see ``split_rulesets``),
    compiled once per process, each with a name derived from its content."""
    if pack.digest not in _COMPILED:
        parts = split_rulesets(compile_rules(pack.rules))
        named = []
        for part in parts:
            text = json.dumps(part, sort_keys=True, ensure_ascii=False)
            named.append((f"checker_{hashlib.sha256(text.encode()).hexdigest()[:16]}", part))
        _COMPILED[pack.digest] = named
    return _COMPILED[pack.digest]


def _hits(fired: list[tuple[str, tuple[int, ...]]], source: list[Fact]) -> list[Hit]:
    """One hit per rule id: the firing whose facts come first in the document."""
    best: dict[str, tuple[int, ...]] = {}
    for name, ids in fired:
        rule_id, _ = split_rule_name(name)
        if rule_id.startswith("_"):
            continue
        if rule_id not in best or ids < best[rule_id]:
            best[rule_id] = ids
    return [Hit(rule_id, tuple(source[i] for i in ids)) for rule_id, ids in sorted(best.items())]
