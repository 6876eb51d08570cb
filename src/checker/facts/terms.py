"""Lengths of time: ``12个月``, ``十二个月``, ``一年``, ``两年``, ``一年半``, ``365天``, ``90日``,
``8周``, installments (``分12期``, ``共36期``) and date ranges
(``自2022年3月8日起至2023年3月7日止``).

Every length is also given in months (a day is 12/365 of a month's share of a year, so
365 days are 12 months). Not lengths: a year or a day of the calendar (``2024年``, ``每月15日``,
dates), ordinals (``第一年``) and the tenor of a reference rate (``一年期贷款市场报价利率``,
``1年期LPR``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import DateMention, find_dates
from .numerals import NUM, normalize, tail_number


@lru_cache(maxsize=1)
def _term() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![第每下上本当])(?P<mn>{NUM}|半)\s*(?:个|個)\s*(?P<mhalf>半)?\s*月(?!利率|息|费率)"
        rf"|(?<![第每])(?P<yn>{NUM}|半)\s*(?:个)?\s*(?:周)?年(?P<yhalf>半)?"
        r"(?![\d]|利|息|化|费率|度|底|初|末|级|龄|内?月|[（(]?含|期\s*(?:的)?\s*(?:贷款市场|LPR|报价|以上贷款市场))"
        rf"|(?P<dn>{NUM})\s*(?:个)?\s*(?P<dunit>自然日|工作日|天|日)(?!利率|息|费率|[0-9])"
        rf"|(?P<wn>{NUM})\s*(?:个)?\s*(?:周|星期|礼拜)(?!年)"
        rf"|(?:分|共计|共|(?<!累)计)\s*(?P<inst>{NUM})\s*期(?!间|限|满)"
        rf"|(?:还款|分期)?期数\s*[:：为]?\s*(?P<inst2>{NUM})\s*期?",
        re.IGNORECASE,
    )


_RANGE_GAP = re.compile(r"\s*(?:起|开始)?\s*(?:至|到|止|—|–|-|~|～|to|until|through)\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:自|从|由|from)\s*$", re.IGNORECASE)
_RANGE_CLOSE = re.compile(r"\s*(?:止|为止|结束)")
_INSTALLMENT_PERIOD = [
    (re.compile(r"每两周|双周|biweekly"), 12 / 26),
    (re.compile(r"每周|按周|每星期|weekly"), 12 / 52),
    (re.compile(r"每季|按季|季度|quarterly"), 3.0),
    (re.compile(r"每半年|半年一期"), 6.0),
    (re.compile(r"每年|按年|annually"), 12.0),
]
_DAY_MONTHS = 12 / 365


@dataclass(frozen=True)
class Term:
    months: float
    days: int | None  # when stated in days (or a date range); None otherwise
    start: int
    end: int
    text: str
    kind: str = "months"  # months | years | days | weeks | installments | range
    installments: int | None = None


def find_terms(text: str) -> list[Term]:
    """Every length of time in ``text``, in order."""
    norm = normalize(text)
    dates = find_dates(text)
    ranges = _ranges(text, norm, dates)
    blocked = [(d.start, d.end) for d in dates] + [(r.start, r.end) for r in ranges]
    found = list(ranges)
    for m in _term().finditer(norm):
        if any(m.start() < e and s < m.end() for s, e in blocked):
            continue
        term = _read(text, norm, m)
        if term is not None:
            found.append(term)
    return sorted(found, key=lambda t: t.start)


def _read(text: str, norm: str, m: re.Match[str]) -> Term | None:
    group = next(g for g in ("mn", "yn", "dn", "wn", "inst", "inst2") if m[g] is not None)
    offset, n = (0, 0.5) if m[group] == "半" else tail_number(m[group])
    if n is None or n <= 0:
        return None
    start, end = m.start(group) + offset, m.end()
    days: int | None = None
    installments: int | None = None
    if group == "mn":
        kind, months = "months", n + (0.5 if m["mhalf"] else 0)
    elif group == "yn":
        if n > 50:
            return None  # a calendar year
        kind, months = "years", 12 * (n + (0.5 if m["yhalf"] else 0))
    elif group == "dn":
        if n != int(n) or n > 3660 or re.search(r"月\s*$", norm[max(0, start - 3):start]):
            return None  # 每月15日: a day of the month
        kind, days = "days", int(n)
        months = days * _DAY_MONTHS
    elif group == "wn":
        kind, days = "weeks", int(n * 7)
        months = days * _DAY_MONTHS
    else:
        if n != int(n):
            return None
        start = m.start()
        kind, installments = "installments", int(n)
        months = n * _installment_months(norm, m.start(), m.end())
    return Term(round(months, 2), days, start, end, text[start:end], kind, installments)


def _installment_months(norm: str, start: int, end: int) -> float:
    """How long one installment runs: a month unless the words around say otherwise."""
    near = norm[max(0, start - 30):end + 30]
    for rx, months in _INSTALLMENT_PERIOD:
        if rx.search(near):
            return months
    return 1.0


def _ranges(text: str, norm: str, dates: list[DateMention]) -> list[Term]:
    """``自2022年3月8日起至2023年3月7日止``: both ends count (365 days = 12 months)."""
    out: list[Term] = []
    for a, b in zip(dates, dates[1:]):
        if not _RANGE_GAP.fullmatch(norm, a.end, b.start):
            continue
        first, last = dt.date.fromisoformat(a.iso), dt.date.fromisoformat(b.iso)
        if last < first:
            continue
        opener = _RANGE_OPEN.search(norm, max(0, a.start - 5), a.start)
        start = opener.start() if opener else a.start
        close = _RANGE_CLOSE.match(norm, b.end)
        end = close.end() if close else b.end
        out.append(Term(_months_between(first, last), (last - first).days + 1,
                        start, end, text[start:end], "range"))
    return out


def _months_between(first: dt.date, last: dt.date) -> float:
    """Whole calendar months from ``first`` to ``last`` plus leftover days / 30; a range that
    ends on the day of the month it started (``3月8日至次年3月8日``) or the day before it
    (``3月8日至次年3月7日``) is a whole number of months, as lenders count it."""
    after_last = last + dt.timedelta(days=1)
    if last.day == first.day:
        return float((last.year - first.year) * 12 + last.month - first.month)
    if after_last.day == first.day:
        return float((after_last.year - first.year) * 12 + after_last.month - first.month)
    months = (after_last.year - first.year) * 12 + after_last.month - first.month
    if after_last.day < first.day:
        months -= 1
    anchor_month = first.month - 1 + months
    anchor_year = first.year + anchor_month // 12
    anchor_month = anchor_month % 12 + 1
    day = min(first.day, _month_length(anchor_year, anchor_month))
    leftover = (after_last - dt.date(anchor_year, anchor_month, day)).days
    return round(months + leftover / 30, 2)


def _month_length(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day
