"""What a review copy must anchor each finding on, worked out from the finding and the text
as read (independently of checker.review's own placing code)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from checker import api
from checker.findings.waivers import Waiver
from checker.ingest import read_document
from checker.model import DocumentResult, Finding, RunResult
from checker.review import write_review_copy
from checker.settings import Settings

# automatic numbering Word draws in front of a paragraph: it is in the text read, not in any run
NUMBER_LABEL = re.compile(r"^(\d+(\.\d+)*[.．、]?|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)])?$")


def squeeze(text: str) -> str:
    """Without whitespace, cell separators and colons: a table row 「出借人 | 某公司」 is read as
    the evidence 「出借人：某公司」."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in "|｜:：")


def checked(*paths: str | Path, waivers: tuple[Waiver, ...] = (), baseline: str | None = None,
            today: date | None = None) -> RunResult:
    kwargs = {"use_cache": False, "waivers": waivers, "baseline": baseline, "executor": "inprocess"}
    if today is not None:
        kwargs["today"] = today
    return api.check([str(p) for p in paths], Settings(**kwargs))


def expected_text(path: str, finding: Finding) -> str:
    """The evidence (without a closing ellipsis), else the clause's heading line, else the
    document's title (its first line), whitespace removed."""
    if finding.evidence:
        return squeeze(finding.evidence).removesuffix("…")
    lines = read_document(path).lines
    return squeeze(lines[finding.line_start if finding.line_start is not None else 0].text)


def rule_of(note: str) -> str:
    """The rule id a note names on its second line (「规则 RULE · 条款 ...」)."""
    match = re.search(r"规则 (\S+) ·", note)
    assert match, note
    return match.group(1)


def write_copy(tmp_path: Path, run: RunResult, name: str) -> tuple[DocumentResult, Path]:
    """The review copy of the run's first document, written under ``tmp_path`` as ``name``."""
    doc = run.documents[0]
    out = tmp_path / name
    write_review_copy(doc, out, {r.id: r for r in run.rules}, source=doc.path)
    return doc, out
