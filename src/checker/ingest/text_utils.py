"""Small text helpers shared by the readers and the clause builder.

``join_wrapped_lines`` is the one rule for gluing wrapped lines back into a paragraph: Chinese text
has no spaces between words, so a CJK line end meets the next line's CJK start directly,
while Latin words keep one space between them.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable

_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u205f]+")


@lru_cache(maxsize=8192)
def is_wide(ch: str) -> bool:
    """CJK ideographs, kana, hangul and full-width punctuation (East Asian width W or F).
    (Cached: the PDF reader asks for every glyph, and a contract uses a few thousand.)"""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def join_pair(left: str, right: str) -> str:
    """Join two pieces of one paragraph: nothing next to a wide character or after a
    hyphen at the end of ``left``, one space between two Latin pieces."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if is_wide(left[-1]) or is_wide(right[0]) or left.endswith("-"):
        return left + right
    return f"{left} {right}"


def join_wrapped_lines(texts: Iterable[str]) -> str:
    """The paragraph that ``texts`` (visual lines of one paragraph) were wrapped from."""
    out = ""
    for text in texts:
        out = join_pair(out, text) if out else text.strip()
    return out


def clean_text(text: str) -> str:
    """One line of text as the later stages want it: NFC, no control characters, runs of
    spaces collapsed to one, no leading or trailing space. The ideographic space U+3000
    is kept: it is a character of Chinese layout, not a separator."""
    text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # printable text has no control (Cc) or format (Cf) character
        text = "".join(" " if ch == "\t" else ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf")
                       or ch == "\t")
    return _SPACES.sub(" ", text).strip()


def align_chars(text: str, source: str) -> list[int | None]:
    """For each character of ``text``, the index of the same character in ``source`` (the
    raw characters it was made from, in reading order), or None where ``text`` has one the
    source lacks (an inserted space, a numbering label, a table's " | ")."""
    out: list[int | None] = [None] * len(text)
    j = 0
    for i, ch in enumerate(text):  # the usual case, cheaply: the source in order, spaces added
        if j < len(source) and source[j] == ch:
            out[i], j = j, j + 1
        elif not ch.isspace():
            break
    else:
        return out
    out = [None] * len(text)
    matcher = SequenceMatcher(None, text, source, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            out[a + k] = b + k
    return out


class UnknownEncoding(ValueError):
    """The bytes are neither UTF-8 nor GB18030 text."""


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without a BOM), UTF-16 with a BOM, else GB18030
    (a superset of GBK and GB2312). Returns (text, encoding name)."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16"), "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, encoding
    raise UnknownEncoding("unknown text encoding (not UTF-8 or GB18030)")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnknownEncoding(f"unknown text encoding (invalid {encoding} at byte {exc.start})") from exc


def _plausible(text: str) -> bool:
    """Binary data can decode as GB18030 by chance: reject text full of control characters."""
    if not text:
        return True
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    return controls <= max(2, len(text) // 200)
