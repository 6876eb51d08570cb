"""The PDF reader: pdfplumber (on pdfminer.six) for characters, rules and tables.

Each page's characters are read once and the page's caches are dropped right after, so
memory stays flat on long documents. pdfplumber's char dicts do not say which text render
mode drew a glyph, and the samples fake bold with mode 2 (fill, then stroke) when no bold
CJK face exists; so the page layout is built here with a pdfminer device that notes the
mode of each glyph, and the modes are matched back to the char dicts by order.
"""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from checker.errors import DocumentError
from checker.ingest import pdf_layout, sniff
from checker.ingest.running import strip_running
from checker.model import Document, Line, Page

NO_TEXT = "scanned PDF with no text layer: OCR is not available yet"
ENCRYPTED = "encrypted PDF: a password is needed to read it"


def read_pdf(path: Path) -> Document:
    """Read a PDF into a Document of visual lines (headers, footers, watermarks dropped)."""
    with open(path, "rb") as fh:
        head = fh.read(2048)
    if not sniff.is_pdf(head):
        raise DocumentError(str(path), f"not a PDF file (content looks like {sniff.describe(head)})")
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many unrelated types for bad files
        raise DocumentError(str(path), _reason(exc)) from None
    try:
        return _read(pdf, path)
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - a page that fails to parse is a corrupt file
        raise DocumentError(str(path), _reason(exc)) from None
    finally:
        pdf.close()


def _read(pdf: Any, path: Path) -> Document:
    raw_pages: list[list[Line]] = []
    sizes: list[tuple[float, float]] = []
    glyphs = 0
    for page in pdf.pages:
        try:
            lines, count = _page_lines(page)
        finally:
            page.close()
        raw_pages.append(lines)
        sizes.append((float(page.width), float(page.height)))
        glyphs += count
    if not raw_pages:
        raise DocumentError(str(path), "corrupt or truncated PDF: no pages")
    if glyphs == 0:
        raise DocumentError(str(path), NO_TEXT)
    kept = strip_running(raw_pages, [h for _, h in sizes])
    pages = tuple(Page(number=i + 1, lines=tuple(lines), width=w, height=h)
                  for i, (lines, (w, h)) in enumerate(zip(kept, sizes)))
    return Document(path=str(path), format="pdf", pages=pages, metadata=_metadata(pdf.metadata, len(pages)))


def _page_lines(page: Any) -> tuple[list[Line], int]:
    """The page's lines and how many characters of text they hold (0: no text layer)."""
    _layout_with_render_modes(page)
    chars = [dict(c) for c in page.chars]
    modes = _render_modes(page.layout)
    if len(modes) == len(chars):
        for c, mode in zip(chars, modes):
            c["render_mode"] = mode
    if not any(c["text"].strip() for c in chars):
        return [], 0
    horizontal, vertical = _strokes(page)
    rules = pdf_layout.underline_rules(horizontal, vertical)
    grids = _tables(page) if len(horizontal) >= 2 and len(vertical) >= 2 else []
    lines = pdf_layout.page_lines(chars, rules, grids, page.page_number, float(page.width),
                                     float(page.height))
    return lines, sum(len(line.text) for line in lines)


# --------------------------------------------------------------------------- render modes


class _ModeDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's device, noting each glyph's text render mode (Tr) on the LTChar."""

    _mode = 0

    def render_string(self, textstate, seq, ncs, graphicstate):  # type: ignore[no-untyped-def]
        self._mode = getattr(textstate, "render", 0)
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        adv = super().render_char(*args, **kwargs)
        item = self.cur_item._objs[-1] if self.cur_item._objs else None
        if isinstance(item, LTChar):
            item.render_mode = self._mode  # type: ignore[attr-defined]
        return adv


def _layout_with_render_modes(page: Any) -> None:
    """Build the page layout as pdfplumber would, with render modes; pdfplumber then uses
    it (it caches the layout in ``page._layout``, which ``page.close()`` drops again)."""
    device = _ModeDevice(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as exc:
        raise PdfminerException(exc) from exc
    page._layout = device.get_result()


def _render_modes(layout: Any) -> list[int]:
    """Render modes of the layout's chars in pdfplumber's order (depth-first)."""
    modes: list[int] = []

    def walk(objs: Any) -> None:
        for obj in objs:
            if isinstance(obj, LTChar):
                modes.append(getattr(obj, "render_mode", 0))
            elif isinstance(obj, LTContainer):
                walk(obj._objs)

    walk(layout._objs)
    return modes


# --------------------------------------------------------------------------- rules and tables


def _strokes(page: Any) -> tuple[list[pdf_layout.Rule], list[tuple[float, float, float]]]:
    """Thin horizontal strokes (as Rules) and vertical strokes (x, top, bottom) on the page."""
    horizontal: list[pdf_layout.Rule] = []
    vertical: list[tuple[float, float, float]] = []
    for obj in list(page.lines) + list(page.rects):
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if h <= 2 and w > 2:
            horizontal.append(pdf_layout.Rule(obj["x0"], obj["x1"], (obj["top"] + obj["bottom"]) / 2))
        elif w <= 2 and h > 2:
            vertical.append(((obj["x0"] + obj["x1"]) / 2, obj["top"], obj["bottom"]))
        elif obj["object_type"] == "rect" and w > 2 and h > 2:  # a box: its four edges
            horizontal += [pdf_layout.Rule(obj["x0"], obj["x1"], obj["top"]),
                           pdf_layout.Rule(obj["x0"], obj["x1"], obj["bottom"])]
            vertical += [(obj["x0"], obj["top"], obj["bottom"]), (obj["x1"], obj["top"], obj["bottom"])]
    return horizontal, vertical


def _tables(page: Any) -> list[pdf_layout.TableGrid]:
    grids = []
    for table in page.find_tables():
        rows = tuple(tuple(tuple(map(float, cell)) if cell else None for cell in row.cells) for row in table.rows)
        grids.append(pdf_layout.TableGrid(bbox=tuple(map(float, table.bbox)), rows=rows))
    return grids


# --------------------------------------------------------------------------- errors and metadata


def _reason(exc: BaseException) -> str:
    """A one-line reason for a pdfminer / pdfplumber failure."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(inner).lower():
        return ENCRYPTED
    detail = str(inner).strip() or type(inner).__name__
    return f"corrupt or truncated PDF: {detail[:120]}"


def _metadata(info: dict[str, Any], page_count: int) -> dict[str, Any]:
    meta: dict[str, Any] = {"page_count": page_count}
    for key, name in (("Title", "title"), ("Author", "author"), ("Producer", "producer"),
                      ("CreationDate", "creation_date")):
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str) and value.strip():
            meta[name] = _pdf_date(value) if key == "CreationDate" else value.strip()
    return meta


_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")


def _pdf_date(value: str) -> str:
    """'D:20241106093000+08'00'' -> '2024-11-06T09:30:00' (as written when it does not parse)."""
    m = _PDF_DATE.match(value.strip())
    if not m:
        return value.strip()
    parts = [int(p) if p else d for p, d in zip(m.groups(), (0, 1, 1, 0, 0, 0))]
    try:
        return datetime(*parts).isoformat()
    except ValueError:
        return value.strip()
