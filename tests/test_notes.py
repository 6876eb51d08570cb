"""Notes are made in no language (a code and its values) and rendered in one: every code reads
in Chinese without English words and in English without Chinese, in every report format."""
from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from checker.errors import ErrorKind
from checker.model import DocumentResult, Finding, Note, RunResult, Severity
from checker.reports import FORMATS, i18n, render, text

# One note of every code, with values as the producers give them (texts from a user, a rule
# pack or a contract in their own language, as they would be).
SAMPLES = {
    "undated": {"today": "2026-12-06"},
    "lpr_before_first": {"date": "2019-05-01", "first": "2019-08-20", "lpr_from": "2026-09-22", "lpr_pct": 3.0},
    "lpr_table_missing": {},
    "civil_code_on_licensed": {},
    "lender_unidentified": {},
    "template": {"blanks": ["borrower_name", "loan_amount", "contract_date"]},
    "day_count": {"figure": "overdue_total", "days": 360, "main": 13.72, "alt_days": 365, "alt": 13.91, "line": 13.8},
    "not_assessable": {"rule": "interest-rate-excessive", "title": "借期内利率超过利率线",
                       "title_en": "Interest above the rate line", "reason": "扫描件上的借期内利率无法可靠识别",
                       "reason_en": "the in-term rate could not be read reliably from the scan"},
    "unreadable_figure": {"fact": "overdue_rate_annual_pct", "page": 2, "figure": "36%", "confidence": 0.31,
                          "threshold": 0.5, "agreed": True, "ocr_text": "逾期利率为年36%"},
    "undated_scan": {"fact": "contract_date"},
    "not_a_loan": {"title": "房屋租赁合同"},
    "lpr_stale": {"known": "2026-09-22", "due": "2026-11-20", "days": 59},
    "waiver_expired": {"rule": "standard-terms-not-highlighted", "path": "legacy/**/*.pdf",
                       "reason": "旧版模板，年底下线", "expires": "2026-06-30", "findings": 3},
    "baseline": {"known": 4},
    "store_other_pack": {"stored": "0a1b2c3d4e5f", "loaded": "f5e4d3c2b1a0"},
    "store_unfinished": {"started": "2026-12-05T22:10:00"},
    "regime": {"reason": "出借人「某银行」为银行，适用金融借款规则；利率线24%",
               "reason_en": "the lender “某银行” is a bank: the rules on loans by financial institutions apply; rate line 24%"},
    "text": {"text": "结果库中旧版本写下的说明"},
}
# the same note under other values its sentence branches on
VARIANTS = [Note("not_a_loan", {}), Note("unreadable_figure", {**SAMPLES["unreadable_figure"], "confidence": 0.9,
                                                               "agreed": False}),
            Note("template", {"blanks": ["loan_amount"]}), Note("baseline", {"known": 1})]
NOTES = [Note(code, values) for code, values in SAMPLES.items()] + VARIANTS

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
ENGLISH_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")  # all-capital acronyms (LPR, OCR) are not words here


def _without_values(rendered: str, note: Note) -> str:
    """The note's own wording: its text values (quoted as given, in any language) taken out."""
    texts = [v for v in note.values.values() if isinstance(v, str)]
    for value in sorted(texts, key=len, reverse=True):
        rendered = rendered.replace(value, "")
    return rendered


def test_every_note_code_has_a_sample_here():
    assert set(SAMPLES) == set(i18n.NOTE_CODES)


@pytest.mark.parametrize("note", NOTES, ids=lambda n: n.code)
def test_an_english_note_holds_no_chinese(note):
    wording = _without_values(i18n.note(note, "en"), note)
    assert not CJK.search(wording), wording


@pytest.mark.parametrize("note", NOTES, ids=lambda n: n.code)
def test_a_chinese_note_holds_no_english_words(note):
    wording = re.sub(r"`[^`]*`", "", _without_values(i18n.note(note, "zh"), note))  # commands and file names
    assert not ENGLISH_WORD.search(wording), wording


@pytest.mark.parametrize("note", NOTES, ids=lambda n: n.code)
def test_the_two_languages_say_different_things_and_neither_is_the_bare_code(note):
    zh, en = i18n.note(note, "zh"), i18n.note(note, "en")
    assert zh and en and (zh != en or note.code == "text")
    assert note.code not in (zh, en)


def test_a_plain_string_from_an_older_store_is_shown_as_written():
    assert i18n.note("旧的说明", "en") == "旧的说明"


def test_a_stored_note_missing_a_value_still_renders():
    assert i18n.note(Note("baseline", {}), "en").startswith("baseline")


def _run() -> RunResult:
    finding = Finding(rule_id="interest-rate-excessive", severity=Severity.HIGH, title="借期内利率超过利率线",
                      message="借期内年化成本36%超过13.8%", message_en="The in-term cost of 36% exceeds 13.8%",
                      clause="第二条", page=1)
    doc_notes = tuple(n for n in NOTES if n.code not in ("not_a_loan", "lpr_stale", "waiver_expired", "baseline",
                                                          "store_other_pack", "store_unfinished"))
    checked = DocumentResult(path="contracts/a.pdf", status="checked", pages=2, findings=(finding,),
                             profile="civil-code", notes=doc_notes)
    skipped = DocumentResult(path="notes/lease.txt", status="skipped", pages=1, reason=Note("not_a_loan", SAMPLES["not_a_loan"]))
    run_notes = tuple(Note(c, SAMPLES[c]) for c in ("lpr_stale", "waiver_expired", "baseline", "store_other_pack",
                                                     "store_unfinished"))
    return RunResult(documents=(checked, skipped), profile="auto", version="0.1.0", notes=run_notes)


def _shown(out: str, fmt: str) -> str:
    """The output as the notes' text appears in it: JSON strings decoded (a note's values left
    out), markup unescaped."""
    if fmt in ("json", "sarif"):  # the values carry a rule pack's texts in both languages: only texts count
        def texts(node):
            if isinstance(node, dict):
                return {k: texts(v) for k, v in node.items() if k != "values"}
            return [texts(v) for v in node] if isinstance(node, list) else node
        return json.dumps(texts(json.loads(out)), ensure_ascii=False)
    if fmt in ("html", "junit"):
        import html

        return html.unescape(out)
    if fmt == "markdown":
        return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", out)  # Markdown escapes of punctuation
    return out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_shows_the_notes_in_its_language_only(fmt, lang, monkeypatch):
    monkeypatch.setattr(text, "WIDTH", 10_000)  # one note, one line
    run = _run()
    out = _shown(render(fmt, run, lang=lang), fmt)
    other = "zh" if lang == "en" else "en"
    doc_notes = [n for d in run.documents for n in (*d.notes, *([d.reason] if d.reason else ()))]
    run_notes = [] if fmt == "junit" else list(run.notes)  # JUnit has no place for a run's notes
    for note in doc_notes + run_notes:
        shown, hidden = i18n.note(note, lang), i18n.note(note, other)
        if note.code != "text":
            assert shown in out, (note.code, shown)
            assert hidden not in out, (note.code, hidden)


def test_the_json_report_carries_each_note_as_code_values_and_text():
    run = _run()
    zh = json.loads(render("json", run))
    en = json.loads(render("json", run, lang="en"))
    note = run.documents[0].notes[0]
    assert zh["documents"][0]["notes"][0] == {"code": note.code, "values": dict(note.values),
                                              "text": i18n.note(note, "zh")}
    assert en["documents"][0]["notes"][0]["text"] == i18n.note(note, "en")
    assert en["documents"][1]["reason"] == i18n.note(run.documents[1].reason, "en")
    assert en["documents"][1]["reason_note"]["code"] == "not_a_loan"


def test_a_report_of_an_older_result_with_plain_text_notes_still_renders():
    run = replace(_run(), notes=("旧的运行说明",))
    for fmt in FORMATS:
        assert "旧的运行说明" in _shown(render(fmt, run, lang="en"), fmt) or fmt == "junit"


def test_english_reports_call_the_text_before_the_first_clause_the_preamble():
    finding = Finding(rule_id="unlicensed-lending", severity=Severity.HIGH, title="无放贷资质的企业向社会放贷",
                      message="出借人……（前言）", message_en="The lender ... (preamble)", clause="前言", page=1)
    run = RunResult(documents=(DocumentResult(path="a.txt", status="checked", pages=1, findings=(finding,)),),
                    profile="auto", version="0.1.0")
    for fmt in set(FORMATS) - {"json"}:  # the JSON keeps the finding's data (clause, message) as it is
        english, chinese = render(fmt, run, lang="en"), render(fmt, run, lang="zh")
        if fmt == "sarif":  # so do the SARIF result's properties: its message is what people read
            english = json.loads(english)["runs"][0]["results"][0]["message"]["text"]
        assert "前言" not in english and "preamble" in english, fmt
        assert "前言" in chinese, fmt


@pytest.mark.parametrize("kind", list(ErrorKind), ids=str)
def test_every_error_kind_is_said_in_chinese_without_english_words(kind):
    doc = DocumentResult(path="a.pdf", status="error", error="encrypted PDF: a password is needed", error_kind=kind)
    wording = i18n.reason(doc, "zh")
    assert CJK.search(wording) and not ENGLISH_WORD.search(wording), wording
    assert i18n.reason(doc, "en") == "encrypted PDF: a password is needed"
