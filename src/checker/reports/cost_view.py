"""The all-in cost's working as every format shows it: the IRR line and the compact schedule
(period, paid out, repaid, fees, deducted), so a reader can check the figure by hand.

Free of output syntax: text, Markdown and HTML decide how the rows look.
"""
from __future__ import annotations

from typing import Any, Mapping

from checker.reports.common import display_width

COLUMNS = (("period", "期数"), ("paid_out", "放款"), ("repaid", "还本付息"), ("fees", "费用"), ("deducted", "预扣"))
_EN = {"period": "period", "paid_out": "paid out", "repaid": "repaid", "fees": "fees", "deducted": "deducted"}
LEGEND = {"zh": "绿：放款（净额） · 蓝：还本付息 · 橙：费用", "en": "green: paid out (net) · blue: repaid · orange: fees"}


def has_working(facts: Mapping[str, Any]) -> bool:
    return bool(facts.get("all_in_cost_working")) and bool(facts.get("all_in_cost_schedule"))


def headline(facts: Mapping[str, Any], lang: str = "zh") -> str:
    """「综合年化成本11.73%/年：先息后本，…」 (``lang="en"``: 「all-in cost 11.73%/yr: …」), or
    the reason it is null (English reports leave the Chinese reason out). The working is the
    facts' own line, in the report's language."""
    value = facts.get("all_in_cost_annual_pct")
    bound = facts.get("all_in_cost_lower_bound_pct")
    working = facts.get("all_in_cost_working") or ""
    if lang == "en":
        working = facts.get("all_in_cost_working_en") or working  # a result stored before it had one
        if value is not None:
            return f"all-in cost {value:.2f}%/yr: {working}"
        if bound is not None:
            return f"all-in cost >= {bound:.2f}%/yr (lower bound): {working}"
        return "all-in cost: not computed"
    if value is not None:
        return f"综合年化成本{value:.2f}%/年：{working}"
    if bound is not None:
        return f"综合年化成本不低于{bound:.2f}%/年（下限）：{working}"
    return f"综合年化成本：未能计算（{facts.get('all_in_cost_note') or '无还款计划'}）"


def columns(facts: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """COLUMNS, without 预扣 deducted when nothing was kept back."""
    if any(r.get("deducted") for r in facts.get("all_in_cost_schedule") or []):
        return COLUMNS
    return COLUMNS[:-1]


def labels(facts: Mapping[str, Any], lang: str = "zh") -> list[str]:
    """The headings of ``columns(facts)`` in one language."""
    return [_EN[key] if lang == "en" else label for key, label in columns(facts)]


def rows(facts: Mapping[str, Any]) -> list[list[str]]:
    """The schedule as strings, one list per row in ``columns(facts)`` order."""
    keys = [key for key, _ in columns(facts)[1:]]
    return [[str(r.get("period", ""))] + [_money(r.get(key)) for key in keys]
            for r in facts.get("all_in_cost_schedule") or []]


def text_table(facts: Mapping[str, Any], indent: str = "  ", lang: str = "zh") -> list[str]:
    """Aligned plain-text lines: a header and one line per schedule row."""
    body = rows(facts)
    if not body:
        return []
    header = labels(facts, lang)
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
