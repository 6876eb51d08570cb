"""Cleaning a rendered page before reading it: levelling its skew, erasing horizontal rules."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

SKEW_LIMIT_DEG = 5.0  # the deskew search range, either way
SKEW_MIN_DEG = 0.2  # smaller estimated skew is left alone
RULE_MIN_INCH = 0.5  # an unbroken ink run this long (3-4 characters) is a rule, not a stroke


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
