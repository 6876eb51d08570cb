"""find_dates: real calendar dates in Chinese, numeric and English notation; impossible dates,
form blanks and month-only mentions are not dates."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from checker.facts.dates import find_dates
from cn_writer import cn_integer, cn_year

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
FORMS = [
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year} 年 {d.month:02d} 月 {d.day:02d} 日",
    lambda d: f"{cn_year(d.year)}年{cn_integer(d.month)}月{cn_integer(d.day)}日",
    lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d.day} {d:%B} {d.year}",
]


@given(days, st.sampled_from(FORMS))
def test_every_form_reads_back(day, form):
    written = form(day)
    found = find_dates(f"本合同于{written}签订。")
    assert [(d.iso, d.text) for d in found] == [(day.isoformat(), written)]


@pytest.mark.parametrize("text, iso", [
    ("2024年3月15日", "2024-03-15"), ("二〇二四年三月十五日", "2024-03-15"), ("二零二四年三月十五日", "2024-03-15"),
    ("2024-03-15", "2024-03-15"), ("2024/3/15", "2024-03-15"), ("2024.3.15", "2024-03-15"),
    ("二○二三年一月十六日", "2023-01-16"), ("2024年2月29日", "2024-02-29"), ("２０２４年３月１５日", "2024-03-15"),
])
def test_written_dates(text, iso):
    (d,) = find_dates(text)
    assert (d.iso, d.start, d.end, d.text) == (iso, 0, len(text), text)


@pytest.mark.parametrize("text", [
    "2024年2月30日", "2023年2月29日", "2024年13月1日", "2024-00-10", "____年__月__日", "年  月  日",
    "年利率3.6%", "1.2.3", "12024.3.15", "2024.3.155", "人民币2,024元",
])
def test_not_dates(text):
    assert find_dates(text) == []


def test_month_only_mention_is_ignored_unless_asked_for():
    assert find_dates("2024年3月起") == []
    (d,) = find_dates("2024年3月起", partial=True)
    assert (d.iso, d.partial, d.text) == ("2024-03", True, "2024年3月")


def test_dates_come_in_text_order():
    found = find_dates("自2022年3月8日起至2023-03-07止")
    assert [d.iso for d in found] == ["2022-03-08", "2023-03-07"]
