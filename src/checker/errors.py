"""The exception tree. Each error carries its exit code and a one-line message."""
from __future__ import annotations

import enum

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


class ErrorKind(str, enum.Enum):
    """Why a document could not be checked, as a stable code: DocumentError.kind,
    DocumentResult.error_kind, ``"error_kind"`` in the JSON report. The one-line reason beside
    it says the same in words, with the detail."""

    ENCRYPTED = "encrypted"  # a password is needed to read it
    CORRUPT = "corrupt"  # damaged, truncated or malformed
    UNSUPPORTED_FORMAT = "unsupported-format"  # not a format the checker reads, by its name or its content
    NO_TEXT = "no-text"  # empty, or no text layer and OCR read none
    TOO_LARGE = "too-large"  # over a size limit of checker.yaml's limits, or nested too deeply
    NOT_FOUND = "not-found"
    UNREADABLE = "unreadable"  # the file or URL could not be opened (permissions, I/O, network)
    MEMORY = "memory"  # the memory limit was reached while checking it
    TIMEOUT = "timeout"  # the time limit passed
    WORKER_DIED = "worker-died"  # the process checking it ended (a crash in a document library, a kill)
    INTERRUPTED = "interrupted"  # the run was stopped before it was checked
    INTERNAL = "internal"  # a bug in the checker
    INVALID_RESULT = "invalid-result"  # its stored result (results store) failed validation
    OUTPUT = "output"  # its review copy cannot be written there

    def __str__(self) -> str:
        return self.value


class DocumentError(CheckerError):
    """A contract file could not be read (encrypted, corrupt, empty, wrong type, no text).

    ``path`` names the file; ``reason`` is the one-line reason without the path; ``kind`` is
    its code.
    """

    def __init__(self, path: str, reason: str, kind: ErrorKind):
        self.path = str(path)
        self.reason = " ".join(str(reason).split())
        self.kind = ErrorKind(kind)
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
