"""Clause numbers: Chinese numerals and the markers that open clauses."""
import pytest

from checker.clauses.numbering import chinese_to_int, match_marker


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百", 100),
    ("一百零一", 101), ("一百一十", 110), ("两百", 200), ("一千零五", 1005),
    ("〇", 0), ("零", 0), ("二〇二三", 2023), ("三万五千", 35000), ("壹佰零捌", 108),
    ("拾贰", 12), ("12", 12), ("１２", 12),
])
def test_chinese_numeral_value(text, value):
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", ["", "借款", "一二十", "十a"])
def test_non_numerals_have_no_value(text):
    assert chinese_to_int(text) is None


@pytest.mark.parametrize("line, style, values, number, rest", [
    ("第十二条　借款利率", "article", (12,), "第十二条", "借款利率"),
    ("第一百零一条 其他", "article", (101,), "第一百零一条", "其他"),
    ("第 3 条 还款", "article", (3,), "第3条", "还款"),
    ("第二章　借款", "chapter", (2,), "第二章", "借款"),
    ("第一节 总则", "section", (1,), "第一节", "总则"),
    ("Article 4 Disbursement", "article", (4,), "Article 4", "Disbursement"),
    ("一、借款金额", "cn_ordinal", (1,), "一", "借款金额"),
    ("十一．其他", "cn_ordinal", (11,), "十一", "其他"),
    ("（二）借款用途", "cn_paren", (2,), "（二）", "借款用途"),
    ("(三) 还款", "cn_paren", (3,), "(三)", "还款"),
    ("1. 借款金额", "decimal", (1,), "1", "借款金额"),
    ("2、借款用途", "decimal", (2,), "2", "借款用途"),
    ("１．全角", "decimal", (1,), "1", "全角"),
    ("1.1 借款金额", "decimal", (1, 1), "1.1", "借款金额"),
    ("10.2借款", "decimal", (10, 2), "10.2", "借款"),
    ("1.1.1 细则", "decimal", (1, 1, 1), "1.1.1", "细则"),
    ("（1）未按期还款", "paren_digit", (1,), "（1）", "未按期还款"),
    ("(2) 提供虚假资料", "paren_digit", (2,), "(2)", "提供虚假资料"),
    ("3）其他", "digit_rparen", (3,), "3）", "其他"),
    ("⑫ 其他", "circled", (12,), "⑫", "其他"),
    ("　　第五条 缩进", "article", (5,), "第五条", "缩进"),
])
def test_marker_is_read(line, style, values, number, rest):
    marker = match_marker(line)
    assert marker is not None
    assert (marker.style, marker.values, marker.number, marker.rest) == (style, values, number, rest)


@pytest.mark.parametrize("line", [
    "2024年1月1日签署", "30日内还款", "3.6%的年利率", "12个月", "1.5万元", "2021-06-08 15:33",
    "2024.01.05", "第3期还款", "第三条款约定", "¥3,000元", "1,000元", "一次性还本付息",
    "借款金额 1. 万元", "", "  ",
])
def test_quantities_and_references_are_not_markers(line):
    assert match_marker(line) is None


def test_article_without_separator_is_marked_unseparated():
    marker = match_marker("第4条支付逾期利息")
    assert marker is not None and not marker.separated
