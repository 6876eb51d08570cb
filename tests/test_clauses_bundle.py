"""A file bundling several agreements keeps each agreement's clauses under its own title."""
from __future__ import annotations

from checker.clauses import parse_contract
from checker.model import Document, Line, Page


def contract_of(*texts: str):
    lines = tuple(Line(t, 1, top=float(i)) for i, t in enumerate(texts))
    return parse_contract(Document("bundle.txt", "txt", (Page(1, lines),)))


def test_a_second_agreement_holds_its_own_articles():
    c = contract_of("借款合同", "甲方（出借人）：张三", "第一条 借款", "出借人向借款人出借一万元。",
                    "第二条 还款", "借款人到期还本付息。", "居间服务协议", "甲方（借款人）：李四",
                    "第一条 服务", "居间人提供撮合服务。", "第二条 服务费", "借款人支付服务费。")
    paths = {cl.path: cl for cl in c.clauses}
    assert paths["a2"].kind == "agreement" and paths["a2"].title == "居间服务协议"
    assert paths["a2.1"].parent == "a2" and paths["a2.2"].title == "服务费"
    assert paths["2"].title == "还款"


def test_a_repeated_title_that_does_not_restart_the_numbering_is_not_an_agreement():
    c = contract_of("借款合同", "第一条 借款", "出借人向借款人出借一万元。", "借款合同",
                    "第二条 还款", "借款人到期还本付息。")
    assert [cl.path for cl in c.clauses] == ["0", "1", "2"]
