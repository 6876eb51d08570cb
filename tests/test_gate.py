"""The exit code of a run (../shared/spec/interface.md: 0 clean, 1 findings at/above --fail-on, 2 errors)."""
from dataclasses import replace

import pytest

from checker.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ConfigError
from checker.findings.gate import exit_code
from checker.model import DocumentResult, Finding, RunResult, Severity


def run(*docs):
    return RunResult(documents=tuple(docs), profile="auto", version="test")


def checked(*severities, waived=False):
    findings = tuple(Finding(rule_id=f"r-{s}", severity=Severity(s), title="t", message="m", waived=waived)
                     for s in severities)
    return DocumentResult(path="a.pdf", status="checked", findings=findings)


def test_clean_run_exits_0():
    assert exit_code(run(checked()), "high") == EXIT_OK


@pytest.mark.parametrize("fail_on, expected", [
    ("critical", EXIT_OK), ("high", EXIT_FINDINGS), ("medium", EXIT_FINDINGS), ("info", EXIT_FINDINGS),
])
def test_high_finding_against_each_fail_on_level(fail_on, expected):
    assert exit_code(run(checked("high")), fail_on) == expected


def test_finding_below_fail_on_exits_0():
    assert exit_code(run(checked("medium", "low", "info")), "high") == EXIT_OK


def test_never_does_not_fail_on_findings():
    assert exit_code(run(checked("critical")), "never") == EXIT_OK


def test_waived_findings_do_not_count():
    assert exit_code(run(checked("critical", waived=True)), "info") == EXIT_OK


def test_unreadable_document_exits_2_even_with_findings_elsewhere_and_never():
    error = DocumentResult(path="b.pdf", status="error", error="encrypted")
    assert exit_code(run(checked("critical"), error), "high") == EXIT_ERROR
    assert exit_code(run(replace(checked(), path="c.pdf"), error), "never") == EXIT_ERROR


def test_fail_on_is_case_insensitive_and_validated():
    assert exit_code(run(checked("high")), "HIGH") == EXIT_FINDINGS
    with pytest.raises(ConfigError):
        exit_code(run(checked()), "severe")
