"""One self-contained HTML page for a compliance officer: open it, read it, print it.

No network: inline CSS, an inline SVG chart drawn here, no scripts (a Content-Security-Policy
forbids them as a second guard). Every string that comes from a contract, a path, a rule or
the configuration goes through :func:`html.escape`.
"""
from __future__ import annotations

import html as _html
from collections import Counter

from checker.model import SEVERITIES, DocumentResult, Finding, RuleInfo, RunResult
from checker.reports import cost_view
from checker.reports.common import (
    active,
    doc_counts,
    error_count,
    format_number,
    legal_basis_for,
    rate_cap,
    remediation_for,
    rule_index,
    waived,
)

EXTENSION = ".html"

SEVERITY_ZH = {"critical": "严重", "high": "高", "medium": "中", "low": "低", "info": "提示"}
SEVERITY_COLOUR = {"critical": "#8b0000", "high": "#d1361b", "medium": "#c77c02", "low": "#2b6cb0", "info": "#5f6b7a"}

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

_CSS = """
:root { --ink: #1b1f24; --muted: #5f6b7a; --line: #d8dde3; --paper: #fff; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 70rem; padding: 1.5rem; color: var(--ink); background: var(--paper);
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
  line-height: 1.6; font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h1 small { color: var(--muted); font-weight: normal; font-size: 1rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2rem;
  overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 0; } h4 { font-size: .9rem; margin: .75rem 0 .25rem; color: var(--muted); }
.meta, .muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; min-width: 7rem; }
.card b { display: block; font-size: 1.5rem; }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; }
.charts figure { margin: 0; } .charts figcaption { font-weight: bold; margin-bottom: .25rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.path { overflow-wrap: anywhere; }
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
.error { color: #8b0000; font-weight: bold; }
.waived { color: var(--muted); font-size: .9rem; }
.notes li { color: #7a5a00; }
.cost { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
.cost table { width: auto; } .cost svg { display: block; margin: .5rem 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  .finding, .card, figure, tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .doc { break-before: page; page-break-before: always; }
  blockquote, .remedy p, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def esc(value: object) -> str:
    """Text safe in element content and in quoted attribute values."""
    return _html.escape(str(value), quote=True)


def render(run: RunResult, *, color: bool = False) -> str:
    """The report as one HTML document (UTF-8 text)."""
    del color  # the page is always in colour and prints in black where it matters
    rules = rule_index(run)
    body = [
        _header(run),
        _cards(run),
        _charts(run),
        _documents_table(run),
        *(_document(i, d, rules) for i, d in enumerate(run.documents, 1)),
        _notes(run.notes, "运行说明 Notes"),
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>合同合规检查报告 · checker {esc(run.version)}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(p for p in body if p) + "\n</body>\n</html>\n"
    )


def _header(run: RunResult) -> str:
    return (
        "<header><h1>合同合规检查报告 <small>Loan agreement compliance report</small></h1>"
        f'<p class="meta">checker {esc(run.version)} · 适用标准 profile: {esc(run.profile)} · '
        f"{len(run.documents)} 份文件 documents · {error_count(run)} 份无法读取 errors</p></header>"
    )


def _cards(run: RunResult) -> str:
    counts = run.count_by_severity()
    cards = [f'<div class="card">文件 documents<b>{len(run.documents)}</b></div>']
    cards.append(f'<div class="card">错误 errors<b>{error_count(run)}</b></div>')
    for sev in SEVERITIES:
        cards.append(
            f'<div class="card" style="border-top: 4px solid {SEVERITY_COLOUR[sev]}">'
            f"{SEVERITY_ZH[sev]} {sev}<b>{counts[sev]}</b></div>"
        )
    return f'<section class="cards">{"".join(cards)}</section>'


def _charts(run: RunResult) -> str:
    counts = run.count_by_severity()
    by_severity = [(f"{SEVERITY_ZH[s]} {s}", counts[s], SEVERITY_COLOUR[s]) for s in SEVERITIES]
    rule_counts = Counter(f.rule_id for d in run.documents for f in active(d))
    rules = rule_index(run)
    by_rule = [
        (rule_id, n, SEVERITY_COLOUR[_rule_severity(rule_id, rules, run)])
        for rule_id, n in sorted(rule_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    figures = [_figure("按严重程度 By severity", by_severity)]
    if by_rule:
        figures.append(_figure("按规则 By rule", by_rule))
    return f'<section class="charts">{"".join(figures)}</section>'


def _rule_severity(rule_id: str, rules: dict[str, RuleInfo], run: RunResult) -> str:
    if rule_id in rules:
        return rules[rule_id].severity.value
    found = [f.severity for d in run.documents for f in d.findings if f.rule_id == rule_id]
    return max(found, key=lambda s: s.rank).value


def _figure(caption: str, bars: list[tuple[str, int, str]]) -> str:
    return f"<figure><figcaption>{esc(caption)}</figcaption>{bar_chart(bars, caption)}</figure>"


def bar_chart(bars: list[tuple[str, int, str]], label: str) -> str:
    """Horizontal bars as inline SVG: (label, value, colour) each; the longest bar is full width."""
    label_w, bar_w, row_h, font = 250, 260, 24, 13
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
        f'viewBox="0 0 {total_w} {height}" font-family="inherit">{"".join(rows)}</svg>'
    )


def _documents_table(run: RunResult) -> str:
    head = "".join(f'<th class="num">{SEVERITY_ZH[s]}<br>{s}</th>' for s in SEVERITIES)
    rows = []
    for i, d in enumerate(run.documents, 1):
        counts = doc_counts(d)
        status = f'<span class="error">无法读取 error</span>' if d.status == "error" else "已检查 checked"
        cap = rate_cap(d)
        cells = "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITIES)
        rows.append(
            f'<tr><td class="path"><a href="#doc-{i}">{esc(d.path)}</a></td><td>{status}</td>'
            f"<td>{esc(d.profile or '')}</td><td class=\"num\">{'' if cap is None else esc(format_number(cap)) + '%'}</td>"
            f'<td class="num">{esc(d.pages)}</td>{cells}<td class="num">{len(waived(d))}</td></tr>'
        )
    return (
        "<section><h2>文件 Documents</h2><table><thead><tr><th>文件 document</th><th>状态 status</th>"
        f'<th>标准 profile</th><th class="num">利率上限 cap</th><th class="num">页数 pages</th>{head}'
        f'<th class="num">豁免 waived</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


def _document(index: int, doc: DocumentResult, rules: dict[str, RuleInfo]) -> str:
    parts = [f'<section class="doc" id="doc-{index}"><h2>{esc(doc.path)}</h2>']
    if doc.status == "error":
        parts.append(f'<p class="error">无法读取 could not be read: {esc(doc.error or "")}</p></section>')
        return "".join(parts)
    parts.append(f'<p class="meta">{_document_meta(doc)}</p>')
    parts.append(_cost(doc))
    findings = active(doc)
    parts.extend(_finding(f, rules) for f in findings)
    if not findings:
        parts.append("<p>未发现问题 No findings.</p>")
    parts.append(_waived(waived(doc)))
    parts.append(_notes(doc.notes, "说明 Notes"))
    parts.append("</section>")
    return "".join(parts)


def _cost(doc: DocumentResult) -> str:
    """The all-in cost: its IRR line, a chart of the schedule and the compact schedule itself."""
    if not cost_view.has_working(doc.facts):
        return ""
    head = "".join(f'<th class="num">{esc(label)}</th>' for _, label in cost_view.columns(doc.facts))
    body = "".join("<tr>" + "".join(f'<td class="num">{esc(c)}</td>' for c in row) + "</tr>"
                   for row in cost_view.rows(doc.facts))
    return (f'<div class="cost"><h4>{esc(cost_view.headline(doc.facts))}</h4>'
            f"{schedule_chart(cost_view.per_period(doc.facts))}"
            '<p class="muted legend">绿：放款（净额）paid out · 蓝：还本付息 repaid · 橙：费用 fees</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def schedule_chart(periods: list[tuple[str, float, float, float]]) -> str:
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
    return (f'<svg role="img" aria-label="还款计划 schedule" width="{width}" height="{2 * half}" '
            f'viewBox="0 0 {width} {2 * half}">{"".join(bars)}{axis}</svg>')


def _document_meta(doc: DocumentResult) -> str:
    bits = []
    if doc.profile:
        reason = f"（{esc(doc.profile_reason)}）" if doc.profile_reason else ""
        bits.append(f"适用标准 profile: {esc(doc.profile)}{reason}")
    cap = rate_cap(doc)
    if cap is not None:
        bits.append(f"利率上限 cap: {esc(format_number(cap))}%/年")
    bits.append(f"{esc(doc.pages)} 页 pages")
    return " · ".join(bits)


def _finding(f: Finding, rules: dict[str, RuleInfo]) -> str:
    sev = f.severity.value
    where = " · ".join(p for p in (esc(f.clause) if f.clause else "全文 whole document",
                                   f"第 {esc(f.page)} 页 page {esc(f.page)}" if f.page else "") if p)
    parts = [
        f'<article class="finding sev-{sev}" style="--sev: {SEVERITY_COLOUR[sev]}">',
        f'<header><span class="badge" style="background: {SEVERITY_COLOUR[sev]}">{SEVERITY_ZH[sev]} {sev}</span>'
        f"<h3>{esc(f.title)}</h3> <code>{esc(f.rule_id)}</code></header>",
        f'<p class="muted">{where}</p>',
    ]
    if f.evidence:
        parts.append(f'<blockquote class="evidence">{esc(f.evidence)}</blockquote>')
    if f.message:
        parts.append(f'<p class="message">{esc(f.message)}</p>')
    parts.append(_legal_basis(f, rules))
    remedy = remediation_for(f, rules)
    if remedy:
        parts.append(f'<div class="remedy"><h4>建议表述 Suggested wording</h4><p>{esc(remedy)}</p></div>')
    parts.append("</article>")
    return "".join(parts)


def _legal_basis(f: Finding, rules: dict[str, RuleInfo]) -> str:
    basis = legal_basis_for(f, rules)
    if not basis:
        return ""
    items = []
    for b in basis:
        quote = f" <q>{esc(b.quote)}</q>" if b.quote else ""
        items.append(f"<li><cite>{esc(f'{b.statute} {b.article}'.strip())}</cite>{quote}</li>")
    return f'<div class="basis"><h4>法律依据 Legal basis</h4><ul>{"".join(items)}</ul></div>'


def _waived(findings: list[Finding]) -> str:
    if not findings:
        return ""
    items = []
    for f in findings:
        reason = f" — {esc(f.waiver_reason)}" if f.waiver_reason else ""
        clause = f" {esc(f.clause)}" if f.clause else ""
        items.append(f"<li><code>{esc(f.rule_id)}</code>{clause}: {esc(f.message)}{reason}</li>")
    return f'<div class="waived"><h4>已豁免（不计入统计）Waived, not counted</h4><ul>{"".join(items)}</ul></div>'


def _notes(notes: tuple[str, ...], heading: str) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{esc(n)}</li>" for n in notes)
    return f'<div class="notes"><h4>{esc(heading)}</h4><ul>{items}</ul></div>'
