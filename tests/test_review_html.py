"""Review copies of text, Markdown and HTML contracts: the text with each finding's evidence
marked and one note per finding beside it."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from html.parser import HTMLParser

import pytest

from checker.findings.waivers import Waiver
from checker.review import write_review_copy
from review_expect import (CHINESE_LABEL, ENGLISH_LABEL, assert_chinese_note, assert_english_note, checked,
                           expected_text, rule_of, squeeze)
from sample_files import CONTRACTS, ROOT

TEXTS = [CONTRACTS / "app-loan-terms.txt", CONTRACTS / "employer-loan.md",
         ROOT / "tests" / "generalisation" / "docs" / "h12-html-underline-monthly.html"]


class _Copy(HTMLParser):
    """Notes (id -> rule, text, classes) and, per note, the text of the marks that point to it."""

    def __init__(self):
        super().__init__()
        self.notes: dict[str, dict] = {}
        self.marked: dict[str, str] = defaultdict(str)
        self.lines: dict[str, str] = defaultdict(str)
        self._note = None
        self._marks: list[str] = []
        self._line = None
        self.scripts = 0
        self.lang = None
        self.header = ""
        self._in_header = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("header", "title"):
            self._in_header = True
        if tag == "div" and "note" in (a.get("class") or "").split():
            self._note = a["id"]
            self.notes[a["id"]] = {"rule": a["data-rule"], "text": "", "class": a["class"], "line": self._line}
        elif tag == "mark":
            self._marks = a["data-notes"].split()
        elif tag == "p" and (a.get("id") or "").startswith("line-"):
            self._line = a["id"]

    def handle_endtag(self, tag):
        if tag in ("header", "title"):
            self._in_header = False
        if tag == "div" and self._note:
            self._note = None
        elif tag == "mark":
            self._marks = []

    def handle_data(self, data):
        if self._in_header:
            self.header += data + "\n"
        if self._note:
            self.notes[self._note]["text"] += data + "\n"
        for n in self._marks:
            self.marked[n] += data


def read_copy(path) -> _Copy:
    parser = _Copy()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def write_copy(tmp_path, run, lang="zh"):
    doc = run.documents[0]
    out = tmp_path / "copy.html"
    write_review_copy(doc, out, {r.id: r for r in run.rules}, source=doc.path, lang=lang)
    return doc, out


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_every_finding_is_one_note_and_its_evidence_is_marked(tmp_path, path):
    doc, out = write_copy(tmp_path, checked(path))
    copy = read_copy(out)
    assert doc.findings
    assert sorted(n["rule"] for n in copy.notes.values()) == sorted(f.rule_id for f in doc.findings)
    for note_id, note in copy.notes.items():
        finding = next(f for f in doc.findings if f.rule_id == note["rule"])
        assert rule_of(note["text"]) == finding.rule_id
        assert squeeze(copy.marked[note_id]) == expected_text(doc.path, finding)
        if not finding.clause:
            assert note["line"] == "line-0"  # beside the title
    assert copy.scripts == 0


def test_waived_notes_are_grey_with_reason_and_expiry(tmp_path):
    waiver = Waiver(rule="interest-rate-excessive", path="**/app-loan-terms.txt", reason="已报合规部",
                    expires=date(2099, 6, 30))
    _, out = write_copy(tmp_path, checked(CONTRACTS / "app-loan-terms.txt", waivers=(waiver,)))
    notes = {n["rule"]: n for n in read_copy(out).notes.values()}
    assert "waived" in notes["interest-rate-excessive"]["class"].split()
    assert "已报合规部" in notes["interest-rate-excessive"]["text"] and "2099-06-30" in notes["interest-rate-excessive"]["text"]
    assert not any("waived" in n["class"].split() for r, n in notes.items() if r != "interest-rate-excessive")


WAIVER = Waiver(rule="interest-rate-excessive", path="**/app-loan-terms.txt", reason="已报合规部",
                expires=date(2099, 6, 30))


def test_a_chinese_copy_has_chinese_labels_headings_and_page_language(tmp_path):
    doc, out = write_copy(tmp_path, checked(CONTRACTS / "app-loan-terms.txt", waivers=(WAIVER,)))
    copy = read_copy(out)
    notes = {n["rule"]: n["text"].strip() for n in copy.notes.values()}
    for finding in doc.findings:
        assert_chinese_note(notes[finding.rule_id], finding)
    assert copy.lang == "zh-CN"
    header = copy.header.replace(doc.path, "").replace("checker", "")
    assert "审阅稿" in header and "项问题" in header and not ENGLISH_LABEL.search(header), header


def test_an_english_copy_has_english_labels_headings_messages_and_page_language(tmp_path):
    run = checked(CONTRACTS / "app-loan-terms.txt", waivers=(WAIVER,))
    doc, out = write_copy(tmp_path, run, lang="en")
    copy = read_copy(out)
    notes = {n["rule"]: n["text"].strip() for n in copy.notes.values()}
    for finding in doc.findings:
        assert_english_note(notes[finding.rule_id], finding, {r.id: r for r in run.rules})
    assert "Waiver reason: 已报合规部 (until 2099-06-30)" in notes["interest-rate-excessive"]
    assert copy.lang == "en"
    header = copy.header.replace(doc.path, "")
    assert "Review copy" in header and f"{len(doc.findings) - 1} findings · 1 waived" in header
    assert not CHINESE_LABEL.search(header), header
    for note_id, note in copy.notes.items():  # the contract's text is marked as written
        finding = next(f for f in doc.findings if f.rule_id == note["rule"])
        assert squeeze(copy.marked[note_id]) == expected_text(doc.path, finding)


def test_an_english_copy_marks_the_contracts_own_lines_as_chinese(tmp_path):
    run = checked(CONTRACTS / "app-loan-terms.txt")
    _, out = write_copy(tmp_path, run, lang="en")
    html = out.read_text(encoding="utf-8")
    lines = re.findall(r'<p id="line-\d+"[^>]*>', html)
    assert lines and all('lang="zh-CN"' in p for p in lines)


def test_contract_text_is_escaped(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text("借款合同<script>alert(1)</script>\n第一条 借款金额为人民币10000元，年利率36%。\n", encoding="utf-8")
    _, out = write_copy(tmp_path, checked(path))
    assert "<script>" not in out.read_text(encoding="utf-8")
    assert read_copy(out).scripts == 0


def test_a_lone_surrogate_in_the_text_does_not_stop_the_copy(tmp_path):
    from checker.model import Document, DocumentResult, Line, Page
    from checker.review.anchors import anchors
    from checker.review.html import render_review_page

    document = Document("x.txt", "txt", (Page(1, (Line("借款合同\ud800", 1), Line("第一条 年利率36%。", 1))),))
    result = DocumentResult("x.txt", "checked")
    page = render_review_page(result, document, anchors(document, result), {})
    page.encode("utf-8")  # writable as UTF-8
    assert "借款合同\ufffd" in page
