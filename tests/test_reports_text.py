"""The terminal summary: aligned by display width, coloured only on request."""
from __future__ import annotations

import re
from dataclasses import replace

from rich.cells import cell_len

from checker.model import RunResult
from checker.reports import render
from test_reports_sample import BROKEN, CLEAN, CRITICAL, FLAWED, HIGH, WAIVED, sample_run

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _lines() -> list[str]:
    return render("text", sample_run()).splitlines()


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


def test_rows_with_chinese_clauses_of_different_width_end_their_columns_together():
    # 第十二条 is 8 cells wide, 第七条 6: the rule id column must still start at one column.
    critical, high = _row_of(CRITICAL.rule_id), _row_of(HIGH.rule_id)
    assert critical.split()[1] == "第十二条" and high.split()[1] == "第七条"
    assert cell_len(critical[: critical.index(CRITICAL.rule_id)]) == cell_len(high[: high.index(HIGH.rule_id)])
    assert cell_len(critical[: critical.index(CRITICAL.title)]) == cell_len(high[: high.index(HIGH.title)])


def test_findings_are_listed_most_severe_first():
    order = [s for line in _lines() for s in ("critical", "high", "medium", "low") if line.startswith(f"  {s} ")]
    assert order == ["critical", "high", "medium", "low"]


def test_document_header_names_status_profile_cap_and_pages():
    header = next(line for line in _lines() if line.startswith(FLAWED.path))
    for part in ("checked", "civil-code", "13.8%", "4 pages"):
        assert part in header


def test_long_evidence_is_shortened_to_about_eighty_columns_with_an_ellipsis():
    quoted = [line.strip() for line in _lines() if line.strip().startswith("「")]
    assert quoted and all(cell_len(q) <= 80 for q in quoted)
    assert any(q.endswith("…」") for q in quoted)


def test_evidence_with_newlines_stays_on_one_line():
    assert any("<script>alert(1)</script> 无需另行通知" in line for line in _lines())


def test_error_document_shows_its_one_line_reason():
    assert any(line.startswith(BROKEN.path) and "error" in line and BROKEN.error in line for line in _lines())


def test_clean_document_says_so():
    lines = _lines()
    header = next(i for i, line in enumerate(lines) if line.startswith(CLEAN.path))
    assert "no findings" in lines[header + 1]


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
    out = render("text", RunResult(documents=(), profile="civil-code", version="0.1.0"))
    assert out.strip() == "0 documents, 0 errors, findings: 0 critical, 0 high, 0 medium, 0 low, 0 info"
