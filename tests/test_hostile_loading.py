"""Hostile input, loading: rule files, checker.yaml and --baseline are bounded (YAML alias bombs,
deep nesting, huge expressions), a large rule pack is split so the engine never spins, and
every failure is one line with exit 2, never a traceback or exit 1."""
from __future__ import annotations

import sys

import pytest

from checker import cli
from checker.api import check_contract, parse
from checker.pipeline import _pack
from checker.engine import compiled
from checker.engine.compile import ENGINE_TABLE, PATH_BUDGET, split_rulesets
from checker.errors import ConfigError, RuleError
from checker.findings.baseline import load_baseline
from checker.rulepack import load_pack
from checker.settings import Settings, load_settings

HEAD = """id: {id}
title: {{zh: 测试, en: test}}
severity: high
message: 测试规则命中。
legal_basis:
  - {{statute: 测试法, article: 第1条, summary: 测试要旨}}
"""


def alias_bomb(key: str, levels: int = 8) -> str:
    text = f"{key}:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, levels):
        text += f"  - &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
    return text


def rule_folder(tmp_path, files: dict[str, str]):
    folder = tmp_path / "rules"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_an_alias_bomb_in_a_rule_file_is_refused(tmp_path):
    text = HEAD.format(id="bomb") + alias_bomb("tags") + "when: {expr: interest_rate_annual_pct > 1}\n"
    with pytest.raises(RuleError, match="expands to more than"):
        load_pack([rule_folder(tmp_path, {"bomb.yaml": text})])


def test_deep_nesting_in_a_rule_file_is_refused(tmp_path):
    when = "{not: " * 500 + "{expr: interest_rate_annual_pct > 1}" + "}" * 500
    with pytest.raises(RuleError, match="nested more than"):
        load_pack([rule_folder(tmp_path, {"deep.yaml": HEAD.format(id="deep") + f"when: {when}\n"})])


@pytest.mark.parametrize("expr", ["loan_amount > " + "+".join(["1"] * 100_000), "loan_amount > " + "(" * 300 + "1" + ")" * 300],
                         ids=["100000-terms", "300-parentheses"])
def test_a_huge_expression_is_a_rule_error(tmp_path, expr):
    text = HEAD.format(id="huge") + f"when: {{expr: '{expr}'}}\n"
    with pytest.raises(RuleError, match="when.expr"):
        load_pack([rule_folder(tmp_path, {"huge.yaml": text})])


@pytest.mark.parametrize("text", [alias_bomb("disable"), "waivers: " + "[" * 5000 + "]" * 5000 + "\n",
                                  "waivers:\n  - &w {rule: r, path: 'a/*', reason: r}\n" + "  - *w\n" * 60_000,
                                  "disable: &a [x, *a]\n"],
                         ids=["alias-bomb", "deep", "many-aliased-waivers", "recursive"])
def test_a_hostile_checker_yaml_is_a_config_error(tmp_path, text):
    config = tmp_path / "checker.yaml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="checker.yaml"):
        load_settings(str(config), {})


def test_a_deeply_nested_baseline_is_a_config_error(tmp_path):
    baseline = tmp_path / "old.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ConfigError, match="nested too deeply"):
        load_baseline(str(baseline))


def test_rulesets_stay_under_the_engine_table_and_keep_every_rule():
    definition = {f"r{i}#0": {"all": [{"d": {"$and": [{"kind": "doc"}, {"$gt": {"x": i}}]}}]} for i in range(1000)}
    definition["_catch_all#0"] = {"all": [{"m": {"$ex": {"kind": 1}}}]}
    parts = split_rulesets(definition)
    assert PATH_BUDGET < ENGINE_TABLE and len(parts) == 3
    assert all(len(p) - 1 <= PATH_BUDGET and "_catch_all#0" in p for p in parts)
    assert sorted(n for p in parts for n in p if n != "_catch_all#0") == sorted(n for n in definition if n[0] == "r")


def test_a_rule_too_large_for_any_ruleset_is_refused():
    wide = {"all": [{"d": {"$or": [{"$eq": {"x": i}} for i in range(PATH_BUDGET + 1)]}}]}
    with pytest.raises(ValueError, match="wide has"):
        split_rulesets({"wide#0": wide})


def test_a_pack_past_the_engine_limit_runs_as_several_rulesets(tmp_path):
    files = {f"r{i:04d}.yaml": HEAD.format(id=f"many-{i}") + f"when: {{expr: interest_rate_annual_pct > {i}}}\n"
             for i in range(530)}
    folder = rule_folder(tmp_path, files)
    pack = _pack((str(folder),), ())
    assert len(compiled(pack)) >= 2
    contract_file = tmp_path / "c.txt"
    contract_file.write_text("借款合同\n出借人：甲公司\n借款人：张三\n第一条 借款金额为人民币10000元。\n第二条 借款年利率为12%。\n",
                             encoding="utf-8")
    contract, factset = parse(str(contract_file), pack=pack)
    result = check_contract(contract, factset, Settings(rule_dirs=(str(folder),)), pack=pack)
    fired = {f.rule_id for f in result.findings if f.rule_id.startswith("many-")}
    assert fired == {f"many-{i}" for i in range(12)}


def test_an_unexpected_failure_is_one_line_and_exit_2(monkeypatch, capsys):
    def explode(*args, **kwargs):
        raise RuntimeError("boom\nsecond line tcp://admin:secret@host:8786")

    monkeypatch.setattr("checker.settings.load_settings", explode)
    monkeypatch.setattr(sys, "argv", ["checker", "check", "x.txt"])
    with pytest.raises(SystemExit) as stop:
        cli.run()
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert err.startswith("checker: error: internal error: RuntimeError: boom") and err.count("\n") == 1
    assert "secret" not in err and "Traceback" not in err


def test_a_scheduler_password_never_reaches_a_message():
    from checker.batch.executors import DaskExecutor
    from checker.errors import UsageError

    pytest.importorskip("distributed")
    with pytest.raises(UsageError) as err:
        DaskExecutor("tcp://admin:secret@127.0.0.1:1")._connect()
    assert "secret" not in str(err.value) and "admin" not in str(err.value)
