"""A clause's sentences: the one place a text is cut into sentences.

Topics, obligations, rates, charges and the other fact readers read a clause sentence by
sentence, and a rule's text match quotes the sentence it matched in: all of them cut at
the same stop characters (。；;！!？? and line breaks), so a fact's evidence and a match's
evidence are the same piece of text. A clause is split once: the split is cached by text
(the readers ask for the same clause many times), in a bounded cache that holds more than
the clauses of a long contract, so memory stays flat over a batch.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

STOPS = "。；;！!？?\n"
_STOP_RUN = re.compile(f"[{re.escape(STOPS)}]+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@lru_cache(maxsize=4096)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text``, stripped, without their stop characters, with their spans."""
    out: list[Sentence] = []
    pos = 0
    for m in _STOP_RUN.finditer(text):
        _add(out, text, pos, m.start())
        pos = m.end()
    _add(out, text, pos, len(text))
    return tuple(out)


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Sentence(start + lead, start + lead + len(stripped), stripped))


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or the run of sentences) that the span ``start:end`` of ``text`` lies in,
    cut as ``split_sentences`` cuts it; the span itself when it lies between sentences."""
    inside = [s for s in split_sentences(text) if s.end > start and s.start < end]
    if not inside:
        return text[start:end].strip()
    return text[inside[0].start:inside[-1].end]
