"""One call at a time in a forked child process that the parent can always end.

The time limit inside a process (SIGALRM, see executors.time_limit) interrupts Python code,
but a reader stuck in native code, or one whose ``finally`` re-enters the loop the alarm just
broke, never returns. A child the parent waits on with a deadline is the one limit that holds
whatever runs inside: past the deadline the parent kills it and starts a fresh one for the
next call. The child also carries the per-document memory ceiling (RLIMIT_AS), so a reader
that allocates without bound fails alone instead of taking the run with it.

The child is forked, so the work (a closure, a loaded rule pack) is inherited, never pickled;
only the argument and the result cross the pipe.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import dataclass
from typing import Any, Callable

INTERRUPTED = "KeyboardInterrupt"
GRACE = 10.0  # seconds past the soft limit before the parent ends a child that did not answer


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@dataclass(frozen=True)
class Failure:
    """What the child sends back when ``work`` raised or its result would not pickle."""

    text: str


@dataclass(frozen=True)
class Outcome:
    """``kind``: "ok" (``value`` is the result), "failed" (``value``: the error's text), "timeout" (the parent killed the child at its
    deadline) or "died" (``value`` is the child's exit code, negative for a signal)."""

    kind: str
    value: Any = None


def set_memory_limit(megabytes: int | None) -> None:
    """Cap this process's address space (RLIMIT_AS) at ``megabytes``; None leaves it alone."""
    if not megabytes:
        return
    import resource

    limit = int(megabytes) * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def worker_setup(memory_mb: int | None) -> None:
    """What every expendable worker process does first: Ctrl-C is the parent's, the hard CPU
    limit (SIGPROF) ends the process, and the address space is capped."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGPROF"):
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
    set_memory_limit(memory_mb)


class Child:
    """A forked process running ``work(arg)`` for each ``call``; restarted after a kill or death."""

    def __init__(self, work: Callable[[Any], Any], memory_mb: int | None = None):
        self._work = work
        self._memory_mb = memory_mb
        self._proc: Any = None
        self._conn: Any = None

    def call(self, arg: Any, deadline: float | None) -> Outcome:
        """Run ``work(arg)`` in the child; wait at most ``deadline`` seconds (None: no limit)."""
        if self._proc is None:
            self._start()
        try:
            self._conn.send(arg)
            if self._conn.poll(deadline):
                value = self._conn.recv()
                if isinstance(value, Failure) and value.text == INTERRUPTED:
                    raise KeyboardInterrupt
                return Outcome("failed", value.text) if isinstance(value, Failure) else Outcome("ok", value)
        except (EOFError, OSError, BrokenPipeError):
            self._proc.join(5)
            code = self._proc.exitcode
            self._discard()
            return Outcome("died", code)
        self._discard()
        return Outcome("timeout")

    def close(self) -> None:
        if self._proc is not None:
            try:
                self._conn.send(None)
                self._proc.join(2)
            except (OSError, BrokenPipeError):
                pass
            self._discard()

    def __enter__(self) -> "Child":
        return self

    def __exit__(self, *exc: object) -> None:
        if exc and exc[0] is not None:
            self._discard()  # interrupted: do not wait for the child
        self.close()

    def _start(self) -> None:
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, self._work, self._memory_mb), daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent

    def _discard(self) -> None:
        proc, conn, self._proc, self._conn = self._proc, self._conn, None, None
        if proc is None:
            return
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        conn.close()


def _serve(conn: Any, work: Callable[[Any], Any], memory_mb: int | None) -> None:
    worker_setup(memory_mb)
    while True:
        try:
            arg = conn.recv()
        except EOFError:
            break
        if arg is None:
            break
        try:
            result = work(arg)
        except KeyboardInterrupt:  # the work itself stopped the run: the parent stops too
            result = Failure(INTERRUPTED)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, never lost
            result = Failure(_text(exc))
        try:
            conn.send(result)
        except Exception as exc:  # noqa: BLE001 - a result that would not pickle
            conn.send(Failure(_text(exc)))
    conn.close()
    os._exit(0)  # skip the parent's atexit handlers and finalizers, inherited with the fork


def _text(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
