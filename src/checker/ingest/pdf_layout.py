"""From a PDF page's characters, ruling lines and tables to visual lines in reading order.

Works on plain dicts in pdfplumber's shape (``text x0 x1 top bottom size fontname matrix
non_stroking_color``, plus ``render_mode``, and ``baseline`` from the pdfium reader) so
that it can be tested without a PDF and both character sources (``ingest/pdf_pdfium.py``,
``ingest/pdf_plumber.py``) share it.

Steps: drop watermark glyphs; mark bold and underlined characters; turn table cells into
``table_row`` units; cluster the other characters into rows and split each row at wide
gaps into segments; find a column gutter and read a two-column band left column first;
emit one Line per visual line.
"""
from __future__ import annotations

import math
from contextlib import contextmanager
from contextvars import ContextVar
import re
from functools import lru_cache
from operator import itemgetter
from dataclasses import dataclass, field
from statistics import median
from typing import Iterable, Iterator, Sequence

from checker.ingest.text_utils import align_chars, clean_text, is_wide, join_lines
from checker.model import Line

Char = dict  # one pdfplumber char dict
_X0 = itemgetter("x0")

_BOLD_NAME = re.compile(
    r"bold|heavy|black|semibold|demibold|extrabold|ultrabold|黑体|simhei|heiti|(?<!ya)hei\b|[-,]b$|,bd$",
    re.IGNORECASE,
)
FILL_STROKE = 2  # PDF text render mode "fill, then stroke": how bold is faked without a bold face

SEGMENT_GAP_EM = 1.0  # a horizontal gap this wide (in font sizes) splits a row into segments
ROW_TOLERANCE_EM = 0.4  # chars whose centres differ by less than this share a row
UNDERLINE_BELOW_PT = 3.5  # an underline lies at most this far under the baseline
WATERMARK_GREY = 0.7  # lightness from which big upright text counts as a watermark
WATERMARK_SIZE = 1.8
COLUMN_REACH = 0.5  # share of left-column segments that must run up to the gutter
COLUMN_REACH_SIDE_BY_SIDE = 0.25  # ... when the two sides run side by side all the way down
SIDE_BY_SIDE = 0.8  # share of left segments with a right segment beside them for that
MARGIN_ROW_BAND = 0.1  # rows this close to the top or bottom edge (share of height): headers  # ... when this many times the body font size


@dataclass(frozen=True)
class RulingLine:
    """A thin horizontal stroke (a line, or a rect at most 2 pt high) in top-down coordinates."""

    x0: float
    x1: float
    y: float


@dataclass(frozen=True)
class TableGrid:
    """A table found on the page: its bbox and, per row, the cell bboxes (None = merged)."""

    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[tuple[float, float, float, float] | None, ...], ...]


@dataclass
class Unit:
    """A piece of one visual line (a row segment) or a whole table row."""

    chars: list[Char] = field(default_factory=list)
    kind: str = "body"
    text: str = ""  # set for table rows; body units build theirs from chars
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    row: int = 0  # the row it was split from


# --------------------------------------------------------------------------- characters


@lru_cache(maxsize=512)
def is_bold_font(fontname: str) -> bool:
    """Bold, heavy, black, semibold weights and the 黑体 family, from the font's name
    (cached: a page asks once per glyph, about a handful of fonts)."""
    name = fontname.split("+", 1)[-1]
    return bool(_BOLD_NAME.search(name))


def is_rotated(char: Char) -> bool:
    rotated = char.get("rotated")  # the pdfium reader decides once per text object
    if rotated is not None:
        return rotated
    a, b, c, d = (char.get("matrix") or (1, 0, 0, 1, 0, 0))[:4]
    scale = max(abs(a), abs(d), 1e-9)
    return not char.get("upright", True) or abs(b) > 0.01 * scale or abs(c) > 0.01 * scale


def lightness(color: object) -> float:
    """0 = black .. 1 = white, from a pdfplumber colour (grey, RGB or CMYK tuple)."""
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return 0.0
    if len(color) == 1:
        return float(color[0])
    if len(color) == 3:
        return sum(color) / 3
    if len(color) == 4:
        return (1 - color[3]) * (1 - sum(color[:3]) / 3)
    return 0.0


def body_size(chars: Sequence[Char]) -> float:
    sizes = [c["size"] for c in chars if c["text"].strip() and not is_rotated(c)]
    return median(sizes) if sizes else 0.0


def drop_watermarks(chars: Sequence[Char]) -> list[Char]:
    """Without rotated glyphs and big light-grey ones (watermarks, stamps)."""
    upright = [c for c in chars if not is_rotated(c)]
    sizes = [c["size"] for c in upright if c["text"].strip()]
    size = median(sizes) if sizes else 0.0  # body_size(), without testing rotation twice
    if not size:
        return upright
    big = WATERMARK_SIZE * size
    return [c for c in upright
            if c["size"] < big or lightness(c.get("non_stroking_color")) < WATERMARK_GREY]


def baseline(char: Char) -> float:
    """The baseline's distance from the page top (the bbox bottom includes the descent).

    The pdfium reader gives it as ``baseline``; pdfminer's chars have it in their matrix."""
    if "baseline" in char:
        return char["baseline"]
    matrix = char.get("matrix")
    if not matrix or "y0" not in char:
        return char["bottom"]
    return char["bottom"] + char["y0"] - matrix[5]


def mark_chars(chars: Iterable[Char], underlines: Sequence[RulingLine]) -> None:
    """Set ``bold`` and ``underline`` on each char dict."""
    near: dict[tuple[float, float], list[RulingLine]] = {}  # the glyphs of one line share these
    bold_of: dict[tuple[str, object], bool] = {}  # ... and the glyphs of one font and mode this
    for c in chars:
        style = (c.get("fontname", ""), c.get("render_mode"))
        bold = bold_of.get(style)
        if bold is None:
            bold = bold_of[style] = is_bold_font(style[0]) or style[1] == FILL_STROKE
        c["bold"] = bold
        if not underlines:
            c["underline"] = False
            continue
        key = (baseline(c), c["size"])
        below = near.get(key)
        if below is None:
            below = near[key] = _strokes_below(key[0], key[1], underlines)
        c["underline"] = bool(below) and _underlined(c, below)


def _strokes_below(base: float, size: float, lines: Sequence[RulingLine]) -> list[RulingLine]:
    """The ruling lines at underline distance under a baseline, for glyphs of this size."""
    below = max(UNDERLINE_BELOW_PT, 0.3 * size)
    return [r for r in lines if base - 0.5 <= r.y <= base + below]


def _underlined(char: Char, lines: Sequence[RulingLine]) -> bool:
    """Whether a ruling line (already known to lie under the glyph's baseline) spans half the glyph."""
    width = max(char["x1"] - char["x0"], 0.1)
    for r in lines:
        overlap = min(char["x1"], r.x1) - max(char["x0"], r.x0)
        if overlap >= 0.5 * width:
            return True
    return False


def underline_strokes(horizontal: Sequence[RulingLine], vertical: Sequence[tuple[float, float, float]]) -> list[RulingLine]:
    """Horizontal strokes that can be underlines: not the edge of a box or a table grid,
    i.e. no vertical stroke (x, top, bottom) meets either end."""
    def touches(x: float, y: float) -> bool:
        return any(abs(vx - x) <= 2 and vt - 2 <= y <= vb + 2 for vx, vt, vb in vertical)

    return [r for r in horizontal if not (touches(r.x0, r.y) or touches(r.x1, r.y))]


# --------------------------------------------------------------------------- rows and segments


def rows_of(chars: Sequence[Char]) -> list[list[Char]]:
    """Cluster characters into visual rows by their vertical centre; rows sorted top-down."""
    rows: list[list[Char]] = []
    last = 0.0  # the centre of the current row's first char
    keyed = sorted([((c["top"] + c["bottom"]) / 2, k) for k, c in enumerate(chars)])  # stable: ties keep order
    for centre, k in keyed:
        c = chars[k]
        if rows and abs(centre - last) <= ROW_TOLERANCE_EM * max(c["size"], rows[-1][0]["size"]):
            rows[-1].append(c)
        else:
            rows.append([c])
            last = centre
    return [sorted(r, key=_X0) for r in rows]


def segments_of(row: Sequence[Char], row_index: int) -> list[Unit]:
    """Split one row where the gap between two glyphs is wider than a character or so."""
    units: list[Unit] = []
    current: list[Char] = []
    last_x1 = None
    for c in row:
        if not c["text"].strip():
            if current:
                current.append(c)
            continue
        if current and last_x1 is not None and c["x0"] - last_x1 > SEGMENT_GAP_EM * max(c["size"], current[-1]["size"]):
            units.append(_unit(current, row_index))
            current = []
        current.append(c)
        last_x1 = c["x1"]
    if current:
        units.append(_unit(current, row_index))
    return units


def _unit(chars: list[Char], row_index: int) -> Unit:
    ink = [c for c in chars if c["text"].strip()] or chars
    x0, top, x1, bottom = ink[0]["x0"], ink[0]["top"], ink[0]["x1"], ink[0]["bottom"]
    for c in ink:  # one pass for the four edges
        if c["x0"] < x0:
            x0 = c["x0"]
        if c["top"] < top:
            top = c["top"]
        if c["x1"] > x1:
            x1 = c["x1"]
        if c["bottom"] > bottom:
            bottom = c["bottom"]
    return Unit(chars=chars, x0=x0, top=top, x1=x1, bottom=bottom, row=row_index)


def text_of(chars: Sequence[Char]) -> str:
    """The text of glyphs on one visual line, left to right.

    A space is kept where the PDF draws one; where it only leaves a gap, Latin words get a
    space for a gap over a fifth of the font size, anything next to CJK only for a gap
    over half of it (justified Chinese spreads its glyphs apart).
    """
    out: list[str] = []
    prev: Char | None = None
    pending = False
    for c in sorted(chars, key=_X0):
        t = c["text"]
        if not t.strip():
            pending = bool(out)
            continue
        if prev is not None and not pending:
            gap = c["x0"] - prev["x1"]
            size = max(c["size"], prev["size"], 1.0)
            wide = is_wide(prev["text"][-1]) or is_wide(t[0])
            pending = gap > (0.5 if wide else 0.2) * size
        if pending and out:
            out.append(" ")
        out.append(t)
        prev, pending = c, False
    return clean_text("".join(out))


# --------------------------------------------------------------------------- tables


def table_units(grids: Sequence[TableGrid], chars: Sequence[Char]) -> tuple[list[Unit], list[Char]]:
    """Rows of the real tables (at least two columns somewhere) as units, and the chars
    left over for body text. A one-column grid is a box around text, read as body."""
    units: list[Unit] = []
    rest = list(chars)
    for grid in grids:
        if max((sum(1 for cell in row if cell) for row in grid.rows), default=0) < 2:
            continue
        inside = [c for c in rest if _centre_in(c, grid.bbox)]
        if not inside:
            continue
        taken = {id(c) for c in inside}
        rest = [c for c in rest if id(c) not in taken]
        for row in grid.rows:
            unit = _table_row(row, _in_band(inside, row))
            if unit is not None:
                units.append(unit)
    return units, rest


def _table_row(cells: Sequence[tuple[float, float, float, float] | None], chars: Sequence[Char]) -> Unit | None:
    texts: list[str] = []
    used: list[Char] = []
    boxes = [c for c in cells if c]
    for cell in boxes:
        rows = rows_of([c for c in chars if _centre_in(c, cell)])
        used += [c for row in rows for c in row]  # in the order the cell's text is read
        texts.append(join_lines(text_of(r) for r in rows))
    if not any(texts):
        return None
    return Unit(chars=used, kind="table_row", text=" | ".join(texts),
                x0=min(b[0] for b in boxes), top=min(b[1] for b in boxes),
                x1=max(b[2] for b in boxes), bottom=max(b[3] for b in boxes))


def _in_band(chars: Sequence[Char], cells: Sequence[tuple[float, float, float, float] | None]) -> list[Char]:
    """The chars whose centre lies at the height of a table row: the only candidates for its cells."""
    boxes = [c for c in cells if c]
    if not boxes:
        return []
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    return [c for c in chars if top <= (c["top"] + c["bottom"]) / 2 <= bottom]


def _centre_in(c: Char, bbox: tuple[float, float, float, float]) -> bool:
    x = (c["x0"] + c["x1"]) / 2
    y = (c["top"] + c["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


# --------------------------------------------------------------------------- columns


def find_gutter(units: Sequence[Unit], width: float) -> tuple[float, float] | None:
    """The x-range between two text columns, or None for a one-column page.

    The gutter is the least-covered stretch of the page's middle; it counts only when
    at least three segments lie on each side at the same heights and the left segments
    mostly run up to the gutter while the right ones start at it (column text fills its
    column; a form's labels and values do not line up like that).
    """
    body = [u for u in units if u.kind == "body"]
    if len(body) < 6 or width <= 0:
        return None
    lo, hi = int(width * 0.3), int(width * 0.7)
    cover = _coverage(units, lo, hi)
    least = min(cover)
    if least > 0.25 * len(units):
        return None
    best: tuple[int, int] | None = None
    start = None
    for i, n in enumerate(cover + [least + 1]):
        if n == least and start is None:
            start = i
        elif n != least and start is not None:
            if best is None or i - start > best[1] - best[0]:
                best = (start, i - 1)
            start = None
    assert best is not None
    g0, g1 = lo + best[0], lo + best[1] + 1
    if g1 - g0 < 4:
        return None
    left = [u for u in body if u.x1 <= g0 + 1]
    right = [u for u in body if u.x0 >= g1 - 1]
    if len(left) < 3 or len(right) < 3:
        return None
    paired = sum(1 for u in left if any(v.top < u.bottom + 2 * (u.bottom - u.top) and v.bottom > u.top
                                        - 2 * (u.bottom - u.top) for v in right))
    if paired < 3:
        return None
    em = median(u.bottom - u.top for u in body)
    reach = sum(1 for u in left if g0 - u.x1 <= 2.5 * em) / len(left)
    start_at = sum(1 for u in right if u.x0 - g1 <= 2.5 * em) / len(right)
    # Short columns of headings and short paragraphs leave many left lines ending early;
    # when nearly every left segment has a right one beside it, fewer need reach the gutter.
    needed = COLUMN_REACH_SIDE_BY_SIDE if paired >= SIDE_BY_SIDE * len(left) else COLUMN_REACH
    if reach < needed or start_at < 0.5:
        return None
    return float(g0), float(g1)


def _coverage(units: Sequence[Unit], lo: int, hi: int) -> list[int]:
    """For each whole x in lo..hi, how many units strictly span it (x0 < x < x1)."""
    delta = [0] * (hi - lo + 2)
    for u in units:
        first = max(lo, math.floor(u.x0) + 1)  # the least whole x above x0
        last = min(hi, math.ceil(u.x1) - 1)  # the greatest whole x below x1
        if first <= last:
            delta[first - lo] += 1
            delta[last - lo + 1] -= 1
    cover, running = [], 0
    for d in delta[:-1]:
        running += d
        cover.append(running)
    return cover


def reading_order(units: Sequence[Unit], width: float, height: float = 0.0) -> list[list[Unit]]:
    """Visual lines (lists of units) in reading order.

    One-column page: each row is one line. With a gutter, rows that cross it split the
    page into bands; inside a band the left column is read before the right one. Rows in
    the top and bottom margin bands keep their segments apart: a running header's left
    and right parts must come out the same on one-column and two-column pages.
    """
    rows = _split_margin_rows(_group_rows(units), height)
    gutter = find_gutter(units, width)
    if gutter is None:
        return rows
    g0, g1 = gutter
    out: list[list[Unit]] = []
    band: list[list[Unit]] = []
    for row in rows:
        if any(u.x0 < g1 - 1 and u.x1 > g0 + 1 for u in row):
            out += _read_band(band, g0)
            band = []
            out.append(row)
        else:
            band.append(row)
    out += _read_band(band, g0)
    return out


def _group_rows(units: Sequence[Unit]) -> list[list[Unit]]:
    """Units of one row together (table rows alone), ordered top-down then left-right."""
    groups: dict[tuple[str, int], list[Unit]] = {}
    for i, u in enumerate(units):
        key = ("row", u.row) if u.kind == "body" else ("table", i)
        groups.setdefault(key, []).append(u)
    ordered = sorted(groups.values(), key=lambda g: (min(u.top for u in g), min(u.x0 for u in g)))
    return [sorted(g, key=lambda u: u.x0) for g in ordered]


def _split_margin_rows(rows: list[list[Unit]], height: float) -> list[list[Unit]]:
    if height <= 0:
        return rows
    out: list[list[Unit]] = []
    for row in rows:
        top, bottom = min(u.top for u in row), max(u.bottom for u in row)
        if len(row) > 1 and (bottom < MARGIN_ROW_BAND * height or top > (1 - MARGIN_ROW_BAND) * height):
            out += [[u] for u in row]
        else:
            out.append(row)
    return out


def _read_band(band: list[list[Unit]], g0: float) -> list[list[Unit]]:
    left = [[u for u in row if u.x1 <= g0 + 1] for row in band]
    right = [[u for u in row if u.x1 > g0 + 1] for row in band]
    return [r for r in left if r] + [r for r in right if r]


# --------------------------------------------------------------------------- lines


def page_lines(chars: Sequence[Char], underlines: Sequence[RulingLine], grids: Sequence[TableGrid],
               page: int, width: float, height: float = 0.0) -> list[Line]:
    """The page's visual lines in reading order (running headers still included)."""
    chars = drop_watermarks(chars)
    mark_chars(chars, underlines)
    tables, body = table_units(grids, chars)
    units = list(tables)
    for i, row in enumerate(rows_of(body)):
        for u in segments_of(row, i):
            units.append(u)
    lines = []
    for group in reading_order(units, width, height):
        line = _line(group, page)
        if line is not None:
            lines.append(line)
    return lines


def _line(group: Sequence[Unit], page: int) -> Line | None:
    kind = "table_row" if group[0].kind == "table_row" else "body"
    if kind == "table_row":
        text = group[0].text
    else:
        text = " ".join(t for t in (text_of(u.chars) for u in group) if t)
        text = clean_text(text)
    if not text:
        return None
    sizes: list[float] = []
    bold = underline = 0
    for u in group:  # one pass over the glyphs with ink
        for c in u.chars:
            if c["text"].strip():
                sizes.append(c["size"])
                bold += 1 if c.get("bold") else 0
                underline += 1 if c.get("underline") else 0
    n = max(len(sizes), 1)
    return Line(
        text=text, page=page, char_boxes=char_boxes(text, group) if _KEEP_BOXES.get() else (),
        x0=round(min(u.x0 for u in group), 2), top=round(min(u.top for u in group), 2),
        x1=round(max(u.x1 for u in group), 2), bottom=round(max(u.bottom for u in group), 2),
        font_size=round(median(sizes), 2) if sizes else 0.0,
        bold=round(bold / n, 3),
        underline=0.0 if kind == "table_row" else round(underline / n, 3),
        kind=kind,
    )


# Only review copies need each character's box; every other reading skips the work (it costs
# about a sixth of reading a page). Set for the duration of a ``with keeping_char_boxes():``.
_KEEP_BOXES: ContextVar[bool] = ContextVar("keep_char_boxes", default=False)


@contextmanager
def keeping_char_boxes() -> Iterator[None]:
    """Within this block, PDF lines carry ``char_boxes``."""
    token = _KEEP_BOXES.set(True)
    try:
        yield
    finally:
        _KEEP_BOXES.reset(token)


def char_boxes(text: str, group: Sequence[Unit]) -> tuple[tuple[float, float, float, float] | None, ...]:
    """One box per character of a line's ``text``: the glyph it was read from, or None for
    a character no glyph drew. A glyph that stands for several characters (a ligature) is
    shared out across its width."""
    source: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    for unit in group:
        glyphs = unit.chars if unit.kind == "table_row" else sorted(unit.chars, key=lambda c: c["x0"])
        for c in glyphs:
            t = c["text"]
            if not t.strip():
                continue
            step = (c["x1"] - c["x0"]) / len(t)
            for k, ch in enumerate(t):
                source.append(ch)
                boxes.append((round(c["x0"] + k * step, 2), round(c["top"], 2),
                              round(c["x0"] + (k + 1) * step, 2), round(c["bottom"], 2)))
    return tuple(None if i is None else boxes[i] for i in align_chars(text, "".join(source)))
