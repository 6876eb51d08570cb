"""find_rates: rates in every notation, with their period, annualized; relative rates with
their base and multiplier; one-off shares with no period."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from checker.facts.rates import annualize, find_rates
from cn_writer import EVERYDAY_DIGITS, cn_decimal, cn_integer

hundredths = st.integers(min_value=1, max_value=6000).map(lambda k: Decimal(k) / 100)  # 0.01 .. 60.00


def only(text: str, day_count: int = 360):
    found = find_rates(text, day_count=day_count)
    assert len(found) == 1, found
    return found[0]


@given(hundredths, st.sampled_from(["年利率为{}%", "年化利率{}%", "年息{}%", "综合年化成本为{}%", "{}% per annum", "{}%/年"]))
def test_stated_annual_percent_reads_back(x, form):
    r = only(form.format(x))
    assert (r.period, r.annual_pct, r.stated_annual) == ("year", pytest.approx(float(x)), True)


@given(hundredths)
def test_baifenzhi_in_chinese_numerals_reads_back(x):
    r = only(f"本合同项下借款年利率为百分之{cn_decimal(x)}，按月付息")
    assert r.annual_pct == pytest.approx(float(x))


@given(st.integers(min_value=1, max_value=500).map(lambda k: Decimal(k) / 1000), st.sampled_from([360, 365]),
       st.sampled_from(["日利率为{}%", "按日利率{}%计收", "{}%/日", "每日{}%", "{}% per day"]))
def test_daily_percent_is_annualized_by_the_day_count(x, day_count, form):
    r = only(form.format(x), day_count)
    assert (r.period, r.annual_pct, r.stated_annual) == ("day", pytest.approx(float(x) * day_count), False)


@given(st.integers(min_value=1, max_value=50), st.sampled_from([360, 365]),
       st.sampled_from(["每日按逾期金额的万分之{}支付违约金", "逾期罚息按日万分之{}计收", "日利率万分之{}", "日息万分之{}"]),
       st.booleans())
def test_wanfenzhi_daily_reads_back(k, day_count, form, chinese):
    r = only(form.format(cn_integer(k) if chinese else k), day_count)
    assert r.annual_pct == pytest.approx(k / 100 * day_count)


@given(st.integers(min_value=1, max_value=50).map(lambda k: Decimal(k) / 10))
def test_qianfenzhi_daily_reads_back(x):
    r = only(f"逾期本息每日千分之{x}")
    assert r.annual_pct == pytest.approx(float(x) / 10 * 360)


@given(st.integers(min_value=20, max_value=500).map(lambda k: Decimal(k) / 100))
def test_monthly_percent_is_annualized_by_twelve(x):
    r = only(f"借款月利率为{x}%，按月计收")
    assert (r.period, r.annual_pct) == ("month", pytest.approx(float(x) * 12))


@given(st.integers(min_value=0, max_value=4), st.integers(min_value=0, max_value=9), st.booleans())
def test_monthly_fen_li_reads_back(fen, li, chinese):
    if fen == 0 and li == 0:
        return
    digit = (lambda d: EVERYDAY_DIGITS[d]) if chinese else str
    text = f"月息{digit(fen)}分{digit(li)}厘" if fen else f"月息{digit(li)}厘"
    r = only(f"借款利息为{text}，按月支付")
    assert (r.period, r.annual_pct) == ("month", pytest.approx((fen + li / 10) * 12))


@given(st.integers(min_value=0, max_value=5), st.integers(min_value=0, max_value=9))
def test_yearly_fen_li_reads_back(fen, li):
    if fen == 0 and li == 0:
        return
    text = f"年息{fen}分{li}厘" if fen else f"年息{li}厘"
    assert only(text).annual_pct == pytest.approx(fen * 10 + li)


@pytest.mark.parametrize("text, period, value_pct, annual_pct", [
    ("年利率18%", "year", 18, 18),
    ("年利率百分之十八", "year", 18, 18),
    ("年利率百分之三点六", "year", 3.6, 3.6),
    ("日利率0.05%", "day", 0.05, 18),
    ("每日按逾期金额的千分之一", "day", 0.1, 36),
    ("逾期本息每日1‰", "day", 0.1, 36),
    ("按日万分之五计收", "day", 0.05, 18),
    ("逾期罚息按日万分之三计收", "day", 0.03, 10.8),
    ("日息万五", "day", 0.05, 18),
    ("日利率万分之2.5", "day", 0.025, 9),
    ("月息1分5厘", "month", 1.5, 18),
    ("月息6厘", "month", 0.6, 7.2),
    ("年息1分", "year", 10, 10),
    ("年息8厘", "year", 8, 8),
    ("日息5厘", "day", 0.05, 18),
    ("按2分利计息", "month", 2, 24),
    ("月利率为0.6%", "month", 0.6, 7.2),
    ("6.00% per annum", "year", 6, 6),
    ("0.05%/日", "day", 0.05, 18),
])
def test_written_rates(text, period, value_pct, annual_pct):
    r = only(text)
    assert (r.period, r.value_pct, r.annual_pct) == (period, pytest.approx(value_pct), pytest.approx(annual_pct))


@pytest.mark.parametrize("text, base, multiplier, value_pct", [
    ("逾期利率为在借款利率基础上上浮50%", "loan_rate", 1.5, 50),
    ("按本合同约定利率加收50%计收罚息", "loan_rate", 1.5, 50),
    ("加收30%", "loan_rate", 1.3, 30),
    ("按借款利率的1.5倍计收", "loan_rate", 1.5, 50),
    ("罚息利率为借款利率上浮百分之五十", "loan_rate", 1.5, 50),
    ("按LPR的四倍计算", "lpr", 4.0, 300),
    ("不超过一年期贷款市场报价利率的四倍", "lpr", 4.0, 300),
    ("中国人民银行同期同类贷款基准利率上浮30%", "benchmark", 1.3, 30),
    ("罚息利率为贷款执行利率的150%", "loan_rate", 1.5, 50),
])
def test_relative_rates(text, base, multiplier, value_pct):
    r = only(text)
    assert (r.relative, r.value_pct, r.period, r.annual_pct) == ((base, multiplier), pytest.approx(value_pct), None, None)


@pytest.mark.parametrize("text, spread", [("贷款利率按一年期LPR+1.5%确定", 1.5), ("执行利率为LPR加150个基点", 1.5)])
def test_spreads_over_the_lpr_are_additions(text, spread):
    r = only(text)
    assert (r.relative, r.spread_pct, r.annual_pct) == (("lpr", 1.0), pytest.approx(spread), None)


def test_fen_after_a_period_word_is_a_rate():
    assert only("借款利息为每月1.8分").annual_pct == pytest.approx(21.6)


def test_daily_rate_with_bracketed_annual_figure_is_two_rates_and_the_stated_one_wins():
    rates = find_rates("本协议项下借款按日计息，日利率为0.08%（年化利率29.2%，单利）。")
    assert [(r.text, r.period, r.stated_annual) for r in rates] == [("0.08%", "day", False), ("29.2%", "year", True)]
    assert all(r.simple for r in rates)
    assert annualize(rates) == pytest.approx(29.2)


def test_relative_rate_and_its_resolved_figures_are_all_found():
    rates = find_rates("逾期利率为借款利率上浮50%，即日利率0.12%（年化利率43.8%）")
    assert [r.relative for r in rates] == [("loan_rate", 1.5), None, None]
    assert annualize(rates) == pytest.approx(43.8)


def test_annualize_computes_when_nothing_annual_is_stated():
    assert annualize(find_rates("日利率0.05%")) == pytest.approx(18)
    assert annualize(find_rates("逾期按借款利率上浮50%")) is None


def test_period_word_before_the_previous_rate_does_not_carry_over():
    day, second = find_rates("日利率为0.05%（即18%）")
    assert (day.period, second.period, second.annual_pct, second.stated_annual) == ("day", "year", 18, False)


def test_bracketed_restatement_of_the_same_figure_keeps_its_period():
    rates = find_rates("年利率百分之三点六（3.6%，单利）")
    assert [(r.period, r.annual_pct) for r in rates] == [("year", 3.6), ("year", 3.6)]


def test_period_word_in_another_comma_segment_does_not_count():
    assert only("借款期限为一年，每月还款，服务费为借款本金的2%").period is None


def test_repayment_schedule_words_are_not_rate_periods():
    assert only("按月还款，违约金为欠款的5%").period is None


def test_bare_interest_rate_percent_is_read_as_a_year_but_not_as_stated():
    r = only("借款利率为18%")
    assert (r.period, r.annual_pct, r.stated_annual, r.inferred) == ("year", 18, False, True)


@pytest.mark.parametrize("text", ["首付30%", "违约金为借款本金的20%", "服务费为借款金额的2%"])
def test_one_off_shares_have_no_period(text):
    r = only(text)
    assert (r.period, r.annual_pct) == (None, None)


@pytest.mark.parametrize("text", [
    "人民币伍万元整", "2024年3月15日", "十分重要", "三分之一的借款", "5分钟内", "壹元伍角叁分", "分12期", "一年期",
])
def test_decoys_are_not_rates(text):
    assert find_rates(text) == []


def test_span_and_text_are_those_of_the_original_text():
    text = "日利率为０．０５％，按日计息"
    (r,) = find_rates(text)
    assert text[r.start:r.end] == r.text == "０．０５％" and r.annual_pct == pytest.approx(18)
