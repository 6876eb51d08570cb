"""The Markdown reader: one Line per non-empty source line, markup removed.

``#`` headings become kind "heading"; ``**bold**`` / ``<b>`` / ``<strong>`` set the bold
share and ``__underline__`` / ``<u>`` the underline share (the project's samples use
``__x__`` for underline, as contracts underline rather than italicise); ``| a | b |`` rows
become ``table_row`` lines with cells joined by " | ". List bullets and blockquote marks
are dropped; ordered-list numbers are kept, the clause builder reads them.
"""
from __future__ import annotations

import re
from pathlib import Path

from checker.ingest.plain import read_text_file
from checker.ingest.text_utils import clean_text
from checker.model import Document, Line, Page

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]\s+|>\s?)+")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_CODE = re.compile(r"`([^`]*)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
# ``__`` marks emphasis only where it can open or close it (CommonMark): a run of blanks
# (借款金额：人民币____元, ____年__月__日) between letters is a template's placeholder, kept as text.
_TOKEN = re.compile(r"(\*\*|(?<![_\w])__(?=[^\s_])|(?<=[^\s_])__(?![_\w])|</?(?:u|b|strong|ins)\s*>)", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def emphasis_runs(text: str) -> tuple[str, float, float]:
    """(plain text, bold share, underline share) of one line of inline markup."""
    bold = under = False
    html_bold = html_under = 0
    plain: list[str] = []
    counts = [0, 0, 0]  # ink, bold ink, underlined ink
    for piece in _TOKEN.split(text):
        low = piece.lower().replace(" ", "")
        if piece == "**":
            bold = not bold
        elif piece == "__":
            under = not under
        elif low in ("<b>", "<strong>"):
            html_bold += 1
        elif low in ("</b>", "</strong>"):
            html_bold = max(0, html_bold - 1)
        elif low in ("<u>", "<ins>"):
            html_under += 1
        elif low in ("</u>", "</ins>"):
            html_under = max(0, html_under - 1)
        else:
            piece = _TAG.sub("", piece)
            ink = len(re.sub(r"\s", "", piece))
            counts[0] += ink
            counts[1] += ink if (bold or html_bold) else 0
            counts[2] += ink if (under or html_under) else 0
            plain.append(piece)
    total = counts[0] or 1
    return clean_text(_ESCAPE.sub(r"\1", "".join(plain))), round(counts[1] / total, 3), round(counts[2] / total, 3)


def _inline(text: str) -> str:
    return _CODE.sub(r"\1", _LINK.sub(r"\1", text))


def _table_cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def markdown_lines(text: str) -> list[Line]:
    """The Lines of a Markdown text (all on page 1; ``top`` is the line's index)."""
    out: list[Line] = []
    fenced = False
    for raw in text.split("\n"):
        if _FENCE.match(raw):
            fenced = not fenced
            continue
        if not raw.strip() or raw.strip().startswith("<!--") or (not fenced and _RULE.match(raw)):
            continue
        kind = "body"
        if fenced:
            plain, bold, under = clean_text(raw), 0.0, 0.0
        elif raw.lstrip().startswith("|") and raw.count("|") >= 2:
            if _TABLE_SEP.match(raw):
                continue
            cells = [emphasis_runs(_inline(c)) for c in _table_cells(raw)]
            ink = [len(c[0].replace(" ", "")) for c in cells]
            total = sum(ink) or 1
            plain = " | ".join(c[0] for c in cells)
            bold = round(sum(c[1] * n for c, n in zip(cells, ink)) / total, 3)
            under = round(sum(c[2] * n for c, n in zip(cells, ink)) / total, 3)
            kind = "table_row"
        else:
            m = _HEADING.match(raw)
            if m:
                kind, raw = "heading", m.group(2)
            else:
                raw = _BULLET.sub("", raw)
            plain, bold, under = emphasis_runs(_inline(raw))
        if plain.strip(" |"):
            i = float(len(out))
            out.append(Line(text=plain, page=1, top=i, bottom=i, bold=bold, underline=under, kind=kind))
    return out


def read_markdown(path: Path) -> Document:
    """Read a .md file into a Document."""
    lines = markdown_lines(read_text_file(path, "Markdown"))
    title = next((line.text for line in lines if line.kind == "heading"), None)
    meta = {"page_count": 1, **({"title": title} if title else {})}
    return Document(path=str(path), format="md", pages=(Page(number=1, lines=tuple(lines)),), metadata=meta)
