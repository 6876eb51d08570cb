"""What a PDF character source (``pdf_pdfium``, the default, or ``pdf_plumber``, the
reference) hands the PDF reader (``pdf``): one PageInput per page."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from checker.ingest import pdf_layout

ENCRYPTED = "encrypted PDF: a password is needed to read it"


@dataclass
class PageInput:
    """What a character source hands over for one page (top-down coordinates)."""

    number: int
    width: float
    height: float
    chars: pdf_layout.Glyphs
    horizontal: list[pdf_layout.RulingLine]  # thin horizontal strokes
    vertical: list[tuple[float, float, float]]  # thin vertical strokes: x, top, bottom
    tables: Callable[[], list[pdf_layout.TableGrid]]  # asked only on ruled pages
    image_cover: float  # share of the page under images, 0..1
    ink: bool  # any image or drawing on the page
