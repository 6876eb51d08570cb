"""The number pass: every line that holds a number cut out and read again, so that the decimal
points, commas and colons a page reading loses can be taken from another reading."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from checker.ingest.ocr import tesseract
from checker.ingest.ocr.options import OcrSettings
from checker.ingest.ocr.page import OcrFailed
from checker.ingest.ocr.tesseract import Tesseract
from checker.ingest.ocr.tesseract_lines import LineKey, Word, group_lines

if TYPE_CHECKING:
    from PIL import Image

LINE_PAD_PX = (12, 6)  # margin around a line cut out for the number pass (x, y pixels)
LINE_ZOOM = 2  # the number pass reads lines enlarged: a bold digit's decimal point survives
_NUMBERISH = re.compile(r"[0-9\]]")


def number_pass(tess: Tesseract, image: "Image.Image", words: Sequence[Word],
                settings: OcrSettings) -> dict[LineKey, list[str]]:
    """More readings of every line that holds a number, cut out alone: {line: [texts]}.

    In a page reading the Chinese model drops decimal points and time colons and reads
    thousands commas as points, differently from run to run. The same line read alone
    (``--psm 7``) by the Latin model keeps most marks but makes noise of the Chinese around
    them, and by the Chinese model again often sees the mark the page reading lost; only
    number marks are taken from these readings (``adopt_number_marks``). Each model reads
    all the lines in one Tesseract run over a list of images; a model whose data is missing
    is skipped.
    """
    langs = [lang for lang in settings.number_langs if not tess.langs or lang in tess.langs]
    if not langs:
        return {}
    lines = [(key, group) for key, group in group_lines(words).items()
             if _NUMBERISH.search("".join(w.text for w in group))]
    if not lines:
        return {}
    from PIL import Image

    crops = [image.crop(_padded_box(group, image.size)) for _, group in lines]
    crops = [c.resize((c.width * LINE_ZOOM, c.height * LINE_ZOOM), Image.Resampling.LANCZOS) for c in crops]
    found: dict[LineKey, list[str]] = {}
    for lang in langs:
        try:
            tsv = tesseract.run_many(tess, crops, ["-l", lang, "--psm", "7", "--dpi", str(settings.dpi * LINE_ZOOM), "tsv"])
        except OcrFailed:  # a refinement: the page reading stands without it
            continue
        texts: dict[int, list[str]] = {}
        for row in tsv.splitlines()[1:]:
            cols = row.split("\t")
            if len(cols) >= 12 and cols[0] == "5" and cols[1].isdigit() and cols[11].strip():
                texts.setdefault(int(cols[1]) - 1, []).append(cols[11].strip())
        for i, (key, _) in enumerate(lines):
            if i in texts:
                found.setdefault(key, []).append(" ".join(texts[i]))
    return found


def _padded_box(words: Sequence[Word], size: tuple[int, int]) -> tuple[int, int, int, int]:
    pad_x, pad_y = LINE_PAD_PX
    return (max(0, min(w.left for w in words) - pad_x), max(0, min(w.top for w in words) - pad_y),
            min(size[0], max(w.left + w.width for w in words) + pad_x),
            min(size[1], max(w.top + w.height for w in words) + pad_y))
