"""GitHub-flavoured Markdown for pull-request comments and wikis, in Chinese (default) or English.

The verdict-free summary of counts, a table of documents sorted by risk, then per document its
findings table. Every cell is escaped: contract text may hold pipes, newlines, backticks or HTML.
"""
from __future__ import annotations

import re

from checker.model import SEVERITIES, DocumentResult, Finding, RuleInfo, RunResult
from checker.reports import cost_view, i18n
from checker.reports.common import (active, doc_counts, error_count, ocr_line, one_line, plain_number, rate_cap,
                                     rule_index, shorten, waived)
from checker.reports.html import risk, sort_by_risk

EXTENSION = ".md"
EVIDENCE_COLUMNS = 120
# ASCII punctuation that changes Markdown or HTML meaning inside a table cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")

_LABELS = {
    "zh": {"report": "合同合规检查报告", "severity": "严重程度", "findings": "发现", "waived_count": "已豁免（不计入）",
           "document": "文件", "status": "状态", "profile": "适用标准", "cap": "利率上限", "pages": "页数",
           "rule": "规则", "clause": "条款", "page": "页", "evidence": "原文", "message": "说明",
           "no_documents": "_没有检查任何文件。_", "no_findings": "未发现问题。", "notes": "**说明**",
           "waived": "已豁免", "note": "说明", "error": "无法读取", "risk": "风险"},
    "en": {"report": "Loan agreement compliance report", "severity": "severity", "findings": "findings",
           "waived_count": "waived (not counted)", "document": "document", "status": "status", "profile": "profile",
           "cap": "cap", "pages": "pages", "rule": "rule", "clause": "clause", "page": "page", "evidence": "evidence",
           "message": "message", "no_documents": "_No documents were checked._", "no_findings": "No findings.",
           "notes": "**Notes**", "waived": "waived", "note": "note", "error": "error", "risk": "risk"},
}


def render(run: RunResult, *, color: bool = False, lang: str = "zh") -> str:
    """The report as Markdown text."""
    del color  # Markdown has no colour of its own
    words = _LABELS["en" if lang == "en" else "zh"]
    rules = rule_index(run)
    documents = sort_by_risk(run.documents)
    parts = [_heading(run, lang), _summary(run, words, lang), _documents(documents, words, lang)]
    parts.extend(_document(d, words, rules, lang) for d in documents)
    if run.notes:
        parts.append("\n".join([words["notes"], ""] + [f"- {cell(i18n.note(n, lang))}" for n in run.notes]))
    return "\n\n".join(p for p in parts if p) + "\n"


def cell(text: object) -> str:
    """One table cell: a single line with Markdown/HTML punctuation and pipes escaped."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = [_SPECIAL.sub(r"\\\1", " ".join(line.split())) for line in lines]
    return "<br>".join(e for e in escaped if e)


def table(header: list[str], rows: list[list[str]], align: str = "") -> str:
    """A GFM table; ``align`` holds one of 'l'/'r' per column (default left)."""
    rule = ["---:" if a == "r" else "---" for a in (align or "l" * len(header)).ljust(len(header), "l")]
    lines = [_row(header), _row(rule)] + [_row(r) for r in rows]
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _heading(run: RunResult, lang: str) -> str:
    errors = error_count(run)
    docs = i18n.count(len(run.documents), "份文件", "document", lang)
    errs = i18n.count(errors, "份无法读取", "error", lang)
    title = _LABELS["en" if lang == "en" else "zh"]["report"]
    return f"## {title}\n\nchecker {cell(run.version)} · {docs} · {errs}"


def _summary(run: RunResult, words: dict[str, str], lang: str) -> str:
    counts = run.count_by_severity()
    skipped = sum(len(waived(d)) for d in run.documents)
    rows = [[i18n.severity(s, lang), str(counts[s])] for s in SEVERITIES] + [[words["waived_count"], str(skipped)]]
    return table([words["severity"], words["findings"]], rows, "lr")


def _status(d: DocumentResult, words: dict[str, str], lang: str) -> str:
    if d.status == "error":
        sep = ": " if lang == "en" else "："
        return words["error"] + sep + cell(one_line(i18n.reason(d, lang)))
    if d.status == "skipped":
        sep = ": " if lang == "en" else "："
        return i18n.word("skipped", lang) + sep + cell(one_line(i18n.reason(d, lang)))
    value = risk(d)
    if value == "skipped":
        return i18n.word("skipped", lang)
    return "—" if value == "none" else i18n.severity(value, lang)


def _documents(documents: list[DocumentResult], words: dict[str, str], lang: str) -> str:
    if not documents:
        return words["no_documents"]
    rows = []
    for d in documents:
        counts = doc_counts(d)
        cap = rate_cap(d)
        marks = "".join(f" ({cell(m)})" if lang == "en" else f"（{cell(m)}）" for m in i18n.marks(d, lang))
        rows.append(
            [cell(d.path) + marks, _status(d, words, lang), cell(i18n.profile(d.profile, lang)),
             "" if cap is None else plain_number(cap) + "%", str(d.pages)]
            + [str(counts[s]) for s in SEVERITIES]
        )
    header = [words["document"], words["risk"], words["profile"], words["cap"], words["pages"],
              *(i18n.severity(s, lang) for s in SEVERITIES)]
    return table(header, rows, "lllrr" + "r" * len(SEVERITIES))


def _document(doc: DocumentResult, words: dict[str, str], rules: dict[str, RuleInfo], lang: str) -> str:
    head = f"### {cell(doc.path)}"
    if doc.status == "error":
        sep = ":" if lang == "en" else "："
        return f"{head}\n\n**{words['error']}{sep}** {cell(one_line(i18n.reason(doc, lang)))}"
    if doc.status == "skipped":
        sep = ":" if lang == "en" else "："
        return f"{head}\n\n**{i18n.word('skipped', lang)}{sep}** {cell(one_line(i18n.reason(doc, lang)))}"
    findings = active(doc)
    parts = [head]
    if doc.profile:
        regime = i18n.profile_reason(doc, lang)
        reason = (f": {cell(regime)}" if lang == "en" else f"：{cell(regime)}") if regime else ""
        parts.append(f"{words['profile']}{': ' if lang == 'en' else '：'}{cell(i18n.profile(doc.profile, lang))}{reason}")
    scanned = ocr_line(doc)
    if scanned:
        parts.append(f"OCR: {cell(scanned)}")
    if cost_view.has_working(doc.facts):
        parts.append(cell(cost_view.headline(doc.facts, lang)))
        heads = cost_view.labels(doc.facts, lang)
        parts.append(table(heads, cost_view.rows(doc.facts), "l" + "r" * (len(heads) - 1)))
    if findings:
        rows = [_finding_row(f, rules, lang) for f in findings]
        parts.append(table([words["severity"], words["rule"], words["clause"], words["page"], words["evidence"],
                            words["message"]], rows, "lllrll"))
    else:
        parts.append(words["no_findings"])
    if waived(doc):
        parts.append("\n".join(f"- {words['waived']}: {_waived_line(f, lang)}" for f in waived(doc)))
    if doc.notes:
        colon = ": " if lang == "en" else "："
        parts.append("\n".join(f"- {words['note']}{colon}{cell(i18n.note(n, lang))}" for n in doc.notes))
    return "\n\n".join(parts)


def _finding_row(f: Finding, rules: dict[str, RuleInfo], lang: str) -> list[str]:
    return [
        f"**{i18n.severity(f.severity.value, lang)}**",
        f"`{f.rule_id}` {cell(i18n.title(f, rules, lang))}",
        cell(i18n.clause(f, lang)),
        str(f.page) if f.page else "",
        cell(shorten(f.evidence, EVIDENCE_COLUMNS)),
        cell(i18n.message(f, lang)),
    ]


def _waived_line(f: Finding, lang: str = "zh") -> str:
    reason = f" ({cell(f.waiver_reason)})" if f.waiver_reason else ""
    return f"`{f.rule_id}` {cell(i18n.clause(f, lang))}{reason}"
