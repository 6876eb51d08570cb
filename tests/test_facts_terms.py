"""find_terms: loan terms in months, years, days, weeks, installments and date ranges; calendar
years, days of the month, ordinals and reference-rate tenors are not terms."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from checker.facts.terms import find_terms
from cn_writer import cn_integer


def only(text: str):
    found = find_terms(text)
    assert len(found) == 1, found
    return found[0]


@given(st.integers(min_value=1, max_value=360), st.booleans())
def test_months_read_back(n, chinese):
    assert only(f"借款期限为{cn_integer(n) if chinese else n}个月，").months == n


@given(st.integers(min_value=1, max_value=30), st.booleans())
def test_years_read_back_as_months(n, chinese):
    assert only(f"借款期限为{cn_integer(n) if chinese else n}年，").months == 12 * n


@given(st.integers(min_value=1, max_value=3650))
def test_days_keep_their_count(n):
    t = only(f"借款期限为{n}天")
    assert (t.days, t.months) == (n, round(n * 12 / 365, 2))


@pytest.mark.parametrize("text, months, days, kind", [
    ("12个月", 12, None, "months"), ("十二个月", 12, None, "months"), ("一年", 12, None, "years"),
    ("1年", 12, None, "years"), ("两年", 24, None, "years"), ("一年半", 18, None, "years"),
    ("自放款日起365天", 12, 365, "days"), ("90天", 2.96, 90, "days"), ("借款期限为90日", 2.96, 90, "days"),
    ("分12期", 12, None, "installments"), ("共36期", 36, None, "installments"),
    ("共计24期", 24, None, "installments"), ("还款期数：6期", 6, None, "installments"),
    ("分52期，每周还款", 12, None, "installments"), ("分4期，按季度还款", 12, None, "installments"),
    ("自2022年3月8日起至2023年3月7日止", 12, 365, "range"),
    ("自2025年6月18日起至2026年6月18日止", 12, 366, "range"),
    ("from 10 May 2022 to 10 May 2025", 36, 1097, "range"),
])
def test_written_terms(text, months, days, kind):
    t = only(text)
    assert (t.months, t.days, t.kind) == (pytest.approx(months), days, kind)


def test_installments_are_counted():
    assert only("采用等额本息方式还款，分12期").installments == 12


def test_range_span_covers_both_dates_and_their_words():
    text = "借款期限自2022年3月8日起至2023年3月7日止。"
    t = only(text)
    assert t.text == text[t.start:t.end] == "自2022年3月8日起至2023年3月7日止"


@pytest.mark.parametrize("text", [
    "2024年", "2024年3月15日", "二〇二四年三月十五日", "每月15日还款", "第一年", "第一个月的利息",
    "一年期贷款市场报价利率", "1年期LPR", "年利率18%", "连续3期或累计6期未还款", "每年",
])
def test_not_terms(text):
    assert find_terms(text) == []
