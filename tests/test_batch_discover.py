"""Which files a run checks."""
import os

import pytest

from checker.batch.discover import discover
from checker.errors import UsageError


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ["c/b.pdf", "c/a.docx", "c/sub/z.txt", "c/sub/y.md", "c/page.HTML", "c/old.htm",
                 "c/notes.csv", "c/.hidden/x.pdf", "c/node_modules/x.pdf", "c/.venv/x.pdf",
                 "c/~$a.docx", "top.pdf"]:
        os.makedirs(os.path.dirname(name) or ".", exist_ok=True)
        open(name, "w").close()
    return tmp_path


def test_folder_is_searched_recursively_for_contract_suffixes_only(tree):
    assert discover(["c"]) == ["c/a.docx", "c/b.pdf", "c/old.htm", "c/page.HTML", "c/sub/y.md", "c/sub/z.txt"]


def test_files_named_explicitly_are_kept_whatever_their_suffix(tree):
    assert discover(["c/notes.csv"]) == ["c/notes.csv"]


def test_paths_stay_as_given_and_duplicates_collapse(tree):
    assert discover(["./top.pdf", "top.pdf", "c/b.pdf", "c"])[:2] == ["c/a.docx", "c/b.pdf"]
    assert discover(["./top.pdf", "top.pdf"]) == ["./top.pdf"]
    absolute = str(tree / "top.pdf")
    assert discover([absolute]) == [absolute]


def test_result_is_sorted_whatever_the_argument_order(tree):
    assert discover(["top.pdf", "c/b.pdf", "c/a.docx"]) == discover(["c/a.docx", "top.pdf", "c/b.pdf"])
    assert discover(["top.pdf", "c/b.pdf"]) == ["c/b.pdf", "top.pdf"]


def test_glob_patterns_expand_when_no_such_path_exists(tree):
    assert discover(["c/*.pdf"]) == ["c/b.pdf"]
    assert discover(["c/**/*.txt"]) == ["c/sub/z.txt"]


def test_missing_path_is_a_usage_error(tree):
    with pytest.raises(UsageError, match="no such file or folder: nope.pdf"):
        discover(["top.pdf", "nope.pdf"])


def test_glob_matching_nothing_is_a_usage_error(tree):
    with pytest.raises(UsageError, match=r"no such file or folder: c/\*\.xlsx"):
        discover(["c/*.xlsx"])


def test_a_folder_without_contracts_is_a_usage_error_not_an_empty_run(tmp_path):
    (tmp_path / "notes.csv").write_text("x")
    with pytest.raises(UsageError, match="no contract files found"):
        discover([str(tmp_path)])


def test_a_glob_matching_only_other_files_is_a_usage_error(tree):
    with pytest.raises(UsageError, match=r"c/\*\.csv: no contract files found"):
        discover(["c/*.csv"])


def test_exclude_globs_leave_out_files_folders_and_names(tree):
    assert discover(["c"], exclude=["c/sub/**"]) == ["c/a.docx", "c/b.pdf", "c/old.htm", "c/page.HTML"]
    assert discover(["c"], exclude=["sub/"]) == ["c/a.docx", "c/b.pdf", "c/old.htm", "c/page.HTML"]
    assert discover(["c"], exclude=["*.md", "*.txt", "*.htm*"]) == ["c/a.docx", "c/b.pdf", "c/page.HTML"]
    assert discover(["c", "top.pdf"], exclude=["**/b.pdf", "./top.pdf"]) == [
        "c/a.docx", "c/old.htm", "c/page.HTML", "c/sub/y.md", "c/sub/z.txt"]


def test_a_path_whose_files_are_all_excluded_is_not_an_error(tree):
    assert discover(["c/sub"], exclude=["c/sub/"]) == []


def test_exclude_matches_absolute_paths_under_the_working_folder(tree):
    assert discover([str(tree / "c" / "sub")], exclude=["c/sub/*.md"]) == [str(tree / "c" / "sub" / "z.txt")]
