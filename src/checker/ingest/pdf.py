"""The PDF reader: pdfplumber (on pdfminer.six) for characters, rules and tables.

Each page is interpreted once by a pdfminer device that writes every glyph straight into a
char dict of pdfplumber's shape, with the glyph's text render mode added (pdfplumber does
not report it, and the samples fake bold with mode 2, fill then stroke, when no bold CJK
face exists). Only the few non-text objects go through pdfplumber, for its table finder;
the page's caches are dropped right after, so memory stays flat on long documents.

Pages without a usable text layer (see ``needs_ocr``) are read by OCR (``ingest/ocr.py``)
when Tesseract is installed: typed pages keep their lines, scanned pages get OCR lines
and ``Page(ocr=True)``; without Tesseract a file with such a page is a DocumentError that
says what to install.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

import pdfplumber
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTImage
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.utils.exceptions import PdfminerException

from checker.errors import DocumentError
from checker.ingest import pdf_layout, sniff
from checker.ingest.running import is_page_number, strip_running
from checker.model import Document, Line, Page

NO_TEXT = "PDF with no text: no page has a text layer or a scanned image"
OCR_EMPTY = "OCR found no text"
ENCRYPTED = "encrypted PDF: a password is needed to read it"

MIN_TEXT_CHARS = 20  # fewer letters, digits and ideographs than this: a stamp, a page number, a scan
SCAN_COVER = 0.25  # share of the page under images from which a nearly text-less page is a scan
_CID = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for a glyph with no Unicode mapping


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
        scans, sizes, metadata = _scan(pdf)
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - a page that fails to parse is a corrupt file
        raise DocumentError(str(path), _reason(exc)) from None
    finally:
        pdf.close()
    if not scans:
        raise DocumentError(str(path), "corrupt or truncated PDF: no pages")
    return _document(path, scans, sizes, metadata)


@dataclass
class PageScan:
    """What the text layer of one page offers: its lines and how much they are worth."""

    lines: list[Line]
    chars: int  # letters, digits and ideographs outside page-number lines
    image_cover: float  # share of the page under images, 0..1
    ink: bool  # any image or drawing on the page


def needs_ocr(scan: PageScan) -> bool:
    """A page is read by OCR when its text layer is not usable.

    Usable: at least ``MIN_TEXT_CHARS`` real characters (a stamp, a page number or a few
    stray glyphs are not a text layer). A page with less is OCR'd when images cover at
    least ``SCAN_COVER`` of it (a scan, perhaps with a typed page number on top) or when it
    has no text at all but does have ink (text drawn as outlines). A short typed page with
    no big image (a last page with only signatures) keeps its text; a blank page is blank.
    """
    if scan.chars >= MIN_TEXT_CHARS:
        return False
    return scan.image_cover >= SCAN_COVER or (scan.chars == 0 and scan.ink)


def _scan(pdf: Any) -> tuple[list[PageScan], list[tuple[float, float]], dict[str, Any]]:
    scans: list[PageScan] = []
    sizes: list[tuple[float, float]] = []
    for page in pdf.pages:
        try:
            scans.append(_page_scan(page))
        finally:
            page.close()
        sizes.append((float(page.width), float(page.height)))
    return scans, sizes, _metadata(pdf.metadata, len(scans))


def _document(path: Path, scans: list[PageScan], sizes: list[tuple[float, float]],
              metadata: dict[str, Any]) -> Document:
    """The Document, with OCR lines on the pages that need them."""
    todo = [i for i, scan in enumerate(scans) if needs_ocr(scan)]
    ocr_read = _ocr(path, todo, len(scans))
    raw_pages, heights = [], []
    for i, scan in enumerate(scans):
        if i in ocr_read:
            sizes[i] = (ocr_read[i].width, ocr_read[i].height)
        raw_pages.append(list(ocr_read[i].lines) if i in ocr_read else scan.lines)
        heights.append(sizes[i][1])
    if not any(raw_pages):
        raise DocumentError(str(path), _scanned(len(todo), len(scans), OCR_EMPTY) if todo else NO_TEXT)
    kept = strip_running(raw_pages, heights)
    pages = tuple(Page(number=i + 1, lines=tuple(lines), width=w, height=h, ocr=i in ocr_read)
                  for i, (lines, (w, h)) in enumerate(zip(kept, sizes)))
    return Document(path=str(path), format="pdf", pages=pages, metadata={**metadata, **_ocr_meta(ocr_read)})


def _ocr(path: Path, indexes: list[int], total: int) -> dict[int, Any]:
    if not indexes:
        return {}
    from checker.ingest import ocr

    try:
        ocr.require_tesseract()
        with _Renderer(path) as render:
            return ocr.ocr_pages(path, indexes, render)
    except (ocr.OcrUnavailable, ocr.OcrFailed) as exc:
        raise DocumentError(str(path), _scanned(len(indexes), total, str(exc))) from None


_PDFIUM = threading.Lock()  # pdfium is not thread-safe: one call into it at a time in the process


class _Renderer:
    """Grayscale page images for OCR, drawn by pypdfium2 (callable from the OCR threads)."""

    def __init__(self, path: Path):
        import pypdfium2 as pdfium

        with _PDFIUM:
            self._pdf = pdfium.PdfDocument(str(path))

    def __enter__(self) -> "_Renderer":
        return self

    def __exit__(self, *exc: object) -> None:
        with _PDFIUM:
            self._pdf.close()

    def __call__(self, index: int, dpi: int) -> Any:
        with _PDFIUM:
            page = self._pdf[index]
            try:
                return page.render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")
            finally:
                page.close()


def _scanned(count: int, total: int, detail: str) -> str:
    return f"scanned PDF ({count} of {total} pages have no text layer): {detail}"


def _ocr_meta(ocr_read: dict[int, Any]) -> dict[str, Any]:
    return {"ocr_pages": sorted(i + 1 for i in ocr_read)} if ocr_read else {}


def _page_scan(page: Any) -> PageScan:
    """The page's lines and the measures ``needs_ocr`` decides on."""
    chars, shapes = _interpret(page)
    area = max(float(page.width) * float(page.height), 1.0)
    cover = min(1.0, sum(abs((o.x1 - o.x0) * (o.y1 - o.y0)) for o in shapes if isinstance(o, LTImage)) / area)
    if not any(c["text"].strip() for c in chars):
        return PageScan([], 0, cover, bool(shapes))
    page._objects = _shape_objects(page, shapes)  # pdfplumber's own cache: its table finder reads it
    horizontal, vertical = _strokes(page)
    rules = pdf_layout.underline_rules(horizontal, vertical)
    grids = _tables(page) if len(horizontal) >= 2 and len(vertical) >= 2 else []
    lines = pdf_layout.page_lines(chars, rules, grids, page.page_number, float(page.width),
                                  float(page.height))
    real = sum(sum(ch.isalnum() for ch in _CID.sub("", line.text)) for line in lines
               if not is_page_number(line.text))
    return PageScan(lines, real, cover, True)


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
