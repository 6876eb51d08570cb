"""The character screen: a set test that rules a sentence out before a vocabulary regex scans it.

It may only rule out: whatever a pattern matches, its need admits. The property tests hold every
topic and action pattern to that over the sentences of the rule cases and the sample texts.
"""
from __future__ import annotations

import re
import string
import sys
from pathlib import Path

import pytest
import yaml

from checker.clauses.sentences import split_sentences
from checker.facts import obligations, topics
from checker.facts.prefilter import Screen, admits, any_need, joint, pattern_need
from checker.vocab import strings_in

ROOT = Path(__file__).resolve().parent.parent


def need(pattern: str, flags: int = 0):
    return pattern_need(re.compile(pattern, flags))


def test_an_alternation_needs_one_character_of_each_phrase():
    n = need("逾期(?:利息|利率)|罚息")
    assert admits(n, "按日收取罚息")
    assert admits(n, "逾期利率为年化24%")
    assert not admits(n, "借款人应按月归还本金和利息")


def test_an_optional_part_is_not_needed():
    n = need("(?:提前)?还款")
    assert admits(n, "按月还款")
    assert not admits(n, "提前结清")


def test_every_part_of_a_sequence_is_needed():
    n = need("催收[^。]{0,10}费用")
    assert not admits(n, "催收方式")
    assert not admits(n, "一切费用")
    assert admits(n, "催收产生的费用")


def test_a_small_class_is_a_set_and_a_wide_or_negated_one_needs_nothing():
    assert admits(need("[甲乙]方"), "乙方")
    assert not admits(need("[甲乙]方同意"), "丙方同意")
    assert need(r"[\u4e00-\u9fff]+") is None
    assert need(r"[^。]+") is None
    assert need(r"\d+") is None


def test_a_lookahead_reads_the_text_and_a_negative_one_needs_nothing():
    assert not admits(need("不(?=扣除)"), "不得收取")
    assert admits(need("不(?!得)"), "不得收取")


def test_a_case_insensitive_letter_admits_either_case():
    n = need("APR", re.IGNORECASE)
    assert admits(n, "the apr is")
    assert admits(n, "APR")
    assert not admits(n, "年化利率")


def test_a_case_sensitive_letter_admits_only_its_case():
    assert not admits(need("LPR"), "lpr")


def test_the_case_partners_of_ascii_letters_are_exactly_those_re_matches():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for letter in string.ascii_letters:
        matched = set(re.findall(re.escape(letter), every, re.IGNORECASE))
        (chars,) = need(letter, re.IGNORECASE)
        assert chars == matched, letter


def test_a_pattern_with_nothing_certain_needs_nothing():
    assert need(r".{2,}") is None
    assert need(r"(a)\1") is None or admits(need(r"(a)\1"), "aa")
    assert need("(?:甲|)方") is None or admits(need("(?:甲|)方"), "方")


def test_a_text_must_meet_every_joint_need():
    n = joint(need("逾期"), need("违约金"))
    assert not admits(n, "逾期利息")
    assert admits(n, "逾期违约金")


def test_a_group_list_needs_what_one_of_its_groups_needs():
    groups = [(re.compile("罚息"),), (re.compile("违约"), re.compile("金"))]
    n = any_need(groups)
    assert admits(n, "收取违约金")
    assert admits(n, "罚息")
    assert not admits(n, "借款利息")


def test_a_screen_says_what_each_need_says():
    needs = [need("罚息"), None, need("催收|追讨"), joint(need("违约"), need("金"))]
    screen = Screen(needs)
    for text in ("罚息", "违约金", "追讨欠款", "违约责任", "借款"):
        bits = screen.admitted(text)
        assert [bool(bits >> i & 1) for i in range(len(needs))] == [admits(n, text) for n in needs]


# --------------------------------------------------------------------------- the vocabulary


def _sentences() -> list[str]:
    """Sentences of our own wording: every rule case text and every sample paragraph."""
    texts: list[str] = []
    for case_file in sorted((ROOT / "rules").rglob("*.test.yaml")):
        texts += strings_in(yaml.safe_load(case_file.read_text(encoding="utf-8")))
    for sample in sorted((ROOT / "samples" / "contracts").glob("*.txt")) + sorted((ROOT / "samples" / "contracts").glob("*.md")):
        texts.append(sample.read_text(encoding="utf-8"))
    return sorted({s.text for t in texts for s in split_sentences(t)})


SENTENCES = _sentences()


def _vocabulary_groups():
    for topic in topics._topics():
        for field in ("title", "title_exclude", "text", "exclude"):
            yield from getattr(topic, field)
    for action in obligations._actions():
        yield from action.patterns + action.require + action.exclude


def test_the_sentences_cover_the_vocabulary():
    assert len(SENTENCES) > 500
    assert sum(1 for t in topics._topics() if any(topics.matches_any(s, t.text) for s in SENTENCES)) > 20


@pytest.mark.parametrize("group", list(_vocabulary_groups()), ids=lambda g: g[0].pattern[:30])
def test_no_vocabulary_pattern_is_ruled_out_where_it_matches(group):
    for pattern in group:
        n = pattern_need(pattern)
        for sentence in SENTENCES:
            if pattern.search(sentence):
                assert admits(n, sentence), (pattern.pattern, sentence)


def test_the_topic_screens_admit_every_sentence_with_the_topic():
    title_screen, text_screen = topics._screens()
    for sentence in SENTENCES:
        titles, texts = title_screen.admitted(sentence), text_screen.admitted(sentence)
        for i, topic in enumerate(topics._topics()):
            if topics.matches_any(sentence, topic.text):
                assert texts >> i & 1, (topic.name, sentence)
            if topics.matches_any(sentence, topic.title):
                assert titles >> i & 1, (topic.name, sentence)


def test_the_action_screen_admits_every_sentence_with_the_action():
    screen = obligations._screen()
    for sentence in SENTENCES:
        bits = screen.admitted(sentence)
        for i, action in enumerate(obligations._actions()):
            if topics.matches_any(sentence, action.patterns) and (not action.require or topics.matches_any(sentence, action.require)):
                assert bits >> i & 1, (action.name, sentence)


def test_each_verb_pattern_screen_admits_every_sentence_the_pattern_matches():
    for action in obligations._actions():
        for sentence in SENTENCES:
            bits = action.verb_screen.admitted(sentence)
            for k, group in enumerate(action.patterns):
                if all(p.search(sentence) for p in group):
                    assert bits >> k & 1, (action.name, group[0].pattern, sentence)
