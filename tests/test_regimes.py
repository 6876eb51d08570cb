"""The law that binds this lender, on this date, cited right (catalog v2): findings carry the
message and the bases of the document's regime, the LPR table is extended from checker.yaml
and warns when stale, and near a line both day counts are given."""
from __future__ import annotations

import re
from datetime import date

import pytest

from checker.api import check, check_file, lpr_staleness, pack_for
from checker.errors import ConfigError
from checker.reports import FORMATS, render
from checker.settings import Settings, load_settings
from sample_files import CONTRACTS


def zh(notes) -> list[str]:
    """The notes as a Chinese report shows them."""
    from checker.reports.i18n import note
    return [note(n, "zh") for n in notes]

BANK = """个人消费贷款合同
贷款人：某某银行股份有限公司某某支行
借款人：吕思
第三条 贷款利率
贷款年利率为18%。
第五条 罚息
借款人未按期还款的，对逾期本金按贷款利率上浮50%计收罚息。
签订日期：2024年9月2日
"""
PRIVATE_2020 = """借款合同
出借人：何文斌
借款人：罗晓梅
第二条 利息
借款月利率为2%，按月付息；逾期按月利率2%计付逾期利息。
出借日期：2020年3月1日
"""
PRIVATE_2018 = PRIVATE_2020.replace("2020年3月1日", "2018年4月2日")
PRIVATE_NEAR_LINE = """借款合同
出借人：何文斌
借款人：罗晓梅
第二条 利息
借款日利率为0.0381%。
出借日期：2024年3月1日
"""
PRIVATE_LENDING = "最高人民法院关于审理民间借贷案件适用法律若干问题的规定"


def _findings(tmp_path, text, profile="auto", name="c.txt", **kw):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = check_file(str(path), Settings(profile=profile, use_cache=False, **kw))
    return result, {f.rule_id: f for f in result.findings}


def test_a_bank_is_told_the_borrower_may_ask_for_a_reduction_never_that_it_breaks_a_cap(tmp_path):
    result, found = _findings(tmp_path, BANK)
    finding = found["overdue-rate-excessive"]
    assert result.profile == "licensed-lender" and result.facts["regime"] == "licensed"
    assert "可请求调减" in finding.message and "上限" not in finding.message and "违法" not in finding.message
    assert finding.legal_basis and all(PRIVATE_LENDING not in b.statute for b in finding.legal_basis)
    assert any("法发〔2017〕22号" in b.statute for b in finding.legal_basis)


def test_a_private_loan_of_2020_states_both_periods_and_cites_the_transition(tmp_path):
    result, found = _findings(tmp_path, PRIVATE_2020)
    finding = found["interest-rate-excessive"]
    assert result.facts["rate_cap_annual_pct"] == 12.0
    assert "2020年8月19日前" in finding.message and "36%" in finding.message and "起诉时" in finding.message
    assert {b.article for b in finding.legal_basis} >= {"第25条第1款", "第31条第2款"}


def test_a_private_loan_of_2018_has_no_lpr_of_its_own_and_is_split_the_same_way(tmp_path):
    result, found = _findings(tmp_path, PRIVATE_2018)
    assert "尚无LPR" in found["interest-rate-excessive"].message
    assert result.facts["lpr_one_year_pct"] == pack_for(Settings()).lpr[-1].rate_pct


def test_a_licensed_lender_forced_under_civil_code_is_judged_on_4_x_lpr_with_a_note(tmp_path):
    result, found = _findings(tmp_path, BANK, profile="civil-code")
    assert result.facts["regime"] == "civil-code" and "overdue-rate-excessive" in found
    assert any("不适用于持牌金融机构" in n for n in zh(result.notes))


def test_the_report_facts_name_the_class_the_regime_and_the_line(tmp_path):
    result, _ = _findings(tmp_path, BANK)
    assert result.facts["lender_class"] == "bank" and result.facts["via_platform"] is False
    assert "银行" in result.profile_reason and "24%" in result.profile_reason and "24%" in result.facts["rate_line"]


def test_the_line_is_also_given_in_english(tmp_path):
    result, _ = _findings(tmp_path, BANK)
    line_en = result.facts["rate_line_en"]
    assert "24%" in line_en and not re.search(r"[\u4e00-\u9fff]", line_en)


def test_near_the_line_both_day_counts_are_given_where_their_verdicts_differ(tmp_path):
    # 0.0381% a day on 2024-03-01 (line 4 x 3.45 = 13.8): 13.716% at 360 days, 13.9065% at 365
    result, found = _findings(tmp_path, PRIVATE_NEAR_LINE)
    assert "interest-rate-excessive" not in found
    assert any("365" in n and "13.72" in n and "13.91" in n for n in zh(result.notes))
    result, found = _findings(tmp_path, PRIVATE_NEAR_LINE, day_count=365)
    message = found["interest-rate-excessive"].message
    assert "365天" in message and "360天" in message


def test_far_from_the_line_one_figure_is_enough(tmp_path):
    result, found = _findings(tmp_path, PRIVATE_NEAR_LINE.replace("0.0381%", "0.1%"))
    assert "天" not in found["interest-rate-excessive"].message.split("）", 1)[1]
    assert not any("365" in n for n in zh(result.notes))


def test_lpr_rows_in_checker_yaml_extend_the_table(tmp_path):
    config = tmp_path / "checker.yaml"
    config.write_text("lpr:\n  - {from: 2026-12-22, one_year_pct: 2.9}\n", encoding="utf-8")
    settings = load_settings(str(config), {})
    pack = pack_for(settings)
    assert pack.lpr[-1].start == "2026-12-22" and pack.lpr[-1].rate_pct == 2.9


@pytest.mark.parametrize("rows, problem", [
    ("[{from: 2018-01-01, one_year_pct: 4.3}]", "first fixed"),
    ("[{from: 2026-12-22, one_year_pct: 29}]", "between 0 and 20"),
    ("[{from: 2026-12-22}]", "one_year_pct"),
    ("[{from: 2026-12-22, one_year_pct: 2.9}, {from: 2026-12-22, one_year_pct: 2.8}]", "twice"),
    ("[{from: 2026-12-22, rate: 2.9}]", "unknown key"),
])
def test_bad_lpr_rows_are_a_config_error_naming_the_row(tmp_path, rows, problem):
    config = tmp_path / "checker.yaml"
    config.write_text(f"lpr: {rows}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_settings(str(config), {})


def test_a_stale_lpr_table_warns_once_per_run_and_a_current_one_does_not(tmp_path):
    pack = pack_for(Settings())
    assert lpr_staleness(pack, date(2026, 10, 25)) is None  # the 2026-09 fixing is 35 days before the 10-20 one
    assert lpr_staleness(pack, date(2026, 12, 5)).code == "lpr_stale"
    fresh = pack.with_lpr((("2026-11-20", 3.0),))
    assert lpr_staleness(fresh, date(2026, 12, 5)) is None
    (tmp_path / "a.txt").write_text(BANK, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PRIVATE_2020, encoding="utf-8")
    run = check([str(tmp_path)], Settings(use_cache=False, executor="inprocess", today=date(2026, 12, 5)))
    assert sum(n.code == "lpr_stale" for n in run.notes) == 1
    assert all(not any(n.code == "lpr_stale" for n in d.notes) for d in run.documents)


def test_no_rendered_report_marks_a_citation_unverified_or_quotes_nothing(tmp_path):
    for text, name in ((BANK, "bank.txt"), (PRIVATE_2020, "p2020.txt")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = check([str(CONTRACTS), str(tmp_path)], Settings(use_cache=False, executor="inprocess"))
    assert sum(len(d.findings) for d in run.documents) > 20
    for fmt in FORMATS:
        for lang in ("zh", "en"):
            out = render(fmt, run, lang=lang)
            assert "未核实" not in out and "UNVERIFIED" not in out.upper(), fmt
            assert "：「」" not in out and "<q></q>" not in out and ": 「」" not in out, fmt
    for doc in run.documents:
        for f in doc.findings:
            assert all(b.quote or b.summary for b in f.legal_basis), (f.rule_id, f.legal_basis)
