"""Rules -> durable-rules ruleset definitions (JSON data, as our rules are).

Each conjunction of a rule's DNF becomes one durable rule named ``<rule-id>#<n>``:

    all: [f0: <positive clause-fact pattern>, ..., n0$not: <absent pattern>, ..., d: <doc fact + tests>]

The document fact (``kind: doc``) carries the summary facts and the parameters
(``params__rate_cap``) and is asserted last, after every clause fact, because durable-rules'
negation has no truth maintenance. Comparisons between fields of the document fact use the
engine's own ``$m`` references and arithmetic (``$add`` ...), so a rule like
``overdue_rate_annual_pct > interest_rate_annual_pct * 1.5`` runs inside the engine.
"""
from __future__ import annotations

from typing import Any

from ..rulepack.conditions import Conjunct, DocTest, Exists
from ..rulepack.expr import Arith, Compare, Const, Ref, refs
from ..rulepack.model import Rule

_OPS = {">": "$gt", ">=": "$gte", "<": "$lt", "<=": "$lte", "==": "$eq", "!=": "$neq"}
_FLIP = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "==": "==", "!=": "!="}
_ARITH = {"+": "$add", "-": "$sub", "*": "$mul", "/": "$div"}
ZERO_FIELD = "_zero"


def rule_name(rule_id: str, index: int) -> str:
    return f"{rule_id}#{index}"


def split_rule_name(name: str) -> tuple[str, int]:
    rule_id, _, index = name.rpartition("#")
    return rule_id, int(index)


def compile_rules(rules: tuple[Rule, ...]) -> dict[str, dict]:
    """The ruleset definition (without actions) for a pack: {rule name: {"all": [...]}}."""
    out: dict[str, dict] = {}
    for rule in rules:
        for index, conj in enumerate(rule.dnf):
            out[rule_name(rule.id, index)] = {"all": compile_conjunct(conj)}
    # a catch-all, so that no fact is ever "not handled" (durable-rules raises, and has
    # crashed deleting a state that still held such a fact)
    out[CATCH_ALL] = {"all": [{"m": {"$ex": {"kind": 1}}}]}
    return out


# durable-rules 2.0.28 keeps the children of each node of its test network in a fixed table of
# 512 slots (NEXT_BUCKET_LENGTH) searched by linear probing: a node with a 513th child makes
# create_ruleset spin for ever, and a full table makes a lookup that misses spin too. A node's
# children are at most the test paths of the rules through it, so each ruleset is kept to
# PATH_BUDGET paths, well under the table, and a large pack runs as several rulesets.
ENGINE_TABLE = 512
PATH_BUDGET = 384
CATCH_ALL = "_catch_all#0"


def split_rulesets(definition: dict[str, dict], budget: int = PATH_BUDGET) -> list[dict[str, dict]]:
    """``definition`` cut into rulesets of at most ``budget`` test paths each (rule order kept),
    each with the catch-all. Raises ValueError naming a rule too large for any ruleset."""
    parts: list[dict[str, dict]] = []
    current: dict[str, dict] = {}
    used = 0
    catch_all = definition.get(CATCH_ALL)
    for name, rule in definition.items():
        if name == CATCH_ALL:
            continue
        cost = rule_paths(rule)
        if cost > budget:
            rule_id, _ = split_rule_name(name)
            raise ValueError(f"rule {rule_id} has {cost:,} test paths in one alternative; the engine "
                             f"takes at most {budget:,} (split its `in` lists or `any` branches)")
        if current and used + cost > budget:
            parts.append(current)
            current, used = {}, 0
        current[name] = rule
        used += cost
    if current or not parts:
        parts.append(current)
    if catch_all is not None:
        for part in parts:
            part[CATCH_ALL] = catch_all
    return parts


def rule_paths(rule: dict) -> int:
    """How many test paths one engine rule adds to the network: one per term, times the
    alternatives of every ``$or`` inside it."""
    return sum(_paths(pattern) for term in rule.get("all", ()) for pattern in term.values())


def _paths(pattern: Any) -> int:
    if isinstance(pattern, dict) and len(pattern) == 1:
        (key, value), = pattern.items()
        if key == "$and" and isinstance(value, list):
            total = 1
            for item in value:
                total *= _paths(item)
            return total
        if key == "$or" and isinstance(value, list):
            return sum(_paths(item) for item in value)
    return 1


def compile_conjunct(conj: Conjunct) -> list[dict]:
    terms: list[dict] = []
    for i, atom in enumerate(conj.positives):
        terms.append({f"f{i}": exists_pattern(atom)})
    tests = [{"kind": "doc"}] + [doc_test(t) for t in conj.doc_tests]
    terms.append({"d": tests[0] if len(tests) == 1 else {"$and": tests}})
    # negations after a positive term: durable-rules does not evaluate a leading ``$not``
    for i, atom in enumerate(conj.negatives):
        terms.append({f"n{i}$not": exists_pattern(atom)})
    return terms


def exists_pattern(atom: Exists) -> dict:
    parts: list[dict] = [{"kind": atom.kind}, _one_of("name", atom.names)]
    if atom.values:
        parts.append(_one_of("value", atom.values))
    if atom.actors:
        parts.append(_one_of("actor", atom.actors))
    return {"$and": parts}


def _one_of(field: str, values: tuple[str, ...]) -> dict:
    if len(values) == 1:
        return {field: values[0]}
    return {"$or": [{field: v} for v in values]}


def doc_test(test: DocTest) -> dict:
    if not test.negated:
        return _holds(test.cmp)
    if test.cmp.is_null_test:
        return _holds(test.cmp.negated())
    fields = refs(test.cmp.left) if test.cmp.op in ("in", "not in") else refs(test.cmp)
    missing = [{"$nex": {r.field: 1}} for r in _unique(fields)]
    return {"$or": missing + [_holds(test.cmp.negated())]}


def _unique(items: list[Ref]) -> list[Ref]:
    seen, out = set(), []
    for r in items:
        if r.field not in seen:
            seen.add(r.field)
            out.append(r)
    return out


def _holds(cmp: Compare) -> dict:
    if cmp.is_null_test:
        if not isinstance(cmp.left, Ref):
            raise ValueError("'== null' needs a fact on the left")
        return {"$nex" if cmp.op == "==" else "$ex": {cmp.left.field: 1}}
    if cmp.op in ("in", "not in"):
        if not isinstance(cmp.left, Ref) or not isinstance(cmp.right, Const):
            raise ValueError("'in' needs a fact on the left and a list on the right")
        items = cmp.right.value if isinstance(cmp.right.value, tuple) else (cmp.right.value,)
        if cmp.op == "in":
            return {"$or": [{"$eq": {cmp.left.field: v}} for v in items]} if items else {"$nex": {ZERO_FIELD: 1}}
        present = {"$ex": {cmp.left.field: 1}}
        return {"$and": [present] + [{"$neq": {cmp.left.field: v}} for v in items]}
    op = cmp.op
    if isinstance(cmp.left, Ref):
        return {_OPS[op]: {cmp.left.field: _operand(cmp.right)}} if _needs_presence(cmp.right) is None else \
            {"$and": [_presence(cmp.right), {_OPS[op]: {cmp.left.field: _operand(cmp.right)}}]}
    if isinstance(cmp.right, Ref):
        flipped = Compare(_FLIP[op], cmp.right, cmp.left)
        return _holds(flipped)
    # neither side is a plain field: L op R  <=>  0 op (R - L)
    expr = {"$sub": {"$l": _operand(cmp.right), "$r": _operand(cmp.left)}}
    return {"$and": [_presence(Arith("+", cmp.left, cmp.right)), {_OPS[op]: {ZERO_FIELD: expr}}]}


def _needs_presence(node: Any) -> list[Ref] | None:
    found = refs(node) if isinstance(node, (Ref, Arith)) else []
    return found or None


def _presence(node: Any) -> dict:
    """Every field an operand reads must exist (a missing fact makes the comparison false)."""
    fields = _unique(refs(node)) if isinstance(node, (Ref, Arith)) else []
    if not fields:
        return {"$ex": {ZERO_FIELD: 1}}
    tests = [{"$ex": {r.field: 1}} for r in fields]
    return tests[0] if len(tests) == 1 else {"$and": tests}


def _operand(node: Any) -> Any:
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Ref):
        return {"$m": node.field}
    return {_ARITH[node.op]: {"$l": _operand(node.left), "$r": _operand(node.right)}}
