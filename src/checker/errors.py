"""The exception tree. Each error carries its exit code and a one-line message."""
from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class CheckerError(Exception):
    """Base class: a one-line, user-facing reason. Never shown with a traceback."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))

    @property
    def message(self) -> str:
        return str(self)


class DocumentError(CheckerError):
    """A contract file could not be read (encrypted, corrupt, empty, wrong type, no text).

    ``path`` names the file; ``reason`` is the one-line reason without the path.
    """

    def __init__(self, path: str, reason: str):
        self.path = str(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")


class RuleError(CheckerError):
    """A rule file is invalid: names the file, the rule id and the field."""

    def __init__(self, file: str, rule_id: str | None, field: str | None, problem: str, line: int | None = None):
        self.file = str(file)
        self.rule_id = rule_id
        self.field = field
        self.problem = problem
        loc = f"{self.file}:{line}" if line else self.file
        parts = [loc, rule_id or "-", field or "-", problem]
        super().__init__(": ".join(parts))


class ConfigError(CheckerError):
    """checker.yaml or a command-line option is invalid."""


class UsageError(CheckerError):
    """Bad arguments."""
