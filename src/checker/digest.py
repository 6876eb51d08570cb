"""The one content hash: sha256 of a file's bytes, read in 1 MiB blocks. The batch takes it
once per file and hands it to the result cache, the results store and the reader (the OCR
page cache), so no file is hashed twice."""
from __future__ import annotations

import hashlib
import os

BLOCK = 1 << 20


def file_digest(path: str | os.PathLike[str]) -> str:
    """sha256 hex of the file's bytes. Raises OSError when it cannot be read."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()
