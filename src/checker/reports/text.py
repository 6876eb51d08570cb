"""The terminal report people read after a run, in Chinese (default) or English.

Per document a header line (path, profile, rate line, pages; a clean document says so on that
one line) and beneath it the lender's class, the regime and the line with their reasons, then
its findings, most severe first, as aligned rows: severity, clause, page, rule
title, rule id, with the message and the quoted evidence beneath on a hanging indent. Every
line holds at 80 columns measured in display cells (a Chinese character is two), long
messages wrap at word or character boundaries, and a rule id or path is never split. Colour
comes from rich and only when asked for.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from checker.model import SEVERITIES, DocumentResult, Finding, RuleInfo, RunResult
from checker.reports import cost_view, i18n
from checker.reports.common import (
    active,
    char_width,
    ocr_line,
    display_width,
    error_count,
    plain_number,
    one_line,
    pad,
    rate_cap,
    rule_index,
    shorten,
    waived,
    xml_safe,
)

EXTENSION = ".txt"
WIDTH = 80
GAP = "  "
INDENT = "  "
MIN_TITLE = 12

SEVERITY_STYLE = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "blue",
}
# A wrapping unit: a run of Latin letters/digits/punctuation (never split), one space, or one other character.
_TOKEN = re.compile(r"[!-~\u00a0-\u024f]+| |.", re.S)
_CLOSING = frozenset("。，、；：？！）」』》〉】,.;:?!)%")
_OPENING = frozenset("（「『《〈【(")


@dataclass(frozen=True)
class _Columns:
    """Display widths shared by every finding row of the run, so all rows line up."""

    severity: int
    where: int

    @property
    def detail_indent(self) -> int:
        """Where the message and evidence lines start: under the clause column."""
        return len(INDENT) + self.severity + len(GAP)

    @property
    def title_start(self) -> int:
        return self.detail_indent + self.where + len(GAP)


def render(run: RunResult, *, color: bool = False, lang: str = "zh", quiet: bool = False,
           totals: bool = True) -> str:
    """The report as text; ANSI colour codes only when ``color`` is true. ``quiet``: findings
    only (no clean documents, no notes, no totals). ``totals``: end with the counts line (the
    CLI prints its own summary line instead when the report goes to the terminal)."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, markup=False,
                      emoji=False, soft_wrap=True, legacy_windows=False, width=WIDTH)
    for line in lines(run, lang=lang, quiet=quiet, totals=totals):
        console.print(line)
    return buffer.getvalue()


def lines(run: RunResult, *, lang: str = "zh", quiet: bool = False, totals: bool = True) -> list[Text]:
    """Every line of the report, styled; the caller decides whether styles become colour."""
    cols = _columns(run, lang)
    rules = rule_index(run)
    out: list[Text] = []
    for doc in run.documents:
        if quiet and doc.status == "checked" and not active(doc):
            continue
        out.extend(_document(doc, cols, rules, lang, quiet))
    if not quiet:
        note_label = "note: " if lang == "en" else "说明："
        for n in run.notes:
            out.extend(_wrapped(f"{note_label}{one_line(i18n.note(n, lang))}", 0, len(INDENT), style="yellow"))
        if totals:
            out.append(_totals(run, lang))
    return out


def _columns(run: RunResult, lang: str) -> _Columns:
    findings = [f for d in run.documents for f in active(d)]
    return _Columns(
        severity=max(display_width(i18n.severity(s, lang)) for s in SEVERITIES),
        where=min(20, max([display_width(_where(f, lang)) for f in findings] or [0])),
    )


def _document(doc: DocumentResult, cols: _Columns, rules: dict[str, RuleInfo], lang: str, quiet: bool) -> list[Text]:
    path = (xml_safe(one_line(doc.path)), "bold")
    if doc.status != "checked":
        reason = one_line(i18n.reason(doc, lang))
        label = i18n.word(doc.status, lang) if doc.status in ("error", "skipped") else doc.status
        style = "bold red" if doc.status == "error" else "dim"
        head = Text.assemble(path, GAP, (label, style))
        return [*_fit(head, reason, lang)]
    findings = active(doc)
    cost = [] if quiet else _cost(doc, lang)
    regime = i18n.profile_reason(doc, lang)
    why = [] if quiet or not regime else _wrapped(
        f"{i18n.word('regime', lang)}: {one_line(regime)}", len(INDENT), len(INDENT) * 2, style="dim")
    scanned = ocr_line(doc)
    cost = [Text(f"{INDENT}{one_line(scanned)}", style="cyan"), *cost] if scanned else cost
    if not findings:
        head = Text.assemble(path, GAP, ("✓ " + i18n.word("no_findings", lang), "green"))
        return [_one_line(head, _details(doc, lang)), *why, *cost, *_unjudged(doc, lang, quiet)]
    out = [_one_line(Text.assemble(path), _details(doc, lang)), *why, *cost]
    for finding in findings:
        out.extend(_finding(finding, cols, rules, lang))
    if not quiet:
        out.extend(_waived(f, lang) for f in waived(doc))
        note_label = "note: " if lang == "en" else "说明："
        for n in doc.notes:
            out.extend(_wrapped(f"{note_label}{one_line(i18n.note(n, lang))}", len(INDENT), len(INDENT) * 2,
                                style="yellow"))
    return out


def _unjudged(doc: DocumentResult, lang: str, quiet: bool) -> list[Text]:
    """On a clean document, the notes on rules not judged and figures not read: without them a
    ✓ would read as compliance where a rule could not be applied."""
    if quiet:
        return []
    label = "note: " if lang == "en" else "说明："
    return [line for n in doc.notes if getattr(n, "code", None) in i18n.UNJUDGED_CODES
            for line in _wrapped(f"{label}{one_line(i18n.note(n, lang))}", len(INDENT), len(INDENT) * 2,
                                 style="yellow")]


def _cost(doc: DocumentResult, lang: str) -> list[Text]:
    """The all-in cost's IRR line and compact schedule, where one was computed."""
    if not cost_view.has_working(doc.facts):
        return []
    lines = _wrapped(one_line(cost_view.headline(doc.facts, lang)), len(INDENT), len(INDENT) * 2, style="cyan")
    return [*lines, *(Text(line, style="dim") for line in cost_view.text_table(doc.facts, INDENT * 2, lang))]


def _details(doc: DocumentResult, lang: str) -> list[str]:
    """The header's facts, most useful first: marks, profile, cap, pages, why this profile."""
    parts = list(i18n.marks(doc, lang))
    if doc.profile:
        parts.append(i18n.profile(doc.profile, lang))
    cap = rate_cap(doc)
    if cap is not None:
        parts.append(f"line {plain_number(cap)}%/yr" if lang == "en" else f"利率线{plain_number(cap)}%/年")
    parts.append(i18n.pages(doc.pages, lang))
    return parts


def _one_line(head: Text, details: list[str]) -> Text:
    """``head`` followed by as many ``details`` as fit in WIDTH columns (the rest is in other formats)."""
    line = head.copy()
    sep = ", " if not any(ord(c) > 0x2e7f for c in "".join(details)) else "，"
    first = True
    for part in details:
        piece = (GAP if first else sep) + one_line(part)
        if display_width(line.plain + piece) > WIDTH:
            break
        line.append(piece, style="dim")
        first = False
    return line


def _fit(head: Text, reason: str, lang: str) -> list[Text]:
    """An error or skipped document: the reason after the status, wrapped on a hanging indent."""
    if not reason:
        return [head]
    sep = "：" if lang != "en" else ": "
    first = display_width(head.plain + sep + reason) <= WIDTH
    if first:
        return [Text.assemble(head, sep + reason)]
    return [head, *_wrapped(reason, len(INDENT) * 2, len(INDENT) * 2)]


def _finding(f: Finding, cols: _Columns, rules: dict[str, RuleInfo], lang: str) -> list[Text]:
    sev = f.severity.value
    rule_id = one_line(f.rule_id)
    room = WIDTH - cols.title_start - len(GAP) - display_width(rule_id)
    title = i18n.title(f, rules, lang)
    short_title = shorten(title, max(room, MIN_TITLE))
    row = Text.assemble(
        INDENT,
        (pad(i18n.severity(sev, lang), cols.severity), SEVERITY_STYLE[sev]),
        GAP,
        pad(_where(f, lang), cols.where),
        GAP,
        (short_title, "bold"),
    )
    out = [row]
    if display_width(row.plain + GAP + rule_id) <= WIDTH:
        row.append(" " * (max(room, MIN_TITLE) - display_width(short_title)) + GAP)
        row.append(rule_id, style="dim")
    else:  # a long rule id gets its own line rather than being split
        out.append(Text(" " * cols.detail_indent + rule_id, style="dim"))
    message = one_line(i18n.message(f, lang))
    if message and message != one_line(title):
        out.extend(_wrapped(message, cols.detail_indent, cols.detail_indent))
    if f.evidence:
        room = WIDTH - cols.detail_indent - 4
        quoted = "「" + shorten(f.evidence, room) + "」"
        out.append(Text(" " * cols.detail_indent + quoted, style="italic"))
    return out


def _wrapped(text: str, first_indent: int, indent: int, style: str | None = None) -> list[Text]:
    """``text`` broken into lines of at most WIDTH cells: between Chinese characters or at
    spaces, never inside a run of Latin letters and digits (a rule id, a number, a path)."""
    out: list[str] = []
    tokens: list[str] = []
    used = first_indent
    for token in _TOKEN.findall(text):
        w = display_width(token)
        if used + w > WIDTH and tokens:
            carried: list[str] = []
            # no line starts with closing punctuation or ends with opening punctuation
            while tokens and (token in _CLOSING or (carried and carried[0] in _CLOSING)
                              or tokens[-1] in _OPENING) and len(tokens) > 1:
                carried.insert(0, tokens.pop())
                if tokens[-1] not in _OPENING and carried[0] not in _CLOSING:
                    break
            out.append((" " * (indent if out else first_indent) + "".join(tokens)).rstrip())
            tokens = [t for t in carried if not (t == " " and not tokens)]
            used = indent + sum(display_width(t) for t in tokens)
            if token == " " and not tokens:
                continue
        tokens.append(token)
        used += w
    if "".join(tokens).strip():
        out.append((" " * (indent if out else first_indent) + "".join(tokens)).rstrip())
    return [Text(x, style=style) if style else Text(x) for x in out]


def _waived(f: Finding, lang: str) -> Text:
    where = _where(f, lang)
    reason = f": {one_line(f.waiver_reason)}" if f.waiver_reason else ""
    label = "waived" if lang == "en" else "已豁免"
    line = f"{INDENT}{label}  {i18n.severity(f.severity.value, lang)} {one_line(f.rule_id)} {where}{reason}".rstrip()
    return Text(shorten(line, WIDTH) if display_width(line) > WIDTH else line, style="dim")


def _where(f: Finding, lang: str) -> str:
    clause = one_line(i18n.clause(f, lang)) or i18n.word("whole_document", lang)
    page = i18n.page(f.page, lang)
    return f"{clause} {page}".strip()


def _totals(run: RunResult, lang: str) -> Text:
    counts = run.count_by_severity()
    errors = error_count(run)
    skipped = sum(len(waived(d)) for d in run.documents)
    if lang == "en":
        text = Text(f"{i18n.count(len(run.documents), '', 'document', 'en')}, "
                    f"{i18n.count(errors, '', 'error', 'en')}, findings: ")
    else:
        text = Text(f"共{len(run.documents)}份文件，{errors}份无法读取，发现：")
    for i, sev in enumerate(SEVERITIES):
        if i:
            text.append(", " if lang == "en" else "，")
        style = SEVERITY_STYLE[sev] if counts[sev] else None
        piece = f"{counts[sev]} {sev}" if lang == "en" else f"{i18n.severity(sev, 'zh')}{counts[sev]}项"
        text.append(piece, style=style)
    if skipped:
        text.append(f"; {skipped} waived" if lang == "en" else f"；已豁免{skipped}项", style="dim")
    not_loans = sum(1 for d in run.documents if d.status == "skipped")
    if not_loans:
        text.append(f"; {not_loans} skipped (not loan documents)" if lang == "en" else f"；{not_loans}份非借款文件已跳过",
                    style="dim")
    return text


__all__ = ["render", "lines", "WIDTH", "char_width"]
