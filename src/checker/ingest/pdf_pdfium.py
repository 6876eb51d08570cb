"""The default PDF character source: pdfium (through pypdfium2's raw bindings).

pdfium's text page gives every glyph's box, origin and text object; the text object gives
the font name, size, fill colour, matrix and text render mode (mode 2, fill then stroke,
is how bold is faked without a bold face). The result is the same char dicts that
``ingest/pdf.py`` builds from pdfminer (``text x0 x1 top bottom size fontname matrix
upright non_stroking_color render_mode``, plus ``baseline`` where underlines are looked
for), so ``pdf_layout`` turns both into lines the same way. pdfminer interprets the
content stream in Python and costs about three times pdfium's whole text extraction; this
reader only asks pdfium a few questions per glyph and one set per text object.

Ruling lines and rectangles come from the page's path objects, split into subpaths and
classified as pdfminer does (one segment: a line; an axis-aligned closed four-corner
subpath: a rect; anything else: a curve). Pages with at least two horizontal and two
vertical strokes go through pdfplumber's table finder, fed with these edges: its lattice
algorithm stays the one that decides what is a table.

pdfium is not thread-safe: ``ingest/pdf.py`` calls in here under the lock it shares with
the OCR renderer.
"""
from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pypdfium2_raw.bindings as _bindings

import numpy as np

from checker.ingest import pdf_glyphs, pdf_layout
from checker.ingest.pdf_source import ENCRYPTED, PageInput

_TEXT, _PATH, _IMAGE, _FORM = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM
_MOVETO, _LINETO = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO


def _fn(name: str, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    """A private binding of a pdfium function taking plain ints for handles: the per-glyph
    calls skip ctypes' pointer-type checks, and pypdfium2's own bindings stay untouched."""
    fn = _bindings._libs["pdfium"][name]
    fn.restype, fn.argtypes = restype, argtypes
    return fn


_P, _I = ctypes.c_void_p, ctypes.c_int
_count_chars = _fn("FPDFText_CountChars", _I, _P)
_get_text = _fn("FPDFText_GetText", _I, _P, _I, _I, _P)
_unicode = _fn("FPDFText_GetUnicode", ctypes.c_uint, _P, _I)
_text_object = _fn("FPDFText_GetTextObject", _P, _P, _I)
_loose_box = _fn("FPDFText_GetLooseCharBox", _I, _P, _I, _P)
_origin = _fn("FPDFText_GetCharOrigin", _I, _P, _I, _P, _P)
_font_size = _fn("FPDFText_GetFontSize", ctypes.c_double, _P, _I)
_char_matrix = _fn("FPDFText_GetMatrix", _I, _P, _I, _P)
_fill_colour = _fn("FPDFText_GetFillColor", _I, _P, _I, _P, _P, _P, _P)
_render_mode = _fn("FPDFTextObj_GetTextRenderMode", _I, _P)
_text_font = _fn("FPDFTextObj_GetFont", _P, _P)
_base_font_name = _fn("FPDFFont_GetBaseFontName", ctypes.c_size_t, _P, _P, ctypes.c_size_t)
_count_objects = _fn("FPDFPage_CountObjects", _I, _P)
_get_object = _fn("FPDFPage_GetObject", _P, _P, _I)
_form_count = _fn("FPDFFormObj_CountObjects", _I, _P)
_form_object = _fn("FPDFFormObj_GetObject", _P, _P, ctypes.c_ulong)
_object_type = _fn("FPDFPageObj_GetType", _I, _P)
_object_matrix = _fn("FPDFPageObj_GetMatrix", _I, _P, _P)
_object_bounds = _fn("FPDFPageObj_GetBounds", _I, _P, _P, _P, _P, _P)
_count_segments = _fn("FPDFPath_CountSegments", _I, _P)
_segment = _fn("FPDFPath_GetPathSegment", _P, _P, _I)
_segment_point = _fn("FPDFPathSegment_GetPoint", _I, _P, _P, _P)
_segment_type = _fn("FPDFPathSegment_GetType", _I, _P)
_segment_close = _fn("FPDFPathSegment_GetClose", _I, _P)
_draw_mode = _fn("FPDFPath_GetDrawMode", _I, _P, _P, _P)

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _address(obj: Any) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


@dataclass
class Shapes:
    """A page's non-text objects, in top-down page coordinates."""

    lines: list[dict[str, float]]  # x0 x1 top bottom (a single segment)
    rects: list[dict[str, float]]  # x0 x1 top bottom (axis-aligned four corners, closed)
    curves: list[list[tuple[float, float]]]  # the points of every other straight-edged subpath
    image_area: float
    ink: bool  # any path or image


def open_document(path: Path) -> Any:
    """The pypdfium2 document (raises pypdfium2's PdfiumError for a bad or locked file)."""
    return pdfium.PdfDocument(str(path))


def metadata(pdf: Any) -> dict[str, Any]:
    return dict(pdf.get_metadata_dict(skip_empty=True))


def reason(exc: BaseException) -> str:
    """A one-line reason for a pdfium failure."""
    detail = str(exc).strip() or type(exc).__name__
    if "password" in detail.lower():
        return ENCRYPTED
    detail = detail.replace("Failed to load document (PDFium: ", "").rstrip(").")
    return f"corrupt or truncated PDF: {detail[:120]}"


def read_pages(pdf: Any) -> Iterator[PageInput]:
    for index in range(len(pdf)):
        yield read_page(pdf, index)


def read_page(pdf: Any, index: int) -> PageInput:
    """The chars, strokes and table finder of page ``index``.

    Coordinates are pdfplumber's: x in page space, ``top``/``bottom`` measured down from
    the MediaBox's top edge.
    """
    page = pdf[index]
    try:
        left, bottom, right, top = page.get_mediabox()
        width, height = right - left, top - bottom
        shapes = _shapes(_address(page.raw), top)
        horizontal, vertical = strokes(shapes)
        textpage = page.get_textpage()
        try:
            chars = _chars(_address(textpage.raw), top, pdf_glyphs.underline_strokes(horizontal, vertical))
        finally:
            textpage.close()
    finally:
        page.close()
    cover = min(1.0, shapes.image_area / max(width * height, 1.0))
    return PageInput(index + 1, width, height, chars, horizontal, vertical,
                     lambda: tables(shapes, (left, 0.0, right, height)),
                     cover, shapes.ink)


# --------------------------------------------------------------------------- characters


def _chars(tp: int, top: float, underlines: Sequence[pdf_glyphs.RulingLine]) -> pdf_glyphs.Glyphs:
    """The glyphs that the page draws (pdfium's generated spaces and breaks left out).

    The box is pdfminer's: from the descent (pdfium's loose box bottom) up by the font
    size. pdfium's loose top follows the glyph on substituted fonts, and glyphs of one line
    must share one vertical centre to be clustered into one row.

    The per-glyph calls write straight into one buffer for the page (read as a numpy array
    afterwards); what a text object's glyphs share (size, weight, colour, rotation) is asked
    once per object. ``baseline`` (the glyph origin's distance from the page top) is only
    asked for the glyphs near a stroke that can underline them (``underlines``): the
    underline test is its only reader, and the others' baselines are NaN.
    """
    n = _count_chars(tp)
    if n <= 0:
        return pdf_glyphs.empty_glyphs()
    text = _page_text(tp, n)
    handle = ctypes.c_void_p(tp)
    boxes = (raw.FS_RECTF * n)()  # left, top, right, bottom per glyph
    objects = [0] * n
    text_object, loose_box, byref = _fast_text_object, _fast_loose_box, ctypes.byref
    for i in range(n):
        obj = text_object(handle, i)
        if obj:  # none: a space or line break pdfium generated, no glyph on the page
            objects[i] = obj
            loose_box(handle, i, byref(boxes, 16 * i))
    handles = np.array(objects, dtype=np.uint64)
    drawn = np.flatnonzero(handles)
    found, first, style = np.unique(handles[drawn], return_index=True, return_inverse=True)
    attrs = [_object_attrs(tp, int(drawn[k]), int(obj)) for k, obj in zip(first.tolist(), found.tolist())]
    size = np.array([a[0] for a in attrs], dtype=float)[style]
    box = np.frombuffer(boxes, dtype=np.float32).reshape(n, 4)[drawn].astype(float)
    bottom = top - box[:, 3]
    baseline = None
    if underlines:
        baseline = np.full(len(drawn), np.nan)
        near = np.flatnonzero(pdf_glyphs.may_be_underlined(box[:, 0], box[:, 2], bottom, size, underlines))
        baseline[near] = _baselines(handle, drawn[near], top)
    return pdf_glyphs.Glyphs(
        [text[i] for i in drawn.tolist()], box[:, 0], box[:, 2], bottom - size, bottom, size,
        np.array([a[1] for a in attrs], dtype=bool)[style], np.array([a[2] for a in attrs], dtype=bool)[style],
        np.array([a[3] for a in attrs], dtype=float)[style], baseline=baseline, ink=_ink(text, drawn))


_SPACE = re.compile(r"\s")  # the characters str.isspace() and str.strip() take for space


def _ink(text: str | list[str], drawn: np.ndarray) -> np.ndarray | None:
    """Which glyphs draw more than a space, from the page text in one pass (None: ask each
    glyph's text, as Glyphs does, when glyphs are not one character each)."""
    if not isinstance(text, str):
        return None
    space = np.zeros(len(text), dtype=bool)
    space[[m.start() for m in _SPACE.finditer(text)]] = True
    return ~space[drawn]


def _baselines(handle: ctypes.c_void_p, index: np.ndarray, top: float) -> np.ndarray:
    origins = (ctypes.c_double * (2 * len(index)))()
    for k, i in enumerate(index.tolist()):
        _fast_origin(handle, i, ctypes.byref(origins, 16 * k), ctypes.byref(origins, 16 * k + 8))
    return top - np.frombuffer(origins, dtype=float)[1::2]


def _fast(name: str, restype: Any) -> Callable[..., Any]:
    """A binding without argtypes for the per-glyph calls: ctypes then passes the handle
    (a c_void_p), the int index and byref() buffers as they are, with no conversion."""
    fn = _bindings._libs["pdfium"][name]
    fn.restype = restype
    return fn


_fast_text_object = _fast("FPDFText_GetTextObject", ctypes.c_void_p)
_fast_loose_box = _fast("FPDFText_GetLooseCharBox", ctypes.c_int)
_fast_origin = _fast("FPDFText_GetCharOrigin", ctypes.c_int)


def _page_text(tp: int, n: int) -> str | list[str]:
    """The text of chars 0..n-1, one string per char index."""
    buf = (ctypes.c_ushort * (n + 1))()
    written = _get_text(tp, 0, n, ctypes.addressof(buf))
    text = ctypes.string_at(buf, 2 * max(written - 1, 0)).decode("utf-16-le", "replace")
    if len(text) == n:
        return text
    return [chr(_unicode(tp, i) or 0xFFFD) for i in range(n)]  # astral characters: one call each


_MATRIX = raw.FS_MATRIX()
_RGBA = tuple(ctypes.c_uint() for _ in range(4))
_RGBA_REFS = tuple(ctypes.addressof(c) for c in _RGBA)
_NAME = ctypes.create_string_buffer(256)


def _object_attrs(tp: int, i: int, obj: int) -> tuple[float, bool, bool, float]:
    """What every glyph of text object ``obj`` shares, read at its glyph ``i``: size, bold,
    rotated, lightness (the module's buffers are safe to reuse: pdfium is called under one lock)."""
    m = _MATRIX
    _char_matrix(tp, i, ctypes.addressof(m))
    _fill_colour(tp, i, *_RGBA_REFS)
    colour = tuple(round(c.value / 255, 4) for c in _RGBA[:3])
    size = _font_size(tp, i) * math.hypot(m.c, m.d)  # pdfium's size leaves out the CTM's scale
    matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
    return (round(size, 4), pdf_glyphs.is_bold(_font_name(obj), _render_mode(obj)),
            pdf_glyphs.is_rotated({"matrix": matrix}), pdf_glyphs.lightness(colour))


def _font_name(obj: int) -> str:
    font = _text_font(obj)
    if not font:
        return ""
    size = _base_font_name(font, ctypes.addressof(_NAME), 256)
    return _NAME.raw[:max(min(size, 256) - 1, 0)].decode("utf-8", "replace")


# --------------------------------------------------------------------------- shapes


def _shapes(page: int, top: float) -> Shapes:
    shapes = Shapes([], [], [], 0.0, False)
    _walk(page, _count_objects(page), _get_object, IDENTITY, top, shapes)
    return shapes


def _walk(owner: int, count: int, get: Callable[[int, int], int], outer: Matrix, top: float,
          shapes: Shapes) -> None:
    for k in range(count):
        obj = get(owner, k)
        kind = _object_type(obj)
        if kind == _PATH:
            shapes.ink = True
            _path(obj, _compose(_matrix(obj), outer), top, shapes)
        elif kind == _IMAGE:
            shapes.ink = True
            shapes.image_area += _image_area(obj, outer)
        elif kind == _FORM:  # a form XObject: read through, as pdfplumber does
            _walk(obj, _form_count(obj), _form_object, _compose(_matrix(obj), outer), top, shapes)


def _matrix(obj: int) -> Matrix:
    m = raw.FS_MATRIX()
    if not _object_matrix(obj, ctypes.addressof(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _image_area(obj: int, outer: Matrix) -> float:
    vals = [ctypes.c_float() for _ in range(4)]
    if not _object_bounds(obj, *(ctypes.addressof(v) for v in vals)):
        return 0.0
    left, bottom, right, top = (v.value for v in vals)
    corners = [_apply(outer, x, y) for x in (left, right) for y in (bottom, top)]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return (max(xs) - min(xs)) * (max(ys) - min(ys))


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _path(obj: int, m: Matrix, top: float, shapes: Shapes) -> None:
    """Split the path into subpaths and classify each as pdfminer does."""
    x, y = ctypes.c_float(), ctypes.c_float()
    xr, yr = ctypes.addressof(x), ctypes.addressof(y)
    subpaths: list[tuple[list[tuple[float, float]], bool, bool]] = []  # points, straight, closed
    for k in range(_count_segments(obj)):
        seg = _segment(obj, k)
        _segment_point(seg, xr, yr)
        px, py = _apply(m, x.value, y.value)
        point = (px, top - py)
        kind = _segment_type(seg)
        if kind == _MOVETO or not subpaths:
            subpaths.append(([point], True, False))
            continue
        pts, straight, _ = subpaths[-1]
        pts.append(point)
        subpaths[-1] = (pts, straight and kind == _LINETO, bool(_segment_close(seg)))
    for pts, straight, closed in subpaths:
        _classify(pts, straight, closed, shapes)


def _classify(pts: list[tuple[float, float]], straight: bool, closed: bool, shapes: Shapes) -> None:
    if len(pts) < 2:
        return
    if closed and pts[-1] != pts[0]:
        pts = pts + [pts[0]]  # the implicit closing segment
    if straight and len(pts) == 2:
        shapes.lines.append(_box(pts))
    elif straight and len(pts) == 5 and pts[4] == pts[0] and _square(pts):
        shapes.rects.append(_box(pts))
    elif straight and len(pts) == 3 and pts[2] == pts[0]:
        shapes.lines.append(_box(pts[:2]))  # "m l h": one segment drawn there and back
    else:
        shapes.curves.append(pts)


def _square(pts: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _box(pts: list[tuple[float, float]]) -> dict[str, float]:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return {"x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys)}


# --------------------------------------------------------------------------- strokes and tables


def strokes(shapes: Shapes) -> tuple[list[pdf_glyphs.RulingLine], list[tuple[float, float, float]]]:
    """Thin horizontal strokes (as RulingLines) and vertical strokes (x, top, bottom), by the same
    test as the pdfplumber reader applies to its lines and rects."""
    horizontal: list[pdf_glyphs.RulingLine] = []
    vertical: list[tuple[float, float, float]] = []
    for obj, is_rect in [(o, False) for o in shapes.lines] + [(o, True) for o in shapes.rects]:
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if h <= 2 and w > 2:
            horizontal.append(pdf_glyphs.RulingLine(obj["x0"], obj["x1"], (obj["top"] + obj["bottom"]) / 2))
        elif w <= 2 and h > 2:
            vertical.append(((obj["x0"] + obj["x1"]) / 2, obj["top"], obj["bottom"]))
        elif is_rect and w > 2 and h > 2:  # a box: its four edges
            horizontal += [pdf_glyphs.RulingLine(obj["x0"], obj["x1"], obj["top"]),
                           pdf_glyphs.RulingLine(obj["x0"], obj["x1"], obj["bottom"])]
            vertical += [(obj["x0"], obj["top"], obj["bottom"]), (obj["x1"], obj["top"], obj["bottom"])]
    return horizontal, vertical


def tables(shapes: Shapes, bbox: tuple[float, float, float, float]) -> list[pdf_layout.TableGrid]:
    """pdfplumber's table finder ("lines" strategy) run on the page's edges."""
    from pdfplumber.table import TableFinder, TableSettings

    finder = TableFinder(_EdgePage(_edges(shapes), bbox), TableSettings.resolve(None))
    grids = []
    for table in finder.tables:
        rows = tuple(tuple(tuple(map(float, cell)) if cell else None for cell in row.cells) for row in table.rows)
        grids.append(pdf_layout.TableGrid(bbox=tuple(map(float, table.bbox)), rows=rows))
    return grids


class _EdgePage:
    """What pdfplumber's TableFinder reads from a page under the "lines" strategy."""

    def __init__(self, edges: list[dict[str, Any]], bbox: tuple[float, float, float, float]):
        self.edges = edges
        self.bbox = bbox


def _edges(shapes: Shapes) -> list[dict[str, Any]]:
    """The edges pdfplumber derives from lines, rects and curves (``page.edges``)."""
    edges = []
    for o in shapes.lines:
        edges.append(_edge(o["x0"], o["top"], o["x1"], o["bottom"], "line",
                           "h" if o["top"] == o["bottom"] else "v"))
    for o in shapes.rects:
        x0, top, x1, bottom = o["x0"], o["top"], o["x1"], o["bottom"]
        edges += [_edge(x0, top, x1, top, "rect_edge", "h"), _edge(x0, bottom, x1, bottom, "rect_edge", "h"),
                  _edge(x0, top, x0, bottom, "rect_edge", "v"), _edge(x1, top, x1, bottom, "rect_edge", "v")]
    for pts in shapes.curves:
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            orientation = "v" if ax == bx else ("h" if ay == by else None)
            edges.append(_edge(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), "curve_edge", orientation))
    return edges


def _edge(x0: float, top: float, x1: float, bottom: float, kind: str, orientation: str | None) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": kind}
