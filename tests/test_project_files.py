"""What a new user runs first: the Makefile's demo, the pre-commit hook, the package metadata."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _target(name: str) -> str:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(name)}:.*?(?=^\S|\Z)", text, re.M | re.S)
    assert match, name
    return match.group(0)


def test_make_demo_installs_checker_without_the_test_extras():
    demo = _target("demo")
    assert demo.startswith("demo: $(BIN)/checker")
    install = _target("$(BIN)/checker")
    assert "-e ." in install and "[test]" not in install


def test_make_demo_leaves_an_html_report_and_says_how_to_open_it_and_where_checker_is():
    demo = _target("demo")
    assert "--output report.html" in demo and "open it in a browser" in demo
    assert "$(BIN)/checker" in demo and "activate" in demo


def test_make_test_still_gets_the_test_extras():
    assert "[test]" in _target("$(VENV)/.test-extras") and _target("setup").startswith("setup: $(VENV)/.test-extras")


def test_the_license_is_an_spdx_string_so_setuptools_prints_no_deprecation_box():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # tomllib is 3.11+: read the line
    assert re.search(r'^license = "Apache-2.0"$', text, re.M)
    assert "License ::" not in text


@pytest.fixture(scope="module")
def hook_files() -> re.Pattern:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return re.compile(hooks[0]["files"])


@pytest.mark.parametrize("path", ["loan.pdf", "x/借款合同.docx", "contracts/a.md", "templates/sub/b.txt",
                                  "合同/c.html", "Contracts/D.MD"])
def test_the_pre_commit_hook_matches_contracts(hook_files, path):
    assert hook_files.search(path)


@pytest.mark.parametrize("path", ["README.md", "docs/design.md", "notes.txt", "CHANGELOG.md", "site/index.html",
                                  "src/contracts.py"])
def test_the_pre_commit_hook_leaves_notes_and_docs_alone(hook_files, path):
    assert not hook_files.search(path)
