"""Parameters per document: the rate cap chosen by the profile, and the pack's settings.

Profiles (rule-catalog.md, "Parameters and profiles"):
- ``civil-code``: 4 x the one-year LPR in force when the contract was formed;
- ``licensed-lender``: 24% a year all-in;
- ``auto``: ``licensed-lender`` for banks, consumer-finance, small-loan and other licensed
  lenders named in the parties clause, ``civil-code`` for everyone else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import ConfigError
from .rulepack.model import LprEntry, RulePack

PROFILES = ("auto", "civil-code", "licensed-lender")
LICENSED_KINDS = {"bank": "银行", "consumer_finance": "消费金融公司", "small_loan": "小额贷款公司",
                  "other_licensed": "持牌金融机构"}


@dataclass(frozen=True)
class Resolved:
    profile: str
    reason: str
    params: Mapping[str, Any]
    notes: tuple[str, ...] = field(default_factory=tuple)


def lpr_on(lpr: tuple[LprEntry, ...], iso_date: str | None) -> tuple[LprEntry | None, str | None]:
    """The one-year LPR in force on a date; with no date (or a date before the table) a fallback and a note."""
    if not lpr:
        return None, "no LPR table in the rule pack"
    if not iso_date:
        return lpr[-1], f"未找到合同成立日期，按最新一年期LPR（{lpr[-1].start}起{lpr[-1].rate_pct}%）计算上限"
    current = None
    for entry in lpr:
        if entry.start <= iso_date:
            current = entry
    if current is None:
        return lpr[0], f"合同成立日{iso_date}早于首次LPR报价（{lpr[0].start}），按该期LPR计算上限"
    return current, None


def resolve(summary: Mapping[str, Any], profile: str, pack: RulePack, overrides: Mapping[str, Any] | None = None) -> Resolved:
    """Choose the profile and compute ``rate_cap`` for one document."""
    if profile not in PROFILES:
        raise ConfigError(f"unknown profile {profile!r}: use one of {', '.join(PROFILES)}")
    params: dict[str, Any] = dict(pack.params)
    params.update(overrides or {})
    notes: list[str] = []
    # a Chinese reason names the profile in Chinese (reports quote it inside Chinese sentences)
    chosen, reason = profile, "由用户指定" + {"civil-code": "适用民法典标准", "licensed-lender": "适用持牌机构标准"}.get(profile, "")
    if profile == "auto":
        chosen, reason = _auto(summary)
    if chosen == "licensed-lender":
        cap = float(params.get("licensed_cap_pct", 24.0))
        params["rate_cap"] = cap
        if summary.get("lender_kind") in ("bank", "consumer_finance"):
            notes.append("银行及消费金融公司无公开的硬性利率上限，24%仅作为参考标准适用")
    else:
        entry, note = lpr_on(pack.lpr, summary.get("contract_date"))
        if note:
            notes.append(note)
        multiple = float(params.get("lpr_multiple", 4))
        if entry is not None:
            params["lpr_pct"] = entry.rate_pct
            params["rate_cap"] = round(entry.rate_pct * multiple, 4)
    return Resolved(chosen, reason, params, tuple(notes))


def _auto(summary: Mapping[str, Any]) -> tuple[str, str]:
    kind = summary.get("lender_kind")
    name = summary.get("lender_name") or "贷款人"
    if kind in LICENSED_KINDS:
        return "licensed-lender", f"{name}为{LICENSED_KINDS[kind]}（持牌放贷机构）"
    if kind == "natural_person":
        return "civil-code", f"{name}为自然人（民间借贷）"
    if kind == "company":
        return "civil-code", f"{name}为普通企业，非持牌放贷机构"
    return "civil-code", "当事人条款中未识别到持牌放贷机构"
