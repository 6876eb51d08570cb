"""Making untrusted text (file names, contract text, PDF metadata, cached results) inert.

Every string a report or a message shows may come from an applicant's file: a file name with
a newline forges a report line, an ANSI or C1 escape repaints or retitles a terminal, a lone
surrogate makes the UTF-8 writer crash, and in Markdown posted to GitHub an ``@name`` notifies
a user and ``<https://...>`` or a bare URL becomes a link. These helpers are applied where text
leaves the program, whatever its source.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from checker.model import DocumentResult, Finding, Note, RunResult

# C0 controls except tab, DEL, C1 controls, and the Unicode line/paragraph separators and
# bidirectional overrides that reorder what a reader sees.
_TERMINAL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """``text`` with lone surrogates (not encodable as UTF-8) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def terminal_safe(text: str) -> str:
    """One line of text that cannot move the cursor or send escapes: line breaks and tabs become
    spaces, every other control character (an ESC starting a sequence, C1 CSI, BEL ...) is dropped."""
    return _TERMINAL.sub(_replacement, no_surrogates(str(text)))


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in "\n\r\t\u2028\u2029" else ""


_MENTION = re.compile(r"(?<![\w`])@(?=[A-Za-z0-9_-])")
_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|file|javascript|data)(:)")
_WWW = re.compile(r"(?i)\bwww\.")


def markdown_inert(text: str) -> str:
    """``text`` for Markdown read on GitHub: no ``@mentions``, no autolinks, no bare links.

    A word joiner (U+2060) after ``@`` and inside ``scheme:`` / ``www.`` keeps the text readable
    while GitHub no longer recognises a mention or a link in it (``<`` is escaped elsewhere)."""
    text = _MENTION.sub("@\u2060", text)
    text = _SCHEME.sub(lambda m: m.group(1) + "\u2060" + m.group(2), text)
    return _WWW.sub(lambda m: m.group()[:3] + "\u2060.", text)


def inert_run(run: "RunResult", clean: Callable[[str], str]) -> "RunResult":
    """``run`` with ``clean`` applied to every string that came from a document, a file name, a
    stored result or a note (rule texts from the loaded pack are the operator's own)."""
    def value(v: Any) -> Any:
        if isinstance(v, str):
            return clean(v)
        if isinstance(v, (list, tuple)):
            return type(v)(value(x) for x in v)
        if isinstance(v, dict):
            return {clean(k) if isinstance(k, str) else k: value(x) for k, x in v.items()}
        return v

    def finding(f: "Finding") -> "Finding":
        return replace(f, title=clean(f.title), message=clean(f.message), message_en=clean(f.message_en),
                       remediation=clean(f.remediation), remediation_en=clean(f.remediation_en), clause=clean(f.clause), clause_path=clean(f.clause_path),
                       evidence=clean(f.evidence), waiver_reason=clean(f.waiver_reason), rule_id=clean(f.rule_id),
                       legal_basis=tuple(replace(b, statute=clean(b.statute), article=clean(b.article),
                                                 quote=clean(b.quote)) for b in f.legal_basis))

    def document(d: "DocumentResult") -> "DocumentResult":
        return replace(d, path=clean(d.path), error=clean(d.error) if d.error is not None else None,
                       facts=value(dict(d.facts)), findings=tuple(finding(f) for f in d.findings),
                       profile=clean(d.profile) if d.profile is not None else None,
                       profile_reason=clean(d.profile_reason) if d.profile_reason is not None else None,
                       notes=tuple(note(n) for n in d.notes), reason=note(d.reason) if d.reason is not None else None,
                       profile_note=note(d.profile_note) if d.profile_note is not None else None)

    def note(n: "Note | str") -> "Note | str":
        return clean(n) if isinstance(n, str) else replace(n, values=value(dict(n.values)))

    return replace(run, documents=tuple(document(d) for d in run.documents), notes=tuple(note(n) for n in run.notes))
