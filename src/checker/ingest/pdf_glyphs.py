"""A PDF page's glyphs as columns, and the layout steps that look at every glyph.

A page has hundreds to thousands of glyphs; a Python object and a Python pass per glyph
and step made page layout cost more than pdfium's whole text extraction. ``Glyphs`` keeps
one numpy array per attribute instead (the text stays a list of strings), filled by the
pdfium reader straight from pdfium's buffers or converted from the pdfplumber reader's char
dicts (``Glyphs.from_dicts``), and the steps below work on whole arrays: drop watermarks,
cluster glyphs into rows and split rows into segments, and decide where a space goes
between two glyphs. What stays a Python loop runs per row, per distinct baseline or per
ambiguous gap, not per glyph.

The rules are the ones pdf_layout always applied, kept exactly (the differential test and
the corpora hold them): rows cluster by vertical centre, sorted top-down and then
left-right with ties in reading order; a row splits where a gap is wider than a font size;
a space goes where the PDF draws one, or where the gap is over a fifth of the font size
(over half next to CJK).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import Any, Sequence

import numpy as np

from checker.ingest.text_utils import clean_text, is_wide

Char = dict  # one pdfplumber char dict (the reference reader's glyphs)

_BOLD_NAME = re.compile(
    r"bold|heavy|black|semibold|demibold|extrabold|ultrabold|黑体|simhei|heiti|(?<!ya)hei\b|[-,]b$|,bd$",
    re.IGNORECASE,
)
FILL_STROKE = 2  # PDF text render mode "fill, then stroke": how bold is faked without a bold face

SEGMENT_GAP_EM = 1.0  # a horizontal gap this wide (in font sizes) splits a row into segments
ROW_TOLERANCE_EM = 0.4  # chars whose centres differ by less than this share a row
UNDERLINE_BELOW_PT = 3.5  # an underline lies at most this far under the baseline
WATERMARK_GREY = 0.7  # lightness from which big upright text counts as a watermark
WATERMARK_SIZE = 1.8  # ... when this many times the body font size
SPACE_GAP_EM = 0.2  # a gap over this (in font sizes) between Latin glyphs is a space
SPACE_GAP_WIDE_EM = 0.5  # ... and over this next to a CJK (wide) glyph


@dataclass(frozen=True)
class RulingLine:
    """A thin horizontal stroke (a line, or a rect at most 2 pt high) in top-down coordinates."""

    x0: float
    x1: float
    y: float


@dataclass
class Glyphs:
    """The glyphs of one page, one entry per glyph in every column (top-down coordinates).

    ``baseline`` (the glyph origin's distance from the page top) is only needed where a
    page has strokes that can be underlines; ``underline`` is set by ``mark_underlines``.
    """

    text: list[str]
    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray
    size: np.ndarray
    bold: np.ndarray  # bool
    rotated: np.ndarray  # bool: not upright (stamps, vertical watermarks)
    lightness: np.ndarray  # of the fill colour: 0 black .. 1 white
    baseline: np.ndarray | None = None
    underline: np.ndarray | None = None  # bool
    ink: np.ndarray | None = None  # bool: the glyph draws something (not a space); from the text when None

    def __post_init__(self) -> None:
        if self.ink is None:
            self.ink = np.fromiter((bool(t.strip()) for t in self.text), dtype=bool, count=len(self.text))

    def __len__(self) -> int:
        return len(self.text)

    def take(self, index: np.ndarray) -> "Glyphs":
        """The glyphs at ``index``, in that order."""
        def pick(column: np.ndarray | None) -> np.ndarray | None:
            return None if column is None else column[index]

        text = self.text
        return Glyphs([text[i] for i in index.tolist()], self.x0[index], self.x1[index], self.top[index],
                      self.bottom[index], self.size[index], self.bold[index], self.rotated[index],
                      self.lightness[index], pick(self.baseline), pick(self.underline), pick(self.ink))

    @classmethod
    def from_dicts(cls, chars: Sequence[Char]) -> "Glyphs":
        """From char dicts in pdfplumber's shape (``text x0 x1 top bottom size fontname matrix
        upright non_stroking_color render_mode``, and ``y0`` or ``baseline``)."""
        def column(values: Any, dtype: Any = float) -> np.ndarray:
            return np.fromiter(values, dtype=dtype, count=len(chars))

        return cls([c["text"] for c in chars], column(c["x0"] for c in chars), column(c["x1"] for c in chars),
                   column(c["top"] for c in chars), column(c["bottom"] for c in chars),
                   column(c["size"] for c in chars),
                   column((is_bold(c.get("fontname", ""), c.get("render_mode")) for c in chars), bool),
                   column((is_rotated(c) for c in chars), bool),
                   column(lightness(c.get("non_stroking_color")) for c in chars),
                   column(baseline(c) for c in chars))


def empty_glyphs() -> Glyphs:
    nothing = np.zeros(0)
    return Glyphs([], nothing, nothing, nothing, nothing, nothing, nothing.astype(bool), nothing.astype(bool), nothing)


# --------------------------------------------------------------------------- what a glyph is


@lru_cache(maxsize=512)
def is_bold_font(fontname: str) -> bool:
    """Bold, heavy, black, semibold weights and the 黑体 family, from the font's name
    (cached: a page asks once per glyph, about a handful of fonts)."""
    name = fontname.split("+", 1)[-1]
    return bool(_BOLD_NAME.search(name))


def is_bold(fontname: str, render_mode: object) -> bool:
    """A bold face, or any face filled and then stroked (render mode 2)."""
    return is_bold_font(fontname) or render_mode == FILL_STROKE


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


def baseline(char: Char) -> float:
    """The baseline's distance from the page top (the bbox bottom includes the descent).

    The pdfium reader gives it as ``baseline``; pdfminer's chars have it in their matrix."""
    if "baseline" in char:
        return char["baseline"]
    matrix = char.get("matrix")
    if not matrix or "y0" not in char:
        return char["bottom"]
    return char["bottom"] + char["y0"] - matrix[5]


# --------------------------------------------------------------------------- watermarks and underlines


def drop_watermarks(glyphs: Glyphs) -> Glyphs:
    """Without rotated glyphs and big light-grey ones (watermarks, stamps)."""
    upright = ~glyphs.rotated
    sizes = glyphs.size[upright & glyphs.ink]
    size = median(sizes.tolist()) if len(sizes) else 0.0
    keep = upright if not size else upright & ((glyphs.size < WATERMARK_SIZE * size)
                                               | (glyphs.lightness < WATERMARK_GREY))
    return glyphs if keep.all() else glyphs.take(np.flatnonzero(keep))


def underline_strokes(horizontal: Sequence[RulingLine], vertical: Sequence[tuple[float, float, float]]) -> list[RulingLine]:
    """Horizontal strokes that can be underlines: not the edge of a box or a table grid,
    i.e. no vertical stroke (x, top, bottom) meets either end."""
    def touches(x: float, y: float) -> bool:
        return any(abs(vx - x) <= 2 and vt - 2 <= y <= vb + 2 for vx, vt, vb in vertical)

    return [r for r in horizontal if not (touches(r.x0, r.y) or touches(r.x1, r.y))]


def may_be_underlined(x0: np.ndarray, x1: np.ndarray, bottom: np.ndarray, size: np.ndarray,
                      underlines: Sequence[RulingLine]) -> np.ndarray:
    """Which glyphs a stroke could underline, judged from their boxes before their baselines
    are known (reading a baseline costs a call per glyph): the stroke lies within a wide band
    around the box bottom (the baseline sits within a font size of it) and spans half the
    glyph's width. A superset of what ``mark_underlines`` marks."""
    if not underlines or not len(x0):
        return np.zeros(len(x0), dtype=bool)
    y, sx0, sx1 = _stroke_columns(underlines)
    bottom, size = bottom[:, None], size[:, None]
    near = (bottom - 2 * size - 1 <= y) & (y <= bottom + size + _below(size) + 1)
    return (near & _spanned(x0, x1, sx0, sx1)).any(axis=1)


def mark_underlines(glyphs: Glyphs, underlines: Sequence[RulingLine]) -> None:
    """Set ``glyphs.underline``: a stroke lies at underline distance under the glyph's
    baseline (at most UNDERLINE_BELOW_PT, or 0.3 font sizes for big type) and spans at
    least half the glyph's width. A glyph whose baseline is NaN (not read: see
    ``may_be_underlined``) is not underlined."""
    if not underlines or not len(glyphs):
        glyphs.underline = np.zeros(len(glyphs), dtype=bool)
        return
    assert glyphs.baseline is not None, "underlines need baselines"
    y, sx0, sx1 = _stroke_columns(underlines)
    base = glyphs.baseline[:, None]
    near = (base - 0.5 <= y) & (y <= base + _below(glyphs.size)[:, None])
    glyphs.underline = (near & _spanned(glyphs.x0, glyphs.x1, sx0, sx1)).any(axis=1)


def _stroke_columns(underlines: Sequence[RulingLine]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return tuple(np.array([getattr(r, k) for r in underlines], dtype=float) for k in ("y", "x0", "x1"))  # type: ignore[return-value]


def _below(size: np.ndarray) -> np.ndarray:
    """How far under the baseline an underline may lie: UNDERLINE_BELOW_PT, 0.3 font sizes for big type."""
    return np.maximum(UNDERLINE_BELOW_PT, 0.3 * size)


def _spanned(x0: np.ndarray, x1: np.ndarray, sx0: np.ndarray, sx1: np.ndarray) -> np.ndarray:
    """(glyph, stroke): the stroke spans at least half the glyph's width."""
    overlap = np.minimum(x1[:, None], sx1) - np.maximum(x0[:, None], sx0)
    return overlap >= 0.5 * np.maximum(x1 - x0, 0.1)[:, None]


# --------------------------------------------------------------------------- rows and segments


def rows(glyphs: Glyphs, index: np.ndarray, group: np.ndarray | None = None
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cluster the glyphs at ``index`` into visual rows by their vertical centre, apart for
    each ``group`` (a table cell; None: one group).

    Returns the glyphs row by row (groups in order, rows top-down, each left to right, ties
    in the order they were given), where each row starts in that order and each row's
    group. A glyph joins the
    current row when its centre is within ROW_TOLERANCE_EM font sizes of the row's first glyph.
    """
    n = len(index)
    if not n:
        return index, np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    centre = (glyphs.top[index] + glyphs.bottom[index]) / 2
    by_centre = np.argsort(centre, kind="stable") if group is None else np.lexsort((centre, group))
    index = index[by_centre]
    label = _row_labels(centre[by_centre], glyphs.size[index], None if group is None else group[by_centre])
    within = np.lexsort((glyphs.x0[index], label))  # stable: x0 ties keep centre order
    label = label[within]
    change = np.empty(n, dtype=bool)
    change[0] = True
    np.not_equal(label[1:], label[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    row_group = np.zeros(len(starts), dtype=np.intp) if group is None else group[by_centre][within][starts]
    return index[within], starts, row_group


def _row_labels(centre: np.ndarray, size: np.ndarray, group: np.ndarray | None) -> np.ndarray:
    """The row of each glyph, glyphs sorted by group and centre. Glyphs of one line mostly
    share one centre and size, so the loop runs over runs of equal (group, centre, size): a
    run's later glyphs go where its first one went (into its row, or the row it started)."""
    n = len(centre)
    change = np.empty(n, dtype=bool)
    change[0] = True
    if (size < 0).any():  # a negative size (a broken font matrix) joins nothing, not even itself
        change[1:] = True
    else:
        change[1:] = (centre[1:] != centre[:-1]) | (size[1:] != size[:-1])
        if group is not None:
            change[1:] |= group[1:] != group[:-1]
    starts = np.flatnonzero(change)
    groups = [0] * len(starts) if group is None else group[starts].tolist()
    labels = []
    row, last, first_size, last_group = -1, 0.0, 0.0, None
    for c, s, g in zip(centre[starts].tolist(), size[starts].tolist(), groups):
        if g != last_group or abs(c - last) > ROW_TOLERANCE_EM * max(s, first_size):
            row, last, first_size, last_group = row + 1, c, s, g
        labels.append(row)
    return np.repeat(labels, np.diff(starts, append=n))


def segments(glyphs: Glyphs, ordered: np.ndarray, row_starts: np.ndarray) -> list[tuple[int, int, int]]:
    """Split each row where the gap between two glyphs with ink is wider than a font size
    (the larger of the glyph's and the one just before it, a space included).

    Returns (start, end, row) slices of ``ordered``: a segment starts at a glyph with ink
    (spaces before a row's first ink belong to no segment) and keeps the spaces after it.
    """
    n = len(ordered)
    if not n:
        return []
    ink = glyphs.ink[ordered]
    row_of = np.repeat(np.arange(len(row_starts)), np.diff(row_starts, append=n))
    prev = _previous_ink(ink, row_starts[row_of])
    size = glyphs.size[ordered]
    p = np.flatnonzero(prev >= 0)
    gap = glyphs.x0[ordered[p]] - glyphs.x1[ordered[prev[p]]]
    wide = gap > SEGMENT_GAP_EM * np.maximum(size[p], size[p - 1])  # p - 1: the glyph just before, ink or space
    starts = np.flatnonzero(ink & (prev < 0))  # the first ink of each row
    starts = np.sort(np.concatenate((starts, p[wide]))).tolist()
    row_end = np.append(row_starts[1:], n)[row_of[starts]].tolist()
    rows_of = row_of[starts].tolist()
    out = []
    for k, start in enumerate(starts):
        end = row_end[k]
        if k + 1 < len(starts) and starts[k + 1] < end:
            end = starts[k + 1]
        out.append((start, end, rows_of[k]))
    return out


def _previous_ink(ink: np.ndarray, group_start: np.ndarray) -> np.ndarray:
    """For each glyph with ink, the position of the last glyph with ink before it in its
    group (the group starting at ``group_start``); -1 for none and for glyphs without ink."""
    n = len(ink)
    last = np.maximum.accumulate(np.where(ink, np.arange(n), -1))
    prev = np.empty(n, dtype=last.dtype)
    prev[0] = -1
    prev[1:] = last[:-1]
    prev[~ink | (prev < group_start)] = -1
    return prev


# --------------------------------------------------------------------------- text


def texts(glyphs: Glyphs, ordered: np.ndarray, slices: Sequence[tuple[int, int]]) -> list[str]:
    """The text of each (start, end) slice of ``ordered`` (glyphs left to right on one
    visual line).

    A space is kept where the PDF draws one; where it only leaves a gap, Latin words get a
    space for a gap over a fifth of the font size, anything next to CJK only for a gap
    over half of it (justified Chinese spreads its glyphs apart).
    """
    n = len(ordered)
    if not n or not slices:
        return ["" for _ in slices]
    group_start = np.zeros(n, dtype=np.intp)
    for start, end in slices:
        group_start[start:end] = start  # a few dozen slices a page
    ink = glyphs.ink[ordered]
    prev = _previous_ink(ink, group_start)
    space = _spaces(glyphs, ordered, prev)
    text = glyphs.text
    inked = np.flatnonzero(ink)
    pieces = [" " + text[i] if s else text[i] for i, s in zip(ordered[inked].tolist(), space[inked].tolist())]
    bounds = np.searchsorted(inked, [b for s in slices for b in s]).tolist()
    return [clean_text("".join(pieces[bounds[2 * k]:bounds[2 * k + 1]])) for k in range(len(slices))]


def _spaces(glyphs: Glyphs, ordered: np.ndarray, prev: np.ndarray) -> np.ndarray:
    """Whether a space goes before each glyph (that has a glyph with ink before it)."""
    has = prev >= 0
    drawn = has & (np.arange(len(ordered)) - prev > 1)  # only spaces lie between a glyph and the ink before it
    p = np.flatnonzero(has & ~drawn)
    q = prev[p]
    a, b = ordered[p], ordered[q]
    gap = glyphs.x0[a] - glyphs.x1[b]
    size = np.maximum(np.maximum(glyphs.size[a], glyphs.size[b]), 1.0)
    space = drawn.copy()
    space[p[gap > SPACE_GAP_WIDE_EM * size]] = True
    unsure = (gap > SPACE_GAP_EM * size) & (gap <= SPACE_GAP_WIDE_EM * size)
    text = glyphs.text
    for k in np.flatnonzero(unsure).tolist():  # over a fifth of a size: a space unless CJK is next to it
        if not (is_wide(text[b[k]][-1]) or is_wide(text[a[k]][0])):
            space[p[k]] = True
    return space
