"""The hand-built run every report test renders (a helper module the report tests import).

Three documents: one with findings of several severities (Chinese evidence, an HTML
injection attempt, a waived finding), one clean, one that could not be read.
"""
from __future__ import annotations

from checker.model import DocumentResult, Finding, LegalBasis, Note, RuleInfo, RunResult, Severity

SCRIPT = "<script>alert(1)</script>"

RULES = (
    RuleInfo(
        id="collection-third-party-contact",
        severity=Severity.CRITICAL,
        title_zh="催收涉及第三人",
        title_en="Collection involves third parties",
        description="The contract lets the lender disclose the debt to third parties.",
        legal_basis=(LegalBasis("个人信息保护法", "第13条", "处理个人信息应当取得个人同意"),),
        remediation="贷款人不得向借款人以外的第三人披露借款人的债务信息。",
        tags=("collection", "privacy"),
        source="rules/cn-loan/collection-third-party-contact.yaml",
    ),
    RuleInfo(
        id="overdue-rate-excessive",
        severity=Severity.HIGH,
        title_zh="逾期利率过高",
        title_en="Overdue rate above the cap",
        legal_basis=(LegalBasis("民间借贷规定", "第28条", "不超过合同成立时一年期贷款市场报价利率四倍"),),
        remediation="逾期利率以合同成立时一年期贷款市场报价利率四倍为限。",
        tags=("rate",),
    ),
    RuleInfo(
        id="unilateral-amendment",
        severity=Severity.MEDIUM,
        title_zh="单方变更合同",
        title_en="Unilateral amendment",
        legal_basis=(LegalBasis("民法典", "第543条", "当事人协商一致，可以变更合同。"),),
        remediation="变更利率、费用须经双方协商一致。",
    ),
    RuleInfo(
        id="dispute-resolution-missing",
        severity=Severity.LOW,
        title_zh="缺少争议解决条款",
        title_en="No dispute resolution clause",
        legal_basis=(LegalBasis("民法典", "第470条"),),
    ),
)

CRITICAL = Finding(
    rule_id="collection-third-party-contact",
    severity=Severity.CRITICAL,
    title="催收涉及第三人",
    message="合同允许向第三人披露债务",
    legal_basis=RULES[0].legal_basis,
    remediation=RULES[0].remediation,
    clause="第十二条",
    clause_path="12",
    page=3,
    line_start=40,
    line_end=41,
    evidence="借款人同意贷款人可将欠款情况告知其通讯录联系人、亲友及工作单位，" * 3,
    fingerprint="fp-critical",
)
HIGH = Finding(
    rule_id="overdue-rate-excessive",
    severity=Severity.HIGH,
    title="逾期利率过高",
    message="逾期年利率 36% 超过上限 13.8%",
    legal_basis=RULES[1].legal_basis,
    clause="第七条",
    clause_path="7",
    page=2,
    line_start=20,
    evidence="逾期利率为借款利率上浮50%",
    fingerprint="fp-high",
)
MEDIUM = Finding(
    rule_id="unilateral-amendment",
    severity=Severity.MEDIUM,
    title="单方变更合同",
    message="贷款人可单方调整利率 | 无需通知",
    clause="（二）",
    clause_path="9.2",
    page=2,
    evidence=f"贷款人有权单方调整利率{SCRIPT}\n无需另行通知",
    fingerprint="fp-medium",
)
LOW = Finding(
    rule_id="dispute-resolution-missing",
    severity=Severity.LOW,
    title="缺少争议解决条款",
    message="No clause on jurisdiction or arbitration",
    fingerprint="fp-low",
)
WAIVED = Finding(
    rule_id="overdue-rate-excessive",
    severity=Severity.HIGH,
    title="逾期利率过高",
    message="违约金年化 30% 超过上限",
    clause="第八条",
    clause_path="8",
    page=2,
    evidence="违约金按日千分之一计收",
    fingerprint="fp-waived",
    waived=True,
    waiver_reason="法务已确认（工单 LEGAL-42）",
)

FLAWED = DocumentResult(
    path="contracts/网贷 合同.pdf",
    status="checked",
    pages=4,
    facts={"contract_date": "2024-03-15", "loan_amount": 50000, "rate_cap_annual_pct": 13.8},
    findings=(LOW, HIGH, WAIVED, MEDIUM, CRITICAL),
    profile="civil-code",
    profile_reason="出借人为自然人",
    notes=(Note("template", {"blanks": ["borrower_name", "loan_amount"]}),),
)
CLEAN = DocumentResult(
    path="contracts/clean.md",
    status="checked",
    pages=1,
    facts={"rate_cap_annual_pct": 24.0},
    profile="licensed-lender",
    profile_reason="出借人为持牌小额贷款公司",
    profile_note=Note("regime", {"reason": "出借人为持牌小额贷款公司", "reason_en": "lender is a licensed small-loan company"}),
)
BROKEN = DocumentResult(
    path="/abs/encrypted.pdf",
    status="error",
    error="encrypted PDF: cannot be read without a password",
)


def sample_run() -> RunResult:
    """The run most report tests render."""
    return RunResult(
        documents=(FLAWED, CLEAN, BROKEN),
        profile="auto",
        version="0.1.0",
        rules=RULES,
        notes=(Note("waiver_expired", {"rule": "interest-rate-excessive", "path": "legacy/*", "expires": "2024-01-01",
                                       "reason": "旧版模板", "findings": 1}),),
    )


def active_findings() -> list[Finding]:
    return [f for d in sample_run().documents for f in d.findings if not f.waived]
