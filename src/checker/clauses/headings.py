"""Headings: clause titles after a number, and unnumbered heading lines.

A heading is short and has no sentence punctuation. "第三条　借款利率" has the title
借款利率; "一、借款金额：人民币……" has the title 借款金额 (the short text before the colon);
"1. 甲方向乙方借款……。" has none.
"""
from __future__ import annotations

import re
from statistics import median
from typing import Sequence

from checker.model import Line
from checker.clauses.text import is_wide

MAX_TITLE_WIDTH = 25  # in wide characters (a Latin letter counts half)
MAX_LEADIN_WIDTH = 10  # the text before a colon, when it serves as a title
MAX_HEADING_WIDTH = 30
_SENTENCE_PUNCT = set("。，；,;！？!?")
_BRACKETS = set("（）()《》“”\"")
_HEADING_BAD_END = tuple("。；;，,：:、")
_LEADIN_COLON = re.compile(r"：|(?<!\d):")  # 8:00 is a time, not a lead-in


def display_width(text: str) -> float:
    """Width in wide characters: CJK counts 1, Latin letters, digits and spaces 1/2."""
    text = text.strip()
    wide = sum(map(is_wide, text))
    return wide + 0.5 * (len(text) - wide)


def wider_than(text: str, limit: float) -> bool:
    """``display_width(text) > limit``, without measuring a text too long to fit even in
    half-width characters (most lines of a contract: they are sentences)."""
    return len(text.strip()) * 0.5 > limit or display_width(text) > limit


def title_of(rest: str) -> str:
    """The title in the text after a clause number, or "" when that text is a sentence."""
    rest = rest.strip()
    if not rest:
        return ""
    colon = _LEADIN_COLON.search(rest)
    if colon:
        head = rest[:colon.start()].strip()
        ok = bool(head) and not wider_than(head, MAX_LEADIN_WIDTH) and not _has_punct(head)
        return head if ok else ""
    if not wider_than(rest, MAX_TITLE_WIDTH) and not _has_punct(rest):
        return rest
    return ""


def _has_punct(text: str) -> bool:
    return any(ch in _SENTENCE_PUNCT or ch in _BRACKETS for ch in text)


def body_font_size(lines: Sequence[Line]) -> float:
    """The typical font size of body text (0.0 when the format has no sizes)."""
    sizes = [line.font_size for line in lines if line.font_size > 0 and line.kind == "body"]
    return median(sizes) if sizes else 0.0


def looks_like_heading(line: Line, body_font: float) -> bool:
    """A short line set off as a heading: marked by the source, bold, or in a larger font."""
    text = line.text.strip()
    if not text or line.kind == "table_row":
        return False
    if wider_than(text, MAX_HEADING_WIDTH) or text.endswith(_HEADING_BAD_END):
        return False
    if any(ch in "。；;" for ch in text):
        return False
    return set_off(line, body_font)


def set_off(line: Line, body_font: float) -> bool:
    """Marked as a heading by the source, bold, or in a font larger than the body text."""
    larger = body_font > 0 and line.font_size >= body_font + 1.0
    return line.kind == "heading" or line.bold >= 0.8 or larger


def prominence(line: Line) -> tuple[int, float, int]:
    """How strongly a line is set off: (marked heading, font size, bold)."""
    return (int(line.kind == "heading"), round(line.font_size, 1), int(line.bold >= 0.8))
