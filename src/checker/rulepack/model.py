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
    not_assessable_reason: str = ""
    message_en: str = ""

    def not_assessable_on(self, doc: Mapping[str, Any]) -> bool:
        """True when the document's facts say this rule cannot be judged on it."""
        return bool(self.not_assessable) and all(evaluate_compare(c, dict(doc)) for c in self.not_assessable)

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

    def without(self, rule_ids: set[str]) -> "RulePack":
        kept = tuple(r for r in self.rules if r.id not in rule_ids)
        return RulePack(kept, self.params, self.lpr, self.dirs, self.digest + "-" + ",".join(sorted(rule_ids)))
