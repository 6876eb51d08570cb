"""Checking one document: read -> clauses -> facts -> rules -> findings.

The one place the stages are put together for a single document. ``api`` (whole runs),
``batch`` (workers) and the rule-test runner all call down into it; nothing here knows
about batches, caches, stores or reports.

The reading, clause and fact stages are imported where a document is first checked
(``load_stages``), not with this module: a run answered from the cache never loads them,
and a batch loads them once, before it forks its workers.
"""
from __future__ import annotations

from dataclasses import astuple, dataclass
from functools import lru_cache
from typing import Any, Callable

from . import __version__
from .engine import check_compiles, doc_fact, evaluate
from .digest import code_digest
from .errors import ConfigError, DocumentError, ErrorKind
from .ingest.reading import ReadOptions
from .limits import applied
from .model import REPORT_FACTS, Contract, Document, DocumentResult, FactSet, Note
from .params import Resolved, lpr_on, resolve
from .rulepack.loader import load_pack
from .rulepack.model import RulePack
from .settings import Settings, did_you_mean
from .vocab import class_label


@dataclass(frozen=True)
class ResultOptions:
    """Everything besides a file's bytes that decides its result. Every field is part of
    ``key``, the cache's and the results store's key, so an option added here can never be
    left out of it. (The run date is not: it only names the day an undated contract is taken
    to be formed, and a result cached on another day differs at most in that note.)"""

    pack_digest: str
    profile: str
    day_count: int
    collection_hours: tuple[float, float]
    version: str = __version__
    code: str = ""  # digest.code_digest(): the checker's own code and vocabularies

    @property
    def key(self) -> str:
        return ":".join(str(value) for value in astuple(self))


def result_options(settings: Settings, pack: RulePack) -> ResultOptions:
    """The options that shape results in this run: the user's settings where given, else the
    rule pack's parameters (pack.yaml ``day_count``, ``collection_start_hour``/``end_hour``)."""
    params = pack.params
    start, end = settings.collection_hours or (params.get("collection_start_hour", 8),
                                               params.get("collection_end_hour", 22))
    return ResultOptions(pack.digest, settings.profile, settings.day_count or _pack_day_count(pack),
                         (float(start), float(end)), code=code_digest())


def parse(path: str, day_count: int | None = None, pack: RulePack | None = None,
          read: ReadOptions | None = None) -> tuple[Contract, FactSet]:
    """Read a contract file into its clause structure and facts (a day count of None: the
    pack's; ``read``: how to read it, e.g. OCR threads). Raises DocumentError."""
    from .clauses import parse_contract
    from .facts.extract import extract_facts
    from .ingest import read_document

    pack = pack or _pack((), ())
    document = read_document(path, read)
    contract = parse_contract(document)
    day_count = day_count or _pack_day_count(pack)
    return contract, extract_facts(contract, day_count=day_count, lpr=lpr_lookup(pack))


def _pack_day_count(pack: RulePack) -> int:
    return int(pack.params.get("day_count", 360))


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


def run_params(options: ResultOptions) -> dict[str, Any]:
    start, end = options.collection_hours
    return {"day_count": options.day_count, "collection_start_hour": start, "collection_end_hour": end}


def check_contract(contract: Contract, factset: FactSet, settings: Settings, pack: RulePack | None = None,
                   backend: str = "durable") -> DocumentResult:
    """Run the rules over an already parsed contract."""
    from .facts import legibility
    from .findings.build import build_findings

    pack = pack or pack_for(settings)
    options = result_options(settings, pack)
    resolved = resolve(factset.summary, options.profile, pack, run_params(options), today=settings.today)
    facts = report_facts(factset.summary, resolved)
    facts["ocr_pages"] = list(contract.document.metadata.get("ocr_pages", ()))  # reports mark scanned documents
    if factset.summary.get("document_kind") == "other":
        return skipped_result(contract, factset, facts)
    doc = doc_fact(factset.summary, resolved.params)
    hits = evaluate(pack, contract, factset, doc, backend=backend)
    unjudged = not_assessable(pack, doc)
    hits = [h for h in hits if h.rule_id not in unjudged]
    day_doc_notes = day_count_notes(factset.summary, resolved.params, options.day_count)
    extras = {**day_count_messages(day_doc_notes), "profile": resolved.profile, "profile_reason": resolved.reason,
              "regime": resolved.regime, "rate_cap_annual_pct": facts["rate_cap_annual_pct"],
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
        profile_note=resolved.reason_note,
        ocr=ocr_summary(contract.document),
        notes=resolved.notes + day_doc_notes + tuple(unjudged.values())
        + tuple(legibility.note(f) for f in factset.items if f.kind == "flag" and f.name == "unreadable"),
    )


# the figures a 360- or 365-day year can put on either side of the line: (note figure, summary key, alternative key)
_DAY_COUNT_FIGURES = (("interest", "interest_rate_annual_pct", "interest_rate_alt_pct"),
                      ("overdue", "overdue_rate_annual_pct", "overdue_rate_alt_pct"),
                      ("overdue_total", "overdue_total_annual_pct", "overdue_total_alt_pct"))


def day_count_notes(summary: dict, params: dict, day_count: int) -> tuple[Note, ...]:
    """Where a year of 360 and of 365 days put a figure on different sides of the line: one
    ``day_count`` note per such figure."""
    line, alt_days = params.get("rate_cap"), summary.get("alt_day_count")
    if line is None or not alt_days:
        return ()
    notes = []
    for figure, main_key, alt_key in _DAY_COUNT_FIGURES:
        main, alt = summary.get(main_key), summary.get(alt_key)
        cost = summary.get("in_term_cost_annual_pct")
        if main_key == "interest_rate_annual_pct" and cost is not None and main is not None and abs(cost - main) > 0.01:
            continue  # the in-term line is judged on the all-in cost: the rate alone does not decide it
        if main is None or alt is None or (main > line) == (alt > line):
            continue
        notes.append(Note("day_count", {"figure": figure, "days": day_count, "main": main, "alt_days": alt_days,
                                        "alt": alt, "line": line}))
    return tuple(notes)


def day_count_messages(notes: tuple[Note, ...]) -> dict[str, Any]:
    """The rules' ``{interest_day_count_note}``-style placeholders: the day-count sentence in
    brackets where a note says the day count decides (empty otherwise), in Chinese, with the
    English under ``en`` for ``message_en``."""
    from .findings.build import day_count_text

    zh = {f"{figure}_day_count_note": "" for figure, *_ in _DAY_COUNT_FIGURES}
    en = dict(zh)
    for note in notes:
        figures = {k: v for k, v in note.values.items() if k != "figure"}
        key = f"{note.values['figure']}_day_count_note"
        zh[key] = f"（{day_count_text(figures)}）"
        en[key] = f"({day_count_text(figures, english=True)})"
    return {**zh, "en": en}


def skipped_result(contract: Contract, factset: FactSet, facts: dict[str, Any]) -> DocumentResult:
    """A document that is not about lending (README, notes, other contracts): no rule judges it."""
    kind = next((f for f in factset.items if f.name == "document_kind"), None)
    title = kind.attrs.get("title") if kind is not None else None
    return DocumentResult(path=contract.path, status="skipped", pages=len(contract.document.pages), facts=facts,
                          reason=Note("not_a_loan", {"title": title} if title else {}))


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


def not_assessable(pack: RulePack, doc: dict[str, Any]) -> dict[str, Note]:
    """Rules that cannot be judged on this document (their ``not_assessable`` holds on the
    document fact): id -> the note saying so, with the rule's titles and reasons in both languages."""
    return {r.id: Note("not_assessable", {"rule": r.id, "title": r.title_zh, "title_en": r.title_en,
                                          "reason": r.not_assessable_reason, "reason_en": r.not_assessable_reason_en})
            for r in pack.rules if r.not_assessable_on(doc)}


def report_facts(summary: dict, resolved: Resolved) -> dict[str, Any]:
    """The report's ``facts``: the ones the interface names first, the regime and its line, then
    the rest of the summary."""
    params = resolved.params
    facts: dict[str, Any] = {key: summary.get(key) for key in REPORT_FACTS}
    facts["rate_cap_annual_pct"] = params.get("rate_cap")
    facts["regime"] = resolved.regime
    facts["rate_line"] = resolved.line
    facts["rate_line_en"] = resolved.line_en
    if params.get("lpr_pct") is not None:
        facts["lpr_one_year_pct"] = params["lpr_pct"]
    for key, value in summary.items():
        facts.setdefault(key, value)
    return facts


def check_file(path: str, settings: Settings, digest: str | None = None) -> DocumentResult:
    """Check one file (``digest``: the sha256 of its bytes when the caller has it); a bad file
    becomes an ``error`` result with a one-line reason, never an exception."""
    try:
        with applied(settings.limits):
            pack = pack_for(settings)
            contract, factset = parse(path, result_options(settings, pack).day_count, pack,
                                      read_options(settings, digest))
            return check_contract(contract, factset, settings, pack)
    except DocumentError as exc:
        return error_result(path, exc.reason, exc.kind)


def read_options(settings: Settings, digest: str | None = None) -> ReadOptions:
    """How this run reads a document: its OCR threads and page cache, and the file's digest."""
    return ReadOptions(ocr_threads=settings.ocr_threads, ocr_cache=settings.use_cache, digest=digest)


def error_result(path: str, reason: str, kind: ErrorKind) -> DocumentResult:
    """A document that could not be checked: the one-line reason, and its code."""
    return DocumentResult(path=path, status="error", error=reason, error_kind=ErrorKind(kind))
