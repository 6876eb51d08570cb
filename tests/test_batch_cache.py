"""The result cache: a hit skips the check, any change to the file or the key misses."""
import os

import pytest

from checker.batch.cache import ResultCache
from checker.batch.pool import run_batch
from checker.digest import file_digest
from checker.serialize import document_from_dict, document_to_dict
from checker.model import DocumentResult, Finding, LegalBasis, Note, Severity
from checker.settings import Settings


class CountingCheck:
    """A fake check_one that records the paths it was called for."""

    def __init__(self):
        self.calls = []
        self.digests = []

    def __call__(self, path, settings, digest=None):
        self.calls.append(path)
        self.digests.append(digest)
        basis = (LegalBasis("民法典", "第六百八十条", "禁止高利放贷"),)
        finding = Finding(rule_id="r", severity=Severity.HIGH, title="t", message="m", legal_basis=basis,
                          clause="第七条", clause_path="7", page=2, line_start=5, line_end=6, evidence="e",
                          fingerprint="0123456789abcdef")
        return DocumentResult(path=path, status="checked", pages=2, facts={"loan_amount": 1000.0, "topics": ["a"]},
                              findings=(finding,), profile="civil-code", profile_reason="why",
                              notes=(Note("day_count", {"figure": "interest", "days": 360, "main": 24.33, "alt_days": 365,
                                                        "alt": 24.67, "line": 24.5}),))


@pytest.fixture
def cache_env(tmp_path, private_cache):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"合同 {name}", encoding="utf-8")
    return tmp_path


SETTINGS = Settings(jobs=1, executor="inprocess")  # the fake check counts calls in this process


def test_second_run_is_served_from_the_cache(cache_env):
    check = CountingCheck()
    first = run_batch(["a.txt", "b.txt"], SETTINGS, check, key="k")
    second = run_batch(["a.txt", "b.txt"], SETTINGS, check, key="k")
    assert check.calls == ["a.txt", "b.txt"]
    assert second == first


def test_changed_file_misses(cache_env):
    check = CountingCheck()
    run_batch(["a.txt", "b.txt"], SETTINGS, check, key="k")
    (cache_env / "a.txt").write_text("合同 changed", encoding="utf-8")
    run_batch(["a.txt", "b.txt"], SETTINGS, check, key="k")
    assert check.calls == ["a.txt", "b.txt", "a.txt"]


def test_different_settings_key_misses(cache_env):
    check = CountingCheck()
    run_batch(["a.txt"], SETTINGS, check, key="pack-1")
    run_batch(["a.txt"], SETTINGS, check, key="pack-2")
    assert check.calls == ["a.txt", "a.txt"]


def test_hit_carries_the_path_as_given_now(cache_env):
    check = CountingCheck()
    os.mkdir("copy")
    (cache_env / "copy" / "a.txt").write_bytes((cache_env / "a.txt").read_bytes())
    run_batch(["a.txt"], SETTINGS, check, key="k")
    (result,) = run_batch(["./copy/a.txt"], SETTINGS, check, key="k")
    assert check.calls == ["a.txt"] and result.path == "./copy/a.txt"


def test_no_cache_setting_neither_reads_nor_writes(cache_env):
    check = CountingCheck()
    run_batch(["a.txt"], SETTINGS, check, key="k")
    run_batch(["a.txt"], Settings(jobs=1, use_cache=False, executor="inprocess"), check, key="k")
    assert check.calls == ["a.txt", "a.txt"]


def test_no_cache_setting_does_not_write(cache_env):
    run_batch(["a.txt"], Settings(jobs=1, use_cache=False, executor="inprocess"), CountingCheck(), key="k")
    assert not (cache_env / "cache").exists()


def test_error_results_are_not_cached(cache_env):
    calls = []

    def failing(path, settings, digest=None):
        calls.append(path)
        return DocumentResult(path=path, status="error", error="encrypted")

    run_batch(["a.txt"], SETTINGS, failing, key="k")
    run_batch(["a.txt"], SETTINGS, failing, key="k")
    assert calls == ["a.txt", "a.txt"]


def test_corrupt_entry_is_ignored_and_rewritten(cache_env):
    check = CountingCheck()
    run_batch(["a.txt"], SETTINGS, check, key="k")
    cache = ResultCache("k")
    entry = cache.entry_id(file_digest("a.txt"))
    with open(cache._file(entry), "w", encoding="utf-8") as fh:
        fh.write('{"version": "0.1.0", "result": {"path": ')
    (result,) = run_batch(["a.txt"], SETTINGS, check, key="k")
    assert result.status == "checked" and check.calls == ["a.txt", "a.txt"]
    assert cache.get(entry, "a.txt") is not None


def test_unreadable_file_bypasses_the_cache(cache_env):
    check = CountingCheck()
    run_batch(["missing.txt"], SETTINGS, check, key="k")
    run_batch(["missing.txt"], SETTINGS, check, key="k")
    assert check.calls == ["missing.txt", "missing.txt"]


def test_the_batch_hashes_each_file_once_and_hands_the_digest_to_the_check(cache_env, monkeypatch):
    from checker.batch import pool

    hashed = []
    monkeypatch.setattr(pool, "file_digest", lambda path: hashed.append(path) or file_digest(path))
    check = CountingCheck()
    run_batch(["a.txt", "b.txt"], SETTINGS, check, key="k")
    assert hashed == ["a.txt", "b.txt"]
    assert check.digests == [file_digest("a.txt"), file_digest("b.txt")]


def test_document_result_round_trips_through_a_dict():
    result = CountingCheck()("a.txt", SETTINGS)
    assert document_from_dict(document_to_dict(result)) == result
    skipped = DocumentResult(path="a.md", status="skipped", reason=Note("not_a_loan", {"title": "服务协议"}))
    assert document_from_dict(document_to_dict(skipped)) == skipped


def test_a_note_stored_as_plain_text_before_notes_had_codes_reads_as_a_text_note():
    stored = document_to_dict(DocumentResult(path="a.md", status="skipped"))
    stored.update(notes=["旧的说明"], reason="已跳过：不是借款合同")
    result = document_from_dict(stored)
    assert result.notes == (Note("text", {"text": "旧的说明"}),)
    assert result.reason == Note("text", {"text": "已跳过：不是借款合同"})


@pytest.mark.parametrize("note", [{"code": "Bad Code", "values": {}}, {"code": "x", "values": {"a": object()}},
                                  {"code": "x", "values": ["not", "a", "mapping"]}])
def test_a_stored_note_of_the_wrong_shape_is_refused(note):
    from checker.serialize import InvalidResult

    stored = document_to_dict(DocumentResult(path="a.md", status="checked"))
    stored["notes"] = [note]
    with pytest.raises(InvalidResult):
        document_from_dict(stored)
