"""Which figures a cap rule reads were not read reliably from a scan.

OCR gives every number on a scanned line a confidence and says whether a second reading
agreed (``model.OcrFigure``). A figure read with confidence below ``THRESHOLD``, or read
differently the second time, must not decide a finding: 年利率8% misread as 89% would fire
the rate-cap rule on a compliant contract. Such a figure makes its summary fact
*unreadable*: the rate, amount or date stays in the summary (the reports show what was
read), the ``*_readable`` flags turn false, and the cap rules declare themselves not
assessable on them (``not_assessable`` in their YAML). Each unreadable figure also becomes a
``flag`` fact named ``unreadable`` whose evidence is the OCR'd line, so that the report can
say which figure could not be read and show what the engine read there.

Typed text carries no figures, so on typed documents every flag stays true.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from ..ingest.ocr.figures import CN_NUMERALS
from ..model import Contract, Fact, Line, Note, OcrFigure

THRESHOLD = 0.5  # below this engine confidence (0..1) a figure is not relied on (measured: README "OCR")
_DATE = re.compile(rf"[\d{CN_NUMERALS}]{{2,4}}\s*年\s*[\d{CN_NUMERALS}]{{1,2}}\s*月\s*[\d{CN_NUMERALS}]{{1,3}}\s*[日号]?"
                   r"|\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}")
# summary fact -> the rate roles whose figures it is computed from
_RATE_KEYS = {
    "interest_rate_annual_pct": ("interest",),
    "overdue_rate_annual_pct": ("overdue_interest",),
    "overdue_penalty_annual_pct": ("penalty",),
    "overdue_fee_annual_pct": ("overdue_fee",),
}
_OVERDUE = ("overdue_rate_annual_pct", "overdue_penalty_annual_pct", "overdue_fee_annual_pct")
_DATE_KEYS = {"signing": "signing_date", "disbursement": "disbursement_date"}
FLAGS = ("interest_rate_readable", "overdue_rates_readable", "contract_date_readable", "loan_amount_readable")


def unreadable_figures(contract: Contract, facts: Iterable[Fact], threshold: float = THRESHOLD) -> list[Fact]:
    """One ``flag``/``unreadable`` fact per summary fact whose figure OCR could not read
    reliably (value: the summary key; evidence: the OCR'd line; attrs: figure, confidence,
    agreed, page)."""
    lines = contract.document.lines
    if not any(line.figures for line in lines):
        return []
    clauses = {c.path: c for c in contract.clauses}
    found: dict[str, Fact] = {}
    for fact in facts:
        keys = _keys_of(fact)
        if not keys:
            continue
        doubt = _doubt(fact, _clause_lines(fact, clauses, lines), threshold)
        if doubt is None:
            continue
        line, figure = doubt
        for key in keys:
            found.setdefault(key, Fact(kind="flag", name="unreadable", value=key, clause=fact.clause, page=line.page,
                                       evidence=line.text[:300],
                                       attrs={"figure": figure.text, "confidence": figure.confidence,
                                              "agreed": figure.agreed, "fact": f"{fact.kind}:{fact.name}"}))
    _relative_overdue(facts, found)
    return list(found.values())


def missing_date(contract: Contract, contract_date: str | None) -> Fact | None:
    """On a document with OCR'd pages, no contract date at all counts as an unreadable one: the
    cap follows the LPR on that date, and a scan's date is what OCR most often garbles
    (handwritten into a blank, 202年 for 2024年), while a typed contract without a date really
    has none and gets the latest LPR."""
    if contract_date is not None or not any(p.ocr for p in contract.document.pages):
        return None
    return Fact(kind="flag", name="unreadable", value="contract_date", clause="", page=0, evidence="",
                attrs={"figure": "", "confidence": 0.0, "agreed": False, "fact": "date:missing"})


def readable_flags(unreadable: Sequence[Fact]) -> dict[str, bool]:
    """The summary's ``*_readable`` flags from the unreadable facts."""
    keys = {f.value for f in unreadable}
    return {
        "interest_rate_readable": "interest_rate_annual_pct" not in keys,
        "overdue_rates_readable": not any(k in keys for k in _OVERDUE),
        "contract_date_readable": "contract_date" not in keys,
        "loan_amount_readable": "loan_amount" not in keys,
    }


def note(fact: Fact, threshold: float = THRESHOLD) -> Note:
    """The report's note on one unreadable figure: which, where, and what OCR read there."""
    if not fact.attrs.get("figure"):
        return Note("undated_scan", {"fact": fact.value})
    return Note("unreadable_figure", {"fact": fact.value, "page": fact.page, "figure": fact.attrs["figure"],
                                      "confidence": fact.attrs["confidence"], "threshold": threshold,
                                      "agreed": bool(fact.attrs.get("agreed", True)), "ocr_text": fact.evidence})


def _keys_of(fact: Fact) -> tuple[str, ...]:
    if fact.kind == "rate":
        return tuple(k for k, roles in _RATE_KEYS.items() if fact.name in roles)
    if fact.kind == "amount" and fact.name == "loan":
        return ("loan_amount",)
    if fact.kind == "date" and fact.name in _DATE_KEYS:
        return (_DATE_KEYS[fact.name], "contract_date")
    return ()


def _clause_lines(fact: Fact, clauses: dict, lines: Sequence[Line]) -> Sequence[Line]:
    clause = clauses.get(fact.clause)
    if clause is None:
        return [ln for ln in lines if ln.page == fact.page]
    return lines[clause.line_start:clause.line_end + 1]


def _doubt(fact: Fact, lines: Sequence[Line], threshold: float) -> tuple[Line, OcrFigure] | None:
    """The first doubtful figure, on the fact's lines, that the fact's stated figure is made of."""
    if fact.kind == "date":
        spans = [m.group() for m in _DATE.finditer(fact.evidence)]
    else:
        spans = [str(fact.attrs.get("stated") or "")]
    spans = [re.sub(r"\s+", "", s) for s in spans if s]
    for line in lines:
        for figure in line.figures:
            if (figure.confidence < threshold or not figure.agreed) and any(figure.text in s for s in spans):
                return line, figure
    return None


def _relative_overdue(facts: Iterable[Fact], found: dict[str, Fact]) -> None:
    """An overdue rate stated relative to the in-term rate (上浮50%) is no surer than it."""
    source = found.get("interest_rate_annual_pct")
    if source is None:
        return
    for fact in facts:
        relative = fact.kind == "rate" and fact.attrs.get("relative")
        if relative and relative[0] in ("loan_rate", "interest", "contract_rate"):
            for key in _keys_of(fact):
                found.setdefault(key, source)
