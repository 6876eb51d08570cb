"""Hostile input, trust boundaries: waivers match normalised paths with "/"-aware globs, the cache
and the results store are validated on read (a bad entry is checked again or reported as an
error, never rendered), and every report format makes document text inert."""
from __future__ import annotations

import json
import os
import sqlite3
import zlib
from datetime import date

import pytest

from checker.digest import file_digest
from checker.batch.cache import ResultCache
from checker.serialize import InvalidResult, document_from_dict, document_to_dict
from checker.findings.waivers import Waiver, apply_waivers, path_matches
from checker.model import DocumentResult, Finding, LegalBasis, RunResult, Severity
from checker.reports import render
from checker.settings import load_settings
from checker.store import ResultStore

TODAY = date(2026, 12, 6)


def finding(**changes) -> Finding:
    base = dict(rule_id="collection-third-party-contact", severity=Severity.CRITICAL, title="催收联系第三人",
                message="约定向亲友催收。", legal_basis=(LegalBasis("互联网金融催收规范", "第十条"),), clause="第三条",
                clause_path="3", page=1, evidence="出借人有权联系借款人的亲友", fingerprint="0123456789abcdef")
    base.update(changes)
    return Finding(**base)


def result(path="a.pdf", **changes) -> DocumentResult:
    return DocumentResult(path=path, status="checked", pages=1, facts={"loan_amount": 10000.0},
                          findings=(finding(**changes),))


# -- waivers ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["legacy/../prod/x.pdf", "legacy/sub/deep/x.pdf", "../legacy/x.pdf"])
def test_a_folder_waiver_covers_only_the_files_directly_in_that_folder(path):
    assert not path_matches("legacy/*", path)


def test_double_star_spans_folders_and_normalised_spellings_still_match():
    assert path_matches("legacy/**", "legacy/sub/deep/x.pdf")
    assert path_matches("legacy/**/*.pdf", "./legacy/a.pdf") and path_matches("legacy/*.pdf", "legacy\\a.pdf")


def test_waiver_paths_are_relative_to_the_config_file(tmp_path, monkeypatch):
    (tmp_path / "project").mkdir()
    config = tmp_path / "project" / "checker.yaml"
    config.write_text("waivers:\n  - {rule: collection-third-party-contact, path: 'legacy/*', reason: 旧版模板}\n",
                      encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = load_settings(str(config), {})
    docs = [result("project/legacy/a.pdf"), result("legacy/a.pdf"), result("project/legacy/../prod/a.pdf")]
    waived, _ = apply_waivers(docs, settings.waivers, TODAY)
    assert [d.findings[0].waived for d in waived] == [True, False, False]


# -- the cache and the store ------------------------------------------------------------------

@pytest.mark.parametrize("tamper", [
    lambda d: d["findings"][0].update(page='1"><meta http-equiv=refresh content="0;url=https://evil">'),
    lambda d: d["findings"][0].update(severity="harmless"),
    lambda d: d["findings"][0].update(evidence="\ud800"),
    lambda d: d.update(status="clean"),
    lambda d: d.update(pages=-1),
    lambda d: d.update(facts={"loan_amount": {"a": {"b": {"c": {"d": 1}}}}}),
], ids=["html-in-page", "unknown-severity", "lone-surrogate", "unknown-status", "negative-pages", "deep-facts"])
def test_a_stored_result_that_breaks_the_schema_is_refused(tamper):
    data = document_to_dict(result())
    tamper(data)
    with pytest.raises(InvalidResult):
        document_from_dict(data)


def test_a_tampered_cache_entry_is_checked_again_not_rendered(tmp_path):
    contract = tmp_path / "a.txt"
    contract.write_text("合同", encoding="utf-8")
    cache = ResultCache("k", folder=str(tmp_path / "cache"))
    entry = cache.entry_id(file_digest(str(contract)))
    cache.put(entry, result(str(contract)))
    target = cache._file(entry)
    with open(target, encoding="utf-8") as fh:
        data = json.load(fh)
    data["result"]["findings"][0]["page"] = "<script>alert(1)</script>"
    with open(target, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    assert cache.get(entry, str(contract)) is None


def _tamper_store(store_path, blob: bytes) -> None:
    with sqlite3.connect(store_path) as conn:
        conn.execute("UPDATE documents SET result = ?", (blob,))


def test_a_tampered_store_row_is_an_error_result_and_a_zlib_bomb_is_not_inflated(tmp_path):
    store_path = str(tmp_path / "results.sqlite")
    with ResultStore.open(store_path) as store:
        run_id = store.begin_run(settings_key="k", pack_digest="p", version="v", profile="auto", argv=[])
        store.record(run_id, [("a.pdf", "h", result()), ("b.pdf", "h2", result("b.pdf"))])
        store.finish_run(run_id)
    bomb = zlib.compressobj(9)
    with sqlite3.connect(store_path) as conn:  # 80 MiB of "[" in a few kilobytes, for a.pdf only
        conn.execute("UPDATE documents SET result = ? WHERE path = 'a.pdf'",
                     (bomb.compress(b"[" * (80 << 20)) + bomb.flush(),))
    with ResultStore.open(store_path, create=False) as store:
        docs = {d.path: d for d in store.documents()}
    assert docs["a.pdf"].status == "error" and "stored result is invalid" in docs["a.pdf"].error
    assert docs["b.pdf"].status == "checked" and docs["b.pdf"].findings[0].severity is Severity.CRITICAL


# -- every field inert in every format ---------------------------------------------------------

HOSTILE_NAME = "evil\x1b]0;owned\x07\nFAKE  checked\x9b31m.pdf"


def hostile_run() -> RunResult:
    doc = DocumentResult(path=HOSTILE_NAME, status="checked", pages=1, facts={"lender": "甲\ud800公司"},
                         findings=(finding(evidence="联系 @octocat 或 <https://evil.example> www.evil.example \x1b[2J"),))
    return RunResult(documents=(doc,), profile="auto", version="1")


def test_the_text_report_has_no_terminal_controls_from_names_or_contract_text():
    out = render("text", hostile_run())
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert "\nFAKE" not in out


def test_the_markdown_report_neutralises_mentions_and_autolinks():
    out = render("markdown", hostile_run())
    assert "@octocat" not in out and "https://evil" not in out and "www.evil" not in out


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html", "sarif", "junit"])
def test_a_lone_surrogate_never_crashes_a_format(fmt):
    render(fmt, hostile_run()).encode("utf-8")


def test_parse_shows_pdf_metadata_without_terminal_escapes(cli, tmp_path, monkeypatch):
    from reportlab.pdfgen import canvas

    monkeypatch.chdir(tmp_path)
    pdf = tmp_path / "meta.pdf"
    c = canvas.Canvas(str(pdf))
    c.setTitle("Loan\x1b]0;pwned\x07\x1b[31m")
    c.drawString(72, 720, "Loan agreement. Article 1 The loan amount is RMB 10000.")
    c.save()
    out = cli("parse", str(pdf)).output
    assert "\x1b" not in out and "\x07" not in out
