"""A small page-layout layer over reportlab for the sample contracts.

Why not platypus: the samples need exact control over what a PDF text layer looks like
(CJK line breaking, bold drawn with text render mode 2 when no bold CJK font exists,
underline as a drawn rule, running header/footer with "page X of N", two-column pages,
a watermark under the text), and a flat two-pass layout keeps that control obvious.

Pass 1 (``layout``) flows blocks into frames and records drawing operations per page;
pass 2 (``render``) draws them, now knowing the page count for the footers.

Inline markup in every text: ``**bold**`` and ``__underline__`` (may be nested).
"""
from __future__ import annotations

import glob
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

REGULAR = "STSong-Light"
BOLD_STROKE_WIDTH = 0.3
UNDERLINE_OFFSET = 1.6  # points below the baseline
UNDERLINE_WIDTH = 0.5

# Bold-capable CJK TrueType fonts, tried in order. OpenType/CFF fonts (most Noto CJK
# builds) cannot be embedded by reportlab; registering them fails and they are skipped.
_BOLD_GLOBS = (
    "/usr/share/fonts/**/NotoSansCJK*-Bold.tt[fc]",
    "/usr/share/fonts/**/NotoSansSC-Bold.ttf",
    "/usr/share/fonts/**/NotoSerifCJK*-Bold.tt[fc]",
    "/usr/share/fonts/**/SourceHanSans*-Bold.tt[fc]",
    "/usr/share/fonts/**/wqy-zenhei.ttc",
    "/usr/share/fonts/**/wqy-microhei.ttc",
)


def _register_fonts() -> str | None:
    """Register STSong-Light and, if one is installed and embeddable, a bold CJK TTF.

    Returns the bold font's name, or None when bold is simulated with render mode 2.
    """
    pdfmetrics.registerFont(UnicodeCIDFont(REGULAR))
    for pattern in _BOLD_GLOBS:
        for path in sorted(glob.glob(pattern, recursive=True)):
            try:
                font = TTFont("SampleCJKBold", path, subfontIndex=0)
                font.stringWidth("借款", 10)
            except Exception:  # not embeddable (CFF outlines, bad file): try the next
                continue
            pdfmetrics.registerFont(font)
            return "SampleCJKBold"
    return None


BOLD_FONT = _register_fonts()


# ---------------------------------------------------------------- inline text

@dataclass(frozen=True)
class Style:
    bold: bool = False
    underline: bool = False


def parse_inline(text: str) -> list[tuple[str, Style]]:
    """Split ``**bold**`` / ``__underline__`` markup into (text, style) runs."""
    runs: list[tuple[str, Style]] = []
    bold = underline = False
    for part in re.split(r"(\*\*|__)", text):
        if part == "**":
            bold = not bold
        elif part == "__":
            underline = not underline
        elif part:
            runs.append((part, Style(bold, underline)))
    return runs


def strip_markup(text: str) -> str:
    """The text without inline markup (what a plain-text reader would see)."""
    return text.replace("**", "").replace("__", "")


def font_for(style: Style) -> str:
    return BOLD_FONT if (style.bold and BOLD_FONT) else REGULAR


def text_width(text: str, style: Style, size: float) -> float:
    return pdfmetrics.stringWidth(text, font_for(style), size)


_CLOSING = set("，。、；：！？）》」』”’】%．,.;:!?)]")
_OPENING = set("（《「『“‘【([")
_WORDISH = re.compile(r"[A-Za-z0-9.,:/%¥@_\-]")


def _tokens(runs: list[tuple[str, Style]]) -> list[list[tuple[str, Style]]]:
    """Break units: one CJK char, or an ASCII word/number; closing punctuation sticks
    to the unit before it and opening punctuation to the unit after it (kinsoku)."""
    tokens: list[list[tuple[str, Style]]] = []
    prev_char = ""
    glue_next = False
    for text, style in runs:
        for ch in text:
            word_cont = bool(_WORDISH.match(ch)) and bool(_WORDISH.match(prev_char or " "))
            if tokens and (glue_next or ch in _CLOSING or word_cont):
                last = tokens[-1]
                if last[-1][1] == style:
                    last[-1] = (last[-1][0] + ch, style)
                else:
                    last.append((ch, style))
            else:
                tokens.append([(ch, style)])
            glue_next = ch in _OPENING
            prev_char = ch
    return tokens


@dataclass
class Line:
    segments: list[tuple[str, Style]]
    width: float


def wrap(text: str, size: float, width: float, first_indent: float = 0.0) -> list[Line]:
    """Greedy line breaking of marked-up text into lines no wider than ``width``."""
    lines: list[Line] = []
    cur: list[tuple[str, Style]] = []
    cur_w = 0.0
    limit = width - first_indent
    for tok in _tokens(parse_inline(text)):
        tok_w = sum(text_width(t, s, size) for t, s in tok)
        if cur and cur_w + tok_w > limit:
            lines.append(Line(_merge(cur), cur_w))
            cur, cur_w, limit = [], 0.0, width
            if tok[0][0].isspace() and len(tok) == 1:
                continue  # no space at the start of a line
        cur.extend(tok)
        cur_w += tok_w
    if cur or not lines:
        lines.append(Line(_merge(cur), cur_w))
    return lines


def _merge(parts: list[tuple[str, Style]]) -> list[tuple[str, Style]]:
    out: list[tuple[str, Style]] = []
    for text, style in parts:
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + text, style)
        else:
            out.append((text, style))
    return out


# ---------------------------------------------------------------- blocks

@dataclass
class Para:
    """A paragraph. ``indent`` is the first-line indent and ``left`` the whole-paragraph
    left indent, both in character widths of the paragraph's size."""
    text: str
    size: float | None = None
    indent: float = 0.0
    left: float = 0.0
    align: str = "left"  # left | center | right
    before: float = 0.0
    after: float = 3.0
    leading: float = 1.55
    box: bool = False  # draw a ruled box around it (kept on one frame)
    keep_with_next: bool = False


@dataclass
class Table:
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]  # fractions of the frame width
    size: float | None = None
    header: bool = False  # first row bold and repeated after a page break
    align: Sequence[str] | None = None  # per column: left | center | right
    before: float = 4.0
    after: float = 6.0
    ruled: bool = True


@dataclass
class Spacer:
    height: float


@dataclass
class PageBreak:
    columns: int = 1  # the column count of the pages that follow


Block = Para | Table | Spacer | PageBreak


@dataclass
class Template:
    """What every page of one document shares."""
    pagesize: tuple[float, float] = A4
    margins: tuple[float, float, float, float] = (22 * mm, 20 * mm, 22 * mm, 20 * mm)  # t r b l
    size: float = 10.5
    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""
    footer: str = ""  # e.g. "第 {p} 页 共 {n} 页"; drawn at the right unless footer_center
    footer_center: bool = False
    watermark: str = ""
    column_gap: float = 8 * mm
    column_rule: bool = True
    title: str = ""
    header_size: float = 8.0


# ---------------------------------------------------------------- layout

@dataclass
class _Page:
    columns: int
    ops: list[tuple] = field(default_factory=list)


class _Flow:
    """Places lines into the frames (columns) of successive pages."""

    def __init__(self, tpl: Template):
        self.tpl = tpl
        self.pages: list[_Page] = []
        self.columns = 1
        self._new_page()

    # frame geometry
    def _new_page(self) -> None:
        self.pages.append(_Page(self.columns))
        self.col = 0
        self.y = self.tpl.pagesize[1] - self.tpl.margins[0]

    @property
    def bottom(self) -> float:
        return self.tpl.margins[2]

    @property
    def frame_width(self) -> float:
        t, r, b, l = self.tpl.margins
        full = self.tpl.pagesize[0] - l - r
        n = self.columns
        return (full - (n - 1) * self.tpl.column_gap) / n

    @property
    def x0(self) -> float:
        return self.tpl.margins[3] + self.col * (self.frame_width + self.tpl.column_gap)

    def at_top(self) -> bool:
        return self.y >= self.tpl.pagesize[1] - self.tpl.margins[0] - 0.01

    def next_frame(self) -> None:
        if self.col + 1 < self.columns:
            self.col += 1
            self.y = self.tpl.pagesize[1] - self.tpl.margins[0]
        else:
            self._new_page()

    def need(self, height: float) -> None:
        """Move to the next frame unless ``height`` still fits in this one."""
        if self.y - height < self.bottom and not self.at_top():
            self.next_frame()

    def page_break(self, columns: int) -> None:
        self.columns = columns
        if self.at_top() and self.col == 0:
            self.pages[-1].columns = columns
        else:
            self._new_page()

    def op(self, *args) -> None:
        self.pages[-1].ops.append(args)


def layout(blocks: Sequence[Block], tpl: Template) -> list[_Page]:
    """Flow ``blocks`` into pages of drawing operations."""
    flow = _Flow(tpl)
    blocks = list(blocks)
    for i, block in enumerate(blocks):
        if isinstance(block, PageBreak):
            flow.page_break(block.columns)
        elif isinstance(block, Spacer):
            flow.y -= block.height
        elif isinstance(block, Para):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            _place_para(flow, block, tpl, nxt)
        elif isinstance(block, Table):
            _place_table(flow, block, tpl)
    return flow.pages


def _para_lines(p: Para, tpl: Template, width: float) -> tuple[float, list[Line]]:
    size = p.size or tpl.size
    inner = width - p.left * size - (8 if p.box else 0)
    return size, wrap(p.text, size, inner, p.indent * size)


def _place_para(flow: _Flow, p: Para, tpl: Template, nxt: Block | None) -> None:
    size, lines = _para_lines(p, tpl, flow.frame_width)
    lh = size * p.leading
    if not flow.at_top():
        flow.y -= p.before
    if p.box:
        flow.need(len(lines) * lh + 8)
    elif p.keep_with_next:
        extra = 0.0
        if isinstance(nxt, Para):
            nsize, nlines = _para_lines(nxt, tpl, flow.frame_width)
            extra = nsize * nxt.leading * min(2, len(nlines)) + nxt.before
        flow.need(len(lines) * lh + p.after + extra)
    else:
        flow.need(lh * min(2, len(lines)))  # no single line orphaned at a frame's foot
    box_top = flow.y
    if p.box:
        flow.y -= 4
    pad = 4 if p.box else 0
    for n, line in enumerate(lines):
        if flow.y - lh < flow.bottom:
            flow.next_frame()
        flow.y -= lh
        left = flow.x0 + pad + p.left * size + (p.indent * size if n == 0 else 0)
        avail = flow.frame_width - 2 * pad - p.left * size
        if p.align == "center":
            left = flow.x0 + pad + (avail - line.width) / 2
        elif p.align == "right":
            left = flow.x0 + flow.frame_width - pad - line.width
        flow.op("text", left, flow.y + (lh - size) * 0.45, line.segments, size)
    if p.box:
        flow.y -= 4
        flow.op("rect", flow.x0, flow.y, flow.frame_width, box_top - flow.y, 0.8)
    flow.y -= p.after


def _place_table(flow: _Flow, t: Table, tpl: Template) -> None:
    size = t.size or tpl.size
    lh = size * 1.45
    pad = 3.0
    if not flow.at_top():
        flow.y -= t.before
    width = flow.frame_width
    col_w = [f * width for f in t.widths]
    aligns = list(t.align or ["left"] * len(col_w))

    def cell_lines(text: str, w: float, header: bool) -> list[Line]:
        txt = f"**{text}**" if header and text and "**" not in text else text
        return wrap(txt, size, w - 2 * pad)

    def row_height(lines_per_cell: list[list[Line]]) -> float:
        return max(len(ls) for ls in lines_per_cell) * lh + 2 * pad

    wrapped = [
        [cell_lines(c, w, t.header and r == 0) for c, w in zip(row, col_w)]
        for r, row in enumerate(t.rows)
    ]
    first_on_frame = True
    for r, cells in enumerate(wrapped):
        h = row_height(cells)
        if flow.y - h < flow.bottom:
            flow.next_frame()
            first_on_frame = True
            if t.header and r > 0:
                _draw_row(flow, wrapped[0], col_w, aligns, row_height(wrapped[0]), size, lh, pad, t.ruled, True)
        _draw_row(flow, cells, col_w, aligns, h, size, lh, pad, t.ruled, first_on_frame)
        first_on_frame = False
    flow.y -= t.after


def _draw_row(flow: _Flow, cells, col_w, aligns, h, size, lh, pad, ruled, top_rule) -> None:
    x = flow.x0
    top = flow.y
    for lines, w, align in zip(cells, col_w, aligns):
        y = top - pad
        for line in lines:
            y -= lh
            if align == "center":
                lx = x + (w - line.width) / 2
            elif align == "right":
                lx = x + w - pad - line.width
            else:
                lx = x + pad
            flow.op("text", lx, y + (lh - size) * 0.45, line.segments, size)
        x += w
    if ruled:
        right = flow.x0 + sum(col_w)
        if top_rule:
            flow.op("line", flow.x0, top, right, top, 0.6)
        flow.op("line", flow.x0, top - h, right, top - h, 0.6)
        xs = [flow.x0]
        for w in col_w:
            xs.append(xs[-1] + w)
        for xv in xs:
            flow.op("line", xv, top, xv, top - h, 0.6)
    flow.y = top - h


# ---------------------------------------------------------------- drawing

def _draw_segments(c: Canvas, x: float, y: float, segments, size: float) -> None:
    for text, style in segments:
        font = font_for(style)
        w = pdfmetrics.stringWidth(text, font, size)
        fake_bold = style.bold and not BOLD_FONT
        if fake_bold:  # fill + stroke (Tr 2): a visible, simulated bold, kept inside q/Q
            c.saveState()
            c.setLineWidth(BOLD_STROKE_WIDTH)
        to = c.beginText(x, y)
        to.setFont(font, size)
        if fake_bold:
            to.setTextRenderMode(2)
        to.textOut(text)
        if fake_bold:
            to.setTextRenderMode(0)
        c.drawText(to)
        if fake_bold:
            c.restoreState()
        if style.underline and text.strip():
            c.setLineWidth(UNDERLINE_WIDTH)
            c.line(x, y - UNDERLINE_OFFSET, x + w, y - UNDERLINE_OFFSET)
        x += w


def _draw_watermark(c: Canvas, tpl: Template) -> None:
    pw, ph = tpl.pagesize
    c.saveState()
    c.setFillGray(0.86)
    c.translate(pw / 2, ph / 2)
    c.rotate(35)
    c.setFont(REGULAR, 44)
    for dy in (-120, 120):
        c.drawCentredString(0, dy, tpl.watermark)
    c.restoreState()


def _draw_running(c: Canvas, tpl: Template, page_no: int, total: int) -> None:
    pw, ph = tpl.pagesize
    t, r, b, l = tpl.margins
    hs = tpl.header_size
    c.setFillGray(0.25)
    if tpl.header_left or tpl.header_right:
        y = ph - t + 9
        c.setFont(REGULAR, hs)
        if tpl.header_left:
            c.drawString(l, y, tpl.header_left)
        if tpl.header_right:
            c.drawRightString(pw - r, y, tpl.header_right)
        c.setLineWidth(0.4)
        c.line(l, y - 3, pw - r, y - 3)
    y = b - 16
    c.setFont(REGULAR, hs)
    if tpl.footer_left and tpl.footer_center and tpl.footer:
        c.drawCentredString(pw / 2, y - hs - 3, tpl.footer_left)  # under the page number
    elif tpl.footer_left:
        c.drawString(l, y, tpl.footer_left)
    if tpl.footer:
        label = tpl.footer.format(p=page_no, n=total)
        if tpl.footer_center:
            c.drawCentredString(pw / 2, y, label)
        else:
            c.drawRightString(pw - r, y, label)
    c.setFillGray(0)


def render(blocks: Sequence[Block], tpl: Template, out: Path,
           page_hook: Callable[[Canvas, int], None] | None = None) -> int:
    """Lay out and write ``blocks`` as a PDF at ``out``; return the page count.

    The canvas is created with ``invariant=1`` so the same input gives the same bytes.
    """
    pages = layout(blocks, tpl)
    c = Canvas(str(out), pagesize=tpl.pagesize, invariant=1, pageCompression=1)
    c.setTitle(tpl.title)
    c.setAuthor("checker samples (fictional)")
    c.setCreator("samples/build.py")
    c.setProducer("reportlab")
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        if tpl.watermark:
            _draw_watermark(c, tpl)
        _draw_running(c, tpl, n, total)
        if page.columns > 1 and tpl.column_rule:
            _draw_column_rule(c, tpl, page)
        for op in page.ops:
            kind = op[0]
            if kind == "text":
                _draw_segments(c, *op[1:])
            elif kind == "line":
                c.setLineWidth(op[5])
                c.line(*op[1:5])
            elif kind == "rect":
                c.setLineWidth(op[5])
                c.rect(op[1], op[2], op[3], op[4], stroke=1, fill=0)
        if page_hook:
            page_hook(c, n)
        c.showPage()
    c.save()
    return total


def _draw_column_rule(c: Canvas, tpl: Template, page: _Page) -> None:
    t, r, b, l = tpl.margins
    pw, ph = tpl.pagesize
    full = pw - l - r
    w = (full - (page.columns - 1) * tpl.column_gap) / page.columns
    c.setLineWidth(0.3)
    for i in range(1, page.columns):
        x = l + i * w + (i - 0.5) * tpl.column_gap
        c.line(x, ph - t, x, b)
