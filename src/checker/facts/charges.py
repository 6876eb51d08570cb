"""Charges: every fee a contract fixes besides interest (service, management, platform,
membership, guarantee / 增信, insurance, account and other fees), and interest taken at payout.

Each charge has a figure (an amount in yuan, or a share of the principal, of each instalment
or of the interest), a frequency (once, per period, per day, per year) and a time it is paid
(deducted from the principal, at payout, with each instalment, at the end). A fee that is
waived (免收, 不收取) or charged only on late payment, prepayment or enforcement (逾期管理费,
提前还款手续费, 实现债权的费用) is kept with a status that says so: it is not a cost of credit
(中国人民银行公告〔2021〕第3号 counts what a borrower pays for normal performance). A guarantee
fee counts whoever the guarantor is: the 2025 small-loan guideline counts guarantee and
insurance premiums the borrower pays to get the loan, also to a guarantor the borrower chose.

Vocabulary in ``checker/vocab/charges.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Iterable

from ..model import Clause, Fact
from .money import Amount, find_amounts
from .rates import Rate, find_rates
from .topics import Sentence, load_vocab, split_sentences, vocab_pattern

KINDS = ("service", "management", "platform", "membership", "guarantee", "insurance", "account", "other")
KIND_LABELS = {"service": "服务费", "management": "管理费", "platform": "平台费", "membership": "会员费",
               "guarantee": "担保/增信费", "insurance": "保险费", "account": "账户管理费", "other": "其他费用",
               "interest": "利息"}
TIMING_LABELS = {"deducted": "放款时从本金中扣除", "at_payout": "放款时支付", "with_instalment": "随每期还款",
                 "at_end": "到期时支付"}


@dataclass(frozen=True)
class Charge:
    """One charge as the contract fixes it."""

    kind: str  # one of KINDS, or "interest" (interest deducted at payout)
    basis: str  # amount | principal | instalment | interest
    value: float | None  # yuan for basis "amount", else percent; None: charged, figure not stated
    frequency: str  # once | period | day | year
    timing: str  # deducted | at_payout | with_instalment | at_end
    status: str  # cost | waived | late_only | included (priced in a stated all-in figure)
    clause: str
    page: int
    evidence: str
    stated: str = ""  # the figure as written
    refers_back: bool = False  # named as the fee before it (「该服务费」「上述费用」), with no figure of its own

    @property
    def is_cost(self) -> bool:
        return self.status == "cost"


@lru_cache(maxsize=1)
def _vocab() -> dict[str, Any]:
    return load_vocab("charges")


def _rx(key: str) -> re.Pattern[str]:
    return vocab_pattern("charges", key)


def _any_kind() -> re.Pattern[str]:
    """A cheap first look: every fee word holds 费, 保障金 or 准备金 (a full match runs per sentence later)."""
    return _FEE_CHAR


_FEE_CHAR = re.compile("费|保障金|准备金")
_BEFORE_GAP = re.compile(r"\s*(的|作为|用作|之)?\s*(向[^，,。；;、（）()]{0,10})?(支付|缴纳|交纳|收取|计收|按月收取|按月支付)?"
                         r"\s*(的)?\s*(借款|贷款|平台|账户)?\s*")


@dataclass(frozen=True)
class _Mention:
    kind: str
    start: int
    end: int


def find_charges(clauses: Iterable[Clause]) -> list[Charge]:
    """Every charge the contract names, merged per kind and figure (a fee restated is one fee)."""
    found: list[Charge] = []
    kinds = _any_kind()
    for clause in clauses:
        if not kinds.search(clause.text):
            continue
        sentences = split_sentences(clause.text)
        for i, s in enumerate(sentences):
            found.extend(_sentence_charges(clause, _with_rows_below(s, sentences[i + 1:i + 3])))
    return _merge(found)


def _with_rows_below(s: Sentence, below: list[Sentence]) -> Sentence:
    """A fee named alone on its line (a table row unfolded as 「费用项目：账户管理费」) takes its
    figure from the lines below it that name no fee (「收费标准：借款本金的0.8%/月」)."""
    mentions = _fee_mentions(s.text) if _FEE_CHAR.search(s.text) else []
    if not mentions or find_amounts(s.text[mentions[-1].end:]) or _PERCENT.search(s.text[mentions[-1].end:]):
        return s
    rows = []
    for b in below:
        if not _ROW.match(b.text) or _FEE_CHAR.search(b.text) and _fee_mentions(b.text):
            break
        rows.append(b.text)
    return Sentence(s.start, s.end, "，".join([s.text, *rows])) if rows else s


_PERCENT = re.compile(r"[%‰‱]|百分之|千分之|万分之")
_ROW = re.compile(r"^[^，。；,;]{1,12}[：:|]")  # a short label and its value: one cell of a row


def _sentence_charges(clause: Clause, s: Sentence) -> list[Charge]:
    text = s.text
    mentions = _fee_mentions(text) if _FEE_CHAR.search(text) else []
    out = []
    for i, m in enumerate(mentions):
        end = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        start = mentions[i - 1].end if i else 0
        out.append(_charge(clause, text, m, start, end))
    return [c for c in out if c is not None]


def _values(text: str, m: _Mention, prev_end: int, next_start: int) -> tuple[list[Amount], list[Rate]]:
    """Amounts and absolute rates near a fee word (read in a window: long sentences are costly)."""
    lo, hi = max(prev_end, m.start - _REACH_BEFORE), min(next_start, m.end + _REACH_AFTER)
    window = text[lo:hi]
    amounts = [replace(a, start=a.start + lo, end=a.end + lo) for a in find_amounts(window)]
    # the sum paid out after a deduction (「实际到账金额为11,400元」) is no fee's figure
    amounts = [a for a in amounts if not _paid_out(text, a)]
    rates = [replace(r, start=r.start + lo, end=r.end + lo) for r in find_rates(window)
             if r.relative is None and not _NOT_FEE_RATE.search(window[max(0, r.start - 12):r.start])]
    return amounts, rates


_REACH_BEFORE, _REACH_AFTER = 40, 60
_NOT_FEE_RATE = re.compile(r"综合|年化|利率|罚息")  # the price of the loan, not a fee's own figure


def _fee_mentions(text: str) -> list[_Mention]:
    named = [_Mention(m.lastgroup if m.lastgroup in KINDS else "other", m.start(), m.end())
             for m in _kinds_rx().finditer(text)]
    # 「上述费用」「该等费用」: the fees named before, by reference
    generic = [_Mention("other", m.start(1), m.end(1)) for m in _GENERIC_BACK.finditer(text)
               if not any(n.start <= m.start(1) < n.end for n in named)]
    return sorted(named + generic, key=lambda n: n.start)


# 「放款时不扣除任何费用」: a deduction the contract rules out
_NEGATED = re.compile(r"(不|无需|无须|不得|不会|不予|未|禁止|免于)(扣除|扣收|扣取|扣减|坐扣|预扣|先行扣除|预先扣除|支付|缴纳|收取)")

_GENERIC_BACK = re.compile(r"(?:该等?|此|上述|前述|以上)(?:各项|各|项|笔)?(费用)")


@lru_cache(maxsize=1)
def _kinds_rx() -> re.Pattern[str]:
    """Every kind's words in one alternation, in vocabulary order: at a position the first kind
    listed wins (「账户管理费」 is an account fee, not a management fee)."""
    words = "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _vocab()["kinds"].items())
    # the lookahead lets the engine skip, cheaply, every position that no fee word can start at
    return re.compile(f"(?=[^，。；,;]{{0,12}}?(?:费|保障金|准备金))(?:{words})", re.IGNORECASE)


def _charge(clause: Clause, text: str, m: _Mention, prev_end: int, next_start: int) -> Charge | None:
    status = _status(text, m)
    if status is None:
        return None
    # the figure of a fee that is no cost of credit is not needed (kept as a fact without one)
    figure = _figure(text, m, prev_end, next_start, *_values(text, m, prev_end, next_start)) \
        if status == "cost" else None
    if figure is None and not _rx("charging").search(text):
        return None  # a bare mention (「本金、利息及服务费提前到期」) fixes nothing
    basis, value, period, stated = figure or ("amount", None, None, "")
    frequency = period or _frequency(text)
    timing = _timing(text, frequency)
    refers_back = figure is None and bool(_BACK_REFERENCE.search(text, max(0, m.start - 4), m.start))
    return Charge(m.kind, basis, value, frequency, timing, status, clause.path, clause.page_start,
                  text[:300], stated, refers_back)


_BACK_REFERENCE = re.compile(r"(该|此|上述|前述|前款|所述|以上)(各项|各|项|笔)?$")


def _status(text: str, m: _Mention) -> str | None:
    word = text[m.start:m.end]
    if _rx("not_cost_word").search(word) or _rx("not_cost_before").search(text[max(0, m.start - 12):m.start]):
        return "late_only"
    if _rx("payer_not_borrower").search(text[:m.start]) and "借款人" not in text[:m.start].split("同意")[-1]:
        return None  # the lender's fee to the platform, not the borrower's
    if _rx("waived").search(text):
        return "waived"
    if _rx("late_trigger").search(text[:m.start]) or _rx("contingent").search(text):
        return "late_only"
    return "cost"


def _figure(text: str, m: _Mention, prev_end: int, next_start: int, amounts: list[Amount],
            rates: list[Rate]) -> tuple[str, float | None, str | None, str] | None:
    """(basis, value, period, as written) of the figure that belongs to this fee word: the first
    after it before the next fee word, else the nearest before it after the previous one."""
    after = [x for x in [*amounts, *rates] if m.end <= x.start < next_start]
    # a figure before the fee word only when it qualifies it directly (「800元的服务费」,
    # 「按借款本金的1%支付服务费」), not one the fee is said to be part of (「综合费率…，包括服务费」)
    before = [x for x in [*amounts, *rates] if prev_end <= x.start and x.end <= m.start
              and _BEFORE_GAP.fullmatch(text, x.end, m.start)]
    pick = min(after, key=lambda x: x.start) if after else max(before, key=lambda x: x.start) if before else None
    if pick is None:
        return None
    if isinstance(pick, Amount):
        return "amount", pick.value, None, pick.text
    # a share restated as an amount (「借款本金的2%，即人民币1,000元」): the amount is the figure
    restated = [a for a in amounts if pick.end <= a.start < next_start and re.match(r"[，,（(\s]*(即|折合|合计)?", text[pick.end:a.start])
                and len(text[pick.end:a.start]) <= 8]
    if restated:
        return "amount", restated[0].value, pick.period if pick.period != "year" else None, restated[0].text
    head = text[max(0, pick.start - 16):pick.start]
    basis = ("instalment" if _rx("share_of_instalment").search(head) else
             "interest" if _rx("share_of_interest").search(head) else "principal")
    period = {"day": "day", "month": "period", "year": "year"}.get(pick.period or "")
    return basis, pick.value_pct, period, pick.text


def _frequency(text: str) -> str:
    for key, name in (("per_day", "day"), ("per_period", "period"), ("per_year", "year")):
        if _rx(key).search(text):
            return name
    return "once"


def _timing(text: str, frequency: str) -> str:
    for key in ("deducted", "at_payout", "at_end"):
        if any(not _NEGATED.search(text, max(0, m.start() - 2), m.end()) for m in _rx(f"timing.{key}").finditer(text)):
            return key
    if frequency != "once" or _rx("timing.with_instalment").search(text):
        return "with_instalment"
    return "at_payout"


def _merge(found: list[Charge]) -> list[Charge]:
    """One charge per kind and figure: a later sentence that only says when a fee is paid
    (「服务费自借款金额中先行扣除」) gives the timing of the fee fixed before it."""
    out: list[Charge] = []
    for c in found:
        same = [i for i, o in enumerate(out) if (o.kind == c.kind or c.refers_back) and o.status == c.status]
        if not same:
            if not c.refers_back:  # a reference to no fee read before fixes nothing
                out.append(c)
            continue
        i = same[-1]
        prev = out[i]
        if c.value is None:
            if c.timing == "deducted" and prev.timing != "deducted":
                out[i] = replace(prev, timing="deducted")
            continue
        if prev.value is None:
            out[i] = replace(c, timing=c.timing if c.timing != "at_payout" else prev.timing)
        elif (prev.basis, prev.value, prev.frequency) != (c.basis, c.value, c.frequency):
            out.append(c)
    return out


def included_in_all_in(clauses: Iterable[Clause], charges: list[Charge]) -> list[Charge]:
    """The charges, with those a stated all-in figure says it includes marked ``included``: a
    fee priced in 「综合费率…包括利息及平台服务费」 is not a cost on top of that figure."""
    kinds: set[str] = set()
    for clause in clauses:
        if "综合" not in clause.text:
            continue
        for m in _rx("included_in_all_in").finditer(clause.text):
            kinds |= {f.kind for f in _fee_mentions(m.group(0))}
    return [replace(c, status="included") if c.is_cost and c.kind in kinds else c for c in charges]


def interest_deducted(clauses: Iterable[Clause]) -> tuple[float | None, Clause | None]:
    """Interest taken out of the principal at payout (砍头息), in yuan, with its clause."""
    for clause in clauses:
        if not _rx("interest_deducted").search(clause.text):
            continue
        for s in split_sentences(clause.text):
            if _rx("interest_deducted").search(s.text) and not _rx("waived").search(s.text):
                amounts = [a for a in find_amounts(s.text) if not _paid_out(s.text, a)]
                if amounts:
                    return amounts[0].value, clause
    return None, None


def net_payout(clauses: Iterable[Clause]) -> float | None:
    """The sum the contract says the borrower actually receives (实际到账金额), if stated."""
    for clause in clauses:
        if not _rx("net_payout").search(clause.text):
            continue
        for s in split_sentences(clause.text):
            for a in find_amounts(s.text):
                if _paid_out(s.text, a):
                    return a.value
    return None


def fixed_instalment(clauses: Iterable[Clause]) -> tuple[float, str] | None:
    """The sum the contract fixes for every monthly or periodic repayment, if it states one, with
    its sentence."""
    for clause in clauses:
        for s in split_sentences(clause.text):
            for a in find_amounts(s.text):
                before = s.text[max(0, a.start - 24):a.start]
                if a.value and _rx("fixed_instalment").search(before) and not _rx("not_cost_word").search(before) \
                        and not _any_kind().search(before):
                    return a.value, s.text
    return None


def _paid_out(text: str, amount: Amount) -> bool:
    """Whether ``amount`` is the sum paid out (「实际到账金额为…」), not a charge."""
    return bool(_rx("net_payout").search(text, max(0, amount.start - 14), amount.start))


def charge_facts(charges: list[Charge]) -> list[Fact]:
    return [Fact(kind="charge", name=c.kind, value=c.value, clause=c.clause, page=c.page, evidence=c.evidence,
                 attrs={"basis": c.basis, "frequency": c.frequency, "timing": c.timing, "status": c.status,
                        "stated": c.stated})
            for c in charges]
