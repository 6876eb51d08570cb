"""Each sample contract's expected findings (recorded beside it, reviewed against samples/README.md)
are reproduced exactly: the same rules on the same clauses, under the default and civil-code profiles."""
from __future__ import annotations


import pytest
import yaml

from checker.api import check_file
from checker.settings import Settings
from sample_files import CONTRACTS

EXPECTED = sorted(CONTRACTS.glob("*.expected.yaml"))


def test_every_sample_has_expected_findings():
    samples = {p.name for p in CONTRACTS.iterdir() if p.suffix in {".pdf", ".docx", ".txt", ".md", ".html"}}
    assert samples == {p.name[: -len(".expected.yaml")] for p in EXPECTED}
    assert len(samples) >= 8


@pytest.mark.parametrize("expected_file", EXPECTED, ids=[p.name for p in EXPECTED])
@pytest.mark.parametrize("profile", ["auto", "civil-code"])
def test_sample_findings_are_reproduced(expected_file, profile):
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))[profile]
    result = check_file(str(CONTRACTS / expected_file.name[: -len(".expected.yaml")]),
                        Settings(profile=profile, use_cache=False))
    assert result.status == "checked"
    assert result.profile == expected["profile_applied"]
    got = sorted((f.rule_id, f.clause_path or None) for f in result.findings)
    assert got == sorted((e["rule"], e["clause"]) for e in expected["findings"])
