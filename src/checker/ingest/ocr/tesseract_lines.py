"""Tesseract's TSV words grouped into model Lines (in PDF points), with per-character confidences."""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Iterable, Sequence

from checker.ingest.ocr.figures import carry_confidence
from checker.ingest.ocr.noise import adopt_number_marks, normalise, renumber_items, repair_headings
from checker.ingest.text_utils import is_wide
from checker.model import Line

MIN_LINE_CONFIDENCE = 25.0  # lines below this are stamps, scribbles and speckle
GAP_EM = 1.2  # a gap this many line heights wide between two words is kept as a space


@dataclass(frozen=True)
class Word:
    """One TSV word row: Tesseract's ids, its box in pixels, its confidence (0-100)."""

    block: int
    par: int
    line: int
    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str


def parse_tsv(tsv: str) -> list[Word]:
    """The word rows (level 5, non-blank) of Tesseract's TSV output, in its reading order."""
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            nums = [int(c) for c in cols[2:5] + cols[6:10]]
            conf = float(cols[10])
        except ValueError:
            continue
        words.append(Word(*nums[:3], *nums[3:], conf=conf, text=cols[11].strip()))
    return words


LineKey = tuple[int, int, int]  # Tesseract's (block, paragraph, line) ids


def lines_from_words(words: Iterable[Word], scale: float, page: int,
                     again: dict[LineKey, list[str]] | None = None) -> list[Line]:
    """Tesseract's lines as model Lines in points (``scale`` = pixels per point).

    Words are joined without a space where either side is a Chinese character (Tesseract
    calls each one a word) and with one between Latin words and numbers; a gap wider than
    ``GAP_EM`` line heights is a space in any script, as between the segments of a typed
    row. Lines with no letter or digit, or of very low confidence, are dropped. ``again``
    holds more readings of some lines (see ``number_pass``), whose number marks are adopted.
    """
    return read_lines(words, scale, page, again)[0]


def read_lines(words: Iterable[Word], scale: float, page: int, again: dict[LineKey, list[str]] | None = None
               ) -> tuple[list[Line], tuple[tuple[float, ...], ...], tuple[tuple[str, ...], ...]]:
    """``lines_from_words``' lines with the confidence of each character of their text (the
    word's, 0..1) and, per line, the other readings of its numbers."""
    again = again or {}
    kept = []
    for key, group in group_lines(words).items():
        text = _join(group)
        for other in again.get(key, ()):
            text = adopt_number_marks(text, other)
        kept.append((group, text))
    kept = [(g, t) for g, t in kept if sum(w.conf for w in g) / len(g) >= MIN_LINE_CONFIDENCE
            and any(ch.isalnum() for ch in t)]
    texts = renumber_items(repair_headings([t for _, t in kept]))
    lines, confidences, alternates = [], [], []
    for (group, _), text in zip(kept, texts):
        raw = "".join(w.text for w in group)
        raw_conf = [max(0.0, w.conf) / 100 for w in group for _ in w.text]
        confidences.append(tuple(round(c, 4) for c in carry_confidence(raw, raw_conf, text)))
        alternates.append(tuple(normalise(t) for t in again.get((group[0].block, group[0].par, group[0].line), ())))
        lines.append(Line(
            text=text, page=page,
            x0=round(min(w.left for w in group) / scale, 2), top=round(min(w.top for w in group) / scale, 2),
            x1=round(max(w.left + w.width for w in group) / scale, 2),
            bottom=round(max(w.top + w.height for w in group) / scale, 2),
            font_size=round(median(w.height for w in group) / scale, 2),
            emphasis_known=False,
        ))
    return lines, tuple(confidences), tuple(alternates)


def group_lines(words: Iterable[Word]) -> dict[LineKey, list[Word]]:
    """The words of each Tesseract line, in reading order."""
    groups: dict[LineKey, list[Word]] = {}
    for w in words:
        groups.setdefault((w.block, w.par, w.line), []).append(w)
    return groups


def _join(words: Sequence[Word]) -> str:
    """The line's text: segments split at wide gaps, each normalised, joined by one space
    (normalising the whole line would glue two Chinese segments back together)."""
    height = median(w.height for w in words)
    segments = [[words[0].text]]
    for prev, word in zip(words, words[1:]):
        if word.left - (prev.left + prev.width) > GAP_EM * height:
            segments.append([])
        segments[-1].append(word.text)
    return " ".join(t for t in (normalise(_join_words(seg)) for seg in segments) if t)


def _join_words(texts: Sequence[str]) -> str:
    out = texts[0]
    for text in texts[1:]:
        out += text if is_wide(out[-1]) or is_wide(text[0]) else f" {text}"
    return out
