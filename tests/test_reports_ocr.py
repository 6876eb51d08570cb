"""Every report format marks a document read by OCR, with the engine and its mean confidence."""
from __future__ import annotations

import json

import pytest

from checker.serialize import document_from_dict, document_to_dict
from checker.model import DocumentResult, Note, RunResult
from checker.reports import html, json_report, markdown, sarif, text
from checker.reports.common import ocr_line

OCR = {"engine": "rapidocr-onnxruntime 1.4.4 PP-OCRv4", "pages": [1, 2], "mean_confidence": 0.963,
       "page_confidence": {"1": 0.97, "2": 0.956}}
SCANNED = DocumentResult(path="scan.pdf", status="checked", pages=2, ocr=OCR)
TYPED = DocumentResult(path="typed.pdf", status="checked", pages=1)
RUN = RunResult(documents=(SCANNED, TYPED), profile="auto", version="0.1.0")


def test_the_marker_names_pages_engine_and_confidence():
    assert ocr_line(SCANNED) == "pages 1, 2 read by OCR (rapidocr-onnxruntime 1.4.4 PP-OCRv4, mean confidence 0.96)"
    assert ocr_line(TYPED) is None


@pytest.mark.parametrize("module", [text, markdown, html], ids=["text", "markdown", "html"])
def test_human_reports_show_the_marker_once(module):
    out = module.render(RUN)
    assert out.count("read by OCR (rapidocr-onnxruntime 1.4.4 PP-OCRv4, mean confidence 0.96)") == 1


def test_json_carries_the_ocr_object_on_scanned_documents_only():
    docs = json.loads(json_report.render(RUN))["documents"]
    assert docs[0]["ocr"] == OCR and "ocr" not in docs[1]


def test_sarif_run_properties_list_the_scanned_documents():
    props = json.loads(sarif.render(RUN))["runs"][0]["properties"]
    assert props["ocrDocuments"] == [{"uri": "scan.pdf", **OCR}]


def test_the_marker_survives_the_cache_and_the_store():
    assert document_from_dict(json.loads(json.dumps(document_to_dict(SCANNED)))) == SCANNED


def test_a_clean_scanned_document_still_says_which_rule_it_could_not_judge():
    doc = DocumentResult(path="scan.pdf", status="checked", pages=1, ocr=OCR, notes=(
        Note("not_assessable", {"rule": "interest-rate-excessive", "title": "借期内利率超过上限",
                                "title_en": "Interest rate above the line", "reason": "扫描件上的借期内利率无法可靠识别",
                                "reason_en": "the rate could not be read from the scan"}),
        Note("undated_scan", {"fact": "contract_date"}), Note("undated", {"today": "2026-12-06"})))
    out = text.render(RunResult(documents=(doc,), profile="auto", version="0.1.0"))
    assert "「借期内利率超过上限」未评估：扫描件上的借期内利率无法可靠识别" in out
    assert "扫描件上未能读出合同成立日期" in out
    assert "2026-12-06" not in out  # a note that does not leave a rule unjudged stays off a clean line
