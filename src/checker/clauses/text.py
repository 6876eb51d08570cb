"""Joining a clause's lines into its text, and telling wrapped lines from new paragraphs.

A PDF gives visual lines: a paragraph wrapped over three lines must read as one, while a
new paragraph (indented, or after a line that ends a sentence) starts on a new line of the
clause text. DOCX, TXT, MD and HTML lines are paragraphs already.
"""
from __future__ import annotations

import re
from typing import Sequence

from checker.ingest.text_utils import is_wide, join_pair
from checker.model import Line

__all__ = ["PageGeometry", "continues", "is_wide", "join_lines", "join_pair", "wraps_into"]

_SENTENCE_END = tuple("。！？!?.")
_LIST_BREAK = tuple("；;：:")
_LIST_MARKER = re.compile(
    r"\s*(?:\d{1,3}[.．、)）]|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|[一二三四五六七八九十]{1,3}、|[①-⑳])\s*")


def has_layout(line: Line) -> bool:
    return line.x1 > 0


class PageGeometry:
    """The right text edge of each page, to see lines that run to the margin.

    Small print (running headers, footers) sets no edge; a page with too few lines of body
    text to tell (an annex of tables) uses the edge of the whole document.
    """

    MIN_LINES = 5

    def __init__(self, lines: Sequence[Line], body_font: float = 0.0):
        edges: dict[int, list[float]] = {}
        spans: dict[int, list[tuple[float, float]]] = {}
        for line in lines:
            if not has_layout(line) or line.kind == "table_row" or not line.text.strip():
                continue
            if 0 < line.font_size < 0.9 * body_font:
                continue
            edges.setdefault(line.page, []).append(line.x1)
            spans.setdefault(line.page, []).append((line.x0, line.x1))
        every = [x for xs in edges.values() for x in xs]
        self._default = max(every) if every else None
        self._right = {page: max(xs) for page, xs in edges.items() if len(xs) >= self.MIN_LINES}
        self._spans = spans
        self._near: dict[tuple[int, float, float], float | None] = {}  # lines of one block share x0

    def right(self, page: int, line: Line | None = None) -> float | None:
        """The right edge of the text block ``line`` sits in: its column on a multi-column page."""
        if line is not None:
            key = (page, line.x0, _size(line))
            if key not in self._near:
                near = [x1 for x0, x1 in self._spans.get(page, ()) if abs(x0 - key[1]) <= 3 * key[2] and x1 > key[1]]
                self._near[key] = max(near) if len(near) >= self.MIN_LINES else None
            if self._near[key] is not None:
                return self._near[key]
        return self._right.get(page, self._default)


def _size(line: Line) -> float:
    return max(line.font_size, 6.0)


def _first_word_width(line: Line) -> float:
    """Estimated width of the Latin word or number that opens ``line`` (0 for CJK)."""
    text = line.text.lstrip()
    n = 0
    while n < len(text) and not text[n].isspace() and not is_wide(text[n]):
        n += 1
    return n * 0.55 * _size(line)


def _marker_width(line: Line) -> float:
    """Estimated width of the list marker that opens ``line`` ("2. ", "（三）"), 0 without one.

    A list item's wrapped lines may hang under its text rather than under its marker."""
    m = _LIST_MARKER.match(line.text)
    if not m:
        return 0.0
    return sum(_size(line) * (1.0 if is_wide(ch) else 0.55) for ch in m.group())


def continues(prev: Line, cur: Line, geometry: PageGeometry) -> bool:
    """True when ``cur`` is a wrapped continuation of ``prev`` (same paragraph).

    Only layout formats wrap. There a line continues the previous one when the previous
    line does not end a sentence and runs to the right margin (or stops short because the
    word that opens ``cur`` would not fit), both are set in the same size, and ``cur`` is
    not indented against ``prev`` (a new paragraph's first line is).
    """
    if not (has_layout(prev) and has_layout(cur)):
        return False
    if prev.kind != cur.kind or prev.kind == "table_row":
        return False
    if prev.font_size and cur.font_size and abs(prev.font_size - cur.font_size) > _size_tolerance(prev, cur):
        return False
    if prev.text.rstrip().endswith(_SENTENCE_END):
        return False
    if cur.x0 - prev.x0 > _size(cur) * 0.8 + _marker_width(prev):
        return False
    right = geometry.right(prev.page, prev)
    if right is None:
        return False
    gap = right - prev.x1
    return gap < _size(prev) * 4.0 or _first_word_width(cur) >= gap - _size(prev)


def _size_tolerance(prev: Line, cur: Line) -> float:
    """How far two lines' font sizes may differ within a paragraph. Sizes read from a text
    layer are exact; OCR estimates them (RapidOCR from the characters' advance, Tesseract from
    box heights) within about a tenth, while a signature block's 14 pt and 12 pt lines differ
    by a seventh."""
    if prev.emphasis_known and cur.emphasis_known:
        return 0.6
    return 0.15 * max(prev.font_size, cur.font_size)


def wraps_into(prev: Line, cur: Line, geometry: PageGeometry) -> bool:
    """True when ``cur`` cannot start a clause because it is the rest of ``prev``'s sentence.

    A line after a semicolon or colon may start the next list item even when ``prev``
    runs to the margin ("……构成违约：" / "1. 未按期还款；").
    """
    return continues(prev, cur, geometry) and not prev.text.rstrip().endswith(_LIST_BREAK)


def join_lines(lines: Sequence[Line], geometry: PageGeometry) -> str:
    """The text of consecutive lines: wrapped lines joined, paragraphs separated by newlines."""
    parts: list[str] = []
    prev: Line | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if prev is not None and parts and continues(prev, line, geometry):
            parts[-1] = join_pair(parts[-1], text)
        else:
            parts.append(text)
        prev = line
    return "\n".join(parts)
