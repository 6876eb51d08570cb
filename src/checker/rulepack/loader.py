"""Load rule folders: safe YAML, schema validation, then meaning (facts, params, regexes).

Every problem is a RuleError whose message reads ``file:line: rule-id: field: problem``.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..errors import RuleError
from ..safeyaml import UnsafeInput, load_packaged_yaml, load_yaml
from ..model import LegalBasis, Severity
from . import vocabulary
from .conditions import All, AnyOf, Cond, DocTest, Exists, Not, to_dnf
from .expr import ExprError, parse_expr, refs
from .model import REGIME_TAGS, SCOPES, LprEntry, MatchSpec, Rule, RulePack

PACK_FILE = "pack.yaml"
TEST_SUFFIX = ".test.yaml"
_SCHEMA: dict | None = None


@lru_cache(maxsize=1)
def builtin_pack_dir() -> Path:
    """The default ``cn-loan`` pack: packaged with checker, or the repository's rules/ folder."""
    packaged = Path(str(resources.files("checker"))) / "rules" / "cn-loan"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules" / "cn-loan"


def rule_schema() -> dict:
    global _SCHEMA
    if _SCHEMA is None:
        text = (Path(__file__).resolve().parent.parent / "schemas" / "rule.schema.json").read_text("utf-8")
        _SCHEMA = json.loads(text)
    return _SCHEMA


def load_pack(extra_dirs: Iterable[str | Path] = (), *, builtin: bool = True, check_builtin: bool = False) -> RulePack:
    """Load the built-in pack (unless ``builtin`` is False) and every extra rule folder.

    A user's rule files are always checked against the rule schema. The built-in pack ships
    with the code and is checked against it by ``checker rules validate`` and the test suite
    (``check_builtin``), not on every run: that alone cost a warm run a quarter of its time."""
    dirs = ([builtin_pack_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    rules: list[Rule] = []
    params: dict[str, Any] = {}
    lpr: list[LprEntry] = []
    digest = hashlib.sha256()
    for folder in dirs:
        if not folder.is_dir():
            raise RuleError(str(folder), None, None, "rule folder not found")
        p, l = _load_pack_file(folder)
        params.update(p)
        lpr.extend(l)
        digest.update(json.dumps(p, sort_keys=True, default=str).encode())
        for entry in l:
            digest.update(f"{entry.start}={entry.rate_pct}".encode())
    seen: dict[str, str] = {}
    for folder in dirs:
        for path in sorted(folder.glob("*.yaml")):
            if path.name == PACK_FILE or path.name.endswith(TEST_SUFFIX):
                continue
            raw = path.read_bytes()
            digest.update(path.name.encode() + raw)
            rule = load_rule_file(path, params, schema=check_builtin or folder != builtin_pack_dir())
            if rule.id in seen:
                raise RuleError(str(path), rule.id, "id", f"duplicate rule id (also in {seen[rule.id]})")
            seen[rule.id] = str(path)
            rules.append(rule)
    lpr.sort(key=lambda e: e.start)
    return RulePack(tuple(rules), params, tuple(lpr), tuple(str(d) for d in dirs), digest.hexdigest()[:16])


def _load_pack_file(folder: Path) -> tuple[dict, list[LprEntry]]:
    path = folder / PACK_FILE
    if not path.exists():
        return {}, []
    data = _safe_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(str(path), None, None, "pack.yaml must be a mapping")
    unknown = set(data) - {"name", "description", "params", "lpr"}
    if unknown:
        raise RuleError(str(path), None, sorted(unknown)[0], "unknown key")
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise RuleError(str(path), None, "params", "must be a mapping")
    for key, value in params.items():
        if not isinstance(value, (int, float, str, bool)):
            raise RuleError(str(path), None, f"params.{key}", "must be a number, string or boolean")
    lpr: list[LprEntry] = []
    if data.get("lpr"):
        lpr = _load_lpr(folder / str(data["lpr"]))
    return dict(params), lpr


def _load_lpr(path: Path) -> list[LprEntry]:
    if not path.exists():
        raise RuleError(str(path), None, "lpr", "LPR table not found")
    entries = []
    with path.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            try:
                start = str(row["from"]).strip()
                re.fullmatch(r"\d{4}-\d{2}-\d{2}", start) or _raise(ValueError("date"))
                entries.append(LprEntry(start, float(row["one_year_pct"])))
            except (KeyError, TypeError, ValueError):
                raise RuleError(f"{path}:{n}", None, "lpr", "rows need from (YYYY-MM-DD) and one_year_pct") from None
    return entries


def _raise(exc: Exception) -> None:
    raise exc


def _safe_yaml(path: Path) -> Any:
    try:
        return load_packaged_yaml(path) if path.parent == builtin_pack_dir() else load_yaml(path)
    except UnsafeInput as exc:
        raise RuleError(str(path), None, None, f"refused: {exc}") from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise RuleError(str(path), None, None, f"not valid YAML: {getattr(exc, 'problem', exc)}",
                        line + 1 if line is not None else None) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), None, None, f"cannot read: {exc}") from None


def load_rule_file(path: Path, params: dict, schema: bool = True) -> Rule:
    """Load and validate one rule file (``schema``: against the rule schema too)."""
    data = _safe_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(str(path), None, None, "a rule file must be a mapping")
    rule_id = data.get("id") if isinstance(data.get("id"), str) else None
    if schema:
        _check_schema(path, data, rule_id)
    where = (str(path), rule_id)
    matches: list[MatchSpec] = []
    when = _condition(data["when"], "when", where, params, matches)
    scope = data.get("scope", "all")
    judged = when if SCOPES[scope] is None else All((DocTest(_expression(SCOPES[scope], "scope", where, params)), when))
    try:
        dnf = to_dnf(judged)
    except ValueError as exc:
        raise RuleError(str(path), rule_id, "when", str(exc)) from None
    messages = _messages(data["message"], where, params)
    messages_en = _messages(data["message_en"], where, params, "message_en") if "message_en" in data else {}
    for text in messages_en.values():  # the values a placeholder brings (a name, a quote) may be Chinese
        _check_language(_PLACEHOLDER.sub("", text), "en", where, "message_en")
    _check_language(data["title"]["en"], "en", where, "title.en")
    basis = _legal_basis(data["legal_basis"], where)
    evidence = {k: _names(v) for k, v in (data.get("evidence") or {}).items()}
    unassessable = data.get("not_assessable") or {}
    either = "any" in unassessable  # any: one of the expressions suffices; when: all must hold
    key = "any" if either else "when"
    not_assessable = tuple(_expression(text, f"not_assessable.{key}[{i}]", where, params)
                           for i, text in enumerate(unassessable.get(key, ())))
    reason_zh = str(unassessable.get("reason", "")).strip()
    reason_en = str(unassessable.get("reason_en", "")).strip()
    _check_language(reason_zh, "zh", where, "not_assessable.reason")
    _check_language(reason_en, "en", where, "not_assessable.reason_en")
    remediation_en = (data.get("remediation_en") or "").strip()
    _check_language(remediation_en, "en", where, "remediation_en")
    return Rule(
        id=rule_id or "",
        severity=Severity(data["severity"]),
        title_zh=data["title"]["zh"],
        title_en=data["title"]["en"],
        message=messages.get("civil-code") or next(iter(messages.values())),
        legal_basis=basis,
        when=when,
        dnf=dnf,
        remediation=(data.get("remediation") or "").strip(),
        description=(data.get("description") or "").strip(),
        tags=tuple(data.get("tags") or ()),
        evidence=evidence,
        matches=tuple(matches),
        source=str(path),
        not_assessable=not_assessable,
        not_assessable_any=either,
        not_assessable_reason=reason_zh,
        not_assessable_reason_en=reason_en,
        remediation_en=remediation_en,
        scope=scope,
        messages=messages,
        message_en=messages_en.get("civil-code") or next(iter(messages_en.values()), ""),
        messages_en=messages_en,
    )


_UNREAD = re.compile(r"未核实|UNVERIFIED|unverified")


def _messages(message: Any, where: tuple[str, str | None], params: dict, field: str = "message") -> dict[str, str]:
    """regime tag -> message; a plain string serves every regime."""
    if isinstance(message, str):
        _check_message(message, where, params, field)
        return {tag: message.strip() for tag in REGIME_TAGS}
    for tag, text in message.items():
        _check_message(text, where, params, field)
    for regime in ("civil-code", "licensed"):
        if regime not in message:
            raise RuleError(where[0], where[1], field, f"a per-regime message needs a text for {regime}")
    out = {tag: str(text).strip() for tag, text in message.items()}
    out.setdefault("transition", out["civil-code"])
    out.setdefault("small-loan", out["licensed"])
    return out


def _legal_basis(items: list[dict], where: tuple[str, str | None]) -> tuple[LegalBasis, ...]:
    """Validated bases: no quote may be marked unverified (a text not read is a named summary),
    and each regime gets at least one basis."""
    basis = []
    for i, b in enumerate(items):
        text = b.get("quote") or b.get("summary") or ""
        if _UNREAD.search(text) or _UNREAD.search(b["article"]):
            raise RuleError(where[0], where[1], f"legal_basis[{i}]",
                            "a basis must not be marked unverified: quote a text that was read, or give a named summary")
        regimes = b.get("regime") or ()
        basis.append(LegalBasis(b["statute"], b["article"], b.get("quote", "").strip(), b.get("summary", "").strip(),
                                (regimes,) if isinstance(regimes, str) else tuple(regimes)))
    for regime in ("civil-code", "licensed"):
        if not any(not x.regimes or regime in x.regimes for x in basis):
            raise RuleError(where[0], where[1], "legal_basis", f"no basis applies under the {regime} regime")
    return tuple(basis)


def _check_schema(path: Path, data: dict, rule_id: str | None) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(rule_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    err = errors[0]
    field = ".".join(str(p) for p in err.absolute_path) or "-"
    problem = err.message
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        field = ".".join([*map(str, err.absolute_path), extra[0]]) if extra else field
        problem = "unknown key"
    elif err.validator == "required":
        missing = [k for k in err.validator_value if k not in err.instance]
        field = ".".join([*map(str, err.absolute_path), missing[0]]) if missing else field
        problem = "required field is missing"
    elif err.validator in ("maxProperties", "minProperties") and "when" in field:
        problem = "a condition has exactly one of all/any/not/expr/topic/obligation/match"
    elif err.validator == "oneOf" and len(err.absolute_path) == 2 and err.absolute_path[0] == "legal_basis":
        problem = "a basis needs exactly one of quote (a text that was read) and summary (a named summary)"
    elif err.validator == "oneOf" or err.validator == "type":
        problem = f"wrong type: {err.message}"
    raise RuleError(str(path), rule_id, field, problem, _line_of(path, err.absolute_path))


def _line_of(path: Path, where: Iterable) -> int | None:
    """1-based line of a key path in a YAML file (best effort)."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line if node else None
    for step in where:
        if isinstance(node, yaml.MappingNode):
            nxt = next(((k, v) for k, v in node.value if k.value == str(step)), None)
            if nxt is None:
                break
            line, node = nxt[0].start_mark.line, nxt[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line
        else:
            break
    return None if line is None else line + 1


def _names(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _condition(node: dict, field: str, where: tuple[str, str | None], params: dict, matches: list) -> Cond:
    (key, value), = node.items()
    here = f"{field}.{key}"
    if key == "all":
        return All(tuple(_condition(c, f"{here}[{i}]", where, params, matches) for i, c in enumerate(value)))
    if key == "any":
        return AnyOf(tuple(_condition(c, f"{here}[{i}]", where, params, matches) for i, c in enumerate(value)))
    if key == "not":
        return Not(_condition(value, here, where, params, matches))
    if key == "expr":
        return DocTest(_expression(value, here, where, params))
    if key == "topic":
        names = _names(value)
        _known(names, vocabulary.topics(), here, where, "unknown topic")
        return Exists("topic", names)
    if key == "obligation":
        actions = _names(value["action"])
        _known(actions, vocabulary.actions(), f"{here}.action", where, "unknown obligation action")
        modality = _names(value.get("modality", ()))
        actors = _names(value.get("actor", ()))
        _known(actors, vocabulary.ACTORS, f"{here}.actor", where, "unknown actor")
        return Exists("obligation", actions, modality, actors)
    # match
    try:
        pattern = re.compile(value["pattern"])
    except re.error as exc:
        raise RuleError(where[0], where[1], f"{here}.pattern", f"bad regular expression: {exc}") from None
    topics = _names(value.get("topic", ()))
    _known(topics, vocabulary.topics(), f"{here}.topic", where, "unknown topic")
    spec = MatchSpec(f"{where[1]}/{len(matches)}", pattern, topics)
    matches.append(spec)
    return Exists("match", (spec.key,))


def _known(names: Iterable[str], known: Iterable[str], field: str, where: tuple, problem: str) -> None:
    known = set(known)
    for name in names:
        if name not in known:
            raise RuleError(where[0], where[1], field, f"{problem}: {name!r}")


def _expression(text: str, field: str, where: tuple[str, str | None], params: dict):
    try:
        cmp = parse_expr(text)
    except ExprError as exc:
        raise RuleError(where[0], where[1], field, str(exc)) from None
    for ref in refs(cmp):
        if ref.param and ref.name not in params and ref.name not in vocabulary.RUNTIME_PARAMS:
            raise RuleError(where[0], where[1], field, f"unknown parameter: params.{ref.name}")
        if not ref.param and ref.name not in vocabulary.fact_keys():
            raise RuleError(where[0], where[1], field, f"unknown fact: {ref.name}")
    return cmp


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_LOWER_WORD = re.compile(r"\b[A-Za-z]*[a-z][A-Za-z]*\b")  # an English word; all-capital acronyms (LPR, OCR) pass


def _check_language(text: str, lang: str, where: tuple[str, str | None], field: str) -> None:
    """A text shown in one language's report holds no words of the other: no Chinese in an
    English text, no English words (acronyms aside) in a Chinese one (「（not assessable）」)."""
    stray = _CJK.search(text) if lang == "en" else _LOWER_WORD.search(text)
    if stray:
        which = "Chinese" if lang == "en" else "English"
        raise RuleError(where[0], where[1], field, f"{which} {stray.group()!r} in the "
                        f"{'English' if lang == 'en' else 'Chinese'} text: write each language in its own "
                        "field (message / message_en, title.zh / title.en, reason / reason_en, "
                        "remediation / remediation_en)")


def _check_message(message: str, where: tuple[str, str | None], params: dict, field: str = "message") -> None:
    for name in _PLACEHOLDER.findall(message):
        name = name.split(":", 1)[0].strip()
        if name.startswith("params."):
            if name[7:] not in params and name[7:] not in vocabulary.RUNTIME_PARAMS:
                raise RuleError(where[0], where[1], field, f"unknown parameter in template: {{{name}}}")
        elif name not in vocabulary.fact_keys() and name not in vocabulary.MESSAGE_EXTRAS:
            raise RuleError(where[0], where[1], field, f"unknown fact in template: {{{name}}}")
