"""parse_cn_number: every way a contract writes a number reads back to its value."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from checker.facts.numerals import parse_cn_number, tail_number
from cn_writer import arabic, cn_decimal, cn_integer, full_width, wan

integers = st.integers(min_value=0, max_value=10**12 - 1)


@given(integers)
def test_everyday_numerals_read_back(n):
    assert parse_cn_number(cn_integer(n)) == n


@given(integers)
def test_financial_capitals_read_back(n):
    assert parse_cn_number(cn_integer(n, capital=True)) == n


@given(integers)
def test_arabic_with_thousands_separators_reads_back(n):
    assert parse_cn_number(arabic(n)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_arabic_decimals_read_back_in_full_width_too(whole, cents):
    x = Decimal(whole) + Decimal(cents) / 100
    assert parse_cn_number(full_width(arabic(x, 2))) == pytest.approx(float(x))


@given(st.integers(min_value=1, max_value=10**8).map(lambda k: k * 100))
def test_wan_units_read_back(yuan):
    assert parse_cn_number(wan(yuan)) == yuan


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=9999))
def test_point_decimals_read_back(whole, frac):
    x = Decimal(whole) + Decimal(frac) / 10000
    assert parse_cn_number(cn_decimal(x)) == pytest.approx(float(x))


@pytest.mark.parametrize("written, value", [
    ("50,000.00", 50000), ("５０，０００．００", 50000), ("0.08", 0.08),
    ("十", 10), ("十五", 15), ("二十四", 24), ("一百零五", 105), ("两百", 200), ("两千", 2000),
    ("三万五千", 35000), ("三点六", 3.6), ("零点零八", 0.08), ("二〇二四", 2024), ("二零二四", 2024),
    ("壹拾玖万捌仟捌佰", 198800), ("贰万", 20000), ("伍仟", 5000), ("壹佰零伍", 105),
    ("5万", 50000), ("1.2万", 12000), ("3千", 3000), ("1亿2000万", 120000000), ("三点五万", 35000),
    ("一万五", 15000), ("三千五", 3500), ("二十万零三百", 200300),
])
def test_written_forms(written, value):
    assert parse_cn_number(written) == pytest.approx(value)


@pytest.mark.parametrize("not_a_number", ["", "abc", "1,2", "12,34", "一二万三", "元", "点"])
def test_what_is_not_a_number(not_a_number):
    assert parse_cn_number(not_a_number) is None


def test_tail_number_drops_a_word_glued_before_the_number():
    assert tail_number("统一五万") == (2, 50000)
