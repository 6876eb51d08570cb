"""checker.yaml + command-line overrides -> Settings."""
from datetime import date

import pytest

from checker.errors import ConfigError
from checker.findings.waivers import Waiver
from checker.settings import Settings, load_settings


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_config(folder, text, name="checker.yaml"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_config_file(workdir):
    s = load_settings(None, {})
    assert (s.profile, s.fail_on, s.day_count, s.collection_hours, s.jobs) == ("auto", "high", None, None, None)
    assert s.config_path is None and s.today == date.today()


def test_checker_yaml_in_the_working_folder_is_read(workdir):
    write_config(workdir, "profile: civil-code\nfail_on: medium\ndisable: [apr-not-disclosed]\njobs: 3\n")
    s = load_settings(None, {})
    assert (s.profile, s.fail_on, s.disabled_rules, s.jobs) == ("civil-code", "medium", ("apr-not-disclosed",), 3)
    assert s.config_path == "checker.yaml"


def test_explicit_config_file_that_is_missing_is_an_error(workdir):
    with pytest.raises(ConfigError, match="nope.yaml"):
        load_settings("nope.yaml", {})


def test_unknown_key_names_the_key_and_the_file(workdir):
    write_config(workdir, "profile: auto\nfail-on: high\n")
    with pytest.raises(ConfigError) as err:
        load_settings(None, {})
    message = str(err.value)
    assert "checker.yaml" in message and "fail-on" in message and "did you mean 'fail_on'" in message
    assert "\n" not in message


@pytest.mark.parametrize("text, key", [
    ("profile: bank\n", "profile"),
    ("fail_on: severe\n", "fail_on"),
    ("jobs: 0\n", "jobs"),
    ("jobs: two\n", "jobs"),
    ("day_count: 364\n", "day_count"),
    ("collection_hours: [22, 8]\n", "collection_hours"),
    ("disable: apr\n", None),  # a single name is accepted
    ("disable: {a: 1}\n", "disable"),
    ("waivers: {rule: x}\n", "waivers"),
])
def test_wrong_values_are_rejected_naming_the_key(workdir, text, key):
    write_config(workdir, text)
    if key is None:
        assert load_settings(None, {}).disabled_rules == ("apr",)
        return
    with pytest.raises(ConfigError, match=rf"checker\.yaml: {key}"):
        load_settings(None, {})


def test_invalid_yaml_is_a_config_error_with_the_line(workdir):
    write_config(workdir, "profile: auto\nfail_on: [high\n")
    with pytest.raises(ConfigError, match=r"checker\.yaml:\d+: invalid YAML"):
        load_settings(None, {})


def test_top_level_must_be_a_mapping(workdir):
    write_config(workdir, "- profile\n")
    with pytest.raises(ConfigError, match="expected a mapping"):
        load_settings(None, {})


def test_empty_config_file_gives_the_defaults(workdir):
    write_config(workdir, "")
    assert load_settings(None, {}).profile == "auto"


def test_waivers_are_parsed_with_optional_expiry(workdir):
    write_config(workdir, """
waivers:
  - rule: overdue-rate-excessive
    path: "legacy/*.pdf"
    reason: signed before the 2020 rules
    expires: 2030-01-31
  - {rule: apr-not-disclosed, path: "*", reason: "internal template", expires: "2031-02-01"}
  - {rule: x, path: "a.txt", reason: "no expiry"}
""")
    s = load_settings(None, {})
    assert s.waivers == (
        Waiver("overdue-rate-excessive", "legacy/*.pdf", "signed before the 2020 rules", date(2030, 1, 31)),
        Waiver("apr-not-disclosed", "*", "internal template", date(2031, 2, 1)),
        Waiver("x", "a.txt", "no expiry", None),
    )


@pytest.mark.parametrize("waiver, where", [
    ("{path: a, reason: r}", r"waivers\[0\]\.rule"),
    ("{rule: x, path: a}", r"waivers\[0\]\.reason"),
    ("{rule: x, path: a, reason: r, expires: soon}", r"waivers\[0\]\.expires"),
    ("{rule: x, path: a, reason: r, until: 2030-01-01}", r"waivers\[0\]\.until"),
])
def test_bad_waivers_name_the_entry_and_field(workdir, waiver, where):
    write_config(workdir, f"waivers:\n  - {waiver}\n")
    with pytest.raises(ConfigError, match=where):
        load_settings(None, {})


def test_rule_folders_are_relative_to_the_config_file(workdir):
    (workdir / "conf" / "policies").mkdir(parents=True)
    path = write_config(workdir / "conf", "rules: [policies]\n", name="ci.yaml")
    s = load_settings(str(path), {})
    assert s.rule_dirs == (str(workdir / "conf" / "policies"),)


def test_missing_rule_folder_in_config_is_an_error(workdir):
    write_config(workdir, "rules: [nowhere]\n")
    with pytest.raises(ConfigError, match="checker.yaml: rules: rule folder not found"):
        load_settings(None, {})


def test_command_line_overrides_win_over_the_file(workdir):
    write_config(workdir, "profile: civil-code\nfail_on: low\njobs: 4\n")
    s = load_settings(None, {"profile": "licensed-lender", "fail_on": "never", "jobs": 1, "quiet": True})
    assert (s.profile, s.fail_on, s.jobs, s.quiet) == ("licensed-lender", "never", 1, True)


def test_command_line_rule_folders_add_to_the_config_ones(workdir):
    (workdir / "a").mkdir()
    write_config(workdir, "rules: [a]\n")
    assert load_settings(None, {"rule_dirs": ("b",)}).rule_dirs == ("a", "b")


def test_bad_command_line_value_names_the_option(workdir):
    with pytest.raises(ConfigError, match="--fail-on"):
        load_settings(None, {"fail_on": "sometimes"})


def test_settings_are_frozen_and_hashable():
    s = Settings()
    with pytest.raises(Exception):
        s.profile = "x"  # type: ignore[misc]
    assert hash(s) == hash(Settings(today=s.today))


def test_settings_survive_pickling_for_worker_processes():
    import pickle
    s = Settings(profile="civil-code", waivers=(Waiver("r", "*.pdf", "why", date(2030, 1, 1)),), jobs=2)
    assert pickle.loads(pickle.dumps(s)) == s
