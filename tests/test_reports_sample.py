"""The report registry: every interface format is registered and renders the sample run."""
from __future__ import annotations

import pytest

from checker.errors import UsageError
from checker.model import RunResult
from checker.reports import FORMATS, render
from report_sample import sample_run


def test_every_interface_format_is_registered():
    assert set(FORMATS) == {"text", "json", "markdown", "html", "sarif", "junit"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_the_sample_to_text(fmt):
    out = render(fmt, sample_run())
    assert isinstance(out, str) and out.strip()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_a_run_without_documents(fmt):
    assert render(fmt, RunResult(documents=(), profile="civil-code", version="0.1.0")).strip()


def test_an_unknown_format_is_a_usage_error_naming_the_choices():
    with pytest.raises(UsageError, match="unknown report format 'pdf'.*sarif"):
        render("pdf", sample_run())


def test_format_names_are_matched_case_insensitively():
    assert render("JSON", sample_run()) == render("json", sample_run())
