"""Choosing an executor, and how many workers, from the settings."""
from __future__ import annotations

import os

from ...errors import UsageError
from ...settings import Settings
from .base import Executor
from .dask_cluster import MAX_DASK_CHUNK, DaskExecutor
from .fork_pool import MAX_CHUNK, PoolExecutor
from .local import InProcessExecutor


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
