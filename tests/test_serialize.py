"""One serialiser of a result: the cache, the results store and the JSON report share it."""
from __future__ import annotations

import json

import pytest

from checker.errors import ErrorKind
from checker.model import DocumentResult, Finding, LegalBasis, Note, RunResult, Severity
from checker.reports import json_report
from checker.serialize import (InvalidResult, document_from_dict, document_to_dict, run_from_dict,
                               run_to_dict)

BASIS = LegalBasis("民法典", "第六百八十条", quote="禁止高利放贷", regimes=("civil-code",))
SUMMARY = LegalBasis("民间借贷司法解释", "第二十五条", summary="利率不得超过一年期LPR四倍")


def finding(rule_id: str, severity: Severity, line: int, **more) -> Finding:
    return Finding(rule_id=rule_id, severity=severity, title="标题", message="说明", message_en="message",
                   legal_basis=(BASIS, SUMMARY), remediation="改写", remediation_en="Reword", clause="第七条", clause_path="7", page=2,
                   line_start=line, line_end=line + 1, evidence="逾期利率为年利率36%", fingerprint="ab12cd",
                   text_span=(10, 22), **more)


# build order: most severe first, then by line; the waived one sits between two that count
FINDINGS = (
    finding("overdue-rate-excessive", Severity.HIGH, 3, new=True),
    finding("collection-conduct-missing", Severity.HIGH, 9, waived=True, waiver_reason="旧模板",
            waiver_expires="2027-01-31"),
    finding("prepayment-penalty", Severity.MEDIUM, 1),
)
CHECKED = DocumentResult(path="contracts/a.pdf", status="checked", pages=3,
                         facts={"loan_amount": 50000, "contract_date": "2024-03-15", "tags": ["x", 1.5]},
                         findings=FINDINGS, profile="civil-code", profile_reason="出借人为自然人",
                         notes=(Note("undated", {"today": "2026-12-06"}),), ocr={"engine": "rapidocr", "pages": [2], "mean_confidence": 0.97,
                                               "page_confidence": {"2": 0.97}})
BROKEN = DocumentResult(path="b.pdf", status="error", error="encrypted PDF: a password is needed to read it",
                        error_kind=ErrorKind.ENCRYPTED)
SKIPPED = DocumentResult(path="c.txt", status="skipped", reason=Note("not_a_loan", {"title": "租赁合同"}))
RUN = RunResult(documents=(CHECKED, BROKEN, SKIPPED), profile="auto", version="9.9",
                notes=(Note("baseline", {"known": 2}),))


@pytest.mark.parametrize("doc", [CHECKED, BROKEN, SKIPPED], ids=["checked", "error", "skipped"])
def test_a_result_round_trips_through_json_unchanged(doc):
    assert document_from_dict(json.loads(json.dumps(document_to_dict(doc)))) == doc


def test_a_run_round_trips_through_its_json_report():
    back = run_from_dict(json.loads(json_report.render(RUN)))
    assert back == RunResult(documents=RUN.documents, profile="auto", version="9.9", notes=RUN.notes)


def _without_texts(report: dict) -> dict:
    """A JSON report less what it adds to the dump in its language: each note's text, and a
    skipped document's reason as text (the note itself is its reason_note)."""
    def note(n: dict) -> dict:
        return {k: v for k, v in n.items() if k != "text"}

    out = {**report, "notes": [note(n) for n in report["notes"]], "documents": []}
    for doc in report["documents"]:
        doc = {**doc, "notes": [note(n) for n in doc["notes"]]}
        reason = doc.pop("reason_note")
        doc["reason"] = note(reason) if reason else None
        out["documents"].append(doc)
    return out


def test_the_json_report_is_the_dumped_run_inside_the_envelope_with_the_notes_texts():
    report = json.loads(json_report.render(RUN))
    envelope = {"tool": {"name": "checker", "version": "9.9"},
                "summary": {"documents": 3, "errors": 1, "skipped": 1,
                            "findings": {"critical": 0, "high": 1, "medium": 1, "low": 0, "info": 0}}}
    assert _without_texts(report) == {**envelope, **json.loads(json.dumps(run_to_dict(RUN)))}
    assert report["notes"][0]["text"] == "基线：2项已知发现未再报告"
    assert report["documents"][2]["reason"] == "「租赁合同」与借款无关"


def test_the_dump_lists_waived_findings_apart_and_in_reading_order():
    data = document_to_dict(CHECKED)
    assert [f["rule_id"] for f in data["findings"]] == ["overdue-rate-excessive", "prepayment-penalty"]
    assert [(f["rule_id"], f["waiver_reason"], f["waiver_expires"]) for f in data["waived"]] == [
        ("collection-conduct-missing", "旧模板", "2027-01-31")]


def test_legal_bases_are_lines_of_text_with_their_fields_beside_them():
    data = document_to_dict(CHECKED)["findings"][0]
    assert data["legal_basis"] == ["民法典 第六百八十条：「禁止高利放贷」", "民间借贷司法解释 第二十五条（要旨）：利率不得超过一年期LPR四倍"]
    assert data["legal_basis_detail"][0] == {"statute": "民法典", "article": "第六百八十条", "quote": "禁止高利放贷",
                                             "summary": "", "regimes": ["civil-code"]}


def test_a_typed_document_has_no_ocr_key():
    assert "ocr" not in document_to_dict(BROKEN)


def test_a_result_stored_by_the_previous_checker_still_reads():
    legacy = {"path": "a.pdf", "status": "checked", "error": None, "pages": 1, "facts": {}, "ocr": None,
              "findings": [{"rule_id": "prepayment-penalty", "severity": "medium", "title": "t", "message": "m",
                            "legal_basis": [{"statute": "民法典", "article": "第六百八十条", "quote": "",
                                             "summary": "", "regimes": []}],
                            "waived": True, "waiver_reason": "r", "page": 1}]}
    doc = document_from_dict(legacy)
    assert doc.findings[0].legal_basis == (LegalBasis("民法典", "第六百八十条"),) and doc.findings[0].waived


def test_a_legal_basis_line_that_is_not_text_is_refused():
    data = document_to_dict(CHECKED)
    data["findings"][0]["legal_basis"] = [{"statute": 1}]
    with pytest.raises(InvalidResult):
        document_from_dict(data)


@pytest.mark.parametrize("kind", ["password", 3, ["encrypted"]])
def test_an_unknown_error_kind_is_refused(kind):
    data = document_to_dict(BROKEN)
    data["error_kind"] = kind
    with pytest.raises(InvalidResult):
        document_from_dict(data)


def test_an_error_result_stored_before_error_kinds_reads_with_none():
    data = document_to_dict(BROKEN)
    del data["error_kind"]
    assert document_from_dict(data).error_kind is None
