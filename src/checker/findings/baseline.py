"""The baseline: an earlier JSON report whose findings are known and not reported again.

Findings are matched by document path, rule id and clause, never by line or page, so that an
edit above a known problem does not bring it back. Evidence is left out of the key on purpose:
re-wording the same clause is still the same known problem until someone fixes the clause.
"""
from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Iterable, Sequence

from ..errors import ConfigError
from ..model import DocumentResult, Finding, Note
from .fingerprint import normalise_path

BaselineKey = tuple[str, str, str]  # (normalised path, rule id, clause)


def baseline_key(path: str, rule_id: str, clause_path: str, clause: str = "") -> BaselineKey:
    """The identity of a finding across runs. The clause number is the fallback when a report has no clause path."""
    return (normalise_path(path), rule_id, clause_path or clause)


def finding_key(path: str, finding: Finding) -> BaselineKey:
    return baseline_key(path, finding.rule_id, finding.clause_path, finding.clause)


def load_baseline(report_json_path: str) -> set[BaselineKey]:
    """The keys of every finding (active or waived) in a JSON report written by ``--format json``."""
    try:
        with open(report_json_path, encoding="utf-8") as fh:
            report = json.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"--baseline {report_json_path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"--baseline {report_json_path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"--baseline {report_json_path}: not a JSON report: {exc}") from None
    except RecursionError:  # json nests by recursion: a hostile file can be thousands deep
        raise ConfigError(f"--baseline {report_json_path}: not a JSON report: nested too deeply") from None
    try:
        return set(_keys(report))
    except (AttributeError, KeyError, TypeError, RecursionError) as exc:
        raise ConfigError(f"--baseline {report_json_path}: not a checker JSON report ({exc!r})") from None


def _keys(report: dict[str, Any]) -> Iterable[BaselineKey]:
    for doc in report["documents"]:
        path = doc["path"]
        for item in [*doc.get("findings", ()), *doc.get("waived", ())]:
            yield baseline_key(path, item["rule_id"], item.get("clause_path") or "", item.get("clause") or "")


def apply_baseline(results: Sequence[DocumentResult],
                   keys: set[BaselineKey]) -> tuple[list[DocumentResult], list[Note]]:
    """Drop the findings the baseline already knows and mark the rest ``new``; one note says
    how many were dropped."""
    dropped = 0
    out = []
    for doc in results:
        kept = tuple(replace(f, new=True) for f in doc.findings if finding_key(doc.path, f) not in keys)
        dropped += len(doc.findings) - len(kept)
        out.append(replace(doc, findings=kept) if doc.findings else doc)
    return out, [Note("baseline", {"known": dropped})]
