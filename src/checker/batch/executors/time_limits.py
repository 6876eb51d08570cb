"""A document's time limit inside the process that checks it.

SIGALRM in a process's main thread, a watchdog thread elsewhere (Dask workers); with ``hard``
a document stuck in native code ends its (expendable) process instead.
"""
from __future__ import annotations

import ctypes
import os
import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator

from ..child import GRACE

HARD_GRACE = GRACE  # seconds past the soft limit before a stuck worker process is ended
REPEAT = 0.5  # seconds between repeats of the soft time limit's alarm once it has fired


class DocumentTimeout(BaseException):
    """Raised inside a document's check when its time limit passes. A BaseException so that a
    reader's broad ``except Exception`` cannot swallow it."""


def timeout_reason(seconds: float) -> str:
    return f"time limit of {seconds:g} s exceeded"


@contextmanager
def time_limit(seconds: float | None, hard: bool = False) -> Iterator[None]:
    """Raise DocumentTimeout in this thread once ``seconds`` have passed.

    In a process's main thread (fork workers, in-process runs) SIGALRM does it: it interrupts
    Python code and blocking calls such as sleep or reads. In other threads (Dask workers) a
    watchdog thread injects the exception, which lands at the next Python bytecode, so a long
    sleep or C call is only interrupted when it returns. Neither stops a C call that never
    returns; with ``hard`` the process is ended instead: after 2 x limit + HARD_GRACE CPU
    seconds (ITIMER_PROF, default action) in a fork worker, after 2 x limit + HARD_GRACE wall
    seconds (watchdog) in a Dask worker; that document is then lost with its worker.
    """
    if not seconds:
        yield
    elif hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _alarm(seconds, hard):
            yield
    else:
        with _watchdog(seconds, hard):
            yield


@contextmanager
def _alarm(seconds: float, hard: bool) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    # The alarm repeats: a reader whose ``finally`` (or ``except``) re-enters the code the
    # first alarm broke, such as a close() that follows the same reference loop, is broken again.
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    if hard:
        signal.setitimer(signal.ITIMER_PROF, 2 * seconds + HARD_GRACE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if hard:
            signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


@contextmanager
def _watchdog(seconds: float, hard: bool) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    finished = threading.Event()
    fired = False

    def watch() -> None:
        nonlocal fired
        if finished.wait(seconds):
            return
        with lock:  # never inject after the document is done
            if finished.is_set():
                return
            fired = True
            _raise_in_thread(target, DocumentTimeout)
        if hard and not finished.wait(seconds + HARD_GRACE):
            os._exit(70)  # stuck in native code: give the worker back to its nanny

    threading.Thread(target=watch, name="checker-time-limit", daemon=True).start()
    try:
        yield
    finally:
        with lock:
            finished.set()
            if fired:
                _raise_in_thread(target, None)  # drop a timeout that has not landed yet


def _raise_in_thread(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)
