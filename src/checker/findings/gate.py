"""The CI gate: the exit code of a run, as the interface spec (../shared/spec/interface.md) defines it."""
from __future__ import annotations

from ..errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ConfigError
from ..model import FAIL_ON_LEVELS, RunResult, Severity

__all__ = ["EXIT_OK", "EXIT_FINDINGS", "EXIT_ERROR", "FAIL_ON_LEVELS", "exit_code", "gate_code"]


def exit_code(run: RunResult, fail_on: str) -> int:
    """2 if any document could not be checked, else 1 if an active finding is at or above
    ``fail_on``, else 0. ``never`` turns findings into information only."""
    errors = any(doc.status == "error" for doc in run.documents)
    worst = max((f.severity.rank for doc in run.documents for f in doc.findings if not f.waived), default=None)
    return gate_code(errors, worst, fail_on)


def gate_code(errors: bool, worst_rank: int | None, fail_on: str) -> int:
    """The exit code from what a run found: any error document, and the rank of its most severe
    active finding (None: no active finding)."""
    level = fail_on.strip().lower()
    if level not in FAIL_ON_LEVELS:
        raise ConfigError(f"--fail-on: unknown level {fail_on!r} (use {', '.join(FAIL_ON_LEVELS)})")
    if errors:
        return EXIT_ERROR
    if level == "never" or worst_rank is None:
        return EXIT_OK
    return EXIT_FINDINGS if worst_rank >= Severity(level).rank else EXIT_OK
