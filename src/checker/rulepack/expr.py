"""The comparison language of rule conditions, parsed without ever running code.

An expression such as ``overdue_rate_annual_pct > params.rate_cap * 1.5`` is parsed with
Python's ``ast`` module (syntax only) and translated into a small tree of our own; any node
outside the whitelist (calls, attribute access other than ``params.x``, subscripts,
lambdas ...) is rejected. Nothing is ever passed to ``eval``.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Union

ARITH = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
COMPARE = {ast.Gt: ">", ast.GtE: ">=", ast.Lt: "<", ast.LtE: "<=", ast.Eq: "==", ast.NotEq: "!=", ast.In: "in"}
NEGATED = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "==": "!=", "!=": "==", "in": "not in", "not in": "in"}


class ExprError(ValueError):
    """The expression is not valid in the rule language."""


@dataclass(frozen=True)
class Ref:
    """A fact of the document summary (``name``) or a parameter (``params.name``)."""

    name: str
    param: bool = False

    @property
    def field(self) -> str:
        """The field name on the engine's document fact."""
        return f"params__{self.name}" if self.param else self.name


@dataclass(frozen=True)
class Const:
    value: Union[float, int, str, bool, None, tuple]


@dataclass(frozen=True)
class Arith:
    op: str
    left: "Operand"
    right: "Operand"


Operand = Union[Ref, Const, Arith]


@dataclass(frozen=True)
class Compare:
    op: str  # one of COMPARE's values or "not in"
    left: Operand
    right: Operand

    def negated(self) -> "Compare":
        return Compare(NEGATED[self.op], self.left, self.right)

    @property
    def is_null_test(self) -> bool:
        """``x == null`` / ``x != null``: tests whether a fact was found at all."""
        return self.op in ("==", "!=") and isinstance(self.right, Const) and self.right.value is None


MAX_EXPR_CHARS = 1_000  # real conditions are one short comparison; Python's parser recurses


def parse_expr(text: str) -> Compare:
    """Parse one comparison; a bare name ``x`` means ``x == true``, ``not x`` means ``x == false``."""
    if len(text) > MAX_EXPR_CHARS:
        raise ExprError(f"expression longer than {MAX_EXPR_CHARS:,} characters ({len(text):,})")
    try:
        tree = ast.parse(text.strip(), mode="eval").body
        return _compare(text, tree)
    except SyntaxError as exc:
        raise ExprError(f"not a valid expression: {text[:80]!r} ({exc.msg})") from None
    except (RecursionError, MemoryError, ValueError) as exc:
        if isinstance(exc, ExprError):
            raise
        raise ExprError(f"expression too complex or a number too large: {text[:80]!r}") from None


def _compare(text: str, tree: ast.AST) -> Compare:
    if isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.Not):
        return Compare("==", _operand(tree.operand), Const(False))
    if not isinstance(tree, ast.Compare):
        return Compare("==", _operand(tree), Const(True))
    if len(tree.ops) != 1:
        raise ExprError(f"chained comparisons are not supported: {text!r}")
    op = COMPARE.get(type(tree.ops[0]))
    if op is None:
        raise ExprError(f"unsupported comparison in {text!r}")
    if isinstance(tree.ops[0], ast.NotIn):
        op = "not in"
    return Compare(op, _operand(tree.left), _operand(tree.comparators[0]))


def _operand(node: ast.AST) -> Operand:
    if isinstance(node, ast.Name):
        if node.id in ("true", "True"):
            return Const(True)
        if node.id in ("false", "False"):
            return Const(False)
        if node.id in ("null", "None"):
            return Const(None)
        return Ref(node.id)
    if isinstance(node, ast.Attribute):
        if isinstance(node.value, ast.Name) and node.value.id == "params":
            return Ref(node.attr, param=True)
        raise ExprError("only params.NAME may use a dot")
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str, bool)) or (
        isinstance(node, ast.Constant) and node.value is None
    ):
        return Const(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        if isinstance(node.operand.value, (int, float)):
            return Const(-node.operand.value)
    if isinstance(node, ast.BinOp) and type(node.op) in ARITH:
        return Arith(ARITH[type(node.op)], _operand(node.left), _operand(node.right))
    if isinstance(node, (ast.List, ast.Tuple)):
        items = []
        for elt in node.elts:
            if not isinstance(elt, ast.Constant):
                raise ExprError("list items must be constants")
            items.append(elt.value)
        return Const(tuple(items))
    raise ExprError(f"unsupported syntax: {ast.dump(node)[:60]}")


def refs(node: Operand | Compare) -> list[Ref]:
    """Every fact or parameter an expression reads, in order."""
    if isinstance(node, Compare):
        return refs(node.left) + refs(node.right)
    if isinstance(node, Ref):
        return [node]
    if isinstance(node, Arith):
        return refs(node.left) + refs(node.right)
    return []


def evaluate_operand(node: Operand, values: dict) -> object:
    """Value of an operand over a document fact (``values`` keyed by Ref.field); None propagates."""
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Ref):
        return values.get(node.field)
    left, right = evaluate_operand(node.left, values), evaluate_operand(node.right, values)
    if not isinstance(left, (int, float)) or not isinstance(right, (int, float)):
        return None
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    return left / right if right else None


def evaluate_compare(cmp: Compare, values: dict) -> bool:
    """True/False of a comparison; a comparison that reads a missing value is False."""
    left, right = evaluate_operand(cmp.left, values), evaluate_operand(cmp.right, values)
    if cmp.is_null_test:
        return (left is None) == (cmp.op == "==")
    if cmp.op in ("in", "not in"):
        if left is None or not isinstance(right, tuple):
            return False
        return (left in right) == (cmp.op == "in")
    if left is None or right is None:
        return False
    try:
        if cmp.op == ">":
            return left > right
        if cmp.op == ">=":
            return left >= right
        if cmp.op == "<":
            return left < right
        if cmp.op == "<=":
            return left <= right
        if cmp.op == "==":
            return left == right
        return left != right
    except TypeError:
        return False
