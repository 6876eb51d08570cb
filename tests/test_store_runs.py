"""Runs that stream into a results store: the same results as a plain run, --resume, and a
run killed mid-way (SIGKILL) that a resumed run completes with every document recorded once."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from checker.api import check, record_into_store, report_from_store, summarise_store
from checker.settings import Settings
from sample_files import CONTRACTS

SETTINGS = Settings(profile="civil-code", use_cache=False, executor="inprocess", quiet=True)


def _docs(run):
    return {Path(d.path).name: (d.status, sorted(f.rule_id for f in d.findings), d.facts) for d in run.documents}


def _copy_samples(folder: Path) -> Path:
    folder.mkdir()
    for source in CONTRACTS.iterdir():
        if not source.name.endswith(".yaml"):
            shutil.copy(source, folder / source.name)
    return folder


def test_a_run_into_a_store_reports_what_a_plain_run_reports(tmp_path):
    plain = check([str(CONTRACTS)], SETTINGS)
    stored = check([str(CONTRACTS)], SETTINGS, store=str(tmp_path / "r.db"))
    assert _docs(stored) == _docs(plain)


def test_a_report_from_the_store_needs_no_contract_files(tmp_path):
    folder = _copy_samples(tmp_path / "in")
    record_into_store([str(folder)], SETTINGS, str(tmp_path / "r.db"))
    expected = _docs(report_from_store(str(tmp_path / "r.db"), SETTINGS))
    shutil.rmtree(folder)
    assert _docs(report_from_store(str(tmp_path / "r.db"), SETTINGS)) == expected
    assert len(expected) == 9


def test_resume_skips_files_recorded_with_the_same_bytes(tmp_path):
    folder = _copy_samples(tmp_path / "in")
    store = str(tmp_path / "r.db")
    assert record_into_store([str(folder)], SETTINGS, store)["recorded"] == 9
    again = record_into_store([str(folder)], SETTINGS, store, resume=True)
    assert (again["recorded"], again["skipped"]) == (0, 9)


def test_resume_checks_a_file_again_when_its_bytes_changed(tmp_path):
    folder = _copy_samples(tmp_path / "in")
    store = str(tmp_path / "r.db")
    record_into_store([str(folder)], SETTINGS, store)
    with open(folder / "employer-loan.md", "a", encoding="utf-8") as fh:
        fh.write("\n补充：本合同一式两份。\n")
    again = record_into_store([str(folder)], SETTINGS, store, resume=True)
    assert (again["recorded"], again["skipped"]) == (1, 8)


def test_without_resume_every_file_is_checked_again_and_replaces_its_row(tmp_path):
    folder = _copy_samples(tmp_path / "in")
    store = str(tmp_path / "r.db")
    record_into_store([str(folder)], SETTINGS, store)
    assert record_into_store([str(folder)], SETTINGS, store)["recorded"] == 9
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*), count(DISTINCT path) FROM documents").fetchone() == (9, 9)


def test_the_store_summary_gives_the_exit_code_a_plain_run_gives(tmp_path):
    from checker.findings.gate import exit_code

    store = str(tmp_path / "r.db")
    record_into_store([str(CONTRACTS)], SETTINGS, store)
    plain = check([str(CONTRACTS)], SETTINGS)
    assert summarise_store(store, SETTINGS)["exit_code"] == exit_code(plain, SETTINGS.fail_on)


def test_the_cli_prints_a_summary_for_a_store_run_and_report_writes_json(cli, tmp_path):
    store = str(tmp_path / "r.db")
    first = cli("check", str(CONTRACTS), "--store", store, "--no-cache", "--executor", "inprocess",
                "--fail-on", "never")
    assert first.exit_code == 0, first.output
    assert "共9份文件（已检查9份，已跳过0份，无法读取0份）" in first.output
    second = cli("check", str(CONTRACTS), "--store", store, "--resume", "--fail-on", "never")
    assert "检查并记录0份，9份此前已记录" in second.output
    report = cli("report", "--store", store, "--format", "json", "--fail-on", "never")
    assert report.exit_code == 0
    assert json.loads(report.stdout)["summary"]["documents"] == 9


def test_resume_without_a_store_is_a_usage_error(cli):
    result = cli("check", str(CONTRACTS), "--resume")
    assert result.exit_code == 2 and "--resume needs --store" in result.output


def test_a_file_that_is_not_a_store_is_refused_with_one_line(cli, tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("just some notes\n" * 200, encoding="utf-8")
    result = cli("report", "--store", str(bogus))
    assert result.exit_code == 2
    assert "not a checker results store" in result.output and "Traceback" not in result.output


# A child process checks slowly into a store (each check logged to a file) until it is killed.
CHILD = textwrap.dedent("""
    import sys, time
    from checker.api import check_file, record_into_store
    from checker.settings import Settings

    folder, store, log = sys.argv[1:4]

    def slow(path, settings, digest=None):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(path + "\\n")
        time.sleep(0.05)
        return check_file(path, settings)

    settings = Settings(profile="civil-code", use_cache=False, executor="inprocess", quiet=True)
    record_into_store([folder], settings, store, resume="--resume" in sys.argv, check_one=slow)
""")


def _rows(store: Path) -> int:
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_killed_run_resumed_ends_with_every_document_recorded_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    texts = sorted(p for p in CONTRACTS.iterdir() if p.suffix in (".txt", ".md"))
    total = 60
    for n in range(total):
        source = texts[n % len(texts)]
        (folder / f"{n:03d}{source.suffix}").write_bytes(source.read_bytes() + f"\n# copy {n}\n".encode())
    store, log = tmp_path / "r.db", tmp_path / "checked.log"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(store), str(log)])
    deadline = time.monotonic() + 60
    while _rows(store) < 20 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    recorded_before = _rows(store)
    assert 20 <= recorded_before < total, "the run should have been killed mid-way"

    subprocess.run([sys.executable, "-c", CHILD, str(folder), str(store), str(log), "--resume"], check=True)

    with sqlite3.connect(store) as db:
        paths = [row[0] for row in db.execute("SELECT path FROM documents")]
        statuses = {row[0] for row in db.execute("SELECT status FROM documents")}
    assert sorted(paths) == sorted(str(p) for p in folder.iterdir())  # each exactly once
    assert statuses == {"checked"}
    checks = log.read_text(encoding="utf-8").splitlines()
    lost = len(checks) - total  # documents checked before the kill but not yet committed
    from checker.batch.recording import CHUNK
    assert 0 <= lost <= CHUNK


def test_resume_over_object_storage_skips_objects_whose_fingerprint_is_unchanged(tmp_path):
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    for source in sorted(CONTRACTS.glob("*.txt")) + sorted(CONTRACTS.glob("*.md")):
        memory.pipe(f"/resume-bucket/in/{source.name}", source.read_bytes())
    store = str(tmp_path / "r.db")
    try:
        assert record_into_store(["memory://resume-bucket/in/"], SETTINGS, store)["recorded"] == 2
        memory.pipe("/resume-bucket/in/employer-loan.md", (CONTRACTS / "employer-loan.md").read_bytes() + b"\n")
        again = record_into_store(["memory://resume-bucket/in/"], SETTINGS, store, resume=True)
        assert (again["recorded"], again["skipped"]) == (1, 1)
    finally:
        memory.rm("/resume-bucket", recursive=True)
