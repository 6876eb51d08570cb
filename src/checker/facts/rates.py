"""Interest and charge rates as Chinese contracts state them, with their period.

Forms read: ``18%``, ``百分之十八``, ``百分之三点六``, ``千分之一`` / ``1‰``, ``万分之五`` /
``万分之2.5`` / ``5‱``, the shorthand ``日息万五`` (= 万分之五 a day), the traditional
``分``/``厘`` (``月息1分5厘``), and rates relative to another rate (``在借款利率基础上上浮50%``,
``加收30%``, ``按借款利率的1.5倍``, ``执行利率的150%``, ``一年期贷款市场报价利率的四倍``, and the
additive ``LPR+1.5%`` / ``LPR加150个基点``). A price per sum lent (``每借1000元每天利息0.5元``,
``每万元每日5元``) is a rate of that period (0.05% a day), spanning the price only. A relative rate has ``relative = (base, multiplier)``
with base ``loan_rate`` (the contract's own rate; also when none is named: ``加收30%``),
``lpr`` or ``benchmark``; its ``value_pct`` is the increment in percent (上浮50% -> 50, 四倍 -> 300)
and its ``annual_pct`` is None until the caller resolves the base. 上浮/上调 N% multiply
(``上浮50%`` = x1.5, as Chinese loan contracts use it); 加/+ N% and 基点 add (``spread_pct``).

分 and 厘 are decimal places whose size depends on the period they are quoted for: the
convention is that one 分 is a tenth of the period's "whole" unit and one 厘 a tenth of a
分, where the whole unit is 100% for a year, 10% for a month and 1% for a day, which is
what keeps each quoted figure in its everyday range:

==========  =========  ==========  ===========================================
period      1 分        1 厘         example
==========  =========  ==========  ===========================================
year        10%        1%          年息1分 = 10% a year, 年息8厘 = 8% a year
month       1%         0.1%        月息1分5厘 = 1.5% a month, 月息6厘 = 0.6% a month
day         0.1%       0.01%       日息5厘 = 0.05% a day (= 万分之五)
==========  =========  ==========  ===========================================

A 分/厘 rate with no period stated (``按2分利计息``) is read monthly: folk lending quotes
monthly rates in 分 ("两分利" = 2% a month, 24% a year), and the other readings give
implausible figures (2% a year is cheap for a private loan; 0.2% a day is 72% a year).

The period is the nearest period word before the figure inside its comma segment (and not
before the previous rate: ``日利率0.05%（即年化18%）`` are two rates) or a word right after
it (``0.05%/日``, ``18% per annum``). With no period word a figure has period None (``首付30%``,
``违约金为借款本金的20%`` are one-off shares, not rates a year), except two cases where only
one reading is plausible: a bare ``利率`` with a percent figure between 1 and 60 is a year
rate, and a ``万分之`` figure of an interest or penalty word is a day rate; both are marked
``inferred`` and never count as a stated annual figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .numerals import DIGIT_CHARS, NUM, UNIT_CHARS, normalize, parse_cn_number, tail_number

_SMALL = rf"(?:(?<![\d.])(?>\d+(?:\.\d+)?)|[{DIGIT_CHARS}](?:点[{DIGIT_CHARS}])?|十)"


def _en(words: str) -> str:
    """English words as whole words: ``\\b`` does not hold next to Chinese characters."""
    return rf"(?<![A-Za-z])(?:{words})(?![A-Za-z.])"


# period words, before the figure ("每日按逾期金额的千分之一") or right after it ("0.05%/日")
_EN_DAY = _en(r"daily|per\s+day|a\s+day")
_EN_MONTH = _en(r"monthly|per\s+month|a\s+month")
_EN_YEAR = _en(r"annual(?:ized|ised)?|per\s+annum|p\.\s*a\.|APR|yearly|a\s+year|per\s+year")
_NOT_RATE_PERIOD = r"(?!还款|付息|偿还|归还|还本|支付|付款|等额|分期|结息|扣款|计划|还息|供)"
# nobody repays daily: 「每日支付逾期本金的千分之二」 is a rate a day
_NOT_DAY_PERIOD = r"(?!还款|付息|偿还|归还|还本|等额|分期|结息|扣款|计划|还息|供)"
_CUES = {
    "day": rf"日利率|日息|日利|日费率|日综合费率|日罚息|日万分之|每日{_NOT_DAY_PERIOD}|每天{_NOT_DAY_PERIOD}|"
           rf"按日(?!期)|按天|逐日|日计|日均|[(（]\s*日\s*[)）]|{_EN_DAY}",
    "month": rf"月利率|月息|月利|月费率|月综合费率|月罚息|每月{_NOT_RATE_PERIOD}|按月{_NOT_RATE_PERIOD}|[(（]\s*月\s*[)）]|"
             rf"{_EN_MONTH}",
    "year": rf"年利率|年化|年息|年利|年费率|年综合|年率|每年{_NOT_RATE_PERIOD}|按年{_NOT_RATE_PERIOD}|[(（]\s*年\s*[)）]|"
            rf"{_EN_YEAR}",
}
_DELAY = re.compile(r"每(?:迟延|延迟|逾期|拖延|超期)\s*[一1]?\s*[天日]")
_CUE = re.compile("|".join(f"(?P<{p}>{rx})" for p, rx in _CUES.items()), re.IGNORECASE)
_AFTER = re.compile(
    r"\s*(?:[/每]\s*(?P<a1>日|天|月|年)|[(]\s*(?P<a2>日|月|年)\s*[)]|per\s+(?P<a3>annum|year|day|month)|"
    r"(?P<a4>p\.\s*a\.)|(?P<a5>annually|daily|monthly)(?![A-Za-z]))",
    re.IGNORECASE,
)
_AFTER_PERIOD = {"日": "day", "天": "day", "月": "month", "年": "year", "annum": "year", "year": "year",
                 "day": "day", "month": "month", "annually": "year", "daily": "day", "monthly": "month"}
_BARE_RATE_WORD = re.compile(r"(?<![日月年])(?:利率|利息率|(?<![A-Za-z])interest\s+rate(?![A-Za-z]))", re.IGNORECASE)
_INTEREST_WORD = re.compile(r"利率|利息|[日月年]?息|罚息|违约金|费率|interest|penalty", re.IGNORECASE)
_SEGMENT_BREAK = re.compile(r"[,;，；。!?！？\n]")


# the figure itself (the three big patterns compile on first use, not at every start-up)
@lru_cache(maxsize=1)
def _absolute_forms() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<pct_cn>百分之(?P<n1>{NUM}))"
        rf"|(?P<pm_cn>千分之(?P<n2>{NUM}))"
        rf"|(?P<pt_cn>万分之(?P<n3>{NUM}))"
        rf"|(?P<n4>{NUM})\s*(?P<sign>%|‰|‱|percent(?![A-Za-z])|per\s*cent(?![A-Za-z]))"
        rf"|(?<=[息利率每日按])\s*(?P<short>[万千])(?P<n5>[{DIGIT_CHARS}\d](?:(?:\.|点)[{DIGIT_CHARS}\d])?)(?![分之元万千百十\d])"
        rf"|(?P<fen>{_SMALL})分(?:(?P<li>{_SMALL})厘?)?(?![之钟期别配批散支摊])(?P<fen_tail>利|息)?"
        rf"|(?P<li_only>{_SMALL})厘(?P<li_tail>利|息)?",
        re.IGNORECASE,
    )


_FEN_LI_CUE = re.compile(r"(?:[日月年]息|[日月年]利率?|利率|利息|息|[每按][日月年天])\s*(?:为|按|是|[:：])?\s*$")
_FEN_LI_SCALE = {"year": (10.0, 1.0), "month": (1.0, 0.1), "day": (0.1, 0.01)}

# rates built on another rate
_BASE = (r"(?:一年期|1年期|五年期以上|5年期以上)?(?:的)?(?:贷款市场报价利率|LPR)(?:\s*[(]LPR[)])?"
         r"|(?:中国)?人民银行[^,;，；。]{0,12}?基准利率|基准利率"
         r"|(?:本合同|合同|借款|贷款|约定|执行|正常|原|本|上述)[^,;，；。%\d]{0,6}?(?:综合)?(?:利率|费率)|综合费率|利率")


# 「以LPR为定价基准加45个基点」: the words naming the base as the base, between it and the spread
_PRICED_ON = r"(?:(?:为|作为)\s*(?:定价)?\s*(?:基准|基础)(?:利率)?\s*|(?:的)?\s*基础(?:之)?上\s*)?"
# 「定价基准利率（一年期LPR）」: the base's own name in brackets after it
_BASE_NOTE = r"(?:\s*[(（][^)）%\d]{0,14}[)）])?"
_MINUS = ("减去", "减", "-", "下浮", "下调")


@lru_cache(maxsize=1)
def _relative_forms() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<base5>(?:{_BASE}){_BASE_NOTE})\s*{_PRICED_ON}(?:(?P<s1>加点|加上|加|\+|减去|减|-)(?!收|计)\s*"
        rf"(?:(?P<sp>{NUM})\s*%|百分之(?P<sp2>{NUM}))"
        rf"|(?P<s2>加点|加上|加|\+|上浮|上调|增加|减去|减|-|下浮|下调)\s*"
        rf"(?:(?P<bp>{NUM})\s*(?:个)?\s*(?:基点|bps?(?![A-Za-z]))|(?P<pp>{NUM})\s*个?百分点))"
        rf"|(?P<base6>{_BASE})\s*的\s*(?:(?P<pm>{NUM})\s*%|百分之(?P<pm2>{NUM}))"
        rf"|(?:(?P<base>{_BASE})\s*(?:的)?\s*(?:水平)?\s*(?:基础上|基础之上|之上|上(?=加|增))?\s*)?(?:再)?"
        rf"(?P<op>上浮|上调|提高|加收|加计|增加|上涨)\s*(?:了)?\s*"
        rf"(?:百分之(?P<r1>{NUM})|(?P<r2>{NUM})\s*%|(?P<r3>[{DIGIT_CHARS}\d])成)"
        rf"|(?P<base2>{_BASE})\s*(?:的)?\s*(?P<m1>{NUM})\s*倍"
        rf"|(?P<m2>{NUM})\s*倍(?:的)?\s*(?P<base3>{_BASE})"
        rf"|(?P<base4>{_BASE})\s*[×xX*]\s*(?P<m3>\d+(?:\.\d+)?)",
        re.IGNORECASE,
    )


# every alternative of _relative_forms names a base (each _BASE has 利率, 费率 or LPR) or an
# increase word: one cheap search rules out the sentences that have neither
_RELATIVE_WORD = re.compile(r"利率|费率|LPR|上浮|上调|提高|加收|加计|增加|上涨", re.IGNORECASE)
# a price per sum lent: 每借1000元每天利息0.5元, 每万元每日收取利息5元 (= 0.05% a day)
_PER_PERIOD = r"每天|每日|一天|每月|一个月|每年|一年"


@lru_cache(maxsize=1)
def _per_sum_forms() -> re.Pattern[str]:
    return re.compile(
        rf"每(?:借|借款|借出|使用)?\s*(?P<p>{NUM})\s*元(?:借款|本金)?[^,;，；。\d]{{0,4}}?(?P<per>{_PER_PERIOD})"
        rf"[^,;，；。\d]{{0,6}}?(?P<f>{NUM})\s*元"
        rf"|(?P<per2>{_PER_PERIOD})\s*每(?:借|借款)?\s*(?P<p2>{NUM})\s*元(?:借款|本金)?[^,;，；。\d]{{0,6}}?(?P<f2>{NUM})\s*元"
    )


_SUM_PERIOD = {"天": "day", "日": "day", "月": "month", "年": "year"}
_RESTATE_GAP = re.compile(r"\s*[(（\[【]\s*(?:即|折合|合|约|相当于)?\s*[:：]?\s*")
_SIMPLE = re.compile(r"单利|simple\s+interest", re.IGNORECASE)


@dataclass(frozen=True)
class Rate:
    start: int
    end: int
    text: str
    period: str | None  # "day" | "month" | "year" | None (a one-off share, or unknown)
    value_pct: float  # per period, in percent; for relative forms the increment (上浮50% -> 50)
    annual_pct: float | None  # daily x day_count, monthly x 12; None when relative or no period
    stated_annual: bool = False  # the text itself states a figure a year (年利率, 年化, per annum ...)
    simple: bool = False  # 单利 said next to it
    relative: tuple[str, float] | None = None  # (base, multiplier): ("loan_rate", 1.5), ("lpr", 4.0)
    spread_pct: float | None = None  # an addition to the base (LPR+1.5%, 加150个基点 -> 1.5); multiplier 1.0
    inferred: bool = False  # period read from plausibility, no period word
    cue: str = ""  # the period word the period was read from


def find_rates(text: str, day_count: int = 360) -> list[Rate]:
    """Every rate in ``text`` in order (relative ones included, with ``relative`` set)."""
    norm = normalize(text)
    relative_forms, per_sum_forms, absolute_forms = _forms(norm)
    relatives = [r for m in relative_forms if (r := _relative(text, m)) is not None]
    absolutes: list[Rate] = [r for m in per_sum_forms if (r := _per_sum(text, norm, m, day_count))]
    taken = [(r.start, r.end) for r in relatives + absolutes]
    for m in absolute_forms:
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        prev_end = max((e for _, e in taken if e <= m.start()), default=0)
        rate = _absolute(text, norm, m, prev_end, day_count)
        if rate is not None and rate.period is None and absolutes:
            rate = _restatement(norm, absolutes[-1], rate, day_count)
        if rate is not None and rate.period is None:
            rate = _figure_of_relative(text, norm, relatives, rate, day_count)
        if rate is not None:
            absolutes.append(rate)
            taken.append((rate.start, rate.end))
    return sorted(relatives + absolutes, key=lambda r: r.start)


_NUMERAL = re.compile(rf"[\d{DIGIT_CHARS}{UNIT_CHARS}]")  # every form of a rate has one


@lru_cache(maxsize=8192)
def _forms(norm: str) -> tuple[tuple[re.Match[str], ...], ...]:
    """The matches of the relative, per-sum and absolute forms in a normalized sentence.

    Cached: the facts read every sentence's rates once per day count (360 and 365), and the
    matches do not depend on it. The cache holds more than a long contract's sentences."""
    if not _NUMERAL.search(norm):
        return (), (), ()
    relative = tuple(_relative_forms().finditer(norm)) if _RELATIVE_WORD.search(norm) else ()
    return relative, tuple(_per_sum_forms().finditer(norm)), tuple(_absolute_forms().finditer(norm))


def annualize(rates: list[Rate]) -> float | None:
    """One annual figure for rates that describe the same thing (one sentence): a stated
    annual figure wins over one computed from a daily or monthly rate; the highest of each."""
    absolute = [r for r in rates if r.annual_pct is not None and r.relative is None]
    stated = [r.annual_pct for r in absolute if r.stated_annual]
    pool = stated or [r.annual_pct for r in absolute]
    return max(pool) if pool else None  # type: ignore[type-var]


def _per_sum(text: str, norm: str, m: re.Match[str], day_count: int) -> Rate | None:
    principal = parse_cn_number(m["p"] or m["p2"])
    price = parse_cn_number(m["f"] or m["f2"])
    if not principal or price is None or price >= principal:
        return None
    period = _SUM_PERIOD[(m["per"] or m["per2"])[-1]]
    start = m.start("f") if m["f"] else m.start("f2")  # the price only: the words before it say what it is
    return _make(text, norm, start, m.end(), period, round(price / principal * 100, 6), m["per"] or m["per2"],
                 False, day_count)


def _restatement(norm: str, prev: Rate, rate: Rate, day_count: int) -> Rate:
    """A figure in brackets right after another rate restates it: ``年利率百分之三点六（3.6%）``
    has the same period; ``日利率0.05%（即18%）`` gives the annual equivalent."""
    if prev.period is None or not _RESTATE_GAP.fullmatch(norm, prev.end, rate.start):
        return rate
    if abs(prev.value_pct - rate.value_pct) < 1e-9:
        return replace(rate, period=prev.period, annual_pct=prev.annual_pct, stated_annual=prev.stated_annual,
                       inferred=prev.inferred, cue=prev.cue)
    factor = {"day": (day_count, 360, 365), "month": (12,)}.get(prev.period, ())
    if any(abs(prev.value_pct * f - rate.value_pct) < 0.01 for f in factor):
        return replace(rate, period="year", annual_pct=rate.value_pct, inferred=True)
    return rate


# the figure a formula gives today: 「年利率按LPR加60个基点确定，签约时为3.6%」「……，即3.6%」
_FIGURE_OF_FORMULA = re.compile(
    r"\s*(?:确定|执行|计算)?\s*[(（，,]?\s*(?:即|也即|亦即|(?:(?:本?合同)?(?:签约|签订|签署|放款|发放|起息)(?:时|日|当日)|目前|当前|现行?|首期|初始)"
    r"(?:执行)?(?:的)?(?:利率)?(?:为|是))\s*[:：]?\s*$")


def _figure_of_relative(text: str, norm: str, relatives: list[Rate], rate: Rate, day_count: int) -> Rate:
    """A bare figure right after a rate built on the LPR states that rate's value today, for the
    period the formula was called (年利率按LPR加60个基点确定，签约时为3.6%: 3.6% a year)."""
    prev = next((r for r in reversed(relatives) if r.end <= rate.start), None)
    if prev is None or prev.relative is None or prev.relative[0] == "loan_rate":
        return rate
    if not _FIGURE_OF_FORMULA.fullmatch(norm, prev.end, rate.start):
        return rate
    period, cue = _period_before(norm[_segment_start(norm, prev.start):prev.start])
    if period is None:
        # the one-year LPR is quoted a year: a spread on it is a year rate, though not called one
        return _make(text, norm, rate.start, rate.end, "year", rate.value_pct, "", True, day_count)
    return _make(text, norm, rate.start, rate.end, period, rate.value_pct, cue, False, day_count)


def _relative(text: str, m: re.Match[str]) -> Rate | None:
    base_text = next((m[g] for g in ("base", "base2", "base3", "base4", "base5", "base6") if m[g]), "")
    spread = None
    if m["base5"]:  # LPR + 1.5%, LPR加150个基点: an addition, not a multiple
        spread = parse_cn_number(m["sp"] or m["sp2"] or m["pp"] or "") if not m["bp"] else _per_hundred(m["bp"])
        if spread is None:
            return None
        if (m["s1"] or m["s2"]) in _MINUS:  # LPR减10个基点
            spread = -spread
        value, multiplier = spread, 1.0
    elif m["base6"]:  # 执行利率的150%
        share = parse_cn_number(m["pm"] or m["pm2"])
        if share is None or not 0 < share <= 10_000:
            return None
        value, multiplier = share - 100, share / 100
    elif m["op"]:
        if not base_text and m["op"] not in ("上浮", "加收", "上调"):
            return None
        inc = parse_cn_number(m["r1"] or m["r2"] or "") if not m["r3"] else (parse_cn_number(m["r3"]) or 0) * 10
        if inc is None:
            return None
        value, multiplier = inc, 1 + inc / 100
    else:
        factor = parse_cn_number(m["m1"] or m["m2"] or m["m3"] or "")
        if factor is None or not 0 < factor <= 100:
            return None
        value, multiplier = (factor - 1) * 100, factor
    start = m.start()
    if m["op"] and not m["base"]:
        start = m.start("op")
    return Rate(start, m.end(), text[start:m.end()], None, round(value, 6), None,
                relative=(_base_key(base_text), round(multiplier, 6)),
                spread_pct=None if spread is None else round(spread, 6))


def _per_hundred(bp: str) -> float | None:
    value = parse_cn_number(bp)
    return None if value is None else value / 100


def _base_key(base: str) -> str:
    if re.search(r"LPR|报价利率", base, re.IGNORECASE):
        return "lpr"
    if "基准利率" in base:
        return "benchmark"
    return "loan_rate"


def _absolute(text: str, norm: str, m: re.Match[str], prev_end: int, day_count: int) -> Rate | None:
    start, end = m.start(), m.end()
    seg_start = max(_segment_start(norm, start), prev_end)
    window = norm[seg_start:start]
    after = _AFTER.match(norm, end)
    period, cue = _period_before(window)
    if period is None:
        # 「每迟延一天，还应按应付未付金额的2%支付」: the delay's unit, just before the comma
        delay = list(_DELAY.finditer(norm, max(prev_end, start - 40), start))
        if delay:
            period, cue = "day", delay[-1].group()
    if after:
        word = next(g for g in after.groups() if g).lower().replace(" ", "")
        period, cue = ("year", word) if word.startswith("p.") else (_AFTER_PERIOD[word], word)
        end = after.end()
    if m["fen"] is not None or m["li_only"] is not None:
        return _fen_li(text, norm, m, start, end, window, period, cue, day_count)
    value = _value_pct(m)
    if value is None:
        return None
    if m["n4"] is not None:
        start = m.start("n4") + tail_number(m["n4"])[0]
    inferred = False
    if period is None:
        period, inferred = _infer(m, value, window), True
        if period is None:
            inferred = False
    return _make(text, norm, start, end, period, value, cue, inferred, day_count)


def _segment_start(norm: str, pos: int, reach: int = 80) -> int:
    """Where the comma segment holding ``pos`` starts (looking back at most ``reach`` chars)."""
    start = max(0, pos - reach)
    for b in _SEGMENT_BREAK.finditer(norm, start, pos):
        start = b.end()
    return start


def _period_before(window: str) -> tuple[str | None, str]:
    last = None
    for c in _CUE.finditer(window):
        last = c
    if last is None:
        return None, ""
    return last.lastgroup, last.group()


def _value_pct(m: re.Match[str]) -> float | None:
    if m["pct_cn"]:
        return parse_cn_number(m["n1"])
    if m["pm_cn"]:
        v = parse_cn_number(m["n2"])
        return None if v is None else v / 10
    if m["pt_cn"]:
        v = parse_cn_number(m["n3"])
        return None if v is None else v / 100
    if m["short"]:
        v = parse_cn_number(m["n5"])
        return None if v is None else v / (100 if m["short"] == "万" else 10)
    v = tail_number(m["n4"])[1]
    if v is None:
        return None
    sign = m["sign"]
    return v / 10 if sign == "‰" else v / 100 if sign == "‱" else v


def _infer(m: re.Match[str], value: float, window: str) -> str | None:
    """A period where only one reading is plausible (see the module docstring)."""
    percent = m["pct_cn"] or (m["n4"] and m["sign"] not in ("‰", "‱"))
    if percent and 1 <= value <= 60 and _BARE_RATE_WORD.search(window):
        return "year"
    if (m["pt_cn"] or m["short"] == "万") and _INTEREST_WORD.search(window):
        return "day"
    return None


def _fen_li(text: str, norm: str, m: re.Match[str], start: int, end: int, window: str,
            period: str | None, cue: str, day_count: int) -> Rate | None:
    tail = m["fen_tail"] or m["li_tail"]
    if not (tail or _FEN_LI_CUE.search(norm[max(0, start - 8):start])):
        return None  # 分/厘 only count as a rate right after 息/利率 or before 利/息 ("2分利")
    inferred = period is None
    period = period or "month"
    fen_scale, li_scale = _FEN_LI_SCALE[period]
    if m["li_only"] is not None:
        li = parse_cn_number(m["li_only"])
        value = None if li is None else li * li_scale
    else:
        fen = parse_cn_number(m["fen"])
        li = parse_cn_number(m["li"]) if m["li"] else 0.0
        value = None if fen is None or li is None else fen * fen_scale + li * li_scale
    if value is None:
        return None
    return _make(text, norm, start, end, period, round(value, 6), cue, inferred, day_count)


def _make(text: str, norm: str, start: int, end: int, period: str | None, value: float, cue: str,
          inferred: bool, day_count: int) -> Rate:
    factor = {"day": day_count, "month": 12, "year": 1}.get(period or "")
    annual = round(value * factor, 6) if factor else None
    near = norm[max(0, start - 24):min(len(norm), end + 16)]
    return Rate(start, end, text[start:end], period, round(value, 6), annual,
                stated_annual=period == "year" and not inferred, simple=bool(_SIMPLE.search(near)),
                inferred=inferred, cue=cue)
