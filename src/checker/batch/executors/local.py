"""Executors with no pool: one document at a time in this process, or in one forked child."""
from __future__ import annotations

import signal
from typing import Iterable, Iterator

from ...errors import ErrorKind
from ...settings import Settings
from ..child import Child
from .base import Executor
from .checking import WORKER_DIED, CheckOne, Outcome, Task, as_task, check_chunk, error_result
from .time_limits import HARD_GRACE, timeout_reason


class InProcessExecutor(Executor):
    """One document at a time in this process: no isolation from crashes, no start-up cost."""

    name = "inprocess"

    def run(self, tasks: Iterable[Task], check_one: CheckOne, settings: Settings) -> Iterator[list[Outcome]]:
        for task in tasks:
            yield check_chunk([task], check_one, settings)


class ChildExecutor(Executor):
    """One document at a time in one forked child that the parent ends at the document's
    deadline (time limit + HARD_GRACE) whatever the child is stuck in: a single file, or
    ``--jobs 1``, gets the same hard limits as a pool, at the cost of one fork per run (and
    one more after each kill). A child that dies is started again; a document that killed
    ``max(1, retries)`` children is WORKER_DIED (or out of time / memory, when that is why)."""

    name = "process"

    def run(self, tasks: Iterable[Task], check_one: CheckOne, settings: Settings) -> Iterator[list[Outcome]]:
        def work(task: Task) -> list[Outcome]:
            return check_chunk([task], check_one, settings, hard=True)

        deadline = settings.doc_timeout + HARD_GRACE if settings.doc_timeout else None
        with Child(work, settings.limits.memory_mb) as child:
            for task in tasks:
                yield self._one(child, task, deadline, settings)

    @staticmethod
    def _one(child: Child, task: Task, deadline: float | None, settings: Settings) -> list[Outcome]:
        index, path, _ = as_task(task)
        for _ in range(max(1, settings.retries)):
            outcome = child.call(task, deadline)
            if outcome.kind == "ok":
                return outcome.value
            if outcome.kind == "failed":
                return [(index, error_result(path, f"internal error while checking: {outcome.value}", ErrorKind.INTERNAL), False)]
            if outcome.kind == "timeout":
                return [(index, error_result(path, timeout_reason(settings.doc_timeout or 0), ErrorKind.TIMEOUT), False)]
        return [(index, error_result(path, *death_reason(outcome.value, settings)), False)]


def death_reason(exitcode: int | None, settings: Settings) -> tuple[str, ErrorKind]:
    """Why a child checking one document ended without an answer, as far as its exit says:
    (the one-line reason, its code)."""
    if exitcode == -getattr(signal, "SIGPROF", 27):
        return timeout_reason(settings.doc_timeout or 0) + " (stuck in native code)", ErrorKind.TIMEOUT
    if settings.limits.memory_mb and exitcode in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS, -signal.SIGKILL, 1, 120):
        return ("the worker process stopped while reading this file (a crash in a document library, or the "
                f"memory limit of {settings.limits.memory_mb:,} MiB reached: limits.memory_mb in checker.yaml)",
                ErrorKind.WORKER_DIED)
    return WORKER_DIED, ErrorKind.WORKER_DIED
