"""Dropping what a page layout repeats: running headers, footers and page numbers.

A running header is text printed at the same place on most pages; the page number inside it
changes, so texts are compared with their digits normalised. Page numbers on their own
("第 3 页 共 8 页", "- 3 -", "Page 3 of 8", "3/8", "3") are recognised by form, but only in the
top or bottom margin band, so a "3" in the body is never lost.
"""
from __future__ import annotations

import re
from collections import defaultdict
from statistics import median
from typing import Sequence

from checker.model import Line

MARGIN_BAND = 0.15  # share of the page height at the top and at the bottom
PAGE_NUMBER_BAND = 0.12
SAME_PLACE_PT = 4.0

_CN_NUM = "〇零一二三四五六七八九十百"
_PAGE_TOKEN = re.compile(
    rf"""
    第\s*[\d{_CN_NUM}]+\s*页
  | 共\s*[\d{_CN_NUM}]+\s*页
  | page\s*\d+(?:\s*(?:of|/)\s*\d+)?
  | \d+\s*(?:of|/)\s*\d+
  | [-–—]\s*\d+\s*[-–—]
  | \d+
    """,
    re.IGNORECASE | re.VERBOSE,
)
_FILLER = re.compile(r"[\s/|·•,，、:：.()（）\[\]【】\-–—]+")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def is_page_number(text: str) -> bool:
    """True for a line that only says which page this is (in any of the usual forms)."""
    if not re.search(r"\d|第.+页", text):
        return False
    rest = _PAGE_TOKEN.sub("", text)
    return not _FILLER.sub("", rest)


def strip_running(pages: Sequence[Sequence[Line]], heights: Sequence[float]) -> list[list[Line]]:
    """The pages' lines without running headers/footers and page numbers.

    ``heights`` gives each page's height (PDF points) to tell the margin bands.
    """
    running = _running_keys(pages, heights)
    out: list[list[Line]] = []
    for lines, height in zip(pages, heights):
        kept = []
        for line in lines:
            if line.kind == "table_row":
                kept.append(line)
            elif _in_band(line, height, PAGE_NUMBER_BAND) and is_page_number(line.text):
                continue
            elif (_key(line.text), _place(line, running)) in running:
                continue
            else:
                kept.append(line)
        out.append(kept)
    return out


def _key(text: str) -> str:
    return _DIGITS.sub("#", _SPACE.sub("", text))


def _in_band(line: Line, height: float, band: float) -> bool:
    return height > 0 and (line.top < height * band or line.bottom > height * (1 - band))


def _running_keys(pages: Sequence[Sequence[Line]], heights: Sequence[float]) -> dict[tuple[str, float], int]:
    """(normalised text, typical top) of every line repeated at one place on most pages."""
    if len(pages) < 2:
        return {}
    tops: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, (lines, height) in enumerate(zip(pages, heights)):
        for line in lines:
            if line.kind != "table_row" and _in_band(line, height, MARGIN_BAND):
                tops[_key(line.text)].append((number, line.top))
    need = max(2, len(pages) // 2 + 1)
    running: dict[tuple[str, float], int] = {}
    for key, seen in tops.items():
        if not key:
            continue
        at = median(top for _, top in seen)
        pages_there = {n for n, top in seen if abs(top - at) <= SAME_PLACE_PT}
        if len(pages_there) >= need:
            running[(key, at)] = len(pages_there)
    return running


def _place(line: Line, running: dict[tuple[str, float], int]) -> float:
    """The typical top of the running key this line may belong to (or its own top)."""
    key = _key(line.text)
    for k, at in running:
        if k == key and abs(line.top - at) <= SAME_PLACE_PT:
            return at
    return line.top
