"""What every executor is: it runs tasks lazily, a bounded number of chunks in flight."""
from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator

from ...settings import Settings
from .checking import CheckOne, Outcome, Task

CHUNKS_PER_WORKER = 2  # in flight: one running, one queued, so no worker waits for the client


class Executor:
    """Runs tasks; use as a context manager (or call ``close``) to free what it started."""

    name = "executor"

    def run(self, tasks: Iterable[Task], check_one: CheckOne, settings: Settings) -> Iterator[list[Outcome]]:
        """Outcomes chunk by chunk as chunks finish, pulling ``tasks`` only as capacity frees.
        Closing the generator early (or Ctrl-C) stops the work in flight."""
        raise NotImplementedError

    def close(self) -> None:
        """Free what this executor started. The default has nothing to free."""

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def chunked(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    it = iter(tasks)
    while chunk := list(islice(it, size)):
        yield chunk
