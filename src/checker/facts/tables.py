"""Horizontal tables: a header row over a value row (``借款金额 | 日利率`` over
``人民币3万元 | 0.045%``) read as labelled lines (``借款金额：人民币3万元``).

Ingest renders a table row as one line with `` | `` between cells. A vertical table
(``| 借款金额 | 人民币5万元 |``) already keeps a label next to its value; a horizontal one
puts the label a line above, where no sentence-level reader can see it. Only a header row
(no digits in any cell, at least three cells, the first row of its table) directly over a
row with the same number of cells, some figure or template blank among them, is unfolded:
two-column tables are label | value already. A template's blank cells are read as blanks
(the clauses come masked), so 「出借金额」 over 「＿＿」 is a labelled blank.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Clause
from .template import MASK

_CELL_SPLIT = re.compile(r"\s*[|｜]\s*")
_RULE = re.compile(r"^[\s|｜:：\-—]+$")  # a markdown separator row |---|---|
_DIGIT = re.compile(r"[\d％%]")


def unfold_tables(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
    """The clauses with every header-over-values pair of table rows written as label：value lines."""
    return tuple(_unfold(c) for c in clauses)


def _unfold(clause: Clause) -> Clause:
    lines = clause.text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        first = i == 0 or _cells(lines[i - 1]) is None
        header = _cells(lines[i]) if first else None
        j = i + 1
        while j < len(lines) and _RULE.match(lines[j]):
            j += 1
        values = _cells(lines[j]) if header and j < len(lines) else None
        if header and values and len(header) == len(values) >= 3 and _is_header(header) and any(
                _DIGIT.search(v) or MASK in v for v in values):
            out.extend(f"{h}：{v}" for h, v in zip(header, values) if v)
            i = j + 1
            continue
        out.append(lines[i])
        i += 1
    text = "\n".join(out)
    return clause if text == clause.text else replace(clause, text=text)


def _cells(line: str) -> list[str] | None:
    if "|" not in line and "｜" not in line:
        return None
    cells = [c for c in _CELL_SPLIT.split(line.strip().strip("|｜").strip())]
    return cells if len(cells) >= 2 and all(cells) else None


def _is_header(cells: list[str]) -> bool:
    return all(not _DIGIT.search(c) and len(c) <= 12 for c in cells)
