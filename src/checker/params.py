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
                  "licensed_other": "持牌金融机构"}


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
        return lpr[-1], f"no contract date found: the latest LPR ({lpr[-1].rate_pct}% from {lpr[-1].start}) is used"
    current = None
    for entry in lpr:
        if entry.start <= iso_date:
            current = entry
    if current is None:
        return lpr[0], f"contract date {iso_date} is before the first LPR ({lpr[0].start}): that LPR is used"
    return current, None


def resolve(summary: Mapping[str, Any], profile: str, pack: RulePack, overrides: Mapping[str, Any] | None = None) -> Resolved:
    """Choose the profile and compute ``rate_cap`` for one document."""
    if profile not in PROFILES:
        raise ConfigError(f"unknown profile {profile!r}: use one of {', '.join(PROFILES)}")
    params: dict[str, Any] = dict(pack.params)
    params.update(overrides or {})
    notes: list[str] = []
    chosen, reason = profile, f"profile {profile} chosen by the user"
    if profile == "auto":
        chosen, reason = _auto(summary)
    if chosen == "licensed-lender":
        cap = float(params.get("licensed_cap_pct", 24.0))
        params["rate_cap"] = cap
        if summary.get("lender_kind") in ("bank", "consumer_finance"):
            notes.append("no published hard cap for banks and consumer-finance companies: the 24% line is applied as guidance")
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
    name = summary.get("lender_name") or "the lender"
    if kind in LICENSED_KINDS:
        return "licensed-lender", f"{name} is a {LICENSED_KINDS[kind]} (licensed lender)"
    if kind == "natural_person":
        return "civil-code", f"{name} is a natural person (private lending)"
    if kind == "company":
        return "civil-code", f"{name} is an ordinary company, not a licensed lender"
    return "civil-code", "no licensed lender named in the parties clause"
