"""Reading every fact of one contract: the fact readers put together, and the summary the rules read."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Any

from ..model import Clause, Contract, Fact, FactSet
from .names import FACT_KEYS
from .charges import charge_facts
from .cost_facts import cost_summary
from .obligations import allowed_hours, collection_window, obligation_facts
from .forum import consumer_borrower, read_forum
from .kind import document_kind
from .parties import party_facts, read_parties
from .roles import (assign_rates, capped_by_law, date_summary, find_loan_amount, find_role_dates,
                    find_term_months, nominal_rate, overdue_fee_agreed, rate_facts, rate_summary)
from .roles.rate_roles import late_triggered
from .legibility import missing_date, readable_flags, unreadable_figures
from .lender import read_lender
from .tables import unfold_tables
from .template import annual_rate_field, is_blank_value, mask_clauses, read_template, template_topics
from .summary import emphasis, is_standard_form, prominence_notice
from .topics import split_sentences, topic_facts



def extract_facts(contract: Contract, day_count: int = 360,
                  lpr: Callable[[str | None], float | None] | None = None) -> FactSet:
    """Read every fact of one contract; the summary carries every FACT_KEYS key (None = not found).

    ``lpr`` gives the one-year LPR in force on a date (the rule pack's table), so that rates
    stated relative to the LPR (按LPR的四倍, LPR+150个基点) get a value.
    """
    clauses = unfold_tables(mask_clauses(contract.clauses))  # masked first: a blank cell is a value
    contract = replace(contract, clauses=tuple(mask_clauses(contract.clauses)))
    parties = read_parties(contract)
    kind = document_kind(contract, parties)
    topics = list(topic_facts(clauses))
    topic_names = {f.name for f in topics}
    obligations = list(obligation_facts(clauses, parties.roles))
    roled = assign_rates(clauses, day_count)
    interest_free = "interest_free" in topic_names
    amount = find_loan_amount(clauses)
    dated = find_role_dates(clauses)
    dates = date_summary(dated, parties.natural_persons_only)
    lpr_pct = lpr(dates.get("contract_date")) if lpr else None
    fee_agreed = overdue_fee_agreed(clauses) or "collection_fee_charged" in topic_names
    overdue_topics = _overdue_topics(topics, clauses)
    rates, notes = rate_summary(roled, interest_free, overdue_topics, fee_agreed, lpr_pct)
    alt_day_count = 365 if day_count == 360 else 360
    alt, _ = rate_summary(assign_rates(clauses, alt_day_count), interest_free, overdue_topics,
                          fee_agreed, lpr_pct)
    emphasized, assessable = emphasis(contract, topics)
    lender = parties.lender
    hours = _collection_hours(contract)
    nominal = nominal_rate(roled)
    term_months = find_term_months(clauses)
    cost, charges = cost_summary(clauses, roled, rates, amount.value if amount else None,
                                 nominal.annual_pct if nominal else None, interest_free, term_months, day_count)
    fees_charged = rates.pop("fees_charged") or any(c.is_cost and c.value != 0 for c in charges)
    template = read_template(clauses, parties, amount.value if amount else None, dates.get("contract_date"))
    if template.is_template:
        filled = {f.name for f in topics}
        topics += [f for f in template_topics(clauses) if f.name not in filled]
        topic_names = {f.name for f in topics}
        if annual_rate_field(clauses):
            rates["apr_stated"] = True
    elif "loan_amount" in template.blanks:
        # a signed contract whose amount field was left blank states no amount
        topics = [f for f in topics if f.name != "loan_amount"]
        topic_names = {f.name for f in topics}
    forum = read_forum(contract, clauses, parties)
    if forum.fact:
        topics.append(forum.fact)
        topic_names.add("lender_forum")
    who = read_lender(contract, parties, placeholder_name=bool(lender) and is_blank_value(lender.name))
    summary: dict[str, Any] = {
        **dates,
        "loan_amount": amount.value if amount else None,
        **rates,
        "interest_free": interest_free and not (rates["interest_rate_annual_pct"] or 0) > 0,
        "interest_charged": bool((rates["interest_rate_annual_pct"] or 0) > 0 or fees_charged),
        "overdue_total_capped_by_law": capped_by_law(clauses),
        "term_months": term_months,
        **cost,
        # a template (its principal fields blank) is a form made to be filled in for many borrowers;
        # a contract a platform is party to, or concluded through an app or site, is the platform's form
        "is_standard_form": template.is_template or who.via_platform or is_standard_form(
            contract, lender.kind if lender else None, parties.natural_persons_only),
        "has_prominence_notice": prominence_notice(clauses) is not None,
        "key_terms_emphasized": emphasized,
        "emphasis_assessable": assessable,
        "lender_name": (lender.name or None) if lender else None,
        "lender_kind": lender.kind if lender else None,
        "natural_persons_only": parties.natural_persons_only,
        "lender_class": who.lender_class,
        "lender_class_reason": who.class_reason,
        "lender_identified": who.identified,
        "lender_licensed": who.licensed,
        "institution_lender": who.licensed or who.via_platform,
        "via_platform": who.via_platform,
        "via_platform_reason": who.platform_reason,
        "is_template": template.is_template,
        "template_reason": template.reason,
        "template_blanks": list(template.blanks),
        "alt_day_count": alt_day_count,
        "interest_rate_alt_pct": alt["interest_rate_annual_pct"],
        "overdue_rate_alt_pct": alt["overdue_rate_annual_pct"],
        "overdue_total_alt_pct": alt["overdue_total_annual_pct"],
        "interest_rate_blank": template.is_template and rates["interest_rate_annual_pct"] is None
        and "interest_rate" in topic_names and not interest_free,
        "collection_hours_start": hours[0] if hours else None,
        "collection_hours_end": hours[1] if hours else None,
        "topics": sorted(topic_names),
        "document_kind": kind.kind,
        "forum_favours_lender": forum.favours_lender,
        "forum_highlighted": forum.highlighted,
        "consumer_borrower": consumer_borrower(contract, parties),
    }
    items = [*topics, *obligations, *rate_facts(roled), *party_facts(contract, parties),
             *_date_facts(dated), *([amount] if amount else []), *charge_facts(charges)]
    items.append(Fact(kind="flag", name="document_kind", value=kind.kind, clause="", page=0, evidence=kind.reason,
                      attrs={"title": kind.title} if kind.title else {}))
    unreadable = unreadable_figures(contract, items)
    undated = missing_date(contract, summary.get("contract_date"))
    unreadable += [undated] if undated and not any(f.value == "contract_date" for f in unreadable) else []
    summary.update(readable_flags(unreadable))
    summary = {key: summary.get(key) for key in FACT_KEYS}
    items += unreadable
    items += [Fact(kind="flag", name="note", value=n, clause="", page=0, evidence="") for n in notes]
    return FactSet(items=tuple(items), summary=summary)


def _overdue_topics(topics: list[Fact], clauses: list[Clause]) -> set[str]:
    """The topic names the overdue charges are counted from: 违约金 (liquidated_damages) only
    where late payment is among its triggers (a 违约金 for misusing the loan is no overdue charge)."""
    names = {f.name for f in topics}
    texts = {c.path: c.text for c in clauses}
    if not any(f.name == "liquidated_damages" and late_triggered(texts.get(f.clause, "")) for f in topics):
        names.discard("liquidated_damages")
    return names


def _collection_hours(contract: Contract) -> tuple[float, float] | None:
    for clause in contract.clauses:
        for s in split_sentences(clause.text):
            window = collection_window(s.text)
            hours = allowed_hours(window) if window else None
            if hours:
                return hours
    return None


def _date_facts(dated) -> list[Fact]:
    return [Fact(kind="date", name=d.role.replace("_unlabelled", ""), value=d.iso, clause=d.clause.path,
                 page=d.clause.page_start, evidence=d.evidence[:300],
                 attrs={"labelled": not d.role.endswith("_unlabelled")}) for d in dated]
