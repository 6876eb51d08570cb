"""The library API the CLI and the tests call: parse one file, check one file, check a batch."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, Callable

from . import __version__
from .errors import DocumentError, ErrorKind
from .limits import applied, memory_reason
from .model import Contract, DocumentResult, FactSet, Note, RunResult
from .pipeline import check_contract, check_file, lpr_lookup, pack_for, parse, read_options, result_options
from .rulepack.model import RulePack
from .settings import Settings


def parse_isolated(path: str, settings: Settings) -> tuple[Contract, FactSet]:
    """``parse`` for ``checker parse``: in a child process under the document time limit and
    memory ceiling (a hostile file cannot hang or exhaust the command). Raises DocumentError."""
    from .batch.child import Child, can_fork
    from .batch.executors import HARD_GRACE, DocumentTimeout, time_limit, timeout_reason

    pack = pack_for(settings)

    def work(_: object) -> tuple[str, object]:
        try:
            with applied(settings.limits), time_limit(settings.doc_timeout, hard=True):
                return "ok", parse(path, result_options(settings, pack).day_count, pack, read_options(settings))
        except DocumentError as exc:
            return "error", (exc.reason, exc.kind)
        except DocumentTimeout:
            return "error", (timeout_reason(settings.doc_timeout or 0), ErrorKind.TIMEOUT)
        except MemoryError:
            return "error", (memory_reason(settings.limits), ErrorKind.MEMORY)

    if not can_fork():
        kind, value = work(None)
    else:
        deadline = settings.doc_timeout + HARD_GRACE if settings.doc_timeout else None
        with Child(work, settings.limits.memory_mb) as child:
            outcome = child.call(path, deadline)
        if outcome.kind == "ok":
            kind, value = outcome.value
        elif outcome.kind == "timeout":
            kind, value = "error", (timeout_reason(settings.doc_timeout or 0), ErrorKind.TIMEOUT)
        elif outcome.kind == "failed":
            kind, value = "error", (f"internal error while reading: {outcome.value}", ErrorKind.INTERNAL)
        else:
            from .batch.executors import death_reason
            kind, value = "error", death_reason(outcome.value, settings)
    if kind != "ok":
        raise DocumentError(path, *value)  # type: ignore[misc]
    return value  # type: ignore[return-value]


def settings_key(settings: Settings, pack: RulePack) -> str:
    """Everything besides a file's bytes that shapes its result: the cache's and the store's key."""
    return result_options(settings, pack).key


def check(paths: list[str], settings: Settings, *, progress: bool = False,
          check_one: Callable[[str, Settings, str | None], DocumentResult] = check_file,
          store: str | None = None, resume: bool = False) -> RunResult:
    """Check every contract under ``paths`` (files, folders, globs, fsspec URLs): discovery, the
    batch (cache, executor), waivers, baseline. With ``store``, results stream into that SQLite
    results store as they finish and the run's result is read back from it."""
    from .batch.pool import run_batch
    from .batch.sources import expand_inputs, url_aware

    if store:
        record_into_store(paths, settings, store, resume=resume, progress=progress, check_one=check_one)
        return report_from_store(store, settings)
    pack = pack_for(settings)  # invalid rules fail here, before any document is read
    files = list(expand_inputs(paths, settings.exclude))  # local paths through discover(), then each URL's files
    settings = with_ocr_threads(settings, len(files))
    results = run_batch(files, settings, url_aware(check_one), key=settings_key(settings, pack), progress=progress)
    return _finish(results, settings, pack)


def with_ocr_threads(settings: Settings, files: int | None) -> Settings:
    """The settings with OCR threads per worker such that workers x threads stay within --jobs
    (or the cores): one scanned file alone gets every core, a batch one page at a time per
    worker. They travel to the workers in the settings (Dask workers included)."""
    import os

    from .batch.executors import worker_count

    cores = settings.jobs or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    return replace(settings, ocr_threads=max(1, cores // worker_count(settings, files)))


def _finish(results: list[DocumentResult], settings: Settings, pack: RulePack,
            notes: tuple[Note, ...] = ()) -> RunResult:
    """The run's result: waivers and the baseline applied, and the run's notes."""
    from .findings.baseline import apply_baseline, load_baseline
    from .findings.waivers import apply_waivers

    all_notes = list(notes)
    stale = lpr_staleness(pack, settings.today)
    if stale:
        all_notes.append(stale)
    results, waiver_notes = apply_waivers(results, settings.waivers, settings.today)
    all_notes.extend(waiver_notes)
    if settings.baseline:
        results, baseline_notes = apply_baseline(results, load_baseline(settings.baseline))
        all_notes.extend(baseline_notes)
    return RunResult(documents=tuple(results), profile=settings.profile, version=__version__,
                     rules=tuple(r.info() for r in pack.rules), notes=tuple(all_notes))


def lpr_staleness(pack: RulePack, today: date) -> Note | None:
    """A warning when the LPR table is older than the monthly fixing (on the 20th) makes it by
    more than ``lpr_stale_days`` (45): the latest of the newest row and the pack's
    ``lpr_confirmed_to`` (the last fixing confirmed unchanged) is what the table knows."""
    if not pack.lpr:
        return None
    known = max([pack.lpr[-1].start, str(pack.params.get("lpr_confirmed_to") or "")])
    due = date(today.year, today.month, 20) if today.day >= 20 else _previous_20th(today)
    late = (due - date.fromisoformat(known)).days
    if late <= int(pack.params.get("lpr_stale_days", 45)):
        return None
    return Note("lpr_stale", {"known": known, "due": due.isoformat(), "days": late})


def _previous_20th(today: date) -> date:
    return date(today.year - 1, 12, 20) if today.month == 1 else date(today.year, today.month - 1, 20)


def record_into_store(paths: list[str], settings: Settings, store: str, *, resume: bool = False,
                      progress: bool = False,
                      check_one: Callable[[str, Settings, str | None], DocumentResult] = check_file) -> dict[str, Any]:
    """Check ``paths`` into a results store, holding no result in memory (inputs are listed
    lazily), skipping with ``resume`` the files recorded before with the same bytes and rules.
    Returns counts: recorded, skipped, interrupted. Raises UsageError for an unusable store."""
    import sys

    from .batch.pool import record_batch
    from .batch.recording import Recorder
    from .batch.sources import expand_inputs, url_aware
    from .urls import redact_text
    from .store import ResultStore

    pack = pack_for(settings)
    key = settings_key(settings, pack)
    settings = with_ocr_threads(settings, None)
    with ResultStore.open(store) as results:
        run_id = results.begin_run(settings_key=key, pack_digest=pack.digest, version=__version__,
                                   profile=settings.profile, argv=[redact_text(a) for a in sys.argv])
        recorder = Recorder(results, run_id, key, resume=resume)
        finished = record_batch(expand_inputs(paths, settings.exclude), settings, url_aware(check_one), key=key,
                                recorder=recorder, progress=progress)
        if finished:
            results.finish_run(run_id)
    return {"recorded": recorder.recorded, "skipped": recorder.skipped, "interrupted": not finished}


def summarise_store(store: str, settings: Settings) -> dict[str, Any]:
    """Counts over a results store's documents (latest run's settings), read as a stream with the
    current waivers and baseline applied: documents, checked, errors, active findings by
    severity, and ``exit_code`` as ``check`` would give it. Memory stays flat on any store size."""
    from .findings.baseline import apply_baseline, load_baseline
    from .findings.gate import gate_code
    from .findings.waivers import apply_waivers
    from .model import SEVERITIES
    from .store import ResultStore

    baseline = load_baseline(settings.baseline) if settings.baseline else None
    counts: dict[str, Any] = {"documents": 0, "checked": 0, "skipped": 0, "errors": 0, **{s: 0 for s in SEVERITIES}}
    worst: int | None = None
    with ResultStore.open(store, create=False) as results:
        for document in results.documents():
            [document], _ = apply_waivers([document], settings.waivers, settings.today)
            if baseline is not None:
                [document], _ = apply_baseline([document], baseline)
            counts["documents"] += 1
            counts[_count_key(document.status)] += 1
            for finding in document.findings:
                if not finding.waived:
                    counts[finding.severity.value] += 1
                    worst = max(worst or 0, finding.severity.rank)
    counts["exit_code"] = gate_code(counts["errors"] > 0, worst, settings.fail_on)
    return counts


def _count_key(status: str) -> str:
    return {"checked": "checked", "skipped": "skipped"}.get(status, "errors")


def report_from_store(store: str, settings: Settings) -> RunResult:
    """The run result held in a results store (the latest run's settings), without checking
    anything again; the current waivers and baseline are applied, and a note says when the
    store was filled with other rules than the ones loaded now."""
    from .store import ResultStore

    pack = pack_for(settings)
    with ResultStore.open(store, create=False) as results:
        runs = results.runs()
        documents = list(results.documents())
    notes: list[Note] = []
    if runs:
        last = runs[-1]
        if last["pack_digest"] != pack.digest:
            notes.append(Note("store_other_pack", {"stored": last["pack_digest"][:12], "loaded": pack.digest[:12]}))
        if not last["finished"]:
            notes.append(Note("store_unfinished", {"started": last["started"]}))
    result = _finish(documents, settings, pack, tuple(notes))
    return replace(result, profile=runs[-1]["profile"] if runs else settings.profile)


def review_copies(run: RunResult, out_dir: str, fmt: str = "review", lang: str = "zh") -> list[Any]:
    """Write the review copies ``fmt`` asks for (``review``: every input; ``docx-review``,
    ``pdf-review``, ``html-review``: only those) under ``out_dir``, reading each document again
    from its path or URL, their notes in ``lang`` (``Settings.lang``: zh or en). Returns one ``checker.review.ReviewCopy`` per document copied."""
    from contextlib import contextmanager

    from .batch.sources import local_copy
    from .urls import is_url
    from .review import REVIEW_FORMATS, write_review_copies

    @contextmanager
    def opener(path: str):  # type: ignore[no-untyped-def]
        if is_url(path):
            with local_copy(path) as local:
                yield local
        else:
            yield path

    return write_review_copies(run, out_dir, REVIEW_FORMATS[fmt], opener=opener, lang=lang)


def annotate(path: str, out: str, settings: Settings) -> tuple[DocumentResult, int]:
    """Check one file (waivers and baseline of ``settings`` applied) and write its review copy
    to ``out``, its notes in ``settings.lang``: (the result, the number of notes). Raises DocumentError when the file cannot be
    read or the copy cannot be written."""
    from .review import copy_kind, write_review_copy

    if copy_kind(path) is None:
        raise DocumentError(path, "no review copy for this file type (pdf, docx, txt, md, html)",
                            ErrorKind.UNSUPPORTED_FORMAT)
    pack = pack_for(settings)
    result = _finish([check_file(path, settings)], settings, pack).documents[0]
    if result.status == "error":
        raise DocumentError(path, result.error or "cannot be read", result.error_kind or ErrorKind.INTERNAL)
    try:
        notes = write_review_copy(result, out, {r.id: r.info() for r in pack.rules}, lang=settings.lang)
    except OSError as exc:
        raise DocumentError(path, f"cannot write the review copy {out}: {exc.strerror or exc}",
                            ErrorKind.OUTPUT) from None
    return result, notes


__all__ = ["parse", "parse_isolated", "review_copies", "annotate", "check", "check_file", "check_contract", "pack_for", "lpr_lookup", "record_into_store",
           "report_from_store", "settings_key"]
