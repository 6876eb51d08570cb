"""Parameters per document: the regime that binds the lender, the rate line on the contract's
date, and the pack's settings (../shared/spec/rule-catalog.md, "Rate lines by regime and date").

- ``civil-code`` (民间借贷: natural persons and ordinary companies): 4 x the one-year LPR in
  force when the contract was formed (民间借贷规定 第25条). A contract formed before
  2020-08-20 is split (第31条第2款): interest to 2020-08-19 under the rules of the time (24%
  enforceable, above 36% void), interest from 2020-08-20 at 4 x the LPR when the suit is
  filed, which the checker takes as the latest row of its table. Before 2019-08-20 no LPR
  existed: the same split applies.
- ``licensed`` (banks, consumer-finance, small-loan and other licensed lenders, whom the
  private-lending rules exclude): 24% a year. For a small-loan company from
  ``small_loan_cost_cap_from`` the in-term all-in cost line of the 2025 guideline; otherwise
  the line a court reduces charges to on the borrower's request (法发〔2017〕22号 第2条).

Profiles: ``auto`` picks the regime by ``lender_class``; ``civil-code`` and
``licensed-lender`` force one regime. An undated document is judged as formed on the day of
the check.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from typing import Any, Mapping

from .errors import ConfigError
from .vocab import class_label
from .model import Note
from .rulepack.model import LprEntry, RulePack

PROFILES = ("auto", "civil-code", "licensed-lender")
LICENSED_CLASSES = ("bank", "consumer_finance", "small_loan", "other_licensed")
TRANSITION_DATE = "2020-08-20"  # 民间借贷规定 (2020) in force; 第31条第2款 splits older contracts here
FIRST_LPR_DATE = "2019-08-20"   # the first one-year LPR fixing (民间借贷规定 第25条第2款)
REGIME_OF_PROFILE = {"civil-code": "civil-code", "licensed-lender": "licensed"}


@dataclass(frozen=True)
class Resolved:
    profile: str                 # the profile applied: civil-code | licensed-lender
    reason: str                  # why: the lender's class, or the user's choice
    params: Mapping[str, Any]
    notes: tuple[Note, ...] = field(default_factory=tuple)  # rendered by reports/i18n.py
    regime: str = "civil-code"   # civil-code | licensed
    tags: tuple[str, ...] = ()   # regime tags, most specific first (rulepack.model.REGIME_TAGS)
    line: str = ""               # the line applied and where it comes from, in words
    line_en: str = ""            # ... in English
    # ``reason`` as a note: its Chinese text and the English one (reports show it in their language)
    reason_note: Note | None = None


@lru_cache(maxsize=1024)  # facts (LPR-relative rates) and the regime (the line) ask for the same date
def lpr_on(lpr: tuple[LprEntry, ...], iso_date: str | None) -> tuple[LprEntry | None, Note | None]:
    """The one-year LPR in force on a date; with no date, or a date before the first fixing,
    the latest row (the checker's stand-in for the LPR when a suit is filed), with a note for
    a date before the first fixing."""
    if not lpr:
        return None, Note("lpr_table_missing")
    latest = lpr[-1]
    if not iso_date:
        return latest, None
    current = None
    for entry in lpr:
        if entry.start <= iso_date:
            current = entry
    if current is None:
        return latest, Note("lpr_before_first", {"date": iso_date, "first": FIRST_LPR_DATE,
                                                 "lpr_from": latest.start, "lpr_pct": latest.rate_pct})
    return current, None


def resolve(summary: Mapping[str, Any], profile: str, pack: RulePack, overrides: Mapping[str, Any] | None = None,
            today: date | None = None) -> Resolved:
    """Choose the regime and compute the line (``rate_cap``) for one document."""
    if profile not in PROFILES:
        raise ConfigError(f"unknown profile {profile!r}: use one of {', '.join(PROFILES)}")
    params: dict[str, Any] = dict(pack.params)
    params.update(overrides or {})
    lender_class = summary.get("lender_class") or summary.get("lender_kind")
    who, who_en = _who(summary, lender_class), _who_en(summary, lender_class)
    if profile == "auto":
        regime = "licensed" if lender_class in LICENSED_CLASSES else "civil-code"
        reason = f"{who}，适用{_REGIME_NAMES[regime]}"
        reason_en = f"{who_en}: {_REGIME_NAMES_EN[regime]}"
    else:
        regime = REGIME_OF_PROFILE[profile]
        # a Chinese reason names the profile in Chinese (reports quote it inside Chinese sentences)
        reason = "由用户指定" + {"civil-code": "适用民法典标准", "licensed-lender": "适用持牌机构标准"}[profile] + f"（{who}）"
        reason_en = f"the {_PROFILE_EN[profile]} profile, as chosen ({who_en})"
    formed = summary.get("contract_date") or (today or date.today()).isoformat()
    notes: list[Note] = []
    if regime == "civil-code":
        tags, line, line_en = _civil_code(summary, formed, pack, params, notes)
        if profile != "auto" and lender_class in LICENSED_CLASSES:
            notes.append(Note("civil_code_on_licensed"))
    else:
        tags, line, line_en = _licensed(lender_class, formed, params)
    if not summary.get("contract_date"):
        notes.insert(0, Note("undated", {"today": formed}))
    if summary.get("lender_identified") is False:
        notes.append(Note("lender_unidentified"))
    if summary.get("is_template"):
        notes.append(Note("template", {"blanks": list(summary.get("template_blanks") or ())}))
    chosen = "licensed-lender" if regime == "licensed" else "civil-code"
    note = Note("regime", {"reason": f"{reason}；{line}", "reason_en": f"{reason_en}; {line_en}"})
    return Resolved(chosen, f"{reason}；{line}", params, tuple(notes), regime, tags, line, line_en, note)


_REGIME_NAMES = {"civil-code": "民法典及民间借贷规定（民法典标准）",
                 "licensed": "金融借款规则（持牌机构标准，不适用民间借贷规定）"}
_REGIME_NAMES_EN = {"civil-code": "the Civil Code and the private-lending provisions apply (Civil Code profile)",
                    "licensed": "the rules on loans by financial institutions apply (licensed-lender profile; "
                                "the private-lending provisions do not)"}
_PROFILE_EN = {"civil-code": "Civil Code", "licensed-lender": "licensed-lender"}
_CLASSES_EN = {"natural_person": "a natural person", "company": "an ordinary company (not a licensed lender)",
               "bank": "a bank", "consumer_finance": "a consumer-finance or auto-finance company",
               "small_loan": "a small-loan company", "other_licensed": "another licensed local financial organisation"}


def _who(summary: Mapping[str, Any], lender_class: str | None) -> str:
    reason = summary.get("lender_class_reason")
    if reason:
        return reason
    name = summary.get("lender_name") or "贷款人"
    return f"{name}为{class_label(lender_class)}" if lender_class else "当事人条款中未识别到出借人"


def _who_en(summary: Mapping[str, Any], lender_class: str | None) -> str:
    """The lender and its class in English, from the facts (the Chinese reason quotes more)."""
    if not lender_class or summary.get("lender_identified") is False:
        return "no lender was identified in the parties: treated as an ordinary company"
    kind = _CLASSES_EN.get(lender_class, lender_class.replace("_", " "))
    name = summary.get("lender_name")
    return f"the lender “{name}” is {kind}" if name else f"the lender is taken to be {kind}"


def _civil_code(summary: Mapping[str, Any], formed: str, pack: RulePack, params: dict[str, Any],
                notes: list[Note]) -> tuple[tuple[str, ...], str, str]:
    multiple = float(params.get("lpr_multiple", 4))
    dated = bool(summary.get("contract_date"))
    if dated and formed < TRANSITION_DATE:
        entry = pack.lpr[-1] if pack.lpr else None
        tags: tuple[str, ...] = ("transition", "civil-code")
    else:
        entry, note = lpr_on(pack.lpr, formed if dated else None)
        if note and dated:
            notes.append(note)
        tags = ("civil-code",)
    if entry is None:
        return tags, "LPR表为空，无法计算上限", "the LPR table is empty: no rate line can be computed"
    cap = round(entry.rate_pct * multiple, 4)
    params.update(rate_cap=cap, lpr_pct=entry.rate_pct, lpr_from=entry.start)
    if "transition" in tags:
        no_lpr = "（当时尚无LPR）" if formed < FIRST_LPR_DATE else ""
        params["line_desc"] = (
            f"合同成立于{formed}{no_lpr}，早于2020年8月20日：2020年8月19日前的利息按当时的司法解释（年利率24%以内受保护，"
            f"超过36%的部分无效），2020年8月20日起的利息按起诉时一年期LPR的{multiple:g}倍"
            f"（按表中最新LPR {entry.rate_pct}%（{entry.start}起）计为{cap:g}%）")
        return (tags, f"利率线{cap:g}%：2020年8月20日起按起诉时一年期LPR的{multiple:g}倍（最新LPR {entry.rate_pct}%），此前按当时规定（24%/36%）",
                f"rate line {cap:g}%: from 2020-08-20, {multiple:g} x the one-year LPR when a suit is filed (latest "
                f"LPR {entry.rate_pct}%); before that, the rules of the time (24%/36%)")
    params["line_desc"] = f"合同成立时一年期LPR {entry.rate_pct}%（{entry.start}起）的{multiple:g}倍，即{cap:g}%"
    return (tags, f"利率线{cap:g}%：合同成立时一年期LPR {entry.rate_pct}%（{entry.start}起）的{multiple:g}倍",
            f"rate line {cap:g}%: {multiple:g} x the one-year LPR of {entry.rate_pct}% (from {entry.start}) when the "
            "contract was formed")


def _licensed(lender_class: str | None, formed: str, params: dict[str, Any]) -> tuple[tuple[str, ...], str, str]:
    cap = float(params.get("licensed_cap_pct", 24.0))
    params["rate_cap"] = cap
    since = str(params.get("small_loan_cost_cap_from", "2025-12-24"))
    if lender_class == "small_loan" and formed >= since:
        params["line_desc"] = (f"小额贷款公司新发放贷款综合融资成本{cap:g}%的监管红线（{since}起）；"
                               f"逾期罚息、违约金等合计超过{cap:g}%的部分借款人可请求调减")
        return (("small-loan", "licensed"), f"利率线{cap:g}%：小额贷款公司综合融资成本监管线（{since}起）",
                f"rate line {cap:g}%: the supervisory line on small-loan companies' all-in cost (from {since})")
    params["line_desc"] = f"借款人可请求调减利息、罚息、违约金等合计超过年化{cap:g}%的部分（法院调减线，非上限）"
    return (("licensed",), f"利率线{cap:g}%：法院依借款人请求调减超过年化{cap:g}%部分的标准（法发〔2017〕22号第2条）",
            f"rate line {cap:g}%: the level above which a court reduces the charges at the borrower's request "
            "(Fa Fa [2017] No. 22, Art. 2)")
