"""A rule, readable: what `checker rules show` prints."""
from __future__ import annotations

from .conditions import All, AnyOf, Cond, DocTest, Exists, Not
from .expr import Arith, Compare, Const, Ref
from .model import SCOPE_LABELS, Rule


def describe(rule: Rule) -> str:
    lines = [
        f"{rule.id}  [{rule.severity.value}]",
        f"  {rule.title_zh} / {rule.title_en}",
        f"  file: {rule.source}",
    ]
    lines.append(f"  scope: {rule.scope} ({SCOPE_LABELS[rule.scope]})")
    if rule.tags:
        lines.append(f"  tags: {', '.join(rule.tags)}")
    if rule.description:
        lines += ["", "Description:", f"  {rule.description}"]
    lines += ["", "Fires when:"] + ["  " + ln for ln in condition_text(rule.when).splitlines()]
    if rule.not_assessable:
        tests = (" or " if rule.not_assessable_any else " and ").join(_cmp(c) for c in rule.not_assessable)
        lines += ["", "Not assessed when:", f"  {tests}", f"  ({rule.not_assessable_reason})"]
        if rule.not_assessable_reason_en:
            lines.append(f"  ({rule.not_assessable_reason_en})")
    lines += ["", "Message:"]
    texts = dict.fromkeys(rule.messages.values()) if rule.messages else {rule.message: None}
    if len(texts) == 1:
        lines.append(f"  {next(iter(texts))}")
    else:
        parent = {"transition": "civil-code", "small-loan": "licensed"}
        lines += [f"  [{tag}] {text}" for tag, text in rule.messages.items()
                  if tag not in parent or text != rule.messages.get(parent[tag])]
    lines += ["", "Legal basis:"]
    lines += [f"  - {b}" + (f"  [{', '.join(b.regimes)}]" if b.regimes else "") for b in rule.legal_basis]
    if rule.remediation:
        lines += ["", "Suggested wording:", f"  {rule.remediation}"]
        if rule.remediation_en:
            lines.append(f"  ({rule.remediation_en})")
    return "\n".join(lines)


def condition_text(cond: Cond, indent: int = 0) -> str:
    pad = "  " * indent
    if isinstance(cond, All):
        return f"{pad}all of:\n" + "\n".join(condition_text(c, indent + 1) for c in cond.items)
    if isinstance(cond, AnyOf):
        return f"{pad}any of:\n" + "\n".join(condition_text(c, indent + 1) for c in cond.items)
    if isinstance(cond, Not):
        return f"{pad}not:\n" + condition_text(cond.item, indent + 1)
    if isinstance(cond, DocTest):
        return pad + ("not " if cond.negated else "") + _cmp(cond.cmp)
    return pad + _exists(cond)


def _exists(e: Exists) -> str:
    what = {"topic": "a clause about", "obligation": "a clause that", "match": "clause text matching"}[e.kind]
    text = f"{what} {' | '.join(e.names)}"
    if e.values:
        text += f" ({'/'.join(e.values)})"
    if e.actors:
        text += f" by {'/'.join(e.actors)}"
    return ("no " if e.negated else "") + text


def _cmp(c: Compare) -> str:
    return f"{_op(c.left)} {c.op} {_op(c.right)}"


def _op(node) -> str:
    if isinstance(node, Ref):
        return f"params.{node.name}" if node.param else node.name
    if isinstance(node, Const):
        return "null" if node.value is None else repr(node.value)
    if isinstance(node, Arith):
        return f"({_op(node.left)} {node.op} {_op(node.right)})"
    return str(node)
