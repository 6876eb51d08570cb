"""Regression tests for the sharp edges of durable-rules 2.0.28 that the engine works around."""
from __future__ import annotations

import copy
import itertools
import subprocess
import sys

import pytest

from checker.engine import durable
from checker.engine.compile import compile_rules
from checker.rulepack import load_pack

_names = itertools.count()


def _ruleset(rules: dict) -> str:
    name = f"edge_{next(_names)}"
    durable.register(name, rules)
    return name


def test_durable_rules_imports_on_this_python():
    import durable_rules_engine  # noqa: F401  (3.13+ builds but cannot import: the Makefile avoids it)


_PROBE = """
import os
from checker.engine import durable
durable.register("probe", {"r": {"all": [{"m": {"kind": "probe"}}]}})
try:
    for i in range(1025):
        durable.host().assert_fact("probe", {"sid": f"s{i}", "id": i, "kind": "probe"})
except MemoryError:
    os.write(1, f"MemoryError at {i + 1}\\n".encode())  # one write: the engine may crash right after
"""


def test_a_ruleset_refuses_the_1025th_live_state():
    # in a child process: the engine is left unusable (and has crashed at exit) afterwards
    proc = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120)
    assert "MemoryError at 1025" in proc.stdout


def test_run_deletes_each_document_state_so_thousands_of_documents_fit():
    name = _ruleset({"r": {"all": [{"d": {"kind": "doc"}}]}})
    for _ in range(1500):
        assert durable.run(name, [], {"id": -1, "kind": "doc"}) == [("r", ())]


def test_an_identical_fact_asserted_twice_is_refused_so_every_fact_gets_an_id():
    _, observed = durable.exceptions()
    name = _ruleset({"r": {"all": [{"m": {"kind": "topic"}}]}, "_catch_all#0": {"all": [{"m": {"$ex": {"kind": 1}}}]}})
    host = durable.host()
    host.assert_fact(name, {"sid": "dup", "kind": "topic", "name": "x"})
    with pytest.raises(observed):
        host.assert_fact(name, {"sid": "dup", "kind": "topic", "name": "x"})
    # the engine's own facts differ by id, so two clauses with the same topic are fine
    fired = durable.run(name, [{"id": 0, "kind": "topic", "name": "x"}, {"id": 1, "kind": "topic", "name": "x"}],
                        {"id": -1, "kind": "doc"})
    assert len([r for r, _ in fired if r == "r"]) == 2


def test_a_fact_no_rule_matches_raises_without_the_catch_all():
    not_handled, _ = durable.exceptions()
    name = _ruleset({"only": {"all": [{"m": {"kind": "x"}}]}})
    with pytest.raises(not_handled):
        durable.host().assert_fact(name, {"sid": "nh", "id": 1, "kind": "y"})


def test_compiled_packs_carry_a_catch_all_so_unmatched_facts_are_handled():
    pack = load_pack()
    name = _ruleset(compile_rules(pack.rules))
    fired = durable.run(name, [{"id": 0, "kind": "unheard-of", "name": "z"}], {"id": -1, "kind": "doc"})
    # no MessageNotHandledException was raised, and it is the catch-all that took the fact
    assert [r for r, _ in fired].count("_catch_all#0") == 2  # the unheard-of fact and the document


def test_absence_fires_wrongly_when_the_document_fact_comes_before_the_clause_facts():
    rules = {"absent": {"all": [{"d": {"kind": "doc"}}, {"n$not": {"kind": "topic"}}]},
             "_catch_all#0": {"all": [{"m": {"$ex": {"kind": 1}}}]}}
    name = _ruleset(rules)
    host = durable.host()
    wrong_order = [{"sid": "w", "id": -1, "kind": "doc"}, {"sid": "w", "id": 0, "kind": "topic"}]
    fired_before = len(durable._FIRED.get("w", []))
    for fact in wrong_order:
        host.assert_fact(name, fact)
    assert any(r == "absent" for r, _ in durable._FIRED.get("w", [])[fired_before:])  # fired and stays fired
    durable._FIRED.pop("w", None)
    # the engine asserts the document fact last: no false absence
    assert [r for r, _ in durable.run(name, [{"id": 0, "kind": "topic"}], {"id": -1, "kind": "doc"})
            if r == "absent"] == []


def test_a_leading_negation_is_never_evaluated_so_negations_follow_the_document_term():
    rules = {"lead": {"all": [{"n$not": {"kind": "topic"}}, {"d": {"kind": "doc"}}]},
             "tail": {"all": [{"d": {"kind": "doc"}}, {"n$not": {"kind": "topic"}}]},
             "_catch_all#0": {"all": [{"m": {"$ex": {"kind": 1}}}]}}
    name = _ruleset(rules)
    fired = {r for r, _ in durable.run(name, [], {"id": -1, "kind": "doc"})}
    assert "tail" in fired and "lead" not in fired


def test_the_host_mutates_definitions_so_registration_uses_a_deep_copy():
    definition = compile_rules(load_pack().rules)
    before = copy.deepcopy(definition)
    durable.register(f"copy_{next(_names)}", definition)
    assert definition == before


def test_compiled_rules_never_use_the_engines_regex_operator():
    text = str(compile_rules(load_pack().rules))
    assert "$mt" not in text  # regexes run in Python over clause text; the engine gets short fields
