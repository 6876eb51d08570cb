"""The all-in cost's working as every format shows it: the IRR line and the compact schedule
(period, paid out, repaid, fees, deducted), so a reader can check the figure by hand.

Free of output syntax: text, Markdown and HTML decide how the rows look.
"""
from __future__ import annotations

from typing import Any, Mapping

from checker.reports.common import display_width

COLUMNS = (("period", "期 period"), ("paid_out", "放款 paid out"), ("repaid", "还本付息 repaid"),
           ("fees", "费用 fees"), ("deducted", "预扣 deducted"))


def has_working(facts: Mapping[str, Any]) -> bool:
    return bool(facts.get("all_in_cost_working")) and bool(facts.get("all_in_cost_schedule"))


def headline(facts: Mapping[str, Any]) -> str:
    """「综合年化成本 all-in cost 11.73%/yr: 先息后本，…」, or the reason it is null."""
    value = facts.get("all_in_cost_annual_pct")
    bound = facts.get("all_in_cost_lower_bound_pct")
    if value is not None:
        figure = f"{value:.2f}%/yr"
    elif bound is not None:
        figure = f">= {bound:.2f}%/yr (lower bound)"
    else:
        return f"综合年化成本 all-in cost: not computed ({facts.get('all_in_cost_note') or 'no schedule'})"
    return f"综合年化成本 all-in cost {figure}: {facts.get('all_in_cost_working') or ''}"


def columns(facts: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """COLUMNS, without 预扣 deducted when nothing was kept back."""
    if any(r.get("deducted") for r in facts.get("all_in_cost_schedule") or []):
        return COLUMNS
    return COLUMNS[:-1]


def rows(facts: Mapping[str, Any]) -> list[list[str]]:
    """The schedule as strings, one list per row in ``columns(facts)`` order."""
    keys = [key for key, _ in columns(facts)[1:]]
    return [[str(r.get("period", ""))] + [_money(r.get(key)) for key in keys]
            for r in facts.get("all_in_cost_schedule") or []]


def text_table(facts: Mapping[str, Any], indent: str = "  ") -> list[str]:
    """Aligned plain-text lines: a header and one line per schedule row."""
    body = rows(facts)
    if not body:
        return []
    header = [label for _, label in columns(facts)]
    widths = [max(display_width(header[i]), *(display_width(r[i]) for r in body)) for i in range(len(header))]
    return [_line(header, widths, indent)] + [_line(r, widths, indent) for r in body]


def _line(cells: list[str], widths: list[int], indent: str) -> str:
    padded = []
    for i, (c, w) in enumerate(zip(cells, widths)):
        pad = " " * (w - display_width(c))
        padded.append(c + pad if i == 0 else pad + c)
    return (indent + "  ".join(padded)).rstrip()


def _money(value: Any) -> str:
    if value in (None, "", 0, 0.0):
        return "" if value is None else "0"
    return f"{float(value):,.2f}"


def per_period(facts: Mapping[str, Any], limit: int = 60) -> list[tuple[str, float, float, float]]:
    """(period, paid out, repaid, fees) for every period, runs unfolded; the compact rows when
    the schedule is longer than ``limit`` periods."""
    compact = facts.get("all_in_cost_schedule") or []
    out: list[tuple[str, float, float, float]] = []
    for r in compact:
        first, _, last = str(r.get("period", "")).partition("-")
        keys = range(int(first), int(last) + 1) if last and first.isdigit() and last.isdigit() else [first]
        out += [(str(k), float(r.get("paid_out") or 0), float(r.get("repaid") or 0), float(r.get("fees") or 0))
                for k in keys]
    if len(out) > limit:
        return [(str(r.get("period")), float(r.get("paid_out") or 0), float(r.get("repaid") or 0),
                 float(r.get("fees") or 0)) for r in compact]
    return out
