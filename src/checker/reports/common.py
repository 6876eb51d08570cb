"""Helpers every report format shares: ordering, counting, rule lookup, text fitting.

Kept free of any output syntax so that each format module only decides how things look.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable, Mapping

from checker.model import SEVERITIES, DocumentResult, Finding, LegalBasis, RuleInfo, RunResult, reading_order

ELLIPSIS = "…"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

# DocumentResult.facts keys naming the rate cap applied to a document, most specific first.
CAP_KEYS = ("rate_cap_annual_pct", "rate_cap_pct", "rate_cap")


def ocr_line(doc: DocumentResult) -> str | None:
    """"pages 1-3 read by OCR (engine, mean confidence 0.97)", or None for a typed document."""
    if not doc.ocr:
        return None
    pages = list(doc.ocr.get("pages") or ())
    which = f"page {pages[0]}" if len(pages) == 1 else f"pages {', '.join(str(p) for p in pages)}"
    conf = doc.ocr.get("mean_confidence")
    details = ", ".join(x for x in (doc.ocr.get("engine"), f"mean confidence {conf:.2f}" if conf is not None else "") if x)
    return f"{which} read by OCR ({details})" if details else f"{which} read by OCR"


def active(doc: DocumentResult) -> list[Finding]:
    """The findings that count: not waived, most severe first, then in page and clause order."""
    return sort_findings(f for f in doc.findings if not f.waived)


def waived(doc: DocumentResult) -> list[Finding]:
    """The waived findings, in the same order as :func:`active` uses."""
    return sort_findings(f for f in doc.findings if f.waived)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Deterministic reading order: severity (critical first), page, clause path, rule id."""
    return sorted(findings, key=reading_order)


def doc_counts(doc: DocumentResult) -> dict[str, int]:
    """Active findings of one document by severity, every severity present."""
    counts = {s: 0 for s in SEVERITIES}
    for f in doc.findings:
        if not f.waived:
            counts[f.severity.value] += 1
    return counts


def error_count(run: RunResult) -> int:
    return sum(1 for d in run.documents if d.status == "error")


def rule_index(run: RunResult) -> dict[str, RuleInfo]:
    """The rules in force by id."""
    return {r.id: r for r in run.rules}


def legal_basis_for(finding: Finding, rules: Mapping[str, RuleInfo]) -> tuple[LegalBasis, ...]:
    """The bases the finding cites (those of its document's regime), else the rule's."""
    if finding.legal_basis:
        return finding.legal_basis
    rule = rules.get(finding.rule_id)
    return rule.legal_basis if rule is not None else ()


def remediation_for(finding: Finding, rules: Mapping[str, RuleInfo], lang: str = "zh") -> str:
    """The finding's remediation in ``lang``: the finding's own, else its rule's. An English
    report falls back to the Chinese text when neither has an English one (a user's rule
    without ``remediation_en``, a result stored before rules had it)."""
    rule = rules.get(finding.rule_id)
    if lang == "en":
        english = finding.remediation_en or (rule.remediation_en if rule is not None else "")
        if english:
            return english
    if finding.remediation:
        return finding.remediation
    return rule.remediation if rule is not None else ""


def rule_remediation(rule: RuleInfo, lang: str = "zh") -> str:
    """A rule's remediation in ``lang`` (English falls back to the Chinese text)."""
    return (rule.remediation_en if lang == "en" else "") or rule.remediation


def rate_cap(doc: DocumentResult) -> Any:
    """The annual rate cap applied to a document, or None when the facts do not say."""
    for key in CAP_KEYS:
        value = doc.facts.get(key)
        if value is not None:
            return value
    return None


def plain_number(value: Any) -> str:
    """Numbers without noise: 13.8 not 13.800000000000001, 24 not 24.0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{value:.4f}".rstrip("0").rstrip(".")


def one_line(text: str) -> str:
    """Collapse whitespace (newlines included) to single spaces and drop control characters.

    Dropping them keeps a contract's stray ESC or NUL from reaching a terminal or a parser.
    """
    return _CONTROL.sub("", " ".join(str(text).split()))


def xml_safe(text: str) -> str:
    """Drop control characters (XML 1.0 cannot carry them; terminals would obey them)."""
    return _CONTROL.sub("", str(text))


def char_width(ch: str) -> int:
    """Terminal columns of one character: 2 for wide/fullwidth (CJK), 0 for combining marks."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def shorten(text: str, width: int = 80) -> str:
    """One line of at most ``width`` display columns, cut with an ellipsis when longer."""
    flat = one_line(text)
    if display_width(flat) <= width:
        return flat
    out, used = [], 0
    for ch in flat:
        w = char_width(ch)
        if used + w > width - 1:  # keep one column for the ellipsis
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + ELLIPSIS


def pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` display columns."""
    return text + " " * max(0, width - display_width(text))
