"""Texts of the sample contracts, one module per sample; all names, numbers and places
are invented. Inline markup: ``**bold**``, ``__underline__`` (see samples/render.py)."""
from __future__ import annotations

from render import Para


def title(text: str, size: float = 16) -> Para:
    return Para(text, size=size, align="center", after=6)


def center(text: str, size: float | None = None, after: float = 3.0) -> Para:
    return Para(text, size=size, align="center", after=after)


def heading(text: str, size: float | None = None) -> Para:
    return Para(f"**{text}**", size=size, before=6, after=3, keep_with_next=True)


def para(text: str, indent: float = 2.0, **kw) -> Para:
    return Para(text, indent=indent, **kw)


def item(text: str, left: float = 0.0, **kw) -> Para:
    return Para(text, left=left, **kw)


def key(text: str) -> str:
    """Mark a key clause: bold and underlined."""
    return f"**__{text}__**"
