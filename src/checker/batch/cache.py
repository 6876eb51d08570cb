"""A content-addressed cache of document results.

An entry is keyed by the file's bytes, a digest of everything else that shapes the result
(rule pack, profile, parameters, the checker's own code and vocabularies: the caller's
``key``) and the checker version, so a cached result can never be stale: any change is a
different key. Entries are JSON files written
atomically; a corrupt or unreadable entry is a miss, never an error, and so is an entry that
does not match the result schema (``checker.serialize.document_from_dict`` checks every field): it is
checked again, never rendered. What the cache cannot tell is a well-formed entry forged by
someone who may write the cache folder: the README says who must own it.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import replace

from .. import __version__
from ..model import DocumentResult
from ..paths import cache_dir
from ..serialize import document_from_dict, document_to_dict

FORMAT = 7  # bump when the stored shape changes (2: findings keep their text span; 3: the JSON report's shape;
           # 4: notes are codes + values; 5: profile_note, the regime reason in both languages;
           # 6: error results keep their error_kind;
           # 7: English messages call the text before the first clause the preamble)
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # a real entry is kilobytes; a larger one is not read


class ResultCache:
    """get/put DocumentResults for files under one settings key."""

    def __init__(self, key: str, folder: str | None = None):
        self.key = key
        self.folder = os.path.join(folder or cache_dir(), f"results-v{FORMAT}")

    def entry_id(self, file_digest: str) -> str:
        """The entry name for a file whose bytes have the sha256 ``file_digest``."""
        text = f"{file_digest}\0{self.key}\0{__version__}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, entry: str, path: str) -> DocumentResult | None:
        """The stored result with its path set to ``path`` as given now, or None."""
        try:
            target = self._file(entry)
            if os.path.getsize(target) > MAX_ENTRY_BYTES:
                return None
            with open(target, encoding="utf-8") as fh:
                data = json.load(fh)
            if data.get("version") != __version__:
                return None
            # validated field by field: an entry is only as trustworthy as the cache folder's writers
            return replace(document_from_dict(data["result"]), path=path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None

    def put(self, entry: str, result: DocumentResult) -> None:
        """Store a result; a full disk or read-only cache folder only costs the speed-up."""
        target = self._file(entry)
        try:
            text = json.dumps({"version": __version__, "result": document_to_dict(result)}, ensure_ascii=False)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(text)
                os.replace(tmp, target)
            except BaseException:
                os.unlink(tmp)
                raise
        except (OSError, TypeError, ValueError):
            pass

    def _file(self, entry: str) -> str:
        return os.path.join(self.folder, entry[:2], f"{entry}.json")
