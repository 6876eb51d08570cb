"""Fixtures shared by the test modules. Shared values (sample paths, the hand-built report
run, in-memory contracts) are in helper modules beside this file: sample_files.py,
report_sample.py, contract_builder.py."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result
from typer.testing import CliRunner

from checker.cli import app
from sample_files import CONTRACTS, scan_generator


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the command line in this process: ``cli("check", "a.pdf", "--format", "json")`` (keyword
    arguments go to ``CliRunner.invoke``: ``env=``, ``input=``)."""
    runner = CliRunner()
    return lambda *args, **kwargs: runner.invoke(app, list(args), **kwargs)


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A result cache of the test's own, and the test's folder as the working folder (so files
    a command writes land there)."""
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "cache"


@pytest.fixture(scope="session")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every scanned sample (samples/scan.py), built into a temp folder once a session."""
    out = tmp_path_factory.mktemp("scans")
    scan_generator().write_scans(CONTRACTS, out)
    return out
