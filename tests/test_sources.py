"""Inputs behind fsspec URLs, exercised on the in-memory filesystem."""
import os
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from checker.api import check_file
from checker.batch import sources
from checker.batch.executors import PoolExecutor
from checker.batch.sources import (check_path, check_url, expand_inputs, list_urls, local_copy,
                                   url_aware)
from checker.errors import UsageError
from checker.model import DocumentResult
from checker.settings import Settings
from checker.urls import is_url, redact
from sample_files import CONTRACTS

fsspec = pytest.importorskip("fsspec")

SAMPLE = CONTRACTS / "app-loan-terms.txt"
SETTINGS = Settings(use_cache=False)


@pytest.fixture
def bucket():
    """A fresh memory:// folder; the memory filesystem is shared by the whole process."""
    fs = fsspec.filesystem("memory")
    root = f"/test-{uuid.uuid4().hex}"
    fs.mkdir(root)
    yield fs, f"memory://{root}"
    fs.rm(root, recursive=True)


def put(fs, url, data=b"text"):
    fs.pipe(url.split("://", 1)[1], data)


def test_urls_are_told_from_paths():
    assert is_url("s3://bucket/prefix/") and is_url("memory://x/a.txt") and is_url("file:///tmp/a.pdf")
    assert not is_url("C:\\contracts\\a.pdf") and not is_url("/tmp/a.pdf") and not is_url("a.txt")


def test_redact_removes_userinfo_only():
    assert redact("https://user:s3cret@host/a/b.pdf?x=1") == "https://host/a/b.pdf?x=1"
    assert redact("s3://bucket/a.pdf") == "s3://bucket/a.pdf"


def test_listing_gives_contract_files_spelled_from_the_url_sorted_within_a_folder(bucket):
    fs, root = bucket
    for name in ["b.pdf", "a.txt", "notes.bin", "sub/c.docx", ".hidden/d.txt", "sub/~$lock.docx"]:
        put(fs, f"{root}/{name}")
    assert list(list_urls(f"{root}/")) == [f"{root}/a.txt", f"{root}/b.pdf", f"{root}/sub/c.docx"]


def test_listing_is_lazy_one_folder_at_a_time(bucket, monkeypatch):
    fs, root = bucket
    for folder in "abcd":
        put(fs, f"{root}/{folder}/x.txt")
    calls = []
    real_ls = type(fs).ls
    monkeypatch.setattr(type(fs), "ls", lambda self, path, *a, **k: calls.append(path) or real_ls(self, path, *a, **k))
    first = next(list_urls(root))
    assert first == f"{root}/a/x.txt"
    assert len(calls) <= 3  # the root and folder a, not b, c and d


def test_a_url_naming_a_file_is_listed_whatever_its_suffix(bucket):
    fs, root = bucket
    put(fs, f"{root}/scan.tiff")
    assert list(list_urls(f"{root}/scan.tiff")) == [f"{root}/scan.tiff"]


def test_listing_nothing_at_the_url_is_a_usage_error(bucket):
    _, root = bucket
    with pytest.raises(UsageError, match="no such file or folder: memory://"):
        list(list_urls(f"{root}/missing/"))


def test_a_url_with_credentials_is_refused_without_showing_them():
    with pytest.raises(UsageError) as caught:
        list(list_urls("memory://alice:hunter2@bucket/x/"))
    assert "hunter2" not in str(caught.value) and "environment" in str(caught.value)


def test_an_unknown_scheme_is_a_usage_error():
    with pytest.raises(UsageError, match="nosuch://"):
        list(list_urls("nosuch://bucket/x/"))


def test_s3_without_s3fs_names_the_package_to_install():
    try:
        import s3fs  # noqa: F401
        pytest.skip("s3fs is installed")
    except ImportError:
        pass
    with pytest.raises(UsageError, match=r"s3:// needs the s3fs package: pip install s3fs"):
        list(list_urls("s3://bucket/prefix/"))


def test_local_copy_of_a_remote_file_keeps_bytes_and_suffix_and_is_removed_after(bucket):
    fs, root = bucket
    put(fs, f"{root}/deal.pdf", b"%PDF-1.4 bytes")
    with local_copy(f"{root}/deal.pdf") as local:
        assert local.endswith(".pdf") and Path(local).read_bytes() == b"%PDF-1.4 bytes"
    assert not os.path.exists(local)


def test_local_copy_of_a_file_url_is_the_file_itself():
    with local_copy(SAMPLE.resolve().as_uri()) as local:
        assert os.path.samefile(local, SAMPLE)


def test_checking_a_url_gives_the_local_result_under_the_url(bucket):
    fs, root = bucket
    url = f"{root}/{SAMPLE.name}"
    put(fs, url, SAMPLE.read_bytes())
    remote, local = check_url(url, SETTINGS), check_file(str(SAMPLE), SETTINGS)
    assert remote.path == url and remote.status == "checked"
    assert remote.facts == local.facts
    assert [replace(f, fingerprint="") for f in remote.findings] == [replace(f, fingerprint="") for f in local.findings]


def test_a_url_that_cannot_be_fetched_is_an_error_result(bucket):
    _, root = bucket
    result = check_url(f"{root}/gone.pdf", SETTINGS)
    assert (result.path, result.status, result.error) == (f"{root}/gone.pdf", "error", "cannot read: not found")


def test_an_error_that_quotes_the_temporary_copy_names_the_url_instead(bucket):
    fs, root = bucket
    url = f"{root}/broken.pdf"
    put(fs, url, b"%PDF-")
    result = check_url(url, SETTINGS, lambda path, settings, digest=None: DocumentResult(path, "error", f"{path}: truncated"))
    assert result.error == f"{url}: truncated"


def test_check_path_sends_local_paths_straight_through():
    assert check_path(str(SAMPLE), SETTINGS) == check_file(str(SAMPLE), SETTINGS)


def test_a_url_aware_check_travels_to_pool_workers(bucket):
    fs, root = bucket
    urls = [f"{root}/{i}-{SAMPLE.name}" for i in range(3)]
    for url in urls:
        put(fs, url, SAMPLE.read_bytes())
    outcomes = [o for chunk in PoolExecutor(2, chunk=1).run(enumerate(urls), url_aware(), SETTINGS) for o in chunk]
    assert sorted(result.path for _, result, _ in outcomes) == urls
    assert {result.status for _, result, _ in outcomes} == {"checked"}


def test_inputs_mix_local_folders_and_urls(bucket, tmp_path):
    fs, root = bucket
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    put(fs, f"{root}/b.md")
    assert list(expand_inputs([f"{root}/", str(tmp_path)])) == [str(tmp_path / "a.txt"), f"{root}/b.md"]


def test_sources_do_not_import_fsspec_until_a_url_is_used():
    assert "fsspec" not in vars(sources)


def test_finding_fingerprints_hash_the_url_so_they_are_stable_between_runs(bucket):
    from checker.findings.fingerprint import finding_fingerprint
    fs, root = bucket
    url = f"{root}/{SAMPLE.name}"
    put(fs, url, SAMPLE.read_bytes())
    first, second = check_url(url, SETTINGS), check_url(url, SETTINGS)
    assert first.findings and [f.fingerprint for f in first.findings] == [f.fingerprint for f in second.findings]
    f = first.findings[0]
    assert f.fingerprint == finding_fingerprint(url, f.rule_id, f.clause_path, f.evidence)
