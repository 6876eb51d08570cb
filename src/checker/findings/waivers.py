"""Waivers: a reviewed decision that one rule does not apply to some files, until a date.

A waived finding stays in the result (reports list it as waived, with the reason) but no
longer counts for the gate. An expired waiver stops applying and the run says so, so that a
forgotten exception cannot silence a rule for ever.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable, Sequence

from ..model import DocumentResult, Note
from ..waiver import Waiver, path_matches

__all__ = ["Waiver", "apply_waivers", "path_matches"]


def apply_waivers(results: Sequence[DocumentResult], waivers: Iterable[Waiver],
                  today: date) -> tuple[list[DocumentResult], list[Note]]:
    """Mark findings covered by a live waiver as waived; one run note per expired waiver."""
    waivers = tuple(waivers)
    live = [w for w in waivers if not w.expired(today)]
    out = [_waive(doc, live) for doc in results]
    notes = [_expiry_note(w, results) for w in waivers if w.expired(today)]
    return out, notes


def _waive(doc: DocumentResult, live: list[Waiver]) -> DocumentResult:
    if not live or not doc.findings:
        return doc
    findings = []
    for finding in doc.findings:
        waiver = next((w for w in live if w.covers(finding.rule_id, doc.path)), None)
        if waiver is not None and not finding.waived:
            finding = replace(finding, waived=True, waiver_reason=waiver.reason,
                              waiver_expires=waiver.expires.isoformat() if waiver.expires else "")
        findings.append(finding)
    return replace(doc, findings=tuple(findings))


def _expiry_note(waiver: Waiver, results: Sequence[DocumentResult]) -> Note:
    hits = sum(1 for doc in results for f in doc.findings if waiver.covers(f.rule_id, doc.path))
    return Note("waiver_expired", {"rule": waiver.rule, "path": waiver.path, "reason": waiver.reason,
                                   "expires": waiver.expires.isoformat() if waiver.expires else "", "findings": hits})
