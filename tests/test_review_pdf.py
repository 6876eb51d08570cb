"""PDF review copies: a highlight over each finding's evidence (read back through pdfium's own
character boxes), sticky notes on page 1 for missing terms, the original untouched."""
from __future__ import annotations

import ctypes
import hashlib
from datetime import date

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from checker.findings.waivers import Waiver
import review_expect
from review_expect import assert_chinese_note, assert_english_note, checked, expected_text, rule_of, squeeze
from sample_files import CONTRACTS

PDFS = sorted(p.name for p in CONTRACTS.glob("*.pdf"))
INSET = 1.0  # points: a quad's own row only, not its neighbours' glyph edges


def _string(annot, key: str) -> str:
    size = pdfium_c.FPDFAnnot_GetStringValue(annot, key.encode(), None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFAnnot_GetStringValue(annot, key.encode(), ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size)
    return buffer.raw[: size - 2].decode("utf-16-le")


def read_annotations(path) -> list[dict]:
    """Every annotation: page, subtype, name, contents, colour, rect and the text under its quads."""
    out = []
    pdf = pdfium.PdfDocument(str(path))
    for index in range(len(pdf)):
        page = pdf[index]
        text = page.get_textpage()
        for k in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
            annot = pdfium_c.FPDFPage_GetAnnot(page.raw, k)
            rect = pdfium_c.FS_RECTF()
            pdfium_c.FPDFAnnot_GetRect(annot, ctypes.byref(rect))
            quads, under = [], ""
            for q in range(pdfium_c.FPDFAnnot_CountAttachmentPoints(annot)):
                quad = pdfium_c.FS_QUADPOINTSF()
                pdfium_c.FPDFAnnot_GetAttachmentPoints(annot, q, ctypes.byref(quad))
                left, right = min(quad.x1, quad.x3), max(quad.x2, quad.x4)
                bottom, top = min(quad.y3, quad.y4), max(quad.y1, quad.y2)
                quads.append((left, bottom, right, top))
                under += text.get_text_bounded(left + INSET, bottom + INSET, right - INSET, top - INSET)
            r, g, b, a = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
            pdfium_c.FPDFAnnot_GetColor(annot, pdfium_c.FPDFANNOT_COLORTYPE_Color, r, g, b, a)
            out.append({"page": index + 1, "subtype": pdfium_c.FPDFAnnot_GetSubtype(annot),
                        "name": _string(annot, "NM"), "author": _string(annot, "T"),
                        "note": _string(annot, "Contents"), "subject": _string(annot, "Subj"), "colour": (r.value, g.value, b.value),
                        "rect": (rect.left, rect.bottom, rect.right, rect.top), "quads": quads, "under": under})
            pdfium_c.FPDFPage_CloseAnnot(annot)
        text.close()
        page.close()
    pdf.close()
    return out


def write_copy(tmp_path, run, name="copy.pdf", lang="zh"):
    return review_expect.write_copy(tmp_path, run, name, lang)


@pytest.mark.parametrize("name", PDFS)
def test_every_finding_is_one_note_placed_on_its_evidence(tmp_path, name):
    doc, out = write_copy(tmp_path, checked(CONTRACTS / name))
    notes = [a for a in read_annotations(out) if a["note"]]
    assert sorted(rule_of(a["note"]) for a in notes) == sorted(f.rule_id for f in doc.findings)
    for finding, note in zip(doc.findings, sorted(notes, key=lambda a: int(a["name"].split("-")[1]))):
        assert rule_of(note["note"]) == finding.rule_id and note["author"] == "checker"
        if finding.clause:
            assert note["subtype"] == pdfium_c.FPDF_ANNOT_HIGHLIGHT and note["page"] == finding.page
            continued = "".join(a["under"] for a in read_annotations(out) if a["name"].startswith(note["name"] + "."))
            assert squeeze(note["under"] + continued) == expected_text(doc.path, finding), finding.rule_id
        else:
            assert note["subtype"] == pdfium_c.FPDF_ANNOT_TEXT and note["page"] == 1


def test_a_quad_is_the_union_of_the_readers_character_boxes(tmp_path):
    from checker.ingest import read_document
    from checker.ingest.pdf_layout import keeping_char_boxes

    doc, out = write_copy(tmp_path, checked(CONTRACTS / "platform-consumer-loan.pdf"))
    with keeping_char_boxes():
        document = read_document(doc.path)
    page_height = {p.number: p.height for p in document.pages}
    boxes = {(line.page, b) for line in document.lines for b in line.char_boxes if b}
    for note in read_annotations(out):
        for left, bottom, right, top in note["quads"]:
            inside = [b for page, b in boxes if page == note["page"] and b[0] >= left - 0.01 and b[2] <= right + 0.01
                      and page_height[page] - b[1] <= top + 0.01 and page_height[page] - b[3] >= bottom - 0.01]
            assert inside
            assert min(b[0] for b in inside) == pytest.approx(left, abs=0.01)
            assert max(b[2] for b in inside) == pytest.approx(right, abs=0.01)
            assert page_height[note["page"]] - min(b[1] for b in inside) == pytest.approx(top, abs=0.01)


def test_missing_terms_are_separate_notes_beside_the_title_on_page_one(tmp_path):
    doc, out = write_copy(tmp_path, checked(CONTRACTS / "jietiao.pdf"))
    notes = read_annotations(out)
    missing = [f for f in doc.findings if not f.clause]
    assert len(missing) >= 3
    rects = [a["rect"] for a in notes if a["subtype"] == pdfium_c.FPDF_ANNOT_TEXT]
    assert len(rects) == len(missing) and len(set(rects)) == len(rects)  # not on top of one another


def test_the_original_is_not_modified_and_the_copy_keeps_its_text(tmp_path):
    source = CONTRACTS / "platform-consumer-loan.pdf"
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    _, out = write_copy(tmp_path, checked(source))
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    from checker.ingest import read_document

    assert read_document(str(out)).text == read_document(str(source)).text


def test_waived_findings_are_grey_notes_with_reason_and_expiry(tmp_path):
    waiver = Waiver(rule="unilateral-amendment", path="**/platform-consumer-loan.pdf", reason="监管沟通中",
                    expires=date(2099, 1, 31))
    doc, out = write_copy(tmp_path, checked(CONTRACTS / "platform-consumer-loan.pdf", waivers=(waiver,)))
    notes = {rule_of(a["note"]): a for a in read_annotations(out) if a["note"]}
    assert len(notes) == len(doc.findings)
    grey = notes["unilateral-amendment"]
    assert "监管沟通中" in grey["note"] and "2099-01-31" in grey["note"] and grey["note"].startswith("【已豁免】")
    assert len(set(grey["colour"])) == 1  # grey: red = green = blue
    assert all(len(set(a["colour"])) > 1 for rule, a in notes.items() if rule != "unilateral-amendment")


WAIVER = Waiver(rule="unilateral-amendment", path="**/platform-consumer-loan.pdf", reason="监管沟通中",
                expires=date(2099, 1, 31))
ONE_LANGUAGE = ["platform-consumer-loan.pdf", "jietiao.pdf"]  # a waived highlight; notes on the title


@pytest.mark.parametrize("name", ONE_LANGUAGE)
def test_a_chinese_copy_has_chinese_labels_only(tmp_path, name):
    doc, out = write_copy(tmp_path, checked(CONTRACTS / name, waivers=(WAIVER,)))
    notes = {rule_of(a["note"]): a for a in read_annotations(out) if a["note"]}
    for finding in doc.findings:
        assert_chinese_note(notes[finding.rule_id]["note"], finding)
        assert notes[finding.rule_id]["subject"] == notes[finding.rule_id]["note"].splitlines()[0]


@pytest.mark.parametrize("name", ONE_LANGUAGE)
def test_an_english_copy_has_english_labels_titles_messages_and_wording(tmp_path, name):
    run = checked(CONTRACTS / name, waivers=(WAIVER,))
    doc, out = write_copy(tmp_path, run, lang="en")
    annotations = read_annotations(out)
    notes = {rule_of(a["note"]): a for a in annotations if a["note"]}
    assert len(notes) == len(doc.findings)
    for finding in doc.findings:
        assert_english_note(notes[finding.rule_id]["note"], finding, {r.id: r for r in run.rules})
        assert notes[finding.rule_id]["subject"] == notes[finding.rule_id]["note"].splitlines()[0]
        if finding.clause:  # the highlight still covers the contract's own text
            continued = "".join(a["under"] for a in annotations if a["name"].startswith(notes[finding.rule_id]["name"] + "."))
            assert squeeze(notes[finding.rule_id]["under"] + continued) == expected_text(doc.path, finding)
    if name == "platform-consumer-loan.pdf":
        assert "Waiver reason: 监管沟通中 (until 2099-01-31)" in notes["unilateral-amendment"]["note"]


def test_character_boxes_are_read_only_for_review_copies():
    from checker.ingest import read_document
    from checker.ingest.pdf_layout import keeping_char_boxes

    path = str(CONTRACTS / "two-column.pdf")
    assert not any(line.char_boxes for line in read_document(path).lines)
    with keeping_char_boxes():
        lines = read_document(path).lines
    assert all(len(line.char_boxes) == len(line.text) for line in lines)
    assert sum(1 for line in lines for ch, box in zip(line.text, line.char_boxes) if not ch.isspace() and box is None) \
        <= 0.01 * sum(len(line.text) for line in lines)  # nearly every drawn character has its glyph's box
