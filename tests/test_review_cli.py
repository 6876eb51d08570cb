"""Review copies from the command line: `check --format review`, `annotate`, `report --store`,
and from a run's results after any executor."""
from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from checker import api
from checker.cli import app
from checker.settings import Settings
from review_expect import SAMPLES

runner = CliRunner()
COPIES = {"app-loan-terms.txt.review.html", "bank-consumer-loan.review.pdf", "cash-loan.review.docx",
          "employer-loan.md.review.html", "jietiao.review.pdf", "platform-consumer-loan.review.pdf",
          "private-loan.review.pdf", "repayment-table.review.pdf", "two-column.review.pdf"}


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_check_writes_a_review_copy_of_every_sample_into_the_folder(tmp_path):
    result = _run("check", str(SAMPLES), "--format", "review", "--output", "copies", "--fail-on", "never",
                  "--executor", "inprocess", "-q")
    assert result.exit_code == 0, result.output
    assert {p.name for p in (tmp_path / "copies").iterdir()} == COPIES
    assert "9 review copies written to copies" in result.output


def test_docx_review_writes_only_the_docx_copies_beside_another_report(tmp_path):
    result = _run("check", str(SAMPLES), "--format", "docx-review", "--output", "copies",
                  "--format", "json", "--output", "report.json", "--fail-on", "never", "--executor", "inprocess")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "copies").iterdir()] == ["cash-loan.review.docx"]
    assert (tmp_path / "report.json").is_file()


def test_a_review_format_needs_an_output_folder():
    result = _run("check", str(SAMPLES / "cash-loan.docx"), "--format", "review")
    assert result.exit_code == 2 and "--output folder" in result.output


def test_annotate_writes_one_copy_and_says_how_many_notes(tmp_path):
    result = _run("annotate", str(SAMPLES / "platform-consumer-loan.pdf"), "-o", "review.pdf")
    assert result.exit_code == 0, result.output
    findings = api.check([str(SAMPLES / "platform-consumer-loan.pdf")],
                         Settings(use_cache=False, executor="inprocess")).documents[0].findings
    assert findings and result.output.strip() == f"review.pdf: {len(findings)} findings annotated"
    assert (tmp_path / "review.pdf").read_bytes().startswith(b"%PDF")


def test_annotate_refuses_to_overwrite_the_original(tmp_path):
    shutil.copy(SAMPLES / "cash-loan.docx", tmp_path / "c.docx")
    before = (tmp_path / "c.docx").read_bytes()
    result = _run("annotate", "c.docx", "-o", "c.docx")
    assert result.exit_code == 2 and "overwrite the original" in result.output
    assert (tmp_path / "c.docx").read_bytes() == before


def test_annotate_of_an_unreadable_file_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    result = _run("annotate", "bad.pdf", "-o", "out.pdf")
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "bad.pdf" in result.output


def test_report_from_a_store_writes_the_same_copies(tmp_path):
    folder = tmp_path / "contracts"
    shutil.copytree(SAMPLES, folder)
    assert _run("check", "contracts", "--store", "r.db", "--executor", "inprocess", "-q").exit_code in (0, 1)
    result = _run("report", "--store", "r.db", "--format", "review", "--output", "copies", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert {p.name for p in (tmp_path / "copies").iterdir()} == COPIES


def test_the_store_keeps_each_findings_page_and_text_span(tmp_path):
    store = str(tmp_path / "r.db")
    settings = Settings(use_cache=False, executor="inprocess")
    plain = api.check([str(SAMPLES)], settings)
    stored = api.check([str(SAMPLES)], settings, store=store)
    spans = {(d.path, f.rule_id): (f.page, f.text_span) for d in plain.documents for f in d.findings}
    assert spans == {(d.path, f.rule_id): (f.page, f.text_span) for d in stored.documents for f in d.findings}
    assert all(span is not None for (_, _), (page, span) in spans.items() if page is not None)


def test_a_copy_that_cannot_be_made_is_reported_and_the_others_are_written(tmp_path):
    folder = tmp_path / "contracts"
    shutil.copytree(SAMPLES, folder)
    run = api.check([str(folder)], Settings(use_cache=False, executor="inprocess"))
    (folder / "jietiao.pdf").write_bytes(b"gone")  # changed after the check
    copies = api.review_copies(run, str(tmp_path / "copies"))
    failed = [c for c in copies if c.error]
    assert [c.source for c in failed] == [str(folder / "jietiao.pdf")]
    assert sum(1 for c in copies if c.output) == len(COPIES) - 1
