"""The loan term, in months."""
from __future__ import annotations

import re
from typing import Iterable

from ...model import Clause
from ..terms import find_terms
from ..topics import split_sentences


def find_term_months(clauses: Iterable[Clause]) -> float | None:
    """The loan term in months, from the first 期限 sentence that states one (a date range included)."""
    for clause in clauses:
        for s in split_sentences(clause.text):
            if not re.search(r"期限|期间|借期|\bterm\b|到期日", s.text, re.IGNORECASE):
                continue
            for t in find_terms(s.text):
                if t.months:
                    return round(float(t.months), 2)
    return None
