"""One sentence splitter: facts read sentences, rule matches quote them, both cut the same way."""
from __future__ import annotations

from checker.clauses.sentences import sentence_at, split_sentences


def test_a_clause_is_cut_at_every_stop_character_and_each_sentence_is_stripped():
    text = "借款人应按月还款。逾期的；按日计息！是否提前？可以\n 另行约定"
    assert [s.text for s in split_sentences(text)] == ["借款人应按月还款", "逾期的", "按日计息", "是否提前", "可以",
                                                      "另行约定"]


def test_each_sentence_knows_where_it_sits_in_the_clause():
    text = "甲方出借。  乙方按期归还本金"
    assert all(text[s.start:s.end] == s.text for s in split_sentences(text))


def test_a_match_is_quoted_as_the_sentence_the_facts_read():
    text = "借款期限为一年！逾期利息按年利率24%计收；违约金另计"
    start = text.index("24%")
    quoted = sentence_at(text, start, start + 3)
    assert quoted == "逾期利息按年利率24%计收"
    assert quoted in [s.text for s in split_sentences(text)]


def test_a_match_across_a_stop_is_quoted_with_both_sentences():
    text = "第一句。第二句有利率；第三句有罚息。第四句"
    assert sentence_at(text, text.index("利率"), text.index("罚息") + 2) == "第二句有利率；第三句有罚息"
