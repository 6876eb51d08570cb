#!/usr/bin/env python3
"""Many documents through each executor, streaming into a results store (run by hand).

    .venv/bin/python benchmarks/scale.py [--docs 10000] [--executors inprocess,process,dask]
                                         [--workers 2] [--corpus DIR] [--keep]

Builds ``--docs`` copies of the project's samples (samples/contracts) whose bytes all differ
(a PDF gets a comment after %%EOF, a DOCX a zip comment, text files a trailing blank line
pattern), so neither the result cache nor the store can short-cut a single document. Then,
for each executor, runs the real console script

    checker check CORPUS --executor E --jobs W --no-cache --store S.db

in a subprocess (with --store and no --format, the client prints counts read back from the
store as a stream, so nothing in it grows with the number of documents) and prints documents/second, the client process's peak resident memory (the
``checker`` process alone, not its workers: what must stay flat however many files there
are) and the store's size on disk. Each run checks every document exactly once: the store is
read back and its row count compared with the corpus.
"""
from __future__ import annotations

import argparse
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "contracts"
CHECKER = Path(sys.executable).with_name("checker")
SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".html")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--executors", default="inprocess,process,dask")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", help="build (or reuse) the corpus here")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and stores")
    args = parser.parse_args(argv)
    folder = Path(args.corpus) if args.corpus else Path(tempfile.mkdtemp(prefix="checker-scale-"))
    try:
        corpus = folder / "corpus"
        count = build_corpus(corpus, args.docs)
        print(f"corpus: {count} documents ({_mib(_size(corpus)):.1f} MiB) from {SAMPLES.relative_to(ROOT)}; "
              f"{args.workers} workers; {os.cpu_count()} CPUs")
        print(f"{'executor':10} {'docs':>7} {'seconds':>8} {'docs/s':>8} {'client peak MiB':>16} "
              f"{'store MiB':>10} {'KiB/doc':>8}  rows")
        for name in args.executors.split(","):
            store = folder / f"{name}.db"
            for leftover in folder.glob(f"{name}.db*"):
                leftover.unlink()
            seconds, peak_kib, code = run_checker(corpus, name.strip(), args.workers, store)
            rows = _rows(store)
            size = sum(p.stat().st_size for p in folder.glob(f"{name}.db*"))
            flag = "" if rows == count and code in (0, 1, 2) else f"  <- rc {code}"
            print(f"{name:10} {count:7d} {seconds:8.1f} {count / seconds:8.1f} {peak_kib / 1024:16.1f} "
                  f"{_mib(size):10.1f} {size / 1024 / max(rows, 1):8.1f}  {rows}{flag}")
        return 0
    finally:
        if not args.corpus and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def build_corpus(folder: Path, docs: int) -> int:
    """``docs`` files, copies of the samples with bytes that differ; reuses a finished corpus."""
    sources = sorted(p for p in SAMPLES.iterdir() if p.suffix in SUFFIXES)
    folder.mkdir(parents=True, exist_ok=True)
    existing = sum(1 for _ in folder.rglob("*.*"))
    if existing == docs:
        return docs
    for n in range(docs):
        source = sources[n % len(sources)]
        target = folder / f"{n // 1000:03d}" / f"{n:06d}-{source.name}"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(vary(source, n))
    return docs


def vary(source: Path, n: int) -> bytes:
    """The sample's bytes made unique by ``n`` without changing what a reader sees."""
    data = source.read_bytes()
    if source.suffix == ".pdf":
        return data + f"\n% copy {n}\n".encode()
    if source.suffix == ".docx":
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                dst.writestr(item, src.read(item.filename))
            dst.comment = f"copy {n}".encode()
        return out.getvalue()
    return data + b"\n" * (1 + n % 3) + (b" " * (n // 3 % 50)) + b"\n"


def run_checker(corpus: Path, executor: str, workers: int, store: Path) -> tuple[float, int, int]:
    """(wall seconds, client peak RSS in KiB, exit code) of one ``checker check`` run."""
    command = [str(CHECKER), "check", str(corpus), "--executor", executor, "--jobs", str(workers),
               "--no-cache", "--quiet", "--store", str(store), "--fail-on", "never"]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]

    def poll() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _hwm_kib(proc.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    watcher.join()
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        print(f"  {executor}: exit {proc.returncode}: {' | '.join(tail)}")
    return seconds, peak[0], proc.returncode


def _hwm_kib(pid: int) -> int:
    """The process's own peak resident set (VmHWM), 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rows(store: Path) -> int:
    if not store.exists():
        return 0
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        return db.execute("SELECT count(DISTINCT path) FROM documents").fetchone()[0]


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _mib(size: int) -> float:
    return size / (1 << 20)


if __name__ == "__main__":
    raise SystemExit(main())
