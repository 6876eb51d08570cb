"""What OCR gives back for a page, and how it fails."""
from __future__ import annotations

from dataclasses import dataclass

from checker.model import Line


class OcrUnavailable(Exception):
    """OCR cannot run here; the message says what to install."""


class OcrFailed(Exception):
    """Tesseract ran but failed on a page."""


@dataclass(frozen=True)
class OcrPage:
    """One OCR'd page: its lines and the size (points) of the upright frame they are in.

    ``confidences`` holds, per line, the engine's confidence (0..1) of each character of the
    line's text, ``alternates`` per line the second readings of its numbers (both empty when
    unknown); ``engine`` names the engine, its version and models."""

    lines: tuple[Line, ...]
    width: float
    height: float
    engine: str = ""
    confidences: tuple[tuple[float, ...], ...] = ()
    alternates: tuple[tuple[str, ...], ...] = ()

    @property
    def mean_confidence(self) -> float | None:
        values = [c for line in self.confidences for c in line]
        return round(sum(values) / len(values), 3) if values else None
