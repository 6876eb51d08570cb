"""JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure Pipelines).

One <testsuite> per document, one <testcase> per rule in force: it passes, or fails with the
findings of that rule in that document. An unreadable document is one <error> test case.
"""
from __future__ import annotations

from collections import defaultdict

from lxml import etree

from checker.model import DocumentResult, Finding, RunResult
from checker.reports.common import active, error_count, one_line, waived, xml_safe

EXTENSION = ".xml"
SUITE_NAME = "checker"
ERROR_CASE = "read-document"
SKIPPED_CASE = "loan-document"


def render(run: RunResult, *, color: bool = False) -> str:
    """The report as a UTF-8 JUnit XML document."""
    del color
    root = build(run)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")


def build(run: RunResult) -> etree._Element:
    """The <testsuites> element of the run."""
    root = etree.Element("testsuites", name=SUITE_NAME)
    suites = [_suite(run, doc) for doc in run.documents]
    root.extend(suites)
    _set_counts(root, sum(int(s.get("tests")) for s in suites),
                sum(int(s.get("failures")) for s in suites), error_count(run),
                sum(int(s.get("skipped")) for s in suites))
    return root


def _suite(run: RunResult, doc: DocumentResult) -> etree._Element:
    suite = etree.Element("testsuite", name=xml_safe(doc.path))
    if doc.status == "error":
        case = etree.SubElement(suite, "testcase", classname=xml_safe(doc.path), name=ERROR_CASE)
        reason = xml_safe(one_line(doc.error or "could not be read"))
        etree.SubElement(case, "error", message=reason, type="DocumentError").text = reason
        _set_counts(suite, 1, 0, 1)
        return suite
    if doc.status == "skipped":
        case = etree.SubElement(suite, "testcase", classname=xml_safe(doc.path), name=SKIPPED_CASE)
        etree.SubElement(case, "skipped", message=xml_safe(one_line(doc.reason or "not a loan agreement")))
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
        suite.append(_case(doc.path, rule_id, by_rule.get(rule_id, []), skipped.get(rule_id, [])))
    _set_counts(suite, len(rule_ids), len(by_rule), 0)
    return suite


def _case(path: str, rule_id: str, findings: list[Finding], waived_findings: list[Finding]) -> etree._Element:
    case = etree.Element("testcase", classname=xml_safe(path), name=rule_id)
    if findings:
        worst = max(findings, key=lambda f: f.severity.rank)
        failure = etree.SubElement(
            case, "failure", message=xml_safe(one_line(worst.message or worst.title)), type=worst.severity.value
        )
        failure.text = xml_safe("\n".join(_describe(f) for f in findings))
    if waived_findings:
        out = etree.SubElement(case, "system-out")
        out.text = xml_safe("\n".join("waived: " + _describe(f) + (f" ({f.waiver_reason})" if f.waiver_reason else "")
                                      for f in waived_findings))
    return case


def _describe(f: Finding) -> str:
    where = ", ".join(p for p in (f.clause, f"page {f.page}" if f.page else "") if p) or "whole document"
    evidence = f" 「{one_line(f.evidence)}」" if f.evidence else ""
    return f"[{f.severity.value}] {where}: {one_line(f.message or f.title)}{evidence}"


def _set_counts(element: etree._Element, tests: int, failures: int, errors: int, skipped: int = 0) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", str(errors))
    element.set("skipped", str(skipped))
