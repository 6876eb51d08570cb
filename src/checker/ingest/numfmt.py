"""Rendering list numbers the way a word processor shows them (decimal, 一二三, 壹贰叁, 甲乙丙 ...).

DOCX stores automatic numbering as counters plus a format; the clause builder needs the
visible number ("第三条", "（二）", "1.2") in the text, so the reader renders it here.
"""
from __future__ import annotations

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ("", "十", "百", "千")
_CN_LEGAL_UNITS = ("", "拾", "佰", "仟")
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese_counting(n: int, legal: bool = False) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 101 -> 一百零一, 1234 -> 一千二百三十四."""
    if n <= 0 or n >= 10000:
        return str(n)
    digits, units = (_CN_LEGAL_DIGITS, _CN_LEGAL_UNITS) if legal else (_CN_DIGITS, _CN_UNITS)
    zero = "零"
    parts: list[str] = []
    s = str(n)
    for i, ch in enumerate(s):
        d = int(ch)
        unit = units[len(s) - 1 - i]
        if d == 0:
            if parts and parts[-1] != zero:
                parts.append(zero)
        else:
            parts.append(digits[d] + unit)
    text = "".join(parts).rstrip(zero)
    if not legal and 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


MAX_LETTER_REPEAT = 10  # past ZZZZZZZZZZ (n = 260) a letter label is shown in digits


def letters(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA (Word repeats the letter: AA, BB ...). The label grows with n,
    so a hostile ``start`` of billions would make a 100-million-letter label: large n is decimal."""
    if n <= 0 or (n - 1) // 26 + 1 > MAX_LETTER_REPEAT:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_list_number(n: int, fmt: str) -> str:
    """The number ``n`` in the OOXML number format ``fmt`` (w:numFmt/@w:val)."""
    if fmt in ("decimal", "", None):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return chinese_counting(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal", "ideographLegalTraditional"):
        return chinese_counting(n, legal=True)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _HEAVENLY[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _EARTHLY[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord("０") + int(d)) for d in str(n))
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return letters(n)
    if fmt == "lowerLetter":
        return letters(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)
