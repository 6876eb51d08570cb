"""The terminal report: aligned by display width, 80 columns, one language, coloured only on request."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from rich.cells import cell_len

from checker.model import RunResult
from checker.reports import render
from report_sample import BROKEN, CLEAN, CRITICAL, FLAWED, HIGH, WAIVED, sample_run

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _lines(lang: str = "en", **options) -> list[str]:
    return render("text", sample_run(), lang=lang, **options).splitlines()


def _row_of(rule_id: str) -> str:
    return next(line for line in _lines() if line.rstrip().endswith(rule_id))


def test_no_ansi_codes_without_color():
    assert not ANSI.search(render("text", sample_run(), color=False))


def test_no_ansi_codes_without_color_even_when_the_environment_forces_colour(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert not ANSI.search(render("text", sample_run()))


def test_color_adds_ansi_codes_and_nothing_else():
    coloured = render("text", sample_run(), color=True)
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == render("text", sample_run())


def test_rows_with_chinese_clauses_of_different_width_keep_their_columns():
    # 第十二条 is 8 cells wide, 第七条 6: titles still start at one column, rule ids end at column 80.
    rows = render("text", sample_run(), lang="zh").splitlines()
    critical = next(line for line in rows if line.rstrip().endswith(CRITICAL.rule_id))
    high = next(line for line in rows if line.rstrip().endswith(HIGH.rule_id))
    assert critical.split()[1] == "第十二条" and high.split()[1] == "第七条"
    assert cell_len(critical) == cell_len(high) == 80
    assert cell_len(critical[: critical.index(CRITICAL.title)]) == cell_len(high[: high.index(HIGH.title)])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_holds_at_80_columns_and_rule_ids_are_never_split(lang):
    long_message = "逾期年化利率32.4%（日利率0.09%）超过上限15.4%（民法典标准）。" * 4
    doc = replace(FLAWED, findings=(replace(HIGH, message=long_message, message_en=""),
                                    replace(CRITICAL, rule_id="a-very-long-rule-identifier-from-a-lender-pack")))
    out = render("text", replace(sample_run(), documents=(doc, CLEAN, BROKEN)), lang=lang).splitlines()
    assert all(cell_len(line) <= 80 for line in out), [line for line in out if cell_len(line) > 80]
    assert any(line.strip() == "a-very-long-rule-identifier-from-a-lender-pack" or
               line.endswith("a-very-long-rule-identifier-from-a-lender-pack") for line in out)
    wrapped = [line for line in out if line.startswith(" " * 6) and "上限" in line]
    assert len(wrapped) >= 3 and all(not line.strip().startswith(("。", "，", "）")) for line in wrapped)


def test_wrapped_message_lines_keep_a_hanging_indent():
    doc = replace(FLAWED, findings=(replace(HIGH, message="合同" * 60),))
    out = render("text", replace(sample_run(), documents=(doc,)), lang="zh").splitlines()
    body = [line for line in out if "合同合同" in line]
    assert len(body) >= 3 and len({len(line) - len(line.lstrip()) for line in body}) == 1


def test_chinese_is_the_default_language_with_no_english_labels():
    out = render("text", sample_run())
    for english in ("checked", "critical", "page", "findings", "documents", "civil-code", "waived"):
        assert english not in out, english
    assert "严重" in out and "第3页" in out and "已豁免" in out
    assert "说明：按模板读取：借款人姓名、借款金额为空白占位" in out  # Chinese punctuation after a Chinese label


def test_findings_are_listed_most_severe_first():
    order = [s for line in _lines() for s in ("critical", "high", "medium", "low") if line.startswith(f"  {s} ")]
    assert order == ["critical", "high", "medium", "low"]
    order = [s for line in _lines("zh") for s in ("严重", "高", "中", "低") if line.startswith(f"  {s} ")]
    assert order == ["严重", "高", "中", "低"]


def test_document_header_names_profile_cap_and_pages():
    header = next(line for line in _lines() if line.startswith(FLAWED.path))
    for part in ("Civil Code", "13.8%", "4 pages"):
        assert part in header
    header = next(line for line in _lines("zh") if line.startswith(FLAWED.path))
    for part in ("民法典标准", "利率线13.8%/年", "4页"):
        assert part in header


def test_long_evidence_is_shortened_to_about_eighty_columns_with_an_ellipsis():
    quoted = [line.strip() for line in _lines() if line.strip().startswith("「")]
    assert quoted and all(cell_len(q) <= 80 for q in quoted)
    assert any(q.endswith("…」") for q in quoted)


def test_evidence_with_newlines_stays_on_one_line():
    assert any("<script>alert(1)</script> 无需另行通知" in line for line in _lines())


def test_error_document_shows_its_one_line_reason():
    assert any(line.startswith(BROKEN.path) and "error" in line and BROKEN.error in line for line in _lines())


def test_a_clean_document_is_one_line_and_the_reason_for_its_regime():
    lines = _lines()
    header = next(i for i, line in enumerate(lines) if line.startswith(CLEAN.path))
    assert "No findings" in lines[header]
    assert lines[header + 1] == "  lender and regime: lender is a licensed small-loan company"
    assert lines[header + 2].startswith(BROKEN.path)
    assert any(line.startswith(CLEAN.path) and "未发现问题" in line for line in _lines("zh"))


def test_quiet_lists_findings_only():
    out = _lines("en", quiet=True)
    assert not any(line.startswith(CLEAN.path) for line in out)
    assert not any("findings:" in line or "waived" in line or "note" in line for line in out)
    assert any(line.rstrip().endswith(HIGH.rule_id) for line in out)


def test_scanned_and_standard_form_documents_are_marked():
    doc = replace(FLAWED, facts={**FLAWED.facts, "ocr_pages": [2], "is_template": True})
    out = render("text", replace(sample_run(), documents=(doc,)), lang="zh")
    assert "扫描件（OCR识别）" in out and "模板（含空白待填项）" in out


def test_waived_findings_are_on_a_waived_line_and_not_counted():
    waived_lines = [line for line in _lines() if line.strip().startswith("waived")]
    assert len(waived_lines) == 1 and WAIVED.rule_id in waived_lines[0] and WAIVED.waiver_reason in waived_lines[0]
    assert "1 high," in _lines()[-1]


def test_totals_close_the_report():
    assert _lines()[-1] == "3 documents, 1 error, findings: 1 critical, 1 high, 1 medium, 1 low, 0 info; 1 waived"


def test_contract_text_is_never_read_as_rich_markup():
    doc = replace(FLAWED, findings=(replace(HIGH, evidence="[bold red]利率[/bold red] :smile:"),))
    out = render("text", replace(sample_run(), documents=(doc,)), color=True)
    assert "[bold red]利率[/bold red] :smile:" in ANSI.sub("", out)


def test_control_characters_from_a_contract_never_reach_the_terminal():
    doc = replace(FLAWED, path="a\x1b[2J.pdf", findings=(replace(HIGH, evidence="利率\x1b[31m上浮\x07"),))
    out = render("text", replace(sample_run(), documents=(doc,)))
    assert "\x1b" not in out and "\x07" not in out and "利率[31m上浮" in out


def test_an_empty_run_reports_zero_documents():
    out = render("text", RunResult(documents=(), profile="civil-code", version="0.1.0"), lang="en")
    assert out.strip() == "0 documents, 0 errors, findings: 0 critical, 0 high, 0 medium, 0 low, 0 info"
    out = render("text", RunResult(documents=(), profile="civil-code", version="0.1.0"))
    assert out.strip() == "共0份文件，0份无法读取，发现：严重0项，高0项，中0项，低0项，提示0项"
