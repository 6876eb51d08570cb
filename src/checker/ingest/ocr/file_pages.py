"""A PDF's scanned pages read by the configured engine in a thread pool, through the page cache,
then corrected against the contract lexicon."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from checker.digest import file_digest
from checker.ingest.ocr.cache import PageCache, page_cache
from checker.ingest.ocr.engines import require_engine
from checker.ingest.ocr.figures import carry_confidence, figures
from checker.ingest.ocr.options import _config
from checker.ingest.ocr.page import OcrPage
from checker.ingest.ocr.lexicon import correct
from checker.ingest.reading import ReadOptions

if TYPE_CHECKING:
    from PIL import Image


Render = Callable[[int, int], "Image.Image"]  # (0-based page index, dpi) -> grayscale image


def ocr_pages(path: Path, indexes: Sequence[int], render: Render, threads: int | None = None,
              options: ReadOptions | None = None) -> dict[int, OcrPage]:
    """OCR the given pages (0-based indexes) of a PDF; {index: OcrPage}. ``options`` (the
    document's): pages read at once, whether the page cache is used, the file's digest.

    ``render`` draws a page (the PDF reader owns the PDF library; it must be safe to call
    from several threads). Raises OcrUnavailable when no engine (or the configured one) is
    installed, OcrFailed when it fails on a page.
    """
    engine = require_engine()
    if not indexes:
        return {}
    settings = _config.settings
    options = options or ReadOptions()
    cache = page_cache() if options.ocr_cache else None
    digest = (options.digest or file_digest(path)) if cache else ""

    def one(index: int) -> OcrPage:
        key = PageCache.key(digest, index, engine, settings) if cache else ""
        page = cache.get(key, index + 1) if cache else None
        if page is None:
            page = engine.read(render(index, settings.dpi), index + 1, settings)
            if cache:
                cache.put(key, page)
        return corrected(page)

    workers = min(threads or options.ocr_threads or _config.threads, len(indexes))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(indexes, pool.map(one, indexes)))


def corrected(page: OcrPage) -> OcrPage:
    """The page with the contract-lexicon correction (``lexicon.correct``) applied to each
    line, and each line's numbers as ``OcrFigure``s with their confidence in the corrected
    text. It runs after the page cache, so a change to it needs no new OCR."""
    lines, confidences = [], []
    for i, ln in enumerate(page.lines):
        text = correct(ln.text)
        known = page.confidences[i] if i < len(page.confidences) else ()
        conf = carry_confidence(ln.text, known, text) if len(known) == len(ln.text) else []
        alternates = page.alternates[i] if i < len(page.alternates) else ()
        lines.append(replace(ln, text=text, figures=figures(text, conf, alternates) if conf else ()))
        confidences.append(tuple(conf))
    return replace(page, lines=tuple(lines), confidences=tuple(confidences))

