"""Inputs beyond local disk: contract files behind fsspec URLs (s3://bucket/prefix/, file://,
memory:// in tests).

A URL is listed lazily, one folder (one listing call) at a time, and each document is copied
to a local temporary file only while it is checked, so workers on other machines can read
from the same bucket. Credentials come from the environment only (for S3 the usual AWS
variables, config files or instance role): a URL carrying ``user:password@`` is refused, and
every URL shown in a message has its userinfo removed.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from typing import Any, Iterable, Iterator

from ..errors import ErrorKind, UsageError
from ..model import DocumentResult
from ..pipeline import check_file
from ..settings import Settings
from ..urls import is_url, redact
from .discover import SKIPPED_FOLDERS, discover, excluded, is_contract
from .executors import CheckOne, error_result

def list_urls(url: str) -> Iterator[str]:
    """Contract files under ``url``, as URLs spelled from it, sorted within each folder.

    A URL naming a file is always given back (a wrong type becomes an error result later);
    folders contribute only contract suffixes and skip hidden and tool folders. Raises
    UsageError when nothing exists at ``url``."""
    fs, root = _filesystem(url)
    if fs.isfile(root):
        yield url
        return
    base = url.rstrip("/")
    root = root.rstrip("/")
    walked = False
    for folder, dirs, files in fs.walk(root):
        walked = True
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        relative = folder.rstrip("/")[len(root):]
        for name in sorted(files):
            if is_contract(name):
                yield f"{base}{relative}/{name}"
    if not walked and not fs.isdir(root):
        raise UsageError(f"no such file or folder: {redact(url)}")


def expand_inputs(inputs: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[str]:
    """Local paths through ``discover`` (sorted, de-duplicated) first, then each URL's files;
    files matching an ``exclude`` glob are left out (for URLs, matched on the key after the bucket)."""
    inputs, exclude = list(inputs), tuple(exclude)
    local = [i for i in inputs if not is_url(i)]
    if local:
        yield from discover(local, exclude)
    for url in (i for i in inputs if is_url(i)):
        yield from (u for u in list_urls(url) if not exclude or not excluded(u.split("://", 1)[1].split("/", 1)[-1], exclude))


@contextmanager
def local_copy(url: str) -> Iterator[str]:
    """A local path holding the document at ``url``, with the same suffix (readers go by it):
    the path itself for file://, else a temporary copy removed afterwards. Raises OSError."""
    fs, path = _filesystem(url)
    if _is_local(fs):
        yield path
        return
    suffix = os.path.splitext(path.rstrip("/"))[1]
    fd, local = tempfile.mkstemp(prefix="checker-", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as out, fs.open(path, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
        yield local
    finally:
        os.unlink(local)


def check_url(url: str, settings: Settings, check_one: CheckOne | None = None) -> DocumentResult:
    """Check the document at ``url`` with ``check_one`` (default: checker.pipeline.check_file); the
    result names the URL (without userinfo), and a file that cannot be fetched is an error result."""
    check_one = check_one or check_file
    shown = redact(url)
    try:
        with local_copy(url) as local:
            result = check_one(local, settings, None)
    except UsageError as exc:
        return error_result(shown, str(exc), ErrorKind.UNREADABLE)
    except FileNotFoundError:
        return error_result(shown, "cannot read: not found", ErrorKind.NOT_FOUND)
    except PermissionError:
        return error_result(shown, "cannot read: access denied (check the credentials in the environment)",
                            ErrorKind.UNREADABLE)
    except OSError as exc:  # a network that timed out is the run's trouble, not the file's: --resume tries again
        kind = ErrorKind.TIMEOUT if isinstance(exc, TimeoutError) else ErrorKind.UNREADABLE
        return error_result(shown, f"cannot read: {' '.join(str(exc).split())[:200] or type(exc).__name__}", kind)
    return _renamed(result, local, shown)


def _renamed(result: DocumentResult, local: str, shown: str) -> DocumentResult:
    """The result as if the document had been read at ``shown``: the path, messages and the
    finding fingerprints (which hash the path, and must not hash a random temporary name)."""
    from ..findings.fingerprint import finding_fingerprint
    findings = tuple(replace(f, fingerprint=finding_fingerprint(shown, f.rule_id, f.clause_path, f.evidence))
                     for f in result.findings)
    error = result.error.replace(local, shown) if result.error else result.error
    return replace(result, path=shown, error=error, findings=findings)


def check_path(path: str, settings: Settings, digest: str | None = None,
               check_one: CheckOne | None = None) -> DocumentResult:
    """A URL through ``check_url``, anything else straight to ``check_one`` (with the digest the
    batch took of a local file; a URL's object is hashed, if at all, from its local copy)."""
    if is_url(path):
        return check_url(path, settings, check_one)
    return (check_one or check_file)(path, settings, digest)


def url_aware(check_one: CheckOne | None = None) -> CheckOne:
    """A CheckOne that also takes URLs; picklable when ``check_one`` is (module level)."""
    return partial(check_path, check_one=check_one)


def object_key(url: str) -> str:
    """The filesystem's fingerprint of the object at ``url`` (fsspec ``ukey``: the ETag on S3),
    which changes whenever its content does. Raises UsageError or OSError."""
    fs, path = _filesystem(url)
    return f"ukey:{fs.ukey(path)}"


def _filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem and path for ``url``; UsageError with a one-line reason."""
    shown = redact(url)
    if shown != url:
        raise UsageError(f"{shown}: credentials in a URL are not accepted; set them in the environment")
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise UsageError("reading URLs needs fsspec: pip install fsspec") from None
    try:
        return url_to_fs(url)
    except ImportError:
        raise UsageError(f"{shown}: {_missing_package(url)}") from None
    except ValueError as exc:
        raise UsageError(f"{shown}: {' '.join(str(exc).split())}") from None


def _missing_package(url: str) -> str:
    from fsspec.registry import known_implementations
    scheme = url.split("://", 1)[0].lower()
    cls = known_implementations.get(scheme, {}).get("class", "")
    package = cls.split(".", 1)[0] if cls else ""
    if package and package != "fsspec":
        return f"{scheme}:// needs the {package} package: pip install {package}"
    return f"{scheme}:// needs a package that is not installed"


def _is_local(fs: Any) -> bool:
    from fsspec.implementations.local import LocalFileSystem
    return isinstance(fs, LocalFileSystem)
