"""find_amounts: amounts of money in every notation, one amount per double statement, and
no amounts read from percentages, dates or counts."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from checker.facts.money import find_amounts
from cn_writer import arabic, capital_yuan, cn_integer, wan

cents = st.integers(min_value=1, max_value=10**11)
yuan = st.integers(min_value=1, max_value=10**9)


def only_value(text: str) -> float:
    found = find_amounts(text)
    assert len(found) == 1, found
    return found[0].value


@given(cents)
def test_capitals_with_yuan_jiao_fen_read_back(c):
    assert only_value(f"借款金额为人民币{capital_yuan(c)}。") == pytest.approx(c / 100)


@given(cents)
def test_yen_sign_with_two_decimals_reads_back(c):
    assert only_value(f"借款金额：¥{arabic(Decimal(c) / 100, 2)}，") == pytest.approx(c / 100)


@given(yuan)
def test_everyday_numerals_with_yuan_read_back(n):
    assert only_value(f"借到现金{cn_integer(n)}元") == n


@given(yuan)
def test_rmb_prefix_with_separators_reads_back(n):
    assert only_value(f"The loan amount is RMB {arabic(n)}.") == n


@given(st.integers(min_value=1, max_value=10**7).map(lambda k: k * 100))
def test_wan_yuan_reads_back(n):
    assert only_value(f"借款{wan(n)}元") == n


@given(cents)
def test_capital_restated_in_figures_is_one_amount(c):
    figure = arabic(Decimal(c) / 100, 2)
    text = f"人民币{capital_yuan(c)}（小写：¥{figure}）"
    found = find_amounts(text)
    assert [(a.value, a.start, a.end) for a in found] == [(pytest.approx(c / 100), 0, len(text))]


@pytest.mark.parametrize("text, value", [
    ("人民币伍万元整", 50000), ("¥50,000.00", 50000), ("￥50,000.00", 50000), ("RMB 50,000", 50000),
    ("CNY 50000", 50000), ("5万元", 50000), ("伍仟元", 5000), ("贰万元整", 20000),
    ("壹拾玖万捌仟捌佰元整", 198800), ("壹佰元零伍分", 100.05), ("叁元伍角", 3.5), ("1.2万元", 12000),
    ("50,000 RMB", 50000), ("人民币 50 000 元", 50000), ("人民币（大写）贰拾万元整", 200000), ("３，０００元", 3000), ("陆万圆整", 60000),
])
def test_written_amounts(text, value):
    assert only_value(text) == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "人民币伍万元整 (¥50,000.00)",
    "人民币伍万元整（小写：¥50,000.00）",
    "¥50,000.00（大写：人民币伍万元整）",
    "15万元（大写：人民币壹拾伍万元整；小写：¥150,000.00）",
    "5万元（人民币伍万元整）",
    "人民币叁拾万元整，（小写）¥300000元",
])
def test_double_statements_are_one_amount_spanning_both(text):
    found = find_amounts(text)
    assert len(found) == 1 and found[0].text == text


def test_unequal_bracketed_figure_stays_a_second_amount():
    assert [a.value for a in find_amounts("伍万元（¥40,000.00）")] == [50000, 40000]


def test_span_and_text_are_those_of_the_original_text():
    text = "借款金额为人民币伍万元整，借款期限一年。"
    (a,) = find_amounts(text)
    assert (a.start, a.end, a.text) == (5, 12, "人民币伍万元整") and text[a.start:a.end] == a.text


def test_word_glued_before_a_number_is_not_part_of_it():
    (a,) = find_amounts("统一五万元")
    assert (a.value, a.text) == (50000, "五万元")


@pytest.mark.parametrize("text", [
    "年利率18%", "违约金为借款本金的20%", "2024年3月15日", "2024-03-15", "分12期还款",
    "第三条", "万分之五", "月息1分5厘", "借款期限12个月", "逾期超过90天",
])
def test_decoys_are_not_amounts(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize("text, currency", [("USD 1,000", "USD"), ("1,000美元", "USD"), ("HK$1,000", "HKD"), ("¥1,000", "CNY")])
def test_currency_is_read(text, currency):
    assert find_amounts(text)[0].currency == currency
