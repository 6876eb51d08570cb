"""The library API the CLI and the tests call: parse one file, check one file, check a batch."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any, Callable

from . import __version__
from .clauses import parse_contract
from .engine import doc_fact, evaluate
from .errors import DocumentError
from .facts import extract_facts
from .findings.build import build_findings
from .ingest import read_document
from .model import Contract, DocumentResult, FactSet, RunResult
from .params import lpr_on, resolve
from .rulepack.loader import load_pack
from .rulepack.model import RulePack
from .settings import Settings

REPORT_FACTS = ("contract_date", "loan_amount", "interest_rate_annual_pct", "overdue_rate_annual_pct",
                "rate_cap_annual_pct")


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
def _pack(rule_dirs: tuple[str, ...], disabled: tuple[str, ...]) -> RulePack:
    pack = load_pack(rule_dirs)
    return pack.without(set(disabled)) if disabled else pack


def pack_for(settings: Settings) -> RulePack:
    """The rule pack a run uses: built-in + extra folders, less the disabled rules (cached per process)."""
    return _pack(tuple(settings.rule_dirs), tuple(sorted(settings.disabled_rules)))


def run_params(settings: Settings) -> dict[str, Any]:
    start, end = settings.collection_hours
    return {"day_count": settings.day_count, "collection_start_hour": start, "collection_end_hour": end}


def check_contract(contract: Contract, factset: FactSet, settings: Settings, pack: RulePack | None = None,
                   backend: str = "durable") -> DocumentResult:
    """Run the rules over an already parsed contract."""
    pack = pack or pack_for(settings)
    resolved = resolve(factset.summary, settings.profile, pack, run_params(settings))
    facts = report_facts(factset.summary, resolved.params)
    hits = evaluate(pack, contract, factset, resolved.params, backend=backend)
    unjudged = not_assessable(pack, factset.summary, resolved.params)
    hits = [h for h in hits if h.rule_id not in unjudged]
    extras = {"profile": resolved.profile, "profile_reason": resolved.reason,
              "cap_note": "；".join(resolved.notes), "rate_cap_annual_pct": facts["rate_cap_annual_pct"]}
    findings = build_findings(pack, hits, contract, factset, resolved.params, extras)
    return DocumentResult(
        path=contract.path,
        status="checked",
        pages=len(contract.document.pages),
        facts=facts,
        findings=findings,
        profile=resolved.profile,
        profile_reason=resolved.reason,
        notes=resolved.notes + tuple(f"{rule_id}: {reason}" for rule_id, reason in unjudged.items()),
    )


def not_assessable(pack: RulePack, summary: dict, params: dict) -> dict[str, str]:
    """Rules that cannot be judged on this document (their ``not_assessable`` holds): id -> reason."""
    doc = doc_fact(summary, params)
    return {r.id: r.not_assessable_reason for r in pack.rules if r.not_assessable_on(doc)}


def report_facts(summary: dict, params: dict) -> dict[str, Any]:
    """The report's ``facts``: the five the interface names first, then the rest of the summary."""
    facts: dict[str, Any] = {key: summary.get(key) for key in REPORT_FACTS}
    facts["rate_cap_annual_pct"] = params.get("rate_cap")
    if params.get("lpr_pct") is not None:
        facts["lpr_one_year_pct"] = params["lpr_pct"]
    for key, value in summary.items():
        facts.setdefault(key, value)
    return facts


def check_file(path: str, settings: Settings) -> DocumentResult:
    """Check one file; a bad file becomes an ``error`` result with a one-line reason, never an exception."""
    try:
        contract, factset = parse(path, settings.day_count, pack_for(settings))
        return check_contract(contract, factset, settings)
    except DocumentError as exc:
        return error_result(path, exc.reason)


def _with_report_facts(result: DocumentResult) -> DocumentResult:
    """Every document carries the interface's fact keys, null where unknown (error documents too)."""
    if all(k in result.facts for k in REPORT_FACTS):
        return result
    return replace(result, facts={**{k: None for k in REPORT_FACTS}, **result.facts})


def error_result(path: str, reason: str) -> DocumentResult:
    return DocumentResult(path=path, status="error", error=reason, facts={k: None for k in REPORT_FACTS})


def check(paths: list[str], settings: Settings, *, progress: bool = False,
          check_one: Callable[[str, Settings], DocumentResult] = check_file) -> RunResult:
    """Check every contract under ``paths``: discovery, the batch (cache, workers), waivers, baseline."""
    from .batch.discover import discover
    from .batch.pool import run_batch
    from .findings.baseline import apply_baseline, load_baseline
    from .findings.waivers import apply_waivers

    pack = pack_for(settings)  # invalid rules fail here, before any document is read
    files = discover(paths)
    key = f"{pack.digest}:{settings.profile}:{settings.day_count}:{settings.collection_hours}:{__version__}"
    results = [_with_report_facts(r) for r in run_batch(files, settings, check_one, key=key, progress=progress)]
    notes: list[str] = []
    results, waiver_notes = apply_waivers(results, settings.waivers, settings.today)
    notes.extend(waiver_notes)
    if settings.baseline:
        results, baseline_notes = apply_baseline(results, load_baseline(settings.baseline))
        notes.extend(baseline_notes)
    return RunResult(documents=tuple(results), profile=settings.profile, version=__version__,
                     rules=tuple(r.info() for r in pack.rules), notes=tuple(notes))


__all__ = ["parse", "check", "check_file", "check_contract", "pack_for", "lpr_lookup"]
