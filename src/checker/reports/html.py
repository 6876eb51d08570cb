"""One self-contained HTML page for a compliance officer: open it, read it, print it.

Risk at a glance: the verdict, the threshold and the run date at the top, then counts, the
documents table sorted by risk (most severe first) with a coloured risk column, and charts
labelled with the rules' titles. Each document's findings follow; the legal text of every rule
that fired is quoted once, in a collapsible list at the end, and the findings link to it.
The page is in one language (Chinese by default, English with ``lang="en"``), reads at
420 px (charts scale, tables scroll inside their box) and prints on A4.

No network: inline CSS, an inline SVG chart drawn here, no scripts (a Content-Security-Policy
forbids them as a second guard). Every string that comes from a contract, a path, a rule or
the configuration goes through :func:`html.escape`.
"""
from __future__ import annotations

import html as _html
from collections import Counter
from datetime import date

from checker.findings.gate import gate_code
from checker.model import SEVERITIES, DocumentResult, Finding, Note, RuleInfo, RunResult
from checker.reports import cost_view, i18n
from checker.reports.common import (
    active,
    display_width,
    ocr_line,
    doc_counts,
    error_count,
    plain_number,
    legal_basis_for,
    rate_cap,
    remediation_for,
    rule_index,
    waived,
)
from checker.reports.i18n import word

EXTENSION = ".html"

SEVERITY_ZH = i18n.SEVERITY["zh"]
SEVERITY_COLOUR = {"critical": "#8b0000", "high": "#d1361b", "medium": "#c77c02", "low": "#2b6cb0", "info": "#5f6b7a"}
CLEAN_COLOUR = "#2f7d32"
ERROR_COLOUR = "#4a4a4a"
SKIPPED_COLOUR = "#8a939e"

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

_CSS = """
:root { --ink: #1b1f24; --muted: #5f6b7a; --line: #d8dde3; --paper: #fff; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 70rem; padding: 1.5rem; color: var(--ink); background: var(--paper);
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
  line-height: 1.6; font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2rem;
  overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 0; } h4 { font-size: .9rem; margin: .75rem 0 .25rem; color: var(--muted); }
.meta, .muted { color: var(--muted); }
.verdict { display: inline-block; color: #fff; font-size: 1.2rem; font-weight: bold; border-radius: 6px;
  padding: .3rem .9rem; margin: .25rem 0; }
.verdict small { font-weight: normal; font-size: .95rem; }
.cards { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; min-width: 5.5rem; }
.card b { display: block; font-size: 1.4rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; margin-top: 1.5rem; }
.charts figure { margin: 0; flex: 1 1 22rem; min-width: 0; } .charts figcaption { font-weight: bold; margin-bottom: .25rem; }
.charts svg { width: 100%; height: auto; display: block; }
.table-box { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; white-space: nowrap; } td { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.path { white-space: normal; overflow-wrap: anywhere; min-width: 9rem; }
td.risk { color: #fff; font-weight: bold; white-space: nowrap; text-align: center; }
.tag { display: inline-block; border: 1px solid var(--muted); color: var(--muted); border-radius: 3px;
  font-size: .75rem; padding: 0 .3rem; margin: 0 .2rem; white-space: nowrap; }
.badge { display: inline-block; color: #fff; border-radius: 4px; padding: 0 .45rem; font-size: .8rem;
  font-weight: bold; margin-right: .4rem; }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--sev); border-radius: 6px;
  padding: .75rem 1rem; margin: 1rem 0; }
.finding header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem; }
code { font-family: "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85em; background: #f3f5f7;
  padding: 0 .25rem; border-radius: 3px; }
blockquote { margin: .5rem 0; padding: .4rem .8rem; background: #fbf7e9; border-left: 3px solid #e0c35c;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.basis li { margin-bottom: .25rem; } .basis q { quotes: "「" "」"; }
.remedy p { margin: 0; padding: .4rem .8rem; background: #eef7ee; border-left: 3px solid #4c9a52; }
details.rule { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; margin: .5rem 0; }
details.rule summary { cursor: pointer; font-weight: bold; }
.error { color: #8b0000; font-weight: bold; }
.waived { color: var(--muted); font-size: .9rem; }
.notes li { color: #7a5a00; }
.cost { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
.cost .table-box table { width: auto; } .cost svg { display: block; margin: .5rem 0; }
@media (max-width: 600px) {
  body { padding: .75rem; font-size: 14px; }
  .opt { display: none; }
  th, td { padding: .25rem .3rem; }
}
@page { size: A4; margin: 14mm 12mm; }
.ocr { color: #1f5f8b; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .card, figure, tr, .finding header, blockquote { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, .finding header { break-after: avoid; page-break-after: avoid; }
  .table-box { overflow: visible; } table { font-size: 9pt; }
  .charts { flex-wrap: nowrap; } .charts figure { flex: 1 1 50%; }
  details.rule > * { display: block; }
  .verdict, td.risk, .badge, blockquote, .remedy p, th, .card {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def esc(value: object) -> str:
    """Text safe in element content and in quoted attribute values."""
    return _html.escape(str(value), quote=True)


def render(run: RunResult, *, color: bool = False, lang: str = "zh", fail_on: str = "high",
           run_date: str | None = None) -> str:
    """The report as one HTML document (UTF-8 text). ``fail_on`` is the run's threshold (the
    verdict at the top); ``run_date`` defaults to today."""
    del color  # the page is always in colour and prints in black where it matters
    rules = rule_index(run)
    documents = sort_by_risk(run.documents)
    body = [
        _header(run, lang, fail_on, run_date or date.today().isoformat()),
        _cards(run, lang),
        _documents_table(documents, lang),
        _charts(run, rules, lang),
        *(_document(i, d, rules, lang) for i, d in enumerate(documents, 1)),
        _rules_section(run, rules, lang),
        _notes(run.notes, word("run_notes", lang), lang),
    ]
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(word('title', lang))} · checker {esc(run.version)}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(p for p in body if p) + "\n</body>\n</html>\n"
    )


def risk(doc: DocumentResult) -> str:
    """A document's risk: ``error``, ``skipped`` (not a loan agreement), the severity of its
    worst active finding, or ``none``."""
    if doc.status in ("error", "skipped"):
        return doc.status
    findings = active(doc)
    return max(findings, key=lambda f: f.severity.rank).severity.value if findings else "none"


_RISK_ORDER = {"error": 6, **{s: 5 - i for i, s in enumerate(SEVERITIES)}, "none": -1, "skipped": -2}


def sort_by_risk(documents: tuple[DocumentResult, ...]) -> list[DocumentResult]:
    """Unreadable documents first (they fail the run), then by worst finding, then by how many."""
    def key(d: DocumentResult) -> tuple:
        counts = doc_counts(d)
        return (-_RISK_ORDER.get(risk(d), -1), *(-counts[s] for s in SEVERITIES), d.path)
    return sorted(documents, key=key)


def _risk_label(value: str, lang: str) -> str:
    if value in ("error", "skipped"):
        return word(value, lang)
    if value == "none":
        return "无" if lang != "en" else "none"
    return i18n.severity(value, lang)


def _risk_colour(value: str) -> str:
    return SEVERITY_COLOUR.get(value) or {"error": ERROR_COLOUR, "skipped": SKIPPED_COLOUR}.get(value, CLEAN_COLOUR)


def _header(run: RunResult, lang: str, fail_on: str, run_date: str) -> str:
    counts = run.count_by_severity()
    level = fail_on if fail_on in (*SEVERITIES, "never") else "high"
    worst = max((f.severity.rank for d in run.documents for f in active(d)), default=None)
    code = gate_code(error_count(run) > 0, worst, level)
    verdict = {0: word("verdict_pass", lang), 1: word("verdict_fail", lang)}.get(code, word("verdict_error", lang))
    colour = {0: CLEAN_COLOUR, 1: SEVERITY_COLOUR["critical"]}.get(code, ERROR_COLOUR)
    total = sum(counts.values())
    if lang == "en":
        threshold = "never (findings are not gated)" if level == "never" else f"{level} and above fail"
        why = f"{total} findings · threshold: {threshold}"
        meta = (f"{word('run_date', lang)}: {esc(run_date)} · checker {esc(run.version)} · "
                f"{i18n.count(len(run.documents), '', 'document', 'en')} · {i18n.count(error_count(run), '', 'error', 'en')}")
    else:
        threshold = "不拦截" if level == "never" else f"「{i18n.severity(level, 'zh')}」及以上不通过"
        why = f"共{total}项发现 · 阈值：{threshold}"
        meta = (f"{word('run_date', lang)}：{esc(run_date)} · checker {esc(run.version)} · "
                f"{len(run.documents)}份文件 · {error_count(run)}份无法读取")
    return (
        f"<header><h1>{esc(word('title', lang))}</h1>"
        f'<div class="verdict" style="background: {colour}">{esc(verdict)} <small>{esc(why)}</small></div>'
        f'<p class="meta">{meta}</p></header>'
    )


def _cards(run: RunResult, lang: str) -> str:
    counts = run.count_by_severity()
    cards = [f'<div class="card">{esc(word("documents", lang))}<b>{len(run.documents)}</b></div>',
             f'<div class="card">{esc(word("errors", lang))}<b>{error_count(run)}</b></div>']
    for sev in SEVERITIES:
        cards.append(
            f'<div class="card" style="border-top: 4px solid {SEVERITY_COLOUR[sev]}">'
            f"{esc(i18n.severity(sev, lang))}<b>{counts[sev]}</b></div>"
        )
    return f'<section class="cards">{"".join(cards)}</section>'


def _charts(run: RunResult, rules: dict[str, RuleInfo], lang: str) -> str:
    counts = run.count_by_severity()
    by_severity = [(i18n.severity(s, lang), counts[s], SEVERITY_COLOUR[s]) for s in SEVERITIES]
    rule_counts = Counter(f.rule_id for d in run.documents for f in active(d))
    by_rule = [
        (i18n.rule_title(rule_id, rules, lang), n, SEVERITY_COLOUR[_rule_severity(rule_id, rules, run)])
        for rule_id, n in sorted(rule_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    figures = [_figure(word("by_severity", lang), by_severity, label_w=90)]
    if by_rule:
        figures.append(_figure(word("by_rule", lang), by_rule))
    return f'<section class="charts">{"".join(figures)}</section>'


def _rule_severity(rule_id: str, rules: dict[str, RuleInfo], run: RunResult) -> str:
    if rule_id in rules:
        return rules[rule_id].severity.value
    found = [f.severity for d in run.documents for f in d.findings if f.rule_id == rule_id]
    return max(found, key=lambda s: s.rank).value


def _figure(caption: str, bars: list[tuple[str, int, str]], label_w: int = 230) -> str:
    return f"<figure><figcaption>{esc(caption)}</figcaption>{bar_chart(bars, caption, label_w)}</figure>"


def bar_chart(bars: list[tuple[str, int, str]], label: str, label_w: int = 230) -> str:
    """Horizontal bars as inline SVG: (label, value, colour) each; the longest bar is 200 units.
    The SVG scales to its box (viewBox), so a narrow screen shrinks it rather than cutting it."""
    bar_w, row_h, font = 200, 24, 13
    # the label column is as wide as the longest label (a wide character is about one em, a
    # narrow one half), so a long rule title is never cut at the chart's left edge
    label_w = max([label_w] + [round(display_width(name) * font / 2) + 12 for name, _, _ in bars])
    top = max([v for _, v, _ in bars] or [0]) or 1
    height = row_h * len(bars) + 4
    rows = []
    for i, (name, value, colour) in enumerate(bars):
        y = i * row_h + 2
        w = round(bar_w * value / top) if value else 0
        rows.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="{font}">{esc(name)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 8}" fill="{esc(colour)}" rx="2"/>'
            f'<text x="{label_w + w + 6}" y="{y + 16}" font-size="{font}">{value}</text>'
        )
    total_w = label_w + bar_w + 40
    return (
        f'<svg role="img" aria-label="{esc(label)}" width="{total_w}" height="{height}" '
        f'style="max-width: {total_w}px" viewBox="0 0 {total_w} {height}" '
        f'font-family="inherit">{"".join(rows)}</svg>'
    )


def _marks(doc: DocumentResult, lang: str) -> str:
    return "".join(f'<span class="tag">{esc(m)}</span>' for m in i18n.marks(doc, lang))


def _documents_table(documents: list[DocumentResult], lang: str) -> str:
    head = "".join(f'<th class="num">{esc(i18n.severity(s, lang))}</th>' for s in SEVERITIES)
    rows = []
    for i, d in enumerate(documents, 1):
        counts = doc_counts(d)
        value = risk(d)
        cap = rate_cap(d)
        cells = "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITIES)
        rows.append(
            f'<tr><td class="path"><a href="#doc-{i}">{esc(d.path)}</a>{_marks(d, lang)}</td>'
            f'<td class="risk" style="background: {_risk_colour(value)}">{esc(_risk_label(value, lang))}</td>'
            f"{cells}"
            f"<td class=\"opt\">{esc(i18n.profile(d.profile, lang))}</td>"
            f"<td class=\"num opt\">{'' if cap is None else esc(plain_number(cap)) + '%'}</td>"
            f'<td class="num opt">{esc(d.pages)}</td><td class="num opt">{len(waived(d))}</td></tr>'
        )
    return (
        f"<section><h2>{esc(word('documents', lang))}</h2><div class=\"table-box\"><table><thead><tr>"
        f"<th>{esc(word('document', lang))}</th><th>{esc(word('risk', lang))}</th>{head}"
        f"<th class=\"opt\">{esc(word('profile', lang))}</th>"
        f"<th class=\"num opt\">{esc(word('cap', lang))}</th><th class=\"num opt\">{esc(word('pages', lang))}</th>"
        f'<th class="num opt">{esc(word("waived", lang))}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></section>'
    )


def _document(index: int, doc: DocumentResult, rules: dict[str, RuleInfo], lang: str) -> str:
    parts = [f'<section class="doc" id="doc-{index}"><h2>{esc(doc.path)}{_marks(doc, lang)}</h2>']
    if doc.status != "checked":
        label = word(doc.status, lang) if doc.status in ("error", "skipped") else doc.status
        sep = ": " if lang == "en" else "："
        parts.append(f'<p class="error">{esc(label)}{sep}{esc(i18n.reason(doc, lang))}</p></section>')
        return "".join(parts)
    parts.append(f'<p class="meta">{_document_meta(doc, lang)}</p>')
    parts.append(_cost(doc, lang))
    scanned = ocr_line(doc)
    if scanned:
        parts.append(f'<p class="ocr">扫描件 OCR: {esc(scanned)}</p>')
    findings = active(doc)
    parts.extend(_finding(f, rules, lang) for f in findings)
    if not findings:
        parts.append(f"<p>{esc(word('no_findings', lang))}{'.' if lang == 'en' else '。'}</p>")
    parts.append(_waived(waived(doc), lang))
    parts.append(_notes(doc.notes, word("notes", lang), lang))
    parts.append("</section>")
    return "".join(parts)


def _cost(doc: DocumentResult, lang: str = "zh") -> str:
    """The all-in cost: its IRR line, a chart of the schedule and the compact schedule itself."""
    if not cost_view.has_working(doc.facts):
        return ""
    head = "".join(f'<th class="num">{esc(label)}</th>' for label in cost_view.labels(doc.facts, lang))
    body = "".join("<tr>" + "".join(f'<td class="num">{esc(c)}</td>' for c in row) + "</tr>"
                   for row in cost_view.rows(doc.facts))
    return (f'<div class="cost"><h4>{esc(cost_view.headline(doc.facts, lang))}</h4>'
            f"{schedule_chart(cost_view.per_period(doc.facts), '还款计划' if lang != 'en' else 'repayment schedule')}"
            f'<p class="muted legend">{esc(cost_view.LEGEND["en" if lang == "en" else "zh"])}</p>'
            f'<div class="table-box"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></div>')


def schedule_chart(periods: list[tuple[str, float, float, float]], label: str = "还款计划") -> str:
    """Inline SVG of the cash flows: money paid out above the line (green), repayments (blue)
    and fees (orange) below it, one column per period, on one linear scale."""
    col, half, pad = 14, 60, 4
    top = max([max(p, r + f) for _, p, r, f in periods] or [0]) or 1
    width = col * len(periods) + 2 * pad
    bars = []
    for i, (name, paid, repaid, fees) in enumerate(periods):
        x = pad + i * col
        up = round(half * paid / top, 1)
        down = round(half * repaid / top, 1)
        fee = round(half * fees / top, 1)
        tip = f"<title>{esc(name)}: +{paid:,.2f} / -{repaid:,.2f} / -{fees:,.2f}</title>"
        bars.append(f'<g>{tip}<rect x="{x}" y="{half - up:.1f}" width="{col - 3}" height="{up}" fill="#4c9a52"/>'
                    f'<rect x="{x}" y="{half}" width="{col - 3}" height="{down}" fill="#3b6fb6"/>'
                    f'<rect x="{x}" y="{half + down:.1f}" width="{col - 3}" height="{fee}" fill="#e08a2c"/></g>')
    axis = f'<line x1="0" y1="{half}" x2="{width}" y2="{half}" stroke="#5f6b7a" stroke-width="1"/>'
    return (f'<svg role="img" aria-label="{esc(label)}" width="{width}" height="{2 * half}" '
            f'style="max-width: 100%; height: auto" viewBox="0 0 {width} {2 * half}">{"".join(bars)}{axis}</svg>')


def _document_meta(doc: DocumentResult, lang: str) -> str:
    bits = []
    colon = ": " if lang == "en" else "："
    if doc.profile:
        regime = i18n.profile_reason(doc, lang)
        reason = (f" ({esc(regime)})" if lang == "en" else f"（{esc(regime)}）") if regime else ""
        bits.append(f"{esc(word('profile', lang))}{colon}{esc(i18n.profile(doc.profile, lang))}{reason}")
    cap = rate_cap(doc)
    if cap is not None:
        unit = "/yr" if lang == "en" else "/年"
        bits.append(f"{esc(word('cap', lang))}{colon}{esc(plain_number(cap))}%{unit}")
    bits.append(esc(i18n.pages(doc.pages, lang)))
    return " · ".join(bits)


def _finding(f: Finding, rules: dict[str, RuleInfo], lang: str) -> str:
    sev = f.severity.value
    clause = esc(i18n.clause(f, lang)) if f.clause else esc(word("whole_document", lang))
    where = " · ".join(p for p in (clause, esc(i18n.page(f.page, lang))) if p)
    parts = [
        f'<article class="finding sev-{sev}" style="--sev: {SEVERITY_COLOUR[sev]}">',
        f'<header><span class="badge" style="background: {SEVERITY_COLOUR[sev]}">{esc(i18n.severity(sev, lang))}</span>'
        f"<h3>{esc(i18n.title(f, rules, lang))}</h3> <code>{esc(f.rule_id)}</code></header>",
        f'<p class="muted">{where}</p>',
    ]
    if f.evidence:
        parts.append(f'<blockquote class="evidence">{esc(f.evidence)}</blockquote>')
    message = i18n.message(f, lang)
    if message:
        parts.append(f'<p class="message">{esc(message)}</p>')
    parts.append(_citations(f, rules, lang))
    remedy = remediation_for(f, rules, lang)
    if remedy:
        parts.append(f'<div class="remedy"><h4>{esc(word("suggested", lang))}</h4><p>{esc(remedy)}</p></div>')
    parts.append("</article>")
    return "".join(parts)


def _citations(f: Finding, rules: dict[str, RuleInfo], lang: str) -> str:
    """The statutes and articles, linked to the rule's entry where their text is quoted once.
    A finding whose rule is not in the run (an old store) quotes its own copy here."""
    basis = legal_basis_for(f, rules)
    if not basis:
        return ""
    colon = ": " if lang == "en" else "："
    if f.rule_id in rules:
        cites = "；".join(esc(f"{b.statute} {b.article}".strip()) for b in basis)
        return (f'<p class="basis">{esc(word("legal_basis", lang))}{colon}'
                f'<a href="#rule-{esc(f.rule_id)}"><cite>{cites}</cite></a></p>')
    return f'<div class="basis"><h4>{esc(word("legal_basis", lang))}</h4>{_basis_list(basis)}</div>'


def _basis_list(basis) -> str:
    items = []
    for b in basis:
        quote = f" <q>{esc(b.quote)}</q>" if b.quote else f"（要旨）{esc(b.summary)}" if b.summary else ""
        items.append(f"<li><cite>{esc(b.head)}</cite>{quote}</li>")
    return f'<ul>{"".join(items)}</ul>'


def _rules_section(run: RunResult, rules: dict[str, RuleInfo], lang: str) -> str:
    """Every rule that fired, once: its title, severity and the legal text quoted (collapsible)."""
    fired = sorted({f.rule_id for d in run.documents for f in active(d) if f.rule_id in rules},
                   key=lambda r: (-rules[r].severity.rank, r))
    if not fired:
        return ""
    items = []
    for rule_id in fired:
        rule = rules[rule_id]
        sev = rule.severity.value
        items.append(
            f'<details class="rule" id="rule-{esc(rule_id)}"><summary>'
            f'<span class="badge" style="background: {SEVERITY_COLOUR[sev]}">{esc(i18n.severity(sev, lang))}</span>'
            f"{esc(i18n.rule_title(rule_id, rules, lang))} <code>{esc(rule_id)}</code></summary>"
            f'<div class="basis">{_basis_list(rule.legal_basis)}</div></details>'
        )
    return f"<section class=\"rules\"><h2>{esc(word('legal_texts', lang))}</h2>{''.join(items)}</section>"


def _waived(findings: list[Finding], lang: str) -> str:
    if not findings:
        return ""
    items = []
    for f in findings:
        reason = f" — {esc(f.waiver_reason)}" if f.waiver_reason else ""
        clause = f" {esc(i18n.clause(f, lang))}" if f.clause else ""
        items.append(f"<li><code>{esc(f.rule_id)}</code>{clause}: {esc(i18n.message(f, lang))}{reason}</li>")
    return f'<div class="waived"><h4>{esc(word("waived_heading", lang))}</h4><ul>{"".join(items)}</ul></div>'


def _notes(notes: tuple[Note, ...], heading: str, lang: str) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{esc(i18n.note(n, lang))}</li>" for n in notes)
    return f'<div class="notes"><h4>{esc(heading)}</h4><ul>{items}</ul></div>'
