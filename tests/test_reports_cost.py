"""The all-in cost's working is visible: `checker parse` and the text, Markdown, HTML and JSON
reports show the IRR and the compact schedule a reader can check by hand."""
from __future__ import annotations

import json

import pytest

from checker import api
from checker.model import RunResult
from checker.parse_view import parse_text
from checker.reports import render
from checker.settings import Settings

CONTRACT = """# 借款协议
出借人：某某网络小额贷款有限公司
借款人：李某
## 第一条 借款
借款本金人民币30,000元，借款期限12个月，年利率8%，按月付息，到期一次性还本。
## 第二条 服务费
借款服务费人民币900元，由出借人在放款时从借款本金中一次性扣除。
签订日期：2024年5月6日
"""


@pytest.fixture()
def contract_path(tmp_path):
    path = tmp_path / "fee-deducted.md"
    path.write_text(CONTRACT, encoding="utf-8")
    return str(path)


@pytest.fixture()
def run(contract_path) -> RunResult:
    doc = api.check_file(contract_path, Settings())
    return RunResult(documents=(doc,), profile="auto", version="test")


def test_json_facts_carry_the_figure_the_working_and_the_schedule(run):
    facts = json.loads(render("json", run))["documents"][0]["facts"]
    assert facts["all_in_cost_annual_pct"] == pytest.approx(11.18, abs=0.02)  # 29,100 against 200 x 11 + 30,200
    assert "IRR" in facts["all_in_cost_working"]
    assert facts["all_in_cost_schedule"][0] == {"period": "0", "paid_out": 29100.0, "repaid": 0.0, "fees": 0.0,
                                                "deducted": 900.0}
    assert facts["all_in_cost_schedule"][1]["period"] == "1-11"


def test_text_report_shows_the_irr_line_and_one_row_per_run_of_periods(run):
    text = render("text", run)
    assert "综合年化成本11.18%/年" in text and "IRR" in text
    assert "all-in cost 11.18%/yr" in render("text", run, lang="en")
    assert any(line.split()[0] == "1-11" for line in text.splitlines() if line.strip())


def test_markdown_report_has_the_schedule_table(run):
    md = render("markdown", run)
    assert "| 1-11 |" in md.replace("  ", " ")


def test_html_report_has_a_schedule_chart_and_table(run):
    html = render("html", run)
    assert 'aria-label="还款计划"' in html and 'aria-label="repayment schedule"' in render("html", run, lang="en")
    assert html.count("<rect") >= 13  # a column for each of the 13 dates (0 and 1-12)
    assert "29,100.00" in html


def test_parse_shows_the_all_in_cost_section(contract_path):
    contract, factset = api.parse(contract_path)
    text = parse_text(contract, factset, "")
    assert "All-in cost:" in text and "29,100.00" in text


def test_the_upfront_deduction_finding_says_what_the_deduction_adds(run):
    finding = next(f for f in run.documents[0].findings if f.rule_id == "interest-deducted-upfront")
    assert "实际到账29,100.00元" in finding.message and "个百分点" in finding.message


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_an_english_report_gives_the_working_in_english(run, fmt):
    from checker.reports import cost_view

    line = cost_view.headline(run.documents[0].facts, "en")
    assert line.startswith("all-in cost 11.18%/yr: interest first, principal last, principal 30,000.00 yuan, 12 periods")
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in line)
    out = render(fmt, run, lang="en")
    assert "IRR" in out and "先息后本" not in out and "期：IRR" not in out
