"""Clause text on the project's own sample PDFs: wrapped lines in narrow columns join up."""
from __future__ import annotations


from checker.clauses import parse_contract
from checker.ingest import read_document
from sample_files import CONTRACTS


def _clause(name: str, path: str):
    contract = parse_contract(read_document(CONTRACTS / name))
    return contract.clause(path)


def test_lines_wrapped_in_a_narrow_column_join_into_one_sentence():
    clause = _clause("two-column.pdf", "4.1")
    assert "对逾期未付的款项，自逾期之日起按日万分之五计收罚息" in clause.text
    assert "\n" not in clause.text


def test_an_item_whose_first_line_wraps_has_no_title():
    assert _clause("two-column.pdf", "5.1").title == ""


def test_a_clause_continued_across_a_page_break_is_one_clause():
    clause = _clause("bank-consumer-loan.pdf", "4.3")
    assert clause.page_start == 1 and clause.page_end == 2
