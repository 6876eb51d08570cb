"""Which files a run checks: named files, folders searched recursively, and glob patterns.

Paths stay as the user spelled them (relative stays relative) because reports, waivers and
baselines all key on them. The result is de-duplicated and sorted so that two runs over the
same tree list documents in the same order.
"""
from __future__ import annotations

import fnmatch
import glob
import os
from typing import Iterable

from ..errors import UsageError

# .xml (Word XML) is read when named, but a folder's .xml files are rarely contracts
CONTRACT_SUFFIXES: tuple[str, ...] = (".pdf", ".docx", ".doc", ".txt", ".md", ".html", ".htm")
SKIPPED_FOLDERS = frozenset({".venv", "venv", "node_modules", "__pycache__"})


def discover(paths: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Contract files under ``paths``, less those matching an ``exclude`` glob. A file named
    explicitly is always checked (a wrong type becomes an error result later); folders and globs
    contribute only contract suffixes. Raises UsageError for a path that is neither a file, a
    folder nor a matching glob, and for a folder or glob holding no contract file: a CI gate
    must not pass having checked nothing. Files left out by ``exclude`` are not an error."""
    patterns = tuple(exclude)
    found: dict[str, str] = {}  # normalised -> first spelling seen
    for path in paths:
        files = _expand(path)
        if not files:
            raise UsageError(f"{path}: no contract files found (looked for {', '.join(CONTRACT_SUFFIXES)})")
        for file in files:
            if not excluded(file, patterns):
                found.setdefault(os.path.normpath(file), file)
    return sorted(found.values(), key=_sort_key)


def excluded(path: str, patterns: Iterable[str]) -> bool:
    """Whether ``path`` matches one of the ``exclude`` globs, gitignore-style: ``docs/`` or
    ``docs/**`` a folder, ``*.md`` a name in any folder, ``**/drafts/*`` at any depth."""
    rel = _relative(path)
    name = rel.rsplit("/", 1)[-1]
    for pattern in patterns:
        pat = pattern.strip().replace("\\", "/").removeprefix("./")
        if not pat:
            continue
        folder = pat.rstrip("/").removesuffix("/**")
        if rel.startswith(folder + "/") and not glob.has_magic(folder):
            return True
        if "/" not in pat.rstrip("/"):
            if fnmatch.fnmatch(name, pat) or any(fnmatch.fnmatch(part, pat.rstrip("/")) for part in rel.split("/")[:-1]):
                return True
            continue
        if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(rel, pat.replace("**/", "")):
            return True
    return False


def _relative(path: str) -> str:
    """The path as exclude globs see it: relative to the working folder when under it, with /."""
    norm = os.path.normpath(path)
    if os.path.isabs(norm):
        rel = os.path.relpath(norm)
        norm = norm if rel.startswith("..") else rel
    return norm.replace("\\", "/")


def is_contract(name: str) -> bool:
    base = os.path.basename(name)
    return base.lower().endswith(CONTRACT_SUFFIXES) and not base.startswith((".", "~$"))


def _expand(path: str) -> list[str]:
    if os.path.isfile(path):
        return [path]
    if os.path.isdir(path):
        return list(_walk(path))
    if glob.has_magic(path):
        matches = sorted(glob.glob(path, recursive=True))
        if matches:
            return [f for m in matches for f in ([m] if os.path.isfile(m) and is_contract(m) else
                                                  _walk(m) if os.path.isdir(m) else [])]
    raise UsageError(f"no such file or folder: {path}")


def _walk(folder: str) -> Iterable[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS]
        for name in files:
            if is_contract(name):
                yield os.path.join(root, name)


def _sort_key(path: str) -> tuple[str, ...]:
    # Compare folder by folder so "a/b.pdf" and "a-b.pdf" order the same on every platform.
    return tuple(os.path.normpath(path).replace("\\", "/").split("/"))
