"""Run settings: ``checker.yaml`` (or ``--config FILE``) merged with command-line overrides.

One search order: an explicit ``--config`` file, else ``checker.yaml`` in the working folder,
else the defaults. Every key is validated here, so that a typo in a CI config fails the run
with ``file: key: problem`` instead of being silently ignored.
"""
from __future__ import annotations

import difflib
import math
import os
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, Callable, Mapping

import yaml

from .errors import ConfigError
from .limits import Limits, from_mapping
from .model import FAIL_ON_LEVELS
from .safeyaml import UnsafeInput, load_yaml
from .urls import redact_text
from .waiver import Waiver

DEFAULT_CONFIG = "checker.yaml"
PROFILES: tuple[str, ...] = ("auto", "civil-code", "licensed-lender")
DAY_COUNTS: tuple[int, ...] = (360, 365)
EXECUTORS: tuple[str, ...] = ("inprocess", "process", "dask")
LANGS: tuple[str, ...] = ("zh", "en")


@dataclass(frozen=True)
class Settings:
    """Everything a run needs besides the paths. Frozen and picklable: it travels to workers."""

    profile: str = "auto"
    fail_on: str = "high"
    rule_dirs: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # path globs never checked (README.md, docs/**, drafts/)
    waivers: tuple[Waiver, ...] = ()
    jobs: int | None = None  # None = one worker per CPU core
    use_cache: bool = True
    quiet: bool = False
    baseline: str | None = None
    config_path: str | None = None
    day_count: int | None = None  # None: the rule pack's (pack.yaml `day_count`)
    collection_hours: tuple[float, float] | None = None  # None: the rule pack's collection hours
    today: date = field(default_factory=date.today)
    executor: str = "process"  # where documents are checked: inprocess | process | dask
    scheduler: str | None = None  # Dask scheduler address; None = start a local cluster
    doc_timeout: float | None = 300.0  # seconds one document may take; None = no limit
    retries: int = 1  # runs again of a document whose worker died, before it is an error
    lang: str = "zh"  # the language of reports: zh | en
    limits: Limits = field(default_factory=Limits)  # per-document resource limits (limits.py)
    lpr_rows: tuple[tuple[str, float], ...] = ()  # one-year LPR rows added to the pack's table (from, pct)
    ocr_threads: int | None = None  # scanned pages each worker OCRs at once (api sets it from --jobs)


def load_settings(config_path: str | None, overrides: Mapping[str, Any]) -> Settings:
    """Settings from the config file (explicit, or ./checker.yaml if present) with ``overrides``
    (Settings field names, e.g. from CLI options) winning. Raises ConfigError naming file and key."""
    path = _config_file(config_path)
    values: dict[str, Any] = _read_config(path) if path else {}
    if path:
        values["config_path"] = path
    for key, value in overrides.items():
        if key not in _FIELDS:
            raise TypeError(f"load_settings: unknown override {key!r}")
        value = _check_override(key, value)
        if key in ("rule_dirs", "exclude"):  # --rules / --exclude add to the config file's lists
            value = _unique((*values.get(key, ()), *value))
        values[key] = value
    return Settings(**values)


def _config_file(config_path: str | None) -> str | None:
    if config_path is not None:
        if not os.path.isfile(config_path):
            raise ConfigError(f"{config_path}: config file not found")
        return config_path
    return DEFAULT_CONFIG if os.path.isfile(DEFAULT_CONFIG) else None


def _read_config(path: str) -> dict[str, Any]:
    """The config file's keys translated to Settings fields, every value validated."""
    try:
        data = load_yaml(path)
    except UnsafeInput as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ConfigError(f"{path}{where}: invalid YAML: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of keys (profile, fail_on, ...), got {_kind(data)}")
    values: dict[str, Any] = {}
    base = os.path.dirname(path)
    for key, value in data.items():
        spec = _KEYS.get(key)
        if spec is None:
            raise ConfigError(f"{path}: {key}: unknown key{_suggest(key)} (allowed: {', '.join(_KEYS)})")
        target, check = spec
        try:
            values[target] = check(value, base) if key in ("rules", "waivers") else check(value)
        except _Bad as bad:
            raise ConfigError(f"{path}: {key}{bad.where}: {bad}") from None
    return values


class _Bad(ValueError):
    """A value problem; ``where`` locates it inside the key (``[2].expires``)."""

    def __init__(self, problem: str, where: str = ""):
        super().__init__(problem)
        self.where = where


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "true/false"}.get(type(value), type(value).__name__)


def _suggest(key: Any, options: Any = None) -> str:
    return did_you_mean(str(key), list(_KEYS) if options is None else options)


def did_you_mean(word: str, options: Any) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``options``, or "" when none is close."""
    close = difflib.get_close_matches(word.strip().lower(), [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = str(value).strip().lower() if isinstance(value, str) else None
        if text not in options:
            raise _Bad(f"{value!r} is not one of {', '.join(options)}{_suggest(value, options) if text else ''}")
        return text
    return check


def _strings(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise _Bad(f"expected a list of names, got {_kind(value)}")
    return _unique(v.strip() for v in items)


def _rule_dirs(value: Any, base: str) -> tuple[str, ...]:
    dirs = tuple(os.path.join(base, d) if base and not os.path.isabs(d) else d for d in _strings(value))
    for d in dirs:
        if not os.path.isdir(d):
            raise _Bad(f"rule folder not found: {d}")
    return dirs


def _jobs(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _Bad(f"expected a whole number of workers >= 1, got {value!r}")
    return value


def _scheduler(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value.split()) != 1:
        raise _Bad(f"expected a scheduler address such as tcp://host:8786, got {redact_text(repr(value))}")
    return value.strip()


def _timeout(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isinf(value) and value > 0):
        return None  # null, .inf or --timeout inf: no limit
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise _Bad(f"expected a number of seconds > 0 (or null/inf for no limit), got {value!r}")
    return float(value)


def _limits(value: Any) -> Limits:
    try:
        return from_mapping(value)
    except ValueError as exc:
        raise _Bad(str(exc)) from None


def _retries(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Bad(f"expected a whole number >= 0, got {value!r}")
    return value


def _day_count(value: Any) -> int:
    if isinstance(value, bool) or value not in DAY_COUNTS:
        raise _Bad(f"expected one of {', '.join(map(str, DAY_COUNTS))}, got {value!r}")
    return int(value)


def _hours(value: Any) -> tuple[float, float]:
    ok = (isinstance(value, (list, tuple)) and len(value) == 2
          and all(isinstance(h, (int, float)) and not isinstance(h, bool) and 0 <= h <= 24 for h in value)
          and value[0] < value[1])
    if not ok:
        raise _Bad(f"expected [start, end] hours between 0 and 24 with start < end, got {value!r}")
    return (value[0], value[1])


def _waivers(value: Any, base: str = "") -> tuple[Waiver, ...]:
    """Waivers whose path globs are relative to ``base``, the config file's folder."""
    if not isinstance(value, list):
        raise _Bad(f"expected a list of waivers, got {_kind(value)}")
    return tuple(replace(_waiver(item, f"[{i}]"), base=base) for i, item in enumerate(value))


_WAIVER_KEYS = ("rule", "path", "reason", "expires")


def _waiver(item: Any, where: str) -> Waiver:
    if not isinstance(item, dict):
        raise _Bad(f"expected a mapping with {', '.join(_WAIVER_KEYS)}, got {_kind(item)}", where)
    for key in item:
        if key not in _WAIVER_KEYS:
            raise _Bad(f"unknown key (allowed: {', '.join(_WAIVER_KEYS)})", f"{where}.{key}")
    for key in ("rule", "path", "reason"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise _Bad("required, a non-empty string", f"{where}.{key}")
    return Waiver(rule=item["rule"].strip(), path=item["path"].strip(), reason=" ".join(item["reason"].split()),
                  expires=_expiry(item.get("expires"), f"{where}.expires"))


def _expiry(value: Any, where: str) -> date | None:
    # yaml.safe_load already turns an unquoted 2025-06-30 into a date; a quoted one stays text.
    if value is None or type(value) is date:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _Bad(f"expected a date YYYY-MM-DD, got {value!r}", where)


_LPR_KEYS = ("from", "one_year_pct")


def _lpr_rows(value: Any) -> tuple[tuple[str, float], ...]:
    """``lpr:`` rows: each {from: YYYY-MM-DD, one_year_pct: N}; the date a fixing took effect
    (on or after the first fixing, 2019-08-20), a rate between 0 and 20, no date twice."""
    if not isinstance(value, list):
        raise _Bad(f"expected a list of rows like {{from: 2026-12-22, one_year_pct: 3.0}}, got {_kind(value)}")
    rows: dict[str, float] = {}
    for i, item in enumerate(value):
        where = f"[{i}]"
        if not isinstance(item, dict):
            raise _Bad(f"expected a mapping with {', '.join(_LPR_KEYS)}, got {_kind(item)}", where)
        for key in item:
            if key not in _LPR_KEYS:
                raise _Bad(f"unknown key (allowed: {', '.join(_LPR_KEYS)})", f"{where}.{key}")
        start = _expiry(item.get("from"), f"{where}.from")
        if start is None:
            raise _Bad("required, a date YYYY-MM-DD", f"{where}.from")
        if start < date(2019, 8, 20):
            raise _Bad("the one-year LPR was first fixed on 2019-08-20", f"{where}.from")
        pct = item.get("one_year_pct")
        if isinstance(pct, bool) or not isinstance(pct, (int, float)) or not 0 < pct < 20:
            raise _Bad(f"expected a rate in percent between 0 and 20, got {pct!r}", f"{where}.one_year_pct")
        if start.isoformat() in rows:
            raise _Bad(f"{start.isoformat()} is given twice", f"{where}.from")
        rows[start.isoformat()] = float(pct)
    return tuple(sorted(rows.items()))


def _unique(items: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# config key -> (Settings field, validator)
_KEYS: dict[str, tuple[str, Callable[..., Any]]] = {
    "profile": ("profile", _choice(PROFILES)),
    "fail_on": ("fail_on", _choice(FAIL_ON_LEVELS)),
    "rules": ("rule_dirs", _rule_dirs),
    "disable": ("disabled_rules", _strings),
    "exclude": ("exclude", _strings),
    "waivers": ("waivers", _waivers),
    "jobs": ("jobs", _jobs),
    "day_count": ("day_count", _day_count),
    "collection_hours": ("collection_hours", _hours),
    "executor": ("executor", _choice(EXECUTORS)),
    "scheduler": ("scheduler", _scheduler),
    "timeout": ("doc_timeout", _timeout),
    "retries": ("retries", _retries),
    "lang": ("lang", _choice(LANGS)),
    "limits": ("limits", _limits),
    "lpr": ("lpr_rows", _lpr_rows),
}

_FIELDS = {f.name for f in fields(Settings)}

# CLI overrides validated with the same checks, errors naming the option.
_OVERRIDE_CHECKS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "profile": ("--profile", _choice(PROFILES)),
    "fail_on": ("--fail-on", _choice(FAIL_ON_LEVELS)),
    "jobs": ("--jobs", _jobs),
    "day_count": ("--day-count", _day_count),
    "collection_hours": ("--collection-hours", _hours),
    "executor": ("--executor", _choice(EXECUTORS)),
    "scheduler": ("--scheduler", _scheduler),
    "doc_timeout": ("--timeout", _timeout),
    "retries": ("--retries", _retries),
    "lang": ("--lang", _choice(LANGS)),
}


def _check_override(key: str, value: Any) -> Any:
    spec = _OVERRIDE_CHECKS.get(key)
    if spec is None:
        return tuple(value) if key in ("rule_dirs", "disabled_rules", "waivers", "exclude") else value
    option, check = spec
    try:
        return check(value)
    except _Bad as bad:
        raise ConfigError(f"{option}: {bad}") from None
