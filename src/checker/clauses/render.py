"""render_tree: the clause structure as an indented text tree, for people and debugging."""
from __future__ import annotations

from checker.model import Clause, Contract

PREVIEW_CHARS = 40


def _pages(clause: Clause) -> str:
    if clause.page_start == clause.page_end:
        return f"p{clause.page_start}"
    return f"p{clause.page_start}-{clause.page_end}"


def _preview(clause: Clause) -> str:
    text = " ".join(clause.text.split())
    return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…"


def render_line(clause: Clause) -> str:
    """One clause: path, number, title, pages, bold share and a short text preview."""
    parts = [clause.path, clause.number or "-", f"[{clause.title}]" if clause.title else "",
             _pages(clause), f"b={clause.bold_share:.2f}"]
    if not clause.emphasis_known:
        parts.append("b=?")
    head = " ".join(p for p in parts if p)
    return f"{'  ' * clause.level}{head} | {_preview(clause)}"


def render_tree(contract: Contract) -> str:
    """The whole contract, one line per clause, indented by level."""
    return "\n".join(render_line(c) for c in contract.clauses)
