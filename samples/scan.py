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
    # The harder looks (HARD_SAMPLES), all off by default:
    perspective: float = 0.0  # phone photo: each corner pulled in by up to this share of the page side
    shadow: float = 0.0       # phone photo: how much darker the shadowed corner is (0..1 of the paper)
    stamps: int = 0           # red company seals (红章) pressed over the text; the page is kept in colour
    fill_ins: tuple[str, ...] = ()  # regexes of figures to blank out and write back by hand (blue ink)
    fax: bool = False         # fax: black and white at half the vertical resolution, streaks


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


# The harder set (samples/scans/hard/): 150 dpi, and each with one way paper gets hard to read.
_FILLED = (r"\d[\d,]*(?:\.\d+)?(?=\s*(?:%|元|个月))", r"(?<=[¥￥])\s*\d[\d,]*(?:\.\d+)?", r"\d{4}(?=\s*年)", r"(?<=年)\s*\d{1,2}(?=\s*月)",
           r"(?<=月)\s*\d{1,2}(?=\s*日)")
HARD_SAMPLES: dict[str, tuple[str, dict]] = {
    "bank-consumer-loan.phone.pdf": ("bank-consumer-loan.pdf", {"seed": 11, "look": Look(
        dpi=150, angle=1.5, noise=6.0, blur=0.7, perspective=0.035, shadow=0.45, quality=55)}),
    "private-loan.stamped.pdf": ("private-loan.pdf", {"seed": 12, "look": Look(dpi=150, stamps=2)}),
    "jietiao.handwritten.pdf": ("jietiao.pdf", {"seed": 13, "look": Look(dpi=150, fill_ins=_FILLED)}),
    "private-loan.handwritten.pdf": ("private-loan.pdf", {"seed": 14, "look": Look(dpi=150, fill_ins=_FILLED)}),
    "two-column.fax.pdf": ("two-column.pdf", {"seed": 15, "look": Look(dpi=150, blur=0, noise=3.0, fax=True)}),
}
HARD = SCANS / "hard"


def write_hard_scans(contracts: Path = HERE / "contracts", out: Path = HARD,
                     names: Iterable[str] | None = None) -> list[Path]:
    """Build the harder scanned samples (HARD_SAMPLES, or ``names``) into ``out``."""
    chosen = HARD_SAMPLES if names is None else {n: HARD_SAMPLES[n] for n in names}
    return [scan_pdf(contracts / src, out / name, **opts) for name, (src, opts) in chosen.items()]


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
    """Render one page and wear it like a scan; returns a grayscale image (RGB with stamps)."""
    im = page.render(scale=look.dpi / 72, grayscale=True).to_pil().convert("L")
    if look.fill_ins:
        _fill_in(im, page, look, rng)
    if look.stamps:
        im = _stamp(im, look, rng)
    if flipped:
        im = im.rotate(180)
    fill = 255 if im.mode == "L" else (255, 255, 255)
    skew = look.angle * rng.uniform(0.5, 1.0) * rng.choice((-1, 1))
    im = im.rotate(skew, resample=Image.BICUBIC, fillcolor=fill)
    if look.perspective:
        im = _perspective(im, look.perspective, rng)
    span = look.paper - look.ink
    im = im.point([round(look.ink + v * span / 255) for v in range(256)] * len(im.getbands()))
    if look.shadow:
        im = _shadow(im, look.shadow, rng)
    im = _add_noise(im, look.noise, rng)
    _add_specks(im, look.specks, rng)
    if look.fax:
        im = _fax(im, rng)
    return im.filter(ImageFilter.GaussianBlur(look.blur)) if look.blur else im


# --------------------------------------------------------------------------- harder looks

HAND_FONT = Path(__import__("reportlab").__file__).parent / "fonts" / "VeraIt.ttf"  # ships with reportlab
HAND_INK = (28, 52, 150)  # blue ballpoint
SEAL_RED = (214, 38, 44)


def _fill_in(im: Image.Image, page: pdfium.PdfPage, look: Look, rng: random.Random) -> None:
    """Blank out each figure matching ``look.fill_ins`` and write it back by hand on a printed
    underline: slanted glyphs of uneven size and baseline, as a filled-in printed form."""
    from PIL import ImageFont

    scale = look.dpi / 72
    height = page.get_height()
    draw = ImageDraw.Draw(im)
    for left, top, right, bottom, text in _figures_on(page, look.fill_ins):
        x0, y0, x1, y1 = left * scale, (height - top) * scale, right * scale, (height - bottom) * scale
        draw.rectangle((x0 - 1, y0 - 2, x1 + 1, y1 + 2), fill=255)
        size = (y1 - y0) * rng.uniform(0.95, 1.1)
        x = x0 - size * 0.1
        for ch in text:
            font = ImageFont.truetype(str(HAND_FONT), max(8, round(size * rng.uniform(0.9, 1.1))),
                                      layout_engine=ImageFont.Layout.BASIC)
            glyph = Image.new("L", (int(size * 1.6), int(size * 1.8)), 0)
            ImageDraw.Draw(glyph).text((size * 0.2, size * 0.2), ch, font=font, fill=255)
            glyph = glyph.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC)
            ink = Image.new("L", glyph.size, round(0.299 * HAND_INK[0] + 0.587 * HAND_INK[1] + 0.114 * HAND_INK[2]))
            im.paste(ink, (round(x), round(y0 - size * 0.25 + rng.uniform(-2, 2))), glyph)
            x += font.getlength(ch) * rng.uniform(0.9, 1.0)
        draw.line((x0 - size * 0.3, y1 + 3, max(x, x1) + size * 0.3, y1 + 3), fill=0, width=max(1, round(scale / 2)))


def _figures_on(page: pdfium.PdfPage, patterns: Iterable[str]) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, text) in PDF points of each text-layer match of ``patterns``."""
    textpage = page.get_textpage()
    chars = [textpage.get_text_range(i, 1) for i in range(textpage.count_chars())]
    text = "".join(c[:1] or " " for c in chars)
    found = []
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            boxes = [textpage.get_charbox(i) for i in range(m.start(), m.end()) if text[i].strip()]
            if boxes:
                found.append((min(b[0] for b in boxes), max(b[3] for b in boxes),
                              max(b[2] for b in boxes), min(b[1] for b in boxes), m.group()))
    return found


def _stamp(im: Image.Image, look: Look, rng: random.Random) -> Image.Image:
    """Red seals (a ring, a star, a ring of stroke marks for the seal's lettering) pressed over
    the text with uneven ink; returns the page in colour."""
    page = im.convert("RGB")
    radius = look.dpi * 0.8
    for n in range(look.stamps):
        cx = rng.uniform(0.45, 0.85) * im.width
        cy = (0.25 + 0.5 * n / max(1, look.stamps - 1) if look.stamps > 1 else rng.uniform(0.3, 0.7)) * im.height
        mask = Image.new("L", im.size, 0)
        draw = ImageDraw.Draw(mask)
        width = max(2, round(radius * 0.06))
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=width)
        star = [(cx + radius * 0.3 * (1 if k % 2 == 0 else 0.4) * _cos(90 + 36 * k),
                 cy - radius * 0.3 * (1 if k % 2 == 0 else 0.4) * _sin(90 + 36 * k)) for k in range(10)]
        draw.polygon(star, fill=255)
        for k in range(14):  # the seal's lettering, as stroke marks round the ring
            angle = 150 + k * (240 / 13)
            r0, r1 = radius * 0.62, radius * 0.85
            draw.line((cx + r0 * _cos(angle), cy - r0 * _sin(angle), cx + r1 * _cos(angle), cy - r1 * _sin(angle)),
                      fill=255, width=width)
            draw.line((cx + r0 * _cos(angle + 4), cy - r0 * _sin(angle + 4), cx + r1 * _cos(angle - 3),
                       cy - r1 * _sin(angle - 3)), fill=255, width=max(1, width // 2))
        uneven = Image.frombytes("L", im.size, rng.randbytes(im.width * im.height)).filter(ImageFilter.BoxBlur(6))
        mask = ImageChops.multiply(mask, uneven.point(lambda v: min(255, max(0, (v - 100) * 4))))
        red = Image.new("RGB", im.size, SEAL_RED)
        page = Image.composite(ImageChops.multiply(page, red), page, mask.filter(ImageFilter.GaussianBlur(1)))
    return page


def _cos(degrees: float) -> float:
    import math

    return math.cos(math.radians(degrees))


def _sin(degrees: float) -> float:
    import math

    return math.sin(math.radians(degrees))


def _perspective(im: Image.Image, share: float, rng: random.Random) -> Image.Image:
    """A phone photo's keystone: the page's corners pulled in by up to ``share`` of its sides,
    on a darker desk."""
    w, h = im.size
    corners = [(0, 0), (w, 0), (w, h), (0, h)]
    pulled = [(x + (1 if x == 0 else -1) * rng.uniform(0.3, 1) * share * w,
               y + (1 if y == 0 else -1) * rng.uniform(0.3, 1) * share * h) for x, y in corners]
    desk = 90 if im.mode == "L" else (90, 86, 80)
    return im.transform(im.size, Image.PERSPECTIVE, _coefficients(pulled, corners), Image.BICUBIC, fillcolor=desk)


def _coefficients(target: list[tuple[float, float]], source: list[tuple[float, float]]) -> list[float]:
    """PIL's eight perspective coefficients mapping output points ``target`` to input ``source``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    n = 8  # Gaussian elimination with partial pivoting
    m = [row + [b] for row, b in zip(rows, rhs)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[col])]
    return [m[i][n] / m[i][i] for i in range(n)]


def _shadow(im: Image.Image, depth: float, rng: random.Random) -> Image.Image:
    """A hand's or phone's shadow: light falling off towards one corner by up to ``depth``."""
    ramp = Image.linear_gradient("L").rotate(rng.choice((45, 135, 225, 315)), expand=True)
    ramp = ramp.resize(im.size).point(lambda v: round(255 - depth * v))
    return ImageChops.multiply(im, ramp if im.mode == "L" else Image.merge("RGB", [ramp] * 3))


def _fax(im: Image.Image, rng: random.Random) -> Image.Image:
    """A fax: half the vertical resolution, black and white only, a few streaks across."""
    grey = im.convert("L")
    half = grey.resize((grey.width, grey.height // 2), Image.BILINEAR).resize(grey.size, Image.NEAREST)
    cut = 150
    bw = half.point(lambda v: 0 if v < cut else 255)
    draw = ImageDraw.Draw(bw)
    for _ in range(6):
        y = rng.randrange(bw.height)
        draw.line((0, y, bw.width, y), fill=rng.choice((0, 255)), width=1)
    return bw


def _add_noise(im: Image.Image, sigma: float, rng: random.Random) -> Image.Image:
    """Gaussian noise from seeded uniform bytes mapped through the normal quantile function."""
    if not sigma:
        return im
    normal = NormalDist(0, sigma)
    table = [max(0, min(255, round(128 + normal.inv_cdf((u + 0.5) / 256)))) for u in range(256)]
    noise = Image.frombytes("L", im.size, rng.randbytes(im.width * im.height)).point(table)
    return ImageChops.add(im, noise.convert(im.mode), scale=1.0, offset=-128)


def _add_specks(im: Image.Image, share: float, rng: random.Random) -> None:
    """Scatter small dark dust specks (salt-and-pepper, pepper side only: paper is white)."""
    draw = ImageDraw.Draw(im)
    for _ in range(int(share * im.width * im.height)):
        x, y, r = rng.randrange(im.width), rng.randrange(im.height), rng.choice((0, 1, 1, 2))
        grey = rng.randrange(60, 160)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=grey if im.mode == "L" else (grey,) * 3)


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
