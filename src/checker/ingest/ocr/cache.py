"""OCR'd pages cached on disk (reading a page costs seconds)."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from typing import TYPE_CHECKING

from checker.ingest.ocr.options import OcrSettings, _config
from checker.ingest.ocr.page import OcrPage
from checker.model import Line
from checker.paths import cache_dir

if TYPE_CHECKING:
    from checker.ingest.ocr.engines import Engine
    from checker.ingest.ocr.tesseract import Tesseract

CACHE_FORMAT = "ocr-v4"  # the cache subfolder; bump when the stored shape or the reading changes
CACHE_OFF_ENV = "CHECKER_OCR_CACHE"  # "0" / "off" turns the page cache off


class PageCache:
    """OCR'd pages on disk, one JSON file each, keyed by the file's bytes, the page index,
    the Tesseract version and the OCR settings, so an entry is never stale. Writes are
    atomic; a corrupt or unreadable entry is a miss, a failed write only costs the speed-up."""

    def __init__(self, folder: str):
        self.folder = os.path.join(folder, CACHE_FORMAT)

    @staticmethod
    def key(file_digest: str, index: int, engine: "Tesseract | Engine", settings: OcrSettings) -> str:
        text = json.dumps([file_digest, index, engine.version, asdict(settings)], sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, key: str, page: int) -> OcrPage | None:
        try:
            with open(self._file(key), encoding="utf-8") as fh:
                data = json.load(fh)
            lines = tuple(Line(text=t, page=page, x0=x0, top=top, x1=x1, bottom=bottom, font_size=size,
                               emphasis_known=False)
                          for t, x0, top, x1, bottom, size in data["lines"])
            confidences = tuple(tuple(c) for c in data.get("confidences", ()))
            alternates = tuple(tuple(a) for a in data.get("alternates", ()))
            return OcrPage(lines, float(data["width"]), float(data["height"]), str(data.get("engine", "")),
                           confidences, alternates)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, page: OcrPage) -> None:
        data = {"width": page.width, "height": page.height, "engine": page.engine,
                "lines": [[ln.text, ln.x0, ln.top, ln.x1, ln.bottom, ln.font_size] for ln in page.lines],
                "confidences": [list(c) for c in page.confidences], "alternates": [list(a) for a in page.alternates]}
        target = self._file(key)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(data, fh, ensure_ascii=False)
                os.replace(tmp, target)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass

    def _file(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], f"{key}.json")


def page_cache() -> PageCache | None:
    """The configured page cache, or None when it is turned off."""
    if not _config.cache or os.environ.get(CACHE_OFF_ENV, "").lower() in ("0", "off", "no", "false"):
        return None
    if _config.cache_folder:
        return PageCache(_config.cache_folder)
    return PageCache(cache_dir())
