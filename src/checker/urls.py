"""URLs in messages: which inputs are URLs, and their userinfo (``user:secret@``) removed
wherever a URL is shown (batch inputs, the Dask scheduler address in settings)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")  # two letters at least: C:\ is a path


def is_url(text: str) -> bool:
    """True for ``scheme://...`` (not for Windows drive paths)."""
    return bool(_URL.match(text))


def redact(url: str) -> str:
    """``url`` without its userinfo (``user:secret@``), fit for messages and reports."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not even a URL: still drop anything that looks like userinfo
        return redact_text(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/@\s]*@")


_BARE_USERINFO = re.compile(r"[^\s'\"/@:]+:[^\s'\"/@]*@")


def redact_text(text: str) -> str:
    """``text`` with the userinfo of every URL in it removed, also ``user:secret@host`` quoted
    without its scheme as libraries do in their errors (for error messages)."""
    return _BARE_USERINFO.sub("", _USERINFO.sub(r"\1", text))
