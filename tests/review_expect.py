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
    """The rule id a note names on its second line (「规则 RULE · 条款 ...」, "Rule RULE · clause ...")."""
    match = re.search(r"(?:规则|Rule) (\S+) ·", note)
    assert match, note
    return match.group(1)


def write_copy(tmp_path: Path, run: RunResult, name: str, lang: str = "zh") -> tuple[DocumentResult, Path]:
    """The review copy of the run's first document, written under ``tmp_path`` as ``name``."""
    doc = run.documents[0]
    out = tmp_path / name
    write_review_copy(doc, out, {r.id: r for r in run.rules}, source=doc.path, lang=lang)
    return doc, out


# -- one language per note (issue 15): the labels a note may carry in each language ----------

ZH_SEVERITY = {"critical": "严重", "high": "高", "medium": "中", "low": "低", "info": "提示"}
ENGLISH_LABEL = re.compile(r"\b(critical|high|medium|low|info|new|waived|rule|clause|whole document|legal basis|"
                           r"suggested wording|suggested change|waiver reason|not stated|no expiry|until|review copy|findings?)\b", re.I)
CHINESE_LABEL = re.compile(r"【|】|规则|条款|全文|法律依据|建议表述|豁免理由|新增|已豁免|未说明|有效期至|无到期日|审阅稿")
CITATION = re.compile(r"《[^》]*》[^;；]*")  # statutes are cited as written, in either language


def flat(text: str) -> str:
    """A text as a note line holds it: whitespace runs (a line break too) made one space."""
    return " ".join(text.split())


def assert_chinese_note(note: str, finding: Finding) -> None:
    """Chinese labels, headings and texts, and no English label beside them (「【高 high】」)."""
    first, second, *rest = note.splitlines()
    marks = ("【新增】" if finding.new else "") + ("【已豁免】" if finding.waived else "")
    assert first == f"{marks}【{ZH_SEVERITY[finding.severity.value]}】{finding.title}"
    assert second == f"规则 {finding.rule_id} · " + (f"条款 {finding.clause}" if finding.clause else "全文")
    assert flat(finding.message) in rest
    if finding.remediation:
        assert f"建议表述：{flat(finding.remediation)}" in rest
    if finding.legal_basis:
        assert any(line.startswith("法律依据：《") for line in rest)
    assert not ENGLISH_LABEL.search(note.replace(finding.rule_id, "")), note


def assert_english_note(note: str, finding: Finding, rules: dict) -> None:
    """English labels, headings, title, message and wording; no Chinese label, none doubled."""
    first, second, *rest = note.splitlines()
    marks = ("[new] " if finding.new else "") + ("[waived] " if finding.waived else "")
    assert first == f"{marks}[{finding.severity.value}] {rules[finding.rule_id].title_en}"
    assert second.startswith(f"Rule {finding.rule_id} · ")
    assert second.endswith("whole document") if not finding.clause else "· clause " in second
    assert finding.message_en and flat(finding.message_en) in rest
    assert finding.remediation_en and f"Suggested change: {flat(finding.remediation_en)}" in rest
    if finding.legal_basis:
        assert any(line.startswith("Legal basis: 《") for line in rest)
    labels = [CITATION.sub("", line) for line in [first, second, *rest] if line != flat(finding.message_en)]
    assert not any(CHINESE_LABEL.search(line) for line in labels), note
