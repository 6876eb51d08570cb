"""JUnit XML: one suite per document, one case per rule, failures carry the findings."""
from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from checker.reports import render
from report_sample import BROKEN, CLEAN, CRITICAL, FLAWED, HIGH, RULES, WAIVED, sample_run


def _root(run=None) -> etree._Element:
    return etree.fromstring(render("junit", run or sample_run()).encode("utf-8"))


def _suite(root, path: str) -> etree._Element:
    return next(s for s in root.iter("testsuite") if s.get("name") == path)


@pytest.fixture(scope="module")
def root():
    return _root()


def test_one_suite_per_document_named_by_its_path(root):
    assert [s.get("name") for s in root.iter("testsuite")] == [FLAWED.path, CLEAN.path, BROKEN.path]


def test_one_case_per_rule_in_force_named_by_rule_id(root):
    cases = _suite(root, CLEAN.path).findall("testcase")
    assert [c.get("name") for c in cases] == [r.id for r in RULES]
    assert {c.get("classname") for c in cases} == {CLEAN.path}


def test_a_clean_document_passes_every_case(root):
    suite = _suite(root, CLEAN.path)
    assert suite.get("tests") == "4" and suite.get("failures") == "0" and suite.get("errors") == "0"
    assert not suite.findall(".//failure")


def test_a_rule_that_fired_fails_with_the_severity_as_type(root):
    suite = _suite(root, FLAWED.path)
    assert suite.get("failures") == "4"
    failure = suite.find(f"testcase[@name='{CRITICAL.rule_id}']/failure")
    assert failure.get("type") == "critical"
    assert CRITICAL.clause in failure.text and CRITICAL.evidence in failure.text


def test_a_waived_finding_does_not_fail_its_case():
    run = replace(sample_run(), documents=(replace(FLAWED, findings=(WAIVED,)),))
    case = _suite(_root(run), FLAWED.path).find(f"testcase[@name='{WAIVED.rule_id}']")
    assert case.find("failure") is None
    assert WAIVED.waiver_reason in case.findtext("system-out")


def test_the_failure_lists_only_findings_of_that_rule_in_that_document(root):
    failure = _suite(root, FLAWED.path).find(f"testcase[@name='{HIGH.rule_id}']/failure")
    assert HIGH.evidence in failure.text and WAIVED.evidence not in failure.text


def test_an_unreadable_document_is_one_case_with_an_error(root):
    suite = _suite(root, BROKEN.path)
    cases = suite.findall("testcase")
    assert len(cases) == 1 and suite.get("errors") == "1" and suite.get("tests") == "1"
    assert cases[0].find("error").get("message") == BROKEN.error


def test_totals_add_up_over_the_suites(root):
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("9", "4", "1")


def test_script_text_is_escaped_not_markup(root):
    assert not list(root.iter("script"))


def test_characters_xml_cannot_hold_are_dropped_not_fatal():
    finding = replace(HIGH, evidence="逾期\x1b利率\x00上浮")
    run = replace(sample_run(), documents=(replace(FLAWED, findings=(finding,)),))
    failure = _suite(_root(run), FLAWED.path).find(f"testcase[@name='{HIGH.rule_id}']/failure")
    assert "逾期利率上浮" in failure.text


def test_a_finding_of_an_unlisted_rule_still_fails_a_case():
    root = _root(replace(sample_run(), rules=()))
    assert _suite(root, FLAWED.path).get("failures") == "4"
