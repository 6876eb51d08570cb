"""Profiles choose the rate cap: 4 x the LPR on the contract date, 24% for licensed lenders, or by lender."""
from __future__ import annotations

from checker.params import lpr_on, resolve
from checker.rulepack import load_pack

PACK = load_pack()


def test_civil_code_cap_is_four_times_the_lpr_in_force_on_the_contract_date():
    assert resolve({"contract_date": "2020-11-06"}, "civil-code", PACK).params["rate_cap"] == 15.4
    assert resolve({"contract_date": "2024-07-22"}, "civil-code", PACK).params["rate_cap"] == 13.4  # the day it changed
    assert resolve({"contract_date": "2024-07-21"}, "civil-code", PACK).params["rate_cap"] == 13.8


def test_without_a_date_the_latest_lpr_is_used_and_the_report_says_so():
    resolved = resolve({"contract_date": None}, "civil-code", PACK)
    assert resolved.params["rate_cap"] == 12.0 and resolved.notes


def test_a_date_before_the_first_lpr_uses_the_first_and_says_so():
    entry, note = lpr_on(PACK.lpr, "2018-01-01")
    assert entry.rate_pct == 4.25 and note


def test_licensed_lender_cap_is_24_percent():
    assert resolve({"contract_date": "2020-11-06"}, "licensed-lender", PACK).params["rate_cap"] == 24.0


def test_auto_gives_licensed_lenders_the_licensed_profile_with_a_reason():
    resolved = resolve({"lender_kind": "small_loan", "lender_name": "某网络小额贷款有限公司"}, "auto", PACK)
    assert resolved.profile == "licensed-lender" and "某网络小额贷款有限公司" in resolved.reason


def test_auto_gives_private_lenders_the_civil_code_profile():
    resolved = resolve({"lender_kind": "natural_person", "lender_name": "张三", "contract_date": "2023-01-16"}, "auto", PACK)
    assert resolved.profile == "civil-code" and resolved.params["rate_cap"] == 14.6


def test_banks_get_24_percent_as_guidance_with_a_note():
    resolved = resolve({"lender_kind": "bank"}, "auto", PACK)
    assert resolved.params["rate_cap"] == 24.0 and any("参考" in n for n in resolved.notes)


def test_the_lpr_table_is_data_users_can_extend(tmp_path):
    (tmp_path / "pack.yaml").write_text("lpr: lpr.csv\n", encoding="utf-8")
    (tmp_path / "lpr.csv").write_text("from,one_year_pct\n2026-12-22,2.90\n", encoding="utf-8")
    pack = load_pack([tmp_path])
    assert resolve({"contract_date": "2027-01-05"}, "civil-code", pack).params["rate_cap"] == 11.6
