"""The JSON report of docs/interface.md: the run model dumped, keys in a fixed order.

Its shape is documented as a JSON Schema in ``checker/schemas/report.schema.json``.
Waived findings are listed per document under ``"waived"`` and never counted in the summary.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
import json
import numbers
from typing import Any, Mapping

from checker.model import DocumentResult, Finding, RunResult
from checker.reports.common import active, error_count, waived

EXTENSION = ".json"
TOOL_NAME = "checker"


def render(run: RunResult, *, color: bool = False) -> str:
    """The report as pretty-printed UTF-8 JSON text (Chinese stays readable)."""
    del color  # JSON has no colour
    return json.dumps(report_dict(run), ensure_ascii=False, indent=2, default=_plain) + "\n"


def report_dict(run: RunResult) -> dict[str, Any]:
    """The report as plain dicts and lists, in the order it is written."""
    return {
        "tool": {"name": TOOL_NAME, "version": run.version},
        "profile": run.profile,
        "summary": {
            "documents": len(run.documents),
            "errors": error_count(run),
            "skipped": sum(1 for d in run.documents if d.status == "skipped"),
            "findings": run.count_by_severity(),
        },
        "documents": [_document(d) for d in run.documents],
        "notes": list(run.notes),
    }


def _document(doc: DocumentResult) -> dict[str, Any]:
    out = {
        "path": doc.path,
        "status": doc.status,
        "error": doc.error,
        "pages": doc.pages,
        "facts": _facts(doc.facts),
        "findings": [_finding(f) for f in active(doc)],
        "waived": [_finding(f, waived=True) for f in waived(doc)],
        "profile": doc.profile,
        "profile_reason": doc.profile_reason,
        "notes": list(doc.notes),
        "reason": doc.reason,
    }
    if doc.ocr:  # only on scanned documents: a typed document's report keeps its shape
        out["ocr"] = dict(doc.ocr)
    return out


def _finding(f: Finding, *, waived: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule_id": f.rule_id,
        "severity": f.severity.value,
        "title": f.title,
        "message": f.message,
        "legal_basis": [str(b) for b in f.legal_basis],
        "remediation": f.remediation,
        "clause": f.clause,
        "clause_path": f.clause_path,
        "page": f.page,
        "evidence": f.evidence,
        "fingerprint": f.fingerprint,
    }
    if waived:
        out["waiver_reason"] = f.waiver_reason
    return out


def _facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    # Sorted so the report does not depend on the order the extractor filled the dict.
    return {str(k): facts[k] for k in sorted(facts, key=str)}


def _plain(value: Any) -> Any:
    """JSON fallback for values a fact may hold: dates, enums, sets, tuples, dataclasses."""
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, numbers.Real):  # Decimal, numpy scalars
        return float(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, Mapping):
        return dict(value)
    return str(value)
