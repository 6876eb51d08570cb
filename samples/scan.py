#!/usr/bin/env python3
"""Turn a text PDF into a look-alike scan: image-only pages, slightly skewed, noisy and soft.

    .venv/bin/python samples/scan.py SRC.pdf OUT.pdf [--dpi 200] [--angle 0.6] [--seed 0]
                                                    [--last-page-only] [--upside-down N ...]

The scanned samples let the tests check the OCR reader end to end: the facts and findings read
from a scan must equal those read from the typed original. Each scanned page is rendered from
the original at ``dpi`` in grayscale, then degraded the way a desk scanner degrades paper
(skew under a degree, grey paper and ink, optical blur, sensor noise, dust specks) and stored as
one grayscale JPEG per page, with no text layer, on a page of the original's size in points.

Output is deterministic for a seed: the noise comes from ``random.Random(seed)``, and the PDF's
random file ID and save time are pinned, so a rebuild gives the same bytes.
``write_scans`` builds the committed scanned samples (samples/scans/) for samples/build.py.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist
from typing import Iterable

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
SCANS = HERE / "scans"


@dataclass(frozen=True)
class Look:
    """How worn a scan looks. The defaults are a mild, clean office scan: OCR of them reads
    about as well as OCR of a perfect render of the same page."""

    dpi: int = 200
    angle: float = 0.6        # largest skew in degrees; each page gets 50-100 % of it, either way
    noise: float = 4.0        # standard deviation of the gaussian sensor noise, in grey levels
    specks: float = 0.00004   # share of pixels hit by a dust speck
    blur: float = 0.5         # gaussian blur radius in pixels (scanner optics)
    paper: int = 238          # grey level of white paper
    ink: int = 40             # grey level of black ink
    quality: int = 60         # JPEG quality


def scan_pdf(source: Path, target: Path, *, dpi: int = 200, angle: float = 0.6, noise: float = 4.0,
             seed: int = 0, pages: Iterable[int] | None = None, upside_down: Iterable[int] = (),
             look: Look | None = None) -> Path:
    """Write ``target``: ``source`` with the given pages (1-based; default all) replaced by scans.

    Pages listed in ``upside_down`` are scanned rotated by 180 degrees (the page fed in the
    wrong way round). Pages not scanned are copied unchanged, text layer and all.
    ``look`` sets every wear setting at once and then overrides ``dpi``, ``angle`` and ``noise``.
    Raises ValueError with a one-line reason for a bad argument or an unreadable source.
    """
    look = look or Look(dpi=dpi, angle=angle, noise=noise)
    if look.dpi < 50 or abs(look.angle) >= 5 or look.noise < 0:
        raise ValueError(f"scan_pdf: dpi must be >= 50, |angle| < 5, noise >= 0 (got {look})")
    src = _open(source)
    count = len(src)
    chosen = sorted(set(range(1, count + 1) if pages is None else pages))
    if not chosen or chosen[0] < 1 or chosen[-1] > count:
        raise ValueError(f"scan_pdf: pages must be within 1..{count} (got {chosen})")
    flipped = set(upside_down)
    if not flipped <= set(chosen):
        raise ValueError(f"scan_pdf: upside-down pages {sorted(flipped)} must be among the scanned {chosen}")
    rng = random.Random(seed)
    images = {n: _scan_page(src[n - 1], look, rng, n in flipped) for n in chosen}
    data = _assemble(src, images, look.quality)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def scan_mixed(source: Path, target: Path, **options) -> Path:
    """Typed pages plus a scanned last page (the signed signature page scanned back in)."""
    return scan_pdf(source, target, pages=[len(_open(source))], **options)


# The committed scanned samples: output name -> (source in samples/contracts, scan_pdf options).
SCANNED_SAMPLES: dict[str, tuple[str, dict]] = {
    "bank-consumer-loan.scan.pdf": ("bank-consumer-loan.pdf", {"seed": 1}),
    "private-loan.scan.pdf": ("private-loan.pdf", {"seed": 2, "upside_down": [2]}),
    "jietiao.scan.pdf": ("jietiao.pdf", {"seed": 3, "angle": -0.8}),
    "two-column.scan.pdf": ("two-column.pdf", {"seed": 5}),
    "private-loan.mixed.pdf": ("private-loan.pdf", {"seed": 4, "pages": [3]}),
}


def write_scans(contracts: Path = HERE / "contracts", out: Path = SCANS,
                names: Iterable[str] | None = None) -> list[Path]:
    """Build the scanned samples (all of SCANNED_SAMPLES, or ``names``) from ``contracts``
    into ``out``. Called by samples/build.py; also what the tests build into a temp folder."""
    chosen = SCANNED_SAMPLES if names is None else {n: SCANNED_SAMPLES[n] for n in names}
    return [scan_pdf(contracts / src, out / name, **opts) for name, (src, opts) in chosen.items()]


def _open(source: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(source))
    except (pdfium.PdfiumError, OSError) as exc:
        raise ValueError(f"scan_pdf: cannot read {source}: {exc}") from None


def _scan_page(page: pdfium.PdfPage, look: Look, rng: random.Random, flipped: bool) -> Image.Image:
    """Render one page and wear it like a scan; returns a grayscale image."""
    im = page.render(scale=look.dpi / 72, grayscale=True).to_pil().convert("L")
    if flipped:
        im = im.rotate(180)
    skew = look.angle * rng.uniform(0.5, 1.0) * rng.choice((-1, 1))
    im = im.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
    span = look.paper - look.ink
    im = im.point([round(look.ink + v * span / 255) for v in range(256)])
    im = _add_noise(im, look.noise, rng)
    _add_specks(im, look.specks, rng)
    return im.filter(ImageFilter.GaussianBlur(look.blur)) if look.blur else im


def _add_noise(im: Image.Image, sigma: float, rng: random.Random) -> Image.Image:
    """Gaussian noise from seeded uniform bytes mapped through the normal quantile function."""
    if not sigma:
        return im
    normal = NormalDist(0, sigma)
    table = [max(0, min(255, round(128 + normal.inv_cdf((u + 0.5) / 256)))) for u in range(256)]
    noise = Image.frombytes("L", im.size, rng.randbytes(im.width * im.height)).point(table)
    return ImageChops.add(im, noise, scale=1.0, offset=-128)


def _add_specks(im: Image.Image, share: float, rng: random.Random) -> None:
    """Scatter small dark dust specks (salt-and-pepper, pepper side only: paper is white)."""
    draw = ImageDraw.Draw(im)
    for _ in range(int(share * im.width * im.height)):
        x, y, r = rng.randrange(im.width), rng.randrange(im.height), rng.choice((0, 1, 1, 2))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(60, 160))


def _assemble(src: pdfium.PdfDocument, images: dict[int, Image.Image], quality: int) -> bytes:
    """A new PDF: the kept pages imported from ``src``, the scanned ones as full-page JPEGs."""
    out = pdfium.PdfDocument.new()
    kept = [i for i in range(len(src)) if i + 1 not in images]
    if kept:
        out.import_pages(src, kept)
    for number in sorted(images):
        width, height = src[number - 1].get_size()
        page = out.new_page(width, height, index=number - 1)
        buf = io.BytesIO()
        images[number].save(buf, "JPEG", quality=quality, optimize=True)
        buf.seek(0)
        image = pdfium.PdfImage.new(out)
        image.load_jpeg(buf, inline=True)
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(image)
        page.gen_content()
    buf = io.BytesIO()
    out.save(buf)
    return _fixed_id(_fixed_dates(buf.getvalue()))


_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}([+-]\d\d'\d\d')?")


def _fixed_dates(data: bytes) -> bytes:
    """PDFium stamps the save time into /Info; pin it (same length keeps the offsets valid)."""
    return _DATE.sub(lambda m: m.group(1) + b"20000101000000" + (b"+00'00'" if m.group(2) else b""), data)


def _fixed_id(data: bytes) -> bytes:
    """Replace PDFium's random trailer /ID by a digest of the rest of the file (same length,
    so the cross-reference offsets stay valid)."""
    match = _ID.search(data)
    if not match:
        return data
    first, second = match.span(1), match.span(2)
    blank = data[:first[0]] + data[second[1]:]
    digest = hashlib.sha256(blank).hexdigest().upper().encode()
    ident = digest[: first[1] - first[0]], digest[-(second[1] - second[0]):]
    return data[:first[0]] + ident[0] + data[first[1]:second[0]] + ident[1] + data[second[1]:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write an image-only, scan-like copy of a PDF.")
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--angle", type=float, default=0.6, help="largest skew in degrees")
    parser.add_argument("--noise", type=float, default=4.0, help="noise sigma in grey levels")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--last-page-only", action="store_true",
                        help="keep the typed pages, scan only the last (signature) page")
    parser.add_argument("--upside-down", type=int, nargs="*", default=[], metavar="PAGE",
                        help="pages scanned rotated by 180 degrees")
    args = parser.parse_args(argv)
    options = dict(dpi=args.dpi, angle=args.angle, noise=args.noise, seed=args.seed,
                   upside_down=args.upside_down)
    try:
        written = (scan_mixed if args.last_page_only else scan_pdf)(args.source, args.target, **options)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {written} ({written.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
