"""Chunks of documents as tasks on a Dask cluster (remote, local, or the caller's client)."""
from __future__ import annotations

import logging
from contextlib import suppress
from itertools import chain, islice
from typing import Any, Iterable, Iterator

from ...errors import ErrorKind, UsageError
from ...settings import Settings
from .base import CHUNKS_PER_WORKER, Executor, chunked
from .checking import WORKER_DIED, CheckOne, Outcome, Task, check_chunk, error_result, internal_reason

# Dask adds ~1 ms of scheduling per task, so its chunks may be larger than a fork pool's.
MAX_DASK_CHUNK = 16
NO_WORKERS_TIMEOUT = "120s"  # a local Dask cluster with no worker left fails its tasks after this
LOST_WORKER_KEY = "distributed.deploy.lost-worker-timeout"


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
            from ...urls import redact, redact_text
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
        chunks = chunked(tasks, self.chunk)
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
    from asyncio import CancelledError  # here, not at the top: asyncio costs every run's start-up

    from distributed.scheduler import KilledWorker
    try:
        return future.result(), []
    except KilledWorker:
        if len(chunk) > 1:
            return [], chunk
        return [(i, error_result(p, WORKER_DIED, ErrorKind.WORKER_DIED), False) for i, p in chunk], []
    except (Exception, CancelledError) as exc:  # a result that would not travel, a cancelled task
        return [(i, error_result(p, internal_reason(exc), ErrorKind.INTERNAL), False) for i, p in chunk], []
