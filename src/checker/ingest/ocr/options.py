"""How OCR runs in this process: the engine, threads, the page cache, and what shapes a reading."""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Iterator

ENGINES = ("auto", "rapidocr", "tesseract")
ENGINE_ENV = "CHECKER_OCR_ENGINE"  # auto | rapidocr | tesseract


@dataclass(frozen=True)
class OcrSettings:
    """What shapes the OCR result (part of the cache key)."""

    dpi: int = 200  # a desk scan's own resolution; measured better than 300 for chi_sim
    lang: str = "chi_sim"  # chi_sim reads digits and Latin too; +eng turns bold Chinese to Latin noise
    psm: int = 3  # Tesseract's automatic page segmentation (finds columns and blocks)
    deskew: bool = True
    orient: bool = True
    remove_rules: bool = True  # erase underlines and table rules before reading (see drop_rules)
    number_langs: tuple[str, ...] = ("eng", "chi_sim")  # the number pass's models, in turn (see number_pass)


@dataclass
class _Config:
    threads: int = field(default_factory=lambda: max(1, min(4, os.cpu_count() or 1)))
    cache: bool = True
    cache_folder: str | None = None
    binary: str = "tesseract"
    settings: OcrSettings = field(default_factory=OcrSettings)
    engine: str = "auto"


_config = _Config()


def configure(*, threads: int | None = None, cache: bool | None = None, cache_folder: str | None = None,
              binary: str | None = None, settings: OcrSettings | None = None, engine: str | None = None) -> None:
    """Set how OCR runs for the rest of the process (``None`` keeps the current value).

    threads: pages read at once (one tesseract subprocess each); cache: use the on-disk page
    cache; cache_folder: its root (default ``checker.paths.cache_dir()``); binary: the
    tesseract program (a name looked up on PATH, or a path); engine: one of ``ENGINES``.
    """
    if engine is not None:
        if engine not in ENGINES:
            raise ValueError(f"unknown OCR engine {engine!r}: one of {', '.join(ENGINES)}")
        _config.engine = engine
    if threads is not None:
        _config.threads = max(1, int(threads))
    if cache is not None:
        _config.cache = cache
    if cache_folder is not None:
        _config.cache_folder = cache_folder
    if binary is not None:
        _config.binary = binary
    if settings is not None:
        _config.settings = settings


@contextmanager
def configured(**changes: Any) -> Iterator[None]:
    """``configure(**changes)`` for the block, the previous configuration restored after it."""
    saved = replace(_config)
    try:
        configure(**changes)
        yield
    finally:
        _config.__dict__.update(saved.__dict__)
