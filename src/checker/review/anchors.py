"""Which characters of the document each finding is anchored on.

The findings stage records a span (``Finding.text_span``). A review copy is made from the file
as it is now, so the span is checked against the text read again: when the evidence is no
longer there (the file changed since it was checked), the evidence is looked for again, then
the clause's heading line is used, then the document's title.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..findings.locate import evidence_span, line_offsets, line_span, squeeze
from ..model import Document, DocumentResult, Finding

EVIDENCE, CLAUSE, DOCUMENT = "evidence", "clause", "document"


@dataclass(frozen=True)
class Piece:
    """The part of an anchor on one line: characters [start, end) of ``Document.lines[line]``."""

    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Anchor:
    finding: Finding
    kind: str  # EVIDENCE | CLAUSE (the clause's heading line) | DOCUMENT (the title line)
    start: int  # [start, end) in Document.text
    end: int
    pieces: tuple[Piece, ...]


def anchors(document: Document, result: DocumentResult) -> list[Anchor]:
    """One anchor per finding (waived ones included), in the result's order."""
    offsets = line_offsets(document)
    return [anchor(document, f, offsets) for f in result.findings]


def anchor(document: Document, finding: Finding, offsets: list[int] | None = None) -> Anchor:
    offsets = offsets if offsets is not None else line_offsets(document)
    kind, span = _place(document, finding)
    if span is None:  # an empty document: nothing to anchor on, the first line's start
        span = (0, 0)
    return Anchor(finding, kind, span[0], span[1], tuple(_pieces(document, offsets, *span)))


def title_line(document: Document) -> int | None:
    """The document's title: its first line (where Word users look for a document-wide note)."""
    return 0 if document.lines else None


def _place(document: Document, finding: Finding) -> tuple[str, tuple[int, int] | None]:
    text = document.text
    span = finding.text_span
    if finding.evidence and span and _same(text[span[0]:span[1]], finding.evidence):
        return EVIDENCE, span
    if finding.evidence:
        found = evidence_span(document, finding.evidence, finding.line_start, finding.line_end)
        if found is not None:
            return EVIDENCE, found
    heading = line_span(document, finding.line_start)
    if heading is not None:
        return CLAUSE, heading
    return DOCUMENT, line_span(document, title_line(document))


def _same(found: str, evidence: str) -> bool:
    """The span holds the evidence (or, for a table cell read as 「header：value」, its value)."""
    a, b = squeeze(found), squeeze(evidence).removesuffix("…")
    return bool(a) and (a == b or ("：" in evidence and b.endswith(a) and squeeze(evidence.rsplit("：", 1)[1]) == a))


def _pieces(document: Document, offsets: list[int], start: int, end: int) -> list[Piece]:
    out = []
    for i, line in enumerate(document.lines):
        lo, hi = offsets[i], offsets[i] + len(line.text)
        if hi < start or lo > end or (lo == hi):
            continue
        a, b = max(start, lo) - lo, min(end, hi) - lo
        if a < b:
            out.append(Piece(i, a, b))
    return out
