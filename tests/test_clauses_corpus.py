"""Clause structure of the development corpus (skipped where the corpus is not present).

The expected figures were read off the sources in shared/eval/dev/src/content/.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from checker.clauses import parse_contract


def _corpus() -> Path | None:
    here = Path(__file__).resolve()
    for root in (here.parents[2] / "shared", here.parents[1] / ".." / "shared"):
        docs = root / "eval" / "dev" / "docs"
        if docs.is_dir():
            return docs
    return None


DOCS = _corpus()
pytestmark = pytest.mark.skipif(DOCS is None, reason="development corpus not present")

# file -> (top-level articles, {article path: (title, number of items directly under it)})
EXPECTED = {
    "d01-platform.pdf": (14, {"3": ("借款利率", 2), "7": ("逾期催收", 2), "12": ("协议的变更", 0)}),
    "d02-bank.pdf": (15, {"4": ("借款利率", 3), "10": ("逾期催收", 4), "13": ("合同的变更与解除", 0)}),
    "d03-cfc.docx": (14, {"3": ("利率与费用", 3), "8": ("逾期催收", 4), "6": ("逾期罚息", 0)}),
    "d04-smallloan.pdf": (15, {"7": ("逾期罚息", 0), "8": ("借款人的权利和义务", 4), "15": ("其他", 3)}),
    "d05-private.pdf": (9, {"4": ("借款利息", 2), "6": ("逾期责任", 3), "7": ("催收", 1)}),
    "d06-jietiao.pdf": (0, {}),
    "d07-employer.pdf": (9, {"4": ("还款方式", 2), "6": ("逾期利息", 0), "8": ("逾期催收", 2)}),
    "d08-bilingual.pdf": (15, {"3": ("利率与费用", 2), "7": ("逾期罚息", 1), "10": ("逾期催收", 3)}),
    "d09-p2p.pdf": (10, {"2": ("借款的发放", 2), "4": ("逾期罚息与逾期管理费", 2), "8": ("收费标准的调整", 0)}),
    "d10-cashloan.txt": (9, {"1": ("借款信息", 0), "4": ("逾期", 3), "5": ("催收", 3)}),
}


def _contract(name: str):
    ingest = pytest.importorskip("checker.ingest")
    return parse_contract(ingest.read_document(DOCS / name))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_top_level_articles_are_all_found(name):
    contract = _contract(name)
    articles = [c for c in contract.clauses if c.kind == "article" and c.parent is None]
    assert [c.path for c in articles] == [str(n) for n in range(1, EXPECTED[name][0] + 1)]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article_titles_and_items(name):
    contract = _contract(name)
    for path, (title, items) in EXPECTED[name][1].items():
        clause = contract.clause(path)
        assert clause is not None, path
        assert clause.title == title
        assert len([c for c in contract.clauses if c.parent == path]) == items, path


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_preamble_holds_the_text_before_the_first_article(name):
    preamble = _contract(name).clauses[0]
    assert preamble.path == "0" and preamble.line_start == 0


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_line_is_lost_or_duplicated(name):
    contract = _contract(name)
    lines = contract.document.lines
    covered = [i for c in contract.clauses for i in range(c.line_start, c.line_end + 1)]
    assert covered == list(range(len(lines)))
    for clause in contract.clauses:
        own = lines[clause.line_start:clause.line_end + 1]
        assert "".join(clause.text.split()) == "".join("".join(l.text.split()) for l in own)
