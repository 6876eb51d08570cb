"""The one content hash: sha256 of a file's bytes, read in 1 MiB blocks. The batch takes it
once per file and hands it to the result cache, the results store and the reader (the OCR
page cache), so no file is hashed twice. ``code_digest``: the same over the checker's own
code and data, so that a result cached by other code is never read back."""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

BLOCK = 1 << 20


def file_digest(path: str | os.PathLike[str]) -> str:
    """sha256 hex of the file's bytes. Raises OSError when it cannot be read."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


_CODE_SUFFIXES = (".py", ".yaml", ".json", ".csv")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """sha256 hex over the checker package's source and data files (names and bytes): the
    version string stays 0.1.0 across commits, and an install from git at another commit, or an
    edited checkout, reads contracts with other code and other vocabularies."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()
