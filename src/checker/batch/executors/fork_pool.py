"""A pool of forked worker processes; a worker that dies costs only the document that killed it."""
from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from itertools import chain
from typing import Iterable, Iterator

from ...errors import ErrorKind
from ...settings import Settings
from ..child import can_fork, worker_setup
from .base import CHUNKS_PER_WORKER, Executor, chunked
from .checking import WORKER_DIED, CheckOne, Outcome, Task, check_chunk, error_result, internal_reason
from .local import ChildExecutor, InProcessExecutor

# A document takes tens of milliseconds or more, so small chunks cost little overhead and keep
# the progress bar smooth and Ctrl-C losing little finished work.
MAX_CHUNK = 4


class PoolExecutor(Executor):
    """Forked worker processes (spawned where fork does not exist); one worker runs in-process.

    A dead worker breaks the whole pool and fails everything in flight, so the culprit is
    unknown: the lost documents are run again one at a time in a one-worker pool, where the
    document that breaks it is the one to blame; then the rest of the batch goes on in a
    fresh pool.
    """

    name = "process"

    def __init__(self, workers: int, chunk: int = MAX_CHUNK):
        self.workers = max(1, workers)
        self.chunk = max(1, chunk)

    def run(self, tasks: Iterable[Task], check_one: CheckOne, settings: Settings) -> Iterator[list[Outcome]]:
        if self.workers == 1:
            runner = ChildExecutor() if can_fork() else InProcessExecutor()
            yield from runner.run(tasks, check_one, settings)
            return
        chunks: Iterator[list[Task]] | None = chunked(tasks, self.chunk)
        while chunks is not None:
            lost, chunks = yield from self._round(chunks, check_one, settings)
            yield from self._alone(lost, check_one, settings)

    def _round(self, chunks: Iterator[list[Task]], check_one: CheckOne, settings: Settings):
        """Run chunks in one pool until they run out or the pool breaks. Returns the tasks lost
        to a dead worker and the chunks not yet started (None when all were)."""
        pool = _pool(self.workers, check_one, settings)
        inflight: dict[Future, list[Task]] = {}
        lost: list[Task] = []
        broken = finished = exhausted = False
        try:
            while True:
                while not (broken or exhausted) and len(inflight) < self.workers * CHUNKS_PER_WORKER:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    try:
                        inflight[pool.submit(_work, chunk)] = chunk
                    except RuntimeError:  # BrokenProcessPool: keep the chunk for the next pool
                        chunks, broken = chain([chunk], chunks), True
                if not inflight:
                    break
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=lambda f: inflight[f][0]):
                    chunk = inflight.pop(future)
                    try:
                        outcomes = future.result()
                    except Exception as exc:  # BrokenProcessPool, or a result that would not pickle
                        if _broken(exc):
                            lost.extend(chunk)
                            broken = True
                            continue
                        outcomes = [(i, error_result(p, internal_reason(exc), ErrorKind.INTERNAL), False) for i, p in chunk]
                    yield outcomes
            finished = True
        finally:
            _stop(pool, finished)
        return sorted(lost), None if exhausted else chunks

    def _alone(self, tasks: list[Task], check_one: CheckOne, settings: Settings) -> Iterator[list[Outcome]]:
        """Run each task alone in a one-worker pool, so a pool that breaks names its culprit; a
        culprit runs again until it has broken max(1, retries) pools, then is WORKER_DIED."""
        queue = deque((task, 0) for task in tasks)
        pool: ProcessPoolExecutor | None = None
        finished = False
        try:
            while queue:
                task, deaths = queue.popleft()
                pool = pool or _pool(1, check_one, settings)
                try:
                    outcomes = pool.submit(_work, [task]).result()
                except Exception as exc:
                    if _broken(exc):
                        _stop(pool, True)
                        pool, deaths = None, deaths + 1
                        if deaths < max(1, settings.retries):
                            queue.append((task, deaths))
                            continue
                    failure = (WORKER_DIED, ErrorKind.WORKER_DIED) if _broken(exc) else (internal_reason(exc), ErrorKind.INTERNAL)
                    outcomes = [(task[0], error_result(task[1], *failure), False)]
                yield outcomes
            finished = True
        finally:
            if pool is not None:
                _stop(pool, finished)


def _pool(workers: int, check_one: CheckOne, settings: Settings) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker,
                               initargs=(check_one, settings))


def _stop(pool: ProcessPoolExecutor, finished: bool) -> None:
    if not finished:  # interrupted (or the consumer stopped): do not wait for the workers
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


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
    # Ctrl-C is the parent's to handle, the hard time limit ends the process, memory is capped
    worker_setup(settings.limits.memory_mb)
    _worker_job = (check_one, settings)


def _work(tasks: list[Task]) -> list[Outcome]:
    assert _worker_job is not None, "worker used before _init_worker"
    check_one, settings = _worker_job
    return check_chunk(tasks, check_one, settings, hard=True)
