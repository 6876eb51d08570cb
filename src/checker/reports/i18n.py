"""The words of the human-readable reports, in Chinese (the default) and English.

One table, so that a report is in one language throughout: a label never carries its
translation beside it (「文件 documents」), and a Chinese sentence never carries an English
identifier (「（civil-code）」). Contract quotes and statute quotes are quoted as written,
whatever the language; the suggested wording is the rule's ``remediation`` in Chinese and its
``remediation_en`` (what to change, in English) in English reports (``common.remediation_for``).
"""
from __future__ import annotations

from typing import Any, Callable, Mapping

from checker.findings.build import PREAMBLE, day_count_text
from checker.model import Finding, Note, RuleInfo

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
    "suggested": ("建议表述", "Suggested change"),
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
    # review copies (review/notes.py, review/html.py)
    "review_copy": ("审阅稿", "Review copy"),
    "new_mark": ("新增", "new"),
    "waived_mark": ("已豁免", "waived"),
    "rule": ("规则", "Rule"),
    "clause": ("条款", "clause"),
    "waiver_reason": ("豁免理由", "Waiver reason"),
    "not_stated": ("未说明", "not stated"),
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


def clause(f: Finding, lang: str) -> str:
    """The finding's clause label: as the contract numbers it, except the checker's own name
    for the text before the first clause (前言), which English reports call the preamble."""
    return PREAMBLE[1] if lang == "en" and f.clause == PREAMBLE[0] else f.clause


def message(f: Finding, lang: str) -> str:
    """The finding's message in the report's language; a rule without an English message keeps its own."""
    if lang == "en":
        return getattr(f, "message_en", "") or f.message
    return f.message


def colon(lang: str) -> str:
    """What follows a label: 「法律依据：」, "Legal basis: "."""
    return ": " if lang == "en" else "："


def bracket(label: str, lang: str) -> str:
    """A label set in front of a title: 「【高】」, "[high]"."""
    return f"[{label}]" if lang == "en" else f"【{label}】"


def listing(items: list[str], lang: str) -> str:
    """Citations one after another: 「甲；乙」, "a; b"."""
    return ("; " if lang == "en" else "；").join(items)


def waiver_expiry(expires: object, lang: str) -> str:
    """How long a waiver holds, after its reason: 「（有效期至 2099-06-30）」, " (until 2099-06-30)"."""
    if lang == "en":
        return f" (until {expires})" if expires else " (no expiry)"
    return f"（有效期至 {expires}）" if expires else "（无到期日）"


def review_counts(active: int, waived: int, lang: str) -> str:
    """The findings a review copy holds: 「3项问题 · 1项已豁免」, "3 findings · 1 waived"."""
    if lang == "en":
        return f"{count(active, '', 'finding', 'en')} · {waived} waived"
    return f"{active}项问题 · {waived}项已豁免"


def review_copies_written(written: int, out_dir: str, lang: str) -> str:
    """The line ``check --format review`` ends with: how many review copies went where."""
    if lang == "en":
        return f"{written} review cop{'y' if written == 1 else 'ies'} written to {out_dir}"
    return f"已在 {out_dir} 写入{written}份审阅副本"


def annotated(output: str, notes: int, waived: int, lang: str) -> str:
    """The line ``checker annotate`` ends with: the review copy written and the notes in it."""
    if lang == "en":
        return f"{output}: {notes} finding{'s' if notes != 1 else ''} annotated" + (f" ({waived} waived)" if waived else "")
    return f"已写入审阅副本 {output}，标注{notes}项发现" + (f"（其中{waived}项已豁免）" if waived else "")


def marks(doc: object, lang: str) -> list[str]:
    """What a reader must know before trusting a document's findings: read by OCR, a blank template."""
    facts = getattr(doc, "facts", {}) or {}
    out = []
    if facts.get("ocr_pages"):
        out.append(word("ocr", lang))
    if facts.get("is_template"):
        out.append(word("template", lang))
    return out


# --------------------------------------------------------------------------- notes
# Every note code, with the values it takes and its sentence in each language. Stages before
# the reports make ``Note(code, values)``; only this table puts words around the values. A
# value that is text from a contract, a file, a user or a rule pack is quoted as given (a
# rule pack's text comes in both languages: ``reason`` and ``reason_en``).

FACT_LABELS = {
    "interest_rate_annual_pct": ("借期内利率", "the in-term interest rate"),
    "overdue_rate_annual_pct": ("逾期利率", "the overdue rate"),
    "overdue_penalty_annual_pct": ("逾期违约金", "the overdue penalty"),
    "overdue_fee_annual_pct": ("逾期费用", "the overdue fees"),
    "loan_amount": ("借款金额", "the loan amount"),
    "contract_date": ("合同成立日期", "the contract date"),
    "signing_date": ("签订日期", "the signing date"),
    "disbursement_date": ("出借日期", "the disbursement date"),
    "borrower_name": ("借款人姓名", "the borrower's name"),
}
DAY_COUNT_FIGURES = {
    "interest": ("借期内年化利率", "The in-term annual rate"),
    "overdue": ("逾期年化利率", "The overdue annual rate"),
    "overdue_total": ("逾期费用合计年化", "The overdue charges' annual total"),
}


def _num(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _plural(n: Any, word_: str) -> str:
    return f"{n} {word_}" if n == 1 else f"{n} {word_}s"


def _fact(key: Any, lang: str) -> str:
    zh, en = FACT_LABELS.get(str(key), (str(key), str(key).replace("_", " ")))
    return en if lang == "en" else zh


def _facts(keys: Any, lang: str) -> str:
    names = [_fact(k, lang) for k in (keys or ())]
    if lang != "en":
        return "、".join(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _day_count(v: Mapping[str, Any], lang: str) -> str:
    zh, en = DAY_COUNT_FIGURES.get(str(v.get("figure")), (str(v.get("figure")), str(v.get("figure"))))
    figures = {k: v[k] for k in ("days", "main", "alt_days", "alt", "line")}
    if lang == "en":  # the same sentence as the finding's message quotes (findings/build.py)
        return f"{en}: {day_count_text(figures, english=True)}"
    return f"{zh}：{day_count_text(figures)}"


def _unreadable(v: Mapping[str, Any], lang: str) -> str:
    low = v.get("confidence", 1.0) < v.get("threshold", 0.0)
    if lang == "en":
        why = (f"confidence {v['confidence']:.2f} below {v['threshold']:.2f}" if low
               else "two readings disagree")
        return (f"{_fact(v['fact'], lang)}: a figure on the scan could not be read reliably (p.{v['page']} "
                f"“{v['figure']}”, {why}); the cap rules do not rely on it. OCR read: “{v['ocr_text']}”")
    why = f"置信度{v['confidence']:.2f}低于{v['threshold']:.2f}" if low else "两次识别结果不一致"
    return (f"{_fact(v['fact'], lang)}：扫描件数字无法可靠识别（第{v['page']}页“{v['figure']}”，{why}），"
            f"上限类规则不据此判断；OCR读到：“{v['ocr_text']}”")


def _not_assessable(v: Mapping[str, Any], lang: str) -> str:
    if lang == "en":
        return f"{v.get('title_en') or v['rule']}: not assessed: {v.get('reason_en') or v.get('reason')}"
    return f"「{v.get('title') or v['rule']}」未评估：{v.get('reason') or v.get('reason_en')}"


def _not_a_loan(v: Mapping[str, Any], lang: str) -> str:
    title = v.get("title")
    if lang == "en":
        return (f"“{title}” is not about lending" if title else
                "not a loan agreement: no loan-agreement title, no lender or borrower and no lending terms")
    return f"「{title}」与借款无关" if title else "不是借款合同：未见借款合同的标题、出借人或借款人及借款条款"


_Render = Callable[[Mapping[str, Any]], str]
_NOTES: dict[str, tuple[_Render, _Render]] = {
    "undated": (
        lambda v: f"未找到合同成立日期，按检查当日（{v['today']}）判断",
        lambda v: f"no contract date found: judged as formed on the day of the check ({v['today']})"),
    "lpr_before_first": (
        lambda v: (f"合同成立日{v['date']}早于首次一年期LPR报价（{v['first']}），"
                   f"按表中最新LPR（{v['lpr_from']}起{_num(v['lpr_pct'])}%）计算"),
        lambda v: (f"the contract date {v['date']} is before the first one-year LPR fixing ({v['first']}): "
                   f"the latest LPR in the table is used ({_num(v['lpr_pct'])}% from {v['lpr_from']})")),
    "lpr_table_missing": (
        lambda v: "规则包中没有LPR表，无法计算利率线",
        lambda v: "the rule pack has no LPR table: the rate line cannot be computed"),
    "civil_code_on_licensed": (
        lambda v: "按指定的民法典标准判断；民间借贷规定不适用于持牌金融机构（第1条第2款、法释〔2020〕27号）",
        lambda v: ("judged under the Civil Code profile as asked, although the private-lending rules do not apply "
                   "to licensed financial institutions (Art. 1(2); Fa Shi [2020] No. 27)")),
    "lender_unidentified": (
        lambda v: "未能识别出借人，按普通企业处理",
        lambda v: "the lender could not be identified: treated as an ordinary company"),
    "template": (
        lambda v: f"按模板读取：{_facts(v.get('blanks'), 'zh')}为空白占位（至少两项主要字段未填写）",
        lambda v: (f"read as a template: {_facts(v.get('blanks'), 'en')} are blank placeholders "
                   "(at least two principal fields not filled in)")),
    "day_count": (lambda v: _day_count(v, "zh"), lambda v: _day_count(v, "en")),
    "not_assessable": (lambda v: _not_assessable(v, "zh"), lambda v: _not_assessable(v, "en")),
    "unreadable_figure": (lambda v: _unreadable(v, "zh"), lambda v: _unreadable(v, "en")),
    "undated_scan": (
        lambda v: "合同成立日期：扫描件上未能读出合同成立日期（签订日或出借日），利率线无法确定，上限类规则不据此判断",
        lambda v: ("the contract date: no signing or disbursement date could be read from the scan, so the rate "
                   "line is unknown and the cap rules do not judge the document")),
    "not_a_loan": (lambda v: _not_a_loan(v, "zh"), lambda v: _not_a_loan(v, "en")),
    "lpr_stale": (
        lambda v: (f"LPR表可能已过期：表中最新为{v['known']}，而一年期LPR每月20日报价，最近一期为{v['due']}"
                   f"（相差{v['days']}天）；请在 `checker.yaml` 的 `lpr:` 中补充最新报价（未变也请补一行），以免按旧LPR计算利率线"),
        lambda v: (f"the LPR table may be out of date: its latest entry is {v['known']}, but the one-year LPR is "
                   f"fixed on the 20th of every month and the latest fixing was on {v['due']} ({v['days']} days "
                   "later); add the latest fixings under `lpr:` in `checker.yaml` (a row even when the rate did "
                   "not change) so that the rate line is not computed from an old LPR")),
    "waiver_expired": (
        lambda v: (f"规则 {v['rule']} 对 {v['path']} 的豁免已于{v['expires']}到期：{v['reason']}"
                   f"（{v['findings']}项发现不再豁免）"),
        lambda v: (f"waiver for {v['rule']} on {v['path']} expired on {v['expires']}: {v['reason']} "
                   f"({_plural(v['findings'], 'finding')} no longer waived)")),
    "baseline": (
        lambda v: f"基线：{v['known']}项已知发现未再报告",
        lambda v: f"baseline: {_plural(v['known'], 'known finding')} not reported"),
    "store_other_pack": (
        lambda v: (f"结果库中的结果由另一规则包（{v['stored']}）得出，与现在加载的规则包（{v['loaded']}）不同："
                   "规则文字可能有出入"),
        lambda v: (f"the store's results were made with another rule pack ({v['stored']}) than the one loaded "
                   f"now ({v['loaded']}): rule texts may differ")),
    "store_unfinished": (
        lambda v: (f"最近一次运行（开始于{v['started']}）未完成：运行 `checker check ... --store STORE --resume` "
                   "以完成"),
        lambda v: (f"the latest run (started {v['started']}) did not finish: run "
                   "`checker check ... --store STORE --resume` to complete it")),
    "regime": (lambda v: str(v.get("reason") or v.get("reason_en", "")),
               lambda v: str(v.get("reason_en") or v.get("reason", ""))),
    "text": (lambda v: str(v.get("text", "")), lambda v: str(v.get("text", ""))),
}
NOTE_CODES: tuple[str, ...] = tuple(_NOTES)
# notes saying a rule could not be judged or a figure not read: shown even beside a clean ✓
UNJUDGED_CODES = frozenset({"not_assessable", "unreadable_figure", "undated_scan"})


def note(n: Note | str, lang: str) -> str:
    """A note in the report's language. A plain string (a result stored before notes had
    codes) and a code this version does not know are shown as they were written."""
    if isinstance(n, str):
        return n
    render = _NOTES.get(n.code)
    if render is None:
        return str(n.values.get("text") or n.code)
    try:
        return render[1 if lang == "en" else 0](n.values)
    except (KeyError, TypeError, ValueError):  # a stored note missing a value: say what is known
        return n.code + ": " + ", ".join(f"{k}={v}" for k, v in n.values.items())


def profile_reason(doc: object, lang: str) -> str:
    """Why the document's profile applies, in ``lang``; a result without the ``regime`` note
    (stored by an older version) has its Chinese reason only, which an English report leaves out."""
    note_ = getattr(doc, "profile_note", None)
    if note_ is not None:
        return note(note_, lang)
    return "" if lang == "en" else (getattr(doc, "profile_reason", None) or "")


def reason(doc: object, lang: str) -> str:
    """Why a document was skipped, or why it could not be read: in Chinese, the error's kind
    said in Chinese (the English one-line reason, with its detail and a library's own
    diagnostic, stays in the JSON report's ``error`` and in ``--lang en`` reports)."""
    why = getattr(doc, "reason", None)
    if why is not None:
        return note(why, lang)
    kind = str(getattr(doc, "error_kind", None) or "")
    if lang == "zh" and kind in _ERROR_ZH:
        return _ERROR_ZH[kind]
    return getattr(doc, "error", None) or ""


_ERROR_ZH = {
    "encrypted": "PDF已加密，需要密码才能读取",
    "corrupt": "文件已损坏、不完整或格式有误，无法解析",
    "unsupported-format": "不支持该文件类型，或文件内容与扩展名不符",
    "no-text": "文件没有可读取的文字：空文件，或扫描页未能通过OCR识别出文字",
    "too-large": "文件超出资源限制（文件大小、页面、字数或嵌套层数）",
    "not-found": "文件不存在",
    "unreadable": "无法打开文件（权限、读写或网络错误）",
    "memory": "检查该文件时达到内存上限",
    "timeout": "检查该文件超过单份文件的时间限制",
    "worker-died": "读取该文件时工作进程意外退出（可能是文档解析库崩溃）",
    "interrupted": "运行被中断，该文件未检查",
    "internal": "检查器内部错误，请报告此问题",
    "invalid-result": "结果存储中该文件的记录未通过校验，请重新检查",
    "output": "无法写入该文件的审阅副本",
}
