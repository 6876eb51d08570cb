"""Bold / underline shares of a clause, weighted by characters.

The facts stage asks whether key terms are emphasised *in their text*: a bold heading over
plain text is not enough, so ``body`` leaves out the heading-only lines at the top.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from checker.model import Line


@dataclass(frozen=True)
class Emphasis:
    bold: float
    underline: float
    body: float  # bold-or-underlined share over the lines below the heading
    known: bool


def _chars(line: Line) -> int:
    return len("".join(line.text.split()))  # the non-space characters (split() cuts at isspace())


def _share(counts: Sequence[int], weights: Sequence[float]) -> float:
    total = sum(counts)
    if not total:
        return 0.0
    return round(sum(n * w for n, w in zip(counts, weights)) / total, 4)


def emphasis_of(lines: Sequence[Line], head_lines: int) -> Emphasis:
    """Shares over ``lines``; the first ``head_lines`` lines are left out of ``body``.

    A line records bold and underline shares separately, so "bold or underlined" is taken
    as the larger of the two: exact when one styling contains the other, as it does when
    key terms are set in bold underline.
    """
    counts = [_chars(line) for line in lines]
    body = lines[head_lines:]
    return Emphasis(
        bold=_share(counts, [line.bold for line in lines]),
        underline=_share(counts, [line.underline for line in lines]),
        body=_share(counts[head_lines:], [max(line.bold, line.underline) for line in body]),
        known=all(line.emphasis_known for line in lines),
    )
