"""Results as plain dicts and back: the one shape of a result outside the process.

The JSON report (``reports/json_report.py``) is ``run_to_dict`` with the run-level envelope
(tool, summary) added; the result cache and the results store keep ``document_to_dict``; the
keys the interface (../shared/spec/interface.md) names come first, in its order, and keep their meaning:

- a document's ``findings`` are the ones that count, in reading order, and ``waived`` the ones
  a waiver covers (each with ``waiver_reason`` and ``waiver_expires``);
- a finding's ``legal_basis`` is one line of text per basis; ``legal_basis_detail`` holds the
  same bases field by field, which is what ``finding_from_dict`` rebuilds them from;
- ``error_kind`` is the code of an error result's ``error`` (errors.ErrorKind), else null;
- ``ocr`` is present only on a document with OCR'd pages.

Reading back (``*_from_dict``) checks every field, because a cache entry or a store row is
written by whoever can write that file: a wrong type, an unknown status or severity, a lone
surrogate or an oversized field raises InvalidResult instead of reaching a report. Findings come
back in ``model.build_order`` (the order a check produces), so a result round-trips unchanged.
Written by hand rather than with ``dataclasses.asdict`` so that enums, tuples and nested legal
bases come back as the same frozen types the rest of the pipeline expects.
"""
from __future__ import annotations

import math
import re
from typing import Any, Mapping

from .errors import ErrorKind
from .model import DocumentResult, Finding, LegalBasis, Note, RunResult, Severity, build_order, reading_order

STATUSES = ("checked", "error", "skipped")
MAX_TEXT = 100_000  # characters of one stored text field
MAX_ITEMS = 10_000  # findings, notes, legal bases or list values in one result
MAX_COUNT = 10_000_000  # pages and line numbers
_SEVERITIES = {s.value for s in Severity}
_RULE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:/#-]{0,199}")
_NOTE_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")
_HEX = re.compile(r"[0-9a-f]{1,128}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class InvalidResult(ValueError):
    """A stored result that does not match the result schema (the reason names the field)."""


# -- to plain dicts ---------------------------------------------------------------------------


def run_to_dict(run: RunResult) -> dict[str, Any]:
    """The run as the JSON report lists it, without the envelope (tool, summary)."""
    return {
        "profile": run.profile,
        "documents": [document_to_dict(d) for d in run.documents],
        "notes": [note_to_dict(n) for n in run.notes],
    }


def document_to_dict(doc: DocumentResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": doc.path,
        "status": doc.status,
        "error": doc.error,
        "error_kind": ErrorKind(doc.error_kind).value if doc.error_kind else None,
        "pages": doc.pages,
        # sorted so the output does not depend on the order the extractor filled the dict
        "facts": {str(k): doc.facts[k] for k in sorted(doc.facts, key=str)},
        "findings": [finding_to_dict(f) for f in sorted(doc.findings, key=reading_order) if not f.waived],
        "waived": [finding_to_dict(f) for f in sorted(doc.findings, key=reading_order) if f.waived],
        "profile": doc.profile,
        "profile_reason": doc.profile_reason,
        "notes": [note_to_dict(n) for n in doc.notes],
        "reason": note_to_dict(doc.reason) if doc.reason is not None else None,
        "profile_note": note_to_dict(doc.profile_note) if doc.profile_note is not None else None,
    }
    if doc.ocr:  # only on scanned documents: a typed document's report keeps its shape
        out["ocr"] = dict(doc.ocr)
    return out


def note_to_dict(note: Note | str) -> dict[str, Any]:
    """A note as its code and values (the reports add its text in their language)."""
    if isinstance(note, str):  # a result read from an older store and passed on unchanged
        note = Note("text", {"text": note})
    return {"code": note.code, "values": dict(note.values)}


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule_id": finding.rule_id,
        "severity": finding.severity.value,
        "title": finding.title,
        "message": finding.message,
        "legal_basis": [str(b) for b in finding.legal_basis],
        "remediation": finding.remediation,
        "clause": finding.clause,
        "clause_path": finding.clause_path,
        "page": finding.page,
        "evidence": finding.evidence,
        "fingerprint": finding.fingerprint,
    }
    if finding.waived:
        out["waiver_reason"] = finding.waiver_reason
        out["waiver_expires"] = finding.waiver_expires
    out.update({
        "message_en": finding.message_en,
        "remediation_en": finding.remediation_en,
        "line_start": finding.line_start,
        "line_end": finding.line_end,
        "text_span": list(finding.text_span) if finding.text_span else None,
        "new": finding.new,
        "legal_basis_detail": [legal_basis_to_dict(b) for b in finding.legal_basis],
    })
    return out


def legal_basis_to_dict(basis: LegalBasis) -> dict[str, Any]:
    return {"statute": basis.statute, "article": basis.article, "quote": basis.quote, "summary": basis.summary,
            "regimes": list(basis.regimes)}


# -- back from plain dicts ----------------------------------------------------------------------


def run_from_dict(data: Mapping[str, Any]) -> RunResult:
    """The run a JSON report (or ``run_to_dict``) describes; the rules in force are not in it."""
    data = _mapping(data, "run")
    tool = data.get("tool") or {}
    version = _text(_mapping(tool, "tool"), "version")
    return RunResult(documents=tuple(document_from_dict(d) for d in _list(data, "documents")),
                     profile=_text(data, "profile", required=True), version=version,
                     notes=tuple(note_from_dict(n, "notes") for n in _list(data, "notes")))


def document_from_dict(data: Mapping[str, Any]) -> DocumentResult:
    """The result ``data`` describes, checked field by field (InvalidResult names the field)."""
    data = _mapping(data, "document")
    status = data.get("status")
    if status not in STATUSES:
        raise InvalidResult(f"status: {status!r} is not one of {', '.join(STATUSES)}")
    error = data.get("error")
    if status == "error" and not isinstance(error, str):
        raise InvalidResult("error: an error result needs its reason")
    findings = _list(data, "findings")
    waived = _list(data, "waived")
    if len(findings) + len(waived) > MAX_ITEMS:
        raise InvalidResult(f"findings: more than {MAX_ITEMS:,}")
    facts = data.get("facts", {})
    if not isinstance(facts, Mapping) or not all(isinstance(k, str) for k in facts):
        raise InvalidResult("facts: not a mapping of names")
    for key, value in facts.items():
        _check_value(value, f"facts.{key[:40]}", 0)
    ocr = data.get("ocr")
    if ocr is not None:
        _check_value(_mapping(ocr, "ocr"), "ocr", 0)
    every = [finding_from_dict(f) for f in findings] + [finding_from_dict(f, waived=True) for f in waived]
    return DocumentResult(
        path=_text(data, "path", required=True),
        status=status,
        error=_text(data, "error") if error is not None else None,
        error_kind=_error_kind(data.get("error_kind")),
        pages=_count(data, "pages") or 0,
        facts=dict(facts),
        findings=tuple(sorted(every, key=build_order)),
        profile=_text(data, "profile") if data.get("profile") is not None else None,
        profile_reason=_text(data, "profile_reason") if data.get("profile_reason") is not None else None,
        notes=tuple(note_from_dict(n, "notes") for n in _list(data, "notes")),
        reason=_reason(data),
        profile_note=note_from_dict(data["profile_note"], "profile_note") if data.get("profile_note") else None,
        ocr=dict(ocr) if ocr else None,
    )


def note_from_dict(data: Any, where: str) -> Note:
    """A stored note (its ``text``, which a JSON report adds, is not read back); plain text,
    from a result stored before notes had codes, becomes a ``text`` note."""
    if isinstance(data, str):
        return Note("text", {"text": _plain_text(data, where)})
    data = _mapping(data, where)
    code, values = data.get("code"), data.get("values", {})
    if not isinstance(code, str) or not _NOTE_CODE.fullmatch(code):
        raise InvalidResult(f"{where}.code: {str(code)[:40]!r} is not a note code")
    if not isinstance(values, Mapping) or not all(isinstance(k, str) for k in values):
        raise InvalidResult(f"{where}.values: not a mapping of names")
    for key, value in values.items():
        _check_value(value, f"{where}.values.{key[:40]}", 0)
    return Note(code, dict(values))


def _reason(data: Mapping[str, Any]) -> Note | None:
    """A skipped document's reason: the note under ``reason_note`` (a JSON report, whose
    ``reason`` is text), else under ``reason`` (the cache and the store)."""
    if data.get("reason_note") is not None:
        return note_from_dict(data["reason_note"], "reason_note")
    return note_from_dict(data["reason"], "reason") if data.get("reason") is not None else None


def finding_from_dict(data: Mapping[str, Any], waived: bool = False) -> Finding:
    """A finding; ``waived`` for one listed under a document's ``waived``. A result stored by an
    older checker keeps its bases as mappings under ``legal_basis`` and a ``waived`` flag."""
    data = _mapping(data, "finding")
    severity = data.get("severity")
    if severity not in _SEVERITIES:
        raise InvalidResult(f"finding.severity: {severity!r} is not a severity")
    rule_id = _text(data, "rule_id", required=True)
    if not _RULE_ID.fullmatch(rule_id):
        raise InvalidResult(f"finding.rule_id: {rule_id[:40]!r} is not a rule id")
    fingerprint = _text(data, "fingerprint")
    if fingerprint and not _HEX.fullmatch(fingerprint):
        raise InvalidResult("finding.fingerprint: not a hex digest")
    return Finding(
        rule_id=rule_id,
        severity=Severity(severity),
        title=_text(data, "title", required=True),
        message=_text(data, "message", required=True),
        message_en=_text(data, "message_en"),
        legal_basis=_legal_bases(data),
        remediation=_text(data, "remediation"),
        remediation_en=_text(data, "remediation_en"),
        clause=_text(data, "clause"),
        clause_path=_text(data, "clause_path"),
        page=_count(data, "page"),
        line_start=_count(data, "line_start"),
        line_end=_count(data, "line_end"),
        evidence=_text(data, "evidence"),
        fingerprint=fingerprint,
        waived=waived or _flag(data, "waived"),
        waiver_reason=_text(data, "waiver_reason"),
        waiver_expires=_text(data, "waiver_expires"),
        text_span=_span(data.get("text_span")),
        new=_flag(data, "new"),
    )


def legal_basis_from_dict(data: Mapping[str, Any]) -> LegalBasis:
    data = _mapping(data, "legal_basis")
    regimes = _list(data, "regimes")
    return LegalBasis(statute=_text(data, "statute", required=True), article=_text(data, "article", required=True),
                      quote=_text(data, "quote"), summary=_text(data, "summary"),
                      regimes=tuple(_plain_text(r, "regimes") for r in regimes))


def _legal_bases(data: Mapping[str, Any]) -> tuple[LegalBasis, ...]:
    lines = _list(data, "legal_basis")
    if "legal_basis_detail" not in data and all(isinstance(b, Mapping) for b in lines):
        return tuple(legal_basis_from_dict(b) for b in lines)  # stored by an older checker
    for line in lines:
        _plain_text(line, "legal_basis")
    return tuple(legal_basis_from_dict(b) for b in _list(data, "legal_basis_detail"))


def _error_kind(value: Any) -> ErrorKind | None:
    """An error result's code; None on one stored by a checker that had no codes yet."""
    if value is None:
        return None
    try:
        return ErrorKind(value)
    except ValueError:
        raise InvalidResult(f"error_kind: {str(value)[:40]!r} is not an error kind") from None


def _span(value: Any) -> tuple[int, int] | None:
    """A stored [start, end] text span; results written before spans were kept have none."""
    if value is None:
        return None
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**31 for v in value)
            or value[0] > value[1]):
        raise InvalidResult(f"text_span: {str(value)[:40]!r} is not a [start, end] span")
    return int(value[0]), int(value[1])


# -- field checks ---------------------------------------------------------------------------


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidResult(f"{where}: not a mapping")
    return value


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, (list, tuple)) or len(value) > MAX_ITEMS:
        raise InvalidResult(f"{key}: not a list (of at most {MAX_ITEMS:,})")
    return list(value)


def _plain_text(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT or _SURROGATE.search(value):
        raise InvalidResult(f"{where}: not text (or too long, or not encodable)")
    return value


def _text(data: Mapping[str, Any], key: str, required: bool = False) -> str:
    if key not in data or data[key] is None:
        if required:
            raise InvalidResult(f"{key}: missing")
        return ""
    return _plain_text(data[key], key)


def _count(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise InvalidResult(f"{key}: {str(value)[:40]!r} is not a count")
    return value


def _flag(data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise InvalidResult(f"{key}: not true/false")
    return value


def _check_value(value: Any, where: str, depth: int) -> None:
    """A fact value: null, true/false, a finite number, text, or lists/mappings of them."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidResult(f"{where}: not a finite number")
        return
    if isinstance(value, str):
        _plain_text(value, where)
        return
    if depth >= 3:
        raise InvalidResult(f"{where}: nested too deeply")
    if isinstance(value, (list, tuple)):
        if len(value) > MAX_ITEMS:
            raise InvalidResult(f"{where}: too many values")
        for item in value:
            _check_value(item, where, depth + 1)
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            _plain_text(key, where)
            _check_value(item, where, depth + 1)
        return
    raise InvalidResult(f"{where}: not a JSON value")
