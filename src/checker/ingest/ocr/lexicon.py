"""The contract-lexicon correction of OCR'd lines: misread characters put back where the
fix makes a word of loan contracts, a date, a capital-numeral amount or a clock time.

It runs on lines ``noise.normalise`` has cleaned, after the page cache (``file_pages.corrected``),
so a change here needs no new OCR.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from checker.vocab import load_vocab

# Tesseract's chi_sim confuses some characters of bold or small print with look-alikes that
# share a component (逾 -> 这, 日 -> 晶, 捌 -> 撞). A spell-check against the words loan
# contracts use puts them back: a confusable character is swapped only where the swap makes
# a word of the contract vocabulary (or a date, or a capital-numeral amount).

# Characters Tesseract reads in place of another: {as read: the characters it may stand for}.
_CONFUSABLE: dict[str, str] = {
    # 逾 (辶 + 俞): its bold form loses the right-hand part
    "这": "逾", "途": "逾", "谕": "逾", "愉": "逾", "记": "逾", "训": "逾", "亿": "逾",
    "邀": "逾",  # PP-OCR: the same radical 辶 with a different right-hand part
    "识": "款",  # 款 with its left half blurred
    "罕": "写", "枉": "函",
}
# Words spelt with a confusable character that are what they look like: a window that one
# of these overlaps without lying wholly inside a longer term is not swapped (在这期间 stays).
_COMMON_WORDS = ("这期间", "这期限", "这期内")
# The words a loan contract is made of, beyond those in the fact vocabularies.
_STRUCTURAL_WORDS = (
    "逾期", "罚息", "违约金", "违约", "年利率", "日利率", "月利率", "利率", "利息", "借款", "贷款",
    "出借人", "借款人", "贷款人", "本金", "款项", "还款", "大写", "小写", "信函", "滞纳金", "复利",
)
_VOCAB_FILES = ("topics", "obligations", "roles", "parties", "summary")
_CHAR_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")
_OPTIONAL = re.compile(r"[\u4e00-\u9fff](?=[?*]|\{0)")  # a character the regex may skip
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,8}")


def vocabulary_terms(patterns: Iterable[str]) -> set[str]:
    """The Chinese words spelt out literally in regexes: runs of two or more characters
    outside character classes, cut at a character the regex may leave out
    (``'逾期[^。]{0,8}利率|罚息'`` -> ``{逾期, 利率, 罚息}``)."""
    terms: set[str] = set()
    for pattern in patterns:
        literal = _OPTIONAL.sub("|", _CHAR_CLASS.sub("|", pattern))
        terms.update(_CJK_RUN.findall(literal))
    return terms


@lru_cache(maxsize=1)
def contract_vocabulary() -> frozenset[str]:
    """The words of the fact vocabularies (``checker/vocab/*.yaml``) and the structural
    words of a loan contract: what the lexicon correction may turn a misreading into."""
    patterns: list[str] = []
    for name in _VOCAB_FILES:
        try:
            _strings(load_vocab(name), patterns)
        except (OSError, ValueError):  # a missing vocabulary only narrows the correction
            continue
    return frozenset(vocabulary_terms(patterns) | set(_STRUCTURAL_WORDS))


def _strings(node: object, out: list[str]) -> None:
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, dict):
        for value in node.values():
            _strings(value, out)
    elif isinstance(node, list):
        for value in node:
            _strings(value, out)


def fix_confused_terms(text: str, vocabulary: frozenset[str] | None = None) -> str:
    """Swap confusable characters where the swap makes a contract word (``这期罚息`` ->
    ``逾期罚息``, ``信枉`` -> ``信函``).

    A window of the line is rewritten to a vocabulary term when they differ only in
    confusable pairs of ``_CONFUSABLE``, the window is not itself a vocabulary term, and it
    does not lie in a word that is spelt that way (``在这期间``); the longest term wins.
    """
    vocabulary = vocabulary if vocabulary is not None else contract_vocabulary()
    index = _index_of(vocabulary)
    chars = list(text)
    i = 0
    while i < len(chars):
        done = _swap_at(chars, i, vocabulary, index)
        i = done if done > i else i + 1
    return "".join(chars)


@lru_cache(maxsize=4)
def _index_of(vocabulary: frozenset[str]) -> dict[str, list[tuple[str, int]]]:
    """{character: [(term, position of the character in it)]} for the characters that the
    confusion table can put back, longest terms first."""
    wanted = set("".join(_CONFUSABLE.values()))
    index: dict[str, list[tuple[str, int]]] = {}
    for term in sorted(vocabulary, key=lambda t: (-len(t), t)):
        for j, ch in enumerate(term):
            if ch in wanted:
                index.setdefault(ch, []).append((term, j))
    return index


def _swap_at(chars: list[str], i: int, vocabulary: frozenset[str],
             index: dict[str, list[tuple[str, int]]]) -> int:
    """Rewrite the best term through the confusable character at ``i``; the position after
    the rewritten window, or ``i`` when nothing changed."""
    intended = _CONFUSABLE.get(chars[i], "")
    for target in intended:
        for term, j in index.get(target, ()):
            start = i - j
            if start < 0 or start + len(term) > len(chars):
                continue
            window = "".join(chars[start:start + len(term)])
            if window == term or window in vocabulary or not _confusable_spelling(window, term):
                continue
            if _in_common_word(chars, start, len(term)):
                continue
            chars[start:start + len(term)] = list(term)
            return start + len(term)
    return i


def _confusable_spelling(window: str, term: str) -> bool:
    """``window`` is ``term`` with some characters read as their look-alikes."""
    return all(a == b or b in _CONFUSABLE.get(a, "") for a, b in zip(window, term))


def _in_common_word(chars: list[str], start: int, length: int) -> bool:
    """A common word overlaps the window and is not wholly inside it."""
    text, end = "".join(chars), start + length
    for word in _COMMON_WORDS:
        for m in re.finditer(re.escape(word), text):
            overlaps = m.start() < end and start < m.end()
            if overlaps and not (start <= m.start() and m.end() <= end and length > len(word)):
                return True
    return False


# Dates: the character after a day number read as a look-alike of 日, and 7 read as / or 人.
_DAY_MARK = re.compile(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*)[晶目曰旦](?![期标录前])")
_SEVEN_MONTH = re.compile(r"(\d{4}\s*年\s*)[/人](?=\s*月)")
_SEVEN_DAY = re.compile(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*)([12]?)[/人](?=\s*[日晶])")
_CN_YEAR = re.compile(r"(?<![〇零一二三四五六七八九十百千])二([一二三四五六七八九])([〇一二三四五六七八九])年")


def fix_dates(text: str) -> str:
    """Repair the date characters Tesseract confuses: ``2025年3月10晶`` -> ``2025年3月10日``
    (日 as 晶/目/曰/旦 after a day number), ``2024年/月`` -> ``2024年7月`` (7 as ``/`` or 人 in
    the month or day), ``二二五年`` -> ``二〇二五年`` (the 〇 of a 21st-century year lost)."""
    text = _DAY_MARK.sub(lambda m: m.group(1) + "日", text)
    text = _SEVEN_MONTH.sub(lambda m: m.group(1) + "7", text)
    text = _SEVEN_DAY.sub(lambda m: m.group(1) + m.group(2) + "7", text)
    return _CN_YEAR.sub(lambda m: f"二〇{m.group(1)}{m.group(2)}年", text)


# Capital numerals (大写) of an amount: look-alikes Tesseract reads for them in bold print.
_CAPITAL_CONFUSABLE: dict[str, str] = {
    "撞": "捌", "拥": "捌", "制": "捌", "捆": "捌",
    "僚": "叁", "参": "叁", "叁": "叁",
    "喜": "壹", "过": "壹", "责": "壹",
    "武": "贰", "式": "贰",
    "染": "柒", "玫": "玖",
    "什": "仟", "任": "仟", "伯": "佰",
}
_CAPITALS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿"
_AMOUNT_START = r"(?:人民币|大写[:：]?|金额[:：]?)\s*"
_AMOUNT = re.compile(rf"({_AMOUNT_START})([{_CAPITALS}{''.join(_CAPITAL_CONFUSABLE)}]{{1,16}})(元|圆)([整正束]?)")


def fix_capital_amounts(text: str) -> str:
    """Look-alikes of the capital numerals inside a written-out amount (``人民币撞万元整`` ->
    ``人民币捌万元整``, ``人民币过拾万元整`` -> ``人民币壹拾万元整``).

    Only between a money word (人民币/大写/金额) and 元, where every character is a capital
    numeral, a unit or a look-alike of one, and the result reads as a number whose digits
    and units alternate; ``整`` read as ``束`` after 元 is repaired with it."""
    def repl(m: re.Match[str]) -> str:
        body = "".join(_CAPITAL_CONFUSABLE.get(ch, ch) for ch in m.group(2))
        if body == m.group(2) and m.group(4) != "束" or not _capital_number(body):
            return m.group(0)
        tail = "整" if m.group(4) == "束" else m.group(4)
        return m.group(1) + body + m.group(3) + tail

    return _AMOUNT.sub(repl, text)


def _capital_number(body: str) -> bool:
    """A well-formed capital-numeral number: no two digits in a row (except 零 before a
    digit), at least one unit unless it is a single digit."""
    digits, units = "壹贰叁肆伍陆柒捌玖", "拾佰仟万亿"
    if len(body) == 1:
        return body in digits
    if not any(ch in units for ch in body) or body[0] in "万亿":
        return False
    return not any(a in digits and b in digits for a, b in zip(body, body[1:]))


# A clock-time range whose colons were lost: "每日800至2100" (8:00至21:00).
_TIME_CONTEXT = r"(?:每日|每天|时间|时段|早上|晚上|上午|下午|工作日)[^\d。；;]{0,6}"
_CLOCK = r"(\d{1,2}):?([03]0)"
_TIME_PAIR = re.compile(rf"({_TIME_CONTEXT})(?<!\d){_CLOCK}\s*(至|到|-|~|～|—)\s*{_CLOCK}(?![\d%.,元万个天日月年])")


def fix_clock_times(text: str) -> str:
    """The colons of a clock-time range after a word of time (每日/时间/上午 ...), where
    either side lost its colon: ``每日800至2100`` -> ``每日8:00至21:00``, ``每日800至22:00`` ->
    ``每日8:00至22:00``; only hours up to 24 and minutes :00/:30."""
    def repl(m: re.Match[str]) -> str:
        if int(m.group(2)) > 24 or int(m.group(5)) > 24:
            return m.group(0)
        return f"{m.group(1)}{m.group(2)}:{m.group(3)}{m.group(4)}{m.group(5)}:{m.group(6)}"

    return _TIME_PAIR.sub(repl, text)


_LEADING_SPECK = re.compile(r"^[·•'`‘’,，、:;_~]+\s*(?=\d|第|[（(][一二三四五六七八九十\d])")


def drop_leading_speck(text: str) -> str:
    """A dust speck or stray mark read in front of a numbered heading or item (``·4.还款账户``,
    ``'第三条``): it would hide the number the clause builder looks for."""
    return _LEADING_SPECK.sub("", text)


def correct(text: str) -> str:
    """The contract-lexicon correction of one normalised OCR line: confused characters in
    contract words, dates, capital-numeral amounts and clock times (see
    ``fix_confused_terms``, ``fix_dates``, ``fix_capital_amounts``, ``fix_clock_times``)."""
    return fix_clock_times(fix_capital_amounts(fix_dates(fix_confused_terms(drop_leading_speck(text)))))
