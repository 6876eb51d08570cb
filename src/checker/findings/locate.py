"""Where a finding sits in its document's text: the span review copies anchor it on.

Spans are [start, end) offsets in ``Document.text`` (the lines joined by newlines). Evidence
is matched ignoring whitespace, because clause text glues a PDF's wrapped lines back together
(with or without a space) while the document keeps them apart, and ignoring cell separators
and colons, because a table row (「出借人 | 某公司」) is read as 「出借人：某公司」.
"""
from __future__ import annotations

from ..model import Document

ELLIPSIS = "…"
IGNORED = frozenset("|｜:：")  # besides whitespace


def squeeze(text: str) -> str:
    """The characters evidence is matched on: no whitespace, cell separators or colons."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in IGNORED)


def line_offsets(document: Document) -> list[int]:
    """The offset in ``document.text`` at which each line starts."""
    offsets, at = [], 0
    for line in document.lines:
        offsets.append(at)
        at += len(line.text) + 1
    return offsets


def evidence_span(document: Document, evidence: str, first_line: int | None = None,
                  last_line: int | None = None) -> tuple[int, int] | None:
    """The span of ``evidence`` in the document, looked for first between ``first_line`` and
    ``last_line`` (the clause's lines, inclusive), then anywhere; None when it is not there.
    A trailing ellipsis (evidence cut short by the findings stage) is not part of the match."""
    needle = squeeze(evidence)
    if needle.endswith(ELLIPSIS) and len(needle) > 1:
        needle = needle[:-1]
    if not needle:
        return None
    text = document.text
    offsets = line_offsets(document)
    regions = []
    if first_line is not None and 0 <= first_line < len(offsets):
        last = min(last_line if last_line is not None else first_line, len(offsets) - 1)
        end = offsets[last] + len(document.lines[last].text)
        regions.append((offsets[first_line], end))
    regions.append((0, len(text)))
    for start, end in regions:
        found = _find_squeezed(text, start, end, needle)
        if found is not None:
            return found
    return None


def line_span(document: Document, index: int | None) -> tuple[int, int] | None:
    """The span of one whole line (a clause heading, the document title)."""
    lines = document.lines
    if index is None or not 0 <= index < len(lines):
        return None
    start = line_offsets(document)[index]
    return start, start + len(lines[index].text)


def _find_squeezed(text: str, start: int, end: int, needle: str) -> tuple[int, int] | None:
    """Find ``needle`` (squeezed) in text[start:end], squeezed the same way."""
    positions = [i for i in range(start, end) if not text[i].isspace() and text[i] not in IGNORED]
    squeezed = "".join(text[i] for i in positions)
    at = squeezed.find(needle)
    if at < 0:
        return None
    return positions[at], positions[at + len(needle) - 1] + 1
