"""OCR of PDF pages that have no usable text layer (scans, photographed signature pages).

Two engines read a rendered page: RapidOCR (PaddleOCR's PP-OCRv4 Chinese models on
onnxruntime, ``ingest/ocr_rapid.py``; the default, installed by ``pip install 'checker[ocr]'``)
and Tesseract (below; Debian's ``tesseract-ocr`` + ``tesseract-ocr-chi-sim``). ``require_engine``
picks the configured one (``configure(engine=...)`` or ``CHECKER_OCR_ENGINE``; ``auto`` = RapidOCR
when installed, else Tesseract). Both give lines with a confidence per character, and the
numbers on each line become ``OcrFigure``s (``ocr_figures``) after the lexicon correction.

With Tesseract, a page is rendered (pypdfium2, installed with pdfplumber), turned upright and
straightened, and read by the ``tesseract`` command-line program in TSV mode (one row per
word with its box and confidence). Words are grouped into lines by Tesseract's own
block/paragraph/line ids and come back as ``checker.model.Line`` objects in PDF points with
a top-left origin, like the typed lines, with ``emphasis_known=False`` (bold and underline
cannot be seen in a scan).

The PDF reader renders the pages (it owns pypdfium2) and hands a render function in.
Tesseract is an optional dependency: ``require_tesseract()`` raises ``OcrUnavailable``
with a one-line reason saying what to install. The program is run as a subprocess, so
pages are read in a thread pool (``configure(threads=...)``), each subprocess limited to
one OpenMP thread so that the pool, not Tesseract, decides how many cores are busy.
Results are cached on disk per page (see ``PageCache``): reading a page costs seconds.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from checker.ingest.ocr_figures import carry_confidence, figures
from checker.ingest.ocr_text import adopt_number_marks, correct, normalise, renumber_items, repair_headings
from checker.ingest.text_utils import is_wide
from checker.model import Line

if TYPE_CHECKING:
    from PIL import Image

INSTALL_HINT = "pip install 'checker[ocr]' and apt-get install tesseract-ocr tesseract-ocr-chi-sim"
ENGINE_HINT = "pip install 'checker[ocr]' (RapidOCR), or apt-get install tesseract-ocr tesseract-ocr-chi-sim"
ENGINES = ("auto", "rapidocr", "tesseract")
ENGINE_ENV = "CHECKER_OCR_ENGINE"  # auto | rapidocr | tesseract
CACHE_FORMAT = "ocr-v4"  # the cache subfolder; bump when the stored shape or the reading changes
CACHE_OFF_ENV = "CHECKER_OCR_CACHE"  # "0" / "off" turns the page cache off
TIMEOUT_S = 300  # one page; a hung tesseract must not hang the run

POOR_CONFIDENCE = 60.0  # below this mean word confidence the page may be sideways: ask OSD
MIN_LINE_CONFIDENCE = 25.0  # lines below this are stamps, scribbles and speckle
GAP_EM = 1.2  # a gap this many line heights wide between two words is kept as a space
SKEW_LIMIT_DEG = 5.0  # the deskew search range, either way
SKEW_MIN_DEG = 0.2  # smaller estimated skew is left alone
RULE_MIN_INCH = 0.5  # an unbroken ink run this long (3-4 characters) is a rule, not a stroke
LINE_PAD_PX = (12, 6)  # margin around a line cut out for the number pass (x, y pixels)
LINE_ZOOM = 2  # the number pass reads lines enlarged: a bold digit's decimal point survives


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
    cache; cache_folder: its root (default ``checker.batch.cache.cache_dir()``); binary: the
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


# --------------------------------------------------------------------------- tesseract


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


def _run(tess: Tesseract, image: "Image.Image | None", args: Sequence[str], source: str = "stdin") -> str:
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


# --------------------------------------------------------------------------- words and lines


@dataclass(frozen=True)
class Word:
    """One TSV word row: Tesseract's ids, its box in pixels, its confidence (0-100)."""

    block: int
    par: int
    line: int
    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str


def parse_tsv(tsv: str) -> list[Word]:
    """The word rows (level 5, non-blank) of Tesseract's TSV output, in its reading order."""
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            nums = [int(c) for c in cols[2:5] + cols[6:10]]
            conf = float(cols[10])
        except ValueError:
            continue
        words.append(Word(*nums[:3], *nums[3:], conf=conf, text=cols[11].strip()))
    return words


LineKey = tuple[int, int, int]  # Tesseract's (block, paragraph, line) ids


def lines_from_words(words: Iterable[Word], scale: float, page: int,
                     again: dict[LineKey, list[str]] | None = None) -> list[Line]:
    """Tesseract's lines as model Lines in points (``scale`` = pixels per point).

    Words are joined without a space where either side is a Chinese character (Tesseract
    calls each one a word) and with one between Latin words and numbers; a gap wider than
    ``GAP_EM`` line heights is a space in any script, as between the segments of a typed
    row. Lines with no letter or digit, or of very low confidence, are dropped. ``again``
    holds more readings of some lines (see ``number_pass``), whose number marks are adopted.
    """
    return read_lines(words, scale, page, again)[0]


def read_lines(words: Iterable[Word], scale: float, page: int, again: dict[LineKey, list[str]] | None = None
               ) -> tuple[list[Line], tuple[tuple[float, ...], ...], tuple[tuple[str, ...], ...]]:
    """``lines_from_words``' lines with the confidence of each character of their text (the
    word's, 0..1) and, per line, the other readings of its numbers."""
    again = again or {}
    kept = []
    for key, group in group_lines(words).items():
        text = _join(group)
        for other in again.get(key, ()):
            text = adopt_number_marks(text, other)
        kept.append((group, text))
    kept = [(g, t) for g, t in kept if sum(w.conf for w in g) / len(g) >= MIN_LINE_CONFIDENCE
            and any(ch.isalnum() for ch in t)]
    texts = renumber_items(repair_headings([t for _, t in kept]))
    lines, confidences, alternates = [], [], []
    for (group, _), text in zip(kept, texts):
        raw = "".join(w.text for w in group)
        raw_conf = [max(0.0, w.conf) / 100 for w in group for _ in w.text]
        confidences.append(tuple(round(c, 4) for c in carry_confidence(raw, raw_conf, text)))
        alternates.append(tuple(normalise(t) for t in again.get((group[0].block, group[0].par, group[0].line), ())))
        lines.append(Line(
            text=text, page=page,
            x0=round(min(w.left for w in group) / scale, 2), top=round(min(w.top for w in group) / scale, 2),
            x1=round(max(w.left + w.width for w in group) / scale, 2),
            bottom=round(max(w.top + w.height for w in group) / scale, 2),
            font_size=round(median(w.height for w in group) / scale, 2),
            emphasis_known=False,
        ))
    return lines, tuple(confidences), tuple(alternates)


def group_lines(words: Iterable[Word]) -> dict[LineKey, list[Word]]:
    """The words of each Tesseract line, in reading order."""
    groups: dict[LineKey, list[Word]] = {}
    for w in words:
        groups.setdefault((w.block, w.par, w.line), []).append(w)
    return groups


def _join(words: Sequence[Word]) -> str:
    """The line's text: segments split at wide gaps, each normalised, joined by one space
    (normalising the whole line would glue two Chinese segments back together)."""
    height = median(w.height for w in words)
    segments = [[words[0].text]]
    for prev, word in zip(words, words[1:]):
        if word.left - (prev.left + prev.width) > GAP_EM * height:
            segments.append([])
        segments[-1].append(word.text)
    return " ".join(t for t in (normalise(_join_words(seg)) for seg in segments) if t)


def _join_words(texts: Sequence[str]) -> str:
    out = texts[0]
    for text in texts[1:]:
        out += text if is_wide(out[-1]) or is_wide(text[0]) else f" {text}"
    return out


# --------------------------------------------------------------------------- image


def estimate_skew(image: "Image.Image", limit: float = SKEW_LIMIT_DEG) -> float:
    """The angle (degrees, PIL's counter-clockwise sense) that makes the text rows level.

    Projection-profile search on a small inverted copy: the angle whose row sums change
    most sharply from row to row (ink rows and blank gaps cleanly apart) wins; a coarse
    0.5 degree pass, then a 0.1 degree pass around the best.
    """
    from PIL import Image, ImageOps

    small = image.convert("L")
    small.thumbnail((800, 800 * image.height // max(image.width, 1) + 1))
    ink = ImageOps.invert(small).point(lambda v: 255 if v > 96 else 0)

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
        rows = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
        return sum((b - a) ** 2 for a, b in zip(rows, rows[1:]))

    steps = int(limit / 0.5)
    best = max((i * 0.5 for i in range(-steps, steps + 1)), key=lambda a: (sharpness(a), -abs(a)))
    best = max((best + i * 0.1 for i in range(-4, 5)), key=lambda a: (sharpness(a), -abs(a)))
    return round(best, 2)


def deskew(image: "Image.Image") -> "Image.Image":
    """The image turned level (unchanged when the skew is below ``SKEW_MIN_DEG``)."""
    from PIL import Image

    angle = estimate_skew(image)
    if abs(angle) < SKEW_MIN_DEG:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


def drop_rules(image: "Image.Image", dpi: int) -> "Image.Image":
    """The image with its horizontal rules (underlines, table borders) painted over in white.

    An underline touching the bottoms of bold characters joins them into one blob that
    Tesseract cannot split, and whole underlined lines go missing. A rule is found as ink
    that stays unbroken for ``RULE_MIN_INCH`` along a row (a horizontal opening: a box mean
    that is all ink, grown back by the same box), which a character stroke never is;
    vertical rules stay, as they keep the cells of a table row apart.
    """
    from PIL import Image, ImageFilter

    cut = _otsu(image)
    ink = image.point(lambda v: 255 if v <= cut else 0)
    radius = max(1, int(dpi * RULE_MIN_INCH) // 2)
    core = ink.filter(ImageFilter.BoxBlur((radius, 0))).point(lambda v: 255 if v >= 250 else 0)
    if not core.getbbox():
        return image
    rules = core.filter(ImageFilter.BoxBlur((radius, 0))).point(lambda v: 255 if v > 0 else 0)
    rules = rules.filter(ImageFilter.BoxBlur((0, 1))).point(lambda v: 255 if v > 0 else 0)  # the soft edges
    return Image.composite(Image.new("L", image.size, 255), image, rules)


def _otsu(image: "Image.Image") -> int:
    """Otsu's threshold of a grayscale image: the grey level that best splits ink from paper."""
    hist = image.histogram()[:256]
    total, weighted = sum(hist), sum(i * n for i, n in enumerate(hist))
    below = below_sum = 0
    best, cut = -1.0, 127
    for level, count in enumerate(hist):
        below += count
        below_sum += level * count
        above = total - below
        if not below or not above:
            continue
        spread = below * above * (below_sum / below - (weighted - below_sum) / above) ** 2
        if spread > best:
            best, cut = spread, level
    return cut


def detect_rotation(tess: Tesseract, image: "Image.Image", dpi: int) -> int:
    """Tesseract's orientation check (OSD): the clockwise turn (0/90/180/270) that makes the
    page upright, 0 when it cannot tell."""
    try:
        out = _run(tess, image, ["--psm", "0", "--dpi", str(dpi)])
    except OcrFailed:  # too few characters to tell: leave the page as it is
        return 0
    m = re.search(r"Rotate:\s*(\d+)", out)
    return int(m.group(1)) % 360 if m else 0


# --------------------------------------------------------------------------- one page


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
    return parse_tsv(_run(tess, image, args))


def _poor(words: Sequence[Word]) -> bool:
    return not words or sum(w.conf for w in words) / len(words) < POOR_CONFIDENCE


def _score(words: Sequence[Word]) -> int:
    """Characters read with fair confidence: how much of the page the reading makes sense of."""
    return sum(len(w.text) for w in words if w.conf >= POOR_CONFIDENCE)


# --------------------------------------------------------------------------- number pass

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
            tsv = _run_many(tess, crops, ["-l", lang, "--psm", "7", "--dpi", str(settings.dpi * LINE_ZOOM), "tsv"])
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


def _run_many(tess: Tesseract, images: Sequence["Image.Image"], args: Sequence[str]) -> str:
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
        return _run(tess, None, args, source=listing)


# --------------------------------------------------------------------------- cache


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
    from checker.batch.cache import cache_dir

    return PageCache(cache_dir())


# --------------------------------------------------------------------------- a file's pages

# --------------------------------------------------------------------------- engines


@dataclass(frozen=True)
class Engine:
    """An OCR engine ready to read pages: ``version`` names it, its version and models (it is
    part of the cache key and is shown in reports), ``read`` turns a page image into an OcrPage."""

    name: str
    version: str
    read: Callable[["Image.Image", int, OcrSettings], OcrPage]


def require_engine(name: str | None = None) -> Engine:
    """The configured OCR engine, or OcrUnavailable saying what to install.

    ``auto`` takes RapidOCR when its package is installed and Tesseract otherwise. An engine
    set by ``configure`` wins over the ``CHECKER_OCR_ENGINE`` environment variable."""
    if not name:
        configured = _config.engine
        name = configured if configured != "auto" else (os.environ.get(ENGINE_ENV) or "auto").strip().lower()
    if name not in ENGINES:
        raise OcrUnavailable(f"unknown OCR engine {name!r} (set by {ENGINE_ENV}): one of {', '.join(ENGINES)}")
    from checker.ingest import ocr_rapid

    if name == "rapidocr" or (name == "auto" and ocr_rapid.available()):
        if not ocr_rapid.available():
            raise OcrUnavailable("OCR engine rapidocr is not installed: pip install 'checker[ocr]'")
        return Engine("rapidocr", ocr_rapid.version(), ocr_rapid.read_page)
    try:
        tess = require_tesseract()
    except OcrUnavailable as exc:
        if name == "auto":
            raise OcrUnavailable(f"OCR needs an engine: {ENGINE_HINT}") from None
        raise exc
    return Engine("tesseract", f"tesseract {tess.version}",
                  lambda image, page, settings: read_image(tess, image, page, settings))


Render = Callable[[int, int], "Image.Image"]  # (0-based page index, dpi) -> grayscale image


def ocr_pages(path: Path, indexes: Sequence[int], render: Render, threads: int | None = None) -> dict[int, OcrPage]:
    """OCR the given pages (0-based indexes) of a PDF; {index: OcrPage}.

    ``render`` draws a page (the PDF reader owns the PDF library; it must be safe to call
    from several threads). Raises OcrUnavailable when no engine (or the configured one) is
    installed, OcrFailed when it fails on a page.
    """
    engine = require_engine()
    if not indexes:
        return {}
    settings = _config.settings
    cache = page_cache()
    digest = _file_digest(path) if cache else ""

    def one(index: int) -> OcrPage:
        key = PageCache.key(digest, index, engine, settings) if cache else ""
        page = cache.get(key, index + 1) if cache else None
        if page is None:
            page = engine.read(render(index, settings.dpi), index + 1, settings)
            if cache:
                cache.put(key, page)
        return corrected(page)

    workers = min(threads or _config.threads, len(indexes))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(indexes, pool.map(one, indexes)))


def corrected(page: OcrPage) -> OcrPage:
    """The page with the contract-lexicon correction (``ocr_text.correct``) applied to each
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


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
