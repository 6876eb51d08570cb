"""A bounded look at a PDF's compressed streams before any PDF library inflates them.

PDF libraries inflate a stream whole and trust its dictionary, so a 1 MB file can hold a
FlateDecode stream of 1 GiB that is read, held and checked as if it were normal. Every stream
of a PDF appears in the file's bytes (streams are never inside object streams), so scanning
for ``stream`` keywords and inflating what follows a chunk at a time, never holding the output,
finds such a stream at the cost of the inflation alone. Streams that are not zlib data (images,
encrypted files) fail at their first bytes and are left to the reader.
"""
from __future__ import annotations

import mmap
import re
import zlib
from pathlib import Path

from checker.errors import DocumentError, ErrorKind
from checker.limits import Limits

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
IN_CHUNK = 64 * 1024
OUT_CHUNK = 1 << 20


def check_streams(path: Path, limits: Limits) -> None:
    """DocumentError when a stream of the PDF at ``path`` inflates past ``limits.part_bytes``."""
    with open(path, "rb") as fh:
        try:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file: the reader says so
            return
        with data:
            for match in _STREAM.finditer(data):
                size = _inflated_size(data, match.end(), limits.part_bytes)
                if size > limits.part_bytes:
                    raise DocumentError(str(path), f"a compressed stream inflates to more than {limits.part_bytes:,} "
                                                   "bytes (limits.part_bytes in checker.yaml)", ErrorKind.TOO_LARGE)


def _inflated_size(data: mmap.mmap, start: int, limit: int) -> int:
    """Bytes the zlib data at ``start`` inflates to, counted up to just past ``limit``; 0 for
    data that is not zlib."""
    inflater = zlib.decompressobj()
    total, pos = 0, start
    try:
        while not inflater.eof and pos < len(data):
            pending = data[pos:pos + IN_CHUNK]
            pos += IN_CHUNK
            while pending and not inflater.eof:
                total += len(inflater.decompress(pending, OUT_CHUNK))
                if total > limit:
                    return total
                pending = inflater.unconsumed_tail
    except zlib.error:
        return total
    return total
