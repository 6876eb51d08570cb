"""The reference PDF reader: pdfplumber (on pdfminer.six) for characters, ruling lines and tables.

Not the default any more (``ingest/pdf_pdfium.py`` is: pdfminer interprets content streams
in Python, three times slower than pdfium's whole text extraction). Kept as the reference
that the differential test holds the pdfium reader to, and reachable with
``CHECKER_PDF_READER=pdfplumber``.

Each page is interpreted once by a pdfminer device that writes every glyph straight into a
char dict of pdfplumber's shape, with the glyph's text render mode added (pdfplumber does
not report it, and the samples fake bold with mode 2, fill then stroke, when no bold CJK
face exists). Only the few non-text objects go through pdfplumber, for its table finder;
the page's caches are dropped right after, so memory stays flat on long documents.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Sequence

import pdfplumber
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTImage
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.utils.exceptions import PdfminerException

from checker.ingest import pdf_layout
from checker.ingest.pdf_source import ENCRYPTED, PageInput


def read_pages(path: Path) -> tuple[Iterator[PageInput], Any]:
    """The opened document (close it when done) and a lazy sequence of its pages' inputs."""
    pdf = pdfplumber.open(path)
    return _pages(pdf), pdf


def metadata(pdf: Any) -> dict[str, Any]:
    return dict(pdf.metadata)


def _pages(pdf: Any) -> Iterator[PageInput]:
    for page in pdf.pages:
        try:
            yield _page_input(page)
        finally:
            page.close()


def _page_input(page: Any) -> PageInput:
    dicts, shapes = _interpret(page)
    chars = pdf_layout.Glyphs.from_dicts(dicts)
    width, height = float(page.width), float(page.height)
    area = max(width * height, 1.0)
    cover = min(1.0, sum(abs((o.x1 - o.x0) * (o.y1 - o.y0)) for o in shapes if isinstance(o, LTImage)) / area)
    if not chars.ink.any():
        return PageInput(page.page_number, width, height, chars, [], [], lambda: [], cover, bool(shapes))
    page._objects = _shape_objects(page, shapes)  # pdfplumber's own cache: its table finder reads it
    horizontal, vertical = _strokes(page)
    return PageInput(page.page_number, width, height, chars, horizontal, vertical, lambda: _tables(page),
                     cover, True)


# --------------------------------------------------------------------------- characters


class _CharDevice(PDFPageAggregator):
    """pdfminer's layout device that turns each glyph straight into a char dict.

    The dicts have pdfplumber's keys and coordinates (top-down, MediaBox-adjusted) plus
    the glyph's text render mode, which pdfplumber does not report. Glyphs stay out of
    the layout tree, so only the page's strokes and images are left in it; building
    pdfplumber's char dicts from the tree costs about as much as interpreting the page.
    """

    def __init__(self, rsrcmgr: Any, pageno: int, height: float, mediabox: Sequence[float]):
        super().__init__(rsrcmgr, pageno=pageno, laparams=None)
        self.chars: list[dict[str, Any]] = []
        self._mode = 0
        self._height, self._dx, self._dy = height, mediabox[0], mediabox[1]

    def render_string(self, textstate, seq, ncs, graphicstate):  # type: ignore[no-untyped-def]
        self._mode = getattr(textstate, "render", 0)
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):  # type: ignore[no-untyped-def]
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        item = LTChar(matrix, font, fontsize, scaling, rise, text, font.char_width(cid),
                      font.char_disp(cid), ncs, graphicstate)
        colour = graphicstate.ncolor
        fontname = item.fontname
        self.chars.append({
            "text": text, "x0": item.x0 + self._dx, "x1": item.x1 + self._dx,
            "top": (self._height - item.y1) + self._dy, "bottom": (self._height - item.y0) + self._dy,
            "y0": item.y0,
            "size": item.size, "matrix": item.matrix, "upright": item.upright,
            "fontname": fontname.decode("latin-1") if isinstance(fontname, bytes) else fontname,
            "non_stroking_color": colour if isinstance(colour, tuple) else (colour,),
            "render_mode": self._mode,
        })
        return item.adv


def _interpret(page: Any) -> tuple[list[dict[str, Any]], list[Any]]:
    """The page's char dicts and its other layout objects (lines, rects, curves, ...)."""
    device = _CharDevice(page.pdf.rsrcmgr, page.page_number, page.height, page.mediabox)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as exc:
        raise PdfminerException(exc) from exc
    shapes: list[Any] = []

    def walk(objs: Any) -> None:  # figures (form XObjects) are read through, as pdfplumber does
        for obj in objs:
            if isinstance(obj, LTContainer):
                walk(obj._objs)
            else:
                shapes.append(obj)

    walk(device.get_result()._objs)
    return device.chars, shapes


def _shape_objects(page: Any, shapes: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """pdfplumber's object dicts for the page's non-text objects, by kind."""
    objects: dict[str, list[dict[str, Any]]] = {}
    for obj in shapes:
        attr = page.process_object(obj)
        objects.setdefault(attr["object_type"], []).append(attr)
    return objects


# --------------------------------------------------------------------------- ruling lines and tables


def _strokes(page: Any) -> tuple[list[pdf_layout.RulingLine], list[tuple[float, float, float]]]:
    """Thin horizontal strokes (as RulingLines) and vertical strokes (x, top, bottom) on the page."""
    horizontal: list[pdf_layout.RulingLine] = []
    vertical: list[tuple[float, float, float]] = []
    for obj in list(page.lines) + list(page.rects):
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if h <= 2 and w > 2:
            horizontal.append(pdf_layout.RulingLine(obj["x0"], obj["x1"], (obj["top"] + obj["bottom"]) / 2))
        elif w <= 2 and h > 2:
            vertical.append(((obj["x0"] + obj["x1"]) / 2, obj["top"], obj["bottom"]))
        elif obj["object_type"] == "rect" and w > 2 and h > 2:  # a box: its four edges
            horizontal += [pdf_layout.RulingLine(obj["x0"], obj["x1"], obj["top"]),
                           pdf_layout.RulingLine(obj["x0"], obj["x1"], obj["bottom"])]
            vertical += [(obj["x0"], obj["top"], obj["bottom"]), (obj["x1"], obj["top"], obj["bottom"])]
    return horizontal, vertical


def _tables(page: Any) -> list[pdf_layout.TableGrid]:
    grids = []
    for table in page.find_tables():
        rows = tuple(tuple(tuple(map(float, cell)) if cell else None for cell in row.cells) for row in table.rows)
        grids.append(pdf_layout.TableGrid(bbox=tuple(map(float, table.bbox)), rows=rows))
    return grids




def reason(exc: BaseException) -> str:
    """A one-line reason for a pdfminer / pdfplumber failure."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(inner).lower():
        return ENCRYPTED
    detail = str(inner).strip() or type(inner).__name__
    return f"corrupt or truncated PDF: {detail[:120]}"
