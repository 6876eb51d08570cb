"""The JSON report: the shape of ../shared/spec/interface.md, documented and checked by its JSON Schema."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from importlib import resources

import jsonschema
import pytest

from checker.model import REPORT_FACTS
from checker.reports import render
from report_sample import BROKEN, CLEAN, CRITICAL, FLAWED, SCRIPT, WAIVED, sample_run


@pytest.fixture(scope="module")
def schema() -> dict:
    text = resources.files("checker").joinpath("schemas/report.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _report(run=None) -> dict:
    return json.loads(render("json", run or sample_run()))


def test_the_schema_is_a_valid_draft_2020_12_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_report_validates_against_the_packaged_schema(schema):
    jsonschema.Draft202012Validator(schema).validate(_report())


def test_the_schema_rejects_a_finding_with_an_unknown_key(schema):
    report = _report()
    report["documents"][0]["findings"][0]["line"] = 3
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(report)


def test_the_schema_rejects_an_error_document_without_its_reason(schema):
    report = _report()
    report["documents"][2]["error"] = None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(report)


def test_top_level_keys_come_in_the_documented_order():
    assert list(_report()) == ["tool", "profile", "summary", "documents", "notes"]


def test_document_and_finding_keys_come_in_the_documented_order():
    doc = _report()["documents"][0]
    assert list(doc) == ["path", "status", "error", "error_kind", "pages", "facts", "findings", "waived",
                         "profile", "profile_reason", "notes", "reason", "reason_note", "profile_note"]
    assert list(doc["findings"][0]) == ["rule_id", "severity", "title", "message", "legal_basis", "remediation",
                                        "clause", "clause_path", "page", "evidence", "fingerprint",
                                        "message_en", "remediation_en", "line_start", "line_end", "text_span", "new", "legal_basis_detail"]


def test_summary_counts_findings_by_severity_without_the_waived_one():
    assert _report()["summary"] == {
        "documents": 3, "errors": 1, "skipped": 0,
        "findings": {"critical": 1, "high": 1, "medium": 1, "low": 1, "info": 0},
    }


def test_waived_findings_are_listed_apart_with_their_reason():
    doc = _report()["documents"][0]
    assert [f["fingerprint"] for f in doc["waived"]] == [WAIVED.fingerprint]
    assert doc["waived"][0]["waiver_reason"] == WAIVED.waiver_reason
    assert WAIVED.fingerprint not in {f["fingerprint"] for f in doc["findings"]}


def test_findings_are_ordered_most_severe_first():
    severities = [f["severity"] for f in _report()["documents"][0]["findings"]]
    assert severities == ["critical", "high", "medium", "low"]


def test_chinese_text_is_written_as_is_not_as_escapes():
    out = render("json", sample_run())
    assert CRITICAL.evidence in out and "\\u" not in out


def test_evidence_round_trips_exactly():
    evidence = {f["evidence"] for f in _report()["documents"][0]["findings"]}
    assert f"贷款人有权单方调整利率{SCRIPT}\n无需另行通知" in evidence


def test_legal_basis_is_a_list_of_strings_with_the_quote():
    finding = _report()["documents"][0]["findings"][0]
    assert finding["legal_basis"] == ["个人信息保护法 第13条：「处理个人信息应当取得个人同意」"]


def test_error_and_clean_documents_keep_their_status_and_reason():
    docs = {d["path"]: d for d in _report()["documents"]}
    assert docs[BROKEN.path]["status"] == "error" and docs[BROKEN.path]["error"] == BROKEN.error
    assert docs[CLEAN.path]["findings"] == [] and docs[CLEAN.path]["error"] is None
    assert docs[CLEAN.path]["profile_reason"] == CLEAN.profile_reason


def test_run_notes_are_carried_as_code_values_and_text_in_the_report_language():
    [note] = sample_run().notes
    zh = _report()["notes"]
    en = json.loads(render("json", sample_run(), lang="en"))["notes"]
    assert zh == [{"code": "waiver_expired", "values": dict(note.values),
                   "text": "规则 interest-rate-excessive 对 legacy/* 的豁免已于2024-01-01到期：旧版模板（1项发现不再豁免）"}]
    assert en[0]["code"] == "waiver_expired" and en[0]["values"] == zh[0]["values"]
    assert en[0]["text"] == ("waiver for interest-rate-excessive on legacy/* expired on 2024-01-01: 旧版模板 "
                             "(1 finding no longer waived)")


def test_facts_of_any_plain_python_type_are_serialised():
    facts = {"contract_date": dt.date(2024, 3, 15), "topics": frozenset({"fees", "amendment"}), "loan_amount": 5e4}
    run = replace(sample_run(), documents=(replace(FLAWED, facts=facts),))
    facts = _report(run)["documents"][0]["facts"]
    assert {k: facts[k] for k in ("contract_date", "loan_amount", "topics")} == {
        "contract_date": "2024-03-15", "loan_amount": 50000.0, "topics": ["amendment", "fees"]}


def test_every_document_carries_the_interface_facts_null_where_unknown():
    run = replace(sample_run(), documents=(replace(FLAWED, facts={"loan_amount": 1000}),))
    facts = _report(run)["documents"][0]["facts"]
    assert facts["loan_amount"] == 1000
    assert all(key in facts for key in REPORT_FACTS) and facts["contract_date"] is None


def test_rendering_is_deterministic():
    assert render("json", sample_run()) == render("json", sample_run())
