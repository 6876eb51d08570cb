"""The words of a review note: one text per finding, the same in Word, PDF and HTML copies.

A note is in the report's language (``lang``: zh, the default, or en) throughout, its labels
from ``reports/i18n.py`` like every report's; the statutes are cited as written, and the
contract itself is never translated (it is the document under review).
"""
from __future__ import annotations

from typing import Mapping

from ..model import Finding, RuleInfo
from ..reports import i18n
from ..reports.common import legal_basis_for, remediation_for, xml_safe
from ..reports.safe import no_surrogates

AUTHOR = "checker"


def basis_short(finding: Finding, rules: Mapping[str, RuleInfo], lang: str = "zh") -> str:
    """The legal basis as a lawyer cites it (《民法典》第680条), without the quote."""
    return i18n.listing([f"《{b.statute.strip('《》')}》{b.article}" if b.statute else b.article
                         for b in legal_basis_for(finding, rules)], lang)


def headline(finding: Finding, rules: Mapping[str, RuleInfo], lang: str = "zh") -> str:
    """「【高】逾期利率超过上限」 / "[high] Overdue rate above the cap", with new / waived in
    front when that applies."""
    marks = [key for key, on in (("new_mark", finding.new), ("waived_mark", finding.waived)) if on]
    labels = [i18n.word(key, lang) for key in marks] + [i18n.severity(finding.severity.value, lang)]
    space = " " if lang == "en" else ""
    return space.join(i18n.bracket(label, lang) for label in labels) + space + i18n.title(finding, rules, lang)


def waiver_line(finding: Finding, lang: str = "zh") -> str:
    if not finding.waived:
        return ""
    reason = finding.waiver_reason or i18n.word("not_stated", lang)
    return (f"{i18n.word('waiver_reason', lang)}{i18n.colon(lang)}{reason}"
            f"{i18n.waiver_expiry(finding.waiver_expires, lang)}")


def note_lines(finding: Finding, rules: Mapping[str, RuleInfo], lang: str = "zh") -> list[str]:
    """The note as paragraphs: headline, rule and clause, message, legal basis, wording, waiver."""
    where = (f"{i18n.word('clause', lang)} {i18n.clause(finding, lang)}" if finding.clause
             else i18n.word("whole_document", lang))
    lines = [headline(finding, rules, lang), f"{i18n.word('rule', lang)} {finding.rule_id} · {where}"]
    message = i18n.message(finding, lang)
    if message:
        lines.append(message)
    colon = i18n.colon(lang)
    basis = basis_short(finding, rules, lang)
    if basis:
        lines.append(f"{i18n.word('legal_basis', lang)}{colon}{basis}")
    remedy = remediation_for(finding, rules, lang)
    if remedy:
        lines.append(f"{i18n.word('suggested', lang)}{colon}{remedy}")
    waiver = waiver_line(finding, lang)
    if waiver:
        lines.append(waiver)
    # XML and UTF-8 writers cannot carry control characters or lone surrogates
    return [no_surrogates(xml_safe(" ".join(line.split()))) for line in lines]


def note_text(finding: Finding, rules: Mapping[str, RuleInfo], lang: str = "zh") -> str:
    return "\n".join(note_lines(finding, rules, lang))
