"""GitHub-flavoured Markdown for pull-request comments and wikis.

A severity summary, a table of documents, then per document its findings table. Every cell
is escaped: contract text may hold pipes, newlines, backticks or HTML.
"""
from __future__ import annotations

import re

from checker.model import SEVERITIES, DocumentResult, Finding, RunResult
from checker.reports import cost_view
from checker.reports.common import active, doc_counts, error_count, format_number, one_line, rate_cap, shorten, waived

EXTENSION = ".md"
EVIDENCE_COLUMNS = 120
# ASCII punctuation that changes Markdown or HTML meaning inside a table cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")


def render(run: RunResult, *, color: bool = False) -> str:
    """The report as Markdown text."""
    del color  # Markdown has no colour of its own
    parts = [_heading(run), _summary(run), _documents(run)]
    parts.extend(_document(d) for d in run.documents)
    if run.notes:
        parts.append("\n".join(["**Notes**", ""] + [f"- {cell(n)}" for n in run.notes]))
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


def _heading(run: RunResult) -> str:
    errors = error_count(run)
    return (
        f"## checker report\n\n"
        f"checker {cell(run.version)} · profile `{run.profile}` · "
        f"{_plural(len(run.documents), 'document')} · {_plural(errors, 'error')}"
    )


def _summary(run: RunResult) -> str:
    counts = run.count_by_severity()
    skipped = sum(len(waived(d)) for d in run.documents)
    rows = [[s, str(counts[s])] for s in SEVERITIES] + [["waived (not counted)", str(skipped)]]
    return table(["severity", "findings"], rows, "lr")


def _documents(run: RunResult) -> str:
    if not run.documents:
        return "_No documents were checked._"
    rows = []
    for d in run.documents:
        counts = doc_counts(d)
        status = "error: " + cell(one_line(d.error or "")) if d.status == "error" else d.status
        cap = rate_cap(d)
        rows.append(
            [cell(d.path), status, cell(d.profile or ""), "" if cap is None else format_number(cap) + "%", str(d.pages)]
            + [str(counts[s]) for s in SEVERITIES]
        )
    return table(["document", "status", "profile", "cap", "pages", *SEVERITIES], rows, "lllrr" + "r" * len(SEVERITIES))


def _document(doc: DocumentResult) -> str:
    head = f"### {cell(doc.path)}"
    if doc.status == "error":
        return f"{head}\n\n**error:** {cell(one_line(doc.error or ''))}"
    findings = active(doc)
    parts = [head]
    if doc.profile_reason:
        parts.append(f"profile `{doc.profile}`: {cell(doc.profile_reason)}")
    if cost_view.has_working(doc.facts):
        parts.append(cell(cost_view.headline(doc.facts)))
        heads = [label for _, label in cost_view.columns(doc.facts)]
        parts.append(table(heads, cost_view.rows(doc.facts), "l" + "r" * (len(heads) - 1)))
    if findings:
        rows = [_finding_row(f) for f in findings]
        parts.append(table(["severity", "rule", "clause", "page", "evidence", "message"], rows, "lllrll"))
    else:
        parts.append("No findings.")
    if waived(doc):
        parts.append("\n".join(f"- waived: {_waived_line(f)}" for f in waived(doc)))
    if doc.notes:
        parts.append("\n".join(f"- note: {cell(n)}" for n in doc.notes))
    return "\n\n".join(parts)


def _finding_row(f: Finding) -> list[str]:
    return [
        f"**{f.severity.value}**",
        f"`{f.rule_id}` {cell(f.title)}",
        cell(f.clause),
        str(f.page) if f.page else "",
        cell(shorten(f.evidence, EVIDENCE_COLUMNS)),
        cell(f.message),
    ]


def _waived_line(f: Finding) -> str:
    reason = f" ({cell(f.waiver_reason)})" if f.waiver_reason else ""
    return f"`{f.rule_id}` {cell(f.clause)}{reason}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
