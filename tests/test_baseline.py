"""Fingerprints and the baseline: known findings are matched without line numbers."""
import json
from dataclasses import replace

import pytest

from checker.errors import ConfigError
from checker.findings.baseline import apply_baseline, load_baseline
from checker.findings.fingerprint import finding_fingerprint
from checker.model import DocumentResult, Finding, Note, RunResult, Severity
from checker.reports.json_report import render
from checker.reports import i18n


def finding(rule_id, clause_path, line=10, evidence="逾期利率为年利率36%"):
    return Finding(rule_id=rule_id, severity=Severity.HIGH, title="t", message="m", clause="第七条",
                   clause_path=clause_path, page=3, line_start=line, line_end=line + 1, evidence=evidence)


def doc(path, *findings):
    return DocumentResult(path=path, status="checked", findings=tuple(findings))


def write_report(tmp_path, *docs):
    path = tmp_path / "baseline.json"
    path.write_text(render(RunResult(documents=tuple(docs), profile="auto", version="t")), encoding="utf-8")
    return str(path)


# ---------------------------------------------------------------- fingerprint

def test_fingerprint_is_16_hex_digits():
    fp = finding_fingerprint("a.pdf", "rule", "7", "逾期利率")
    assert len(fp) == 16 and int(fp, 16) >= 0


def test_fingerprint_ignores_whitespace_punctuation_width_and_path_spelling():
    a = finding_fingerprint("contracts/a.pdf", "rule", "7", "逾期利率为：年利率 24%，按日计算。")
    b = finding_fingerprint(".\\contracts\\a.pdf", "rule", "7", "逾期利率为:年利率\n２４%,按日计算")
    assert a == b


@pytest.mark.parametrize("change", [
    ("b.pdf", "rule", "7", "逾期利率24%"), ("a.pdf", "other", "7", "逾期利率24%"),
    ("a.pdf", "rule", "8", "逾期利率24%"), ("a.pdf", "rule", "7", "逾期利率36%"),
])
def test_fingerprint_changes_with_path_rule_clause_and_words(change):
    assert finding_fingerprint("a.pdf", "rule", "7", "逾期利率24%") != finding_fingerprint(*change)


# ---------------------------------------------------------------- baseline

def test_baseline_drops_known_findings_and_keeps_new_ones(tmp_path):
    known = finding("overdue-rate-excessive", "7")
    keys = load_baseline(write_report(tmp_path, doc("a.pdf", known)))
    new = finding("apr-not-disclosed", "3")
    results, notes = apply_baseline([doc("a.pdf", known, new), doc("b.pdf", known)], keys)
    assert [f.rule_id for f in results[0].findings] == ["apr-not-disclosed"]
    assert [f.rule_id for f in results[1].findings] == ["overdue-rate-excessive"]  # other file: new
    assert notes == [Note("baseline", {"known": 1})]
    assert i18n.note(notes[0], "en") == "baseline: 1 known finding not reported"
    assert i18n.note(notes[0], "zh") == "基线：1项已知发现未再报告"


def test_same_rule_and_clause_on_a_moved_line_is_still_known(tmp_path):
    keys = load_baseline(write_report(tmp_path, doc("a.pdf", finding("overdue-rate-excessive", "7", line=10))))
    moved = replace(finding("overdue-rate-excessive", "7", line=42), page=4)
    results, _ = apply_baseline([doc("a.pdf", moved)], keys)
    assert results[0].findings == ()


def test_same_rule_in_another_clause_is_new(tmp_path):
    keys = load_baseline(write_report(tmp_path, doc("a.pdf", finding("overdue-rate-excessive", "7"))))
    results, _ = apply_baseline([doc("a.pdf", finding("overdue-rate-excessive", "9"))], keys)
    assert len(results[0].findings) == 1


def test_waived_findings_in_the_baseline_report_are_known_too(tmp_path):
    waived = replace(finding("overdue-rate-excessive", "7"), waived=True, waiver_reason="r")
    keys = load_baseline(write_report(tmp_path, doc("a.pdf", waived)))
    results, _ = apply_baseline([doc("a.pdf", finding("overdue-rate-excessive", "7"))], keys)
    assert results[0].findings == ()


def test_baseline_path_spelling_does_not_matter(tmp_path):
    keys = load_baseline(write_report(tmp_path, doc("./contracts/a.pdf", finding("r", "7"))))
    results, _ = apply_baseline([doc("contracts/a.pdf", finding("r", "7"))], keys)
    assert results[0].findings == ()


@pytest.mark.parametrize("content", [None, "{not json", "[1, 2]", json.dumps({"documents": [{"findings": []}]})])
def test_missing_or_malformed_baseline_is_a_config_error(tmp_path, content):
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="--baseline"):
        load_baseline(str(path))
