"""The OCR engines, RapidOCR (``rapid``) and Tesseract, behind one interface; choosing one."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from checker.ingest.ocr.options import ENGINE_ENV, ENGINES, OcrSettings, _config
from checker.ingest.ocr.page import OcrPage, OcrUnavailable
from checker.ingest.ocr.tesseract import require_tesseract
from checker.ingest.ocr.tesseract_page import read_image

if TYPE_CHECKING:
    from PIL import Image

ENGINE_HINT = "pip install 'checker[ocr]' (RapidOCR), or apt-get install tesseract-ocr tesseract-ocr-chi-sim"


@dataclass(frozen=True)
class Engine:
    """An OCR engine ready to read pages: ``version`` names it, its version and models (it is
    part of the cache key and is shown in reports), ``read`` turns a page image into an OcrPage."""

    name: str
    version: str
    read: Callable[["Image.Image", int, OcrSettings], OcrPage]


def require_engine(name: str | None = None) -> Engine:
    """The configured OCR engine, or OcrUnavailable saying what to install.

    ``auto`` takes RapidOCR when its package is installed and Tesseract otherwise. An engine
    set by ``configure`` wins over the ``CHECKER_OCR_ENGINE`` environment variable."""
    if not name:
        configured = _config.engine
        name = configured if configured != "auto" else (os.environ.get(ENGINE_ENV) or "auto").strip().lower()
    if name not in ENGINES:
        raise OcrUnavailable(f"unknown OCR engine {name!r} (set by {ENGINE_ENV}): one of {', '.join(ENGINES)}")
    from checker.ingest.ocr import rapid as ocr_rapid

    if name == "rapidocr" or (name == "auto" and ocr_rapid.available()):
        if not ocr_rapid.available():
            raise OcrUnavailable("OCR engine rapidocr is not installed: pip install 'checker[ocr]'")
        return Engine("rapidocr", ocr_rapid.version(), ocr_rapid.read_page)
    try:
        tess = require_tesseract()
    except OcrUnavailable as exc:
        if name == "auto":
            raise OcrUnavailable(f"OCR needs an engine: {ENGINE_HINT}") from None
        raise exc
    return Engine("tesseract", f"tesseract {tess.version}",
                  lambda image, page, settings: read_image(tess, image, page, settings))
