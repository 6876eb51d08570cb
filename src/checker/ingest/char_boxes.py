"""Whether PDF lines should carry each character's box (``Line.char_boxes``).

Only review copies need the boxes (highlights are drawn over them); every other reading
skips the work, which costs about a sixth of reading a page. A module of its own so that
asking for boxes does not import the PDF layout (and numpy) into every run.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

_KEEP_BOXES: ContextVar[bool] = ContextVar("keep_char_boxes", default=False)


@contextmanager
def keeping_char_boxes() -> Iterator[None]:
    """Within this block, PDF lines carry ``char_boxes``."""
    token = _KEEP_BOXES.set(True)
    try:
        yield
    finally:
        _KEEP_BOXES.reset(token)


def wanted() -> bool:
    return _KEEP_BOXES.get()
