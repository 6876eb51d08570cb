"""The Tesseract program: finding it with its languages, and running it on images.

Tesseract is an optional dependency: ``require_tesseract()`` raises ``OcrUnavailable`` with a
one-line reason saying what to install. Each run is limited to one OpenMP thread so that the
page pool, not Tesseract, decides how many cores are busy.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from checker.ingest.ocr.options import _config
from checker.ingest.ocr.page import OcrFailed, OcrUnavailable

if TYPE_CHECKING:
    from PIL import Image

INSTALL_HINT = "pip install 'checker[ocr]' and apt-get install tesseract-ocr tesseract-ocr-chi-sim"
TIMEOUT_S = 300  # one page; a hung tesseract must not hang the run


@dataclass(frozen=True)
class Tesseract:
    path: str
    version: str
    langs: frozenset[str] = frozenset()


def require_tesseract(binary: str | None = None, which: Callable[[str], str | None] = shutil.which) -> Tesseract:
    """The tesseract program with the configured languages, or OcrUnavailable saying what to install."""
    found = which(binary or _config.binary)
    if not found:
        raise OcrUnavailable(f"OCR needs Tesseract: {INSTALL_HINT}")
    version, langs = _probe(found)
    if version is None:
        raise OcrUnavailable(f"OCR needs a working Tesseract ({found} does not run): {INSTALL_HINT}")
    missing = [lang for lang in _config.settings.lang.split("+") if lang not in langs]
    if missing:
        packages = " ".join(f"tesseract-ocr-{m.replace('_', '-')}" for m in missing)
        raise OcrUnavailable(f"OCR needs Tesseract language data {'+'.join(missing)}: apt-get install {packages}")
    return Tesseract(found, version, langs)


_probed: dict[str, tuple[str | None, frozenset[str]]] = {}


def _probe(path: str) -> tuple[str | None, frozenset[str]]:
    """(version, installed languages) of a tesseract program; (None, {}) when it does not run."""
    if path not in _probed:
        try:
            out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30)
            langs = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            _probed[path] = (None, frozenset())
        else:
            m = re.search(r"tesseract\s+v?(\S+)", out.stdout + out.stderr)
            names = (langs.stdout + langs.stderr).split("\n")[1:]
            _probed[path] = (m.group(1) if m and out.returncode == 0 else None,
                             frozenset(n.strip() for n in names if n.strip()))
    return _probed[path]


def run(tess: Tesseract, image: "Image.Image | None", args: Sequence[str], source: str = "stdin") -> str:
    """Run tesseract on an image (piped in as PGM) or on ``source`` and return its stdout."""
    data = None
    if image is not None:
        buf = io.BytesIO()
        image.save(buf, "PPM")
        data = buf.getvalue()
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run([tess.path, source, "stdout", *args], input=data,
                              capture_output=True, env=env, timeout=TIMEOUT_S)
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrFailed(f"tesseract did not run: {exc}") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"tesseract failed: {detail[-1] if detail else proc.returncode}")
    return proc.stdout.decode("utf-8", "replace")


def run_many(tess: Tesseract, images: Sequence["Image.Image"], args: Sequence[str]) -> str:
    """Run tesseract once over several images (a list file; TSV page_num = position + 1):
    the model is loaded once, not once per line."""
    with tempfile.TemporaryDirectory(prefix="checker-ocr-") as folder:
        names = []
        for i, image in enumerate(images):
            names.append(os.path.join(folder, f"{i}.png"))
            image.save(names[-1])
        listing = os.path.join(folder, "images.txt")
        with open(listing, "w", encoding="utf-8") as fh:
            fh.write("\n".join(names) + "\n")
        return run(tess, None, args, source=listing)
