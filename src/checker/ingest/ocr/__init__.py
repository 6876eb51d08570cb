"""OCR of PDF pages that have no usable text layer (scans, photographed signature pages).

Two engines read a rendered page: RapidOCR (PaddleOCR's PP-OCRv4 Chinese models on
onnxruntime, ``rapid``; the default, installed by ``pip install 'checker[ocr]'``)
and Tesseract (below; Debian's ``tesseract-ocr`` + ``tesseract-ocr-chi-sim``). ``require_engine``
picks the configured one (``configure(engine=...)`` or ``CHECKER_OCR_ENGINE``; ``auto`` = RapidOCR
when installed, else Tesseract). Both give lines with a confidence per character, and the
numbers on each line become ``OcrFigure``s (``figures``) after the lexicon correction.

With Tesseract, a page is rendered (pypdfium2, installed with pdfplumber), turned upright and
straightened, and read by the ``tesseract`` command-line program in TSV mode (one row per
word with its box and confidence). Words are grouped into lines by Tesseract's own
block/paragraph/line ids and come back as ``checker.model.Line`` objects in PDF points with
a top-left origin, like the typed lines, with ``emphasis_known=False`` (bold and underline
cannot be seen in a scan).

The PDF reader renders the pages (it owns pypdfium2) and hands a render function in.
Tesseract is an optional dependency: ``require_tesseract()`` raises ``OcrUnavailable``
with a one-line reason saying what to install. The program is run as a subprocess, so
pages are read in a thread pool (the document's ``ReadOptions.ocr_threads``, which a run sets from
--jobs; ``configure(threads=...)`` is the default), each subprocess limited to
one OpenMP thread so that the pool, not Tesseract, decides how many cores are busy.
Results are cached on disk per page (see ``PageCache``): reading a page costs seconds.

This package's modules, in the order a page goes through them: ``options`` (``configure``,
``OcrSettings``), ``engines`` (choosing one), ``file_pages`` (``ocr_pages``: a file's pages in
a thread pool, through ``cache``, then the lexicon correction), ``rapid`` (RapidOCR) or, for
Tesseract, ``tesseract`` (the program), ``image`` (deskew, rules), ``tesseract_page`` (one page),
``number_reread`` (the number pass), ``tesseract_lines`` (TSV words into Lines); for both
engines ``noise`` (a line's OCR noise), ``lexicon`` (the contract-lexicon correction),
``figures`` (numbers with their confidence) and ``page`` (``OcrPage``, the errors).
"""
from __future__ import annotations

from checker.ingest.ocr.cache import CACHE_FORMAT, CACHE_OFF_ENV, PageCache, page_cache
from checker.ingest.ocr.engines import ENGINE_HINT, Engine, require_engine
from checker.ingest.ocr.file_pages import Render, corrected, ocr_pages
from checker.ingest.ocr.image import deskew, drop_rules, estimate_skew
from checker.ingest.ocr.number_reread import number_pass
from checker.ingest.ocr.options import ENGINE_ENV, ENGINES, OcrSettings, configure, configured
from checker.ingest.ocr.page import OcrFailed, OcrPage, OcrUnavailable
from checker.ingest.ocr.tesseract import INSTALL_HINT, Tesseract, require_tesseract
from checker.ingest.ocr.tesseract_lines import LineKey, Word, group_lines, lines_from_words, parse_tsv, read_lines
from checker.ingest.ocr.tesseract_page import detect_rotation, read_image

__all__ = ["CACHE_FORMAT", "CACHE_OFF_ENV", "ENGINES", "ENGINE_ENV", "ENGINE_HINT", "INSTALL_HINT", "Engine", "LineKey",
           "OcrFailed", "OcrPage", "OcrSettings", "OcrUnavailable", "PageCache", "Render", "Tesseract", "Word",
           "configure", "configured", "corrected", "deskew", "detect_rotation", "drop_rules", "estimate_skew", "group_lines",
           "lines_from_words", "number_pass", "ocr_pages", "page_cache", "parse_tsv", "read_image", "read_lines",
           "require_engine", "require_tesseract"]
