"""The values handed from one stage to the next.

ingest -> Document (pages of lines) -> clauses -> Contract (document + clause list)
-> facts -> FactSet -> engine -> Finding -> DocumentResult / RunResult -> reports.

Every value is frozen: a stage never changes what an earlier stage produced.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import ErrorKind


class Severity(str, enum.Enum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe (critical = 4, info = 0)."""
        return _SEVERITY_RANK[self.value]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        return cls(value.strip().lower())


_SEVERITY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}
SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low", "info")
FAIL_ON_LEVELS: tuple[str, ...] = (*SEVERITIES, "never")  # --fail-on: a severity, or never fail on findings


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class OcrFigure:
    """A number as OCR read it on one line: its text there, the engine's confidence in it
    (0..1, the lowest of its characters) and whether a second reading gave the same digits."""

    text: str
    confidence: float
    agreed: bool = True


@dataclass(frozen=True)
class Line:
    """One line of text as the reader saw it.

    For PDFs a visual line (wrapped paragraphs are several lines); for DOCX, TXT, MD and
    HTML a paragraph, list item, heading or table row. Positions are PDF points with the
    origin at the top-left of the page; formats without layout use 0 for x and the line
    index for ``top``.
    """

    text: str
    page: int  # 1-based
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    font_size: float = 0.0
    bold: float = 0.0  # share of the line's non-space characters in bold, 0..1
    underline: float = 0.0  # share underlined, 0..1
    kind: str = "body"  # "body" | "heading" (marked as a heading by the source) | "table_row"
    emphasis_known: bool = True  # False on OCR pages: bold/underline cannot be seen
    # PDF text layers only, and only when read for a review copy (ingest.char_boxes.keeping_char_boxes):
    # one (x0, top, x1, bottom) per character of ``text``, None for a character the page does
    # not draw (a space the reader inserted, a table's " | "). Highlights are drawn over them.
    char_boxes: tuple[tuple[float, float, float, float] | None, ...] = field(default=(), repr=False, compare=False)
    figures: tuple[OcrFigure, ...] = ()  # OCR pages: the numbers on the line and how sure the reading is


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    lines: tuple[Line, ...]
    width: float = 0.0
    height: float = 0.0
    ocr: bool = False
    ocr_engine: str = ""  # OCR pages: the engine that read it ("rapidocr 1.4.4 PP-OCRv4", "tesseract 5.3.0")
    ocr_confidence: float | None = None  # OCR pages: the engine's mean confidence over the page, 0..1


@dataclass(frozen=True)
class Document:
    """What a reader returns: the same shape for every file type."""

    path: str  # as the user gave it
    format: str  # "pdf" | "docx" | "txt" | "md" | "html"
    pages: tuple[Page, ...]
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for page in self.pages for line in page.lines)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# --------------------------------------------------------------------------- clauses


@dataclass(frozen=True)
class Clause:
    """One numbered (or headed) unit of a contract, in document order.

    ``path`` is stable and short: "0" for the preamble, the article number for 第X条
    ("7"), nested items below it ("7.2", "7.2.1"); chapters and sections that merely
    group articles are "ch2" / "ch2.s1". ``text`` is the clause's own text (its heading
    line included, its children's text not).
    """

    path: str
    number: str  # as written: "第七条", "（二）", "1.1", "" for the preamble
    title: str  # "" where the clause has no title
    text: str
    level: int  # 0 = preamble / top, increasing with depth
    kind: str  # "preamble" | "agreement" (a bundled agreement's title) | "chapter" | "section" | "article" | "item" | "heading"
    page_start: int
    page_end: int
    line_start: int  # index into Document.lines of the first line
    line_end: int  # index of the last line (inclusive)
    parent: str | None = None  # path of the parent clause
    bold_share: float = 0.0  # share of the clause's own characters in bold
    underline_share: float = 0.0
    body_emphasis_share: float = 0.0  # bold-or-underline share excluding the heading line
    emphasis_known: bool = True


@dataclass(frozen=True)
class Contract:
    """A document with its clause structure."""

    document: Document
    clauses: tuple[Clause, ...]

    @property
    def path(self) -> str:
        return self.document.path

    def clause(self, path: str) -> Clause | None:
        for c in self.clauses:
            if c.path == path:
                return c
        return None


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class Fact:
    """One thing read from the contract, with where it was read.

    kind: "topic" | "obligation" | "rate" | "amount" | "date" | "term" | "party" | "flag"
    name: the topic / action / role, e.g. "overdue_interest", "disclose_debt_to_third_party"
    value: the number, ISO date, modality ("permitted" | "required" | "forbidden") ...
    attrs: anything more (stated form, period, actor, annualized figure ...)
    """

    kind: str
    name: str
    value: Any
    clause: str
    page: int
    evidence: str
    attrs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FactSet:
    """All facts of one contract plus the document-level summary the rules read."""

    items: tuple[Fact, ...]
    summary: Mapping[str, Any]

    def of_kind(self, kind: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.items if f.kind == kind)


# --------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class LegalBasis:
    """One basis of a rule: a verbatim ``quote`` of a text that was read, or, for a text not
    read in a primary copy, a ``summary`` named as such (never a quote marked unverified).
    ``regimes``: the regime tags it applies under (civil-code, transition, licensed,
    small-loan); empty = every regime."""

    statute: str
    article: str
    quote: str = ""
    summary: str = ""
    regimes: tuple[str, ...] = ()

    @property
    def head(self) -> str:
        return f"{self.statute} {self.article}".strip()

    def __str__(self) -> str:
        if self.quote:
            return f"{self.head}：「{self.quote}」"
        if self.summary:
            return f"{self.head}（要旨）：{self.summary}"
        return self.head

    def applies_to(self, tags: "tuple[str, ...] | frozenset[str] | set[str]") -> bool:
        return not self.regimes or bool(set(self.regimes) & set(tags))


@dataclass(frozen=True)
class RuleInfo:
    """What reports need to know about a rule (its text is its documentation)."""

    id: str
    severity: Severity
    title_zh: str
    title_en: str
    description: str = ""
    legal_basis: tuple[LegalBasis, ...] = ()
    remediation: str = ""
    tags: tuple[str, ...] = ()
    source: str = ""  # the rule file
    remediation_en: str = ""  # the remediation in English, when the rule has one (reports with --lang en)

    @property
    def title(self) -> str:
        return self.title_zh or self.title_en


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    title: str
    message: str
    legal_basis: tuple[LegalBasis, ...] = ()
    remediation: str = ""
    clause: str = ""  # the clause number as written ("第七条"), "" when the whole document
    clause_path: str = ""
    page: int | None = None
    line_start: int | None = None
    line_end: int | None = None
    evidence: str = ""
    fingerprint: str = ""
    waived: bool = False
    waiver_reason: str = ""
    message_en: str = ""  # the message in English, when the rule has one (reports with --lang en)
    waiver_expires: str = ""  # ISO date, "" when the waiver has no expiry
    # Where review copies anchor the finding: [start, end) in Document.text of the evidence,
    # or of the clause's heading line when there is no evidence; None for the whole document.
    text_span: tuple[int, int] | None = None
    new: bool = False  # a --baseline was given and this finding is not in it
    remediation_en: str = ""  # the remediation in English, when the rule has one (reports with --lang en)


# The facts the interface names: every document result carries them, null where unknown.
REPORT_FACTS = ("contract_date", "loan_amount", "interest_rate_annual_pct", "overdue_rate_annual_pct",
                "rate_cap_annual_pct", "lender_class", "via_platform", "is_template")


def build_order(f: Finding) -> tuple[Any, ...]:
    """The order of ``DocumentResult.findings``: severity (critical first), line, rule id, then
    page, clause path and evidence, so that no two different findings tie."""
    return (-f.severity.rank, f.line_start if f.line_start is not None else -1, f.rule_id,
            f.page or 0, f.clause_path, f.evidence)


def reading_order(f: Finding) -> tuple[Any, ...]:
    """The order reports list findings in: severity (critical first), page, clause path, rule id."""
    return (-f.severity.rank, f.page or 0, _path_key(f.clause_path), f.rule_id, f.evidence)


def _path_key(path: str) -> tuple[tuple[int, Any], ...]:
    # "7.10" after "7.2": compare the numeric parts as numbers, the rest as text.
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in path.split(".")) if path else ()


@dataclass(frozen=True)
class Note:
    """Something a report says besides its findings, in no language: a ``code`` naming the
    sentence and the ``values`` that fill it (dates, figures, paths, rule ids; a text supplied
    by a rule pack or a user comes as written, a rule pack's in both ``zh`` and ``en``).
    ``reports/i18n.py`` lists the codes and renders each in Chinese or English, so that a
    note made by an earlier stage never puts one language inside the other's report."""

    code: str
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentResult:
    path: str
    status: str  # "checked" | "error" | "skipped" (not a loan document: no findings, ``reason`` says why)
    error: str | None = None  # an error result's one-line reason
    pages: int = 0
    facts: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    profile: str | None = None
    profile_reason: str | None = None
    notes: tuple[Note, ...] = ()
    reason: Note | None = None  # why a document was skipped
    # Set when pages were read by OCR: {"engine": ..., "pages": [1, 3], "mean_confidence": 0.97,
    # "page_confidence": {"1": 0.98, "3": 0.96}} (see pipeline.ocr_summary)
    ocr: Mapping[str, Any] | None = None
    profile_note: Note | None = None  # profile_reason in both languages (a ``regime`` note)
    error_kind: ErrorKind | None = None  # an error result's code; None if stored by an older checker

    def __post_init__(self) -> None:
        if not all(key in self.facts for key in REPORT_FACTS):
            object.__setattr__(self, "facts", {**{key: None for key in REPORT_FACTS}, **self.facts})


@dataclass(frozen=True)
class RunResult:
    documents: tuple[DocumentResult, ...]
    profile: str
    version: str
    rules: tuple[RuleInfo, ...] = ()  # the rules in force (for SARIF / HTML help text)
    notes: tuple[Note, ...] = ()  # run-level notes: expired waivers, baseline use ...

    def count_by_severity(self) -> dict[str, int]:
        counts = {s: 0 for s in SEVERITIES}
        for doc in self.documents:
            for f in doc.findings:
                if not f.waived:
                    counts[f.severity.value] += 1
        return counts
