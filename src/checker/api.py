"""The library API the CLI and the tests call: parse one file, check one file, check a batch."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any, Callable

from . import __version__
from .clauses import parse_contract
from .engine import check_compiles, doc_fact, evaluate
from .errors import ConfigError, DocumentError
from .facts import extract_facts, legibility
from .findings.build import build_findings, format_value
from .ingest import read_document
from .limits import applied, memory_reason
from .model import Contract, Document, DocumentResult, FactSet, RunResult
from .facts.lender import class_label
from .params import Resolved, lpr_on, resolve
from .rulepack.loader import load_pack
from .rulepack.model import RulePack
from .settings import Settings, did_you_mean

REPORT_FACTS = ("contract_date", "loan_amount", "interest_rate_annual_pct", "overdue_rate_annual_pct",
                "rate_cap_annual_pct", "lender_class", "via_platform", "is_template")


def parse(path: str, day_count: int = 360, pack: RulePack | None = None) -> tuple[Contract, FactSet]:
    """Read a contract file into its clause structure and facts. Raises DocumentError."""
    document = read_document(path)
    contract = parse_contract(document)
    return contract, extract_facts(contract, day_count=day_count, lpr=lpr_lookup(pack or _pack((), ())))


def lpr_lookup(pack: RulePack) -> Callable[[str | None], float | None]:
    """The one-year LPR in force on a date, from the pack's table (for LPR-relative rates)."""
    def lookup(iso_date: str | None) -> float | None:
        entry, _ = lpr_on(pack.lpr, iso_date)
        return entry.rate_pct if entry else None
    return lookup


@lru_cache(maxsize=8)
def _pack(rule_dirs: tuple[str, ...], disabled: tuple[str, ...], lpr_rows: tuple[tuple[str, float], ...] = ()) -> RulePack:
    pack = load_pack(rule_dirs).with_lpr(lpr_rows)
    pack = pack.without(set(disabled)) if disabled else pack
    check_compiles(pack)
    return pack


def pack_for(settings: Settings) -> RulePack:
    """The rule pack a run uses: built-in + extra folders, less the disabled rules, plus the LPR
    rows of checker.yaml (cached per process). Raises ConfigError for a disabled rule that does
    not exist: a typo must not re-enable nothing."""
    full = _pack(tuple(settings.rule_dirs), ())
    known = [r.id for r in full.rules]
    for rule_id in settings.disabled_rules:
        if rule_id not in known:
            where = f"{settings.config_path}: disable" if settings.config_path else "disable"
            raise ConfigError(f"{where}: no rule {rule_id!r}{did_you_mean(rule_id, known)} "
                              "(see `checker rules list`)")
    return _pack(tuple(settings.rule_dirs), tuple(sorted(settings.disabled_rules)), tuple(settings.lpr_rows))


def run_params(settings: Settings) -> dict[str, Any]:
    start, end = settings.collection_hours
    return {"day_count": settings.day_count, "collection_start_hour": start, "collection_end_hour": end}


def check_contract(contract: Contract, factset: FactSet, settings: Settings, pack: RulePack | None = None,
                   backend: str = "durable") -> DocumentResult:
    """Run the rules over an already parsed contract."""
    pack = pack or pack_for(settings)
    resolved = resolve(factset.summary, settings.profile, pack, run_params(settings), today=settings.today)
    facts = report_facts(factset.summary, resolved)
    facts["ocr_pages"] = list(contract.document.metadata.get("ocr_pages", ()))  # reports mark scanned documents
    if factset.summary.get("document_kind") == "other":
        return skipped_result(contract, factset, facts)
    hits = evaluate(pack, contract, factset, resolved.params, backend=backend)
    unjudged = not_assessable(pack, factset.summary, resolved.params)
    hits = [h for h in hits if h.rule_id not in unjudged]
    day_notes, day_doc_notes = day_count_notes(factset.summary, resolved.params, settings.day_count)
    extras = {**day_notes, "profile": resolved.profile, "profile_reason": resolved.reason, "regime": resolved.regime,
              "cap_note": "；".join(resolved.notes), "rate_cap_annual_pct": facts["rate_cap_annual_pct"],
              "lender_class_label": class_label(factset.summary.get("lender_class"))}
    findings = build_findings(pack, hits, contract, factset, resolved.params, extras, resolved.tags)
    return DocumentResult(
        path=contract.path,
        status="checked",
        pages=len(contract.document.pages),
        facts=facts,
        findings=findings,
        profile=resolved.profile,
        profile_reason=resolved.reason,
        ocr=ocr_summary(contract.document),
        notes=resolved.notes + day_doc_notes + tuple(f"{rule_id}: {reason}" for rule_id, reason in unjudged.items())
        + tuple(legibility.note(f) for f in factset.items if f.kind == "flag" and f.name == "unreadable"),
    )


_DAY_COUNT_FIGURES = (("interest_day_count_note", "interest_rate_annual_pct", "interest_rate_alt_pct", "借期内年化利率"),
                      ("overdue_day_count_note", "overdue_rate_annual_pct", "overdue_rate_alt_pct", "逾期年化利率"),
                      ("overdue_total_day_count_note", "overdue_total_annual_pct", "overdue_total_alt_pct",
                       "逾期费用合计年化"))


def day_count_notes(summary: dict, params: dict, day_count: int) -> tuple[dict[str, str], tuple[str, ...]]:
    """Where a year of 360 and of 365 days put a figure on different sides of the line: the
    message text giving both figures (per figure), and document notes saying so."""
    line, alt_days = params.get("rate_cap"), summary.get("alt_day_count")
    notes: dict[str, str] = {key: "" for key, *_ in _DAY_COUNT_FIGURES}
    doc: list[str] = []
    if line is None or not alt_days:
        return notes, ()
    for key, main_key, alt_key, label in _DAY_COUNT_FIGURES:
        main, alt = summary.get(main_key), summary.get(alt_key)
        cost = summary.get("in_term_cost_annual_pct")
        if main_key == "interest_rate_annual_pct" and cost is not None and main is not None and abs(cost - main) > 0.01:
            continue  # the in-term line is judged on the all-in cost: the rate alone does not decide it
        if main is None or alt is None or (main > line) == (alt > line):
            continue
        text = (f"按一年{day_count}天折算为{format_value(main)}%，按一年{alt_days}天折算为{format_value(alt)}%，"
                f"两种计息天数对是否超过{format_value(line)}%的结论不同")
        notes[key] = f"（{text}）"
        doc.append(f"{label}：{text}")
    return notes, tuple(doc)


def skipped_result(contract: Contract, factset: FactSet, facts: dict[str, Any]) -> DocumentResult:
    """A document that is not about lending (README, notes, other contracts): no rule judges it."""
    why = next((f.evidence for f in factset.items if f.name == "document_kind"), "") or "不是借款合同"
    return DocumentResult(path=contract.path, status="skipped", pages=len(contract.document.pages), facts=facts,
                          reason=f"已跳过：{why}（skipped: not a loan agreement）")


def ocr_summary(document: Document) -> dict[str, Any] | None:
    """Which pages OCR read, by which engine, and how sure it was (mean over the OCR'd pages,
    each page weighted alike); None for a document with a text layer on every page."""
    pages = [p for p in document.pages if p.ocr]
    if not pages:
        return None
    known = {str(p.number): p.ocr_confidence for p in pages if p.ocr_confidence is not None}
    engines = sorted({p.ocr_engine for p in pages if p.ocr_engine})
    return {"engine": ", ".join(engines) or None, "pages": [p.number for p in pages],
            "mean_confidence": round(sum(known.values()) / len(known), 3) if known else None,
            "page_confidence": known}


def not_assessable(pack: RulePack, summary: dict, params: dict) -> dict[str, str]:
    """Rules that cannot be judged on this document (their ``not_assessable`` holds): id -> reason."""
    doc = doc_fact(summary, params)
    return {r.id: r.not_assessable_reason for r in pack.rules if r.not_assessable_on(doc)}


def report_facts(summary: dict, resolved: Resolved) -> dict[str, Any]:
    """The report's ``facts``: the ones the interface names first, the regime and its line, then
    the rest of the summary."""
    params = resolved.params
    facts: dict[str, Any] = {key: summary.get(key) for key in REPORT_FACTS}
    facts["rate_cap_annual_pct"] = params.get("rate_cap")
    facts["regime"] = resolved.regime
    facts["rate_line"] = resolved.line
    if params.get("lpr_pct") is not None:
        facts["lpr_one_year_pct"] = params["lpr_pct"]
    for key, value in summary.items():
        facts.setdefault(key, value)
    return facts


def check_file(path: str, settings: Settings) -> DocumentResult:
    """Check one file; a bad file becomes an ``error`` result with a one-line reason, never an exception."""
    try:
        with applied(settings.limits):
            contract, factset = parse(path, settings.day_count, pack_for(settings))
            return check_contract(contract, factset, settings)
    except DocumentError as exc:
        return error_result(path, exc.reason)


def parse_isolated(path: str, settings: Settings) -> tuple[Contract, FactSet]:
    """``parse`` for ``checker parse``: in a child process under the document time limit and
    memory ceiling (a hostile file cannot hang or exhaust the command). Raises DocumentError."""
    from .batch.child import Child, can_fork
    from .batch.executors import HARD_GRACE, DocumentTimeout, time_limit, timeout_reason

    pack = pack_for(settings)

    def work(_: object) -> tuple[str, object]:
        try:
            with applied(settings.limits), time_limit(settings.doc_timeout, hard=True):
                return "ok", parse(path, settings.day_count, pack)
        except DocumentError as exc:
            return "error", exc.reason
        except DocumentTimeout:
            return "error", timeout_reason(settings.doc_timeout or 0)
        except MemoryError:
            return "error", memory_reason(settings.limits)

    if not can_fork():
        kind, value = work(None)
    else:
        deadline = settings.doc_timeout + HARD_GRACE if settings.doc_timeout else None
        with Child(work, settings.limits.memory_mb) as child:
            outcome = child.call(path, deadline)
        if outcome.kind == "ok":
            kind, value = outcome.value
        elif outcome.kind == "timeout":
            kind, value = "error", timeout_reason(settings.doc_timeout or 0)
        elif outcome.kind == "failed":
            kind, value = "error", f"internal error while reading: {outcome.value}"
        else:
            from .batch.executors import death_reason
            kind, value = "error", death_reason(outcome.value, settings)
    if kind != "ok":
        raise DocumentError(path, str(value))
    return value  # type: ignore[return-value]


def _with_report_facts(result: DocumentResult) -> DocumentResult:
    """Every document carries the interface's fact keys, null where unknown (error documents too)."""
    if all(k in result.facts for k in REPORT_FACTS):
        return result
    return replace(result, facts={**{k: None for k in REPORT_FACTS}, **result.facts})


def error_result(path: str, reason: str) -> DocumentResult:
    return DocumentResult(path=path, status="error", error=reason, facts={k: None for k in REPORT_FACTS})


def settings_key(settings: Settings, pack: RulePack) -> str:
    """Everything besides a file's bytes that shapes its result: the cache's and the store's key."""
    return f"{pack.digest}:{settings.profile}:{settings.day_count}:{settings.collection_hours}:{__version__}"


def check(paths: list[str], settings: Settings, *, progress: bool = False,
          check_one: Callable[[str, Settings], DocumentResult] = check_file,
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
    configure_ocr(settings, len(files))
    results = run_batch(files, settings, url_aware(check_one), key=settings_key(settings, pack), progress=progress)
    return _finish(results, settings, pack)


def configure_ocr(settings: Settings, files: int | None) -> None:
    """OCR threads per worker so that workers x threads stay within --jobs (or the cores): one
    scanned file alone gets every core, a batch one page at a time per worker. ``--no-cache``
    also skips the OCR page cache. Set before the workers fork, so they inherit it."""
    import os

    from .batch.executors import worker_count
    from .ingest import ocr

    cores = settings.jobs or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    ocr.configure(threads=max(1, cores // worker_count(settings, files)), cache=settings.use_cache)


def _finish(results: list[DocumentResult], settings: Settings, pack: RulePack,
            notes: tuple[str, ...] = ()) -> RunResult:
    """The run's result: report facts on every document, then waivers and the baseline."""
    from .findings.baseline import apply_baseline, load_baseline
    from .findings.waivers import apply_waivers

    results = [_with_report_facts(r) for r in results]
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


def lpr_staleness(pack: RulePack, today: date) -> str | None:
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
    return (f"LPR表可能已过期：表中最新为{known}，而一年期LPR每月20日报价，最近一期为{due.isoformat()}"
            f"（相差{late}天）；请在checker.yaml的lpr:中补充最新报价（未变也请补一行），以免按旧LPR计算利率线")


def _previous_20th(today: date) -> date:
    return date(today.year - 1, 12, 20) if today.month == 1 else date(today.year, today.month - 1, 20)


def record_into_store(paths: list[str], settings: Settings, store: str, *, resume: bool = False,
                      progress: bool = False,
                      check_one: Callable[[str, Settings], DocumentResult] = check_file) -> dict[str, Any]:
    """Check ``paths`` into a results store, holding no result in memory (inputs are listed
    lazily), skipping with ``resume`` the files recorded before with the same bytes and rules.
    Returns counts: recorded, skipped, interrupted. Raises UsageError for an unusable store."""
    import sys

    from .batch.pool import record_batch
    from .batch.recording import Recorder
    from .batch.sources import expand_inputs, redact_text, url_aware
    from .store import ResultStore

    pack = pack_for(settings)
    key = settings_key(settings, pack)
    configure_ocr(settings, None)
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
    from .model import SEVERITIES, Severity
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
    notes: list[str] = []
    if runs:
        last = runs[-1]
        if last["pack_digest"] != pack.digest:
            notes.append(f"the store's results were made with another rule pack ({last['pack_digest'][:12]}) "
                         f"than the one loaded now ({pack.digest[:12]}): rule texts may differ")
        if not last["finished"]:
            notes.append(f"the latest run (started {last['started']}) did not finish: "
                         "run `checker check ... --store STORE --resume` to complete it")
    result = _finish(documents, settings, pack, tuple(notes))
    return replace(result, profile=runs[-1]["profile"] if runs else settings.profile)


def review_copies(run: RunResult, out_dir: str, fmt: str = "review") -> list[Any]:
    """Write the review copies ``fmt`` asks for (``review``: every input; ``docx-review``,
    ``pdf-review``, ``html-review``: only those) under ``out_dir``, reading each document again
    from its path or URL. Returns one ``checker.review.ReviewCopy`` per document copied."""
    from contextlib import contextmanager

    from .batch.sources import is_url, local_copy
    from .review import REVIEW_FORMATS, write_review_copies

    @contextmanager
    def opener(path: str):  # type: ignore[no-untyped-def]
        if is_url(path):
            with local_copy(path) as local:
                yield local
        else:
            yield path

    return write_review_copies(run, out_dir, REVIEW_FORMATS[fmt], opener=opener)


def annotate(path: str, out: str, settings: Settings) -> tuple[DocumentResult, int]:
    """Check one file (waivers and baseline of ``settings`` applied) and write its review copy
    to ``out``: (the result, the number of notes). Raises DocumentError when the file cannot be
    read or the copy cannot be written."""
    from .review import copy_kind, write_review_copy

    if copy_kind(path) is None:
        raise DocumentError(path, "no review copy for this file type (pdf, docx, txt, md, html)")
    pack = pack_for(settings)
    result = _finish([check_file(path, settings)], settings, pack).documents[0]
    if result.status == "error":
        raise DocumentError(path, result.error or "cannot be read")
    try:
        notes = write_review_copy(result, out, {r.id: r.info() for r in pack.rules})
    except OSError as exc:
        raise DocumentError(path, f"cannot write the review copy {out}: {exc.strerror or exc}") from None
    return result, notes


__all__ = ["parse", "parse_isolated", "review_copies", "annotate", "check", "check_file", "check_contract", "pack_for", "lpr_lookup", "record_into_store",
           "report_from_store", "settings_key"]
