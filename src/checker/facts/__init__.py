"""Facts: what a contract says, per clause (topics, obligations, rates, amounts, dates,
parties) and as the flat summary the rules read.

``extract_facts(contract)`` is the only entry point; ``FACT_KEYS`` (summary key -> type),
``TOPICS`` and ``ACTIONS`` are the vocabulary the rule loader validates rules against.

The fact readers load with ``extract_facts`` (``facts.extract``), on first use: the names
are light, so loading a rule pack (a run answered from the cache) does not load the readers.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .names import ACTIONS, FACT_KEYS, TOPICS

if TYPE_CHECKING:
    from .extract import extract_facts

__all__ = ["extract_facts", "FACT_KEYS", "TOPICS", "ACTIONS"]


def __getattr__(name: str) -> Any:
    if name == "extract_facts":
        from .extract import extract_facts

        return extract_facts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
