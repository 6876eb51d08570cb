"""Normalising OCR'd text: widths, look-alike letters in numbers, CJK marks in numbers, spaces."""
from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

import pytest

from checker.ingest.ocr.lexicon import (contract_vocabulary, correct, fix_capital_amounts, fix_clock_times,
                                         fix_confused_terms, fix_dates, vocabulary_terms)
from checker.ingest.ocr.noise import (adopt_number_marks, fix_chinese_zero, fix_lookalikes, fix_number_punctuation,
                                      fold_width, join_cjk, normalise, renumber_items, repair_headings)

decimals = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
cjk = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=8)
latin_words = st.lists(st.text(alphabet="abcdefghijkmnpqrstuvwxyz", min_size=1, max_size=6), min_size=1, max_size=5)


def to_fullwidth(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


# --------------------------------------------------------------------------- widths


def test_full_width_rate_becomes_ascii() -> None:
    assert fold_width("日利率为０．０５％") == "日利率为0.05%"


def test_full_width_amount_with_thousands_comma() -> None:
    assert fold_width("人民币１００，０００元") == "人民币100,000元"


def test_full_width_letters_become_ascii() -> None:
    assert fold_width("ＡＰＲ为１２％") == "APR为12%"


def test_full_width_punctuation_outside_numbers_stays() -> None:
    assert fold_width("（一）借款人：张三，住所") == "（一）借款人：张三，住所"


def test_comma_between_clauses_after_a_number_stays() -> None:
    assert fold_width("36个月，自2025年") == "36个月，自2025年"


@given(decimals)
def test_any_full_width_decimal_folds_to_its_ascii_form(value) -> None:
    written = f"{value:,.2f}%"
    assert fold_width(to_fullwidth(written)) == written


# --------------------------------------------------------------------------- look-alikes


def test_letter_o_inside_an_amount_is_zero() -> None:
    assert fix_lookalikes("1O0,00O.0o元") == "100,000.00元"


def test_letter_l_and_i_inside_a_year_are_one() -> None:
    assert fix_lookalikes("20l9年I2月") == "2019年12月"


def test_words_without_digits_are_left_alone() -> None:
    assert fix_lookalikes("Old Io lol") == "Old Io lol"


def test_letters_glued_to_a_latin_word_are_left_alone() -> None:
    assert fix_lookalikes("ISO9001 No.1 QCB-GX-2025") == "ISO9001 No.1 QCB-GX-2025"


@given(decimals)
def test_a_number_misread_with_o_and_l_reads_back(value) -> None:
    written = f"{value:.2f}"
    assume(any(ch in "23456789" for ch in written))  # all-0/1 numbers are words like "lO.OO"
    misread = written.replace("0", "O").replace("1", "l")
    assert fix_lookalikes(f"金额{misread}元") == f"金额{written}元"


def test_letter_o_in_a_chinese_numeral_date_is_ling() -> None:
    assert fix_chinese_zero("二O二五年九月二日，二0一0年") == "二〇二五年九月二日，二〇一〇年"


def test_o_next_to_other_chinese_is_left_alone() -> None:
    assert fix_chinese_zero("第O条 O型") == "第O条 O型"


# --------------------------------------------------------------------------- marks in numbers


def test_ideographic_full_stop_between_digits_is_a_decimal_point() -> None:
    assert fix_number_punctuation("年利率为4。2%。") == "年利率为4.2%。"


def test_chinese_comma_before_three_digits_is_a_thousands_comma() -> None:
    assert fix_number_punctuation("100，000元，分36期") == "100,000元，分36期"


def test_chinese_comma_between_a_day_and_a_count_stays() -> None:
    assert fix_number_punctuation("第5日，12期") == "第5日，12期"


def test_full_width_colon_in_a_time() -> None:
    assert fix_number_punctuation("8：00至22：00") == "8:00至22:00"


def test_yi_between_times_is_a_dash() -> None:
    assert fix_number_punctuation("8:00一22:00") == "8:00-22:00"


def test_spaced_per_cent_sign_joins_its_number() -> None:
    assert fix_number_punctuation("0.05 ％") == "0.05%"


# --------------------------------------------------------------------------- spaces


def test_spaces_between_chinese_characters_go() -> None:
    assert join_cjk("借 款 人 应 按 期 还 款") == "借款人应按期还款"


def test_spaces_between_chinese_and_numbers_go() -> None:
    assert join_cjk("年 利 率 为 4.2% ， 自 2025 年") == "年利率为4.2%，自2025年"


def test_spaces_between_latin_words_stay() -> None:
    assert join_cjk("Loan Prime Rate 3.10 pct") == "Loan Prime Rate 3.10 pct"


@given(cjk, cjk)
def test_chinese_runs_split_by_spaces_join_back(left: str, right: str) -> None:
    assert join_cjk(f"{' '.join(left)}  {' '.join(right)}") == left + right


@given(latin_words)
def test_latin_words_keep_one_space(words: list[str]) -> None:
    assert join_cjk("  ".join(words)) == " ".join(words)


# --------------------------------------------------------------------------- all together


def test_a_typical_ocr_line_reads_like_typed_text() -> None:
    assert normalise("逾 期 罚 息 按 日 利 率 ０．０５％ 计 收") == "逾期罚息按日利率0.05%计收"


def test_normalise_keeps_clean_text_unchanged() -> None:
    line = "（一）贷款金额：人民币100,000.00元，年利率为4.2%。"
    assert normalise(line) == line


@given(st.text(max_size=40))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


# --------------------------------------------------------------------------- page-level repairs


def test_the_mark_read_into_an_article_heading_gap_goes() -> None:
    assert repair_headings(["第一条”贷款金额", "第十二条 “合同生效", "第3条：定义"]) == \
        ["第一条 贷款金额", "第十二条 合同生效", "第3条 定义"]


def test_text_after_an_article_reference_is_left_alone() -> None:
    assert repair_headings(["按第五条约定", "第五条约定的期限"]) == ["按第五条约定", "第五条约定的期限"]


def test_item_numbers_misread_as_dash_and_equals_follow_the_sequence() -> None:
    lines = ["第一条 贷款", "(—)金额", "(=)用途", "(=)期限", "第二条 利率", "(一)年利率", "(=)计息"]
    assert renumber_items(lines) == ["第一条 贷款", "(一)金额", "(二)用途", "(三)期限", "第二条 利率",
                                     "(一)年利率", "(二)计息"]


def test_lines_that_are_not_items_are_unchanged() -> None:
    assert renumber_items(["2=1+1", "(注)见附件"]) == ["2=1+1", "(注)见附件"]


# --- number marks from a second reading ---------------------------------------------------

def test_a_decimal_point_dropped_by_the_chinese_reading_comes_from_the_latin_one() -> None:
    assert adopt_number_marks("年利率为42%，在", "(—) FEA A4.2%, TERRIA") == "年利率为4.2%，在"


def test_thousands_commas_read_as_points_come_back() -> None:
    assert adopt_number_marks("(¥36.000.00)，用于", "(¥ 36,000.00) , FFNSE") == "(¥36,000.00)，用于"


def test_a_bracket_read_for_one_is_repaired_when_the_latin_reading_has_the_digit() -> None:
    assert adopt_number_marks("]4.1本协议", "x 14.1 fo") == "14.1本协议"


def test_different_digits_are_never_taken() -> None:
    assert adopt_number_marks("自2021年3月18日", "B 2021483 10H") == "自2021年3月18日"


def test_a_mark_the_chinese_reading_has_is_not_dropped() -> None:
    assert adopt_number_marks("年利率为4.2%", "A42%") == "年利率为4.2%"


def test_yuan_sign_read_as_a_look_alike_before_a_bracketed_amount() -> None:
    assert normalise("人民币捌万元整（圣80,000.00）") == "人民币捌万元整（¥80,000.00）"


def test_the_look_alike_outside_an_amount_stays() -> None:
    assert normalise("圣诞节前（圣人）") == "圣诞节前（圣人）"


# --------------------------------------------------------------------------- contract lexicon


def test_vocabulary_terms_are_the_literal_words_of_a_regex() -> None:
    assert vocabulary_terms([r"逾期[^。；，]{0,8}(利率|费率)|罚息|[年月日]息"]) == {"逾期", "利率", "费率", "罚息"}


def test_vocabulary_terms_stop_at_an_optional_character() -> None:
    assert vocabulary_terms([r"借款人?签字"]) == {"借款", "签字"}


def test_contract_vocabulary_holds_the_fact_vocabulary_and_structural_words() -> None:
    vocabulary = contract_vocabulary()
    assert {"逾期", "罚息", "违约金", "年利率", "借款人"} <= vocabulary
    assert "催收" in vocabulary  # from topics.yaml, not the structural list


def test_bold_yu_read_as_zhe_is_overdue_again() -> None:
    assert fix_confused_terms("借款人这期后，对这期本金自这期之日起计收罚息") == "借款人逾期后，对逾期本金自逾期之日起计收罚息"


def test_zhe_qi_jian_during_this_period_is_a_word_and_stays() -> None:
    assert fix_confused_terms("在这期间，借款人应按时还款；这期限内不得转让") == "在这期间，借款人应按时还款；这期限内不得转让"


def test_a_confusable_character_outside_a_contract_word_stays() -> None:
    assert fix_confused_terms("这是一份借款合同，请记住还款日") == "这是一份借款合同，请记住还款日"


def test_swap_needs_the_vocabulary_term() -> None:
    assert fix_confused_terms("信枉", frozenset({"信函"})) == "信函"
    assert fix_confused_terms("信枉", frozenset({"罚息"})) == "信枉"


def test_a_window_that_is_itself_a_vocabulary_term_stays() -> None:
    assert fix_confused_terms("这期", frozenset({"逾期", "这期"})) == "这期"


def test_day_mark_read_as_jing_is_ri() -> None:
    assert fix_dates("签订日期：2025年3月10晶") == "签订日期：2025年3月10日"


def test_jing_outside_a_full_date_stays() -> None:
    assert fix_dates("水晶，共10晶，3月10晶") == "水晶，共10晶，3月10晶"


def test_seven_read_as_slash_or_ren_in_month_and_day() -> None:
    assert fix_dates("2024年/月2/日，2024年人月1日") == "2024年7月27日，2024年7月1日"


def test_slash_outside_a_date_stays() -> None:
    assert fix_dates("按1/2计算，2024/3/15") == "按1/2计算，2024/3/15"


def test_lost_ling_of_a_chinese_numeral_year_is_restored() -> None:
    assert fix_dates("二二五年九月二日") == "二〇二五年九月二日"


def test_a_chinese_duration_in_years_stays() -> None:
    assert fix_dates("期限二十五年，一二三年") == "期限二十五年，一二三年"


def test_capital_numeral_lookalikes_in_an_amount() -> None:
    assert fix_capital_amounts("人民币撞万元整，大写：喜拾僚万元整") == "人民币捌万元整，大写：壹拾叁万元整"


def test_zheng_read_as_shu_after_yuan_in_an_amount() -> None:
    assert fix_capital_amounts("人民币叁万陆什元束") == "人民币叁万陆仟元整"


def test_capital_lookalikes_outside_an_amount_stay() -> None:
    assert fix_capital_amounts("依照制度，超过万元的借款需审批") == "依照制度，超过万元的借款需审批"


def test_a_run_that_is_not_a_well_formed_capital_number_stays() -> None:
    assert fix_capital_amounts("人民币制撞元") == "人民币制撞元"


def test_clock_range_without_colons_after_a_time_word() -> None:
    assert fix_clock_times("催收时间限于每日800至2100。") == "催收时间限于每日8:00至21:00。"


def test_clock_range_with_one_colon_lost() -> None:
    assert fix_clock_times("催收仅在每日800至22:00之间进行") == "催收仅在每日8:00至22:00之间进行"


def test_money_range_without_colons_stays() -> None:
    assert fix_clock_times("每日800至2100元，金额1200至3000") == "每日800至2100元，金额1200至3000"


def test_hours_past_24_are_not_clock_times() -> None:
    assert fix_clock_times("每日3000至4000") == "每日3000至4000"


def test_correct_runs_every_repair_on_a_line() -> None:
    assert correct("第五条这期罚息 2025年3月10晶 人民币撞万元整") == "第五条逾期罚息 2025年3月10日 人民币捌万元整"


def test_correct_leaves_a_clean_line_alone() -> None:
    line = "第五条 逾期罚息：借款人逾期的，按年利率18%计收罚息，2025年3月10日起算。"
    assert correct(line) == line


@pytest.mark.parametrize("read,meant", [("·4.还款账户", "4.还款账户"), ("'第三条 利息", "第三条 利息"),
                                        ("、（二）借款用途", "（二）借款用途"), ("·其他", "·其他"), ("-5%", "-5%")])
def test_a_speck_before_a_heading_number_is_dropped(read, meant):
    assert correct(read) == meant
