"""JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure Pipelines).

One <testsuite> per document, one <testcase> per rule in force: it passes, or fails with the
findings of that rule in that document. An unreadable document is one <error> test case, a
skipped one a <skipped> case; a document's notes are its suite's <system-out>.
"""
from __future__ import annotations

from collections import defaultdict

from lxml import etree

from checker.model import DocumentResult, Finding, RunResult
from checker.reports import i18n
from checker.reports.common import active, error_count, one_line, waived, xml_safe

EXTENSION = ".xml"
SUITE_NAME = "checker"
ERROR_CASE = "read-document"
SKIPPED_CASE = "loan-document"


def render(run: RunResult, *, color: bool = False, lang: str = "zh") -> str:
    """The report as a UTF-8 JUnit XML document; messages, places and reasons in ``lang``."""
    del color
    root = build(run, lang)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")


def build(run: RunResult, lang: str = "zh") -> etree._Element:
    """The <testsuites> element of the run."""
    root = etree.Element("testsuites", name=SUITE_NAME)
    suites = [_suite(run, doc, lang) for doc in run.documents]
    root.extend(suites)
    _set_counts(root, sum(int(s.get("tests")) for s in suites),
                sum(int(s.get("failures")) for s in suites), error_count(run),
                sum(int(s.get("skipped")) for s in suites))
    return root


def _suite(run: RunResult, doc: DocumentResult, lang: str) -> etree._Element:
    suite = etree.Element("testsuite", name=xml_safe(doc.path))
    if doc.status == "error":
        case = etree.SubElement(suite, "testcase", classname=xml_safe(doc.path), name=ERROR_CASE)
        reason = xml_safe(one_line(i18n.reason(doc, lang) or i18n.word("error", lang)))
        etree.SubElement(case, "error", message=reason, type="DocumentError").text = reason
        _set_counts(suite, 1, 0, 1)
        return suite
    if doc.status == "skipped":
        case = etree.SubElement(suite, "testcase", classname=xml_safe(doc.path), name=SKIPPED_CASE)
        etree.SubElement(case, "skipped", message=xml_safe(one_line(i18n.reason(doc, lang) or i18n.word("skipped", lang))))
        _set_counts(suite, 1, 0, 0, skipped=1)
        return suite
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in active(doc):
        by_rule[f.rule_id].append(f)
    skipped: dict[str, list[Finding]] = defaultdict(list)
    for f in waived(doc):
        skipped[f.rule_id].append(f)
    rule_ids = [r.id for r in run.rules]
    rule_ids += sorted(set(by_rule) - set(rule_ids))  # findings of rules not listed still show
    for rule_id in rule_ids:
        suite.append(_case(doc.path, rule_id, by_rule.get(rule_id, []), skipped.get(rule_id, []), lang))
    if doc.notes:  # rules not judged, figures not read, how the line was set: after the cases, as JUnit orders it
        label = "note: " if lang == "en" else "说明："
        etree.SubElement(suite, "system-out").text = xml_safe("\n".join(label + one_line(i18n.note(n, lang))
                                                                         for n in doc.notes))
    _set_counts(suite, len(rule_ids), len(by_rule), 0)
    return suite


def _case(path: str, rule_id: str, findings: list[Finding], waived_findings: list[Finding],
          lang: str = "zh") -> etree._Element:
    case = etree.Element("testcase", classname=xml_safe(path), name=rule_id)
    if findings:
        worst = max(findings, key=lambda f: f.severity.rank)
        failure = etree.SubElement(
            case, "failure", message=xml_safe(one_line(i18n.message(worst, lang) or worst.title)),
            type=worst.severity.value
        )
        failure.text = xml_safe("\n".join(_describe(f, lang) for f in findings))
    if waived_findings:
        out = etree.SubElement(case, "system-out")
        label = "waived: " if lang == "en" else "已豁免："
        out.text = xml_safe("\n".join(label + _describe(f, lang) + (f" ({f.waiver_reason})" if f.waiver_reason else "")
                                      for f in waived_findings))
    return case


def _describe(f: Finding, lang: str = "zh") -> str:
    where = ", ".join(p for p in (i18n.clause(f, lang), i18n.page(f.page, lang)) if p) or i18n.word("whole_document", lang)
    evidence = f" 「{one_line(f.evidence)}」" if f.evidence else ""
    colon = ": " if lang == "en" else "："
    return f"[{i18n.severity(f.severity.value, lang)}] {where}{colon}{one_line(i18n.message(f, lang) or f.title)}{evidence}"


def _set_counts(element: etree._Element, tests: int, failures: int, errors: int, skipped: int = 0) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", str(errors))
    element.set("skipped", str(skipped))
