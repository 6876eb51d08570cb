"""The HTML report: self-contained, printable, and inert whatever a contract contains."""
from __future__ import annotations

import re
from dataclasses import replace

import lxml.html
import pytest

from checker.model import LegalBasis
from checker.reports import render
from report_sample import BROKEN, CLEAN, FLAWED, RULES, SCRIPT, WAIVED, active_findings, sample_run


@pytest.fixture(scope="module")
def page() -> str:
    return render("html", sample_run())


@pytest.fixture(scope="module")
def tree(page):
    return lxml.html.document_fromstring(page)


def _text(element) -> str:
    return element.text_content()


def test_the_page_is_chinese_and_declares_utf8(tree):
    assert tree.get("lang") == "zh-CN"
    assert tree.xpath("//meta[@charset='utf-8']")


def test_every_finding_evidence_appears_verbatim_as_text(tree):
    quotes = [_text(q) for q in tree.xpath("//blockquote[contains(@class, 'evidence')]")]
    for finding in active_findings():
        if finding.evidence:
            assert finding.evidence in quotes


def test_a_script_in_a_contract_is_shown_as_text_never_as_an_element(tree, page):
    assert not tree.xpath("//script")
    assert SCRIPT not in page
    assert any(SCRIPT in _text(q) for q in tree.xpath("//blockquote"))


def test_markup_in_any_field_stays_text():
    evil = '"><img src=x onerror=alert(1)>'
    finding = replace(
        FLAWED.findings[1], title=evil, message=evil, clause=evil, evidence=evil, remediation=evil, rule_id=evil,
        legal_basis=(LegalBasis(evil, evil, evil),),
    )
    doc = replace(FLAWED, path=evil, profile=evil, profile_reason=evil, notes=(evil,),
                  findings=(finding, replace(finding, waived=True, waiver_reason=evil)),
                  facts={"rate_cap_annual_pct": evil})
    broken = replace(BROKEN, path=evil + "2", error=evil)
    rules = (replace(RULES[0], id=evil, title_zh=evil, legal_basis=(LegalBasis(evil, evil, evil),)),)
    run = replace(sample_run(), documents=(doc, broken), rules=rules, profile=evil, version=evil, notes=(evil,))
    tree = lxml.html.document_fromstring(render("html", run))
    assert not tree.xpath("//img | //@*[starts-with(name(), 'on')]")


def test_nothing_is_loaded_from_the_network(tree, page):
    links = tree.xpath("//@src | //@href | //@action | //@data")
    assert not [u for u in links if re.match(r"\s*(https?:)?//", u)]
    assert not tree.xpath("//link | //iframe | //object | //embed")
    assert "@import" not in page and "url(" not in page


def test_a_content_security_policy_forbids_scripts(tree):
    policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy and "default-src 'none'" in policy[0] and "script-src" not in policy[0]


def test_the_css_is_inline_with_a_cjk_font_stack_and_print_rules(tree):
    css = "".join(_text(s) for s in tree.xpath("//style"))
    assert "Noto Sans CJK SC" in css and "Microsoft YaHei" in css
    assert "@media print" in css


def test_the_chart_is_inline_svg_with_a_bar_per_severity_and_per_rule(tree):
    svgs = tree.xpath("//svg")
    assert len(svgs) == 2
    severity_bars, rule_bars = (svg.xpath(".//rect") for svg in svgs)
    assert len(severity_bars) == 5
    assert len(rule_bars) == len({f.rule_id for f in active_findings()})
    labels = {_text(t) for t in svgs[1].xpath(".//text")}
    known = {r.id: r.title_zh for r in RULES}
    assert {known.get(f.rule_id, f.rule_id) for f in active_findings()} <= labels
    assert not {r.id for r in RULES} & labels  # rules the run knows are labelled by their Chinese title


def test_the_charts_scale_to_a_narrow_screen_instead_of_being_cut(tree):
    for svg in tree.xpath("//svg"):
        assert (svg.get("viewBox") or svg.get("viewbox")) and "max-width" in svg.get("style")
    css = tree.xpath("//style")[0].text
    assert ".charts svg { width: 100%; height: auto;" in css and "@media (max-width: 600px)" in css
    assert tree.xpath("//div[@class='table-box']/table")  # a wide table scrolls inside its box


def test_bars_are_proportional_to_the_counts(tree):
    widths = [int(r.get("width")) for r in tree.xpath("//svg")[0].xpath(".//rect")]
    assert widths == [200, 200, 200, 200, 0]  # one finding each of critical..low, no info


def test_the_documents_table_is_sorted_by_risk_with_a_coloured_risk_column(tree):
    rows = tree.xpath("//table//tbody/tr")
    assert len(rows) == 3
    cells = [[_text(td).strip() for td in row.xpath("td")] for row in rows]
    assert [c[0] for c in cells] == [BROKEN.path, FLAWED.path, CLEAN.path]  # unreadable first, then worst
    assert [c[1] for c in cells] == ["无法读取", "严重", "无"]
    assert cells[1][2:7] == ["1", "1", "1", "1", "0"]
    colours = [row.xpath("td[@class='risk']/@style")[0] for row in rows]
    assert len(set(colours)) == 3 and "#8b0000" in colours[1]


def test_the_verdict_threshold_and_run_date_are_at_the_top():
    page = render("html", sample_run(), fail_on="critical", run_date="2026-12-05")
    header = lxml.html.document_fromstring(page).xpath("//header")[0]
    assert "未完成" in _text(header)  # an unreadable document: the run could not do its job
    assert "检查日期：2026-12-05" in _text(header) and "「严重」及以上不通过" in _text(header)
    clean_run = replace(sample_run(), documents=(CLEAN,))
    header = lxml.html.document_fromstring(render("html", clean_run, lang="en")).xpath("//header")[0]
    assert "PASS" in _text(header)


def test_each_finding_cites_its_rules_statutes_and_the_legal_text_is_quoted_once(tree):
    article = tree.xpath("//article[contains(@class, 'sev-critical')]")[0]
    assert "个人信息保护法 第13条" in _text(article.xpath(".//p[@class='basis']")[0])
    assert not article.xpath(".//q")
    link = article.xpath(".//p[@class='basis']/a/@href")[0]
    rule = tree.xpath(f"//details[@id='{link[1:]}']")[0]
    assert [_text(q) for q in rule.xpath(".//q")] == ["处理个人信息应当取得个人同意"]
    quotes = [_text(q) for q in tree.xpath("//q")]
    assert len(quotes) == len(set(quotes))


def test_the_page_is_in_one_language():
    zh = lxml.html.document_fromstring(render("html", sample_run()))
    text = _text(zh.xpath("//body")[0])
    for doubled in ("documents", "Documents", "By rule", "Legal basis", "checked", "civil-code", "critical"):
        assert doubled not in text.replace(CLEAN.profile_reason, ""), doubled
    en = lxml.html.document_fromstring(render("html", sample_run(), lang="en"))
    assert en.get("lang") == "en"
    headings = " ".join(_text(h) for h in en.xpath("//h2 | //h4 | //th | //figcaption"))
    assert not re.search(r"[\u4e00-\u9fff]", headings.replace(FLAWED.path, ""))


def test_scanned_and_template_documents_are_marked():
    doc = replace(FLAWED, facts={**FLAWED.facts, "ocr_pages": [3], "is_template": True})
    page = render("html", replace(sample_run(), documents=(doc,)))
    assert "扫描件（OCR识别）" in page and "模板（含空白待填项）" in page


def test_print_css_is_a4_without_forced_page_breaks(tree):
    css = tree.xpath("//style")[0].text
    assert "size: A4" in css and "break-before: page" not in css


def test_the_legal_basis_comes_from_the_rule_when_the_finding_has_none(tree):
    article = tree.xpath("//article[contains(@class, 'sev-medium')]")[0]
    assert "民法典 第543条" in _text(article)


def test_each_finding_suggests_the_compliant_wording(tree):
    article = tree.xpath("//article[contains(@class, 'sev-critical')]")[0]
    assert RULES[0].remediation in _text(article.xpath(".//div[@class='remedy']")[0])


def test_the_error_document_shows_its_reason(tree):
    section = tree.xpath("//section[@id='doc-1']")[0]
    assert BROKEN.error in _text(section) and not section.xpath(".//article")


def test_waived_findings_are_listed_apart_not_as_findings(tree):
    waived = tree.xpath("//div[@class='waived']")
    assert len(waived) == 1 and WAIVED.waiver_reason in _text(waived[0])
    assert len(tree.xpath("//article")) == len(active_findings())


def test_document_links_are_in_page_anchors(tree):
    hrefs = tree.xpath("//table//a/@href")
    assert hrefs == ["#doc-1", "#doc-2", "#doc-3"]
    assert all(tree.xpath(f"//*[@id='{h[1:]}']") for h in hrefs)


def test_a_skipped_document_is_marked_skipped_and_sorted_last():
    skipped = replace(CLEAN, path="notes/README.md", status="skipped", error="不是借款合同：未见出借人、借款金额或还款约定")
    page = render("html", replace(sample_run(), documents=(skipped, FLAWED)))
    tree = lxml.html.document_fromstring(page)
    rows = [[_text(td).strip() for td in row.xpath("td")] for row in tree.xpath("//table//tbody/tr")]
    assert [r[0] for r in rows] == [FLAWED.path, "notes/README.md"] and rows[1][1] == "已跳过"
    assert "不是借款合同" in _text(tree.xpath("//section[@id='doc-2']")[0])


def test_a_long_rule_title_fits_in_the_charts_label_column():
    from checker.reports.common import display_width
    from checker.reports.html import bar_chart

    title = "逾期利息、违约金及费用合计超过适用的利率线"
    svg = lxml.html.fromstring(bar_chart([(title, 5, "#c00"), ("短", 1, "#00c")], "按规则"))
    label = svg.xpath("//text")[0]
    assert label.text == title and label.get("text-anchor") == "end"
    assert float(label.get("x")) >= display_width(title) * 13 / 2  # about one em a wide character
