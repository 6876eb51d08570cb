"""Clause topics: what each clause is about, read from its title and its sentences.

The vocabulary is data (``checker/vocab/topics.yaml``). A title match is a strong signal on its
own; a text match needs the substance (e.g. an overdue-interest sentence must set a rate,
not merely list 逾期利息 among things to be repaid), and a sentence matching an
``exclude`` pattern never counts.

This module also passes on the one sentence splitter (``clauses/sentences.py``) and the
vocabulary loaders (``checker.vocab``), which the fact readers import from here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from ..clauses.sentences import Sentence, split_sentences  # noqa: F401 - the fact readers import them from here
from ..model import Clause, Fact
from .names import VOCAB_TOPICS
from .prefilter import Screen, any_need
from ..vocab import load_vocab, vocab_pattern  # noqa: F401 - the fact readers import them from here


def compile_patterns(patterns: list[Any] | None) -> list[tuple[re.Pattern[str], ...]]:
    """Each entry becomes a tuple of regexes that must all match (a plain string is a 1-tuple)."""
    out = []
    for entry in patterns or []:
        parts = entry["all"] if isinstance(entry, dict) else [entry]
        out.append(tuple(re.compile(p, re.IGNORECASE | re.MULTILINE) for p in parts))
    return out


def matches_any(text: str, compiled: list[tuple[re.Pattern[str], ...]]) -> bool:
    return any(all(p.search(text) for p in group) for group in compiled)


@dataclass(frozen=True)
class _Topic:
    name: str
    title: list
    title_exclude: list
    text: list
    exclude: list


@lru_cache(maxsize=1)
def _ignored() -> re.Pattern[str] | None:
    patterns = load_vocab("topics").get("ignore") or []
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@lru_cache(maxsize=1)
def _topics() -> tuple[_Topic, ...]:
    vocab = {k: v for k, v in load_vocab("topics").items() if k != "ignore"}
    return tuple(
        _Topic(
            name=name,
            title=compile_patterns(spec.get("title")),
            title_exclude=compile_patterns(spec.get("title_exclude")),
            text=compile_patterns(spec.get("text")),
            exclude=compile_patterns(spec.get("exclude")),
        )
        for name, spec in vocab.items()
    )


@lru_cache(maxsize=1)
def _screens() -> tuple[Screen, Screen]:
    """(titles, sentences): the characters each topic's title and text patterns need."""
    topics = _topics()
    return Screen([any_need(t.title) for t in topics]), Screen([any_need(t.text) for t in topics])


TOPICS = VOCAB_TOPICS  # the names (facts.names); their patterns compile on first use


def clause_topics(clause: Clause) -> list[tuple[str, str]]:
    """(topic, evidence) pairs for one clause: evidence is the title or the matching sentence."""
    found: list[tuple[str, str]] = []
    ignored = _ignored()
    title_screen, text_screen = _screens()
    sentences = []
    for s in split_sentences(_body(clause)):
        text = ignored.sub("", s.text) if ignored else s.text
        sentences.append((s.text, text, text_screen.admitted(text)))
    titled = title_screen.admitted(clause.title) if clause.title else 0
    candidates = titled
    for _, _, admitted in sentences:
        candidates |= admitted
    for i, topic in enumerate(_topics()):
        bit = 1 << i
        if not candidates & bit:
            continue
        evidence = (_title_evidence(clause.title, topic) if titled & bit else None) or _text_evidence(sentences, topic, bit)
        if evidence:
            found.append((topic.name, evidence))
    return found


def _title_evidence(title: str, topic: _Topic) -> str | None:
    if matches_any(title, topic.title) and not matches_any(title, topic.title_exclude):
        return title
    return None


def _text_evidence(sentences: list[tuple[str, str, int]], topic: _Topic, bit: int) -> str | None:
    """The first sentence (as written, read without its ignored spans) that has the topic;
    ``bit`` is the topic's in each sentence's screen (a sentence without it cannot match)."""
    for original, text, admitted in sentences:
        if not admitted & bit:
            continue
        if matches_any(text, topic.text) and not matches_any(text, topic.exclude):
            return original
    return None


def _body(clause: Clause) -> str:
    """The clause text without its title (so that a title is only judged as a title)."""
    text = clause.text
    if clause.title:
        idx = text.find(clause.title)
        if 0 <= idx < 40:
            text = text[:idx] + text[idx + len(clause.title):]
    return text


def topic_facts(clauses: tuple[Clause, ...]) -> Iterator[Fact]:
    """Fact(kind="topic") for every topic of every clause; the preamble's notice included."""
    for clause in clauses:
        for name, evidence in clause_topics(clause):
            yield Fact(kind="topic", name=name, value=True, clause=clause.path,
                       page=clause.page_start, evidence=evidence[:300])
