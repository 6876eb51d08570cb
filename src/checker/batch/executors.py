"""Where a batch's documents are checked: in this process, in a fork pool, or on a Dask cluster.

The checking code is the same everywhere (``check_chunk``: each document through ``guarded``
under its time limit); only the scheduling differs. Every executor pulls its tasks lazily,
keeps a bounded number of chunks in flight and yields outcomes chunk by chunk as chunks
finish, so a run over millions of files keeps the client's memory flat. Outcomes come in
completion order; the caller places them by their index.

Failures cost one document:
- an exception in ``check_one`` becomes that document's error result;
- a document over ``settings.doc_timeout`` becomes the error "time limit of N s exceeded"
  (see ``time_limit`` for how, and its limits);
- a worker process that dies (a crash in a PDF library, a kill, the memory limit) loses what
  it was running; those documents are run again alone and one that dies alone
  ``max(1, settings.retries)`` times is reported with ``WORKER_DIED``.
"""
from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import threading
from asyncio import CancelledError
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager, suppress
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator

from ..errors import UsageError
from ..limits import memory_reason
from ..model import DocumentResult
from ..settings import Settings
from .child import GRACE, Child, can_fork, worker_setup

CheckOne = Callable[[str, Settings], DocumentResult]
Task = tuple[int, str]  # (position in the batch, path)
Outcome = tuple[int, DocumentResult, bool]  # (position, result, may be cached)

WORKER_DIED = "the worker process stopped while reading this file (a crash in a document library?)"
# A document takes tens of milliseconds or more, so small chunks cost little overhead and keep
# the progress bar smooth and Ctrl-C losing little finished work. Dask adds ~1 ms of scheduling
# per task, so its chunks may be larger.
MAX_CHUNK = 4
MAX_DASK_CHUNK = 16
CHUNKS_PER_WORKER = 2  # in flight: one running, one queued, so no worker waits for the client
HARD_GRACE = GRACE  # seconds past the soft limit before a stuck worker process is ended
REPEAT = 0.5  # seconds between repeats of the soft time limit's alarm once it has fired
NO_WORKERS_TIMEOUT = "120s"  # a local Dask cluster with no worker left fails its tasks after this
LOST_WORKER_KEY = "distributed.deploy.lost-worker-timeout"


class DocumentTimeout(BaseException):
    """Raised inside a document's check when its time limit passes. A BaseException so that a
    reader's broad ``except Exception`` cannot swallow it."""


def timeout_reason(seconds: float) -> str:
    return f"time limit of {seconds:g} s exceeded"


# -- the checking code every executor runs ------------------------------------------------


def check_chunk(tasks: list[Task], check_one: CheckOne, settings: Settings, hard: bool = False) -> list[Outcome]:
    """Outcomes for ``tasks``, each document checked under its time limit. ``hard``: this process
    is expendable, so a document stuck in native code past the limit may end it."""
    return [(index, *guarded(check_one, path, settings, hard)) for index, path in tasks]


def guarded(check_one: CheckOne, path: str, settings: Settings, hard: bool = False) -> tuple[DocumentResult, bool]:
    """check_one's result, or an error result when it raised or ran out of time (never cached:
    it may be transient)."""
    try:
        with time_limit(settings.doc_timeout, hard):
            return check_one(path, settings), True
    except DocumentTimeout:
        return error_result(path, timeout_reason(settings.doc_timeout or 0)), False
    except MemoryError:  # the address-space ceiling (limits.memory_mb) or the machine's memory
        return error_result(path, memory_reason(settings.limits)), False
    except RecursionError:
        return error_result(path, "the file is nested too deeply to read"), False
    except (Exception, SystemExit) as exc:
        return error_result(path, internal_reason(exc)), False


def internal_reason(exc: BaseException) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return f"internal error while checking: {text[:300]}"


def error_result(path: str, reason: str) -> DocumentResult:
    return DocumentResult(path=path, status="error", error=reason)


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


# -- executors ----------------------------------------------------------------------------


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
        index, path = task
        for _ in range(max(1, settings.retries)):
            outcome = child.call(task, deadline)
            if outcome.kind == "ok":
                return outcome.value
            if outcome.kind == "failed":
                return [(index, error_result(path, f"internal error while checking: {outcome.value}"), False)]
            if outcome.kind == "timeout":
                return [(index, error_result(path, timeout_reason(settings.doc_timeout or 0)), False)]
        return [(index, error_result(path, death_reason(outcome.value, settings)), False)]


def death_reason(exitcode: int | None, settings: Settings) -> str:
    """Why a child checking one document ended without an answer, as far as its exit says."""
    if exitcode == -getattr(signal, "SIGPROF", 27):
        return timeout_reason(settings.doc_timeout or 0) + " (stuck in native code)"
    if settings.limits.memory_mb and exitcode in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS, -signal.SIGKILL, 1, 120):
        return ("the worker process stopped while reading this file (a crash in a document library, or the "
                f"memory limit of {settings.limits.memory_mb:,} MiB reached: limits.memory_mb in checker.yaml)")
    return WORKER_DIED


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
        chunks: Iterator[list[Task]] | None = _chunked(tasks, self.chunk)
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
                        outcomes = [(i, error_result(p, internal_reason(exc)), False) for i, p in chunk]
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
                    reason = WORKER_DIED if _broken(exc) else internal_reason(exc)
                    outcomes = [(task[0], error_result(task[1], reason), False)]
                yield outcomes
            finished = True
        finally:
            if pool is not None:
                _stop(pool, finished)


def _chunked(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    it = iter(tasks)
    while chunk := list(islice(it, size)):
        yield chunk


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


class DaskExecutor(Executor):
    """Chunks as tasks on a Dask cluster: the scheduler at ``scheduler`` (tcp://HOST:8786), or a
    LocalCluster of ``workers`` one-thread processes started on first use and closed by close(),
    or a caller's ``client`` (left open).

    Worker deaths: the scheduler fails a task whose workers died more than its
    ``allowed-failures`` times with KilledWorker. For a cluster started here that is
    ``retries``; a remote scheduler keeps its own setting. A killed chunk of several documents
    is split and each runs again as its own task; a single document killed is WORKER_DIED.
    The time limit runs in the worker thread (see ``time_limit``).
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 1, *, retries: int = 1,
                 chunk: int = MAX_DASK_CHUNK, client: Any = None, memory_mb: int | None = None):
        self.scheduler = scheduler
        self.memory_mb = memory_mb
        self.workers = max(1, workers)
        self.retries = max(0, retries)
        self.chunk = max(1, chunk)
        self._client: Any = client  # a caller's client is used as it is and never closed here
        self._owned = client is None
        self._cluster: Any = None
        self._saved_config: Any = None

    @property
    def client(self) -> Any:
        """The distributed.Client, connecting (or starting the local cluster) on first use."""
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> Any:
        try:
            import distributed
        except ImportError:
            raise UsageError("the dask executor needs dask.distributed: pip install 'dask[distributed]'") from None
        if self.scheduler:
            from ..urls import redact, redact_text
            shown = redact(self.scheduler)
            try:
                return distributed.Client(self.scheduler, timeout="20s")
            except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError, ValueError for a bad address ...
                detail = str(exc).replace(self.scheduler, shown)
                raise UsageError(f"cannot reach the Dask scheduler at {shown}: {redact_text(detail)}") from None
        # worker-saturation 1.0: a worker holds only the task it runs, so when it dies no queued
        # bystander is counted as a suspect. no-workers-timeout: tasks fail rather than wait for
        # ever if no worker is left. Worker deaths are reported in the results, so the cluster's
        # own logging of them would only repeat them on stderr.
        import dask
        scheduler_config = {"distributed.scheduler.worker-saturation": 1.0,
                            "distributed.scheduler.no-workers-timeout": NO_WORKERS_TIMEOUT}
        with dask.config.set(scheduler_config):
            self._cluster = distributed.LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                **({"memory_limit": f"{self.memory_mb}MiB"} if self.memory_mb else {}),
                silence_logs=logging.CRITICAL, scheduler_kwargs={"allowed_failures": self.retries})
        # The cluster closes a worker's nanny for good when no worker of that name is back 15 s
        # after a death, which a run of crashing documents can hit until no worker is left; the
        # nanny restarts its worker anyway. The setting is read at each death, so it stays set
        # until close().
        self._saved_config = dask.config.get(LOST_WORKER_KEY)
        dask.config.set({LOST_WORKER_KEY: "365 days"})
        return distributed.Client(self._cluster)

    def close(self) -> None:
        if not self._owned:
            return
        client, cluster, self._client, self._cluster = self._client, self._cluster, None, None
        # Best effort: closing while a nanny is restarting a worker can fail inside distributed.
        try:
            if client is not None:
                client.close()
        finally:
            if cluster is not None:
                import dask
                dask.config.set({LOST_WORKER_KEY: self._saved_config})
                with suppress(Exception):
                    cluster.close()

    def threads(self) -> int:
        workers = self.client.scheduler_info().get("workers", {}).values()
        return max(1, sum(w.get("nthreads", 1) for w in workers))

    def run(self, tasks: Iterable[Task], check_one: CheckOne, settings: Settings) -> Iterator[list[Outcome]]:
        chunks = _chunked(tasks, self.chunk)
        first = next(chunks, None)
        if first is None:
            return  # nothing to check: do not start a cluster
        from distributed import as_completed
        client = self.client
        chunks = chain([first], chunks)
        inflight: dict[Any, list[Task]] = {}
        stream = as_completed()

        def submit(chunk: list[Task]) -> None:
            future = client.submit(_dask_chunk, chunk, check_one, settings, pure=False)
            inflight[future] = chunk
            stream.add(future)

        try:
            for chunk in islice(chunks, self.threads() * CHUNKS_PER_WORKER):
                submit(chunk)
            for future in stream:
                chunk = inflight.pop(future)
                outcomes, split = _dask_outcomes(future, chunk)
                for task in split:
                    submit([task])
                if outcomes:
                    yield outcomes
                following = next(chunks, None)
                if following is not None:
                    submit(following)
        finally:
            if inflight:  # interrupted or closed early: nothing more to compute
                client.cancel(list(inflight))


def _dask_chunk(tasks: list[Task], check_one: CheckOne, settings: Settings) -> list[Outcome]:
    return check_chunk(tasks, check_one, settings, hard=True)


def _dask_outcomes(future: Any, chunk: list[Task]) -> tuple[list[Outcome], list[Task]]:
    """The chunk's outcomes, or the tasks to run again alone when its workers kept dying."""
    from distributed.scheduler import KilledWorker
    try:
        return future.result(), []
    except KilledWorker:
        if len(chunk) > 1:
            return [], chunk
        return [(i, error_result(p, WORKER_DIED), False) for i, p in chunk], []
    except (Exception, CancelledError) as exc:  # a result that would not travel, a cancelled task
        return [(i, error_result(p, internal_reason(exc)), False) for i, p in chunk], []


# -- choosing one -------------------------------------------------------------------------


def worker_count(settings: Settings, files: int | None = None) -> int:
    """--jobs, else the CPUs this process may use; never more workers than files."""
    jobs = settings.jobs
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(jobs, files) if files is not None else jobs)


def make_executor(settings: Settings, files_hint: int | None = None) -> Executor:
    """The executor ``settings.executor`` names, sized for about ``files_hint`` documents."""
    workers = worker_count(settings, files_hint)
    if settings.executor == "inprocess":
        return InProcessExecutor()
    if settings.executor == "dask":
        return DaskExecutor(settings.scheduler, workers, retries=settings.retries,
                            chunk=_chunk_size(files_hint, workers, MAX_DASK_CHUNK), memory_mb=settings.limits.memory_mb)
    if settings.executor == "process":
        return PoolExecutor(workers, chunk=_chunk_size(files_hint, workers, MAX_CHUNK))
    raise UsageError(f"unknown executor {settings.executor!r} (expected inprocess, process or dask)")


def _chunk_size(files: int | None, workers: int, largest: int) -> int:
    # At least ~8 chunks per worker so the load balances at the end of a run.
    return largest if files is None else max(1, min(largest, files // (workers * 8)))
