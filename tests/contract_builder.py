"""Contracts built in memory from party lines and articles, and their summary facts: for the
fact tests that need a whole contract but no file (a helper module, not a test module)."""
from __future__ import annotations

from checker.facts import extract_facts
from checker.model import Clause, Contract, Document, Line, Page

PRIVATE = ["出借人（甲方）：张伟", "身份证号码：110101198001010000", "借款人（乙方）：刘洋"]
COMPANY = ["贷款人：某某网络小额贷款有限公司", "借款人：刘洋"]


def contract(head: list[str], *articles: tuple[str, str] | tuple[str, str, float], ocr: bool = False) -> Contract:
    """A contract from party lines and (title, text[, body emphasis share]) articles."""
    lines = [Line(t, 1, top=i, emphasis_known=not ocr) for i, t in enumerate(head)]
    clauses = [Clause("0", "", "", "\n".join(head), 0, "preamble", 1, 1, 0, max(len(head) - 1, 0),
                      emphasis_known=not ocr)]
    for n, (title, text, *share) in enumerate(articles, 1):
        start = len(lines)
        lines += [Line(f"第{n}条 {title}", 1, top=start, emphasis_known=not ocr),
                  Line(text, 1, top=start + 1, emphasis_known=not ocr)]
        clauses.append(Clause(str(n), f"第{n}条", title, f"第{n}条 {title}\n{text}", 1, "article", 1, 1,
                              start, start + 1, body_emphasis_share=share[0] if share else 0.0,
                              emphasis_known=not ocr))
    doc = Document("x.txt", "txt", (Page(1, tuple(lines), ocr=ocr),))
    return Contract(doc, tuple(clauses))


def summary(head, *articles, **kw):
    return extract_facts(contract(head, *articles, **kw)).summary
