"""DocumentResult <-> plain dicts, for the result cache.

Written by hand rather than with ``dataclasses.asdict`` so that enums, tuples and nested
legal bases come back as the same frozen types the rest of the pipeline expects.
"""
from __future__ import annotations

from typing import Any, Mapping

from ..model import DocumentResult, Finding, LegalBasis, Severity


def legal_basis_to_dict(basis: LegalBasis) -> dict[str, str]:
    return {"statute": basis.statute, "article": basis.article, "quote": basis.quote}


def legal_basis_from_dict(data: Mapping[str, Any]) -> LegalBasis:
    return LegalBasis(statute=str(data["statute"]), article=str(data["article"]), quote=str(data.get("quote", "")))


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.value,
        "title": finding.title,
        "message": finding.message,
        "message_en": finding.message_en,
        "legal_basis": [legal_basis_to_dict(b) for b in finding.legal_basis],
        "remediation": finding.remediation,
        "clause": finding.clause,
        "clause_path": finding.clause_path,
        "page": finding.page,
        "line_start": finding.line_start,
        "line_end": finding.line_end,
        "evidence": finding.evidence,
        "fingerprint": finding.fingerprint,
        "waived": finding.waived,
        "waiver_reason": finding.waiver_reason,
    }


def finding_from_dict(data: Mapping[str, Any]) -> Finding:
    return Finding(
        rule_id=data["rule_id"],
        severity=Severity(data["severity"]),
        title=data["title"],
        message=data["message"],
        message_en=data.get("message_en", ""),
        legal_basis=tuple(legal_basis_from_dict(b) for b in data.get("legal_basis", ())),
        remediation=data.get("remediation", ""),
        clause=data.get("clause", ""),
        clause_path=data.get("clause_path", ""),
        page=data.get("page"),
        line_start=data.get("line_start"),
        line_end=data.get("line_end"),
        evidence=data.get("evidence", ""),
        fingerprint=data.get("fingerprint", ""),
        waived=bool(data.get("waived", False)),
        waiver_reason=data.get("waiver_reason", ""),
    )


def document_to_dict(doc: DocumentResult) -> dict[str, Any]:
    return {
        "path": doc.path,
        "status": doc.status,
        "error": doc.error,
        "pages": doc.pages,
        "facts": dict(doc.facts),
        "findings": [finding_to_dict(f) for f in doc.findings],
        "profile": doc.profile,
        "profile_reason": doc.profile_reason,
        "notes": list(doc.notes),
    }


def document_from_dict(data: Mapping[str, Any]) -> DocumentResult:
    return DocumentResult(
        path=data["path"],
        status=data["status"],
        error=data.get("error"),
        pages=int(data.get("pages", 0)),
        facts=dict(data.get("facts", {})),
        findings=tuple(finding_from_dict(f) for f in data.get("findings", ())),
        profile=data.get("profile"),
        profile_reason=data.get("profile_reason"),
        notes=tuple(data.get("notes", ())),
    )
