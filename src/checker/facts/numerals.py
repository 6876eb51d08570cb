"""Numbers as Chinese contracts write them: Arabic (``50,000.00``, full-width ``５０，０００``),
everyday Chinese (``三万五千``, ``两百``, ``三点六``, ``二〇二四``), financial capitals
(``壹拾玖万捌仟捌佰``) and mixed forms (``5万``, ``1.2万``, ``3千``, ``1亿2000万``).

The other value readers (money, rates, dates, terms) find candidates with ``NUM`` (a regex
fragment) and read them with ``parse_cn_number``. Text is first passed through
``normalize``, which maps full-width digits and punctuation to ASCII one character for one
character, so spans found in the normalized text are spans of the original.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

_FULL_WIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．，％：／（）＋－"}
_FULL_WIDTH[ord("\u3000")] = ord(" ")

DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0, "◯": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2, "弍": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3, "参": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

DIGIT_CHARS = "".join(DIGITS)
UNIT_CHARS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_CN = DIGIT_CHARS + UNIT_CHARS

# One number in normalized text: an Arabic figure (thousands groups of "," or, right before
# 元/万, of spaces: "50 000 元"; decimals) or Chinese
# numerals, optionally mixed ("1亿2000万", "1.2万") and with a 点 decimal ("三点六", "三点五万").
ARABIC = r"\d{1,3}(?:(?:,\d{3})+|(?: \d{3})+(?= ?[元万]))(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
# Atomic groups and "a figure only after a Chinese character" keep a failed match linear:
# a long run of digits can be split into tokens in only one way.
# It never starts inside a run of numerals: "统一五万" is matched whole and read with tail_number.
NUM = (rf"(?<![\d{_CN}])(?>{ARABIC}|[{_CN}])(?:[{_CN}]|(?<=[{_CN}])(?>\d+(?:\.\d+)?)){{0,40}}"
       rf"(?:点[{DIGIT_CHARS}\d]+[{UNIT_CHARS}]*)?")

_ARABIC_FULL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_TOKEN = re.compile(rf"\d+(?:\.\d+)?|[{_CN}]")
_POINT = re.compile(rf"([^点]*)点([{DIGIT_CHARS}\d]+)([{UNIT_CHARS}]*)")


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Full-width digits and punctuation to ASCII; the length never changes. (Cached: rates,
    dates and amounts normalize the same sentences, the rates once per day count.)"""
    return text.translate(_FULL_WIDTH)


def parse_cn_number(s: str) -> float | None:
    """The value of one number written in any of the forms above; None when it is not one."""
    s = normalize(s).strip().replace(" ", "")
    if not s:
        return None
    if _ARABIC_FULL.fullmatch(s):
        return float(s.replace(",", ""))
    if "," in s:
        return None
    point = _POINT.fullmatch(s)
    if point:
        return _with_point(*point.groups())
    if not _TOKEN.sub("", s) == "":
        return None
    tokens = _TOKEN.findall(s)
    if all(t in DIGITS for t in tokens) and len(tokens) > 1:
        return float("".join(str(DIGITS[t]) for t in tokens))  # 二〇二四: read digit by digit
    value = _read_tokens(tokens)
    return None if value is None else float(value)


def tail_number(s: str) -> tuple[int, float | None]:
    """(offset, value) of the longest tail of ``s`` that is a number: a number glued to a
    word before it ("统一五万", "第一18") is read without the word."""
    for offset in range(len(s)):
        value = parse_cn_number(s[offset:])
        if value is not None:
            return offset, value
    return len(s), None


def _with_point(whole: str, frac: str, units: str) -> float | None:
    base = parse_cn_number(whole) if whole else 0.0
    if base is None or base != int(base):
        return None
    digits = "".join(str(DIGITS[c]) if c in DIGITS else c for c in frac)
    value = Decimal(f"{int(base)}.{digits}")
    for u in units:
        value *= BIG_UNITS.get(u) or SMALL_UNITS[u]
    return float(value)


def _read_tokens(tokens: list[str]) -> Decimal | None:
    """Positional reading: 千百十 build a section, 万 and 亿 close it (in Decimal, so that
    1.2万 is 12000 and not 12000.000000000002).

    A lone digit right after 千/百/万/亿 is the next place down, as people say it:
    一万五 = 15000, 三千五 = 3500 (only when nothing follows it).
    """
    zero = Decimal(0)
    total = zero  # closed by 亿
    wan = zero  # closed by 万 since the last 亿
    section = zero  # below 万
    number: Decimal | None = None
    last_unit = 0
    for i, tok in enumerate(tokens):
        if tok in DIGITS or tok[0].isdigit():
            if number is not None and tok in DIGITS and DIGITS[tok] and tokens[i - 1] not in "〇零○◯Ｏ":
                return None  # two digits with no unit between them inside a positional number
            value = Decimal(DIGITS[tok]) if tok in DIGITS else Decimal(tok)
            if value == 0 and tok in DIGITS:
                last_unit = 0
                continue
            number = value
        elif tok in SMALL_UNITS:
            unit = SMALL_UNITS[tok]
            section += (Decimal(1) if number is None else number) * unit
            number, last_unit = None, unit
        else:
            unit = BIG_UNITS[tok]
            chunk = section + (number or zero)
            if unit == 10_000:
                wan += (chunk or Decimal(1)) * unit
            else:
                total = (total + wan + chunk or Decimal(1)) * unit
                wan = zero
            section, number, last_unit = zero, None, unit
    if number is not None and last_unit >= 100 and len(tokens) >= 2 and tokens[-1] in DIGITS \
            and tokens[-2] in SMALL_UNITS.keys() | BIG_UNITS.keys():
        number *= Decimal(last_unit) / 10
    return total + wan + section + (number or zero)
