"""One rendered page read by Tesseract: cleaned, turned upright when it reads poorly, read in
TSV mode, its number lines read again (``number_reread``), grouped into lines."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from checker.ingest.ocr import tesseract
from checker.ingest.ocr.image import deskew, drop_rules
from checker.ingest.ocr.number_reread import number_pass
from checker.ingest.ocr.options import OcrSettings, _config
from checker.ingest.ocr.page import OcrFailed, OcrPage
from checker.ingest.ocr.tesseract import Tesseract
from checker.ingest.ocr.tesseract_lines import Word, parse_tsv, read_lines

if TYPE_CHECKING:
    from PIL import Image

POOR_CONFIDENCE = 60.0  # below this mean word confidence the page may be sideways: ask OSD


def read_image(tess: Tesseract, image: "Image.Image", page: int, settings: OcrSettings | None = None) -> OcrPage:
    """OCR one rendered page image (``settings.dpi`` pixels per inch) into an OcrPage."""
    settings = settings or _config.settings
    image = image.convert("L")
    if settings.deskew:
        image = deskew(image)
    if settings.remove_rules:  # after deskew: a rule is then one level run of ink
        image = drop_rules(image, settings.dpi)
    words = _words(tess, image, settings)
    if settings.orient and _poor(words):
        turn = detect_rotation(tess, image, settings.dpi)
        if turn:
            turned = image.rotate(-turn, expand=True)
            turned = deskew(turned) if settings.deskew else turned
            again = _words(tess, turned, settings)
            if _score(again) > _score(words):
                image, words = turned, again
    scale = settings.dpi / 72.0
    again = number_pass(tess, image, words, settings)
    lines, confidences, alternates = read_lines(words, scale, page, again)
    return OcrPage(tuple(lines), round(image.width / scale, 2), round(image.height / scale, 2),
                   engine=f"tesseract {tess.version} {settings.lang}", confidences=confidences,
                   alternates=alternates)


def _words(tess: Tesseract, image: "Image.Image", settings: OcrSettings) -> list[Word]:
    args = ["-l", settings.lang, "--psm", str(settings.psm), "--dpi", str(settings.dpi), "tsv"]
    return parse_tsv(tesseract.run(tess, image, args))


def _poor(words: Sequence[Word]) -> bool:
    return not words or sum(w.conf for w in words) / len(words) < POOR_CONFIDENCE


def _score(words: Sequence[Word]) -> int:
    """Characters read with fair confidence: how much of the page the reading makes sense of."""
    return sum(len(w.text) for w in words if w.conf >= POOR_CONFIDENCE)


def detect_rotation(tess: Tesseract, image: "Image.Image", dpi: int) -> int:
    """Tesseract's orientation check (OSD): the clockwise turn (0/90/180/270) that makes the
    page upright, 0 when it cannot tell."""
    try:
        out = tesseract.run(tess, image, ["--psm", "0", "--dpi", str(dpi)])
    except OcrFailed:  # too few characters to tell: leave the page as it is
        return 0
    m = re.search(r"Rotate:\s*(\d+)", out)
    return int(m.group(1)) % 360 if m else 0
