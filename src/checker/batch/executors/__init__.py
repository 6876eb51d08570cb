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

Modules: ``checking`` (the code every executor runs), ``time_limits``, ``base`` (the Executor
interface), ``local`` (in process, one child), ``fork_pool``, ``dask_cluster``, ``choose``
(from the settings).
"""
from __future__ import annotations

from .base import CHUNKS_PER_WORKER, Executor
from .checking import WORKER_DIED, CheckOne, Outcome, Task, check_chunk, error_result, guarded, internal_reason
from .choose import make_executor, worker_count
from .dask_cluster import MAX_DASK_CHUNK, DaskExecutor
from .fork_pool import MAX_CHUNK, PoolExecutor
from .local import ChildExecutor, InProcessExecutor, death_reason
from .time_limits import HARD_GRACE, DocumentTimeout, time_limit, timeout_reason

__all__ = ["CHUNKS_PER_WORKER", "HARD_GRACE", "MAX_CHUNK", "MAX_DASK_CHUNK", "WORKER_DIED", "CheckOne",
           "ChildExecutor", "DaskExecutor", "DocumentTimeout", "Executor", "InProcessExecutor", "Outcome",
           "PoolExecutor", "Task", "check_chunk", "death_reason", "error_result", "guarded", "internal_reason",
           "make_executor", "time_limit", "timeout_reason", "worker_count"]
