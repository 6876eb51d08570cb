"""How to read one document, handed to the reader with it (never set for the whole process,
so a Dask worker on another machine reads as the run asked)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOptions:
    ocr_threads: int | None = None  # scanned pages OCR reads at once; None: up to 4, by the cores
    ocr_cache: bool = True  # use the on-disk OCR page cache (--no-cache: off)
    digest: str | None = None  # sha256 of the file's bytes when the caller already has it
