"""The JSON report of the interface (../shared/spec/interface.md): the run model dumped (checker.serialize), keys in a fixed order.

Its shape is documented as a JSON Schema in ``checker/schemas/report.schema.json``.
Waived findings are listed per document under ``"waived"`` and never counted in the summary.
Notes are stored as a code and values (``serialize``); the report adds each one's ``text`` in
the report's language, and gives a skipped document's ``reason`` as that text with the note
itself under ``reason_note``.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
import json
import numbers
from typing import Any, Mapping

from checker.model import Note, RunResult
from checker.reports import i18n
from checker.reports.common import error_count
from checker.serialize import note_to_dict, run_to_dict

EXTENSION = ".json"
TOOL_NAME = "checker"


def render(run: RunResult, *, color: bool = False, lang: str = "zh") -> str:
    """The report as pretty-printed UTF-8 JSON text (Chinese stays readable); notes and
    reasons in ``lang``."""
    del color  # JSON has no colour
    return json.dumps(report_dict(run, lang), ensure_ascii=False, indent=2, default=_plain) + "\n"


def report_dict(run: RunResult, lang: str = "zh") -> dict[str, Any]:
    """The report as plain dicts and lists, in the order it is written: the run dumped by
    ``checker.serialize`` inside the envelope (tool, summary), each note with its text."""
    body = run_to_dict(run)
    body["notes"] = [note_dict(n, lang) for n in run.notes]
    body["documents"] = [_with_texts(d, doc, lang) for d, doc in zip(body["documents"], run.documents)]
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


def note_dict(note: Note | str, lang: str = "zh") -> dict[str, Any]:
    """A note as its code, its values and its text in ``lang``."""
    if isinstance(note, str):  # a result stored before notes had codes
        note = Note("text", {"text": note})
    return {**note_to_dict(note), "text": i18n.note(note, lang)}


def _with_texts(out: dict[str, Any], doc: Any, lang: str) -> dict[str, Any]:
    """A dumped document with its notes' texts, its ``reason`` as text beside ``reason_note``
    and its ``profile_reason`` in ``lang``."""
    out["notes"] = [note_dict(n, lang) for n in doc.notes]
    reason = note_dict(doc.reason, lang) if doc.reason is not None else None
    keys = list(out)
    at = keys.index("reason") + 1
    texts = {"reason": reason["text"] if reason else None, "reason_note": reason}
    out = {**{k: out[k] for k in keys[:at - 1]}, **texts, **{k: out[k] for k in keys[at:]}}
    if doc.profile_note is not None:  # the interface's profile_reason, in the report's language
        out["profile_note"] = note_dict(doc.profile_note, lang)
        out["profile_reason"] = out["profile_note"]["text"]
    return out


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
