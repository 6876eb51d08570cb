"""The role words of ``checker/vocab/roles.yaml``, compiled once."""
from __future__ import annotations

import re

from ..topics import vocab_pattern


def rx(key: str) -> re.Pattern[str]:
    """The regex at the dotted ``key`` of the roles vocabulary (``rate_roles.penalty``)."""
    return vocab_pattern("roles", key)
