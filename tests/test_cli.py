"""The command line: exit codes, several reports per run, bad input, parse output."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from sample_files import CONTRACTS, SAMPLE_RULES

import pytest


pytestmark = pytest.mark.usefixtures("private_cache")


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.output.startswith("checker ")


def test_a_clean_contract_exits_0(cli, tmp_path):
    result = cli("check", str(CONTRACTS / "bank-consumer-loan.pdf"), "--jobs", "1")
    assert result.exit_code == 0, result.output


def test_findings_at_or_above_fail_on_exit_1(cli):
    result = cli("check", str(CONTRACTS / "platform-consumer-loan.pdf"), "--jobs", "1")
    assert result.exit_code == 1
    assert "overdue-rate-excessive" in result.output


def test_fail_on_never_exits_0_despite_findings(cli):
    result = cli("check", str(CONTRACTS / "platform-consumer-loan.pdf"), "--fail-on", "never", "--jobs", "1")
    assert result.exit_code == 0


def test_a_corrupt_file_exits_2_and_the_others_are_still_reported(cli, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(CONTRACTS / "bank-consumer-loan.pdf", folder / "good.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj<<>>\n")
    out = tmp_path / "r.json"
    result = cli("check", str(folder), "--format", "json", "--output", str(out), "--jobs", "1")
    assert result.exit_code == 2
    report = json.loads(out.read_text(encoding="utf-8"))
    status = {Path(d["path"]).name: d["status"] for d in report["documents"]}
    assert status == {"broken.pdf": "error", "good.pdf": "checked"}
    broken = next(d for d in report["documents"] if d["status"] == "error")
    assert broken["error"] and "\n" not in broken["error"]


def test_several_formats_in_one_run(cli, tmp_path):
    sarif, html = tmp_path / "a.sarif", tmp_path / "r.html"
    result = cli("check", str(CONTRACTS / "app-loan-terms.txt"), "--format", "sarif", "--output", str(sarif),
                 "--format", "html", "--output", str(html), "--format", "text", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert "<html" in html.read_text(encoding="utf-8")
    assert "app-loan-terms.txt" in result.output


def test_unknown_format_is_a_usage_error(cli):
    result = cli("check", str(CONTRACTS), "--format", "pdf")
    assert result.exit_code == 2


def test_a_missing_path_is_a_usage_error(cli):
    result = cli("check", "no/such/folder")
    assert result.exit_code == 2


def test_parse_prints_the_clause_tree(cli):
    result = cli("parse", str(CONTRACTS / "bank-consumer-loan.pdf"))
    assert result.exit_code == 0
    assert "第一条" in result.output and "Facts:" in result.output


def test_parse_json_carries_clauses_and_the_interface_facts(cli):
    result = cli("parse", str(CONTRACTS / "private-loan.pdf"), "--format", "json")
    data = json.loads(result.output)
    assert data["clauses"][0]["path"] == "0"
    for key in ("contract_date", "loan_amount", "interest_rate_annual_pct", "overdue_rate_annual_pct"):
        assert key in data["facts"]


def test_parse_of_a_bad_file_is_one_line_and_exit_2(cli, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = cli("parse", str(empty))
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "empty.pdf" in result.output


def test_rules_list_shows_every_rule(cli):
    from checker.rulepack import load_pack

    result = cli("rules", "list")
    rules = load_pack().rules
    assert result.exit_code == 0 and len(result.output.strip().splitlines()) == len(rules) >= 17
    assert all(r.id in result.output for r in rules)


def test_rules_show_prints_the_legal_basis(cli):
    result = cli("rules", "show", "interest-deducted-upfront")
    assert result.exit_code == 0 and "第670条" in result.output


def test_rules_test_runs_a_users_folder(cli):
    result = cli("rules", "test", str(SAMPLE_RULES))
    assert result.exit_code == 0, result.output
    assert "2 passed, 0 failed" in result.output


def test_a_waiver_in_checker_yaml_silences_a_finding(cli, tmp_path):
    (tmp_path / "checker.yaml").write_text(
        "waivers:\n"
        "  - rule: interest-rate-excessive\n"
        "    path: '**/platform-consumer-loan.pdf'\n"
        "    reason: 已与监管沟通\n", encoding="utf-8")
    out = tmp_path / "r.json"
    cli("check", str(CONTRACTS / "platform-consumer-loan.pdf"), "--format", "json", "--output", str(out),
        "--fail-on", "never", "--profile", "civil-code")
    doc = json.loads(out.read_text(encoding="utf-8"))["documents"][0]
    assert "interest-rate-excessive" not in {f["rule_id"] for f in doc["findings"]}
    assert "interest-rate-excessive" in {f["rule_id"] for f in doc.get("waived", [])}


def test_a_baseline_reports_only_new_findings(cli, tmp_path):
    target = str(CONTRACTS / "platform-consumer-loan.pdf")
    base = tmp_path / "base.json"
    cli("check", target, "--format", "json", "--output", str(base), "--fail-on", "never")
    result = cli("check", target, "--baseline", str(base))
    assert result.exit_code == 0, result.output


# --- outputs, summary line, errors with hints (issue 15) -------------------------------------


def test_output_format_comes_from_the_extension(cli, tmp_path):
    html, data, sarif = tmp_path / "r.html", tmp_path / "r.json", tmp_path / "r.sarif"
    result = cli("check", str(CONTRACTS / "jietiao.pdf"), "-o", str(html), "-o", str(data), "-o", str(sarif),
                 "--jobs", "1", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads(data.read_text(encoding="utf-8"))["documents"][0]["path"].endswith("jietiao.pdf")
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_an_output_whose_extension_names_no_format_exits_2(cli):
    result = cli("check", str(CONTRACTS / "jietiao.pdf"), "-o", "report.out")
    assert result.exit_code == 2
    assert "report.out: cannot tell the report format" in result.output


def test_a_folder_without_contracts_exits_2(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    result = cli("check", str(tmp_path / "empty"))
    assert result.exit_code == 2 and "no contract files found" in result.output


def test_a_mistyped_pattern_exits_2(cli):
    result = cli("check", str(CONTRACTS / "*.pfd"))
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_a_disabled_rule_that_does_not_exist_is_an_error_with_a_hint(cli, tmp_path):
    (tmp_path / "checker.yaml").write_text("disable: [overdue-rate-excesive]\n", encoding="utf-8")
    result = cli("check", str(CONTRACTS / "jietiao.pdf"))
    assert result.exit_code == 2
    assert "checker.yaml: disable: no rule 'overdue-rate-excesive' (did you mean 'overdue-rate-excessive'?)" in result.output


def test_rules_show_and_profile_suggest_the_closest_name(cli):
    shown = cli("rules", "show", "overdue-rate")
    assert shown.exit_code == 2 and "did you mean 'overdue-rate-excessive'?" in shown.output
    profile = cli("check", str(CONTRACTS / "jietiao.pdf"), "--profile", "civl-code")
    assert profile.exit_code == 2 and "did you mean 'civil-code'?" in profile.output


def test_when_every_report_goes_to_a_file_one_summary_line_says_verdict_threshold_and_files(cli, tmp_path):
    out = tmp_path / "r.json"
    result = cli("check", str(CONTRACTS / "platform-consumer-loan.pdf"), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("结论：不通过（退出码 1）") and "阈值「高」" in lines[0] and str(out) in lines[0]


def test_the_summary_line_in_english_explains_a_pass_below_the_threshold(cli, tmp_path):
    result = cli("check", str(CONTRACTS / "employer-loan.md"), "--fail-on", "critical", "--lang", "en", "--jobs", "1")
    assert result.exit_code == 0
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("PASS (exit 0): no finding at or above --fail-on critical")


def test_quiet_prints_findings_only(cli, tmp_path):
    result = cli("check", str(CONTRACTS / "bank-consumer-loan.pdf"), str(CONTRACTS / "private-loan.pdf"), "-q", "--jobs", "1")
    assert result.exit_code == 1
    assert "bank-consumer-loan" not in result.output and "结论" not in result.output
    assert "overdue-total-excessive" in result.output


def test_exclude_option_and_config_leave_files_out(cli, tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(CONTRACTS / "jietiao.pdf", folder / "a.pdf")
    (folder / "README.md").write_text("# notes\n", encoding="utf-8")
    out = tmp_path / "r.json"
    result = cli("check", str(folder), "--exclude", "*.md", "-o", str(out), "--jobs", "1", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert [Path(d["path"]).name for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["a.pdf"]
    (tmp_path / "checker.yaml").write_text("exclude: ['**/README.md']\n", encoding="utf-8")
    result = cli("check", str(folder), "-o", str(out), "--jobs", "1", "--fail-on", "never")
    assert [Path(d["path"]).name for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["a.pdf"]


def test_help_shows_no_python_types_and_gives_defaults_and_examples(cli):
    result = cli("check", "--help", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for python_type in ("<bool>", "<str>", "<list[str]>", "<int>", "<float>"):
        assert python_type not in result.output
    assert "Default: high" in result.output and "Examples" in result.output
    assert "--install-completion" in cli("--help", env={"COLUMNS": "120"}).output


def test_colour_only_on_a_terminal_unless_forced_and_never_with_no_color(monkeypatch):
    from checker.cli import use_color

    class Tty:
        def isatty(self):
            return True

    class Pipe:
        def isatty(self):
            return False

    for var in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    assert use_color(Tty()) and not use_color(Pipe())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert use_color(Pipe())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Tty()) and not use_color(Pipe())


def test_an_output_takes_its_format_from_the_extension_and_the_text_format_stays_on_stdout(tmp_path):
    from checker.cli import _targets

    assert _targets(["text"], ["r.html"]) == [("html", "r.html"), ("text", None)]
    assert _targets(["sarif", "text"], ["c.sarif"]) == [("sarif", "c.sarif"), ("text", None)]
    assert _targets(["json"], ["out"]) == [("json", "out")]
    assert _targets([], ["a.sarif.json", "b.xml", "c.md"]) == [("sarif", "a.sarif.json"), ("junit", "b.xml"),
                                                              ("markdown", "c.md")]
    assert _targets([], []) == [("text", None)]


def test_an_explicit_format_wins_over_the_extension_of_its_output():
    from checker.cli import _targets

    assert _targets(["json"], ["out.html"]) == [("json", "out.html")]
    assert _targets(["sarif", "json"], ["a.html", "b.xml"]) == [("sarif", "a.html"), ("json", "b.xml")]
    # an output named for one of the given formats still takes that one, whatever the order
    assert _targets(["sarif", "json"], ["a.json", "b.sarif"]) == [("json", "a.json"), ("sarif", "b.sarif")]
    # text is the terminal report: it never goes into a file named for another format
    assert _targets(["json", "text"], ["out.html"]) == [("json", "out.html"), ("text", None)]
    assert _targets(["text"], ["notes"]) == [("text", "notes")]


def test_format_json_with_an_html_output_writes_json_there(cli, tmp_path):
    out = tmp_path / "out.html"
    result = cli("check", str(CONTRACTS / "app-loan-terms.txt"), "-f", "json", "-o", str(out), "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["path"].endswith("app-loan-terms.txt")
    assert "app-loan-terms.txt  " not in result.output  # nothing went to the terminal but the summary line


def test_init_writes_a_commented_config_and_a_ci_workflow_and_never_overwrites(cli, tmp_path):
    import yaml

    result = cli("init")
    assert result.exit_code == 0, result.output
    config = (tmp_path / "checker.yaml").read_text(encoding="utf-8")
    assert config.count("\n#") > 10  # every key explained
    from checker.settings import load_settings
    settings = load_settings(str(tmp_path / "checker.yaml"), {})
    assert settings.fail_on == "high" and "docs/**" in settings.exclude
    workflow = yaml.safe_load((tmp_path / ".github" / "workflows" / "checker.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    assert any("checker check" in str(s.get("run", "")) for s in steps)
    assert any("upload-sarif" in str(s.get("uses", "")) for s in steps)
    install = next(str(s["run"]) for s in steps if "pip install" in str(s.get("run", "")))
    assert "git+https://" in install and ".whl" not in install  # no index entry: a git URL, never a committed wheel
    again = cli("init")
    assert again.exit_code == 2 and "already exists" in again.output
    assert cli("init", "--force").exit_code == 0


@pytest.mark.parametrize("url, installs", [
    ("https://x-access-token:s3cret@github.com/acme/checker", '"cn-loan-checker @ git+https://github.com/acme/checker@v1"'),
    ("ssh://git@github.com/acme/checker", '"cn-loan-checker @ git+ssh://git@github.com/acme/checker@v1"'),
    ("file:///home/me/checker", None),  # a clone on this machine: a CI runner cannot reach it
])
def test_init_installs_from_the_git_url_checker_came_from_when_a_ci_runner_can_use_it(monkeypatch, url, installs):
    from checker import scaffold

    class Installed:
        def read_text(self, name):
            return json.dumps({"url": url, "vcs_info": {"vcs": "git", "requested_revision": "v1", "commit_id": "abc"}})

    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: Installed())
    spec = scaffold.install_spec()
    assert spec == installs if installs else "your-org" in spec and "file:" not in spec
