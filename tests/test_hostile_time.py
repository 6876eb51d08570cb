"""Hostile input, time: every document's work ends by its time limit, also a single file, --jobs 1
and `checker parse`, also when the stuck code is native or re-enters the loop from a ``finally``.

The bounds asserted are generous: they prove the work ended, they do not time it."""
from __future__ import annotations

import signal
import time

import pytest

from bad_files import refloop_pdf
from checker.api import check_file
from checker.batch import executors
from checker.batch.executors import ChildExecutor, InProcessExecutor, PoolExecutor, local, time_limits, timeout_reason
from checker.batch.pool import run_batch
from checker.model import DocumentResult
from checker.settings import Settings


def reentering_check(path, settings, digest=None):
    """A reader stuck in a loop whose ``finally`` enters the same loop again (pdfminer's /Length
    reference loop followed by ``pdf.close()``)."""
    try:
        while True:
            pass
    finally:
        while True:
            pass


def native_stuck_check(path, settings, digest=None):
    """Stuck where no signal reaches Python code, as a C loop would be."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGPROF})
    while True:
        pass


def quick_check(path, settings, digest=None):
    return DocumentResult(path=path, status="checked")


def outcomes(executor, paths, check_one, settings):
    return sorted(o for chunk in executor.run(enumerate(paths), check_one, settings) for o in chunk)


def test_a_finally_that_reenters_the_loop_is_broken_again_in_process():
    start = time.monotonic()
    [(_, result, cacheable)] = outcomes(InProcessExecutor(), ["x.pdf"], reentering_check, Settings(doc_timeout=0.3))
    assert result.error == timeout_reason(0.3) and not cacheable
    assert time.monotonic() - start < 30


def test_a_single_file_runs_in_a_child_the_parent_ends_at_the_deadline(monkeypatch):
    monkeypatch.setattr(local, "HARD_GRACE", 0.5)  # the parent's deadline
    monkeypatch.setattr(time_limits, "HARD_GRACE", 0.5)  # the child's own CPU-time end
    start = time.monotonic()
    [(_, result, _)] = outcomes(ChildExecutor(), ["stuck.pdf"], native_stuck_check, Settings(doc_timeout=0.5))
    assert result.status == "error" and result.error == timeout_reason(0.5)
    assert time.monotonic() - start < 30


def test_the_child_is_replaced_after_a_kill_and_the_next_file_is_checked(monkeypatch):
    monkeypatch.setattr(local, "HARD_GRACE", 0.5)  # the parent's deadline
    monkeypatch.setattr(time_limits, "HARD_GRACE", 0.5)  # the child's own CPU-time end

    def check(path, settings, digest=None):
        return native_stuck_check(path, settings) if "stuck" in path else quick_check(path, settings)

    results = outcomes(ChildExecutor(), ["stuck.pdf", "good.txt"], check, Settings(doc_timeout=0.5))
    assert [r.status for _, r, _ in results] == ["error", "checked"]


def test_one_worker_means_a_child_process_not_this_one():
    assert isinstance(executors.make_executor(Settings(jobs=1)), PoolExecutor)
    pids = outcomes(PoolExecutor(1), ["a.txt"], lambda p, s, d=None: DocumentResult(path=str(__import__("os").getpid()),
                                                                           status="checked"), Settings())
    assert pids[0][1].path != str(__import__("os").getpid())


def test_reference_loop_pdf_single_file_ends_as_an_error(tmp_path):
    pdf = refloop_pdf(tmp_path / "loop.pdf")
    start = time.monotonic()
    [result] = run_batch([str(pdf)], Settings(jobs=1, use_cache=False, doc_timeout=1), check_file, key="k")
    assert result.status == "error"
    assert time.monotonic() - start < 60


def test_parse_of_a_reference_loop_pdf_ends_with_one_line_and_exit_2(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pdf = refloop_pdf(tmp_path / "loop.pdf")
    result = cli("parse", str(pdf), "--timeout", "1")
    assert result.exit_code == 2
    assert result.output.startswith("checker: error: ") and result.output.count("\n") == 1


@pytest.mark.parametrize("value", ["inf", "Infinity"])
def test_timeout_inf_means_no_limit(value, tmp_path, monkeypatch):
    from checker.settings import load_settings

    monkeypatch.chdir(tmp_path)
    assert load_settings(None, {"doc_timeout": float(value)}).doc_timeout is None
    (tmp_path / "checker.yaml").write_text("timeout: .inf\n", encoding="utf-8")
    assert load_settings(None, {}).doc_timeout is None


def test_timeout_nan_is_refused(tmp_path, monkeypatch):
    from checker.errors import ConfigError
    from checker.settings import load_settings

    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.yaml").write_text("timeout: .nan\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="timeout"):
        load_settings(None, {})


def crashing_check(path, settings, digest=None):
    """A reader that dies the way a segfault in a PDF library does."""
    if "crash" in path:
        import os
        os.kill(os.getpid(), signal.SIGSEGV)
    return quick_check(path, settings)


def test_a_crash_in_a_single_file_run_is_an_error_result_and_the_run_goes_on():
    results = outcomes(ChildExecutor(), ["crash.pdf", "good.txt"], crashing_check, Settings(doc_timeout=30))
    assert [r.status for _, r, _ in results] == ["error", "checked"]
    assert "stopped while reading" in results[0][1].error
