"""The vocabularies: the words and patterns of Chinese loan contracts, as YAML data in this
folder (``<name>.yaml``), read by the fact readers and by the OCR lexicon correction.

At the ground of the layers so that both ``facts`` and ``ingest`` may read them. A lawyer
can add a synonym here without touching Python; ``{NAME}`` in a pattern is replaced by the
file's ``define: NAME:`` pattern.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_MACRO = re.compile(r"\{([A-Z_]+)\}")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: these files are package data


@lru_cache(maxsize=None)
def load_vocab(name: str) -> dict[str, Any]:
    """The YAML vocabulary ``vocab/<name>.yaml`` with ``{NAME}`` macros expanded."""
    raw = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.load(raw, Loader=_LOADER) or {}  # noqa: S506 - a safe loader
    defines = {k: v for k, v in (data.pop("define", None) or {}).items()}
    return _expand(data, defines)


@lru_cache(maxsize=None)
def vocab_pattern(name: str, key: str) -> re.Pattern[str]:
    """The regex at the dotted ``key`` of vocabulary ``name`` (``roles``, ``total_cap``), compiled once."""
    node: Any = load_vocab(name)
    for part in key.split("."):
        node = node[part]
    return re.compile(node, re.IGNORECASE)


def class_label(lender_class: str | None) -> str:
    """The words a report uses for a lender class (自然人, 银行 ...), from ``lender.yaml``."""
    return load_vocab("lender")["classes"].get(lender_class or "", lender_class or "未知")


def _expand(node: Any, defines: dict[str, str]) -> Any:
    if isinstance(node, str):
        return _MACRO.sub(lambda m: f"(?:{defines[m.group(1)]})" if m.group(1) in defines else m.group(0), node)
    if isinstance(node, list):
        return [_expand(n, defines) for n in node]
    if isinstance(node, dict):
        return {k: _expand(v, defines) for k, v in node.items()}
    return node


@lru_cache(maxsize=1)
def character_counts() -> dict[str, int]:
    """How many strings of all the vocabularies use each character. A character many phrases
    share (借, 款, 期) is common in loan contracts; one few use (逾, 罚) is rare, and a text
    without it is quickly ruled out (``facts.prefilter`` ranks needs by this)."""
    counts: dict[str, int] = {}
    names = sorted(f.name[:-5] for f in resources.files(__package__).iterdir() if f.name.endswith(".yaml"))
    for name in names:
        for text in strings_in(load_vocab(name)):
            for char in set(text):
                counts[char] = counts.get(char, 0) + 1
    return counts


def strings_in(node: Any) -> list[str]:
    """Every string in a YAML tree (lists and mapping values), in order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for n in node for s in strings_in(n)]
    if isinstance(node, dict):
        return [s for n in node.values() for s in strings_in(n)]
    return []
