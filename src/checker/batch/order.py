"""The order a batch hands its files to the workers: largest first.

Workers take the next file when they finish one, so a long contract that comes last in a
folder runs alone while the other workers idle. Handing out the largest files first
(longest-processing-time-first scheduling) leaves only small ones for the end of a run; a
file's size in bytes stands for the work it needs. A stream of paths (a results store over a
huge folder) is ordered within a sliding window, so memory stays bounded and the first file
starts after at most ``window`` size lookups. Results keep their input positions.
"""
from __future__ import annotations

import heapq
import os
from typing import Iterable, Iterator

from ..urls import is_url

WINDOW = 256


def largest_first(paths: Iterable[str], window: int = WINDOW) -> Iterator[tuple[int, str]]:
    """(input position, path) for every path, the largest of the next ``window`` first; ties,
    URLs and files that cannot be read keep their input order."""
    waiting: list[tuple[int, int, str]] = []
    for index, path in enumerate(paths):
        heapq.heappush(waiting, (-_size(path), index, path))
        if len(waiting) >= window:
            _, index, path = heapq.heappop(waiting)
            yield index, path
    while waiting:
        _, index, path = heapq.heappop(waiting)
        yield index, path


def _size(path: str) -> int:
    if is_url(path):
        return 0
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # checked in its turn, where it fails with its reason
