"""The results store: chunks commit whole, re-checks replace, readers read while a run writes,
a killed run keeps what it committed, and files that are not a store are refused in one line."""
import hashlib
import signal
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest

from checker.api import check_file
from checker.errors import ErrorKind, UsageError
from checker.model import DocumentResult, Finding, Severity
from checker.settings import Settings
from checker.store import SCHEMA_VERSION, ResultStore, content_hash
from sample_files import contract_files

KEY = "pack1:civil-code:360"
OTHER_KEY = "pack2:civil-code:360"


@pytest.fixture(scope="module")
def sample_results():
    """(path, content_hash, result) for every sample contract, checked for real."""
    settings = Settings(jobs=1, use_cache=False)
    files = contract_files()
    return [(str(p), content_hash(p), check_file(str(p), settings)) for p in files]


@pytest.fixture
def store(tmp_path):
    with ResultStore.open(str(tmp_path / "results.db")) as opened:
        yield opened


def new_run(store, key=KEY):
    return store.begin_run(settings_key=key, pack_digest=key.split(":")[0], version="0.test",
                           profile="civil-code", argv=["check", "contracts/"])


def result(path, status="checked", error=None, findings=(), **facts):
    return DocumentResult(path=path, status=status, error=error, pages=1, facts=facts, findings=tuple(findings))


def finding(rule_id, severity=Severity.HIGH, waived=False):
    return Finding(rule_id=rule_id, severity=severity, title="t", message="m", clause="第七条", clause_path="7",
                   page=1, fingerprint=f"fp-{rule_id}", waived=waived)


def test_round_trip_gives_back_the_checked_results_in_path_order(store, sample_results):
    run = new_run(store)
    store.record(run, list(reversed(sample_results)))
    assert list(store.documents(KEY)) == [r for _, _, r in sorted(sample_results)]
    assert any(r.findings for _, _, r in sample_results)


def test_documents_default_to_the_latest_runs_settings_key(store):
    store.record(new_run(store, KEY), [("a.txt", "h1", result("a.txt", loan_amount=1.0))])
    store.record(new_run(store, OTHER_KEY), [("a.txt", "h1", result("a.txt", loan_amount=2.0))])
    assert [d.facts["loan_amount"] for d in store.documents()] == [2.0]
    assert [d.facts["loan_amount"] for d in store.documents(KEY)] == [1.0]


def test_an_empty_store_has_no_documents(store):
    assert list(store.documents()) == []


def test_a_failure_mid_chunk_leaves_nothing_of_that_chunk(store):
    run = new_run(store)
    store.record(run, [("a.txt", "h1", result("a.txt"))])
    unserialisable = result("c.txt", loan_amount=object())
    chunk = [("b.txt", "h2", result("b.txt", findings=[finding("r1")])), ("c.txt", "h3", unserialisable)]
    with pytest.raises(TypeError):
        store.record(run, chunk)
    assert [d.path for d in store.documents(KEY)] == ["a.txt"]
    assert store._conn.execute("SELECT count(*) FROM findings").fetchone()[0] == 0
    assert store.runs()[0]["counts"]["documents"] == 1
    store.record(run, chunk[:1])  # the store is still usable after the failed chunk
    assert [d.path for d in store.documents(KEY)] == ["a.txt", "b.txt"]


def test_recorded_needs_the_same_content_hash(store):
    store.record(new_run(store), [("a.txt", "h1", result("a.txt")), ("b.txt", "h2", result("b.txt"))])
    assert store.recorded([("a.txt", "h1"), ("b.txt", "changed"), ("new.txt", "h9")], KEY) == {"a.txt"}


def test_recorded_needs_the_same_settings_key(store):
    store.record(new_run(store), [("a.txt", "h1", result("a.txt"))])
    assert store.recorded([("a.txt", "h1")], OTHER_KEY) == set()


def test_a_file_recorded_without_a_hash_is_never_skipped(store):
    store.record(new_run(store), [("a.txt", None, result("a.txt"))])
    assert store.recorded([("a.txt", "h1")], KEY) == set()


def test_document_errors_count_as_done_but_run_failures_do_not(store):
    errors = {
        "encrypted.pdf": ("the PDF is encrypted", ErrorKind.ENCRYPTED),
        "crash.pdf": ("internal error while checking: ValueError: boom", ErrorKind.INTERNAL),
        "late.pdf": ("not checked: the run was interrupted", ErrorKind.INTERRUPTED),
        "died.pdf": ("the worker process stopped while reading this file (a crash in a document library?)",
                     ErrorKind.WORKER_DIED),
        "slow.pdf": ("time limit of 60 s exceeded", ErrorKind.TIMEOUT),
    }
    store.record(new_run(store), [(p, "h", replace(result(p, status="error", error=e), error_kind=k))
                                  for p, (e, k) in errors.items()])
    assert store.recorded([(p, "h") for p in errors], KEY) == {"encrypted.pdf"}


def test_an_error_row_carries_its_kind_as_a_column(store, tmp_path):
    store.record(new_run(store), [
        ("locked.pdf", "h1", replace(result("locked.pdf", status="error", error="the PDF is encrypted"),
                                     error_kind=ErrorKind.ENCRYPTED)),
        ("fine.pdf", "h2", result("fine.pdf"))])
    with sqlite3.connect(str(tmp_path / "results.db")) as conn:
        rows = dict(conn.execute("SELECT path, error_kind FROM documents"))
    assert rows == {"locked.pdf": "encrypted", "fine.pdf": None}


def test_a_schema_1_store_gains_the_error_kind_column_and_keeps_its_rows(tmp_path):
    path = str(tmp_path / "old.db")
    with ResultStore.open(path) as opened:
        opened.record(new_run(opened), [("old.pdf", "h0", result("old.pdf"))])
    with sqlite3.connect(path) as conn:  # as a schema-1 checker left it
        conn.execute("ALTER TABLE documents DROP COLUMN error_kind")
        conn.execute("PRAGMA user_version = 1")
    with ResultStore.open(path) as opened:
        opened.record(new_run(opened), [("bad.pdf", "h1", replace(result("bad.pdf", status="error", error="corrupt"),
                                                                  error_kind=ErrorKind.CORRUPT))])
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        assert dict(conn.execute("SELECT path, error_kind FROM documents")) == {"old.pdf": None, "bad.pdf": "corrupt"}


def test_recorded_answers_for_more_paths_than_one_query_can_bind(store):
    items = [(f"doc{i:05}.txt", f"h{i}") for i in range(1200)]
    store.record(new_run(store), [(p, h, result(p)) for p, h in items])
    assert store.recorded(items, KEY) == {p for p, _ in items}


def test_a_recheck_replaces_the_row_and_its_findings_never_duplicates(store):
    run = new_run(store)
    store.record(run, [("a.txt", "h1", result("a.txt", findings=[finding("r1"), finding("r2")]))])
    store.record(new_run(store), [("a.txt", "h2", result("a.txt", findings=[finding("r3")]))])
    rows = store._conn.execute("SELECT count(*), content_hash FROM documents").fetchone()
    assert rows == (1, "h2")
    assert [r for (r,) in store._conn.execute("SELECT rule_id FROM findings")] == ["r3"]


def test_the_same_path_under_another_key_is_a_separate_row(store):
    store.record(new_run(store, KEY), [("a.txt", "h1", result("a.txt"))])
    store.record(new_run(store, OTHER_KEY), [("a.txt", "h1", result("a.txt"))])
    assert store._conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_summary_columns_count_only_findings_that_are_not_waived(store):
    findings = [finding("r1", Severity.CRITICAL, waived=True), finding("r2", Severity.MEDIUM), finding("r3", Severity.LOW)]
    store.record(new_run(store), [("a.txt", "h1", result("a.txt", findings=findings))])
    assert store._conn.execute("SELECT findings, max_severity FROM documents").fetchone() == (2, "medium")


def test_findings_can_be_counted_per_rule_in_sql(store, sample_results):
    store.record(new_run(store), sample_results)
    counted = dict(store._conn.execute("SELECT rule_id, count(*) FROM findings GROUP BY rule_id"))
    expected: dict[str, int] = {}
    for _, _, r in sample_results:
        for f in r.findings:
            expected[f.rule_id] = expected.get(f.rule_id, 0) + 1
    assert counted == expected


def test_runs_keep_their_own_counts_and_finish_stamp(store):
    first = new_run(store)
    store.record(first, [("a.txt", "h1", result("a.txt", findings=[finding("r1")])),
                         ("b.txt", "h2", result("b.txt", status="error", error="no text"))])
    store.finish_run(first)
    new_run(store)
    runs = store.runs()
    assert runs[0]["counts"] == {"documents": 2, "checked": 1, "errors": 1, "findings": 1}
    assert runs[0]["finished"] is not None and runs[1]["finished"] is None
    assert runs[0]["argv"] == ["check", "contracts/"] and runs[0]["settings_key"] == KEY


def test_the_store_is_in_wal_mode(store):
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_reader_reads_committed_chunks_while_the_writer_is_mid_chunk(tmp_path):
    path = str(tmp_path / "results.db")
    with ResultStore.open(path) as writer:
        run = new_run(writer)
        writer.record(run, [("a.txt", "h1", result("a.txt"))])
        with writer._write():  # a chunk in flight: the write lock is held, nothing committed
            writer._record_one(run, KEY, "now", "b.txt", "h2", result("b.txt"))
            with ResultStore.open(path, create=False) as reader:
                assert [d.path for d in reader.documents()] == ["a.txt"]
        with ResultStore.open(path, create=False) as reader:
            assert [d.path for d in reader.documents()] == ["a.txt", "b.txt"]


CHILD = textwrap.dedent("""
    import sys
    from checker.model import DocumentResult
    from checker.store import ResultStore
    store = ResultStore.open(sys.argv[1])
    run = store.begin_run(settings_key="k", pack_digest="p", version="v", profile="x", argv=[])
    for chunk in range(10**6):
        items = [(f"{chunk:07}-{i}.txt", "h", DocumentResult(path=f"{chunk:07}-{i}.txt", status="checked",
                  facts={"pad": "x" * 2000})) for i in range(4)]
        store.record(run, items)
        print(chunk + 1, flush=True)
""")


def test_a_killed_writer_leaves_a_readable_store_with_every_committed_chunk(tmp_path):
    path = str(tmp_path / "results.db")
    child = subprocess.Popen([sys.executable, "-c", CHILD, path], stdout=subprocess.PIPE, text=True)
    try:
        committed = 0
        while committed < 25:
            committed = int(child.stdout.readline())
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL
    with ResultStore.open(path, create=False) as reader:
        paths = [d.path for d in reader.documents()]
        assert reader._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert reader.runs()[0]["finished"] is None
    assert len(paths) >= committed * 4 and len(paths) % 4 == 0  # whole chunks only
    assert paths == sorted(f"{c:07}-{i}.txt" for c in range(len(paths) // 4) for i in range(4))


def test_a_file_that_is_not_sqlite_is_refused_in_one_line(tmp_path):
    path = tmp_path / "results.db"
    path.write_text("这不是数据库\n" * 200, encoding="utf-8")
    for create in (True, False):
        with pytest.raises(UsageError) as caught:
            ResultStore.open(str(path), create=create)
        assert caught.value.message == f"{path}: not a checker results store"


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(UsageError, match="not a checker results store"):
        ResultStore.open(str(path))
    with sqlite3.connect(path) as conn:
        assert [n for (n,) in conn.execute("SELECT name FROM sqlite_schema")] == ["t"]


def test_a_newer_schema_is_refused(tmp_path):
    path = str(tmp_path / "results.db")
    ResultStore.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(UsageError, match="newer than this checker reads"):
        ResultStore.open(path)


def test_a_reader_does_not_create_a_missing_store(tmp_path):
    path = tmp_path / "missing.db"
    with pytest.raises(UsageError, match="cannot open: no such file"):
        ResultStore.open(str(path), create=False)
    assert not path.exists()


def test_a_store_in_a_missing_folder_cannot_be_opened(tmp_path):
    with pytest.raises(UsageError, match="cannot open"):
        ResultStore.open(str(tmp_path / "no" / "such" / "results.db"))


def test_reopening_a_store_keeps_its_data(tmp_path):
    path = str(tmp_path / "results.db")
    with ResultStore.open(path) as first:
        first.record(new_run(first), [("a.txt", "h1", result("a.txt"))])
    with ResultStore.open(path) as again:
        assert [d.path for d in again.documents()] == ["a.txt"]


def test_content_hash_is_the_sha256_of_the_file_bytes(tmp_path):
    data = b"\x00\xff" * (1 << 20) + b"tail"  # more than one read block
    (tmp_path / "f.bin").write_bytes(data)
    expected = hashlib.sha256(data).hexdigest()
    assert content_hash(tmp_path / "f.bin") == content_hash(str(tmp_path / "f.bin")) == content_hash(data) == expected


def test_facts_can_be_queried_as_json_in_sql(store):
    store.record(new_run(store), [("a.txt", "h1", result("a.txt", interest_rate_annual_pct=24.0))])
    query = "SELECT path, json_extract(facts, '$.interest_rate_annual_pct') FROM documents"
    assert store._conn.execute(query).fetchall() == [("a.txt", 24.0)]
