"""Executors: the same results in process, in a fork pool and on Dask; lazy intake; time limits;
a dying worker costs one document; choosing one from settings."""
import os
import sys
import threading
import time

import pytest

from checker.api import check_file
from checker.batch.executors import fork_pool
from checker.batch.executors import (CHUNKS_PER_WORKER, WORKER_DIED, DaskExecutor, InProcessExecutor, PoolExecutor,
                                     guarded, make_executor, timeout_reason)
from checker.batch.pool import run_batch
from checker.errors import ConfigError, UsageError
from checker.model import DocumentResult
from checker.settings import Settings, load_settings
from sample_files import contract_files

SAMPLES = [str(p) for p in contract_files()]
FAST = Settings(use_cache=False, doc_timeout=None)


def fake_check(path, settings, digest=None):
    """Module level so that worker processes can unpickle it."""
    return DocumentResult(path=path, status="checked", pages=len(path))


def sleepy_check(path, settings, digest=None):
    if "slow" in path:
        time.sleep(30)
    return fake_check(path, settings)


def spinning_check(path, settings, digest=None):
    """Slow pure-Python work, the kind a watchdog thread can interrupt."""
    if "slow" in path:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pass
    return fake_check(path, settings)


def crash_check(path, settings, digest=None):
    if "crash" in path:
        os._exit(3)  # a worker dying the way a segfault would, without a Python exception
    return fake_check(path, settings)


def killed_check(path, settings, digest=None):
    if "crash" in path:
        import signal
        os.kill(os.getpid(), signal.SIGKILL)
    return fake_check(path, settings)


def collect(executor, paths, check_one, settings=FAST):
    """All outcomes, in input order."""
    return sorted((o for chunk in executor.run(enumerate(paths), check_one, settings) for o in chunk),
                  key=lambda o: o[0])


def statuses(outcomes):
    return [result.status for _, result, _ in outcomes]


@pytest.fixture(scope="module")
def dask_client():
    """One two-worker LocalCluster for the module (a cluster takes seconds to start)."""
    pytest.importorskip("distributed")
    import cloudpickle
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests/
    owner = DaskExecutor(None, workers=2, retries=1)
    yield owner.client
    owner.close()
    cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


def on_dask(client, chunk=2):
    return DaskExecutor(client=client, chunk=chunk)


# -- the same results everywhere ---------------------------------------------------------


def test_the_three_executors_give_identical_results_on_the_samples(dask_client):
    settings = Settings(use_cache=False)
    in_process = collect(InProcessExecutor(), SAMPLES, check_file, settings)
    assert statuses(in_process) == ["checked"] * len(SAMPLES)
    assert collect(PoolExecutor(2, chunk=2), SAMPLES, check_file, settings) == in_process
    assert collect(on_dask(dask_client), SAMPLES, check_file, settings) == in_process


def test_review_copies_are_written_from_a_dask_run(dask_client, tmp_path):
    from checker.model import RunResult
    from checker.review import REVIEW_FORMATS, write_review_copies

    outcomes = collect(on_dask(dask_client), SAMPLES, check_file, Settings(use_cache=False))
    results = tuple(result for _, result, _ in outcomes)
    spans = [f.text_span for r in results for f in r.findings if f.clause]
    assert spans and all(spans)  # the spans travel back from the workers
    copies = write_review_copies(RunResult(results, "auto", "test"), tmp_path, REVIEW_FORMATS["review"])
    assert len(copies) == len(SAMPLES) and all(c.output for c in copies)


def test_run_batch_uses_the_executor_it_is_given_and_leaves_it_open(dask_client):
    paths = [f"doc-{i}.txt" for i in range(7)]
    executor = on_dask(dask_client)
    results = run_batch(paths, FAST, fake_check, key="k", executor=executor)
    assert [r.path for r in results] == paths
    assert executor.client.status == "running"


# -- lazy intake --------------------------------------------------------------------------


class CountingTasks:
    """100,000 tasks that are only made when pulled."""

    def __init__(self):
        self.pulled = 0

    def __iter__(self):
        for index in range(100_000):
            self.pulled += 1
            yield index, f"doc-{index}.txt"


def first_chunk_pulls(executor):
    tasks = CountingTasks()
    stream = executor.run(tasks, fake_check, FAST)
    first = next(stream)
    stream.close()
    return first, tasks.pulled


def test_in_process_pulls_one_task_per_result():
    first, pulled = first_chunk_pulls(InProcessExecutor())
    assert len(first) == 1 and pulled == 1


def test_pool_pulls_at_most_a_few_chunks_per_worker_before_the_first_result():
    first, pulled = first_chunk_pulls(PoolExecutor(2, chunk=4))
    assert len(first) == 4
    assert pulled <= 2 * CHUNKS_PER_WORKER * 4 + 4


def test_dask_pulls_at_most_a_few_chunks_per_worker_before_the_first_result(dask_client):
    first, pulled = first_chunk_pulls(on_dask(dask_client, chunk=4))
    assert len(first) == 4
    assert pulled <= 2 * CHUNKS_PER_WORKER * 4 + 4


# -- time limits --------------------------------------------------------------------------


@pytest.mark.parametrize("executor", [InProcessExecutor(), PoolExecutor(2, chunk=1)], ids=["inprocess", "pool"])
def test_a_document_over_the_time_limit_becomes_an_error_and_the_others_finish(executor):
    started = time.monotonic()
    outcomes = collect(executor, ["a.txt", "slow.txt", "c.txt"], sleepy_check, Settings(doc_timeout=0.5))
    assert time.monotonic() - started < 10
    assert statuses(outcomes) == ["checked", "error", "checked"]
    assert outcomes[1][1].error == timeout_reason(0.5) == "time limit of 0.5 s exceeded"
    assert outcomes[1][2] is False  # a timeout is never cached


def test_the_time_limit_also_holds_outside_the_main_thread():
    box = []
    worker = threading.Thread(target=lambda: box.append(guarded(spinning_check, "slow.txt", Settings(doc_timeout=0.3))))
    worker.start()
    worker.join(10)
    (result, cacheable), = box
    assert result.error == "time limit of 0.3 s exceeded" and not cacheable


def test_a_document_within_the_time_limit_is_untouched_by_it():
    result, cacheable = guarded(fake_check, "a.txt", Settings(doc_timeout=5))
    assert result.status == "checked" and cacheable


def test_dask_applies_the_time_limit_in_its_worker_threads(dask_client):
    outcomes = collect(on_dask(dask_client), ["a.txt", "slow.txt", "c.txt"], spinning_check, Settings(doc_timeout=0.5))
    assert statuses(outcomes) == ["checked", "error", "checked"]
    assert outcomes[1][1].error == "time limit of 0.5 s exceeded"


# -- dying workers ------------------------------------------------------------------------


@pytest.mark.parametrize("check_one", [crash_check, killed_check], ids=["exit", "sigkill"])
def test_a_pool_worker_that_dies_costs_only_its_document(check_one):
    paths = [f"doc-{i}.txt" for i in range(10)]
    paths[5] = "crash.txt"
    outcomes = collect(PoolExecutor(2, chunk=2), paths, check_one)
    assert statuses(outcomes) == ["checked"] * 5 + ["error"] + ["checked"] * 4
    assert outcomes[5][1].error == WORKER_DIED and outcomes[5][1].path == "crash.txt"


def test_the_pool_goes_on_in_a_fresh_pool_after_a_death():
    paths = ["crash.txt"] + [f"doc-{i}.txt" for i in range(40)]
    outcomes = collect(PoolExecutor(2, chunk=1), paths, crash_check)
    assert statuses(outcomes) == ["error"] + ["checked"] * 40


def test_a_dead_document_is_retried_alone_as_often_as_settings_say(monkeypatch):
    runs = []
    real = fork_pool._pool
    monkeypatch.setattr(fork_pool, "_pool", lambda workers, *a: runs.append(workers) or real(workers, *a))
    collect(PoolExecutor(2, chunk=1), ["crash.txt", "b.txt"], crash_check, Settings(retries=3, doc_timeout=None))
    assert runs.count(1) == 3  # three one-worker pools for the culprit, each broken by it


def test_a_dask_worker_that_dies_costs_only_its_document(dask_client):
    paths = ["a.txt", "b.txt", "crash.txt", "d.txt", "e.txt"]
    outcomes = collect(on_dask(dask_client), paths, crash_check)
    assert statuses(outcomes) == ["checked", "checked", "error", "checked", "checked"]
    assert outcomes[2][1].error == WORKER_DIED


# -- choosing one from settings -----------------------------------------------------------


def test_make_executor_follows_the_executor_setting():
    assert isinstance(make_executor(Settings(executor="inprocess")), InProcessExecutor)
    pool = make_executor(Settings(executor="process", jobs=3), files_hint=100)
    assert isinstance(pool, PoolExecutor) and pool.workers == 3
    dask = make_executor(Settings(executor="dask", scheduler="tcp://example:8786", jobs=2, retries=4))
    assert isinstance(dask, DaskExecutor) and (dask.scheduler, dask.retries) == ("tcp://example:8786", 4)
    assert dask._client is None  # nothing is started until it runs


def test_make_executor_never_starts_more_pool_workers_than_files():
    assert make_executor(Settings(jobs=8), files_hint=3).workers == 3


def test_an_unknown_executor_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown executor"):
        make_executor(Settings(executor="threads"))


def test_config_file_sets_executor_scheduler_timeout_and_retries(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("executor: dask\nscheduler: tcp://10.0.0.5:8786\ntimeout: 60\nretries: 0\n", encoding="utf-8")
    s = load_settings(str(config), {})
    assert (s.executor, s.scheduler, s.doc_timeout, s.retries) == ("dask", "tcp://10.0.0.5:8786", 60.0, 0)


def test_defaults_are_the_fork_pool_with_a_five_minute_limit_and_one_retry():
    s = Settings()
    assert (s.executor, s.scheduler, s.doc_timeout, s.retries) == ("process", None, 300.0, 1)


@pytest.mark.parametrize("text, problem", [
    ("executor: threads\n", "executor: 'threads' is not one of inprocess, process, dask"),
    ("timeout: 0\n", "timeout: expected a number of seconds > 0"),
    ("retries: -1\n", "retries: expected a whole number >= 0"),
    ("scheduler: [a]\n", "scheduler: expected a scheduler address"),
])
def test_bad_executor_keys_are_config_errors(tmp_path, text, problem):
    config = tmp_path / "c.yaml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem.replace("[", r"\[")):
        load_settings(str(config), {})
