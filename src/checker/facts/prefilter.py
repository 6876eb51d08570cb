"""What characters a regex cannot match without: a set test that rules a text out before a
regex scans it.

A topic or action of the vocabulary is an alternation of phrases, searched in every sentence
of a contract; most sentences match none of them, and each failed search still scans the whole
sentence. Every match of 「逾期(?:利息|利率)|罚息」 contains 逾 or 罚, so a sentence without
either character cannot match, and a set test says so without running the regex. This module
reads a compiled pattern's syntax tree and returns such a need: a few character sets, each of
which must share a character with the text. A case-insensitive letter needs any of the
characters re matches it with.

The test may only rule out: a text it admits is still searched by the regex, so a need that
is too weak (or None, "no need known") costs speed, never a finding. Whatever this module
does not understand (a case-insensitive letter beyond ASCII, a negated class, a
back-reference) adds no need.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from ..vocab import character_counts

try:  # the regex parser: public in behaviour since Python 2, module name private from 3.11
    from re import _constants as _sre, _parser as _parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parse  # type: ignore[no-redef]

Need = tuple[frozenset[str], ...]  # every set must share a character with the text

MAX_SETS = 4  # a text is tested against at most this many sets
MAX_RANGE = 64  # a class range wider than this ([\u4e00-\u9fff]) is no useful need

_REPEATS = tuple(getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre, name))


def admits(need: Need | None, text: str) -> bool:
    """Whether ``text`` may match a pattern of this need (always, when there is no need)."""
    return need is None or all(not s.isdisjoint(text) for s in need)


def pattern_need(pattern: re.Pattern[str]) -> Need | None:
    """The need of one compiled pattern; None when no character is certain."""
    try:
        tree = _parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a pattern re compiled but this parser refuses: no need
        return None
    flags = tree.state.flags if hasattr(tree, "state") else tree.pattern.flags
    return tuple(_best(_sequence(tree, bool(flags & re.IGNORECASE)))) or None


def all_need(patterns: Sequence[re.Pattern[str]]) -> Need | None:
    """The need of a text that must match every one of ``patterns``."""
    return joint(*(pattern_need(p) for p in patterns))


def any_need(groups: Iterable[Sequence[re.Pattern[str]]]) -> Need | None:
    """The need of a text that matches some group, where a group matches when all its
    patterns do: the shape of ``topics.compile_patterns``. None for an empty list."""
    needs = [all_need(group) for group in groups]
    if not needs or any(n is None for n in needs):
        return None
    return tuple(_either(needs)) or None  # type: ignore[arg-type]


def joint(*needs: Need | None) -> Need | None:
    """The need of a text that meets every one of ``needs``."""
    return tuple(_best([s for need in needs for s in (need or ())])) or None


def _sequence(items: Iterable[tuple], icase: bool) -> list[frozenset[str]]:
    sets: list[frozenset[str]] = []
    for op, av in items:
        sets += _item(op, av, icase)
    return _best(sets)


def _item(op: object, av: object, icase: bool) -> list[frozenset[str]]:
    if op is _sre.LITERAL:
        chars = _literal(chr(av), icase)  # type: ignore[arg-type]
        return [chars] if chars else []
    if op is _sre.IN:
        chars = _class(av, icase)  # type: ignore[arg-type]
        return [chars] if chars else []
    if op is _sre.SUBPATTERN:
        _, add, remove, sub = av  # type: ignore[misc]
        return _sequence(sub, (icase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE)
    if op in _REPEATS:
        low, _, sub = av  # type: ignore[misc]
        return _sequence(sub, icase) if low >= 1 else []
    if op is _sre.BRANCH:
        alternatives = [_sequence(alt, icase) for alt in av[1]]  # type: ignore[index]
        return [] if any(not alt for alt in alternatives) else _either(alternatives)
    if op is _sre.ASSERT:  # a lookahead or lookbehind that must hold also reads the text
        _, sub = av  # type: ignore[misc]
        return _sequence(sub, icase)
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(av, icase)  # type: ignore[arg-type]
    return []  # ANY, AT, NOT_LITERAL, ASSERT_NOT, GROUPREF...: no certain character


def _class(items: list[tuple], icase: bool) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            members = [chr(av)]
        elif op is _sre.RANGE and av[1] - av[0] < MAX_RANGE:
            members = [chr(c) for c in range(av[0], av[1] + 1)]
        else:  # NEGATE, CATEGORY (\d, \s), a wide range
            return None
        for member in members:
            folded = _literal(member, icase)
            if folded is None:
                return None
            chars |= folded
    return frozenset(chars)


# Case-insensitive re matches an ASCII letter with its other case and, for three letters, with
# one or two more characters (tests/test_prefilter.py checks this against re over all of Unicode).
_ALSO = {"i": "İı", "k": "\u212a", "s": "ſ"}


def _literal(char: str, icase: bool) -> frozenset[str] | None:
    """The characters that show a match of ``char`` in a text (None: no certain one)."""
    if not icase or char.lower() == char.upper() == char:
        return frozenset(char)
    if not (char.isascii() and char.isalpha()):
        return None  # a cased letter beyond ASCII: its case partners are not worth listing
    low = char.lower()
    return frozenset(low + low.upper() + _ALSO.get(low, ""))


def _either(alternatives: Sequence[Sequence[frozenset[str]]]) -> list[frozenset[str]]:
    """The need of "one of these alternatives": the k-th set of each, joined, for each k.
    Each join holds whichever alternative matched, so each is a need of the whole."""
    depth = min(MAX_SETS, max(len(alt) for alt in alternatives))
    return _best([frozenset().union(*(alt[min(k, len(alt) - 1)] for alt in alternatives)) for k in range(depth)])


def _best(sets: Iterable[frozenset[str]]) -> list[frozenset[str]]:
    """The MAX_SETS distinct sets that rule out the most texts: those of the fewest and least
    common characters (commonness: how many vocabulary strings use a character)."""
    common = character_counts()
    return sorted(set(sets), key=lambda s: (sum(common.get(c, 0) + 1 for c in s), sorted(s)))[:MAX_SETS]


class Screen:
    """Many needs tested at once: which of them a text admits, from one set intersection
    with the text's characters instead of a test per need."""

    def __init__(self, needs: Sequence[Need | None]):
        self._by_char: dict[str, int] = {}  # character -> the sets (one bit each) that hold it
        self._wants: list[int] = []  # need -> the bits of its sets
        bit = 1
        for need in needs:
            wants = 0
            for chars in need or ():
                for char in chars:
                    self._by_char[char] = self._by_char.get(char, 0) | bit
                wants |= bit
                bit <<= 1
            self._wants.append(wants)
        self._chars = frozenset(self._by_char)

    def admitted(self, text: str) -> int:
        """Bit i is set when need i admits ``text``."""
        seen = 0
        for char in self._chars.intersection(text):
            seen |= self._by_char[char]
        out = 0
        for i, wants in enumerate(self._wants):
            if seen & wants == wants:
                out |= 1 << i
        return out
