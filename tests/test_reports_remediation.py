"""The suggested wording in the report's language: a rule's ``remediation`` in Chinese reports,
its ``remediation_en`` in English ones (the Chinese text when a rule has no English one)."""
from __future__ import annotations

import json
import re
from dataclasses import replace

import lxml.html
import pytest

from checker import api
from checker.reports import render
from checker.rulepack import load_pack
from checker.settings import Settings
from report_sample import RULES, sample_run
from sample_files import CONTRACTS

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _suggested(page: str) -> set[str]:
    """The texts of the HTML report's suggested-wording boxes."""
    return {p.text_content() for p in lxml.html.document_fromstring(page).xpath("//div[@class='remedy']/p")}


@pytest.fixture(scope="module")
def cash_loan():
    """A sample contract checked with the built-in pack (several rules fire on it)."""
    return api.check([str(CONTRACTS / "cash-loan.docx")], Settings(use_cache=False, executor="inprocess"))


@pytest.fixture(scope="module")
def fired(cash_loan):
    pack = load_pack(())
    rules = [pack.rule(f.rule_id) for f in cash_loan.documents[0].findings]
    assert rules and all(r.remediation and r.remediation_en for r in rules)
    return rules


def test_an_english_html_report_of_a_sample_shows_each_rules_english_remediation(cash_loan, fired):
    assert _suggested(render("html", cash_loan, lang="en")) == {r.remediation_en for r in fired}


def test_a_chinese_html_report_of_a_sample_shows_each_rules_chinese_remediation(cash_loan, fired):
    assert _suggested(render("html", cash_loan, lang="zh")) == {r.remediation for r in fired}


def test_the_sarif_help_of_a_rule_follows_the_language(cash_loan, fired):
    for lang, text_of in (("en", lambda r: r.remediation_en), ("zh", lambda r: r.remediation)):
        helps = {r["id"]: r["help"] for r in json.loads(render("sarif", cash_loan, lang=lang))["runs"][0]["tool"]["driver"]["rules"]}
        for rule in fired:
            assert text_of(rule) in helps[rule.id]["text"], (lang, rule.id)
    english = {r["id"]: r["help"]["markdown"] for r in
               json.loads(render("sarif", cash_loan, lang="en"))["runs"][0]["tool"]["driver"]["rules"]}
    assert all(not _CJK.search(english[r.id].split("**Suggested change**")[1]) for r in fired)


def test_the_json_report_keeps_remediation_chinese_and_adds_remediation_en(cash_loan, fired):
    for lang in ("zh", "en"):
        findings = json.loads(render("json", cash_loan, lang=lang))["documents"][0]["findings"]
        by_rule = {r.id: r for r in fired}
        for f in findings:
            assert f["remediation"] == by_rule[f["rule_id"]].remediation
            assert f["remediation_en"] == by_rule[f["rule_id"]].remediation_en


def test_an_english_report_falls_back_to_the_chinese_remediation_of_a_rule_without_an_english_one():
    assert not RULES[1].remediation_en and RULES[1].remediation in _suggested(render("html", sample_run(), lang="en"))


def test_an_english_report_takes_the_rules_english_remediation_when_the_finding_has_none():
    english = "Do not disclose the borrower's debt to anyone but the borrower."
    run = sample_run()
    run = replace(run, rules=(replace(RULES[0], remediation_en=english), *RULES[1:]))
    assert not any(f.remediation_en for d in run.documents for f in d.findings)
    assert english in _suggested(render("html", run, lang="en"))
    assert RULES[0].remediation in _suggested(render("html", run, lang="zh"))
