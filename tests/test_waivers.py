"""Waivers mark matching findings as waived until they expire."""
from datetime import date

from checker.findings.waivers import Waiver, apply_waivers
from checker.model import DocumentResult, Finding, Severity
from checker.reports import i18n

TODAY = date(2025, 6, 1)


def finding(rule_id="overdue-rate-excessive"):
    return Finding(rule_id=rule_id, severity=Severity.HIGH, title="t", message="m", clause_path="7")


def doc(path, *rule_ids):
    return DocumentResult(path=path, status="checked", findings=tuple(finding(r) for r in rule_ids))


def test_matching_waiver_marks_the_finding_waived_with_its_reason():
    results, notes = apply_waivers([doc("legacy/a.pdf", "overdue-rate-excessive")],
                                   [Waiver("overdue-rate-excessive", "legacy/*.pdf", "signed in 2019")], TODAY)
    (f,) = results[0].findings
    assert f.waived and f.waiver_reason == "signed in 2019"
    assert notes == []


def test_waiver_leaves_other_rules_and_other_paths_alone():
    w = Waiver("overdue-rate-excessive", "legacy/*.pdf", "r")
    results, _ = apply_waivers([doc("legacy/a.pdf", "apr-not-disclosed"), doc("new/b.pdf", "overdue-rate-excessive")],
                               [w], TODAY)
    assert [f.waived for d in results for f in d.findings] == [False, False]


def test_glob_matches_windows_and_dot_slash_spellings_of_the_path():
    w = Waiver("overdue-rate-excessive", "legacy/*.pdf", "r")
    results, _ = apply_waivers([doc("legacy\\a.pdf", "overdue-rate-excessive"),
                                doc("./legacy/b.pdf", "overdue-rate-excessive")], [w], TODAY)
    assert all(f.waived for d in results for f in d.findings)


def test_waiver_still_applies_on_its_expiry_date():
    w = Waiver("overdue-rate-excessive", "*", "r", expires=TODAY)
    results, notes = apply_waivers([doc("a.pdf", "overdue-rate-excessive")], [w], TODAY)
    assert results[0].findings[0].waived and notes == []


def test_expired_waiver_stops_applying_and_is_reported():
    w = Waiver("overdue-rate-excessive", "*.pdf", "until the template is fixed", expires=date(2025, 5, 31))
    results, notes = apply_waivers([doc("a.pdf", "overdue-rate-excessive")], [w], TODAY)
    assert not results[0].findings[0].waived
    assert [n.code for n in notes] == ["waiver_expired"]
    assert i18n.note(notes[0], "en") == ("waiver for overdue-rate-excessive on *.pdf expired on 2025-05-31: "
                                         "until the template is fixed (1 finding no longer waived)")
    assert i18n.note(notes[0], "zh") == ("规则 overdue-rate-excessive 对 *.pdf 的豁免已于2025-05-31到期："
                                         "until the template is fixed（1项发现不再豁免）")


def test_input_results_are_not_changed():
    original = doc("a.pdf", "overdue-rate-excessive")
    apply_waivers([original], [Waiver("overdue-rate-excessive", "*", "r")], TODAY)
    assert not original.findings[0].waived
