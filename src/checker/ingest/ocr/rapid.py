"""The RapidOCR engine: PaddleOCR's PP-OCRv4 Chinese models run by onnxruntime.

``rapidocr-onnxruntime`` carries its detection, direction and recognition models inside its
wheel, so ``pip install 'checker[ocr]'`` is the whole install: no system package, no model
download at run time. A page is read in three steps, called one by one (not through the
package's all-in-one call) because the recogniser's per-character probabilities are wanted:

1. detection finds text boxes (one per run of text; a table row gives one box per cell);
2. the direction model turns each box's crop upright (0 or 180 degrees); when most crops
   were turned, the page was fed upside down and is read again turned round;
3. recognition reads each crop, with a probability per decoded character.

Boxes are grouped into rows and rows into visual lines in reading order by the same
column logic as typed pages (``pdf_layout.reading_order``). Every crop with a digit read
less than surely is read a second time from a wider, contrast-stretched crop: ``figures``
marks a number whose digits the two readings disagree on.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import TYPE_CHECKING, Any, Sequence

from checker.ingest.ocr.figures import carry_confidence
from checker.ingest.ocr.image import deskew
from checker.ingest.ocr.page import OcrPage
from checker.ingest.ocr.noise import normalise, renumber_items, repair_headings
from checker.ingest.pdf_layout import Unit, reading_order
from checker.ingest.text_utils import is_wide
from checker.model import Line

if TYPE_CHECKING:
    from PIL import Image

    from checker.ingest.ocr.options import OcrSettings

MODELS = "PP-OCRv4"
MIN_BOX_CONFIDENCE = 0.5  # boxes read with less are speckle, stamps' seal script and scribbles
GAP_EM = 1.2  # a gap this many box heights wide inside a row is kept as a space
ROW_OVERLAP = 0.5  # boxes share a row when their vertical extents overlap this much of the lower
UPSIDE_DOWN_SHARE = 0.6  # this share of the boxes turned 180 degrees: the page is upside down
TALL_SHARE = 0.6  # this share of tall boxes: the page lies sideways
CLOSING_MARKS = "，。、；：！？）》」』”"
OPENING_MARKS = "（《「『“"
ADVANCE_MARGIN = 0.4  # the detector's box reaches about this many box heights past the text, both sides together
NARROW_EM = 0.55  # a digit or Latin letter's width in ems
MIN_ADVANCE_UNITS = 2.5  # fewer characters than this (two and a mark): the size comes from the box height
HEIGHT_EM = 1.2  # a box's height in ems
DET_MAX_SIDE = 1280  # pixels: the longer side of the copy boxes are detected on
SECOND_BELOW = 0.98  # a box is read a second time when one of its digits was read less surely than this
SECOND_PAD_PX = 6  # the second reading's crop is this much wider on each side


@dataclass(frozen=True)
class Box:
    """One detected text box read: corners in pixels of the page as given, text, per-char probabilities."""

    points: tuple[tuple[float, float], ...]
    text: str
    confidence: tuple[float, ...]
    turned: bool  # the direction model turned the crop by 180 degrees
    again: str = ""  # the second reading (crops with a digit only)

    @property
    def left(self) -> float:
        return min(p[0] for p in self.points)

    @property
    def right(self) -> float:
        return max(p[0] for p in self.points)

    @property
    def top(self) -> float:
        return min(p[1] for p in self.points)

    @property
    def bottom(self) -> float:
        return max(p[1] for p in self.points)


def available() -> bool:
    """Whether the engine can be loaded here (the package and its bundled models)."""
    try:
        version()
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def version() -> str:
    from importlib.metadata import version as dist_version

    import rapidocr_onnxruntime  # noqa: F401  (ImportError when not installed)

    return f"rapidocr-onnxruntime {dist_version('rapidocr-onnxruntime')} {MODELS}"


_engine_lock = threading.Lock()
_engines: dict[int, Any] = {}


def _engine() -> Any:
    """The package's model holder, one per thread (onnxruntime sessions run one call at a time
    here, each limited to one intra-op thread: the OCR thread pool decides how many cores work)."""
    key = threading.get_ident()
    with _engine_lock:
        if key not in _engines:
            from rapidocr_onnxruntime import RapidOCR

            _engines[key] = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
        return _engines[key]


def read_boxes(image: "Image.Image") -> list[Box]:
    """Detect, turn upright and read every text box of a grayscale page image."""
    import numpy as np

    engine = _engine()
    bgr = np.ascontiguousarray(np.array(image.convert("RGB"))[:, :, ::-1])
    # Boxes are found on a smaller copy (detection costs grow with the pixels: a 200 dpi page
    # took 15 times as long as at half size, for the same boxes) and read from the full page.
    shrink = min(1.0, DET_MAX_SIDE / max(image.size))
    small = image if shrink == 1.0 else image.resize((round(image.width * shrink), round(image.height * shrink)))
    found, _ = engine.text_det(np.ascontiguousarray(np.array(small.convert("RGB"))[:, :, ::-1]))
    if found is None or not len(found):
        return []
    found = engine.sorted_boxes(np.asarray(found, dtype=np.float32) / shrink)
    crops = engine.get_crop_img_list(bgr, found)
    crops, turns, _ = engine.text_cls(crops)
    readings, _ = engine.text_rec(crops, True)
    boxes = []
    second: list[int] = []
    for points, turn, reading in zip(found, turns, readings):
        text, chars = reading[0], reading[2][4] if len(reading) > 2 else []
        if len(chars) != len(text):
            chars = [float(reading[1])] * len(text)
        boxes.append(Box(tuple((float(x), float(y)) for x, y in points), text,
                         tuple(float(c) for c in chars), turn[0] == "180"))
        if any(ch.isdigit() and p < SECOND_BELOW for ch, p in zip(text, boxes[-1].confidence)):
            second.append(len(boxes) - 1)
    return _read_again(engine, bgr, boxes, second)


def _read_again(engine: Any, bgr: Any, boxes: list[Box], which: Sequence[int]) -> list[Box]:
    """A second reading of the given boxes from a wider, contrast-stretched crop."""
    import numpy as np

    if not which:
        return boxes
    crops = []
    for i in which:
        b = boxes[i]
        x0, y0 = max(0, int(b.left) - SECOND_PAD_PX), max(0, int(b.top) - SECOND_PAD_PX)
        x1, y1 = min(bgr.shape[1], int(b.right) + SECOND_PAD_PX), min(bgr.shape[0], int(b.bottom) + SECOND_PAD_PX)
        crop = bgr[y0:y1, x0:x1].astype(np.float32)
        lo, hi = np.percentile(crop, 2), np.percentile(crop, 98)
        crop = np.clip((crop - lo) * 255.0 / max(hi - lo, 1.0), 0, 255).astype(np.uint8)
        if b.turned:
            crop = np.ascontiguousarray(crop[::-1, ::-1])
        crops.append(crop)
    readings, _ = engine.text_rec(crops, False)
    out = list(boxes)
    for i, reading in zip(which, readings):
        out[i] = Box(boxes[i].points, boxes[i].text, boxes[i].confidence, boxes[i].turned, reading[0] or "\u0000")
    return out


def upside_down(boxes: Sequence[Box]) -> bool:
    """Most crops had to be turned by 180 degrees: the page was fed upside down."""
    return bool(boxes) and sum(b.turned for b in boxes) >= UPSIDE_DOWN_SHARE * len(boxes)


def sideways(boxes: Sequence[Box]) -> bool:
    """Most boxes taller than wide: the text runs up or down the page."""
    tall = sum(1 for b in boxes if (b.bottom - b.top) > 1.5 * (b.right - b.left))
    return bool(boxes) and tall >= TALL_SHARE * len(boxes)


def read_page(image: "Image.Image", page: int, settings: "OcrSettings") -> "OcrPage":
    """OCR one rendered page image (``settings.dpi`` pixels per inch) into an OcrPage."""
    image = image.convert("L")
    if settings.deskew:
        image = deskew(image)
    boxes = read_boxes(image)
    if settings.orient and sideways(boxes):
        from PIL import Image as PILImage

        turned = image.transpose(PILImage.Transpose.ROTATE_90)
        again = read_boxes(turned)
        if _score(again) > _score(boxes):
            image, boxes = turned, again
    if settings.orient and upside_down(boxes):
        # read again the right way up: the direction model misjudges short crops (a title's
        # single characters), which the page's majority settles
        image = image.rotate(180)
        boxes = read_boxes(image)
    boxes = [b for b in boxes if b.text.strip() and _mean(b.confidence) >= MIN_BOX_CONFIDENCE]
    scale = settings.dpi / 72.0
    lines, confidences, alternates = page_lines(boxes, scale, page, image.width / scale, image.height / scale)
    return OcrPage(tuple(lines), round(image.width / scale, 2), round(image.height / scale, 2),
                   engine=version(), confidences=confidences, alternates=alternates)


def _score(boxes: Sequence[Box]) -> float:
    return sum(sum(b.confidence) for b in boxes)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


# --------------------------------------------------------------------------- boxes to lines


def rows_of(boxes: Sequence[Box]) -> list[list[Box]]:
    """Boxes of one visual row together, top-down; a box joins the row whose boxes it
    overlaps vertically by ``ROW_OVERLAP`` of the lower one's height."""
    rows: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        for row in rows:
            last = row[-1]
            overlap = min(last.bottom, b.bottom) - max(last.top, b.top)
            if overlap >= ROW_OVERLAP * min(last.bottom - last.top, b.bottom - b.top) \
                    and not any(o.left < b.right and b.left < o.right for o in row):
                row.append(b)
                break
        else:
            rows.append([b])
    return [sorted(r, key=lambda b: b.left) for r in rows]


def page_lines(boxes: Sequence[Box], scale: float, page: int, width: float, height: float
               ) -> tuple[list[Line], tuple[tuple[float, ...], ...], tuple[tuple[str, ...], ...]]:
    """Lines in reading order (points, top-left origin), with per-character confidences of
    each line's text and the second readings of its numbered boxes."""
    units, members = [], []
    for r, row in enumerate(rows_of(boxes)):
        for segment in _segments(row):
            units.append(Unit(x0=min(b.left for b in segment) / scale, top=min(b.top for b in segment) / scale,
                              x1=max(b.right for b in segment) / scale,
                              bottom=max(b.bottom for b in segment) / scale, row=r))
            members.append(segment)
    index = {id(u): i for i, u in enumerate(units)}
    kept: list[tuple[list[Box], str, list[float], list[str]]] = []
    for group in reading_order(units, width, height):
        segs = [members[index[id(u)]] for u in sorted(group, key=lambda u: u.x0)]
        text, conf = _line_text(segs)
        if not any(ch.isalnum() for ch in text):
            continue
        alts = [b.again for seg in segs for b in seg if b.again]
        kept.append(([b for seg in segs for b in seg], text, conf, alts))
    texts = renumber_items(repair_headings([t for _, t, _, _ in kept]))
    lines, confidences, alternates = [], [], []
    for (group, before, conf, alts), text in zip(kept, texts):
        lines.append(Line(
            text=text, page=page,
            x0=round(min(b.left for b in group) / scale, 2), top=round(min(b.top for b in group) / scale, 2),
            x1=round(max(b.right for b in group) / scale, 2), bottom=round(max(b.bottom for b in group) / scale, 2),
            font_size=round(font_size(group) / scale, 2),
            emphasis_known=False,
        ))
        confidences.append(tuple(round(c, 4) for c in carry_confidence(before, conf, text)))
        # one second reading of the whole line: each numbered box's, in line order
        alternates.append((" ".join(normalise(a) for a in alts),) if alts else ())
    return lines, tuple(confidences), tuple(alternates)


def font_size(boxes: Sequence[Box]) -> float:
    """The type size (pixels) of a line's boxes, from the advance of its characters: a box's
    height varies with the glyphs in it and the detector's margin, while Chinese characters
    stand one em apart. Lines of a few characters fall back on the box height."""
    width = sum(b.right - b.left - ADVANCE_MARGIN * (b.bottom - b.top) for b in boxes)
    units = sum(1.0 if is_wide(ch) else NARROW_EM for b in boxes for ch in b.text)
    # a box ends at the ink: a closing mark's ink fills half its em, an opening bracket's too
    units -= sum(0.5 for b in boxes if b.text and b.text[-1] in CLOSING_MARKS)
    units -= sum(0.5 for b in boxes if b.text and b.text[0] in OPENING_MARKS)
    if units >= MIN_ADVANCE_UNITS and width > 0:
        return width / units
    return median(b.bottom - b.top for b in boxes) / HEIGHT_EM


def _segments(row: Sequence[Box]) -> list[list[Box]]:
    """A row split where two boxes stand more than ``GAP_EM`` box heights apart."""
    out = [[row[0]]]
    for prev, box in zip(row, row[1:]):
        height = min(prev.bottom - prev.top, box.bottom - box.top)
        if box.left - prev.right > GAP_EM * height:
            out.append([])
        out[-1].append(box)
    return out


def _line_text(segments: Sequence[Sequence[Box]]) -> tuple[str, list[float]]:
    """The line's text and a confidence per character: each segment normalised alone
    (normalising the whole line would glue two Chinese segments together), joined by a space."""
    text, conf = "", []
    for seg in segments:
        raw, raw_conf = "", []
        for b in seg:
            if raw and not (is_wide(raw[-1]) or is_wide(b.text[0])):
                raw, raw_conf = raw + " ", raw_conf + [1.0]
            raw, raw_conf = raw + b.text, raw_conf + list(b.confidence)
        part = normalise(raw)
        if part:
            if text:
                text, conf = text + " ", conf + [1.0]
            text, conf = text + part, conf + carry_confidence(raw, raw_conf, part)
    return text, conf
