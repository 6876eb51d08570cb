"""The words of the human-readable reports, in Chinese (the default) and English.

One table, so that a report is in one language throughout: a label never carries its
translation beside it (「文件 documents」), and a Chinese sentence never carries an English
identifier (「（civil-code）」). Contract quotes, statute quotes and suggested contract wording
are quoted as written, whatever the language.
"""
from __future__ import annotations

from typing import Mapping

from checker.model import Finding, RuleInfo

LANGS = ("zh", "en")

SEVERITY = {
    "zh": {"critical": "严重", "high": "高", "medium": "中", "low": "低", "info": "提示"},
    "en": {"critical": "critical", "high": "high", "medium": "medium", "low": "low", "info": "info"},
}
PROFILE = {
    "zh": {"civil-code": "民法典标准", "licensed-lender": "持牌机构标准", "auto": "自动"},
    "en": {"civil-code": "Civil Code", "licensed-lender": "licensed lender", "auto": "auto"},
}

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("合同合规检查报告", "Loan agreement compliance report"),
    "documents": ("文件", "Documents"),
    "document": ("文件", "Document"),
    "status": ("状态", "Status"),
    "risk": ("风险", "Risk"),
    "profile": ("适用标准", "Profile"),
    "cap": ("利率线", "Rate line"),
    "pages": ("页数", "Pages"),
    "waived": ("已豁免", "Waived"),
    "errors": ("无法读取", "Errors"),
    "checked": ("已检查", "checked"),
    "error": ("无法读取", "error"),
    "skipped": ("已跳过", "skipped"),
    "findings": ("发现", "Findings"),
    "no_findings": ("未发现问题", "No findings"),
    "by_severity": ("按严重程度", "By severity"),
    "by_rule": ("按规则", "By rule"),
    "legal_basis": ("法律依据", "Legal basis"),
    "legal_texts": ("规则与法律依据", "Rules and their legal basis"),
    "suggested": ("建议表述", "Suggested wording"),
    "notes": ("说明", "Notes"),
    "run_notes": ("运行说明", "Run notes"),
    "waived_heading": ("已豁免（不计入统计）", "Waived (not counted)"),
    "whole_document": ("全文", "whole document"),
    "ocr": ("扫描件（OCR识别）", "scanned (OCR)"),
    "template": ("模板（含空白待填项）", "template (blank fields)"),
    "regime": ("出借人与适用规则", "lender and regime"),
    "run_date": ("检查日期", "Run date"),
    "version": ("版本", "version"),
    "cap_per_year": ("年", "yr"),
    "verdict_fail": ("不通过", "FAIL"),
    "verdict_pass": ("通过", "PASS"),
    "verdict_error": ("未完成", "ERROR"),
    "verdict_findings": ("有问题", "FINDINGS"),
    "verdict_clean": ("未发现问题", "CLEAN"),
    "no_documents": ("没有检查任何文件。", "No documents were checked."),
}


def word(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return en if lang == "en" else zh


def severity(value: str, lang: str) -> str:
    return SEVERITY["en" if lang == "en" else "zh"].get(value, value)


def profile(value: str | None, lang: str) -> str:
    if not value:
        return ""
    return PROFILE["en" if lang == "en" else "zh"].get(value, value)


def page(number: int | None, lang: str) -> str:
    if not number:
        return ""
    return f"p.{number}" if lang == "en" else f"第{number}页"


def pages(number: int, lang: str) -> str:
    if lang == "en":
        return f"{number} page" if number == 1 else f"{number} pages"
    return f"{number}页"


def count(n: int, zh_unit: str, en_word: str, lang: str) -> str:
    """「3份」 or 「3 documents」 (English plural by -s)."""
    if lang == "en":
        return f"{n} {en_word}" if n == 1 else f"{n} {en_word}s"
    return f"{n}{zh_unit}"


def title(f: Finding, rules: Mapping[str, RuleInfo], lang: str) -> str:
    """A finding's rule title in the report's language (English from the rule when it has one)."""
    rule = rules.get(f.rule_id)
    if lang == "en" and rule is not None and rule.title_en:
        return rule.title_en
    return f.title if f.title or rule is None else rule.title


def rule_title(rule_id: str, rules: Mapping[str, RuleInfo], lang: str) -> str:
    rule = rules.get(rule_id)
    if rule is None:
        return rule_id
    return (rule.title_en or rule.title_zh) if lang == "en" else (rule.title_zh or rule.title_en)


def message(f: Finding, lang: str) -> str:
    """The finding's message in the report's language; a rule without an English message keeps its own."""
    if lang == "en":
        return getattr(f, "message_en", "") or f.message
    return f.message


def marks(doc: object, lang: str) -> list[str]:
    """What a reader must know before trusting a document's findings: read by OCR, a blank template."""
    facts = getattr(doc, "facts", {}) or {}
    out = []
    if facts.get("ocr_pages"):
        out.append(word("ocr", lang))
    if facts.get("is_template"):
        out.append(word("template", lang))
    return out
