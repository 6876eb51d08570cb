"""DOCX review copies: one Word comment per finding, anchored on its evidence's runs."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from lxml import etree

from checker.findings.waivers import Waiver
from checker.model import RuleInfo
from checker.review import write_review_copy
import review_expect
from review_expect import (NUMBER_LABEL, assert_chinese_note, assert_english_note, checked, expected_text, rule_of,
                           squeeze)
from sample_files import CONTRACTS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
CASH = CONTRACTS / "cash-loan.docx"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def read_comments(path) -> dict[str, dict]:
    """Comment id -> author, note text, resolved flag and the text between its range marks."""
    with zipfile.ZipFile(path) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
        comments = etree.fromstring(zf.read("word/comments.xml"))
        extended = etree.fromstring(zf.read("word/commentsExtended.xml"))
    done = {e.get(f"{{{W15}}}paraId"): e.get(f"{{{W15}}}done") == "1" for e in extended}
    out = {}
    for c in comments.iter(_w("comment")):
        paras = c.findall(_w("p"))
        out[c.get(_w("id"))] = {
            "author": c.get(_w("author")),
            "note": "\n".join("".join(t.text or "" for t in p.iter(_w("t"))) for p in paras),
            "resolved": done.get(paras[-1].get("{http://schemas.microsoft.com/office/word/2010/wordml}paraId"), False),
            "anchored": "", "starts": 0, "references": 0,
        }
    open_ids: set[str] = set()
    for el in body.iter():
        cid = el.get(_w("id"))
        if el.tag == _w("commentRangeStart"):
            open_ids.add(cid)
            out[cid]["starts"] += 1
        elif el.tag == _w("commentRangeEnd"):
            open_ids.discard(cid)
        elif el.tag == _w("commentReference"):
            out[cid]["references"] += 1
        elif el.tag == _w("t"):
            for cid in open_ids:
                out[cid]["anchored"] += el.text or ""
    return out


def write_copy(tmp_path, run, name="copy.docx", lang="zh"):
    return review_expect.write_copy(tmp_path, run, name, lang)


def assert_each_finding_once_on_its_text(doc, comments):
    assert sorted(rule_of(c["note"]) for c in comments.values()) == sorted(f.rule_id for f in doc.findings)
    by_rule = {rule_of(c["note"]): c for c in comments.values()}
    for finding in doc.findings:
        comment = by_rule[finding.rule_id]
        assert comment["starts"] == 1 and comment["references"] == 1
        anchored, expected = squeeze(comment["anchored"]), expected_text(doc.path, finding)
        assert anchored and expected.endswith(anchored), (finding.rule_id, anchored, expected)
        assert NUMBER_LABEL.match(expected[: len(expected) - len(anchored)]), (finding.rule_id, expected)


def test_every_finding_of_the_sample_is_one_comment_on_its_evidence(tmp_path):
    doc, out = write_copy(tmp_path, checked(CASH))
    comments = read_comments(out)
    assert doc.findings and len(comments) == len(doc.findings)
    assert_each_finding_once_on_its_text(doc, comments)


def test_a_comment_holds_severity_title_message_basis_and_wording_by_checker(tmp_path):
    run = checked(CASH)
    doc, out = write_copy(tmp_path, run)
    finding = next(f for f in doc.findings if f.rule_id == "overdue-rate-excessive")
    note = next(c for c in read_comments(out).values() if rule_of(c["note"]) == finding.rule_id)
    assert note["author"] == "checker"
    assert note["note"].splitlines()[0] == f"【高】{finding.title}"
    assert finding.message in note["note"]
    assert "法律依据：《民法典》" in note["note"] or "法律依据：《" in note["note"]
    assert f"建议表述：{finding.remediation}" in note["note"]


def test_the_original_is_not_modified(tmp_path):
    before = hashlib.sha256(CASH.read_bytes()).hexdigest()
    write_copy(tmp_path, checked(CASH))
    assert hashlib.sha256(CASH.read_bytes()).hexdigest() == before


def test_the_copy_keeps_every_part_of_the_original(tmp_path):
    _, out = write_copy(tmp_path, checked(CASH))
    with zipfile.ZipFile(CASH) as a, zipfile.ZipFile(out) as b:
        assert set(a.namelist()) <= set(b.namelist())
        for name in a.namelist():
            if name not in ("word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"):
                assert a.read(name) == b.read(name), name


def test_waived_findings_are_resolved_comments_with_reason_and_expiry(tmp_path):
    waiver = Waiver(rule="overdue-rate-excessive", path="**/cash-loan.docx", reason="旧模板，年底下线",
                    expires=date(2099, 12, 31))
    doc, out = write_copy(tmp_path, checked(CASH, waivers=(waiver,)))
    comments = {rule_of(c["note"]): c for c in read_comments(out).values()}
    waived = comments["overdue-rate-excessive"]
    assert waived["resolved"] and "旧模板，年底下线" in waived["note"] and "2099-12-31" in waived["note"]
    assert not any(c["resolved"] for rule, c in comments.items() if rule != "overdue-rate-excessive")
    assert_each_finding_once_on_its_text(doc, read_comments(out))


def test_findings_new_against_a_baseline_are_marked_new(tmp_path):
    from checker.reports import render

    full = checked(CASH)
    older = full.documents[0]
    kept = [f for f in older.findings if f.rule_id != "overdue-rate-excessive"]
    from dataclasses import replace
    baseline = tmp_path / "baseline.json"
    baseline.write_text(render("json", replace(full, documents=(replace(older, findings=tuple(kept)),))),
                        encoding="utf-8")
    doc, out = write_copy(tmp_path, checked(CASH, baseline=str(baseline)))
    notes = [c["note"] for c in read_comments(out).values()]
    assert len(notes) == 1 and notes[0].startswith("【新增】") and rule_of(notes[0]) == "overdue-rate-excessive"


def test_a_chinese_copy_has_chinese_labels_only(tmp_path):
    waiver = Waiver(rule="overdue-rate-excessive", path="**/cash-loan.docx", reason="旧模板", expires=date(2099, 12, 31))
    doc, out = write_copy(tmp_path, checked(CASH, waivers=(waiver,)))
    notes = {rule_of(c["note"]): c["note"] for c in read_comments(out).values()}
    for finding in doc.findings:
        assert_chinese_note(notes[finding.rule_id], finding)
    assert "豁免理由：旧模板（有效期至 2099-12-31）" in notes["overdue-rate-excessive"]


def test_an_english_copy_has_english_labels_titles_messages_and_wording(tmp_path):
    waiver = Waiver(rule="overdue-rate-excessive", path="**/cash-loan.docx", reason="旧模板", expires=date(2099, 12, 31))
    run = checked(CASH, waivers=(waiver,))
    doc, out = write_copy(tmp_path, run, lang="en")
    comments = read_comments(out)
    notes = {rule_of(c["note"]): c["note"] for c in comments.values()}
    for finding in doc.findings:
        assert_english_note(notes[finding.rule_id], finding, {r.id: r for r in run.rules})
    assert "Waiver reason: 旧模板 (until 2099-12-31)" in notes["overdue-rate-excessive"]  # the reason as written
    assert_each_finding_once_on_its_text(doc, comments)  # the contract is not translated


def test_an_english_copy_marks_new_findings_new(tmp_path):
    from dataclasses import replace

    from checker.reports import render

    full = checked(CASH)
    older = full.documents[0]
    baseline = tmp_path / "baseline.json"
    kept = tuple(f for f in older.findings if f.rule_id != "overdue-rate-excessive")
    baseline.write_text(render("json", replace(full, documents=(replace(older, findings=kept),))), encoding="utf-8")
    run = checked(CASH, baseline=str(baseline))
    doc, out = write_copy(tmp_path, run, lang="en")
    [note] = [c["note"] for c in read_comments(out).values()]
    assert note.startswith("[new] [high] ")
    assert_english_note(note, doc.findings[0], {r.id: r for r in run.rules})


# -- a contract of our own: evidence across runs, a missing term on the title -----------------

DOC = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}"><w:body>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>借款合同</w:t></w:r></w:p>
<w:p><w:r><w:t>出借人：王某某；借款人：李某某。</w:t></w:r></w:p>
<w:p><w:r><w:t>第一条 借款金额为人民币壹万元整（￥10,000元），借款期限为6个月，自2024年3月1日起至2024年8月31日止。</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">第二条 </w:t></w:r><w:r><w:t>借款月利率为</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>3%</w:t></w:r><w:r><w:t>，利息于每月末支付。</w:t></w:r></w:p>
<w:p><w:r><w:t>第三条 借款人逾期还款的，出借人有权将借款人的欠款信息告知其亲友及工作单位。</w:t></w:r></w:p>
<w:p><w:r><w:t>出借人（签字）：王某某　借款人（签字）：李某某　2024年3月1日</w:t></w:r></w:p>
<w:sectPr/></w:body></w:document>"""

PARTS = {
    "[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>""",
    "_rels/.rels": """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>""",
    "word/_rels/document.xml.rels": """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>""",
    "word/document.xml": DOC,
}


@pytest.fixture
def own_contract(tmp_path):
    path = tmp_path / "iou.docx"
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in PARTS.items():
            zf.writestr(name, text)
    return path


def test_evidence_over_several_runs_is_one_range_and_missing_terms_sit_on_the_title(tmp_path, own_contract):
    doc, out = write_copy(tmp_path, checked(own_contract))
    comments = read_comments(out)
    assert any(not f.clause for f in doc.findings), "the contract should miss a term"
    assert any(f.evidence and "3%" in f.evidence for f in doc.findings)
    assert_each_finding_once_on_its_text(doc, comments)
    for finding in doc.findings:
        if not finding.clause:
            note = next(c for c in comments.values() if rule_of(c["note"]) == finding.rule_id)
            assert squeeze(note["anchored"]) == "借款合同"


def test_the_split_runs_keep_their_formatting(tmp_path, own_contract):
    _, out = write_copy(tmp_path, checked(own_contract))
    with zipfile.ZipFile(out) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    bold = ["".join(t.text for t in r.iter(_w("t"))) for r in body.iter(_w("r")) if r.find(f"{_w('rPr')}/{_w('b')}") is not None]
    assert "3%" in bold
    text = "".join(t.text or "" for t in body.iter(_w("t")))
    assert "借款月利率为3%，利息于每月末支付。" in text  # nothing lost or doubled by the splits


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_copy_without_error(tmp_path):
    _, out = write_copy(tmp_path, checked(CASH))
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "copy.pdf").stat().st_size > 1000


def test_rule_info_is_enough_for_a_note_without_the_run(tmp_path):
    run = checked(CASH)
    doc = run.documents[0]
    rules = {r.id: RuleInfo(id=r.id, severity=r.severity, title_zh=r.title_zh, title_en=r.title_en)
             for r in run.rules}
    out = tmp_path / "bare.docx"
    assert write_review_copy(doc, out, rules, source=doc.path) == len(doc.findings)


def test_a_copy_of_a_copy_keeps_the_earlier_comments_and_numbers_the_new_ones_after_them(tmp_path):
    run = checked(CASH)
    doc, first = write_copy(tmp_path, run, "first.docx")
    second = tmp_path / "second.docx"
    write_review_copy(doc, second, {r.id: r for r in run.rules}, source=str(first))
    comments = read_comments(second)
    assert len(comments) == 2 * len(doc.findings) and len(set(comments)) == len(comments)
    assert all(c["starts"] == 1 and c["references"] == 1 for c in comments.values())
    with zipfile.ZipFile(second) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode()
    assert rels.count("relationships/comments\"") == 1  # the comments part is not related twice
