"""The PDF reader: characters, ruling lines and tables from one of two character sources.

``pdfium`` (``ingest/pdf_pdfium.py``, the default) asks pdfium's text page for each glyph;
``pdfplumber`` (``ingest/pdf_plumber.py``) interprets the page with pdfminer, about three
times slower, and is kept as the reference the differential test compares against. Pick
one with ``read_pdf(path, reader=...)`` or the ``CHECKER_PDF_READER`` environment variable.
Both give the same ``PageInput`` (the page's glyphs as ``pdf_glyphs.Glyphs`` columns, strokes,
a table finder), and everything from there on is shared: ``pdf_layout`` makes the lines.

Pages without a usable text layer (see ``needs_ocr``) are read by OCR (the ``ingest/ocr`` package)
when Tesseract is installed: typed pages keep their lines, scanned pages get OCR lines
and ``Page(ocr=True)`` with the engine and its mean confidence; without an OCR engine a file with such a page is a DocumentError that
says what to install.
"""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator

from checker.limits import current as current_limits
from checker.errors import DocumentError, ErrorKind
from checker.ingest import pdf_layout, sniff
from checker.ingest.pdf_source import ENCRYPTED, PageInput
from checker.ingest.reading import ReadOptions
from checker.ingest.running import is_page_number, strip_running
from checker.model import Document, Line, Page

NO_TEXT = "PDF with no text: no page has a text layer or a scanned image"
OCR_EMPTY = "OCR found no text"
READER_ENV = "CHECKER_PDF_READER"
PDF_READERS = ("pdfium", "pdfplumber")
DEFAULT_READER = "pdfium"

MIN_TEXT_CHARS = 20  # fewer letters, digits and ideographs than this: a stamp, a page number, a scan
SCAN_COVER = 0.25  # share of the page under images from which a nearly text-less page is a scan
_CID = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for a glyph with no Unicode mapping
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() takes: letters, digits and ideographs


def read_pdf(path: Path, reader: str | None = None, options: ReadOptions | None = None) -> Document:
    """Read a PDF into a Document of visual lines (headers, footers, watermarks dropped).

    ``reader``: "pdfium" or "pdfplumber"; by default ``CHECKER_PDF_READER``, else pdfium.
    ``options``: how OCR reads the scanned pages (threads, page cache, the file's digest).
    """
    with open(path, "rb") as fh:
        head = fh.read(2048)
    if not sniff.is_pdf(head):
        raise DocumentError(str(path), f"not a PDF file (content looks like {sniff.describe(head)})",
                            ErrorKind.UNSUPPORTED_FORMAT)
    which = reader or pdf_reader()
    scan = _scan_pdfium if which == "pdfium" else _scan_pdfplumber
    scans, sizes, metadata = scan(path)
    if not scans:
        raise DocumentError(str(path), "corrupt or truncated PDF: no pages", ErrorKind.CORRUPT)
    return _document(path, scans, sizes, metadata, options or ReadOptions())


def pdf_reader() -> str:
    """The character source named by ``CHECKER_PDF_READER`` (pdfium when unset)."""
    name = os.environ.get(READER_ENV, "").strip().lower() or DEFAULT_READER
    if name not in PDF_READERS:
        raise ValueError(f"{READER_ENV}={name!r}: expected one of {', '.join(PDF_READERS)}")
    return name


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


def _scan_pdfplumber(path: Path) -> tuple[list[PageScan], list[tuple[float, float]], dict[str, Any]]:
    from checker.ingest import pdf_plumber

    try:
        pages, pdf = pdf_plumber.read_pages(path)
    except Exception as exc:  # pdfminer raises many unrelated types for bad files
        raise _unreadable(path, pdf_plumber.reason(exc)) from None
    try:
        return _scan_pages(pages, lambda: pdf_plumber.metadata(pdf))
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - a page that fails to parse is a corrupt file
        raise _unreadable(path, pdf_plumber.reason(exc)) from None
    finally:
        pdf.close()


def _scan_pdfium(path: Path) -> tuple[list[PageScan], list[tuple[float, float]], dict[str, Any]]:
    from checker.ingest import pdf_pdfium

    with _PDFIUM:
        try:
            pdf = pdf_pdfium.open_document(path)
        except Exception as exc:  # noqa: BLE001 - PdfiumError, or OSError from the file
            raise _unreadable(path, pdf_pdfium.reason(exc)) from None
        try:
            return _scan_pages(pdf_pdfium.read_pages(pdf), lambda: pdf_pdfium.metadata(pdf))
        except DocumentError:
            raise
        except Exception as exc:  # noqa: BLE001 - a page that fails to parse is a corrupt file
            raise _unreadable(path, pdf_pdfium.reason(exc)) from None
        finally:
            pdf.close()


def _unreadable(path: Path, reason: str) -> DocumentError:
    """A PDF library's failure to open or parse the file: it asked for a password, or the file is corrupt."""
    return DocumentError(str(path), reason, ErrorKind.ENCRYPTED if reason == ENCRYPTED else ErrorKind.CORRUPT)


def _scan_pages(pages: Iterator[PageInput], info: Callable[[], dict[str, Any]]
                ) -> tuple[list[PageScan], list[tuple[float, float]], dict[str, Any]]:
    scans: list[PageScan] = []
    sizes: list[tuple[float, float]] = []
    limits = current_limits()
    for page in pages:
        if len(page.chars) > limits.page_chars:  # before layout: grouping millions of glyphs costs gigabytes
            raise DocumentError("", f"page {page.number}: " + limits.exceeded("page_chars", len(page.chars)),
                                ErrorKind.TOO_LARGE)
        scans.append(page_scan(page))
        sizes.append((page.width, page.height))
    return scans, sizes, _metadata(info(), len(scans))


def _document(path: Path, scans: list[PageScan], sizes: list[tuple[float, float]],
              metadata: dict[str, Any], options: ReadOptions) -> Document:
    """The Document, with OCR lines on the pages that need them."""
    todo = [i for i, scan in enumerate(scans) if needs_ocr(scan)]
    ocr_read = _ocr(path, todo, len(scans), options)
    raw_pages, heights = [], []
    for i, scan in enumerate(scans):
        if i in ocr_read:
            sizes[i] = (ocr_read[i].width, ocr_read[i].height)
        raw_pages.append(list(ocr_read[i].lines) if i in ocr_read else scan.lines)
        heights.append(sizes[i][1])
    if not any(raw_pages):
        raise DocumentError(str(path), _scanned(len(todo), len(scans), OCR_EMPTY) if todo else NO_TEXT,
                            ErrorKind.NO_TEXT)
    kept = strip_running(raw_pages, heights)
    pages = tuple(Page(number=i + 1, lines=tuple(lines), width=w, height=h, ocr=i in ocr_read,
                       ocr_engine=ocr_read[i].engine if i in ocr_read else "",
                       ocr_confidence=ocr_read[i].mean_confidence if i in ocr_read else None)
                  for i, (lines, (w, h)) in enumerate(zip(kept, sizes)))
    return Document(path=str(path), format="pdf", pages=pages, metadata={**metadata, **_ocr_meta(ocr_read)})


def _ocr(path: Path, indexes: list[int], total: int, options: ReadOptions) -> dict[int, Any]:
    if not indexes:
        return {}
    from checker.ingest import ocr

    try:
        ocr.require_engine()
        with _Renderer(path) as render:
            return ocr.ocr_pages(path, indexes, render, options=options)
    except (ocr.OcrUnavailable, ocr.OcrFailed) as exc:
        raise DocumentError(str(path), _scanned(len(indexes), total, str(exc)), ErrorKind.NO_TEXT) from None


_PDFIUM = threading.Lock()  # pdfium is not thread-safe: one call into it at a time in the process


class _Renderer:
    """Grayscale page images for OCR, drawn by pypdfium2 (callable from the OCR threads)."""

    def __init__(self, path: Path):
        import pypdfium2 as pdfium

        self._path = path
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
                _check_pixels(self._path, index, page.get_size(), dpi)
                return page.render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")
            finally:
                page.close()


def _check_pixels(path: Path, index: int, size: tuple[float, float], dpi: int) -> None:
    """DocumentError before rendering a page bigger than limits.ocr_pixels: a page can declare
    any size (a 689-byte page of 200 x 200 inches asks for a 3 GiB bitmap)."""
    from checker.limits import current

    pixels = round(size[0] * dpi / 72) * round(size[1] * dpi / 72)
    if pixels > current().ocr_pixels:
        raise DocumentError(str(path), f"page {index + 1}: " + current().exceeded("ocr_pixels", pixels),
                            ErrorKind.TOO_LARGE)


def _scanned(count: int, total: int, detail: str) -> str:
    return f"scanned PDF ({count} of {total} pages have no text layer): {detail}"


def _ocr_meta(ocr_read: dict[int, Any]) -> dict[str, Any]:
    return {"ocr_pages": sorted(i + 1 for i in ocr_read)} if ocr_read else {}


def page_scan(page: PageInput) -> PageScan:
    """The page's lines and the measures ``needs_ocr`` decides on."""
    if not page.chars.ink.any():
        return PageScan([], 0, page.image_cover, page.ink)
    underlines = pdf_layout.underline_strokes(page.horizontal, page.vertical)
    grids = page.tables() if len(page.horizontal) >= 2 and len(page.vertical) >= 2 else []
    lines = pdf_layout.page_lines(page.chars, underlines, grids, page.number, page.width, page.height)
    real = sum(len(_ALNUM.findall(_CID.sub("", line.text))) for line in lines if not is_page_number(line.text))
    return PageScan(lines, real, page.image_cover, True)


# --------------------------------------------------------------------------- errors and metadata


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
