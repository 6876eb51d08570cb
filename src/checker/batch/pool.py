"""Checking a batch of files: the cache first, then the misses on an executor.

Results come back in input order whatever order the workers finish in. One bad file never
stops the batch: an exception in ``check_one``, a time limit or a worker process that dies
costs only that file (see the executors package). Ctrl-C stops the workers and returns what finished;
the files not reached are error results, so the reports still get written and the gate cannot
pass an unfinished run.
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from ..digest import file_digest
from ..errors import ErrorKind
from ..model import DocumentResult
from ..settings import Settings
from .cache import ResultCache
from .order import largest_first
from ..urls import is_url
from .executors import WORKER_DIED, CheckOne, Executor, Outcome, Task, error_result, make_executor, worker_count

if TYPE_CHECKING:
    from .recording import Recorder

__all__ = ["run_batch", "record_batch", "checked", "worker_count", "CheckOne", "Task", "Outcome", "INTERRUPTED", "WORKER_DIED"]

INTERRUPTED = "not checked: the run was interrupted"
PROGRESS_MIN_FILES = 5


def run_batch(paths: Sequence[str], settings: Settings, check_one: CheckOne, *, key: str,
              progress: bool = False, executor: Executor | None = None) -> list[DocumentResult]:
    """One result per path, in the order of ``paths``. ``key`` names everything besides the file
    bytes that shapes a result (rule pack digest, profile, parameters) for the cache.
    ``executor``: where to check (left open); by default the one ``settings`` names, closed after."""
    results: list[DocumentResult | None] = [None] * len(paths)
    with _progress_bar(len(paths), progress and not settings.quiet) as advance:
        try:
            for index, _, result in checked(paths, settings, check_one, key=key, advance=advance,
                                            executor=executor, files_hint=len(paths)):
                results[index] = result
        except KeyboardInterrupt:
            pass  # fall through: what finished is kept, the rest is marked below
    return [r if r is not None else error_result(paths[i], INTERRUPTED, ErrorKind.INTERRUPTED) for i, r in enumerate(results)]


def record_batch(paths: Iterable[str], settings: Settings, check_one: CheckOne, *, key: str,
                 recorder: "Recorder", progress: bool = False, executor: Executor | None = None) -> bool:
    """Check ``paths`` (consumed lazily) straight into a results store, keeping no result in
    memory; files the recorder says are done are skipped. False when interrupted (Ctrl-C): what
    finished is recorded, and ``--resume`` carries on from there."""
    with _progress_bar(None, progress and not settings.quiet) as advance:
        try:
            for _, path, result in checked(paths, settings, check_one, key=key, advance=advance,
                                           executor=executor, skip=recorder.skip):
                recorder.add(path, result)
            return True
        except KeyboardInterrupt:
            return False
        finally:
            recorder.flush()


def checked(paths: Iterable[str], settings: Settings, check_one: CheckOne, *, key: str,
            advance: Callable[[], None] = lambda: None, executor: Executor | None = None,
            skip: Callable[[str, str | None], bool] | None = None,
            files_hint: int | None = None) -> Iterator[tuple[int, str, DocumentResult]]:
    """(position, path, result) for every path not skipped, from the cache or the executor, in
    completion order. Paths are pulled only as the executor asks for more work, and handed out
    largest first (``order.largest_first``: no long contract is left to run alone at the end).
    A local file is hashed once, when the cache or a store needs it, and its digest goes with
    its task to the reader (the OCR page cache)."""
    cache = ResultCache(key) if settings.use_cache else None
    entries: dict[int, str] = {}
    names: dict[int, str] = {}
    hits: list[tuple[int, str, DocumentResult]] = []
    owned = executor is None
    runner = executor if executor is not None else make_executor(settings, files_hint)

    def misses() -> Iterator[Task]:
        """The tasks the cache cannot answer, looked up only as the executor asks for more."""
        for index, path in largest_first(paths):
            digest = _digest(path) if cache or skip else None
            if skip is not None and skip(path, digest):
                advance()
                continue
            entry = cache.entry_id(digest) if cache and digest else None
            hit = cache.get(entry, path) if cache and entry else None
            if hit is not None:
                hits.append((index, path, hit))
                continue
            if entry:
                entries[index] = entry
            names[index] = path
            yield Task(index, path, digest)

    try:
        for outcomes in runner.run(misses(), check_one, settings):
            while hits:
                yield hits.pop()
                advance()
            for index, result, cacheable in outcomes:
                entry = entries.pop(index, None)
                if cache and cacheable and entry and result.status in ("checked", "skipped"):
                    cache.put(entry, result)
                yield index, names.pop(index), result
                advance()
        while hits:
            yield hits.pop()
            advance()
    finally:
        if owned:
            runner.close()


def _digest(path: str) -> str | None:
    """The file's sha256, or None for a URL (its store key is the object's own) or a file that
    cannot be read (it is checked, and fails with its reason)."""
    if is_url(path):
        return None
    try:
        return file_digest(path)
    except OSError:
        return None


@contextmanager
def _progress_bar(total: int | None, wanted: bool) -> Iterator[Callable[[], None]]:
    """A rich bar on stderr for interactive runs of more than a handful of files.

    auto_refresh is off so no refresh thread runs while worker processes are forked.
    """
    if not (wanted and (total is None or total > PROGRESS_MIN_FILES) and sys.stderr.isatty()):
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
