"""Engine hits -> findings: the clause, page and quoted evidence, the message filled in."""
from __future__ import annotations

import re
from typing import Any, Mapping

from ..engine import Hit
from ..model import Contract, Fact, FactSet, Finding, build_order
from ..rulepack.model import Rule, RulePack
from ..rulepack.vocabulary import topic_label
from .fingerprint import finding_fingerprint
from .locate import evidence_span, line_span

PROFILE_ZH = {"civil-code": "民法典标准", "licensed-lender": "持牌机构标准"}
PROFILE_EN = {"civil-code": "Civil Code", "licensed-lender": "licensed lender"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
EVIDENCE_LIMIT = 300


def build_findings(pack: RulePack, hits: list[Hit], contract: Contract, factset: FactSet,
                   params: Mapping[str, Any], extras: Mapping[str, Any],
                   tags: tuple[str, ...] = ()) -> tuple[Finding, ...]:
    """One finding per hit, with the message and the legal bases of the document's regime tags."""
    findings = []
    for hit in hits:
        rule = pack.rule(hit.rule_id)
        if rule is None:
            continue
        fact = hit.facts[0] if hit.facts else _evidence_fact(rule, factset)
        more = dict(extras, missing_topics=_missing_topics(rule, factset),
                    missing_topic_names=_missing_topics(rule, factset, label=False))
        findings.append(_finding(rule, fact, contract, factset.summary, params, more, tags))
    return tuple(sorted(findings, key=build_order))


def _missing_topics(rule: Rule, factset: FactSet, label: bool = True) -> list[str]:
    """Labels (or names) of the topics the rule requires to be absent that are indeed absent (for messages)."""
    present = {f.name for f in factset.items if f.kind == "topic"}
    labels: list[str] = []
    for conj in rule.dnf:
        for atom in conj.negatives:
            if atom.kind == "topic" and not present & set(atom.names):
                name = topic_label(atom.names[0]) if label else atom.names[0]
                if name not in labels:
                    labels.append(name)
    return labels


# rate role -> the summary key holding the figure a message names
SUMMARY_RATE = {"interest": "interest_rate_annual_pct", "overdue_interest": "overdue_rate_annual_pct",
                "penalty": "overdue_penalty_annual_pct", "overdue_fee": "overdue_fee_annual_pct"}


def _evidence_fact(rule: Rule, factset: FactSet) -> Fact | None:
    """For document-level rules: the first fact the rule's ``evidence`` names; for a rate, the
    one whose figure the summary (and so the message) uses, so the quote agrees with the message."""
    for kind, names in (("rate", rule.evidence.get("rate", ())), ("topic", rule.evidence.get("topic", ())),
                        ("obligation", rule.evidence.get("obligation", ())), ("party", rule.evidence.get("party", ()))):
        for name in names:
            facts = [f for f in factset.items if f.kind == kind and f.name == name]
            if kind == "rate":
                figure = factset.summary.get(SUMMARY_RATE.get(name, ""))
                same = [f for f in facts if isinstance(figure, (int, float)) and isinstance(f.value, (int, float))
                        and abs(f.value - figure) < 1e-6]
                facts = same + facts
            if facts:
                return facts[0]
    return None


def _finding(rule: Rule, fact: Fact | None, contract: Contract, summary: Mapping[str, Any],
             params: Mapping[str, Any], extras: Mapping[str, Any], tags: tuple[str, ...] = ()) -> Finding:
    clause = contract.clause(fact.clause) if fact else None
    evidence = (fact.evidence if fact else "").strip()
    if len(evidence) > EVIDENCE_LIMIT:
        evidence = evidence[: EVIDENCE_LIMIT - 1] + "…"
    number = clause_label(contract, clause) if clause is not None else ""
    values = {**summary, **{f"params.{k}": v for k, v in params.items()}, **extras,
              "clause": number, "evidence": evidence}
    # a Chinese sentence names the profile in Chinese, not by its identifier (civil-code)
    values["profile"] = PROFILE_ZH.get(str(values.get("profile")), values.get("profile"))
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        title=rule.title_zh,
        message=render_message(rule.message_for(tags), values),
        message_en=render_message(rule.message_for(tags, english=True),
                                  {**values, **extras.get("en", {}),
                                   "clause": PREAMBLE[1] if number == PREAMBLE[0] else number,
                                   "profile": PROFILE_EN.get(str(extras.get("profile")), extras.get("profile")),
                                   "missing_topics": [t.replace("_", " ") for t in extras.get("missing_topic_names", ())]},
                                  english=True) if rule.message_for(tags, english=True) else "",
        legal_basis=rule.basis_for(tags),
        remediation=rule.remediation,
        remediation_en=rule.remediation_en,
        clause=number,
        clause_path=clause.path if clause else "",
        page=(fact.page if fact else None),
        line_start=clause.line_start if clause else None,
        line_end=clause.line_end if clause else None,
        evidence=evidence,
        fingerprint=finding_fingerprint(contract.path, rule.id, clause.path if clause else "", evidence),
        text_span=anchor_span(contract, clause, evidence),
    )


def anchor_span(contract: Contract, clause, evidence: str) -> tuple[int, int] | None:
    """Where review copies anchor a finding: its evidence, else its clause's heading line,
    else nothing (the whole document: review copies use the title)."""
    if clause is None:
        return None
    document = contract.document
    found = evidence_span(document, evidence, clause.line_start, clause.line_end) if evidence else None
    if found is None and "：" in evidence:  # a table cell read as 「header：value」: the value is in the text
        found = evidence_span(document, evidence.rsplit("：", 1)[1], clause.line_start, clause.line_end)
    return found or line_span(document, clause.line_start)


PREAMBLE = ("前言", "preamble")  # the label of the text before the first clause, in Chinese and English


def clause_label(contract: Contract, clause) -> str:
    """How a reader finds the clause: 「第四条（三）」, 「四.1」, 「5.1」, 「前言」."""
    if clause.path == "0":
        return PREAMBLE[0]
    chain = []
    node = clause
    while node is not None and node.path != "0":
        if node.kind not in ("chapter", "section") or node is clause:
            chain.append(node.number or node.title)
        if node.kind == "article":
            break
        node = contract.clause(node.parent) if node.parent else None
    label = ""
    for part in reversed([c for c in chain if c]):
        if not label or re.fullmatch(r"\d+(\.\d+)+", part):
            label = part  # a dotted number (6.2) already names its parents
        elif part[:1] in "（(":
            label += part
        else:
            label = f"{label}.{part}"
    return label


def render_message(template: str, values: Mapping[str, Any], english: bool = False) -> str:
    """Fill ``{name}`` / ``{params.name}`` placeholders; unknown or missing values read as 未知
    (unknown in an English message)."""
    def sub(m: re.Match) -> str:
        name = m.group(1).split(":", 1)[0].strip()
        return format_value(values.get(name), english)
    return _PLACEHOLDER.sub(sub, template)


def day_count_text(values: Mapping[str, Any], english: bool = False) -> str:
    """Where a year of 360 and of 365 days put a figure on different sides of the rate line
    (``values``: days, main, alt_days, alt, line), for a message and a document note."""
    v = {k: format_value(x, english) for k, x in values.items()}
    if english:
        return (f"{v['main']}% a year on a {v['days']}-day year, {v['alt']}% on a {v['alt_days']}-day year: "
                f"the two day counts disagree on whether it exceeds {v['line']}%")
    return (f"按一年{v['days']}天折算为{v['main']}%，按一年{v['alt_days']}天折算为{v['alt']}%，"
            f"两种计息天数对是否超过{v['line']}%的结论不同")


def format_value(value: Any, english: bool = False) -> str:
    if value is None:
        return "unknown" if english else "未知"
    if isinstance(value, bool):
        return ("yes" if value else "no") if english else ("是" if value else "否")
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return (", " if english else "、").join(format_value(v, english) for v in value)
    return str(value)
