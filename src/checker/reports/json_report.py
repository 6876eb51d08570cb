"""The JSON report of docs/interface.md: the run model dumped (checker.serialize), keys in a fixed order.

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

from checker.model import RunResult
from checker.reports.common import error_count
from checker.serialize import run_to_dict

EXTENSION = ".json"
TOOL_NAME = "checker"


def render(run: RunResult, *, color: bool = False) -> str:
    """The report as pretty-printed UTF-8 JSON text (Chinese stays readable)."""
    del color  # JSON has no colour
    return json.dumps(report_dict(run), ensure_ascii=False, indent=2, default=_plain) + "\n"


def report_dict(run: RunResult) -> dict[str, Any]:
    """The report as plain dicts and lists, in the order it is written: the run dumped by
    ``checker.serialize`` inside the envelope (tool, summary)."""
    body = run_to_dict(run)
    return {
        "tool": {"name": TOOL_NAME, "version": run.version},
        "profile": body.pop("profile"),
        "summary": {
            "documents": len(run.documents),
            "errors": error_count(run),
            "skipped": sum(1 for d in run.documents if d.status == "skipped"),
            "findings": run.count_by_severity(),
        },
        **body,
    }


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
