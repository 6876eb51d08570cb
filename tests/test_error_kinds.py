"""Why a document could not be checked is a code (ErrorKind) beside the one-line reason: what a
real bad file produces, what the JSON report says, and what --resume checks again."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bad_files import good_pdf, refloop_pdf
from checker.batch.pool import run_batch
from checker.errors import DocumentError, ErrorKind
from checker.limits import Limits
from checker.pipeline import check_file
from checker.reports import json_report
from checker.model import RunResult
from checker.settings import Settings
from checker.store import is_done

SETTINGS = Settings(use_cache=False)


def kind_of(path: Path, settings: Settings = SETTINGS) -> ErrorKind | None:
    result = check_file(str(path), settings)
    assert result.status == "error" and result.error
    return result.error_kind


def test_an_encrypted_pdf_is_encrypted(tmp_path):
    assert kind_of(good_pdf(tmp_path / "locked.pdf", pages=1, encrypt="secret")) is ErrorKind.ENCRYPTED


def test_a_truncated_pdf_is_corrupt(tmp_path):
    data = good_pdf(tmp_path / "full.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 3])
    assert kind_of(tmp_path / "cut.pdf") is ErrorKind.CORRUPT


def test_a_docx_with_broken_xml_is_corrupt(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document><w:body><w:p>")
    assert kind_of(path) is ErrorKind.CORRUPT


def test_an_unknown_suffix_and_an_image_named_pdf_are_unsupported_formats(tmp_path):
    (tmp_path / "a.rtf").write_bytes(b"{\\rtf1 x}")
    (tmp_path / "photo.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    assert kind_of(tmp_path / "a.rtf") is ErrorKind.UNSUPPORTED_FORMAT
    assert kind_of(tmp_path / "photo.pdf") is ErrorKind.UNSUPPORTED_FORMAT


def test_an_empty_file_and_a_pdf_with_nothing_on_it_have_no_text(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    blank = Canvas(str(tmp_path / "blank.pdf"), pagesize=A4)
    blank.showPage()  # one page, nothing drawn on it
    blank.save()
    assert kind_of(tmp_path / "empty.txt") is ErrorKind.NO_TEXT
    assert kind_of(tmp_path / "blank.pdf") is ErrorKind.NO_TEXT


def test_a_missing_file_is_not_found(tmp_path):
    assert kind_of(tmp_path / "gone.pdf") is ErrorKind.NOT_FOUND


def test_a_document_over_the_character_limit_is_too_large(tmp_path):
    (tmp_path / "long.txt").write_text("借款合同\n" + "第一条 借款金额为人民币十万元。\n" * 50, encoding="utf-8")
    assert kind_of(tmp_path / "long.txt", Settings(use_cache=False, limits=Limits(document_chars=200))) \
        is ErrorKind.TOO_LARGE


def test_a_pdf_that_hangs_its_reader_is_a_timeout_and_resume_checks_it_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_PDF_READER", "pdfplumber")  # pdfminer follows the /Length loop
    pdf = refloop_pdf(tmp_path / "loop.pdf")
    [result] = run_batch([str(pdf)], Settings(jobs=1, use_cache=False, doc_timeout=1), check_file, key="k")
    assert result.error_kind is ErrorKind.TIMEOUT and not is_done(result)


def test_a_file_error_is_done_for_resume(tmp_path):
    assert is_done(check_file(str(tmp_path / "gone.pdf"), SETTINGS))


def test_the_json_report_carries_the_code_next_to_the_reason(tmp_path):
    result = check_file(str(good_pdf(tmp_path / "locked.pdf", pages=1, encrypt="secret")), SETTINGS)
    doc = json.loads(json_report.render(RunResult(documents=(result,), profile="auto", version="t")))["documents"][0]
    assert (doc["error"], doc["error_kind"]) == ("encrypted PDF: a password is needed to read it", "encrypted")


def test_a_checked_document_has_no_error_kind(tmp_path):
    (tmp_path / "a.txt").write_text("借款合同\n第一条 借款金额为人民币十万元。\n", encoding="utf-8")
    result = check_file(str(tmp_path / "a.txt"), SETTINGS)
    assert result.status != "error" and result.error_kind is None


def test_a_document_error_needs_a_known_kind():
    with pytest.raises(ValueError):
        DocumentError("a.pdf", "odd", "odd-kind")  # type: ignore[arg-type]


def test_a_bug_in_a_reader_is_internal_not_blamed_on_the_file(tmp_path, monkeypatch):
    from checker import ingest

    def buggy(path, options):
        raise NameError("name 'undefined_helper' is not defined")

    monkeypatch.setitem(ingest.READERS, ".txt", buggy)
    (tmp_path / "a.txt").write_text("借款合同", encoding="utf-8")
    assert kind_of(tmp_path / "a.txt") is ErrorKind.INTERNAL
