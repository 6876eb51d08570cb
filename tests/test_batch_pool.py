"""Running a batch: order, isolation of failures, worker processes, interruption."""
import os

import pytest

from checker.batch.pool import INTERRUPTED, run_batch, worker_count
from checker.model import DocumentResult, Finding, Severity
from checker.settings import Settings


def fake_check(path, settings, digest=None):
    """Module level so that worker processes can unpickle it. Fails on files named 'boom'."""
    if "boom" in path:
        raise RuntimeError("parser fell over\non two lines")
    finding = Finding(rule_id="r", severity=Severity.LOW, title="t", message=f"pid-free {path}")
    return DocumentResult(path=path, status="checked", pages=len(path), findings=(finding,))


def crash_check(path, settings, digest=None):
    if "crash" in path:
        os._exit(3)  # a worker dying the way a segfault would, without a Python exception
    return fake_check(path, settings)


@pytest.fixture(autouse=True)
def no_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))


PATHS = [f"doc-{i:02d}.txt" for i in range(23)]


def test_results_follow_the_input_order():
    results = run_batch(PATHS, Settings(jobs=1, use_cache=False), fake_check, key="k")
    assert [r.path for r in results] == PATHS


def test_two_workers_give_the_same_results_as_one():
    one = run_batch(PATHS, Settings(jobs=1, use_cache=False), fake_check, key="k")
    two = run_batch(PATHS, Settings(jobs=2, use_cache=False), fake_check, key="k")
    assert two == one


@pytest.mark.parametrize("jobs", [1, 2])
def test_exception_on_one_file_becomes_its_error_and_the_batch_goes_on(jobs):
    paths = ["a.txt", "boom.txt", "c.txt"]
    results = run_batch(paths, Settings(jobs=jobs, use_cache=False), fake_check, key="k")
    assert [r.status for r in results] == ["checked", "error", "checked"]
    assert results[1].path == "boom.txt"
    assert results[1].error == "internal error while checking: RuntimeError: parser fell over on two lines"


def test_a_worker_that_dies_costs_only_its_file():
    paths = ["a.txt", "b.txt", "crash.txt", "d.txt", "e.txt", "f.txt"]
    results = run_batch(paths, Settings(jobs=2, use_cache=False), crash_check, key="k")
    assert [r.status for r in results] == ["checked", "checked", "error", "checked", "checked", "checked"]
    assert "worker process stopped" in results[2].error


def test_interrupt_returns_what_finished_and_marks_the_rest():
    def interrupting(path, settings, digest=None):
        if path == "c.txt":
            raise KeyboardInterrupt
        return fake_check(path, settings)

    results = run_batch(["a.txt", "b.txt", "c.txt", "d.txt"], Settings(jobs=1, use_cache=False), interrupting, key="k")
    assert [r.status for r in results] == ["checked", "checked", "error", "error"]
    assert results[3].error == INTERRUPTED and results[3].path == "d.txt"


def test_worker_count_defaults_to_cores_and_never_exceeds_the_files():
    assert worker_count(Settings(jobs=8), 3) == 3
    assert worker_count(Settings(jobs=None), 1000) >= 1
    assert worker_count(Settings(jobs=4), 0) == 1


def slow_check(path, settings, digest=None):
    import time
    time.sleep(0.3)
    return fake_check(path, settings)


def interrupting_check(path, settings, digest=None):
    """Like slow_check; file 13 presses Ctrl-C in the parent, the run's process."""
    import signal
    if path == "slow-13.txt":
        os.kill(os.getppid(), signal.SIGINT)
    return slow_check(path, settings)


@pytest.mark.skipif(not hasattr(os, "kill") or os.name == "nt", reason="needs POSIX signals")
def test_ctrl_c_with_workers_stops_the_pool_and_keeps_finished_results():
    # 40 files x 0.3 s / 2 workers is 6 s of work; Ctrl-C comes while file 13 is read
    # (from the worker, so no wall clock is involved): files left unchecked show the pool stopped.
    # A shell starting a job in the background (`make test &`) ignores SIGINT, and Python then
    # keeps it ignored: give Ctrl-C its usual meaning for this test.
    import signal

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    paths = [f"slow-{i:02d}.txt" for i in range(40)]
    try:
        results = run_batch(paths, Settings(jobs=2, use_cache=False), interrupting_check, key="k")
    finally:
        signal.signal(signal.SIGINT, previous)
    statuses = [r.status for r in results]
    assert "checked" in statuses and statuses[-1] == "error" and results[-1].error == INTERRUPTED
    assert [r.path for r in results] == paths


def test_progress_bar_on_a_terminal_does_not_change_results(monkeypatch, capsys):
    import sys
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with_bar = run_batch(PATHS, Settings(jobs=1, use_cache=False), fake_check, key="k", progress=True)
    assert with_bar == run_batch(PATHS, Settings(jobs=1, use_cache=False, quiet=True), fake_check, key="k",
                                 progress=True)
    assert "checking" in capsys.readouterr().err
