"""How sure OCR is of each number on a line: ``OcrFigure``s from per-character confidences.

An engine reports a confidence per character (RapidOCR: the recogniser's probability of
each decoded character) or per word (Tesseract, where a Chinese character is a word). The
line's text then goes through normalisation and the contract-lexicon correction, which fold,
swap and drop characters; ``carry_confidence`` maps the confidences onto the final text by
aligning the two strings, so that each number in the text the fact readers see carries the
confidence of the characters it was read from. A character the correction wrote without a
counterpart (a date's lost 〇) gets the lowest confidence of its neighbours.

A second reading of the line (another crop or model) is compared figure by figure:
a figure whose digits it read differently, or did not read, is not ``agreed``.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Sequence

from checker.model import OcrFigure

CN_NUMERALS = "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟"
# A figure: digits with their inner marks and a trailing %, or a run of Chinese numerals
# (百分之八, 月息九厘, 壹拾伍万 carry rates and amounts as much as digits do).
FIGURE = re.compile(rf"\d+(?:[.,:]\d+)*%?|[{CN_NUMERALS}]+")
_DIGITS = re.compile(rf"[\d{CN_NUMERALS}]")


def carry_confidence(source: str, confidence: Sequence[float], target: str) -> list[float]:
    """Per-character confidences for ``target``, taken from the aligned characters of
    ``source`` (whose characters have ``confidence``)."""
    if len(confidence) != len(source):
        raise ValueError("one confidence per source character")
    out: list[float | None] = [None] * len(target)
    matcher = SequenceMatcher(None, source, target, autojunk=False)
    for tag, i0, i1, j0, j1 in matcher.get_opcodes():
        if tag == "equal":
            out[j0:j1] = confidence[i0:i1]
        elif tag == "replace" and i1 - i0 == j1 - j0:  # folded or swapped one for one
            out[j0:j1] = confidence[i0:i1]
        elif tag == "replace":  # rewritten: as sure as the least sure character it came from
            out[j0:j1] = [min(confidence[i0:i1])] * (j1 - j0)
    for j, value in enumerate(out):
        if value is None:  # inserted by a correction: no better than its neighbours
            near = [v for v in (out[j - 1] if j else None, _next(out, j)) if v is not None]
            out[j] = min(near) if near else 0.0
    return [float(v) for v in out]  # type: ignore[arg-type]


def _next(values: list[float | None], j: int) -> float | None:
    for v in values[j + 1:]:
        if v is not None:
            return v
    return None


def figures(text: str, confidence: Sequence[float], alternates: Sequence[str] = ()) -> tuple[OcrFigure, ...]:
    """The numbers of one OCR line with their confidence (lowest character) and whether a
    second reading in ``alternates`` (of the line, or of the part holding the number) has the
    same digits for them."""
    found = []
    others = [_digit_tokens(alt) for alt in alternates if alt.strip()]  # an empty reading says nothing
    for m in FIGURE.finditer(text):
        low = min(confidence[m.start():m.end()], default=0.0)
        key = _digit_string(m.group())
        # only digits are compared: a Latin-model second reading (Tesseract's) cannot read 〇一二;
        # one reading that confirms the digits is enough (readings may cover parts of the line)
        agreed = not others or not any(ch.isdigit() for ch in key) or any(key in tokens for tokens in others)
        found.append(OcrFigure(m.group(), round(low, 3), agreed))
    return tuple(found)


def _digit_string(token: str) -> str:
    return "".join(_DIGITS.findall(token))


def _digit_tokens(text: str) -> set[str]:
    text = re.sub(r"(?<=\d)\s+(?=\d)", "", text)  # a reading may split a long number at a gap
    return {_digit_string(m.group()) for m in FIGURE.finditer(text)}


def doubtful(figure: OcrFigure, threshold: float) -> bool:
    """A figure no rule should rely on: read with confidence below ``threshold``, or read
    differently by a second reading."""
    return figure.confidence < threshold or not figure.agreed
