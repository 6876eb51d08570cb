"""Streaming a batch into a results store: one transaction per chunk, and ``--resume``.

The recorder sits between the batch and ``checker.store.ResultStore``: it buffers finished
documents and writes them a chunk at a time (``CHUNK`` documents, or sooner when
``FLUSH_SECONDS`` have passed, so a slow run loses little when killed), and it answers the
batch's question "is this file already done?" for ``--resume`` by the file's content hash.

A content hash is the SHA-256 of a local file's bytes. For object storage (s3://...) it is the
filesystem's own fingerprint of the object (fsspec ``ukey``: the ETag for S3), so resuming a
run over a bucket does not download every object twice.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..digest import file_digest
from ..model import DocumentResult
from ..urls import is_url
from .sources import object_key

if TYPE_CHECKING:
    from ..store import ResultStore

CHUNK = 16
FLUSH_SECONDS = 2.0


class Recorder:
    """Writes results into ``store`` under ``run_id``; with ``resume``, skips files already done."""

    def __init__(self, store: "ResultStore", run_id: int, settings_key: str, *, resume: bool = False,
                 chunk: int = CHUNK):
        self.store, self.run_id, self.settings_key = store, run_id, settings_key
        self.resume, self.chunk = resume, chunk
        self.buffer: list[tuple[str, str | None, DocumentResult]] = []
        self.hashes: dict[str, str | None] = {}  # only for files seen but not yet recorded
        self.last_flush = time.monotonic()
        self.recorded = self.skipped = 0

    def skip(self, path: str, digest: str | None = None) -> bool:
        """True when ``--resume`` may skip ``path``: recorded with the same bytes and settings.
        ``digest``: the file's sha256 when the batch has taken it (a URL's key is its object's)."""
        digest = self.hashes[path] = digest or content_key(path)
        if not self.resume or digest is None:
            return False
        done = bool(self.store.recorded([(path, digest)], self.settings_key))
        if done:
            del self.hashes[path]
            self.skipped += 1
        return done

    def add(self, path: str, result: DocumentResult) -> None:
        digest = self.hashes.pop(path, None)
        self.buffer.append((path, digest, result))
        if len(self.buffer) >= self.chunk or time.monotonic() - self.last_flush > FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write the buffered documents in one transaction."""
        if self.buffer:
            self.store.record(self.run_id, self.buffer)
            self.recorded += len(self.buffer)
            self.buffer = []
        self.last_flush = time.monotonic()


def content_key(path: str) -> str | None:
    """The content hash ``--resume`` compares; None when the file cannot be read (it is then
    checked, and its error recorded)."""
    if not is_url(path):
        try:
            return file_digest(path)
        except OSError:
            return None
    try:
        return object_key(path)
    except Exception:  # noqa: BLE001 - an unreachable object is checked, and fails with its reason
        return None
