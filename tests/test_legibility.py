"""A cap rule never fires on a figure OCR could not read reliably: it is not assessable there,
and the report says which figure and shows what the engine read."""
from __future__ import annotations

from dataclasses import replace

from checker.api import check_contract, lpr_lookup, pack_for
from checker.clauses import parse_contract
from checker.facts import extract_facts
from checker.ingest import read_document
from checker.ingest.ocr.figures import figures
from checker.settings import Settings
from checker.reports import i18n

SETTINGS = Settings(profile="civil-code", use_cache=False)
# A private loan whose in-term rate (36% a year) is above the civil-code cap.
LOAN = """\
# 借款合同
出借人：张三 借款人：李四
第一条 借款金额为人民币50000元。
第二条 借款年利率为36%，按月付息。
第三条 借款人逾期还款的，按日利率0.05%支付逾期利息。
签订日期：2024年3月1日
"""


def _check(tmp_path, confidence: dict[str, float] | None = None, second: dict[str, str] | None = None,
           text: str = LOAN):
    """Check LOAN as if OCR'd: every character read with 0.99, except the figures named in
    ``confidence``; ``second`` gives a second reading of the lines holding some text."""
    path = tmp_path / "loan.md"
    path.write_text(text, encoding="utf-8")
    document = read_document(path)
    if confidence is not None:
        pages = []
        for page in document.pages:
            lines = []
            for ln in page.lines:
                conf = [0.99] * len(ln.text)
                for figure, value in confidence.items():
                    at = ln.text.find(figure)
                    if at >= 0:
                        conf[at:at + len(figure)] = [value] * len(figure)
                alternates = tuple(alt for key, alt in (second or {}).items() if key in ln.text)
                lines.append(replace(ln, emphasis_known=False, figures=figures(ln.text, conf, alternates)))
            pages.append(replace(page, ocr=True, lines=tuple(lines), ocr_engine="test", ocr_confidence=0.99))
        document = replace(document, pages=tuple(pages))
    contract = parse_contract(document)
    pack = pack_for(SETTINGS)
    return check_contract(contract, extract_facts(contract, lpr=lpr_lookup(pack)), SETTINGS, pack)


def _rules(result) -> set[str]:
    return {f.rule_id for f in result.findings}


def test_a_surely_read_rate_above_the_cap_fires_as_on_typed_text(tmp_path):
    assert "interest-rate-excessive" in _rules(_check(tmp_path))
    assert "interest-rate-excessive" in _rules(_check(tmp_path, confidence={}))


def test_an_unsure_rate_makes_the_rate_cap_rule_not_assessable(tmp_path):
    result = _check(tmp_path, confidence={"36%": 0.3})
    assert "interest-rate-excessive" not in _rules(result)
    assert result.facts["interest_rate_readable"] is False
    assert any(n.code == "not_assessable" and n.values["rule"] == "interest-rate-excessive" for n in result.notes)


def test_the_report_names_the_figure_and_shows_what_ocr_read(tmp_path):
    result = _check(tmp_path, confidence={"36%": 0.3})
    note = next(n for n in result.notes if n.code == "unreadable_figure")
    assert note.values["fact"] == "interest_rate_annual_pct"
    text = i18n.note(note, "zh")
    assert text.startswith("借期内利率：") and "“36%”" in text and "借款年利率为36%，按月付息。" in text and "0.30" in text
    assert "“36%”" in i18n.note(note, "en") and "confidence 0.30" in i18n.note(note, "en")


def test_a_rate_two_readings_disagree_on_is_not_used(tmp_path):
    result = _check(tmp_path, confidence={}, second={"年利率为36%": "第二条 借款年利率为30%，按月付息。"})
    assert "interest-rate-excessive" not in _rules(result)
    assert any("两次识别结果不一致" in i18n.note(n, "zh") for n in result.notes)


def test_an_unsure_signing_date_makes_the_cap_unknown(tmp_path):
    result = _check(tmp_path, confidence={"2024": 0.4})
    assert result.facts["contract_date_readable"] is False
    assert "interest-rate-excessive" not in _rules(result)


def test_an_unsure_figure_elsewhere_changes_nothing(tmp_path):
    result = _check(tmp_path, confidence={"50000": 0.4})
    assert "interest-rate-excessive" in _rules(result)
    assert result.facts["interest_rate_readable"] is True and result.facts["loan_amount_readable"] is False


def test_typed_documents_read_every_figure(tmp_path):
    facts = _check(tmp_path).facts
    assert all(facts[k] for k in ("interest_rate_readable", "overdue_rates_readable",
                                  "contract_date_readable", "loan_amount_readable"))


def test_a_scan_without_any_readable_date_leaves_the_cap_unknown(tmp_path):
    loan = LOAN.replace("签订日期：2024年3月1日\n", "签订日期：202年3月1日\n")  # 2024 read as 202: no date
    (tmp_path / "undated").mkdir()
    result = _check(tmp_path / "undated", confidence={}, text=loan)
    assert result.facts["contract_date"] is None and result.facts["contract_date_readable"] is False
    assert "interest-rate-excessive" not in _rules(result)
    assert any(n.code == "undated_scan" for n in result.notes)


def test_a_typed_contract_without_a_date_still_gets_the_latest_lpr(tmp_path):
    result = _check(tmp_path, text=LOAN.replace("签订日期：2024年3月1日\n", ""))
    assert result.facts["contract_date_readable"] is True
    assert "interest-rate-excessive" in _rules(result)
