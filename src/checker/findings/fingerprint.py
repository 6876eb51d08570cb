"""Stable finding identities for baselines and SARIF.

A fingerprint must survive edits elsewhere in the file, so it is built from what the finding
is about (rule, file, clause, quoted words) and never from line numbers or page numbers.
"""
from __future__ import annotations

import hashlib
import posixpath
import unicodedata

FINGERPRINT_LENGTH = 16
_SEPARATOR = "\x1f"


def finding_fingerprint(path: str, rule_id: str, clause_path: str, evidence: str) -> str:
    """16 hex digits of sha256 over the rule id, the normalised path, clause path and evidence."""
    parts = (rule_id.strip(), normalise_path(path), clause_path.strip(), normalise_evidence(evidence))
    digest = hashlib.sha256(_SEPARATOR.join(parts).encode("utf-8")).hexdigest()
    return digest[:FINGERPRINT_LENGTH]


def normalise_path(path: str) -> str:
    """The posix form without ``./`` or doubled separators, so ``.\\a\\b.pdf`` == ``a/b.pdf``."""
    text = str(path).replace("\\", "/")
    return posixpath.normpath(text) if text else ""


def normalise_evidence(evidence: str) -> str:
    """Evidence reduced to its letters, digits and symbols: width-folded, lower case, no
    whitespace or punctuation, so re-wrapping a paragraph or swapping ，for , keeps the identity."""
    text = unicodedata.normalize("NFKC", evidence or "").casefold()
    return "".join(ch for ch in text if not _is_noise(ch))


def _is_noise(ch: str) -> bool:
    category = unicodedata.category(ch)
    return ch.isspace() or category[0] in ("P", "Z", "C")
