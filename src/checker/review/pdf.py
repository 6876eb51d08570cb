"""PDF review copies: a highlight over each finding's evidence, carrying the note.

Written with pdfium's annotation API (pypdfium2): a Highlight annotation whose quad points
are the reader's character boxes, one quad per visual row, with the note as its contents
(viewers show it as the highlight's pop-up note and list it in their comments panel). A
finding about the whole document is a Text annotation (a sticky note) beside the title on
page 1. Waived findings are grey. The page content is not touched.
"""
from __future__ import annotations

import ctypes
from datetime import datetime
from pathlib import Path
from typing import Mapping, Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..model import Document, Line, RuleInfo
from .anchors import DOCUMENT, Anchor
from .notes import AUTHOR, headline, note_text

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (top-down page points)

# Light colours (RGB 0-255): highlights are drawn under the text with a multiply blend.
COLOURS = {"critical": (255, 120, 120), "high": (255, 170, 90), "medium": (255, 225, 60),
           "low": (140, 200, 255), "info": (200, 200, 200)}
WAIVED = (190, 190, 190)
NOTE_SIZE = 20.0  # a sticky note's icon, in points
NOTE_MARGIN = 14.0  # its distance from the page's right edge
ROW_TOLERANCE = 0.5  # boxes whose tops differ by less than this share of their height: one row
NAME_PREFIX = "checker-"


def write_pdf_review(source: str | Path, document: Document, anchors: Sequence[Anchor],
                     rules: Mapping[str, RuleInfo], out: str | Path, when: datetime, lang: str = "zh") -> int:
    """Write the review copy of ``source`` to ``out``, its notes in ``lang``; returns the number of notes."""
    stamp = when.strftime("D:%Y%m%d%H%M%SZ")
    pdf = pdfium.PdfDocument(str(source))
    try:
        stacked: dict[int, int] = {}  # sticky notes already put beside the title, per page
        for n, anchor in enumerate(anchors):
            values = {"Contents": note_text(anchor.finding, rules, lang), "T": AUTHOR,
                      "Subj": headline(anchor.finding, rules, lang), "M": stamp, "CreationDate": stamp}
            colour = WAIVED if anchor.finding.waived else COLOURS[anchor.finding.severity.value]
            rows = _rows(document, anchor) if anchor.kind != DOCUMENT else {}
            if rows:
                for k, (page_no, quads) in enumerate(sorted(rows.items())):
                    # the note once, on the first page; later pages carry the rest of the highlight
                    more = values if k == 0 else {"Subj": values["Subj"], "T": AUTHOR, "M": stamp}
                    _highlight(pdf[page_no - 1], quads, colour, more, note_name(n, anchor) + (f".{k}" if k else ""))
            else:
                page_no = _title_page(document, anchor)
                slot = stacked.get(page_no, 0)
                stacked[page_no] = slot + 1
                _sticky_note(pdf[page_no - 1], document, anchor, slot, colour, values, note_name(n, anchor))
        pdf.save(str(out))
    finally:
        pdf.close()
    return len(anchors)


def note_name(index: int, anchor: Anchor) -> str:
    """The annotation's /NM: which finding of the document (its index) and its rule."""
    return f"{NAME_PREFIX}{index}-{anchor.finding.rule_id}"


# --------------------------------------------------------------------------- where the characters are


def _rows(document: Document, anchor: Anchor) -> dict[int, list[Box]]:
    """The anchor's characters as one box per visual row, grouped by page."""
    out: dict[int, list[Box]] = {}
    lines = document.lines
    for piece in anchor.pieces:
        line = lines[piece.line]
        boxes = [b for b in _char_boxes(line)[piece.start:piece.end] if b is not None]
        for row in _by_row(boxes):
            out.setdefault(line.page, []).append(row)
    return out


def _char_boxes(line: Line) -> Sequence[Box | None]:
    """The reader's boxes; for a line without them (an OCR line) the line's box shared out
    evenly over its characters."""
    if line.char_boxes:
        return line.char_boxes
    n = max(len(line.text), 1)
    step = (line.x1 - line.x0) / n
    return [None if ch.isspace() else (line.x0 + i * step, line.top, line.x0 + (i + 1) * step, line.bottom)
            for i, ch in enumerate(line.text)]


def _by_row(boxes: list[Box]) -> list[Box]:
    """Merge boxes of one visual row into one (a table row's cell may wrap onto several)."""
    rows: list[Box] = []
    for x0, top, x1, bottom in boxes:
        if rows:
            rx0, rtop, rx1, rbottom = rows[-1]
            if abs(top - rtop) <= ROW_TOLERANCE * max(bottom - top, rbottom - rtop, 1.0) and x0 >= rx0 - 1:
                rows[-1] = (min(rx0, x0), min(rtop, top), max(rx1, x1), max(rbottom, bottom))
                continue
        rows.append((x0, top, x1, bottom))
    return rows


def _title_page(document: Document, anchor: Anchor) -> int:
    if anchor.pieces:
        return document.lines[anchor.pieces[0].line].page
    return 1


# --------------------------------------------------------------------------- annotations


class _Space:
    """Top-down reader points -> the page's PDF user space (y upwards)."""

    def __init__(self, page: pdfium.PdfPage):
        self.left, self.bottom, self.right, self.top = page.get_mediabox()

    def y(self, top_down: float) -> float:
        # the reader measures ``top`` down from the MediaBox top, offset by its bottom edge
        return self.top + self.bottom - top_down


def _highlight(page: pdfium.PdfPage, rows: list[Box], colour: tuple[int, int, int],
               values: Mapping[str, str], name: str) -> None:
    space = _Space(page)
    annot = pdfium_c.FPDFPage_CreateAnnot(page.raw, pdfium_c.FPDF_ANNOT_HIGHLIGHT)
    if not annot:
        raise RuntimeError("pdfium could not create a highlight annotation")
    try:
        for x0, top, x1, bottom in rows:
            y_top, y_bottom = space.y(top), space.y(bottom)
            quad = pdfium_c.FS_QUADPOINTSF(x0, y_top, x1, y_top, x0, y_bottom, x1, y_bottom)
            _ok(pdfium_c.FPDFAnnot_AppendAttachmentPoints(annot, ctypes.byref(quad)), "quad points")
        left, right = min(r[0] for r in rows), max(r[2] for r in rows)
        upper, lower = space.y(min(r[1] for r in rows)), space.y(max(r[3] for r in rows))
        _ok(pdfium_c.FPDFAnnot_SetRect(annot, ctypes.byref(pdfium_c.FS_RECTF(left, upper, right, lower))), "rect")
        _decorate(annot, colour, values, name)
    finally:
        pdfium_c.FPDFPage_CloseAnnot(annot)


def _sticky_note(page: pdfium.PdfPage, document: Document, anchor: Anchor, slot: int,
                 colour: tuple[int, int, int], values: Mapping[str, str], name: str) -> None:
    """A note icon in the right margin at the height of the title, one under another."""
    space = _Space(page)
    title = document.lines[anchor.pieces[0].line] if anchor.pieces else None
    top = (title.top if title is not None and title.bottom > 0 else 36.0) + slot * (NOTE_SIZE + 4)
    right = space.right - NOTE_MARGIN
    annot = pdfium_c.FPDFPage_CreateAnnot(page.raw, pdfium_c.FPDF_ANNOT_TEXT)
    if not annot:
        raise RuntimeError("pdfium could not create a note annotation")
    try:
        rect = pdfium_c.FS_RECTF(right - NOTE_SIZE, space.y(top), right, space.y(top + NOTE_SIZE))
        _ok(pdfium_c.FPDFAnnot_SetRect(annot, ctypes.byref(rect)), "rect")
        _decorate(annot, colour, values, name)
    finally:
        pdfium_c.FPDFPage_CloseAnnot(annot)


def _decorate(annot: object, colour: tuple[int, int, int], values: Mapping[str, str], name: str) -> None:
    r, g, b = colour
    _ok(pdfium_c.FPDFAnnot_SetColor(annot, pdfium_c.FPDFANNOT_COLORTYPE_Color, r, g, b, 255), "colour")
    _ok(pdfium_c.FPDFAnnot_SetFlags(annot, pdfium_c.FPDF_ANNOT_FLAG_PRINT), "flags")
    for key, value in {**values, "NM": name}.items():
        _set_string(annot, key, value)


def _set_string(annot: object, key: str, value: str) -> None:
    encoded = (value + "\x00").encode("utf-16-le")
    pointer = ctypes.cast(encoded, pdfium_c.FPDF_WIDESTRING)
    _ok(pdfium_c.FPDFAnnot_SetStringValue(annot, key.encode("ascii"), pointer), key)


def _ok(result: object, what: str) -> None:
    if not result:
        raise RuntimeError(f"pdfium could not set the annotation's {what}")
