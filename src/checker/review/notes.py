"""The words of a review note: one text per finding, the same in Word, PDF and HTML copies."""
from __future__ import annotations

from typing import Mapping

from ..model import Finding, RuleInfo
from ..reports.common import legal_basis_for, remediation_for, xml_safe
from ..reports.safe import no_surrogates

SEVERITY_ZH = {"critical": "严重", "high": "高", "medium": "中", "low": "低", "info": "提示"}
AUTHOR = "checker"


def basis_short(finding: Finding, rules: Mapping[str, RuleInfo]) -> str:
    """The legal basis as a lawyer cites it (《民法典》第680条), without the quote."""
    return "；".join(f"《{b.statute.strip('《》')}》{b.article}" if b.statute else b.article
                    for b in legal_basis_for(finding, rules))


def headline(finding: Finding) -> str:
    """「【高 high】逾期利率超过上限」, with 新增 / 已豁免 in front when that applies."""
    sev = finding.severity.value
    marks = ("【新增 new】" if finding.new else "") + ("【已豁免 waived】" if finding.waived else "")
    return f"{marks}【{SEVERITY_ZH[sev]} {sev}】{finding.title}"


def waiver_line(finding: Finding) -> str:
    if not finding.waived:
        return ""
    until = f"（有效期至 {finding.waiver_expires}）" if finding.waiver_expires else "（无到期日）"
    return f"豁免理由：{finding.waiver_reason or '未说明'}{until}"


def note_lines(finding: Finding, rules: Mapping[str, RuleInfo]) -> list[str]:
    """The note as paragraphs: headline, rule and clause, message, legal basis, wording, waiver."""
    where = f"条款 {finding.clause}" if finding.clause else "全文 whole document"
    lines = [headline(finding), f"规则 {finding.rule_id} · {where}"]
    if finding.message:
        lines.append(finding.message)
    basis = basis_short(finding, rules)
    if basis:
        lines.append(f"法律依据：{basis}")
    remedy = remediation_for(finding, rules)
    if remedy:
        lines.append(f"建议表述：{remedy}")
    waiver = waiver_line(finding)
    if waiver:
        lines.append(waiver)
    # XML and UTF-8 writers cannot carry control characters or lone surrogates
    return [no_surrogates(xml_safe(" ".join(line.split()))) for line in lines]


def note_text(finding: Finding, rules: Mapping[str, RuleInfo]) -> str:
    return "\n".join(note_lines(finding, rules))
