"""The results store: every document's result in one SQLite file (``--store results.db``).

A long run streams results into the store as each chunk of documents finishes, one transaction
per chunk, so a run killed at any moment (even SIGKILL) loses at most the chunk in flight and
leaves a store that opens and reads. ``--resume`` asks the store which files are already done
(same path, same file bytes, same settings key), and ``checker report --store`` writes reports
from the store without checking anything again.

Durability and concurrency. The database is in WAL mode with ``synchronous=NORMAL``: a
committed chunk survives the process being killed (it may be lost only if the operating system
itself crashes before the next checkpoint). There is one writer, the run; any number of
readers (a ``checker report`` while the run goes on) read the last committed chunk without
waiting for the writer and without blocking it. ``busy_timeout`` makes a second writer wait
rather than fail at once.

The schema (``PRAGMA user_version`` = ``SCHEMA_VERSION``, ``PRAGMA application_id`` =
``APPLICATION_ID`` marks the file as ours)::

    runs(id, started, finished, settings_key, pack_digest, version, profile, argv,
         documents, checked, errors, findings)
        -- started/finished: ISO 8601 UTC; argv: JSON list; the four counts are what this
        -- run recorded (a later run that re-checks a file does not change them)
    documents(id, path, settings_key, content_hash, status, error, error_kind, done, findings,
              max_severity, run_id, recorded, facts, result)
        -- one row per (path, settings_key): a re-check replaces the row, never adds one.
        -- status: "checked" | "skipped" | "error"; error_kind: an error's code (checker.errors.
        --   ErrorKind: encrypted, corrupt, timeout, ...; NULL for other rows and for rows a
        --   schema-1 store recorded); done: 1 when --resume may skip the file (see below);
        -- findings / max_severity: over the findings that are not waived (NULL when none);
        -- facts: the document's facts as JSON text (json_extract works on it);
        -- result: the rest of the DocumentResult (checker.serialize) as zlib-compressed
        --   JSON: findings repeat their rule's legal basis and remediation, so compression
        --   nearly halves the store (4.1 KB a document on the samples, not 7.3 KB)
    findings(document_id, rule_id, severity, clause, clause_path, page, fingerprint, waived)
        -- one row per finding of the document's current result

Which errors count as done. A ``checked`` document is done. An ``error`` document is done
too when the error is about the file (encrypted, corrupt, no text): checking it again would
give the same answer. An error that says the run, not the file, failed is not done, so
``--resume`` tries the file again: see ``TRANSIENT_ERRORS`` (the error kinds internal,
interrupted, worker-died, timeout).

Example queries (``sqlite3 results.db``)::

    -- findings per rule in the latest run's settings
    SELECT f.rule_id, f.severity, count(*) AS n FROM findings f
      JOIN documents d ON d.id = f.document_id
     WHERE d.settings_key = (SELECT settings_key FROM runs ORDER BY id DESC LIMIT 1)
     GROUP BY f.rule_id ORDER BY n DESC;
    -- the documents with a critical finding
    SELECT path FROM documents WHERE max_severity = 'critical' ORDER BY path;
    -- files that could not be read, and why
    SELECT path, error_kind, error FROM documents WHERE status = 'error';
    -- how many failed of each kind
    SELECT error_kind, count(*) FROM documents WHERE status = 'error' GROUP BY error_kind;
    -- a fact of every document (the JSON is queryable too)
    SELECT path, json_extract(facts, '$.interest_rate_annual_pct') FROM documents;
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Iterator, Sequence

from dataclasses import replace

from .digest import file_digest
from .serialize import InvalidResult, document_from_dict, document_to_dict
from .errors import ErrorKind, UsageError
from .model import DocumentResult, Finding

SCHEMA_VERSION = 2  # 2: documents.error_kind
APPLICATION_ID = 0x43484B52  # "CHKR"
BUSY_TIMEOUT_MS = 30_000
QUERY_BATCH = 500  # paths per IN (...) query: well under SQLite's bound-parameter limit
FETCH_BATCH = 256
ZLIB_LEVEL = 6
PAGE_SIZE = 8192

# Error kinds that blame the run rather than the file: --resume checks such a file again.
TRANSIENT_ERRORS = frozenset({ErrorKind.INTERNAL, ErrorKind.INTERRUPTED, ErrorKind.WORKER_DIED, ErrorKind.TIMEOUT})

_SCHEMA = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    settings_key TEXT NOT NULL,
    pack_digest TEXT NOT NULL,
    version TEXT NOT NULL,
    profile TEXT NOT NULL,
    argv TEXT NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0,
    checked INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    findings INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    settings_key TEXT NOT NULL,
    content_hash TEXT,
    status TEXT NOT NULL,
    error TEXT,
    error_kind TEXT,
    done INTEGER NOT NULL,
    findings INTEGER NOT NULL,
    max_severity TEXT,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    recorded TEXT NOT NULL,
    facts TEXT NOT NULL,
    result BLOB NOT NULL,
    UNIQUE (settings_key, path)
);
CREATE TABLE findings (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    rule_id TEXT NOT NULL,
    severity TEXT NOT NULL,
    clause TEXT NOT NULL,
    clause_path TEXT NOT NULL,
    page INTEGER,
    fingerprint TEXT NOT NULL,
    waived INTEGER NOT NULL
);
CREATE INDEX findings_by_document ON findings(document_id);
CREATE INDEX findings_by_rule ON findings(rule_id);
"""

_UPSERT = """
INSERT INTO documents (path, settings_key, content_hash, status, error, error_kind, done, findings,
                       max_severity, run_id, recorded, facts, result)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (settings_key, path) DO UPDATE SET
    content_hash = excluded.content_hash, status = excluded.status, error = excluded.error,
    error_kind = excluded.error_kind, done = excluded.done, findings = excluded.findings, max_severity = excluded.max_severity,
    run_id = excluded.run_id, recorded = excluded.recorded, facts = excluded.facts,
    result = excluded.result
RETURNING id
"""


def content_hash(source: str | os.PathLike[str] | bytes) -> str:
    """sha256 hex of a file's bytes (read in 1 MiB blocks) or of the bytes given.

    Raises OSError when the file cannot be read: the caller decides (record it with no hash).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return hashlib.sha256(source).hexdigest()
    return file_digest(source)


def is_done(result: DocumentResult) -> bool:
    """Whether ``--resume`` may skip this result's file (see the module docstring)."""
    return result.status in ("checked", "skipped") or result.error_kind not in TRANSIENT_ERRORS


class ResultStore:
    """One open results store. Use ``ResultStore.open``; close it (or use it as a context manager)."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self._conn = conn
        self.path = path

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str, *, create: bool = True) -> "ResultStore":
        """Open (and with ``create``, create or migrate) the store at ``path``.

        Raises UsageError with a one-line reason: the file is not a results store, cannot be
        opened, or was written by a newer checker. ``create=False`` is for readers: the file
        must exist and nothing is written to it.
        """
        path = os.fspath(path)
        if not create and not os.path.isfile(path):
            raise UsageError(f"{path}: cannot open: no such file")
        try:
            conn = _connect(path, create)
        except sqlite3.Error as exc:
            raise UsageError(f"{path}: cannot open: {exc}") from None
        try:
            _prepare(conn, path, create)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if _not_a_database(exc):
                raise UsageError(f"{path}: not a checker results store") from None
            raise UsageError(f"{path}: cannot open: {exc}") from None
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "ResultStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def begin_run(self, *, settings_key: str, pack_digest: str, version: str, profile: str,
                  argv: Sequence[str]) -> int:
        """Add a run row and return its id (pass it to ``record`` and ``finish_run``)."""
        with self._write():
            cur = self._conn.execute(
                "INSERT INTO runs (started, settings_key, pack_digest, version, profile, argv)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (_now(), settings_key, pack_digest, version, profile, json.dumps(list(argv), ensure_ascii=False)))
            return int(cur.lastrowid)

    def record(self, run_id: int, items: Sequence[tuple[str, str | None, DocumentResult]]) -> None:
        """Store a chunk of (path, content_hash, result) in ONE transaction: all or nothing.

        The row for the same (path, run's settings key) is replaced, with its findings.
        ``path`` is the key (``result.path`` is stored inside the JSON as given).
        """
        if not items:
            return
        with self._write():
            key = self._run_key(run_id)
            counts = {"documents": 0, "checked": 0, "errors": 0, "findings": 0}
            stamp = _now()
            for path, digest, result in items:
                self._record_one(run_id, key, stamp, path, digest, result)
                counts["documents"] += 1
                counts["errors" if result.status == "error" else "checked"] += 1
                counts["findings"] += len(result.findings)
            self._conn.execute(
                "UPDATE runs SET documents = documents + ?, checked = checked + ?, errors = errors + ?,"
                " findings = findings + ? WHERE id = ?",
                (counts["documents"], counts["checked"], counts["errors"], counts["findings"], run_id))

    def finish_run(self, run_id: int) -> None:
        """Stamp the run as finished (a run without a stamp was killed or is still going)."""
        with self._write():
            self._conn.execute("UPDATE runs SET finished = ? WHERE id = ?", (_now(), run_id))

    # ------------------------------------------------------------------ reading

    def recorded(self, items: Sequence[tuple[str, str]], settings_key: str) -> set[str]:
        """The paths of ``items`` (path, content_hash) already done with that hash under the key."""
        wanted = {path: digest for path, digest in items if digest}
        found: set[str] = set()
        paths = list(wanted)
        try:
            for start in range(0, len(paths), QUERY_BATCH):
                batch = paths[start:start + QUERY_BATCH]
                marks = ",".join("?" * len(batch))
                rows = self._conn.execute(
                    f"SELECT path, content_hash FROM documents WHERE settings_key = ? AND done = 1"
                    f" AND path IN ({marks})", (settings_key, *batch))
                found.update(path for path, digest in rows if wanted[path] == digest)
        except sqlite3.Error as exc:
            raise UsageError(f"{self.path}: cannot read: {exc}") from None
        return found

    def documents(self, settings_key: str | None = None) -> Iterator[DocumentResult]:
        """The stored results under ``settings_key`` (default: the latest run's), in path order.

        Streamed from one cursor, so a million documents never sit in memory at once; the
        cursor reads one consistent snapshot even while a run keeps writing.
        """
        if settings_key is None:
            row = self._conn.execute("SELECT settings_key FROM runs ORDER BY id DESC LIMIT 1").fetchone()
            if row is None:
                return
            settings_key = row[0]
        cur = self._conn.execute("SELECT path, facts, result FROM documents WHERE settings_key = ? ORDER BY path",
                                 (settings_key,))
        try:
            while rows := cur.fetchmany(FETCH_BATCH):
                for path, facts, blob in rows:
                    yield _decode_or_error(path, facts, blob)
        finally:
            cur.close()

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first: id, started, finished, settings_key, pack_digest, profile,
        version, argv and counts (documents, checked, errors, findings recorded by that run)."""
        rows = self._conn.execute(
            "SELECT id, started, finished, settings_key, pack_digest, profile, version, argv,"
            " documents, checked, errors, findings FROM runs ORDER BY id").fetchall()
        return [{"id": r[0], "started": r[1], "finished": r[2], "settings_key": r[3], "pack_digest": r[4],
                 "profile": r[5], "version": r[6], "argv": json.loads(r[7]),
                 "counts": {"documents": r[8], "checked": r[9], "errors": r[10], "findings": r[11]}}
                for r in rows]

    # ------------------------------------------------------------------ internals

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction, taken up front (BEGIN IMMEDIATE) so it never deadlocks a reader."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise UsageError(f"{self.path}: cannot write: {exc}") from None
        try:
            yield
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise UsageError(f"{self.path}: cannot write: {exc}") from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def _run_key(self, run_id: int) -> str:
        row = self._conn.execute("SELECT settings_key FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise ValueError(f"no run {run_id} in {self.path}")
        return row[0]

    def _record_one(self, run_id: int, key: str, stamp: str, path: str, digest: str | None,
                    result: DocumentResult) -> None:
        open_findings = [f for f in result.findings if not f.waived]
        facts, blob = _encode(result)
        (doc_id,) = self._conn.execute(_UPSERT, (
            path, key, digest, result.status, result.error, _kind(result), int(is_done(result)), len(open_findings),
            _max_severity(open_findings), run_id, stamp, facts, blob)).fetchone()
        self._conn.execute("DELETE FROM findings WHERE document_id = ?", (doc_id,))
        self._conn.executemany(
            "INSERT INTO findings (document_id, rule_id, severity, clause, clause_path, page, fingerprint,"
            " waived) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, f.rule_id, f.severity.value, f.clause, f.clause_path, f.page, f.fingerprint, int(f.waived))
             for f in result.findings])


def _kind(result: DocumentResult) -> str | None:
    return ErrorKind(result.error_kind).value if result.status == "error" and result.error_kind else None


def _connect(path: str, create: bool) -> sqlite3.Connection:
    mode = "rwc" if create else "rw"
    uri = f"file:{_uri_path(path)}?mode={mode}"
    # isolation_level=None: transactions are begun and ended explicitly (see ResultStore._write).
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # a tampered store may hold text that is not UTF-8: shown replaced, never a crash
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    return conn


def _uri_path(path: str) -> str:
    from urllib.parse import quote
    return quote(os.path.abspath(path))


def _prepare(conn: sqlite3.Connection, path: str, create: bool) -> None:
    """Check the file is ours (or empty), refuse newer schemas, create the schema, set WAL."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]  # reads page 1: fails on non-SQLite
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    has_tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] > 0
    if app_id != APPLICATION_ID and (has_tables or version or app_id):
        raise UsageError(f"{path}: not a checker results store")
    if version > SCHEMA_VERSION:
        raise UsageError(f"{path}: results store schema {version} is newer than this checker reads"
                         f" ({SCHEMA_VERSION}); upgrade checker")
    if not create:
        if version == 0:
            raise UsageError(f"{path}: not a checker results store")
        return
    if version == 0 and not has_tables:
        # a row (~3.5 KB) overflows a 4 KB page and wastes the rest of the overflow page;
        # 8 KB pages (PAGE_SIZE) hold two rows each. Settable only before the first table and WAL.
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    if version < SCHEMA_VERSION:
        _migrate(conn, version)


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    """Bring the schema from ``version`` up to SCHEMA_VERSION in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
        if version == 0:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
        elif version < 2:  # rows recorded before keep NULL: their kind is inside the result
            conn.execute("ALTER TABLE documents ADD COLUMN error_kind TEXT")
        # later versions: `if version < 3: ALTER TABLE ...` here
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _not_a_database(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "encrypted" in text


def _encode(result: DocumentResult) -> tuple[str, bytes]:
    """(facts as JSON text, the rest of the result as zlib-compressed JSON)."""
    data = document_to_dict(result)
    facts = _json(data.pop("facts"))
    return facts, zlib.compress(_json(data).encode("utf-8"), ZLIB_LEVEL)


MAX_RESULT_BYTES = 64 * 1024 * 1024  # one stored result, inflated (a real one is kilobytes)


def _decode(facts: str, blob: bytes) -> DocumentResult:
    """The stored result, validated (checker.serialize.document_from_dict); InvalidResult otherwise."""
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(blob, MAX_RESULT_BYTES)
    except (zlib.error, TypeError) as exc:
        raise InvalidResult(f"not a stored result ({exc})") from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise InvalidResult(f"inflates past {MAX_RESULT_BYTES:,} bytes")
    if not isinstance(facts, str) or len(facts) > MAX_RESULT_BYTES:
        raise InvalidResult("facts: not JSON text")
    try:
        data = json.loads(raw)
        data["facts"] = json.loads(facts)
    except (ValueError, TypeError, RecursionError) as exc:
        raise InvalidResult(f"not JSON ({type(exc).__name__})") from None
    return document_from_dict(data)


def _decode_or_error(path: Any, facts: Any, blob: Any) -> DocumentResult:
    """A stored row as a result; a row that fails validation is an error result for its path
    (never rendered as it is), so a tampered store cannot forge, inject into or crash a report."""
    try:
        result = _decode(facts, blob)
    except InvalidResult as exc:
        shown = path if isinstance(path, str) else "?"
        return DocumentResult(path=shown, status="error", error_kind=ErrorKind.INVALID_RESULT,
                              error=f"the stored result is invalid ({exc}): check this file again")
    return result if result.path == path else replace(result, path=str(path))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _max_severity(findings: Sequence[Finding]) -> str | None:
    return max(findings, key=lambda f: f.severity.rank).severity.value if findings else None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
