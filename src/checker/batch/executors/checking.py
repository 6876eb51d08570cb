"""The checking code every executor runs: each document through ``guarded`` under its time
limit, an exception or a timeout becoming that document's error result."""
from __future__ import annotations

from typing import Callable, NamedTuple

from ...errors import ErrorKind
from ...limits import memory_reason
from ...model import DocumentResult
from ...pipeline import error_result
from ...settings import Settings
from .time_limits import DocumentTimeout, time_limit, timeout_reason

CheckOne = Callable[[str, Settings, "str | None"], DocumentResult]  # (path, settings, the file's digest)


class Task(NamedTuple):
    index: int  # position in the batch
    path: str
    digest: str | None = None  # sha256 of the file's bytes, taken once by the batch


def as_task(task: tuple) -> Task:
    """Any (index, path[, digest]) tuple as a Task."""
    return task if isinstance(task, Task) else Task(*task)
Outcome = tuple[int, DocumentResult, bool]  # (position, result, may be cached)

WORKER_DIED = "the worker process stopped while reading this file (a crash in a document library?)"


def check_chunk(tasks: list[Task], check_one: CheckOne, settings: Settings, hard: bool = False) -> list[Outcome]:
    """Outcomes for ``tasks``, each document checked under its time limit. ``hard``: this process
    is expendable, so a document stuck in native code past the limit may end it."""
    return [(task.index, *guarded(check_one, task.path, settings, hard, task.digest)) for task in map(as_task, tasks)]


def guarded(check_one: CheckOne, path: str, settings: Settings, hard: bool = False,
            digest: str | None = None) -> tuple[DocumentResult, bool]:
    """check_one's result, or an error result when it raised or ran out of time (never cached:
    it may be transient)."""
    try:
        with time_limit(settings.doc_timeout, hard):
            return check_one(path, settings, digest), True
    except DocumentTimeout:
        return error_result(path, timeout_reason(settings.doc_timeout or 0), ErrorKind.TIMEOUT), False
    except MemoryError:  # the address-space ceiling (limits.memory_mb) or the machine's memory
        return error_result(path, memory_reason(settings.limits), ErrorKind.MEMORY), False
    except RecursionError:
        return error_result(path, "the file is nested too deeply to read", ErrorKind.TOO_LARGE), False
    except (Exception, SystemExit) as exc:
        return error_result(path, internal_reason(exc), ErrorKind.INTERNAL), False


def internal_reason(exc: BaseException) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return f"internal error while checking: {text[:300]}"
