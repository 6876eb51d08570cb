"""A loaded, validated rule and rule pack."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..model import LegalBasis, RuleInfo, Severity
from .conditions import Cond, Conjunct
from .expr import Compare, evaluate_compare


@dataclass(frozen=True)
class MatchSpec:
    """A regular expression a rule runs over clause text (in Python, never in the engine)."""

    key: str  # "<rule-id>/<n>": the name of the match facts it produces
    pattern: re.Pattern
    topics: tuple[str, ...] = ()  # only clauses with one of these topics (empty = all)


# Regime tags (../shared/spec/rule-catalog.md, "Rate lines by regime and date"): a document's regime and,
# more specific, the line that binds it; the most specific comes first.
REGIME_TAGS = ("transition", "civil-code", "small-loan", "licensed")
SCOPES = {
    "all": None,
    "institutions": "institution_lender",   # a licensed lender, or via_platform
    "standard_forms": "is_standard_form",
    "company_lenders": 'lender_class == "company"',
}
SCOPE_LABELS = {"all": "所有借款合同", "institutions": "持牌机构或经平台订立的借款（不含自然人、普通企业之间的民间借贷）",
                "standard_forms": "格式合同", "company_lenders": "出借人为普通企业"}


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title_zh: str
    title_en: str
    message: str
    legal_basis: tuple[LegalBasis, ...]
    when: Cond
    dnf: tuple[Conjunct, ...]
    remediation: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    evidence: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    matches: tuple[MatchSpec, ...] = ()
    source: str = ""
    # When all of these hold on the document fact, the rule cannot be judged (see not_assessable_on)
    not_assessable: tuple[Compare, ...] = ()
    not_assessable_reason: str = ""  # Chinese (reports in zh)
    scope: str = "all"
    messages: Mapping[str, str] = field(default_factory=dict)  # regime tag -> message
    message_en: str = ""
    not_assessable_any: bool = False  # one of not_assessable suffices (``any:``), not all (``when:``)
    messages_en: Mapping[str, str] = field(default_factory=dict)  # regime tag -> English message
    not_assessable_reason_en: str = ""  # English (reports with --lang en)
    remediation_en: str = ""  # English (reports with --lang en)

    def message_for(self, tags: tuple[str, ...], english: bool = False) -> str:
        """The message of the most specific regime tag the rule has a text for."""
        texts = self.messages_en if english else self.messages
        for tag in tags:
            if tag in texts:
                return texts[tag]
        return self.message_en if english else self.message

    def basis_for(self, tags: tuple[str, ...]) -> tuple[LegalBasis, ...]:
        """The bases that apply under a document's regime tags (all of them without tags)."""
        if not tags:
            return self.legal_basis
        return tuple(b for b in self.legal_basis if b.applies_to(tags))

    def not_assessable_on(self, doc: Mapping[str, Any]) -> bool:
        """True when the document's facts say this rule cannot be judged on it."""
        if not self.not_assessable:
            return False
        holds = (evaluate_compare(c, dict(doc)) for c in self.not_assessable)
        return any(holds) if self.not_assessable_any else all(holds)

    def info(self) -> RuleInfo:
        return RuleInfo(
            id=self.id,
            severity=self.severity,
            title_zh=self.title_zh,
            title_en=self.title_en,
            description=self.description,
            legal_basis=self.legal_basis,
            remediation=self.remediation,
            tags=self.tags,
            source=self.source,
            remediation_en=self.remediation_en,
        )


@dataclass(frozen=True)
class LprEntry:
    start: str  # ISO date the rate took effect
    rate_pct: float


@dataclass(frozen=True)
class RulePack:
    rules: tuple[Rule, ...]
    params: Mapping[str, Any]
    lpr: tuple[LprEntry, ...]
    dirs: tuple[str, ...]
    digest: str  # changes whenever any rule, parameter or LPR row changes

    def rule(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None

    def with_lpr(self, rows: tuple[tuple[str, float], ...]) -> "RulePack":
        """The pack with a user's LPR rows (checker.yaml ``lpr:``); a row for a date the table
        already has replaces it."""
        if not rows:
            return self
        table = {e.start: e for e in self.lpr}
        table.update({start: LprEntry(start, float(pct)) for start, pct in rows})
        digest = self.digest + "-lpr:" + ",".join(f"{s}={p}" for s, p in sorted(rows))
        return RulePack(self.rules, self.params, tuple(table[k] for k in sorted(table)), self.dirs, digest)

    def without(self, rule_ids: set[str]) -> "RulePack":
        kept = tuple(r for r in self.rules if r.id not in rule_ids)
        return RulePack(kept, self.params, self.lpr, self.dirs, self.digest + "-" + ",".join(sorted(rule_ids)))
