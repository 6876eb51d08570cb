"""A waiver as the config file states it: one rule, the files it covers (a "/"-aware glob),
why, and until when. Applying waivers to results is ``findings.waivers``' job."""
from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache


@dataclass(frozen=True)
class Waiver:
    rule: str  # a rule id
    path: str  # a glob over paths relative to ``base`` ("/"-aware: * stays in a folder, ** spans folders)
    reason: str
    expires: date | None = None  # the last day the waiver applies
    base: str = ""  # the folder of the config file that holds the waiver ("" = the working folder)

    def expired(self, today: date) -> bool:
        return self.expires is not None and today > self.expires

    def covers(self, rule_id: str, path: str) -> bool:
        return rule_id == self.rule and path_matches(self.path, path, self.base)


def path_matches(pattern: str, path: str, base: str = "") -> bool:
    """Whether ``path`` (as given on the command line) falls under the waiver glob ``pattern``.

    Both sides are normalised first, so ``legacy/../prod/x.pdf`` is ``prod/x.pdf`` and cannot
    hide behind ``legacy/*``; a relative pattern is matched against the path relative to
    ``base`` (the config file's folder: a file outside it starts with ``../``, which only a
    leading ``**`` or an explicit ``../`` covers); an absolute pattern is matched against the
    absolute path; URLs are matched as written. ``*`` and ``?`` never cross a ``/``; ``**``
    spans any number of folders."""
    if "://" in path or "://" in pattern:
        return bool(_glob_regex(pattern).fullmatch(path))
    regex = _glob_regex(_normalise(pattern))
    target = _normalise(os.path.abspath(path.replace("\\", "/")))
    if not posixpath.isabs(_normalise(pattern)):
        target = _normalise(os.path.relpath(target, os.path.abspath(base or ".")))
    return bool(regex.fullmatch(target))


def _normalise(path: str) -> str:
    text = path.replace("\\", "/")
    return posixpath.normpath(text) if text else ""


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A "/"-aware glob as a regex: ``**`` (a whole segment) spans folders, ``*`` and ``?``
    stay within one, ``[...]`` is a character class of one character other than ``/``."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if pattern.startswith("**", i) and (i == 0 or pattern[i - 1] == "/"):
            end = i + 2
            if end == n:
                out.append(".*")
            elif pattern[end] == "/":
                out.append("(?:[^/]+/)*")
                end += 1
            else:
                out.append("[^/]*")
            i = end
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            close = pattern.find("]", i + 2 if pattern[i + 1:i + 2] in ("!", "]") else i + 1)
            if close == -1:
                out.append(re.escape(ch))
            else:
                body = pattern[i + 1:close]
                negate = body.startswith("!")
                body = (body[1:] if negate else body).replace("\\", "\\\\")
                if body.startswith("^"):
                    body = "\\" + body  # a literal ^, not a regex negation
                out.append(f"[^/{body}]" if negate else f"(?!/)[{body}]")
                i = close + 1
                continue
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out))
