"""Clause numbers: reading the marker at the start of a line and its numeral.

Pure functions only. ``match_marker`` recognises the numbering styles Chinese contracts
use (第X章 / 第X节 / 第X条, 一、, （一）, 1. / 1.1, (1), 1), ①) and returns the style, the
ordinal value and the rest of the line; it rejects what merely starts with a number
(2024年, 30日, 3.6%, 第3期). Whether a marker really starts a clause depends on its
neighbours and is decided by the builder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_WAN = {"万": 10_000, "萬": 10_000}

CN_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "".join(_WAN)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese integer numeral ("十二" -> 12, "一百零一" -> 101, "二〇二三" -> 2023).

    Arabic and full-width digits are accepted too. Returns None when ``text`` is not a
    numeral.
    """
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _UNITS and ch not in _WAN for ch in text):
        return None
    if all(ch in _DIGITS for ch in text) and len(text) > 1:
        # digit-by-digit form, as in years: 二〇二三
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row inside a positional numeral
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:  # 万
            section += digit or 0
            total += (section or 1) * _WAN[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Marker:
    """A clause number found at the start of a line.

    style: "chapter" | "section" | "article" | "cn_ordinal" (一、) | "cn_paren" (（一）) |
      "decimal" (1. / 1、 / 1.1; ``depth`` components) | "paren_digit" ((1)) |
      "digit_rparen" (1)) | "circled" (①)
    values: the ordinal components (one, or several for 1.1.1)
    number: the number as written, without a trailing 、/./． delimiter
    rest: the text after the marker, stripped
    separated: whitespace or a delimiter stands between the marker and the rest
    """

    style: str
    values: tuple[int, ...]
    number: str
    rest: str
    separated: bool

    @property
    def value(self) -> int:
        return self.values[-1]

    @property
    def depth(self) -> int:
        return len(self.values)

    @property
    def style_key(self) -> str:
        """Styles that nest by depth get one key per depth (decimal:1, decimal:2 ...)."""
        return f"decimal:{self.depth}" if self.style == "decimal" else self.style


_CN = f"[{CN_NUMERAL_CHARS}]+"
_NUM = rf"(?:{_CN}|[0-9０-９]+)"
_SPACE = r"[ \t\u3000\u00a0]"

_CONTAINER_RE = re.compile(rf"^(第{_SPACE}*({_NUM}){_SPACE}*([章节条]))")
_ARTICLE_EN_RE = re.compile(r"^((?:Article|ARTICLE|Clause|CLAUSE)\s*(\d{1,3}))(?=\D|$)")
_CN_ORDINAL_RE = re.compile(rf"^(({_CN})({_SPACE}*[、．.]))")
_CN_PAREN_RE = re.compile(rf"^([（(]{_SPACE}*({_CN}){_SPACE}*[）)])")
_PAREN_DIGIT_RE = re.compile(r"^([（(]\s*([0-9０-９]{1,3})\s*[）)])")
_DIGIT_RPAREN_RE = re.compile(r"^(([0-9０-９]{1,3})[）)])")
_DECIMAL_RE = re.compile(r"^(([0-9０-９]{1,3}(?:[.．][0-9０-９]{1,3})*)([.．、]?))")
_CIRCLED_RE = re.compile(rf"^([{_CIRCLED}])")

# Characters that, right after a number, make it a quantity rather than a clause number.
_QUANTITY_AFTER = set("年月日天时分秒号期个次元万亿千百%％‰倍岁周份户笔项条款章节页层楼室幢栋-－—~～/:：,，")
_SEPARATOR = re.compile(rf"^{_SPACE}")


def _rest(text: str, end: int) -> tuple[str, bool]:
    tail = text[end:]
    return tail.strip(), bool(_SEPARATOR.match(tail)) or not tail.strip()


def match_marker(line: str) -> Marker | None:
    """The clause marker at the start of ``line``, or None if the line does not start with one."""
    text = line.lstrip(" \t\u3000\u00a0")
    if not text:
        return None
    return (
        _match_container(text)
        or _match_article_en(text)
        or _match_cn_ordinal(text)
        or _match_cn_paren(text)
        or _match_digit_paren(text)
        or _match_decimal(text)
        or _match_circled(text)
    )


def _match_container(text: str) -> Marker | None:
    m = _CONTAINER_RE.match(text)
    if not m:
        return None
    value = chinese_to_int(m.group(2))
    if value is None:
        return None
    style = {"章": "chapter", "节": "section", "条": "article"}[m.group(3)]
    rest, separated = _rest(text, m.end())
    if rest[:1] in ("款", "项"):  # 第三条款 / 第三条项: a reference, not a heading
        return None
    if rest[:1] in "、．.：:":
        separated = True
    number = re.sub(rf"{_SPACE}+", "", m.group(1))
    return Marker(style, (value,), number, rest.lstrip("、．.：: \u3000"), separated)


def _match_article_en(text: str) -> Marker | None:
    m = _ARTICLE_EN_RE.match(text)
    if not m:
        return None
    rest, _ = _rest(text, m.end())
    return Marker("article", (int(m.group(2)),), m.group(1), rest.lstrip(".:： "), True)


def _match_cn_ordinal(text: str) -> Marker | None:
    m = _CN_ORDINAL_RE.match(text)
    if not m:
        return None
    value = chinese_to_int(m.group(2))
    # "一." followed by a digit is a decimal-looking fragment, not an ordinal
    if value is None or value == 0 or len(m.group(2)) > 4 or text[m.end():m.end() + 1].isdigit():
        return None
    rest, _ = _rest(text, m.end())
    return Marker("cn_ordinal", (value,), m.group(2), rest, True)


def _match_cn_paren(text: str) -> Marker | None:
    m = _CN_PAREN_RE.match(text)
    if not m:
        return None
    value = chinese_to_int(m.group(2))
    if not value:
        return None
    rest, _ = _rest(text, m.end())
    return Marker("cn_paren", (value,), m.group(1), rest, True)


def _match_digit_paren(text: str) -> Marker | None:
    for style, regex in (("paren_digit", _PAREN_DIGIT_RE), ("digit_rparen", _DIGIT_RPAREN_RE)):
        m = regex.match(text)
        if m:
            value = int(m.group(2).translate(_FULLWIDTH))
            if value == 0:
                return None
            rest, _ = _rest(text, m.end())
            return Marker(style, (value,), m.group(1), rest, True)
    return None


def _match_decimal(text: str) -> Marker | None:
    m = _DECIMAL_RE.match(text)
    if not m:
        return None
    digits, delim = m.group(2).translate(_FULLWIDTH), m.group(3)
    values = tuple(int(v) for v in digits.split("."))
    after = text[m.end():m.end() + 1]
    if after.isdigit() or after in _QUANTITY_AFTER or after in ".．":
        return None
    if any(v == 0 for v in values) or values[0] > 200 or any(v > 99 for v in values[1:]):
        return None
    separated = bool(delim) or not after or bool(_SEPARATOR.match(after))
    if len(values) == 1 and not delim:
        return None  # a bare number ("12 个月", "3 日内") is not an item
    if len(values) > 1 and not separated and not _is_cjk(after):
        return None  # "1.5m" and the like
    rest, _ = _rest(text, m.end())
    return Marker("decimal", values, digits, rest, separated)


def _match_circled(text: str) -> Marker | None:
    m = _CIRCLED_RE.match(text)
    if not m:
        return None
    rest, _ = _rest(text, m.end())
    return Marker("circled", (_CIRCLED.index(m.group(1)) + 1,), m.group(1), rest, True)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")
