"""Rule files are validated with one-line errors naming the file, the rule and the field."""
from __future__ import annotations

import textwrap

import pytest

from checker.errors import RuleError
from checker.rulepack import load_pack

GOOD = """
id: house-overdue-multiple
title: {zh: 逾期利率过高, en: Overdue rate too high}
severity: medium
message: 逾期利率{overdue_rate_annual_pct}%
legal_basis: [{statute: 内部政策, article: 第1条, summary: 逾期利率不超过借期内利率的1.5倍}]
when:
  expr: overdue_rate_annual_pct > interest_rate_annual_pct * 1.5
"""


def _write(tmp_path, text, name="rule.yaml"):
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def _error(tmp_path, text) -> str:
    with pytest.raises(RuleError) as info:
        load_pack([_write(tmp_path, text)], builtin=False)
    return str(info.value)


def test_a_valid_rule_loads(tmp_path):
    pack = load_pack([_write(tmp_path, GOOD)], builtin=False)
    assert [r.id for r in pack.rules] == ["house-overdue-multiple"]


def test_an_unknown_key_names_file_line_rule_and_field(tmp_path):
    msg = _error(tmp_path, GOOD + "severty: high\n")
    assert "rule.yaml" in msg and "house-overdue-multiple" in msg and "severty" in msg and "unknown key" in msg


def test_an_unknown_fact_is_rejected(tmp_path):
    msg = _error(tmp_path, GOOD.replace("interest_rate_annual_pct * 1.5", "intrest_rate * 1.5"))
    assert "unknown fact: intrest_rate" in msg and "when.expr" in msg


def test_a_wrong_type_is_rejected(tmp_path):
    msg = _error(tmp_path, GOOD.replace("severity: medium", "severity: 3"))
    assert "severity" in msg


def test_a_bad_regex_is_rejected(tmp_path):
    msg = _error(tmp_path, GOOD.replace("expr: overdue_rate_annual_pct > interest_rate_annual_pct * 1.5",
                                        "match: {pattern: '催收(['}"))
    assert "bad regular expression" in msg and "when.match.pattern" in msg


def test_a_duplicate_id_is_rejected(tmp_path):
    _write(tmp_path, GOOD, "a.yaml")
    with pytest.raises(RuleError) as info:
        load_pack([_write(tmp_path, GOOD, "b.yaml")], builtin=False)
    assert "duplicate rule id" in str(info.value)


def test_an_expression_that_calls_code_is_rejected(tmp_path):
    msg = _error(tmp_path, GOOD.replace("overdue_rate_annual_pct > interest_rate_annual_pct * 1.5",
                                        "__import__('os').system('true') > 1"))
    assert "unsupported syntax" in msg or "only params" in msg


def test_yaml_tags_that_would_build_objects_are_refused(tmp_path):
    msg = _error(tmp_path, GOOD + "x: !!python/object/apply:os.system ['true']\n")
    assert "not valid YAML" in msg


def test_a_rule_file_with_a_typo_gives_one_line_and_exit_2(cli, tmp_path):
    _write(tmp_path, GOOD.replace("when:", "wen:"))
    result = cli("rules", "validate", str(tmp_path))
    assert result.exit_code == 2
    lines = [ln for ln in result.output.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and "wen" in lines[0] and "house-overdue-multiple" in lines[0]


def test_a_basis_needs_a_quote_or_a_named_summary(tmp_path):
    text = GOOD.replace(", summary: 逾期利率不超过借期内利率的1.5倍}", "}")
    assert "quote" in _error(tmp_path, text) and "summary" in _error(tmp_path, text)


def test_a_quote_marked_unverified_is_rejected(tmp_path):
    text = GOOD.replace("summary: 逾期利率不超过借期内利率的1.5倍", "quote: （条文未核实）")
    assert "unverified" in _error(tmp_path, text)


def test_scope_is_validated(tmp_path):
    assert "scope" in _error(tmp_path, GOOD + "scope: friends\n")


def test_a_per_regime_message_must_cover_both_regimes(tmp_path):
    text = GOOD.replace("message: 逾期利率{overdue_rate_annual_pct}%", "message: {civil-code: 逾期利率过高}")
    assert "licensed" in _error(tmp_path, text)


def test_an_english_message_or_title_holding_chinese_is_rejected(tmp_path):
    error = _error(tmp_path, GOOD + "message_en: The overdue rate of {overdue_rate_annual_pct}% 过高\n")
    assert "message_en" in error and "Chinese '过'" in error
    title = GOOD.replace("en: Overdue rate too high", "en: 逾期 rate too high")
    assert "title.en" in _error(tmp_path, title)


def test_a_placeholder_may_bring_chinese_into_an_english_message(tmp_path):
    pack = load_pack([_write(tmp_path, GOOD + 'message_en: "The rate stated as {overdue_rate_stated} is too high"\n')],
                     builtin=False)
    assert pack.rules[0].message_en.startswith("The rate stated as")


def test_an_english_remediation_holding_chinese_is_rejected_naming_file_rule_and_field(tmp_path):
    error = _error(tmp_path, GOOD + "remediation: 逾期利率不超过借期内利率的1.5倍。\n"
                   "remediation_en: Cap the overdue rate at 1.5 times the 借期内 rate.\n")
    assert "rule.yaml" in error and "house-overdue-multiple" in error
    assert "remediation_en" in error and "Chinese '借'" in error


def test_an_english_remediation_is_loaded_beside_the_chinese_one(tmp_path):
    pack = load_pack([_write(tmp_path, GOOD + "remediation: 逾期利率不超过借期内利率的1.5倍。\n"
                                              "remediation_en: Cap the overdue rate at 1.5 times the in-term rate.\n")],
                     builtin=False)
    rule = pack.rules[0]
    assert rule.remediation == "逾期利率不超过借期内利率的1.5倍。"
    assert rule.info().remediation_en == "Cap the overdue rate at 1.5 times the in-term rate."


def test_every_built_in_rule_has_an_english_remediation():
    pack = load_pack((), check_builtin=True)
    assert all(r.remediation for r in pack.rules)
    assert [r.id for r in pack.rules if not r.remediation_en] == []


def test_every_built_in_rule_speaks_both_languages():
    pack = load_pack(())
    assert [r.id for r in pack.rules if not r.message_en] == []
    assert [r.id for r in pack.rules if r.not_assessable and not r.not_assessable_reason_en] == []


def test_the_built_in_pack_passes_the_rule_schema():
    """Checked here and by `checker rules validate`; a run trusts it as it trusts the code."""
    assert len(load_pack((), check_builtin=True).rules) == len(load_pack(()).rules)


def test_the_validate_command_checks_the_built_in_pack_against_the_schema(monkeypatch, cli):
    from checker.rulepack import loader

    checked = []
    monkeypatch.setattr(loader, "_check_schema", lambda path, data, rule_id: checked.append(path.name))
    assert cli("rules", "validate").exit_code == 0
    assert "interest-rate-missing.yaml" in checked
