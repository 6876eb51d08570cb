"""SARIF 2.1.0: valid against the official schema and shaped the way GitHub code scanning reads it."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from checker.reports import render
from checker.reports.sarif import artifact_location, rule_name
from report_sample import BROKEN, CLEAN, CRITICAL, FLAWED, HIGH, LOW, MEDIUM, RULES, WAIVED, sample_run


def _shared_dir() -> Path | None:
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "shared", here.parents[1] / ".." / "shared"):
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture(scope="module")
def sarif_schema() -> dict:
    shared = _shared_dir()
    path = shared / "schemas" / "sarif-schema-2.1.0.json" if shared else None
    if path is None or not path.is_file():
        pytest.skip("the official SARIF 2.1.0 schema is not available")
    return json.loads(path.read_text(encoding="utf-8"))


def _log(run=None) -> dict:
    return json.loads(render("sarif", run or sample_run()))


def _results() -> list[dict]:
    return _log()["runs"][0]["results"]


def _result(rule_id: str) -> dict:
    return next(r for r in _results() if r["ruleId"] == rule_id)


def test_the_log_validates_against_the_official_schema(sarif_schema):
    validator = jsonschema.Draft7Validator(sarif_schema, format_checker=jsonschema.FormatChecker())
    validator.validate(_log())


def test_a_run_without_documents_validates_too(sarif_schema):
    jsonschema.Draft7Validator(sarif_schema).validate(_log(replace(sample_run(), documents=())))


def test_the_log_names_its_schema_and_version():
    log = _log()
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")


def test_the_driver_lists_every_rule_in_force():
    driver = _log()["runs"][0]["tool"]["driver"]
    assert driver["name"] == "checker" and driver["version"] == "0.1.0"
    assert [r["id"] for r in driver["rules"]] == [r.id for r in RULES]


def test_a_rule_carries_its_title_help_level_and_security_severity():
    rule = _log()["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["name"] == "CollectionThirdPartyContact"
    assert rule["shortDescription"]["text"] == "催收涉及第三人"
    assert "个人信息保护法 第13条" in rule["help"]["text"] and RULES[0].remediation in rule["help"]["text"]
    assert "「处理个人信息应当取得个人同意」" in rule["help"]["markdown"]
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rule["properties"]["severity"] == "critical"
    assert float(rule["properties"]["security-severity"]) >= 9.0


@pytest.mark.parametrize("finding, level", [(CRITICAL, "error"), (HIGH, "error"), (MEDIUM, "warning"), (LOW, "note")])
def test_result_level_follows_severity(finding, level):
    assert _result(finding.rule_id)["level"] == level


def test_one_result_per_finding_that_is_not_waived():
    results = _results()
    assert len(results) == 4
    assert WAIVED.fingerprint not in {r["partialFingerprints"]["checker/v1"] for r in results}


def test_rule_index_points_at_the_rule():
    log = _log()
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in log["runs"][0]["results"])


def test_a_result_locates_the_clause_by_line_page_and_clause_number():
    result = _result(CRITICAL.rule_id)
    location = result["locations"][0]["physicalLocation"]
    assert location["region"]["startLine"] == CRITICAL.line_start + 1
    assert location["region"]["endLine"] == CRITICAL.line_end + 1
    assert result["properties"]["page"] == 3 and result["properties"]["clause"] == "第十二条"
    assert result["partialFingerprints"] == {"checker/v1": CRITICAL.fingerprint}


def test_a_whole_document_finding_starts_at_line_one():
    region = _result(LOW.rule_id)["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and region["endLine"] == 1


def test_relative_paths_stay_relative_to_srcroot():
    location = _result(HIGH.rule_id)["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "contracts/%E7%BD%91%E8%B4%B7%20%E5%90%88%E5%90%8C.pdf", "uriBaseId": "%SRCROOT%"}


def test_absolute_paths_become_file_uris_without_a_base():
    assert artifact_location("/abs/a b.pdf") == {"uri": "file:///abs/a%20b.pdf"}
    assert artifact_location("C:\\docs\\a.pdf") == {"uri": "file:///C:/docs/a.pdf"}


def test_a_leading_dot_slash_is_dropped_so_github_matches_the_file():
    assert artifact_location("./contracts/a.pdf")["uri"] == "contracts/a.pdf"


def test_an_unreadable_document_is_a_tool_execution_notification():
    invocation = _log()["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    errors = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert len(errors) == 1 and BROKEN.error in errors[0]["message"]["text"]


def test_a_run_without_unreadable_documents_succeeded():
    invocation = _log(replace(sample_run(), documents=(FLAWED, CLEAN)))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True


def test_a_finding_of_an_unlisted_rule_still_gets_a_rule_entry():
    log = _log(replace(sample_run(), rules=()))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["ruleId"] for r in log["runs"][0]["results"]} <= {r["id"] for r in rules}


def test_rule_names_are_pascal_case_identifiers():
    assert rule_name("overdue-rate-excessive") == "OverdueRateExcessive"


def test_every_artifact_uri_is_a_plain_ascii_uri_reference():
    # jsonschema does not check the "uri-reference" format without extra packages; GitHub does.
    log = _log()
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    uris += [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
             for n in log["runs"][0]["invocations"][0]["toolExecutionNotifications"] if "locations" in n]
    assert uris and all(re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", u) for u in uris)


def test_the_log_is_in_one_language_chinese_by_default_english_with_lang_en():
    from checker.reports import render

    zh = json.loads(render("sarif", sample_run()))["runs"][0]
    rule = zh["tool"]["driver"]["rules"][0]
    assert "法律依据" in rule["help"]["text"] and "Legal basis" not in rule["help"]["markdown"]
    assert all("page" not in r["message"]["text"] for r in zh["results"])
    en = json.loads(render("sarif", sample_run(), lang="en"))["runs"][0]
    rule = en["tool"]["driver"]["rules"][0]
    assert rule["shortDescription"]["text"] == RULES[0].title_en and "Legal basis" in rule["help"]["text"]
