"""Where checker keeps files between runs (the result cache, the OCR page cache).

At the ground of the layers so that both ``batch`` and ``ingest`` may ask.
"""
from __future__ import annotations

import os

import platformdirs

CACHE_DIR_ENV = "CHECKER_CACHE_DIR"


def cache_dir() -> str:
    """CHECKER_CACHE_DIR if set, else the platform's user cache folder for ``checker``."""
    return os.environ.get(CACHE_DIR_ENV) or platformdirs.user_cache_dir("checker")
