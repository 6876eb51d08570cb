"""Amounts of money: ``人民币伍万元整``, ``¥50,000.00``, ``RMB 50,000``, ``5万元``,
``壹拾玖万捌仟捌佰元整``, ``壹佰元零伍分``.

A number is money only with a currency mark before it (人民币, RMB, CNY, ¥) or a money unit
after it (元/圆/块, RMB, yuan), so percentages, dates and counts are never amounts. The
usual double statement ``人民币伍万元整（小写：¥50,000.00）`` is one amount: a figure in
brackets right after an equal amount is merged into it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import DIGIT_CHARS, NUM, normalize, parse_cn_number, tail_number

_CURRENCY = r"人民币|RMB|CNY|¥|￥|US\$|USD|美元|HK\$|HKD|港币|港元|\$"
_AMOUNT = re.compile(
    rf"(?:(?P<pre>{_CURRENCY})\s*[:：]?\s*(?:[（(]?\s*[大小]写\s*[)）]?\s*[:：]?\s*)?(?:(?:{_CURRENCY})\s*)?)?"
    rf"(?P<num>{NUM})\s*"
    rf"(?P<unit>元|圆|圓|块(?!钱以外))?"
    rf"(?:(?<=[元圆圓])零?(?P<jiao>[{DIGIT_CHARS}\d])角)?"
    rf"(?:(?<=[元圆圓角])零?(?P<fen>[{DIGIT_CHARS}\d])分(?!之|期|钟))?"
    rf"(?P<zheng>(?<=[元圆圓角分])[整正])?"
    rf"(?:\s*(?P<post>元?人民币|RMB(?![A-Za-z])|CNY(?![A-Za-z])|yuan(?![A-Za-z])|美元|港币|港元|USD(?![A-Za-z])|HKD(?![A-Za-z])))?",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"[\s，,]*[（(]\s*(?:即\s*)?(?:(?:[大小]写|数字)(?:金额)?\s*[)）]?\s*[:：]?\s*)?(?:金额\s*[:：]?\s*)?")
_NEXT_IN_BRACKET = re.compile(r"\s*[;；,，、/]\s*(?:(?:[大小]写|数字)(?:金额)?\s*[:：]?\s*)?")
_CLOSE = re.compile(r"\s*[)）]")


@dataclass(frozen=True)
class Amount:
    value: float  # in units of ``currency`` (yuan for CNY)
    start: int
    end: int
    text: str
    currency: str = "CNY"


def find_amounts(text: str) -> list[Amount]:
    """Every amount of money in ``text``, in order, each with its span and exact text."""
    norm = normalize(text)
    found: list[Amount] = []
    for m in _AMOUNT.finditer(norm):
        amount = _read(text, m)
        if amount is not None:
            found.append(amount)
    return _merge_restatements(text, norm, found)


def _read(text: str, m: re.Match[str]) -> Amount | None:
    pre, unit, post = m.group("pre"), m.group("unit"), m.group("post")
    if not (pre or unit or post):
        return None
    num_start, num = m.start("num"), m.group("num")
    offset, value = (0, parse_cn_number(num)) if pre else tail_number(num)
    num_start += offset
    if value is None:
        return None
    value += _digit(m.group("jiao")) / 10 + _digit(m.group("fen")) / 100
    start = m.start() if pre else num_start
    end = m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return Amount(round(value, 2), start, end, text[start:end], _currency(f"{pre or ''}{post or ''}"))


def _digit(ch: str | None) -> float:
    return parse_cn_number(ch) or 0.0 if ch else 0.0


def _currency(marks: str) -> str:
    marks = marks.upper()
    if "$" in marks and "HK" in marks or "港" in marks or "HKD" in marks:
        return "HKD"
    if "$" in marks or "USD" in marks or "美元" in marks:
        return "USD"
    return "CNY"


def _merge_restatements(text: str, norm: str, found: list[Amount]) -> list[Amount]:
    """``伍万元整（小写：¥50,000.00）`` and ``15万元（大写：人民币壹拾伍万元整；小写：¥150,000.00）``
    -> one amount spanning every statement and the closing bracket."""
    out: list[Amount] = []
    i = 0
    while i < len(found):
        a, j, inside = found[i], i + 1, False
        while j < len(found) and _same(a, found[j]):
            gap = norm[(found[j - 1].end):found[j].start]
            if _BRACKETED.fullmatch(gap):
                inside = inside or "(" in gap
            elif not (inside and _NEXT_IN_BRACKET.fullmatch(gap)):
                break
            j += 1
        if j > i + 1 and inside:
            close = _CLOSE.match(norm, found[j - 1].end)
            end = close.end() if close else found[j - 1].end
            out.append(Amount(a.value, a.start, end, text[a.start:end], a.currency))
            i = j
        else:
            out.append(a)
            i += 1
    return out


def _same(a: Amount, b: Amount) -> bool:
    return abs(a.value - b.value) < 0.005 and a.currency == b.currency
