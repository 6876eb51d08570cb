"""Markdown for pull-request comments: tables that survive any contract text."""
from __future__ import annotations

import re

from checker.reports import render
from checker.reports.markdown import cell
from report_sample import BROKEN, CLEAN, CRITICAL, FLAWED, MEDIUM, WAIVED, sample_run

_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(row: str) -> list[str]:
    """A GFM table row split on unescaped pipes, outer ones dropped."""
    return [c.strip() for c in _SPLIT.split(row.strip())[1:-1]]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace("<br>", "\n")


def _md(lang: str = "en") -> str:
    return render("markdown", sample_run(), lang=lang)


def _table_after(heading: str) -> list[list[str]]:
    lines = _md().splitlines()
    start = lines.index(heading)
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append(_cells(line))
    return rows


def test_the_summary_table_counts_findings_by_severity():
    out = _md()
    rows = {c[0]: c[1] for c in (_cells(line) for line in out.splitlines() if line.startswith("| "))
            if len(c) == 2 and not c[0].startswith("---")}
    assert rows == {"severity": "findings", "critical": "1", "high": "1", "medium": "1", "low": "1", "info": "0",
                    "waived (not counted)": "1"}


def test_the_documents_table_has_one_row_per_document():
    out = _md().splitlines()
    header = next(i for i, line in enumerate(out) if line.startswith("| document |"))
    rows = [_cells(line) for line in out[header + 2: header + 5]]
    assert [_unescape(r[0]) for r in rows] == [BROKEN.path, FLAWED.path, CLEAN.path]  # sorted by risk
    assert all(len(r) == 10 for r in rows)
    assert rows[0][1].startswith("error") and rows[1][1] == "critical" and rows[2][1] == "—"


def test_chinese_by_default_with_no_english_labels():
    out = _md("zh")
    assert "## 合同合规检查报告" in out and "| 文件 | 风险 | 适用标准 |" in out and "| 严重 | 1 |" in out
    for english in ("| document", "severity", "waived", "findings", "civil-code", "**error"):
        assert english not in out, english


def test_each_document_has_a_findings_table_with_the_same_number_of_cells_per_row():
    rows = _table_after(f"### {cell(FLAWED.path)}")
    assert rows[0] == ["severity", "rule", "clause", "page", "evidence", "message"]
    body = rows[2:]
    assert len(body) == 4 and all(len(r) == 6 for r in body)


def test_pipes_and_newlines_in_cells_are_escaped():
    row = next(r for r in _table_after(f"### {cell(FLAWED.path)}")[2:] if MEDIUM.rule_id in r[1])
    assert _unescape(row[5]) == MEDIUM.message
    assert _unescape(row[4]) == MEDIUM.evidence.replace("\n", " ")


def test_html_in_a_contract_cannot_become_markup():
    out = _md()
    assert "<script>" not in out and "\\<script\\>" in out


def test_long_evidence_is_shortened():
    row = next(r for r in _table_after(f"### {cell(FLAWED.path)}")[2:] if CRITICAL.rule_id in r[1])
    assert row[4].endswith("…") and len(row[4]) < len(CRITICAL.evidence)


def test_cell_turns_line_breaks_into_br_and_escapes_markdown():
    assert cell("a|b\n*c*") == "a\\|b<br>\\*c\\*"


def test_waived_findings_are_listed_but_not_in_the_table():
    out = _md()
    assert f"waived: `{WAIVED.rule_id}`" in out
    assert all(WAIVED.evidence not in line for line in out.splitlines() if line.startswith("|"))


def test_the_error_document_shows_its_reason():
    assert f"**error:** {cell(BROKEN.error)}" in _md()
