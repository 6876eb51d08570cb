"""Calendar dates: ``2024年3月15日``, ``二〇二四年三月十五日``, ``2024-03-15``, ``2024/3/15``,
``2024.3.15`` and English ``March 15, 2024`` / ``15 March 2024`` (bilingual contracts).

Only real dates count (month 1-12, a day that month has, year 1900-2100): ``2024年2月30日``
and the blanks of a form (``____年__月__日``) are not dates. A month without a day
(``2024年3月``) is not a date either; ``find_dates(text, partial=True)`` also returns it,
flagged ``partial`` with an ISO ``YYYY-MM``.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .numerals import DIGIT_CHARS, normalize, parse_cn_number

_CN = DIGIT_CHARS + "十"
_YMD_CN = re.compile(
    rf"(?<![\d{_CN}])(?P<y>\d{{4}}|[{DIGIT_CHARS}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,2}})\s*月"
    rf"(?:\s*(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号])?"
)
_YMD_SEP = re.compile(r"(?<![\d.])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d]|\.\d)")
_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name} | {
    name: i for i, name in enumerate(calendar.month_abbr) if name}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_EN_MDY = re.compile(rf"(?<![A-Za-z])(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?![A-Za-z])")
_EN_DMY = re.compile(rf"(?<![A-Za-z])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})(?![A-Za-z])")


@dataclass(frozen=True)
class DateMention:
    iso: str  # YYYY-MM-DD (YYYY-MM when partial)
    start: int
    end: int
    text: str
    partial: bool = False


def find_dates(text: str, partial: bool = False) -> list[DateMention]:
    """Every valid date in ``text`` in order; month-only mentions too when ``partial``."""
    norm = normalize(text)
    found: list[DateMention] = []
    for m in _YMD_CN.finditer(norm):
        _add(found, text, m, _num(m["y"]), _num(m["m"]), _num(m["d"]) if m["d"] else None, partial)
    for m in _YMD_SEP.finditer(norm):
        _add(found, text, m, int(m["y"]), int(m["m"]), int(m["d"]), partial)
    for rx in (_EN_MDY, _EN_DMY):
        for m in rx.finditer(norm):
            _add(found, text, m, int(m["y"]), _MONTHS[m["m"]], int(m["d"]), partial)
    found.sort(key=lambda d: d.start)
    return found


def _num(s: str) -> int | None:
    value = parse_cn_number(s)
    return int(value) if value is not None and value == int(value) else None


def _add(found: list[DateMention], text: str, m: re.Match[str], y: int | None, mo: int | None,
         d: int | None, partial: bool) -> None:
    if y is None or mo is None or not 1900 <= y <= 2100 or not 1 <= mo <= 12:
        return
    if d is None:
        if partial:
            found.append(DateMention(f"{y:04d}-{mo:02d}", m.start(), m.end(), text[m.start():m.end()], True))
        return
    if 1 <= d <= calendar.monthrange(y, mo)[1]:
        found.append(DateMention(f"{y:04d}-{mo:02d}-{d:02d}", m.start(), m.end(), text[m.start():m.end()]))
