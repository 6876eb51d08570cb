"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One result per finding that is not waived; the rules come from the rules in force, so
every alert links to its statute and suggested wording. Unreadable documents become tool
execution notifications. Results carry ``partialFingerprints`` so alerts survive edits.
"""
from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from checker.model import DocumentResult, Finding, Note, RuleInfo, RunResult
from checker.reports import i18n
from checker.reports.common import active, legal_basis_for, one_line, rule_remediation

EXTENSION = ".sarif"
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "checker"
FINGERPRINT_KEY = "checker/v1"
SRCROOT = "%SRCROOT%"

LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
# GitHub maps these to its critical (>= 9.0), high (7.0-8.9), medium (4.0-6.9) and low bands.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "0.0"}


def render(run: RunResult, *, color: bool = False, lang: str = "zh") -> str:
    """The SARIF log as JSON text; titles, messages and help in ``lang`` (zh | en)."""
    del color
    return json.dumps(sarif_log(run, lang), ensure_ascii=False, indent=2) + "\n"


def sarif_log(run: RunResult, lang: str = "zh") -> dict[str, Any]:
    """The SARIF log as plain dicts and lists."""
    rules = _rules_in_use(run)
    index = {r.id: i for i, r in enumerate(rules)}
    results = [_result(doc, f, index, lang) for doc in run.documents for f in active(doc)]
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": _driver(run.version, rules, lang)},
                "invocations": [_invocation(run, lang)],
                "results": results,
                "columnKind": "unicodeCodePoints",
                "properties": _run_properties(run),
            }
        ],
    }


def _run_properties(run: RunResult) -> dict[str, Any]:
    """The profile, and which documents were read by OCR (engine, pages, mean confidence): a
    scanned document without findings has no result to carry that on."""
    properties: dict[str, Any] = {"profile": run.profile}
    scanned = [{"uri": artifact_location(d.path)["uri"], **dict(d.ocr)} for d in run.documents if d.ocr]
    if scanned:
        properties["ocrDocuments"] = scanned
    return properties


def _rules_in_use(run: RunResult) -> list[RuleInfo]:
    """The rules in force, plus a stand-in for any finding whose rule was not listed."""
    rules = list(run.rules)
    known = {r.id for r in rules}
    for doc in run.documents:
        for f in doc.findings:
            if f.rule_id not in known:
                known.add(f.rule_id)
                rules.append(RuleInfo(f.rule_id, f.severity, f.title, "", legal_basis=f.legal_basis,
                                      remediation=f.remediation, remediation_en=f.remediation_en))
    return rules


def _driver(version: str, rules: list[RuleInfo], lang: str = "zh") -> dict[str, Any]:
    driver: dict[str, Any] = {"name": TOOL_NAME, "version": version, "semanticVersion": version}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = [_rule(r, lang) for r in rules]
    return driver


def information_uri() -> str | None:
    """The project's home page from the installed package metadata, when it declares one."""
    try:
        meta = metadata.metadata("checker")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "repository", "source"):
            return url.strip()
    home = meta.get("Home-page")
    return home if home and home.lower() != "unknown" else None


def _title(rule: RuleInfo, lang: str) -> str:
    first, second = (rule.title_en, rule.title_zh) if lang == "en" else (rule.title_zh, rule.title_en)
    return first or second or rule.id


def _rule(rule: RuleInfo, lang: str = "zh") -> dict[str, Any]:
    sev = rule.severity.value
    title = _title(rule, lang)
    # the rule's description is written in English: a Chinese log describes the rule by its title
    full = (one_line(rule.description) if lang == "en" else "") or title
    return {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "help": {"text": _help_text(rule, lang), "markdown": _help_markdown(rule, lang)},
        "defaultConfiguration": {"level": LEVEL[sev]},
        "properties": {
            "tags": sorted({*rule.tags, "compliance"}),
            "severity": sev,
            "security-severity": SECURITY_SEVERITY[sev],
        },
    }


def rule_name(rule_id: str) -> str:
    """SARIF's readable identifier: 'overdue-rate-excessive' -> 'OverdueRateExcessive'."""
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^0-9A-Za-z]+", rule_id) if p) or rule_id


_HEADINGS = {"zh": ("法律依据", "建议表述"), "en": ("Legal basis", "Suggested change")}


def _help_text(rule: RuleInfo, lang: str = "zh") -> str:
    basis, wording = _HEADINGS["en" if lang == "en" else "zh"]
    colon = ":" if lang == "en" else "："
    lines = [_title(rule, lang)]
    if rule.legal_basis:
        lines += ["", basis + colon] + [f"- {b}" for b in rule.legal_basis]
    remedy = rule_remediation(rule, lang)
    if remedy:
        lines += ["", wording + colon, remedy]
    return "\n".join(lines)


def _help_markdown(rule: RuleInfo, lang: str = "zh") -> str:
    basis, wording = _HEADINGS["en" if lang == "en" else "zh"]
    lines = [f"**{_title(rule, lang)}**"]
    if rule.description and lang == "en":
        lines += ["", one_line(rule.description)]
    if rule.legal_basis:
        lines += ["", f"**{basis}**", ""]
        for b in rule.legal_basis:
            lines.append(f"- {b}" + (f" ({', '.join(b.regimes)})" if b.regimes else ""))
    remedy = rule_remediation(rule, lang)
    if remedy:
        lines += ["", f"**{wording}**", "", f"> {one_line(remedy)}"]
    return "\n".join(lines)


def _result(doc: DocumentResult, f: Finding, index: dict[str, int], lang: str = "zh") -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": (f.line_start + 1) if f.line_start is not None else 1}
    end = (f.line_end + 1) if f.line_end is not None else region["startLine"]
    region["endLine"] = max(end, region["startLine"])
    if f.evidence:
        region["snippet"] = {"text": f.evidence}
    properties: dict[str, Any] = {"severity": f.severity.value}
    if doc.ocr:
        properties["ocr"] = dict(doc.ocr)
    if f.page is not None:
        properties["page"] = f.page
    if f.clause:
        properties["clause"] = f.clause
    if f.clause_path:
        properties["clausePath"] = f.clause_path
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index[f.rule_id],
        "level": LEVEL[f.severity.value],
        "message": {"text": _message(f, lang)},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(doc.path), "region": region}}],
        "properties": properties,
    }
    if f.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    return result


def _message(f: Finding, lang: str = "zh") -> str:
    if lang == "en":
        where = ", ".join(p for p in (i18n.clause(f, lang), f"page {f.page}" if f.page else "") if p)
        text = one_line(i18n.message(f, lang)) or f.title or f.rule_id
        return f"{text} ({where})" if where else text
    where = "，".join(p for p in (f.clause, f"第{f.page}页" if f.page else "") if p)
    text = one_line(f.message) or f.title or f.rule_id
    return f"{text}（{where}）" if where else text


def artifact_location(path: str) -> dict[str, Any]:
    """The path as the user gave it: relative stays relative (to %SRCROOT%), absolute is a file URI."""
    posix = path.replace("\\", "/")
    if PureWindowsPath(path).drive or PurePosixPath(posix).is_absolute():
        return {"uri": "file://" + ("" if posix.startswith("/") else "/") + quote(posix, safe="/:")}
    while posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def _invocation(run: RunResult, lang: str = "zh") -> dict[str, Any]:
    notes = [_error_notification(d) for d in run.documents if d.status == "error"]
    notes += [_skipped_notification(d, lang) for d in run.documents if d.status == "skipped"]
    notes += [_note_notification(n, lang, d) for d in run.documents for n in d.notes]
    notes += [_note_notification(n, lang) for n in run.notes]
    invocation: dict[str, Any] = {"executionSuccessful": not any(d.status == "error" for d in run.documents)}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


def _note_notification(note: Note | str, lang: str, doc: DocumentResult | None = None) -> dict[str, Any]:
    """A run's note, or a document's (a rule not judged, a figure not read) located at it."""
    text = one_line(i18n.note(note, lang))
    out: dict[str, Any] = {"level": "note", "message": {"text": f"{doc.path}: {text}" if doc else text}}
    if doc is not None:
        out["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(doc.path)}}]
    if isinstance(note, Note):  # the language-neutral note, for tools that read SARIF
        out["descriptor"] = {"id": f"note-{note.code}"}
        out["properties"] = {"values": dict(note.values)}
    return out


def _skipped_notification(doc: DocumentResult, lang: str) -> dict[str, Any]:
    return {
        "level": "note",
        "message": {"text": f"{doc.path}: {one_line(i18n.reason(doc, lang))}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(doc.path)}}],
        "descriptor": {"id": "document-skipped"},
    }


def _error_notification(doc: DocumentResult) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"{doc.path}: {one_line(doc.error or 'could not be read')}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(doc.path)}}],
        "descriptor": {"id": "document-error"},
    }
