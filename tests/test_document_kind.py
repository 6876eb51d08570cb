"""Document kinds (catalog: Document kinds): a loan contract, an agreement that accompanies a
loan, or something else, which is reported `skipped` with its reason and no findings."""
from __future__ import annotations

import json

import pytest

from checker.api import check_file, parse
from checker.reports import render
from checker.model import RunResult
from checker.settings import Settings


NOTES = """# Release notes

The checker now reads repayment schedules and reports loan amounts in yuan.
Run `make test` before you push; see docs/design.md for how interest rates are read.
"""

IOU = """借条

今借到王海东人民币叁万元整（30,000元），借款期限六个月，月利率1%，到期一次性还本付息。

借款人：李立新
2024年5月6日
"""

UNTITLED = """出借人：周明
借款人：吴芳
一、借款金额为人民币二万元，借款期限一年。
二、借款年利率为6%，按月付息，到期还本。
"""

SERVICE = """借款居间服务协议

甲方（借款人）：郑晓
乙方（居间服务方）：某某信息技术有限公司

第一条 乙方为甲方撮合借款，甲方向乙方支付服务费，服务费为借款金额的2%。
第二条 甲方应按期向出借人还款，乙方提供还款提醒服务。
"""

SERVICE_WITH_LENDER = """某某App借款服务协议

借款人：郑晓
出借人：某某网络科技有限公司
第一条 借款金额为人民币三千元，借款期限30天，日利率0.05%。
"""

BUNDLE = """平台注册协议
第一条 用户应如实填写注册信息。
第二条 平台有权根据业务需要暂停服务。

个人借款协议
第一条 出借人向借款人出借人民币一万元。
第二条 借款人应于每月15日还款，年利率10%。
"""


@pytest.mark.parametrize("text, kind", [
    (NOTES, "other"),
    ("Remember to update the LPR table.\n", "other"),
    (IOU, "loan"),
    (UNTITLED, "loan"),
    (SERVICE, "loan_service"),
    (SERVICE_WITH_LENDER, "loan"),
    (BUNDLE, "loan"),
], ids=["release-notes", "one-line-note", "iou", "untitled-with-parties", "service-agreement",
        "service-titled-but-lender-signs", "bundle-with-a-loan-contract"])
def test_document_kind_of(tmp_path, text, kind):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    _, facts = parse(str(path))
    assert facts.summary["document_kind"] == kind


def test_a_document_that_is_not_about_lending_is_skipped_with_its_reason(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    result = check_file(str(path), Settings())
    assert result.status == "skipped"
    assert result.findings == ()
    from checker.reports.i18n import note

    assert result.reason.code == "not_a_loan"
    assert "不是借款合同" in note(result.reason, "zh") and "not a loan agreement" in note(result.reason, "en")


def test_a_service_agreement_is_not_judged_for_missing_loan_terms(tmp_path):
    path = tmp_path / "service.txt"
    path.write_text(SERVICE, encoding="utf-8")
    result = check_file(str(path), Settings())
    assert result.status == "checked"
    fired = {f.rule_id for f in result.findings}
    assert not fired & {"essential-terms-missing", "interest-rate-missing", "dispute-resolution-missing",
                        "penalty-missing", "overdue-interest-missing"}


@pytest.mark.parametrize("fmt, marker", [
    ("text", "已跳过"), ("markdown", "已跳过"), ("html", "已跳过"), ("junit", "<skipped"),
    ("sarif", "document-skipped"),
])
def test_every_report_format_shows_a_skipped_document(tmp_path, fmt, marker):
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    run = RunResult(documents=(check_file(str(path), Settings()),), profile="auto", version="test")
    assert marker in render(fmt, run)


def test_skipped_documents_do_not_fail_the_gate_and_show_in_json(cli, private_cache, tmp_path):
    notes = tmp_path / "README.md"
    notes.write_text(NOTES, encoding="utf-8")
    out = tmp_path / "r.json"
    result = cli("check", str(notes), "--format", "json", "--output", str(out), "--jobs", "1",
                 "--fail-on", "info")
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    [doc] = report["documents"]
    assert doc["status"] == "skipped" and doc["findings"] == [] and doc["reason"]
    assert report["summary"]["skipped"] == 1 and report["summary"]["errors"] == 0
