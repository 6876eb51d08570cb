"""From a PDF page's glyphs, ruling lines and tables to visual lines in reading order.

Both character sources (``ingest/pdf_pdfium.py``, ``ingest/pdf_plumber.py``) hand over the
page's glyphs as ``pdf_glyphs.Glyphs`` columns, so this module can be tested without a PDF
and both readers share it.

Steps: drop watermark glyphs; mark underlined glyphs (bold comes with the glyph); turn
table cells into ``table_row`` units; cluster the other glyphs into rows and split each
row at wide gaps into segments; find a column gutter and read a two-column band left
column first; emit one Line per visual line.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import median
from typing import Any, Sequence

import numpy as np

from checker.ingest import pdf_glyphs
from checker.ingest.char_boxes import keeping_char_boxes, wanted as char_boxes_wanted
from checker.ingest.pdf_glyphs import Glyphs, RulingLine, underline_strokes
from checker.ingest.text_utils import align_chars, clean_text, join_wrapped_lines
from checker.model import Line

__all__ = ["Glyphs", "RulingLine", "TableGrid", "Unit", "underline_strokes", "page_lines", "reading_order",
           "find_gutter", "keeping_char_boxes"]

COLUMN_REACH = 0.5  # share of left-column segments that must run up to the gutter
COLUMN_REACH_SIDE_BY_SIDE = 0.25  # ... when the two sides run side by side all the way down
SIDE_BY_SIDE = 0.8  # share of left segments with a right segment beside them for that
MARGIN_ROW_BAND = 0.1  # rows this close to the top or bottom edge (share of height): headers


@dataclass(frozen=True)
class TableGrid:
    """A table found on the page: its bbox and, per row, the cell bboxes (None = merged)."""

    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[tuple[float, float, float, float] | None, ...], ...]


@dataclass
class Unit:
    """A piece of one visual line (a row segment) or a whole table row.

    For PDF text, ``chars`` are the unit's glyphs (indexes into the page's Glyphs, in reading
    order) and the counts below are over its glyphs with ink; the OCR reader's units carry
    only a box."""

    chars: Any = field(default_factory=list)
    kind: str = "body"
    text: str = ""
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    row: int = 0  # the row it was split from
    sizes: list[float] = field(default_factory=list)  # font size of each glyph with ink
    bold: int = 0  # glyphs with ink in bold
    underline: int = 0  # ... and underlined


# --------------------------------------------------------------------------- body text


def body_units(glyphs: Glyphs, index: np.ndarray) -> list[Unit]:
    """The row segments of the glyphs at ``index`` (the page's glyphs outside tables)."""
    ordered, row_starts, _ = pdf_glyphs.rows(glyphs, index)
    slices = pdf_glyphs.segments(glyphs, ordered, row_starts)
    if not slices:
        return []
    texts = pdf_glyphs.texts(glyphs, ordered, [(s, e) for s, e, _ in slices])
    ink = glyphs.ink[ordered]
    inked = ordered[ink]  # the segments' glyphs with ink, segment after segment
    bounds = np.searchsorted(np.flatnonzero(ink), [b for s, e, _ in slices for b in (s, e)]).tolist()
    x0 = np.minimum.reduceat(glyphs.x0[inked], bounds[::2]).tolist()
    top = np.minimum.reduceat(glyphs.top[inked], bounds[::2]).tolist()
    x1 = np.maximum.reduceat(glyphs.x1[inked], bounds[::2]).tolist()
    bottom = np.maximum.reduceat(glyphs.bottom[inked], bounds[::2]).tolist()
    sizes = glyphs.size[inked].tolist()
    bold = [0, *np.cumsum(glyphs.bold[inked]).tolist()]
    under = [0, *np.cumsum(glyphs.underline[inked]).tolist()]
    units = []
    for k, (start, end, row) in enumerate(slices):
        a, b = bounds[2 * k], bounds[2 * k + 1]
        units.append(Unit(chars=ordered[start:end], text=texts[k], x0=x0[k], top=top[k], x1=x1[k],
                          bottom=bottom[k], row=row, sizes=sizes[a:b], bold=bold[b] - bold[a],
                          underline=under[b] - under[a]))
    return units


# --------------------------------------------------------------------------- tables


def table_units(grids: Sequence[TableGrid], glyphs: Glyphs) -> tuple[list[Unit], np.ndarray]:
    """Rows of the real tables (at least two columns somewhere) as units, and the glyphs
    left over for body text. A one-column grid is a box around text, read as body."""
    units: list[Unit] = []
    rest = np.arange(len(glyphs))
    cx, cy = (glyphs.x0 + glyphs.x1) / 2, (glyphs.top + glyphs.bottom) / 2
    for grid in grids:
        if max((sum(1 for cell in row if cell) for row in grid.rows), default=0) < 2:
            continue
        b = grid.bbox
        x, y = cx[rest], cy[rest]
        within = (b[0] <= x) & (x <= b[2]) & (b[1] <= y) & (y <= b[3])
        inside = rest[within]
        if not len(inside):
            continue
        rest = rest[~within]
        units += _grid_rows(glyphs, grid, inside, cx[inside], cy[inside])
    return units, rest


def _grid_rows(glyphs: Glyphs, grid: TableGrid, inside: np.ndarray, x: np.ndarray, y: np.ndarray) -> list[Unit]:
    """One unit per grid row with text: its cells' texts joined by " | ".

    A glyph belongs to every cell its centre lies in (borders included); each cell's
    glyphs are read as rows of their own, all cells of the grid at once."""
    cells = [cell for row in grid.rows for cell in row if cell]
    if not cells:
        return []
    box = np.array(cells, dtype=float)
    member = (box[:, :1] <= x) & (x <= box[:, 2:3]) & (box[:, 1:2] <= y) & (y <= box[:, 3:4])
    cell_of, at = np.nonzero(member)  # cell by cell, each in the glyphs' order
    ordered, starts, row_cell = pdf_glyphs.rows(glyphs, inside[at], cell_of)
    ends = np.append(starts[1:], len(ordered)).tolist()
    starts = starts.tolist()
    row_texts = pdf_glyphs.texts(glyphs, ordered, list(zip(starts, ends)))
    lines: list[list[str]] = [[] for _ in cells]  # each cell's rows (visual lines)
    span = [(0, 0)] * len(cells)  # each cell's glyphs in ``ordered``: rows come cell by cell
    for r, cell in enumerate(row_cell.tolist()):
        lines[cell].append(row_texts[r])
        span[cell] = (span[cell][0] if len(lines[cell]) > 1 else starts[r], ends[r])
    units, k = [], 0
    for row in grid.rows:
        boxes = [c for c in row if c]
        mine = range(k, k + len(boxes))
        k += len(boxes)
        texts = [join_wrapped_lines(lines[c]) for c in mine]
        if not any(texts):
            continue
        chars = np.concatenate([ordered[span[c][0]:span[c][1]] for c in mine])  # in the order each cell is read
        inked = chars[glyphs.ink[chars]]
        units.append(Unit(chars=chars, kind="table_row", text=" | ".join(texts),
                          x0=min(b[0] for b in boxes), top=min(b[1] for b in boxes),
                          x1=max(b[2] for b in boxes), bottom=max(b[3] for b in boxes),
                          sizes=glyphs.size[inked].tolist(), bold=int(glyphs.bold[inked].sum()),
                          underline=int(glyphs.underline[inked].sum())))
    return units


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


def page_lines(glyphs: Glyphs, underlines: Sequence[RulingLine], grids: Sequence[TableGrid],
               page: int, width: float, height: float = 0.0) -> list[Line]:
    """The page's visual lines in reading order (running headers still included)."""
    glyphs = pdf_glyphs.drop_watermarks(glyphs)
    pdf_glyphs.mark_underlines(glyphs, underlines)
    tables, body = table_units(grids, glyphs)
    units = tables + body_units(glyphs, body)
    lines = []
    for group in reading_order(units, width, height):
        line = _line(group, page, glyphs)
        if line is not None:
            lines.append(line)
    return lines


def _line(group: Sequence[Unit], page: int, glyphs: Glyphs) -> Line | None:
    kind = "table_row" if group[0].kind == "table_row" else "body"
    if kind == "table_row" or len(group) == 1:
        text = group[0].text  # a unit's text is clean already
    else:
        text = clean_text(" ".join(u.text for u in group if u.text))
    if not text:
        return None
    sizes = [s for u in group for s in u.sizes]
    bold = sum(u.bold for u in group)
    underline = sum(u.underline for u in group)
    n = max(len(sizes), 1)
    return Line(
        text=text, page=page, char_boxes=char_boxes(text, group, glyphs) if char_boxes_wanted() else (),
        x0=round(min(u.x0 for u in group), 2), top=round(min(u.top for u in group), 2),
        x1=round(max(u.x1 for u in group), 2), bottom=round(max(u.bottom for u in group), 2),
        font_size=round(_median(sizes), 2) if sizes else 0.0,
        bold=round(bold / n, 3),
        underline=0.0 if kind == "table_row" else round(underline / n, 3),
        kind=kind,
    )


def _median(sizes: list[float]) -> float:
    """The median (a line's glyphs mostly share one size: then no sort is needed)."""
    first = sizes[0]
    return first if sizes.count(first) == len(sizes) else median(sizes)


def char_boxes(text: str, group: Sequence[Unit], glyphs: Glyphs) -> tuple[tuple[float, float, float, float] | None, ...]:
    """One box per character of a line's ``text``: the glyph it was read from, or None for
    a character no glyph drew. A glyph that stands for several characters (a ligature) is
    shared out across its width."""
    source: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    for unit in group:  # a unit's glyphs are in reading order already
        for i in unit.chars.tolist():
            t = glyphs.text[i]
            if not t.strip():
                continue
            x0, x1 = float(glyphs.x0[i]), float(glyphs.x1[i])
            top, bottom = round(float(glyphs.top[i]), 2), round(float(glyphs.bottom[i]), 2)
            step = (x1 - x0) / len(t)
            for k, ch in enumerate(t):
                source.append(ch)
                boxes.append((round(x0 + k * step, 2), top, round(x0 + (k + 1) * step, 2), bottom))
    return tuple(None if i is None else boxes[i] for i in align_chars(text, "".join(source)))
