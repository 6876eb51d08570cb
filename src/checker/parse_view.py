"""What `checker parse` shows: the document's metadata, clause tree and facts."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .model import Contract, FactSet
from .reports import cost_view
from .reports.safe import terminal_safe


def parse_json(contract: Contract, factset: FactSet) -> dict[str, Any]:
    doc = contract.document
    return {
        "path": doc.path,
        "format": doc.format,
        "pages": len(doc.pages),
        "metadata": {k: _plain(v) for k, v in doc.metadata.items()},
        "clauses": [
            {k: v for k, v in asdict(c).items()} for c in contract.clauses
        ],
        "facts": {k: _plain(v) for k, v in factset.summary.items()},
        "fact_items": [
            {"kind": f.kind, "name": f.name, "value": _plain(f.value), "clause": f.clause, "page": f.page,
             "evidence": f.evidence, **({"attrs": {k: _plain(v) for k, v in f.attrs.items()}} if f.attrs else {})}
            for f in factset.items
        ],
    }


def parse_text(contract: Contract, factset: FactSet, tree: str) -> str:
    doc = contract.document
    meta = ", ".join(f"{k}={terminal_safe(str(v))}" for k, v in doc.metadata.items() if v not in (None, ""))
    lines = [f"{doc.path}  ({doc.format}, {len(doc.pages)} page(s), {len(contract.clauses)} clauses)"]
    if meta:
        lines.append(f"metadata: {meta}")
    lines += ["", "Clauses:", tree, "", "Facts:"]
    for key, value in factset.summary.items():
        if value not in (None, [], "") and key != "all_in_cost_schedule":
            lines.append(f"  {key}: {value}")
    if cost_view.has_working(factset.summary):
        # parse's labels are English: its cost section too
        lines += ["", "All-in cost:", "  " + cost_view.headline(factset.summary, "en"),
                  *cost_view.text_table(factset.summary, "    ", "en")]
    return "\n".join(lines)


def _plain(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)
