"""OCR noise: cleaning up the text of one OCR'd line before it joins the typed text's model.

Tesseract reads Chinese contracts well but makes a few kinds of mistakes that matter to
the fact readers, which look for numbers (rates, amounts, dates):

* it writes full-width forms as printed (``０．０５％``) where typed text would have
  ASCII, so digits and letters are folded to ASCII and the punctuation inside a number
  (decimal point, thousands comma, per cent, time colon) with them;
* it confuses ``O``/``o`` with ``0`` and ``l``/``I`` with ``1`` - fixed only inside a
  number (a run that holds a real digit and has no other Latin letter next to it), so
  that words such as ``Old`` or ``ISO9001`` are left alone;
* it reads the ASCII marks inside numbers as their CJK look-alikes (``4。2%``,
  ``100，000``, ``8：00``, ``8:00一22:00``) - fixed only between digits;
* it reads the Chinese numeral 〇 in dates (``二〇二五年``) as the letter ``O`` or a ``0``;
* it separates Chinese characters by spaces (it treats each one as a word) - removed
  between two wide characters and between a wide character and a number.

Every step is a pure function on one line of text; ``normalise`` runs them in order.
Two repairs need the neighbouring lines of the page, so they run on a page's lines:
``repair_headings`` drops the mark Tesseract reads into the gap after ``第X条``
(``第一条”贷款金额`` -> ``第一条 贷款金额``), and ``renumber_items`` fixes item numbers
``(一)`` / ``(二)`` / ``(三)`` read as ``(—)`` / ``(=)`` from the number before them.
``adopt_number_marks`` takes the marks inside numbers from a second reading of a line.

These fixes know nothing of what a contract says; ``lexicon`` corrects misread words
against the contract vocabulary afterwards.
"""
from __future__ import annotations

import re

from checker.ingest.text_utils import clean_text, is_wide

_FULLWIDTH_ALNUM = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B)
                    if chr(code).isalnum()}  # ０-９ Ａ-Ｚ ａ-ｚ -> ASCII
_NUMBER_MARKS = {"．": ".", "，": ",", "％": "%", "：": ":", "－": "-", "／": "/", "。": "."}

_NUMBERISH = re.compile(r"(?<![A-Za-z])[0-9OolI]+(?:[.,:][0-9OolI]+)*(?![A-Za-z])")
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})

_DECIMAL = re.compile(r"(?<=\d)[。．·](?=\d)")
_THOUSANDS = re.compile(r"(?<=\d)[，,](?=\d{3}(?!\d))")
_TIME_COLON = re.compile(r"(?<=\d)：(?=\d{2}(?!\d))")
_PER_CENT = re.compile(r"(?<=\d)\s*％")
_RANGE_DASH = re.compile(r"(?<=\d)\s*[一—－~～]\s*(?=\d)")
_SPACES = re.compile(r" +")
_CN_DIGIT = "〇零一二三四五六七八九十"
_ZERO_IN_CN_NUMBER = re.compile(rf"(?<=[{_CN_DIGIT}])[O0o○]+(?=[{_CN_DIGIT}年])")


def fold_width(text: str) -> str:
    """Full-width digits and Latin letters to ASCII, and full-width marks that sit between
    or right after digits (``０．０５％`` -> ``0.05%``); other full-width punctuation
    (``（一）``, ``：`` after a label) is the ordinary Chinese form and stays."""
    text = text.translate(_FULLWIDTH_ALNUM)
    out = []
    for i, ch in enumerate(text):
        ascii_form = _NUMBER_MARKS.get(ch)
        if ascii_form and ch != "。" and _digit_before(text, i) and (ch == "％" or _digit_after(text, i)):
            out.append(ascii_form)
        else:
            out.append(ch)
    return "".join(out)


def fix_lookalikes(text: str) -> str:
    """``O``/``o`` -> ``0`` and ``l``/``I`` -> ``1`` inside numbers only
    (``1O0,00O.0O元`` -> ``100,000.00元``, ``2O25年`` -> ``2025年``)."""
    def repl(m: re.Match[str]) -> str:
        token = m.group(0)
        return token.translate(_LOOKALIKE) if any(ch.isdigit() for ch in token) else token

    return _NUMBERISH.sub(repl, text)


def fix_number_punctuation(text: str) -> str:
    """CJK look-alikes of the marks inside a number: ``4。2%`` -> ``4.2%``,
    ``100，000`` -> ``100,000``, ``8：00`` -> ``8:00``, ``5 ％`` -> ``5%``,
    ``8:00一22:00`` -> ``8:00-22:00``."""
    text = _DECIMAL.sub(".", text)
    text = _THOUSANDS.sub(",", text)
    text = _TIME_COLON.sub(":", text)
    text = _PER_CENT.sub("%", text)
    return _RANGE_DASH.sub("-", text)


def fix_chinese_zero(text: str) -> str:
    """``O``/``0``/``○`` between Chinese numerals is the numeral 〇 (``二O二五年`` ->
    ``二〇二五年``), one for one."""
    return _ZERO_IN_CN_NUMBER.sub(lambda m: "〇" * len(m.group(0)), text)


def join_cjk(text: str) -> str:
    """Drop the spaces Tesseract puts between Chinese characters (and between a Chinese
    character and a number); spaces between Latin words and numbers stay."""
    parts = _SPACES.split(text)
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if out and (_tight(out[-1], part[0])):
            out += part
        else:
            out = f"{out} {part}" if out else part
    return out


_YUAN_SIGN = re.compile(r"(?<=[(（《〈])\s*[圣羊半]\s*(?=\d[\d.,]*[.,]\d{2}(?!\d))")


def fix_yuan_sign(text: str) -> str:
    """The yuan sign read as a look-alike character before a bracketed figure amount
    (``（圣80,000.00）`` -> ``（¥80,000.00）``): the Chinese model has no ``¥``-with-serifs glyph."""
    return _YUAN_SIGN.sub("¥", text)


def normalise(text: str) -> str:
    """One OCR line as the later stages want it (see the module docstring)."""
    text = join_cjk(clean_text(text))
    text = fix_yuan_sign(fold_width(text))
    text = fix_chinese_zero(text)
    text = fix_lookalikes(text)
    return fix_number_punctuation(text)


def _tight(left: str, right: str) -> bool:
    """No space belongs between these two characters in Chinese text."""
    if is_wide(left) and is_wide(right):
        return True
    return (is_wide(left) and _numeric(right)) or (_numeric(left) and is_wide(right))


def _numeric(ch: str) -> bool:
    return ch.isdigit() or ch in "%.,"


def _digit_before(text: str, i: int) -> bool:
    return i > 0 and text[i - 1].isdigit()


def _digit_after(text: str, i: int) -> bool:
    return i + 1 < len(text) and text[i + 1].isdigit()


_HEADING_GAP = re.compile(r"^(\s*第[一二三四五六七八九十百零〇\d]+[条章节])(?:\s*[“”\"'‘’`、.,:：]+\s*|\s+)")
_ITEM = re.compile(r"^(\s*[(（]\s*)([—\-一=二三四五六七八九十]{1,2})(\s*[)）])")
_CN_ORDER = "一二三四五六七八九十"


def repair_headings(texts: list[str]) -> list[str]:
    """``第一条”贷款金额`` -> ``第一条 贷款金额``: the wide gap after an article number is
    often read as a quote or a stray mark."""
    return [_HEADING_GAP.sub(lambda m: m.group(1) + " ", t, count=1) for t in texts]


def renumber_items(texts: list[str]) -> list[str]:
    """Item numbers as the sequence makes them: ``(—)`` / ``(-)`` is ``(一)``, and ``(=)``
    (Tesseract's reading of both 二 and 三) is the number after the item before it.
    A new article (``第X条``) starts the sequence again."""
    out, last = [], 0
    for text in texts:
        if re.match(r"\s*第.{1,4}[条章]", text):
            last = 0
        m = _ITEM.match(text)
        if not m:
            out.append(text)
            continue
        mark = m.group(2)
        if mark in ("—", "-", "一", "——", "--"):
            number = 1
        elif mark == "=":
            number = last + 1 if last in (1, 2) else 2
        elif len(mark) == 1 and mark in _CN_ORDER:
            number = _CN_ORDER.index(mark) + 1
        else:
            out.append(text)
            continue
        last = number
        out.append(f"{m.group(1)}{_CN_ORDER[number - 1] if number <= 10 else mark}{m.group(3)}{text[m.end():]}")
    return out


# A number in the Chinese reading: digits (``]`` is Tesseract's usual misreading of ``1``)
# with the marks that may sit inside; in the Latin reading: digits and marks, per cent after.
_CHI_NUMBER = re.compile(r"[0-9\]][0-9\].,:%]*")
_LATIN_NUMBER = re.compile(r"\d[\d.,:]*\d%?|\d%?")
_WELL_FORMED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|\d+(?:\.\d+)?%?|\d{1,2}:\d{2}")


def adopt_number_marks(text: str, latin: str) -> str:
    """Take the marks inside numbers (decimal point, thousands comma, time colon) from a
    second reading of the same line by a Latin-script model.

    The Chinese model drops small marks between digits (``年利率为42%`` for ``4.2%``, ``13``
    for item ``1.3``), reads commas as points (``36.000.00``) and ``1`` as ``]``; the Latin
    model keeps them but turns the Chinese around them to noise. A number of ``text`` takes
    the Latin form only when both readings have the same digits (``]`` counting as 1) and the
    Latin form is a well-formed number with more marks, or repairs a ``]``; numbers are
    paired in reading order, so a digit is never invented or moved.
    """
    candidates = [m.group(0) for m in _LATIN_NUMBER.finditer(latin)]
    out, done, start = [], 0, 0
    for m in _CHI_NUMBER.finditer(text):
        token = m.group(0)
        core = token.rstrip(".,:")
        digits = _digits(core)
        if not digits:
            continue
        for j in range(start, len(candidates)):
            if _digits(candidates[j]) != digits:
                continue
            start, other = j + 1, candidates[j]
            if other != core and (_marks_score(other) > _marks_score(core)
                                  or ("]" in core and _marks_score(other))):
                out.append(text[done:m.start()] + other + token[len(core):])
                done = m.end()
            break
    out.append(text[done:])
    return "".join(out)


def _digits(token: str) -> str:
    return re.sub(r"\D", "", token.replace("]", "1"))


def _marks_score(token: str) -> int:
    """0 for a malformed number, else 1 + the marks in it (more marks: more was seen)."""
    return 1 + len(re.findall(r"[.,:]", token)) if _WELL_FORMED.fullmatch(token) else 0
