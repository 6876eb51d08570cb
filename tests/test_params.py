"""Regimes and rate lines (../shared/spec/rule-catalog.md, "Rate lines by regime and date"): who lends and when
the contract was formed decide the line; profiles force a regime."""
from __future__ import annotations

from datetime import date

import pytest

from checker.params import lpr_on, resolve
from checker.rulepack import load_pack


def zh(notes) -> list[str]:
    """The notes as a Chinese report shows them."""
    from checker.reports.i18n import note
    return [note(n, "zh") for n in notes]

PACK = load_pack()
TODAY = date(2026, 12, 5)


def test_civil_code_line_is_four_times_the_lpr_in_force_on_the_contract_date():
    assert resolve({"contract_date": "2020-11-06"}, "civil-code", PACK).params["rate_cap"] == 15.4
    assert resolve({"contract_date": "2024-07-22"}, "civil-code", PACK).params["rate_cap"] == 13.4  # the day it changed
    assert resolve({"contract_date": "2024-07-21"}, "civil-code", PACK).params["rate_cap"] == 13.8


def test_without_a_date_the_document_is_judged_as_formed_today_and_the_report_says_so():
    resolved = resolve({"contract_date": None}, "civil-code", PACK, today=TODAY)
    assert resolved.params["rate_cap"] == 12.0
    assert any("未找到合同成立日期" in n and "2026-12-05" in n for n in zh(resolved.notes))


def test_a_contract_formed_before_2020_08_20_is_split_at_that_date():
    resolved = resolve({"contract_date": "2020-03-01", "lender_class": "natural_person"}, "auto", PACK)
    assert resolved.tags == ("transition", "civil-code")
    assert resolved.params["rate_cap"] == 12.0  # 4 x the latest LPR stands for the LPR when the suit is filed
    desc = resolved.params["line_desc"]
    assert "2020年8月19日前" in desc and "24%" in desc and "36%" in desc and "起诉时" in desc


def test_before_the_first_lpr_the_same_split_applies_and_the_table_is_not_read_backwards():
    resolved = resolve({"contract_date": "2018-05-01", "lender_class": "natural_person"}, "auto", PACK)
    assert resolved.tags == ("transition", "civil-code") and resolved.params["rate_cap"] == 12.0
    assert "尚无LPR" in resolved.params["line_desc"]
    entry, note = lpr_on(PACK.lpr, "2018-01-01")
    assert entry.rate_pct == PACK.lpr[-1].rate_pct and note


def test_licensed_lenders_get_the_24_percent_court_reduction_line():
    resolved = resolve({"contract_date": "2023-05-01", "lender_class": "bank"}, "auto", PACK)
    assert resolved.regime == "licensed" and resolved.tags == ("licensed",)
    assert resolved.params["rate_cap"] == 24.0
    assert "调减" in resolved.params["line_desc"] and "上限" not in resolved.params["line_desc"].replace("非上限", "")


def test_small_loan_companies_get_the_guideline_line_from_its_date():
    after = resolve({"contract_date": "2026-01-10", "lender_class": "small_loan"}, "auto", PACK)
    before = resolve({"contract_date": "2025-06-10", "lender_class": "small_loan"}, "auto", PACK)
    assert after.tags == ("small-loan", "licensed") and before.tags == ("licensed",)
    undated = resolve({"contract_date": None, "lender_class": "small_loan"}, "auto", PACK, today=TODAY)
    assert undated.tags == ("small-loan", "licensed")


def test_auto_names_the_class_the_regime_and_the_line():
    resolved = resolve({"lender_class": "small_loan", "lender_class_reason": "出借人「某网络小额贷款有限公司」为小额贷款公司",
                        "contract_date": "2024-01-01"}, "auto", PACK)
    assert resolved.profile == "licensed-lender"
    assert "某网络小额贷款有限公司" in resolved.reason and "持牌机构标准" in resolved.reason and "24%" in resolved.reason


def test_auto_gives_private_lenders_the_civil_code_regime():
    resolved = resolve({"lender_class": "natural_person", "contract_date": "2023-01-16"}, "auto", PACK)
    assert resolved.profile == "civil-code" and resolved.params["rate_cap"] == 14.6


def test_a_forced_civil_code_profile_on_a_licensed_lender_says_the_rules_do_not_bind_it():
    resolved = resolve({"lender_class": "bank", "contract_date": "2023-01-16"}, "civil-code", PACK)
    assert resolved.regime == "civil-code" and resolved.params["rate_cap"] == 14.6
    assert any("不适用于持牌金融机构" in n for n in zh(resolved.notes))


def test_an_unidentified_lender_and_a_template_are_named_in_the_notes():
    resolved = resolve({"lender_class": "company", "lender_identified": False, "is_template": True,
                        "template_blanks": ["borrower_name", "loan_amount"], "contract_date": "2024-01-01"},
                       "auto", PACK)
    assert any("未能识别出借人" in n for n in zh(resolved.notes))
    assert "按模板读取：借款人姓名、借款金额为空白占位（至少两项主要字段未填写）" in zh(resolved.notes)


def test_the_lpr_table_is_data_users_can_extend(tmp_path):
    (tmp_path / "pack.yaml").write_text("lpr: lpr.csv\n", encoding="utf-8")
    (tmp_path / "lpr.csv").write_text("from,one_year_pct\n2026-12-22,2.90\n", encoding="utf-8")
    pack = load_pack([tmp_path])
    assert resolve({"contract_date": "2027-01-05"}, "civil-code", pack).params["rate_cap"] == 11.6


def test_lpr_rows_from_the_settings_extend_and_replace_rows():
    pack = PACK.with_lpr((("2026-12-22", 2.9), ("2025-05-20", 3.05)))
    assert pack.lpr[-1].start == "2026-12-22" and pack.digest != PACK.digest
    assert resolve({"contract_date": "2025-06-01"}, "civil-code", pack).params["rate_cap"] == 12.2


@pytest.mark.parametrize("summary, profile", [
    ({"lender_class": "bank", "lender_name": "青岑银行", "contract_date": "2024-01-01"}, "auto"),
    ({"lender_class": "small_loan", "lender_name": "某小贷", "contract_date": "2026-03-01"}, "auto"),
    ({"lender_class": "natural_person", "lender_name": "张伟", "contract_date": "2018-05-01"}, "auto"),
    ({"lender_class": "natural_person", "lender_name": "张伟", "contract_date": "2024-01-01"}, "licensed-lender"),
    ({"lender_class": "company", "lender_identified": False, "contract_date": None}, "civil-code"),
])
def test_the_regime_reason_comes_in_chinese_and_in_english(summary, profile):
    import re

    resolved = resolve(summary, profile, PACK, today=TODAY)
    values = resolved.reason_note.values
    assert resolved.reason_note.code == "regime" and values["reason"] == resolved.reason
    english = values["reason_en"].replace(f"“{summary.get('lender_name')}”", "")
    assert english.startswith(("the lender", "no lender", "the Civil Code", "the licensed-lender"))
    assert "rate line" in english and not re.search(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]", english)
