"""The one module that imports durable_rules.

Sharp edges of durable-rules 2.0.28, each with a regression test in tests/test_engine_durable.py:
- a ruleset holds at most 1,024 live states (the 1,025th raises MemoryError): every
  document's state is deleted in a ``finally``;
- fact identity is a 32-bit hash of the fact: each fact carries a unique ``id`` and a state
  only ever holds one document's facts;
- a fact that matches no rule raises MessageNotHandledException: the compiled pack has a
  catch-all rule;
- ``none`` has no truth maintenance: the caller asserts clause facts first, the document
  fact last;
- ``$mt`` is not Python regex and fails silently on long strings: text is matched in Python,
  the engine only sees short fields;
- the Host starts timer threads that never stop and mutates the definitions it is given
  (it deletes ``run``): one host per process, registered with deep copies.
"""
from __future__ import annotations

import copy
import itertools
import os
import threading
from typing import Callable

from durable import engine as _engine

_HOST: _engine.Host | None = None
_REGISTERED: set[str] = set()
_LOCK = threading.Lock()
_SIDS = itertools.count(1)
_FIRED: dict[str, list[tuple[str, tuple[int, ...]]]] = {}


def host() -> _engine.Host:
    global _HOST
    if _HOST is None:
        _HOST = _engine.Host()
    return _HOST


def _action(name: str) -> Callable:
    def run(c) -> None:
        matched = getattr(c, "_m", None) or {}
        aliases = sorted((a for a in matched if a[:1] == "f" and a[1:].isdigit()), key=lambda a: int(a[1:]))
        ids = tuple(int(matched[a]["id"]) for a in aliases)
        _FIRED.setdefault(str(c.s.sid), []).append((name, ids))

    return run


def register(ruleset: str, definition: dict[str, dict]) -> None:
    """Register a compiled ruleset once per process (by its content-derived name)."""
    with _LOCK:
        if ruleset in _REGISTERED:
            return
        rules = copy.deepcopy(definition)
        for name, rule in rules.items():
            rule["run"] = _action(name)
        host().register_rulesets({ruleset: rules})
        _REGISTERED.add(ruleset)


def run(ruleset: str, clause_facts: list[dict], doc_fact: dict) -> list[tuple[str, tuple[int, ...]]]:
    """Assert one document's facts in a state of its own; return (rule name, fact ids) fired.

    The state is deleted afterwards whatever happens.
    """
    sid = f"{os.getpid()}-{next(_SIDS)}"
    h = host()
    try:
        with _LOCK:
            for fact in clause_facts:
                h.assert_fact(ruleset, dict(fact, sid=sid))
            h.assert_fact(ruleset, dict(doc_fact, sid=sid))
            return list(_FIRED.get(sid, []))
    finally:
        _FIRED.pop(sid, None)
        with _LOCK:
            try:
                h.delete_state(ruleset, sid)
            except Exception:  # noqa: BLE001 - a failed cleanup must not hide the result
                pass


def exceptions() -> tuple[type, type]:
    """durable-rules' (MessageNotHandledException, MessageObservedException), for tests."""
    return _engine.MessageNotHandledException, _engine.MessageObservedException
