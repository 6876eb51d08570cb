"""Per-document resource limits (``limits:`` in checker.yaml) and the one place readers ask them.

A contract is untrusted input: a few hundred bytes can declare gigabytes. Each limit, when
reached, makes that document an ``error`` with a one-line reason naming the limit and its
checker.yaml key; the other documents are still checked. The readers ask ``current()``,
which ``applied`` sets around each document's check (one document at a time per process).
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from typing import Any, Iterator

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    part_bytes: int = 256 * MiB  # bytes of one decompressed DOCX part, or of a text/HTML file
    page_chars: int = 200_000  # characters of text on one page (a dense A4 page has ~3,000)
    document_chars: int = 5_000_000  # characters in one document
    ocr_pixels: int = 60_000_000  # pixels of one page rendered for OCR (A3 at 300 dpi: 17 M)
    memory_mb: int | None = 2048  # address space of the process checking a document; None = none

    def exceeded(self, what: str, amount: int) -> str:
        """The one-line reason for ``amount`` over the limit ``what`` (a field name)."""
        return f"{LABELS[what]} {amount:,} exceeds the limit of {getattr(self, what):,} (limits.{what} in checker.yaml)"


LABELS = {
    "part_bytes": "decompressed size",
    "page_chars": "characters on one page",
    "document_chars": "characters in the document",
    "ocr_pixels": "pixels of the page to OCR",
    "memory_mb": "memory (MiB)",
}

DEFAULT = Limits()
_current: Limits = DEFAULT


def current() -> Limits:
    return _current


@contextmanager
def applied(limits: Limits) -> Iterator[None]:
    """Make ``limits`` the ones readers see while one document is checked."""
    global _current
    previous, _current = _current, limits
    try:
        yield
    finally:
        _current = previous


def from_mapping(data: Any) -> Limits:
    """Limits from checker.yaml's ``limits:`` mapping; raises ValueError naming the bad key."""
    if not isinstance(data, dict):
        raise ValueError("expected a mapping of limits (" + ", ".join(LABELS) + ")")
    values: dict[str, Any] = {}
    names = {f.name for f in fields(Limits)}
    for key, value in data.items():
        if key not in names:
            raise ValueError(f"{key}: unknown limit (allowed: {', '.join(LABELS)})")
        if value is None and key == "memory_mb":
            values[key] = None
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{key}: expected a whole number >= 1, got {value!r}")
        values[key] = value
    return replace(DEFAULT, **values)


def memory_reason(limits: Limits) -> str:
    return (f"memory limit of {limits.memory_mb:,} MiB reached while checking this file "
            "(limits.memory_mb in checker.yaml)")
