"""Wordings met in lenders' real templates, each a general rule of contract language (the
sentences here are our own)."""
from __future__ import annotations

from checker.api import parse


def summary_of(tmp_path, text: str, name: str = "contract.txt") -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse(str(path))[1].summary


def test_interest_for_the_overdue_period_is_overdue_interest_not_the_loan_rate(tmp_path):
    s = summary_of(tmp_path, "借款协议\n第六条 逾期\n借款人逾期的，应每日按照借款本金的0.2%支付逾期期间利息。\n")
    assert s["overdue_rate_annual_pct"] == 72.0
    assert s["interest_rate_annual_pct"] is None


def test_a_charge_for_each_day_of_delay_is_a_daily_rate(tmp_path):
    s = summary_of(tmp_path, "借款合同\n第八条 违约\n借款人每迟延一天，应按应付未付金额的0.1%支付滞纳金。\n")
    assert s["overdue_fee_annual_pct"] == 36.0


def test_a_platform_named_in_the_page_title_makes_the_loan_via_platform(tmp_path):
    html = ("<html><head><title>某某互联网金融服务平台-借款协议</title></head><body>"
            "<p>借款协议</p><p>甲方（借款人）：王明</p><p>乙方（出借人）：李强</p>"
            "<p>第一条 乙方向甲方出借人民币一万元。</p></body></html>")
    assert summary_of(tmp_path, html, "page.html")["via_platform"] is True


def test_the_party_that_runs_the_platform_is_named_by_its_letter(tmp_path):
    text = ("三方协议\n甲方：【出借人】\n乙方：【借款人】\n丙方：某某网络科技有限公司\n"
            "甲、乙双方是丙方平台的注册用户，丙方为双方的借贷提供居间服务。\n第一条 乙方向甲方借款。\n")
    assert summary_of(tmp_path, text)["via_platform"] is True
