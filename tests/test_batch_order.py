"""Largest first: a batch hands its biggest files to the workers first, so none runs alone at the end."""
from __future__ import annotations

from checker.batch.order import largest_first


def _files(tmp_path, sizes):
    paths = []
    for n, size in enumerate(sizes):
        path = tmp_path / f"f{n}.txt"
        path.write_bytes(b"x" * size)
        paths.append(str(path))
    return paths


def test_the_largest_file_is_handed_out_first_and_keeps_its_input_position(tmp_path):
    paths = _files(tmp_path, [10, 300, 20, 200])
    assert list(largest_first(paths)) == [(1, paths[1]), (3, paths[3]), (2, paths[2]), (0, paths[0])]


def test_files_of_one_size_keep_their_input_order(tmp_path):
    paths = _files(tmp_path, [5, 5, 5])
    assert [i for i, _ in largest_first(paths)] == [0, 1, 2]


def test_a_missing_file_or_a_url_is_still_handed_out(tmp_path):
    paths = [*_files(tmp_path, [50]), str(tmp_path / "gone.pdf"), "https://example.com/a.pdf"]
    assert sorted(i for i, _ in largest_first(paths)) == [0, 1, 2]


def test_a_stream_is_ordered_within_its_window_and_read_only_as_far_as_needed(tmp_path):
    paths = _files(tmp_path, [1, 2, 3, 4, 5, 6])
    pulled = []

    def stream():
        for p in paths:
            pulled.append(p)
            yield p

    out = largest_first(stream(), window=2)
    assert next(out) == (1, paths[1])
    assert len(pulled) == 2
    assert [i for i, _ in out] == [2, 3, 4, 5, 0]
