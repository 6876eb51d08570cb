"""Which rate is the in-term rate, the overdue interest, a 违约金, an overdue fee or a cap: the
role word nearest to each rate in its sentence; relative rates (上浮50%, 4 x LPR) resolved;
the summary's rate keys."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from ...model import Clause, Fact
from ..money import find_amounts
from ..rates import find_rates
from ..topics import Sentence, split_sentences
from .words import rx

_CJK = re.compile(r"[\u4e00-\u9fff]")
_PERIOD_WORD = re.compile(r"(?:[日月年]化?(?:利率|利息|息|费率|利)?|综合年化(?:成本|费率)?)\s*(?:为|是|按|：|:)?\s*$")
_SPECIFIC_FIRST = ("overdue_fee", "penalty", "overdue_interest", "fee", "interest")
_GENERAL = ("fee", "interest")


@dataclass(frozen=True)
class RoledRate:
    role: str
    rate: Any  # checker.facts.rates.Rate
    clause: Clause
    sentence: Sentence
    annual_pct: float | None  # resolved (relative forms included) where possible


def assign_rates(clauses: Iterable[Clause], day_count: int = 360) -> list[RoledRate]:
    """Every rate in the contract with its role (relative rates not yet resolved)."""
    out: list[RoledRate] = []
    for clause in clauses:
        for s in split_sentences(clause.text):
            rates = [r for r in find_rates(s.text, day_count=day_count) if _in_chinese(s.text, r)]
            if not rates:
                continue
            capped = bool(rx("total_cap").search(s.text))
            for r in rates:
                segment = _segment(s.text, r)
                if capped and rx("limit_words").search(segment):
                    out.append(RoledRate("total_cap", r, clause, s, r.annual_pct))
                elif _for_misuse(_part(s.text, r)):
                    continue  # 「挪用借款的，按合同利率加收100%计收罚息」: a charge for misuse, not for lateness
                elif not rx("limit_only").search(segment):
                    out.append(RoledRate(rate_role(s.text, r, rates, clause.title), r, clause, s, r.annual_pct))
    return out


def _part(text: str, rate: Any) -> str:
    """The semicolon-delimited part of the sentence a rate is in."""
    start = max(text.rfind("；", 0, rate.start), text.rfind(";", 0, rate.start)) + 1
    ends = [i for i in (text.find("；", rate.end), text.find(";", rate.end)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def _for_misuse(part: str) -> bool:
    return bool(rx("misuse").search(part)) and not late_triggered(part)


def _segment(text: str, rate: Any) -> str:
    """The comma-delimited part of the sentence a rate is in."""
    start = max(text.rfind("，", 0, rate.start), text.rfind(",", 0, rate.start)) + 1
    ends = [i for i in (text.find("，", rate.end), text.find(",", rate.end)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def _in_chinese(text: str, rate: Any) -> bool:
    """False for a rate inside an English passage: the Chinese text governs a bilingual
    contract, and its translation must not be read a second time."""
    return bool(_CJK.search(text[max(0, rate.start - 20):rate.end + 20]))


def rate_role(sentence: str, rate: Any, all_rates: list[Any], title: str = "") -> str:
    """The role of ``rate``: the role word nearest to it in the sentence, else the title's, else interest."""
    blocked = [(r.start, r.end) for r in all_rates]
    blocked += [(r.start - len(m.group(0)), r.start) for r in all_rates
                if (m := _PERIOD_WORD.search(sentence[:r.start]))]  # a rate's own 日利率/年化
    blocked += [m.span() for m in rx("base_reference").finditer(sentence)]
    blocked += [m.span() for m in rx("set_aside").finditer(sentence)]
    blocked += [m.span() for m in rx("included").finditer(sentence)]
    own = _own_label(sentence, rate)
    seg_start, seg_end = _segment_span(sentence, rate)
    taken: list[tuple[int, int]] = []
    best: tuple[int, int, str] | None = None
    for order, role in enumerate(_SPECIFIC_FIRST):
        for m in rx(f"rate_roles.{role}").finditer(sentence):
            span = m.span()
            if _inside(span, blocked) or _overlaps(span, taken):
                continue
            taken.append(span)
            if own and not (seg_start <= span[0] and span[1] <= seg_end) and (role in _GENERAL or span[0] >= rate.end):
                # a rate that names itself (年利率8%) is not renamed by a general word in another part
                # of the sentence, nor by any word in a later part (「……，逾期后按其1.5倍收取罚息」)
                continue
            dist = rate.start - span[1] if span[1] <= rate.start else span[0] - rate.end + 2
            key = (max(dist, 0), order, role)
            if best is None or key[:2] < best[:2]:
                best = key
    if best:
        return best[2]
    if own:
        return own
    for role in _SPECIFIC_FIRST:
        if title and rx(f"rate_roles.{role}").search(title):
            return role
    return "interest"


def _own_label(sentence: str, rate: Any) -> str | None:
    """The role a rate's own period word gives it: 年利率/日息/综合年化成本 -> interest; None for a
    bare period (按日0.05%) and for 费率, which names the all-in price or a fee alike."""
    m = _PERIOD_WORD.search(sentence[:rate.start])
    if not m:
        return None
    word = m.group(0)
    if "综合" in word or re.search(r"利|息|化", word):
        return "interest"
    return None


def _segment_span(text: str, rate: Any) -> tuple[int, int]:
    start = max(text.rfind("，", 0, rate.start), text.rfind(",", 0, rate.start)) + 1
    ends = [i for i in (text.find("，", rate.end), text.find(",", rate.end)) if i >= 0]
    return start, min(ends) if ends else len(text)


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def nominal_rate(roled: list[RoledRate]) -> RoledRate | None:
    """The in-term rate without an all-in figure (综合年化成本): what 「借款利率上浮20%」 builds on
    where a contract states both."""
    plain = [rr for rr in roled if rr.role == "interest" and not rx("all_in").search(_segment(rr.sentence.text, rr.rate))]
    return pick_rate(plain, "interest")


def resolve_relative(roled: list[RoledRate], interest_pct: float | None,
                     nominal_pct: float | None = None, lpr_pct: float | None = None) -> tuple[list[RoledRate], list[str]]:
    """Give relative rates a value: 上浮50% of the loan rate, or 4 x / + a spread on the one-year
    LPR in force on the contract date (``lpr_pct``; without it LPR-based rates stay None with a note).
    A base naming the all-in cost (综合费率) uses ``interest_pct``, any other the nominal rate."""
    out, notes = [], []
    for rr in roled:
        rel = getattr(rr.rate, "relative", None)
        if rr.annual_pct is None and rel:
            base, multiplier = rel
            base = base or ""
            if rx("lpr_base").search(base):
                if lpr_pct is None:
                    notes.append(f"{rr.role} rate is relative to the LPR ({rr.rate.text}); not resolved here")
                else:
                    value = lpr_pct * float(multiplier) + float(getattr(rr.rate, "spread_pct", None) or 0)
                    rr = RoledRate(rr.role, rr.rate, rr.clause, rr.sentence, round(value, 4))
            elif interest_pct is not None and (not base or rx("loan_rate_base").search(base)):
                pct = interest_pct if nominal_pct is None or rx("all_in").search(base) else nominal_pct
                rr = RoledRate(rr.role, rr.rate, rr.clause, rr.sentence, round(pct * float(multiplier), 4))
        out.append(rr)
    return out, notes


def pick_rate(roled: list[RoledRate], role: str) -> RoledRate | None:
    """The figure for a role: per sentence a stated annual figure wins over a computed one,
    an absolute figure over a relative one; across sentences the highest (nominal vs 综合年化成本)."""
    by_sentence: dict[tuple[str, int], list[RoledRate]] = {}
    for rr in roled:
        if rr.role == role and rr.annual_pct is not None:
            by_sentence.setdefault((rr.clause.path, rr.sentence.start), []).append(rr)
    picks = [max(group, key=lambda rr: (_preference(rr), rr.annual_pct)) for group in by_sentence.values()]
    stated = [p for p in picks if getattr(p.rate, "stated_annual", False)]
    pool = stated or picks
    return max(pool, key=lambda p: p.annual_pct) if pool else None


def as_written(rr: RoledRate) -> str:
    """The rate with its period word, as the contract writes it (「日利率0.08%」)."""
    text, start = rr.sentence.text, rr.rate.start
    m = _PERIOD_WORD.search(text[:start])
    head = re.sub(r"\s*(为|是|按|：|:)\s*$", "", m.group(0)) if m else ""
    return f"{head}{rr.rate.text}"


def _preference(rr: RoledRate) -> tuple[int, int]:
    return (1 if getattr(rr.rate, "stated_annual", False) else 0, 0 if getattr(rr.rate, "relative", None) else 1)


def overdue_fee_agreed(clauses: Iterable[Clause]) -> bool:
    """An overdue fee is agreed as an amount (「逾期管理费每日10元」), not only as a rate."""
    for clause in clauses:
        for s in split_sentences(clause.text):
            if rx("rate_roles.overdue_fee").search(s.text) and find_amounts(s.text):
                return True
    return False


def rate_summary(roled: list[RoledRate], interest_free: bool, topics: set[str],
                 fee_amount_agreed: bool = False, lpr_pct: float | None = None) -> tuple[dict[str, Any], list[str]]:
    """The rate keys of the summary, and notes on what could not be resolved."""
    if lpr_pct is not None:  # LPR-based rates first: the in-term rate itself may be one (LPR+150BP)
        roled, _ = resolve_relative(roled, None, None, lpr_pct)
    interest = pick_rate(roled, "interest")
    interest_pct = interest.annual_pct if interest else None
    nominal = nominal_rate(roled)
    roled, notes = resolve_relative(roled, interest_pct, nominal.annual_pct if nominal else None, lpr_pct)
    overdue = pick_rate(roled, "overdue_interest")
    # a 违约金 is an overdue charge only when late payment is among its stated triggers
    roled = [rr for rr in roled if rr.role != "penalty" or late_triggered(rr.clause.text)]
    penalty = pick_rate(roled, "penalty")
    fee = pick_rate(roled, "overdue_fee")
    cap = pick_rate(roled, "total_cap")
    if interest_free and not (interest_pct and interest_pct > 0):
        interest_pct = 0.0
    in_term = [rr for rr in roled if rr.role == "interest"]
    first_in_term = min(in_term, key=lambda rr: (rr.clause.line_start, rr.sentence.start, rr.rate.start), default=None)
    first_overdue = next((rr for rr in roled if rr.role == "overdue_interest"), None)
    annualizable = [x.annual_pct for x in (overdue, penalty, fee) if x is not None]
    kinds = sum([
        bool(first_overdue) or "overdue_interest" in topics,
        any(rr.role == "penalty" for rr in roled) or "liquidated_damages" in topics,
        any(rr.role == "overdue_fee" for rr in roled) or fee_amount_agreed,
    ])
    summary = {
        "interest_rate_annual_pct": _round(interest_pct),
        # as written in the clause the annual figure came from, so a message quotes one clause
        "interest_rate_stated": as_written(interest or first_in_term) if (interest or first_in_term) else None,
        "apr_stated": any(getattr(rr.rate, "stated_annual", False) for rr in in_term),
        "overdue_rate_annual_pct": _round(overdue.annual_pct) if overdue else None,
        "overdue_rate_stated": as_written(overdue or first_overdue) if (overdue or first_overdue) else None,
        "overdue_penalty_annual_pct": _round(penalty.annual_pct) if penalty else None,
        "overdue_fee_annual_pct": _round(fee.annual_pct) if fee else None,
        "overdue_charge_kinds": kinds,
        "overdue_total_annual_pct": _round(sum(annualizable)) if annualizable else None,
        "overdue_total_cap_pct": _round(cap.annual_pct) if cap else None,
        "fees_charged": any(rr.role == "fee" and (rr.rate.value_pct or 0) > 0 for rr in roled),
    }
    return summary, notes


def capped_by_law(clauses: Iterable[Clause]) -> bool:
    """A clause caps all overdue charges together at the legal limit (4 x LPR, 法律规定的上限)."""
    for clause in clauses:
        for s in split_sentences(clause.text):
            if rx("total_cap").search(s.text) and rx("law_cap").search(s.text):
                return True
    return False


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)


def rate_facts(roled: list[RoledRate]) -> list[Fact]:
    return [
        Fact(kind="rate", name=rr.role, value=_round(rr.annual_pct), clause=rr.clause.path,
             page=rr.clause.page_start, evidence=rr.sentence.text[:300],
             attrs={"stated": as_written(rr), "period": rr.rate.period,
                    "basis": "stated" if getattr(rr.rate, "stated_annual", False) else "computed",
                    "relative": list(rr.rate.relative) if getattr(rr.rate, "relative", None) else None})
        for rr in roled
    ]


_LATE = re.compile(r"逾期|拖欠|迟延|延迟(还款|支付|履行)|到期(未|不)(能)?(还|偿还|归还|清偿|支付)"
                   r"|未(能)?(按时|按期|如期|足额|及时)?(偿还|归还|还款|还本付息)"
                   r"|未(能)?按[^。；，]{0,12}(还款|偿还|归还|还本付息|支付(借款|本金|本息|利息|应还|应付|当期))")


def late_triggered(text: str) -> bool:
    """Whether late payment is among what the text makes a charge due for."""
    return bool(_LATE.search(text))
