#!/usr/bin/env python3
"""How fast ``checker check`` reads contracts, next to the floor of PDF text extraction.

    .venv/bin/python benchmarks/run.py [--runs 3] [--corpus DIR] [--keep]

Builds a corpus of long contracts (benchmarks/corpus.py, 300+ pages), then times, as
medians over ``--runs`` runs of the real ``checker`` console script in a subprocess:

- plain pypdfium2 text extraction of the same files (in this process: the floor), timed
  again right before each checker run: every ratio is a run over the floor next to it, so
  the figures hold on a machine whose load changes during the benchmark;
- ``checker check --no-cache`` with one worker and with the default worker count, and
  with one worker on the reference reader (``CHECKER_PDF_READER=pdfplumber``);
- in this process, the stages apart: reading (``read_document``) and the non-reading part
  (clauses + facts) of every document, against the same floor;
- a cold run that fills an empty cache, then a warm run that reads it;
- the peak resident memory of the checker's whole process tree (workers included),
  on the 100-page contract alone and on many documents (flat = nothing accumulates).

The checker's modules are byte-compiled first, as an installed wheel's are.

Prints one table with the targets next to the measured figures. Memory is polled from
/proc every 10 ms, so a very short peak can be missed; the figure is a floor.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

CHECKER = Path(sys.executable).with_name("checker")
MANY_COPIES = 12


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    folder = Path(args.corpus) if args.corpus else Path(tempfile.mkdtemp(prefix="checker-bench-"))
    try:
        return _bench(folder, args.runs)
    finally:
        if not args.corpus and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (median is reported)")
    ap.add_argument("--corpus", help="build / reuse the corpus here instead of a temp folder")
    ap.add_argument("--keep", action="store_true", help="keep the temp corpus folder")
    return ap.parse_args(argv)


def _bench(folder: Path, runs: int) -> int:
    if not CHECKER.exists():
        print(f"error: {CHECKER} not found (run `make setup`)")
        return 2
    docs = folder / "docs"
    built = corpus.build(docs)
    files = [str(f) for f in built.files]
    pages = built.pages
    print(f"corpus: {len(files)} PDFs, {pages} pages in {docs}; embedded CJK font: {built.embedded_font}")
    print(f"cores: {os.cpu_count()}; runs per figure: {runs} (median)\n")
    _compile_checker()

    reading, rest, stage_floor = _stage_seconds(files)  # Timings: wall and CPU seconds
    one = [_paired(files, folder, ["--jobs", "1", "--no-cache"]) for _ in range(runs)]
    plumber = _paired(files, folder, ["--jobs", "1", "--no-cache"], reader="pdfplumber")
    default = [_paired(files, folder, ["--no-cache"]) for _ in range(runs)]
    cold, warm, hits = _cache_runs(files, folder, runs)
    long_mem = _check([str(built.long_contract)], folder, ["--jobs", "1", "--no-cache"])
    few_mem, many_mem = _flat_memory(built.long_contract.parent / "private.pdf", folder)

    floor = statistics.median(p.floor.seconds for p in one + default)
    r1, rj = _median_ratio(one), _median_ratio(default)
    c1 = statistics.median(p.run.cpu / p.floor.cpu for p in one)
    rows = [
        ("pypdfium2 text extraction", floor, "1.00", "", ""),
        ("  reading (in process)", reading.seconds, f"{reading.seconds / stage_floor.seconds:.2f}",
         f"{reading.cpu / stage_floor.cpu:.2f}", ""),
        ("  clauses + facts (in process)", rest.seconds, f"{rest.seconds / stage_floor.seconds:.2f}",
         f"{rest.cpu / stage_floor.cpu:.2f}", f"< 0.5x: {_ok(rest.seconds / stage_floor.seconds < 0.5)}"),
        ("checker --jobs 1 --no-cache", _median_seconds(one), f"{r1:.2f}", f"{c1:.2f}",
         f"<= 2.5x: {_ok(r1 <= 2.5)}"),
        ("  same, pdfplumber reader", plumber.run.seconds, f"{plumber.ratio:.2f}",
         f"{plumber.run.cpu / plumber.floor.cpu:.2f}", "(reference)"),
        ("checker (default jobs) --no-cache", _median_seconds(default), f"{rj:.2f}", "",
         f"<= 1.5x: {_ok(rj <= 1.5)}"),
        ("checker cold cache (default jobs)", cold, "", "", ""),
        ("checker warm cache", warm, f"{warm / cold:.3f} x cold", "", f"<= 0.1x: {_ok(warm / cold <= 0.1)}"),
    ]
    print("ratios: each checker run is divided by a floor measured just before it (median of the")
    print("pairs), so a machine whose load changes during the benchmark still gives fair ratios;")
    print("cpu ratio: CPU seconds of the checker process tree (of this process for the in-process")
    print("rows) over the floor's CPU seconds: steadier than wall time when other work shares the cores.\n")
    print(f"{'measurement':36} {'seconds':>8} {'pages/s':>9} {'x floor':>14} {'cpu ratio':>9}  target")
    for name, secs, ratio, cpu, target in rows:
        print(f"{name:36} {secs:8.2f} {pages / secs:9.1f} {ratio:>14} {cpu:>9}  {target}")
    print(f"\njobs scaling: default / one worker = {_median_seconds(one) / _median_seconds(default):.2f}x faster")
    print(f"cache: {hits} of {len(files)} documents stored and hit on the warm run")
    print(f"peak RSS, process tree: 100-page contract {long_mem.peak_mib:.0f} MiB "
          f"(< 150: {_ok(long_mem.peak_mib < 150)}); one worker over {MANY_COPIES} documents "
          f"{many_mem.peak_mib:.0f} MiB vs 2 documents {few_mem.peak_mib:.0f} MiB "
          f"(flat: {_ok(many_mem.peak_mib <= few_mem.peak_mib * 1.15 + 5)})")
    print(f"peak RSS, default jobs over the corpus: {max(p.run.peak_mib for p in default):.0f} MiB")
    return 0


def _ok(flag: bool) -> str:
    return "met" if flag else "NOT met"


# --------------------------------------------------------------------------- the floor


def _extract_seconds(files: list[str]) -> "Timing":
    """Wall and CPU seconds pypdfium2 needs to pull every page's text out of ``files``."""
    import pypdfium2

    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        pdf = pypdfium2.PdfDocument(path)
        for i in range(len(pdf)):
            page = pdf.get_page(i)
            page.get_textpage().get_text_range()
            page.close()
        pdf.close()
    return Timing(time.perf_counter() - start, time.process_time() - cpu)


# --------------------------------------------------------------------------- checker runs


@dataclass(frozen=True)
class Timing:
    seconds: float
    cpu: float


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    cpu: float = 0.0  # CPU seconds of the whole process tree


@dataclass(frozen=True)
class Paired:
    """A checker run and the floor measured just before it."""

    floor: Timing
    run: Run

    @property
    def ratio(self) -> float:
        return self.run.seconds / self.floor.seconds


def _paired(files: list[str], folder: Path, options: list[str], reader: str = "pdfium") -> Paired:
    floor = _extract_seconds(files)
    return Paired(floor, _check(files, folder, options, reader=reader))


def _median_ratio(pairs: list[Paired]) -> float:
    return statistics.median(p.ratio for p in pairs)


def _median_seconds(pairs: list[Paired]) -> float:
    return statistics.median(p.run.seconds for p in pairs)


def _stage_seconds(files: list[str]) -> tuple["Timing", "Timing", "Timing"]:
    """Wall and CPU seconds spent reading the files, and in clauses + facts after reading, in
    this process, and the floor (text extraction) timed right before."""
    from checker.api import lpr_lookup, pack_for
    from checker.clauses import parse_contract
    from checker.facts import extract_facts
    from checker.ingest import read_document
    from checker.settings import Settings

    lpr = lpr_lookup(pack_for(Settings()))
    extract_facts(parse_contract(read_document(files[0])), lpr=lpr)  # imports, compiled vocabularies
    floor = _extract_seconds(files)
    reading = rest = reading_cpu = rest_cpu = 0.0
    for path in files:
        start, start_cpu = time.perf_counter(), time.process_time()
        document = read_document(path)
        middle, middle_cpu = time.perf_counter(), time.process_time()
        extract_facts(parse_contract(document), lpr=lpr)
        reading, rest = reading + middle - start, rest + time.perf_counter() - middle
        reading_cpu, rest_cpu = reading_cpu + middle_cpu - start_cpu, rest_cpu + time.process_time() - middle_cpu
    return Timing(reading, reading_cpu), Timing(rest, rest_cpu), floor


def _compile_checker() -> None:
    """Give the checker's modules their bytecode, as pip gives an installed wheel's: an editable
    install under PYTHONDONTWRITEBYTECODE (set on some CI machines) would otherwise compile
    every module from source on every run, and charge it to each timed run."""
    import compileall

    import checker

    compileall.compile_dir(str(Path(checker.__file__).parent), quiet=1)


def _check(files: list[str], folder: Path, options: list[str], cache: Path | None = None,
           reader: str = "pdfium") -> Run:
    """Run the real console script on ``files``; its wall time and peak tree RSS."""
    env = dict(os.environ, CHECKER_CACHE_DIR=str(cache or folder / "unused-cache"), CHECKER_PDF_READER=reader)
    report = folder / "report.json"
    cmd = [str(CHECKER), "check", *files, "--format", "json", "--output", str(report),
           "--fail-on", "never", "--quiet", *options]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=folder)
    peak = _poll_rss(proc)
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"checker failed ({proc.returncode}): {err.decode(errors='replace')[-500:]}")
    _require_checked(report, len(files))
    return Run(seconds, peak, cpu)


def _require_checked(report: Path, expected: int) -> None:
    data = json.loads(report.read_text(encoding="utf-8"))
    docs = data.get("documents", [])
    bad = [d.get("path") for d in docs if d.get("status") != "checked"]
    if len(docs) != expected or bad:
        raise SystemExit(f"benchmark invalid: {len(docs)} documents reported, not checked: {bad}")


def _cache_runs(files: list[str], folder: Path, runs: int) -> tuple[float, float, int]:
    """Median cold (empty cache) and warm times, and how many documents the cache holds."""
    cold, warm, hits = [], [], 0
    for _ in range(runs):
        cache = folder / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(_check(files, folder, [], cache).seconds)
        stored = _entries(cache)
        warm.append(_check(files, folder, [], cache).seconds)
        hits = stored if _entries(cache) == stored else 0  # a hit writes nothing new
    return statistics.median(cold), statistics.median(warm), hits


def _entries(cache: Path) -> int:
    return sum(1 for _ in cache.rglob("*.json"))


def _flat_memory(source: Path, folder: Path) -> tuple[Run, Run]:
    """One worker's peak RSS over 2 and over MANY_COPIES distinct copies of one contract."""
    copies = folder / "copies"
    copies.mkdir(exist_ok=True)
    data = source.read_bytes()
    paths = []
    for n in range(MANY_COPIES):
        path = copies / f"copy-{n:02d}.pdf"
        path.write_bytes(data + f"\n% copy {n}\n".encode())  # distinct bytes, same content
        paths.append(str(path))
    options = ["--jobs", "1", "--no-cache"]
    return _check(paths[:2], folder, options), _check(paths, folder, options)


# --------------------------------------------------------------------------- memory


def _poll_rss(proc: subprocess.Popen) -> float:
    """Peak of the summed RSS (MiB) of ``proc`` and its descendants until it exits."""
    peak = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_rss_kib(pid) for pid in _tree(proc.pid)))
            time.sleep(0.01)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    proc.wait()
    done.set()
    thread.join()
    return peak / 1024


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return pids


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
