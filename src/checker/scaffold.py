"""``checker init``: a commented ``checker.yaml`` and a CI workflow for a folder of contracts.

The config file lists every key with its default, commented, so that a user edits rather than
looks up. The workflow installs checker the way it is installed here when that can be
repeated on a CI machine (a git URL, recorded by pip in ``direct_url.json``), else from a
git URL of the user's mirror to fill in (checker is on no public package index), and uploads
SARIF to GitHub code scanning.
"""
from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from . import __version__
from .errors import UsageError
from .urls import redact

DISTRIBUTION = "cn-loan-checker"
CONFIG_NAME = "checker.yaml"
WORKFLOW_PATH = Path(".github") / "workflows" / "checker.yml"

CONFIG = """\
# checker.yaml: settings for `checker check` in this folder (command-line options win).
# Every key is optional; the values shown are the defaults. `checker check --help` lists the options.

# Which rate cap applies: auto (per document, from the lender named in it) | civil-code | licensed-lender
profile: auto

# The CI gate: exit 1 when a finding is at or above this level.
# critical | high | medium | low | info | never
fail_on: high

# Report language: zh (Chinese) | en (English)
lang: zh

# Paths never checked (globs, relative to the folder you run checker in). Notes, READMEs and
# drafts are not loan agreements; leave them out here rather than in every command line.
exclude:
  - "README*"
  - "docs/**"
  - "**/drafts/**"

# Extra rule folders (a lender's own policies), relative to this file.
# rules: [policies/]

# Rules switched off (see `checker rules list` for their ids).
# disable: [dispute-resolution-missing]

# Findings accepted on purpose: a rule id, a path glob, a reason, an optional expiry date.
# waivers:
#   - rule: standard-terms-not-highlighted
#     path: "legacy/**/*.pdf"
#     reason: 旧版模板，2026年底前下线
#     expires: 2026-12-31

# Annualization of daily rates (360 or 365) and the permitted collection window, in hours.
# day_count: 360
# collection_hours: [8, 22]

# Worker processes (default: one per CPU core) and the time limit for one document, in seconds.
# jobs: 4
# timeout: 300
"""

WORKFLOW = """\
# Check the loan agreements in this repository on every push and pull request.
# Findings at or above fail_on (checker.yaml) fail the job; SARIF goes to code scanning.
name: contract-check
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    permissions: {{contents: read, security-events: write}}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {{python-version: "3.12"}}
      # checker {version} (distribution {dist}; the name `checker` on PyPI is another project)
      - run: pip install {install}
      - run: checker check . --format sarif --output checker.sarif --format text
      - if: always()
        uses: github/codeql-action/upload-sarif@v3
        with: {{sarif_file: checker.sarif}}
"""


def install_spec() -> str:
    """How a CI machine can install the checker that runs here: the git URL pip recorded (a
    network one, without credentials), or a git URL to fill in (a local folder, a file:// clone
    or an editable install cannot be repeated there, and checker is on no public package index)."""
    try:
        raw = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        raw = None
    info = json.loads(raw) if raw else {}
    vcs = info.get("vcs_info") or {}
    url = str(info.get("url") or "")
    # a file:// clone exists only on this machine; a token in an https URL must not go into a workflow file
    if vcs.get("vcs") == "git" and url.startswith(("https://", "http://", "ssh://", "git://")):
        url = redact(url) if url.startswith("http") else url
        ref = vcs.get("requested_revision") or vcs.get("commit_id")
        return f"\"{DISTRIBUTION} @ git+{url}" + (f"@{ref}" if ref else "") + "\""
    return (f"\"{DISTRIBUTION} @ git+https://github.com/your-org/checker@v{__version__}\""
            "   # checker is on no public index: the URL of your mirror of its repository")


def write_scaffold(folder: Path, *, force: bool = False) -> list[Path]:
    """Write checker.yaml and the workflow under ``folder``; refuse to overwrite without ``force``."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    files = {folder / CONFIG_NAME: CONFIG,
             folder / WORKFLOW_PATH: WORKFLOW.format(version=__version__, dist=DISTRIBUTION, install=install_spec())}
    if not force:
        for path in files:
            if path.exists():
                raise UsageError(f"{path}: already exists (use --force to overwrite it)")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
