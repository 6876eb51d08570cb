"""Rule tests beside the rules (``<rule-id>.test.yaml``), the way ``semgrep --test`` works.

Each case is a small contract written in Markdown that must make the rule fire (``expect:
fire``) or must not (``expect: clean``); ``clause`` names the clause path the finding must
cite; ``todo`` marks a known gap (reported, not failed, until it passes: then it fails, so the
closed gap is noticed and its todo removed). One loader serves pytest and ``checker rules test``.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from .errors import RuleError
from .pipeline import check_contract, parse
from .settings import Settings
from .rulepack.loader import TEST_SUFFIX
from .rulepack.model import RulePack
from .safeyaml import UnsafeInput, load_yaml

_CASE_KEYS = {"name", "expect", "document", "profile", "clause", "todo", "format"}


@dataclass(frozen=True)
class Case:
    rule_id: str
    name: str
    expect: str  # "fire" | "clean"
    document: str
    file: str
    profile: str = "civil-code"
    clause: str | None = None
    todo: str | None = None
    format: str = "md"

    @property
    def label(self) -> str:
        return f"{self.rule_id}: {self.name}"


@dataclass(frozen=True)
class CaseResult:
    case: Case
    passed: bool
    detail: str

    @property
    def status(self) -> str:
        """pass | FAIL | todo (a known gap that still fails); a todo case that passes is a FAIL."""
        if self.case.todo:
            return "FAIL" if self.passed else "todo"
        return "pass" if self.passed else "FAIL"


def load_cases(folder: str | Path) -> list[Case]:
    """Every case of every ``*.test.yaml`` in a folder; malformed files raise RuleError."""
    cases: list[Case] = []
    for path in sorted(Path(folder).glob(f"*{TEST_SUFFIX}")):
        cases.extend(_cases_of(path))
    return cases


def _cases_of(path: Path) -> Iterator[Case]:
    try:
        data = load_yaml(path)
    except UnsafeInput as exc:
        raise RuleError(str(path), None, None, f"refused: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), None, None, f"cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        raise RuleError(str(path), None, None, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rule"), str) or not isinstance(data.get("cases"), list):
        raise RuleError(str(path), None, None, "a test file needs `rule: ID` and a list `cases`")
    rule_id = data["rule"]
    for i, raw in enumerate(data["cases"]):
        field = f"cases[{i}]"
        if not isinstance(raw, dict):
            raise RuleError(str(path), rule_id, field, "a case must be a mapping")
        unknown = set(raw) - _CASE_KEYS
        if unknown:
            raise RuleError(str(path), rule_id, f"{field}.{sorted(unknown)[0]}", "unknown key")
        if raw.get("expect") not in ("fire", "clean") or not isinstance(raw.get("document"), str):
            raise RuleError(str(path), rule_id, field, "needs expect: fire|clean and a document")
        yield Case(rule_id, str(raw.get("name", f"case {i + 1}")), raw["expect"], raw["document"], str(path),
                   str(raw.get("profile", "civil-code")), _opt(raw.get("clause")), _opt(raw.get("todo")),
                   str(raw.get("format", "md")))


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def run_case(case: Case, pack: RulePack, backend: str = "durable") -> CaseResult:
    """Check the case's document with the pack and compare with the expectation."""
    outcome = _judge(case, pack, backend)
    if case.todo and outcome.passed:
        return CaseResult(case, True, f"{outcome.detail}: the known gap is closed, remove its todo")
    return outcome


def _judge(case: Case, pack: RulePack, backend: str) -> CaseResult:
    fd, name = tempfile.mkstemp(suffix=f".{case.format}", prefix="rulecase-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(case.document)
        contract, factset = parse(name, pack=pack)
        result = check_contract(contract, factset, Settings(profile=case.profile), pack, backend=backend)
    finally:
        os.unlink(name)
    hits = [f for f in result.findings if f.rule_id == case.rule_id]
    if case.expect == "clean":
        ok = not hits
        detail = "did not fire" if ok else f"fired on clause {hits[0].clause_path or '-'}: {hits[0].evidence[:60]}"
        return CaseResult(case, ok, detail)
    if not hits:
        return CaseResult(case, False, "did not fire")
    if case.clause is not None and hits[0].clause_path != case.clause:
        return CaseResult(case, False, f"fired on clause {hits[0].clause_path!r}, expected {case.clause!r}")
    return CaseResult(case, True, f"fired on clause {hits[0].clause_path or '-'}")


def run_folder(folder: str | Path, pack: RulePack, backend: str = "durable") -> list[CaseResult]:
    return [run_case(c, pack, backend) for c in load_cases(folder)]
