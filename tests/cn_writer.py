"""Write numbers, amounts, rates and dates the way Chinese contracts do: the generators the
property tests read back with checker.facts' value readers.

Written from the rules of the notation, independently of the readers under test.
"""
from __future__ import annotations

from decimal import Decimal

EVERYDAY_DIGITS = "零一二三四五六七八九"
CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
EVERYDAY_UNITS = ("", "十", "百", "千")
CAPITAL_UNITS = ("", "拾", "佰", "仟")
YEAR_DIGITS = "〇一二三四五六七八九"


def _section(n: int, digits: str, units: tuple[str, ...]) -> str:
    """0 < n < 10000 with 零 for each run of inner zeros (一千零五, 三百零二十 is not a form)."""
    out, zero = [], False
    for place in (3, 2, 1, 0):
        d = n // 10**place % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        out.append(digits[d] + units[place])
    return "".join(out)


def cn_integer(n: int, capital: bool = False) -> str:
    """0 <= n < 10**12 in everyday numerals (一万二千三百四十五) or financial capitals (壹万贰仟...)."""
    digits, units = (CAPITAL_DIGITS, CAPITAL_UNITS) if capital else (EVERYDAY_DIGITS, EVERYDAY_UNITS)
    if n == 0:
        return digits[0]
    parts = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out: list[str] = []
    gap = False
    for value, unit in parts:
        if value == 0:
            gap = bool(out)
            continue
        if out and (gap or value < 1000):
            out.append(digits[0])
        out.append(_section(value, digits, units) + unit)
        gap = False
    text = "".join(out)
    if not capital and text.startswith("一十"):
        text = text[1:]  # 十五, not 一十五, at the start of a number
    return text


def cn_decimal(x: Decimal, capital: bool = False) -> str:
    """A non-negative decimal with 点: 三点六, 零点零八."""
    digits = CAPITAL_DIGITS if capital else EVERYDAY_DIGITS
    whole, _, frac = format(x.normalize(), "f").partition(".")
    text = cn_integer(int(whole), capital)
    return text + ("点" + "".join(digits[int(c)] for c in frac) if frac else "")


def arabic(x: Decimal | int, places: int = 0, separators: bool = True) -> str:
    return f"{x:,.{places}f}" if separators else f"{x:.{places}f}"


def full_width(s: str) -> str:
    return s.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789.,%"})


def capital_yuan(cents: int) -> str:
    """人民币-style capitals for an amount in cents: 壹拾玖万捌仟捌佰元整, 壹佰元零伍分."""
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    text = cn_integer(yuan, capital=True) + "元"
    if jiao == 0 and fen == 0:
        return text + "整"
    if jiao:
        text += CAPITAL_DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if fen:
        text += CAPITAL_DIGITS[fen] + "分"
    return text


def wan(yuan: int) -> str:
    """An amount in 万 units: 5万, 1.2万 (yuan must be a multiple of 100)."""
    text = f"{Decimal(yuan) / 10000:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "万"


def cn_year(year: int) -> str:
    return "".join(YEAR_DIGITS[int(c)] for c in str(year))
