"""Making untrusted text (file names, contract text, PDF metadata, cached results) inert.

Every string a report or a message shows may come from an applicant's file: a file name with
a newline forges a report line, an ANSI or C1 escape repaints or retitles a terminal, a lone
surrogate makes the UTF-8 writer crash, and in Markdown posted to GitHub an ``@name`` notifies
a user and ``<https://...>`` or a bare URL becomes a link. These helpers are applied where text
leaves the program, whatever its source.
"""
from __future__ import annotations

import re

# C0 controls except tab, DEL, C1 controls, and the Unicode line/paragraph separators and
# bidirectional overrides that reorder what a reader sees.
_TERMINAL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """``text`` with lone surrogates (not encodable as UTF-8) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def terminal_safe(text: str) -> str:
    """One line of text that cannot move the cursor or send escapes: controls shown as ``\\xNN``."""
    return _TERMINAL.sub(lambda m: _escape(m.group()), no_surrogates(str(text)))


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch == "\n":
        return "\\n"
    if ch == "\r":
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_MENTION = re.compile(r"(?<![\w`])@(?=[A-Za-z0-9_-])")
_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|file|javascript|data)(:)")
_WWW = re.compile(r"(?i)\bwww\.")


def markdown_inert(text: str) -> str:
    """``text`` for Markdown read on GitHub: no ``@mentions``, no autolinks, no bare links.

    A zero-width joiner after ``@`` and inside ``scheme:`` / ``www.`` keeps the text readable
    while GitHub no longer recognises a mention or a link in it (``<`` is escaped elsewhere)."""
    text = _MENTION.sub("@\u2060", text)
    text = _SCHEME.sub(lambda m: m.group(1) + "\u2060" + m.group(2), text)
    return _WWW.sub(lambda m: m.group()[:3] + "\u2060.", text)
