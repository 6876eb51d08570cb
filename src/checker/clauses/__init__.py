"""Clause structure: Document -> Contract (flat, document-ordered clauses with parent paths)."""
from checker.clauses.builder import parse_contract
from checker.clauses.render import render_tree

__all__ = ["parse_contract", "render_tree"]
