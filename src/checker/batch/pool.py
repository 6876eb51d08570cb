"""Checking a batch of files: the cache first, then the misses in worker processes.

Results come back in input order whatever order the workers finish in. One bad file never
stops the batch: an exception in ``check_one`` becomes that file's error result, and a worker
process that dies (a crash in a PDF library) costs only the file it was reading. Ctrl-C stops
the workers and returns what finished; the files not reached are error results, so the
reports still get written and the gate cannot pass an unfinished run.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

from ..model import DocumentResult
from ..settings import Settings
from .cache import ResultCache

CheckOne = Callable[[str, Settings], DocumentResult]
Task = tuple[int, str]  # (position in the batch, path)
Outcome = tuple[int, DocumentResult, bool]  # (position, result, may be cached)

INTERRUPTED = "not checked: the run was interrupted"
WORKER_DIED = "the worker process stopped while reading this file (a crash in a document library?)"
PROGRESS_MIN_FILES = 5
# A document takes tens of milliseconds or more, so small chunks cost little overhead and keep
# the progress bar smooth and Ctrl-C losing little finished work.
MAX_CHUNK = 4


def run_batch(paths: Sequence[str], settings: Settings, check_one: CheckOne, *, key: str,
              progress: bool = False) -> list[DocumentResult]:
    """One result per path, in the order of ``paths``. ``key`` names everything besides the file
    bytes that shapes a result (rule pack digest, profile, parameters) for the cache."""
    cache = ResultCache(key) if settings.use_cache else None
    results: list[DocumentResult | None] = [None] * len(paths)
    entries: dict[int, str | None] = {}
    with _progress_bar(len(paths), progress and not settings.quiet) as advance:
        todo: list[Task] = []
        for index, path in enumerate(paths):
            entries[index] = cache.entry_id(path) if cache else None
            hit = cache.get(entries[index], path) if cache and entries[index] else None
            if hit is not None:
                results[index] = hit
                advance()
            else:
                todo.append((index, path))
        try:
            for index, result, cacheable in _check(todo, settings, check_one):
                results[index] = result
                if cache and cacheable and entries[index] and result.status == "checked":
                    cache.put(entries[index], result)
                advance()
        except KeyboardInterrupt:
            pass  # fall through: what finished is kept, the rest is marked below
    return [r if r is not None else _error(paths[i], INTERRUPTED) for i, r in enumerate(results)]


def worker_count(settings: Settings, files: int) -> int:
    """--jobs, else the CPUs this process may use; never more workers than files."""
    jobs = settings.jobs
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(jobs, files))


def _check(tasks: list[Task], settings: Settings, check_one: CheckOne) -> Iterator[Outcome]:
    workers = worker_count(settings, len(tasks))
    if workers == 1:
        for index, path in tasks:
            yield (index, *_guarded(check_one, path, settings))
        return
    chunk = max(1, min(MAX_CHUNK, len(tasks) // (workers * 8)))
    lost = yield from _pool_round(tasks, settings, check_one, workers, chunk)
    # A dead worker breaks the whole pool, so the culprit is unknown: re-run each lost file
    # alone in a fresh one-worker pool; the file that dies again is the one to blame.
    for task in lost:
        for index, path in (yield from _pool_round([task], settings, check_one, 1, 1)):
            yield index, _error(path, WORKER_DIED), False


def _pool_round(tasks: list[Task], settings: Settings, check_one: CheckOne, workers: int,
                chunk: int) -> Iterator[Outcome]:
    """Run ``tasks`` in a fresh pool, yielding outcomes; returns the tasks a dead worker lost."""
    executor = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker,
                                   initargs=(check_one, settings))
    futures = {executor.submit(_work, tasks[i:i + chunk]): tasks[i:i + chunk] for i in range(0, len(tasks), chunk)}
    lost: list[Task] = []
    finished = False
    try:
        for future in as_completed(futures):
            try:
                outcomes = future.result()
            except Exception as exc:  # BrokenProcessPool, or a result that would not pickle
                if _broken(exc):
                    lost.extend(futures[future])
                    continue
                outcomes = [(i, _error(p, _reason(exc)), False) for i, p in futures[future]]
            yield from outcomes
        finished = True
    finally:
        if not finished:  # interrupted (or the consumer stopped): do not wait for the workers
            for proc in list(getattr(executor, "_processes", {}).values()):
                proc.terminate()
        executor.shutdown(wait=True, cancel_futures=True)
    return sorted(lost)


def _broken(exc: BaseException) -> bool:
    from concurrent.futures.process import BrokenProcessPool
    return isinstance(exc, BrokenProcessPool)


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds and inherits the loaded rule pack; spawn elsewhere.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


_worker_job: tuple[CheckOne, Settings] | None = None


def _init_worker(check_one: CheckOne, settings: Settings) -> None:
    global _worker_job
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker_job = (check_one, settings)


def _work(tasks: list[Task]) -> list[Outcome]:
    assert _worker_job is not None, "worker used before _init_worker"
    check_one, settings = _worker_job
    return [(index, *_guarded(check_one, path, settings)) for index, path in tasks]


def _guarded(check_one: CheckOne, path: str, settings: Settings) -> tuple[DocumentResult, bool]:
    """check_one's result, or an error result when it raised (not cached: it may be transient)."""
    try:
        return check_one(path, settings), True
    except (Exception, SystemExit) as exc:
        return _error(path, _reason(exc)), False


def _reason(exc: BaseException) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return f"internal error while checking: {text[:300]}"


def _error(path: str, reason: str) -> DocumentResult:
    return DocumentResult(path=path, status="error", error=reason)


@contextmanager
def _progress_bar(total: int, wanted: bool) -> Iterator[Callable[[], None]]:
    """A rich bar on stderr for interactive runs of more than a handful of files.

    auto_refresh is off so no refresh thread runs while worker processes are forked.
    """
    if not (wanted and total > PROGRESS_MIN_FILES and sys.stderr.isatty()):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), auto_refresh=False, transient=True) as bar:
        task = bar.add_task("checking", total=total)
        last = 0.0

        def advance() -> None:
            nonlocal last
            bar.advance(task)
            now = time.monotonic()
            if now - last > 0.1:
                bar.refresh()
                last = now

        yield advance
