"""A finding names its clause the way a reader would look it up."""
from __future__ import annotations

from checker.findings.build import clause_label, render_message
from checker.model import Clause, Contract, Document


def _contract(*clauses: Clause) -> Contract:
    return Contract(Document("x.txt", "txt", ()), clauses)


def _c(path, number, kind, parent=None, title=""):
    return Clause(path, number, title, number, 1, kind, 1, 1, 0, 0, parent=parent)


def test_an_item_under_an_article_is_named_with_the_article():
    art, item = _c("7", "第七条", "article"), _c("7.2", "（二）", "item", "7")
    assert clause_label(_contract(art, item), item) == "第七条（二）"


def test_a_dotted_number_already_names_its_parents():
    art, item = _c("6", "第六条", "article"), _c("6.2", "6.2", "item", "6")
    assert clause_label(_contract(art, item), item) == "6.2"


def test_an_arabic_item_under_a_chinese_ordinal_joins_with_a_dot():
    art, item = _c("4", "四", "article"), _c("4.1", "1", "item", "4")
    assert clause_label(_contract(art, item), item) == "四.1"


def test_chapters_are_left_out_and_the_preamble_is_named():
    ch, art = _c("ch1", "第一章", "chapter"), _c("3", "第三条", "article", "ch1")
    pre = _c("0", "", "preamble")
    contract = _contract(pre, ch, art)
    assert clause_label(contract, art) == "第三条" and clause_label(contract, pre) == "前言"


def test_messages_quote_facts_and_parameters_and_say_unknown_for_missing_ones():
    text = render_message("逾期{overdue_rate_annual_pct}%超过{params.rate_cap}%，{nothing}",
                          {"overdue_rate_annual_pct": 27.0, "params.rate_cap": 13.8})
    assert text == "逾期27%超过13.8%，未知"
