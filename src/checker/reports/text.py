"""The terminal summary people read after a run.

Per document a header line (path, status, profile, cap, pages), then its findings, most
severe first, as aligned rows: severity, clause, page, rule title, rule id, with the message
and the quoted evidence beneath. Columns are measured in display cells, so Chinese text
(two cells a character) lines up. Colour comes from rich and only when asked for.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from checker.model import SEVERITIES, DocumentResult, Finding, RunResult
from checker.reports.common import (
    active,
    display_width,
    error_count,
    format_number,
    one_line,
    pad,
    rate_cap,
    shorten,
    waived,
    xml_safe,
)

EXTENSION = ".txt"
EVIDENCE_COLUMNS = 80
TITLE_COLUMNS = 30
GAP = "  "
INDENT = "  "

SEVERITY_STYLE = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "blue",
}


@dataclass(frozen=True)
class _Columns:
    """Display widths shared by every finding row of the run, so all rows line up."""

    severity: int
    clause: int
    page: int
    title: int

    @property
    def detail_indent(self) -> int:
        """Where the message and evidence lines start: under the title column."""
        return len(INDENT) + self.severity + self.clause + self.page + 3 * len(GAP)


def render(run: RunResult, *, color: bool = False) -> str:
    """The summary as text; ANSI colour codes only when ``color`` is true."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        legacy_windows=False,
    )
    for line in lines(run):
        console.print(line)
    return buffer.getvalue()


def lines(run: RunResult) -> list[Text]:
    """Every line of the summary, styled; the caller decides whether styles become colour."""
    cols = _columns(run)
    out: list[Text] = []
    for doc in run.documents:
        out.extend(_document(doc, cols))
        out.append(Text(""))
    out.extend(Text(f"note: {one_line(n)}", style="yellow") for n in run.notes)
    out.append(_totals(run))
    return out


def _columns(run: RunResult) -> _Columns:
    findings = [f for d in run.documents for f in active(d)]
    return _Columns(
        severity=max(len(s) for s in SEVERITIES),
        clause=max([display_width(_clause(f)) for f in findings] or [0]),
        page=max([len(_page(f)) for f in findings] or [0]),
        title=min(TITLE_COLUMNS, max([display_width(one_line(f.title)) for f in findings] or [0])),
    )


def _document(doc: DocumentResult, cols: _Columns) -> list[Text]:
    if doc.status == "error":
        head = Text.assemble((xml_safe(doc.path), "bold"), GAP, ("error", "bold red"), GAP,
                             one_line(doc.error or "unreadable"))
        return [head]
    findings = active(doc)
    status_style = "yellow" if findings else "green"
    head = Text.assemble((xml_safe(doc.path), "bold"), GAP, ("checked", status_style), GAP, _details(doc))
    out = [head]
    for finding in findings:
        out.extend(_finding(finding, cols))
    if not findings:
        out.append(Text(f"{INDENT}no findings", style="green"))
    out.extend(_waived(f) for f in waived(doc))
    out.extend(Text(f"{INDENT}note: {one_line(n)}", style="yellow") for n in doc.notes)
    return out


def _details(doc: DocumentResult) -> str:
    parts = []
    if doc.profile:
        reason = f" ({one_line(doc.profile_reason)})" if doc.profile_reason else ""
        parts.append(f"profile {one_line(doc.profile)}{reason}")
    cap = rate_cap(doc)
    if cap is not None:
        parts.append(f"cap {format_number(cap)}%/yr")
    parts.append(_plural(doc.pages, "page"))
    return ", ".join(parts)


def _finding(f: Finding, cols: _Columns) -> list[Text]:
    sev = f.severity.value
    title = shorten(f.title, cols.title)
    row = Text.assemble(
        INDENT,
        (pad(sev, cols.severity), SEVERITY_STYLE[sev]),
        GAP,
        pad(_clause(f), cols.clause),
        GAP,
        pad(_page(f), cols.page),
        GAP,
        (pad(title, cols.title), "bold"),
        GAP,
        (one_line(f.rule_id), "dim"),
    )
    out = [row]
    indent = " " * cols.detail_indent
    if f.message and one_line(f.message) != one_line(f.title):
        out.append(Text(indent + one_line(f.message)))
    if f.evidence:
        quoted = "「" + shorten(f.evidence, EVIDENCE_COLUMNS - 4) + "」"
        out.append(Text(indent + quoted, style="italic"))
    return out


def _waived(f: Finding) -> Text:
    where = " ".join(p for p in (_clause(f), _page(f)) if p and p != "-")
    reason = f": {one_line(f.waiver_reason)}" if f.waiver_reason else ""
    return Text(f"{INDENT}waived  {f.severity.value} {f.rule_id} {where}{reason}".rstrip(), style="dim")


def _clause(f: Finding) -> str:
    return one_line(f.clause) or "(document)"


def _page(f: Finding) -> str:
    return f"p.{f.page}" if f.page else "-"


def _totals(run: RunResult) -> Text:
    counts = run.count_by_severity()
    errors = error_count(run)
    skipped = sum(len(waived(d)) for d in run.documents)
    text = Text(f"{_plural(len(run.documents), 'document')}, {_plural(errors, 'error')}, findings: ")
    for i, sev in enumerate(SEVERITIES):
        if i:
            text.append(", ")
        style = SEVERITY_STYLE[sev] if counts[sev] else None
        text.append(f"{counts[sev]} {sev}", style=style)
    if skipped:
        text.append(f"; {skipped} waived", style="dim")
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"

