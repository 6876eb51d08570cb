"""The review copy of a text, Markdown or HTML contract: its text as one HTML page, each
finding's evidence highlighted and its note beside the paragraph.

Self-contained like the HTML report (inline CSS, no scripts, a Content-Security-Policy);
every string from the contract, a path or a rule goes through :func:`esc`.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Mapping, Sequence

from ..model import Document, DocumentResult, RuleInfo
from ..reports import i18n
from ..reports.html import SEVERITY_COLOUR
from ..reports.html import esc as _esc
from ..reports.safe import no_surrogates
from .anchors import Anchor
from .notes import note_lines

def esc(value: object) -> str:
    """HTML-escaped, with lone surrogates (which no UTF-8 file can hold) replaced."""
    return _esc(no_surrogates(str(value)))


_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_CSS = """
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: #1b1f24; line-height: 1.7; font-size: 15px;
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h1 { font-size: 1.3rem; margin: 0; } .meta { color: #5f6b7a; margin: .25rem 0 1.25rem; overflow-wrap: anywhere; }
.row { display: grid; grid-template-columns: minmax(0, 1fr) 24rem; gap: 1.25rem; }
.row p { margin: .2rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.row p.heading { font-weight: bold; }
mark { background: color-mix(in srgb, var(--sev) 22%, white); border-bottom: 2px solid var(--sev); padding: 0 1px; }
mark.waived { background: #eceef0; border-bottom-color: #9aa3ad; }
.note { border: 1px solid #d8dde3; border-left: 5px solid var(--sev); border-radius: 5px; padding: .35rem .6rem;
  margin: .2rem 0 .6rem; font-size: .85rem; line-height: 1.5; background: #fff; }
.note p { margin: 0 0 .2rem; white-space: normal; } .note p:first-child { font-weight: bold; }
.note.waived { color: #5f6b7a; background: #f5f6f7; border-left-color: #9aa3ad; }
@media print { .row { grid-template-columns: minmax(0, 1fr) 16rem; } mark, .note { print-color-adjust: exact; } }
"""


def render_review_page(result: DocumentResult, document: Document, anchors: Sequence[Anchor],
                       rules: Mapping[str, RuleInfo], lang: str = "zh") -> str:
    """The review copy as one HTML document, its own words in ``lang`` (the contract's as written)."""
    by_line: dict[int, list[tuple[int, Anchor]]] = defaultdict(list)  # notes beside their first line
    for n, anchor in enumerate(anchors):
        by_line[anchor.pieces[0].line if anchor.pieces else 0].append((n, anchor))
    rows = [_row(i, line.text, line.kind, anchors, by_line.get(i, []), rules, lang) for i, line in enumerate(document.lines)]
    if not document.lines and anchors:
        rows.append(_row(0, "", "body", anchors, by_line.get(0, []), rules, lang))
    active = sum(1 for a in anchors if not a.finding.waived)
    heading = esc(i18n.word("review_copy", lang))
    counts = esc(i18n.review_counts(active, len(anchors) - active, lang))
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f"<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f"<title>{heading} · {esc(Path(result.path).name)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{heading}</h1><p class=\"meta\">{esc(result.path)} · {counts} · checker</p></header>\n"
        "<main>\n" + "\n".join(rows) +
        "\n</main>\n</body>\n</html>\n"
    )


def _row(index: int, text: str, kind: str, anchors: Sequence[Anchor], notes: list[tuple[int, Anchor]],
         rules: Mapping[str, RuleInfo], lang: str) -> str:
    css = ' class="heading"' if kind == "heading" else ""
    own = ' lang="zh-CN"' if lang == "en" else ""  # the contract's words stay Chinese in an English copy
    aside = "".join(_note(n, a, rules, lang) for n, a in notes)
    return (f'<div class="row"><div><p id="line-{index}"{css}{own}>{_marked(index, text, anchors)}</p></div>'
            f"<aside>{aside}</aside></div>")


def _marked(index: int, text: str, anchors: Sequence[Anchor]) -> str:
    """The line's text with every anchored stretch in a <mark> (overlaps split into pieces)."""
    cover: list[list[int]] = [[] for _ in text]
    for n, anchor in enumerate(anchors):
        for piece in anchor.pieces:
            if piece.line == index:
                for k in range(piece.start, min(piece.end, len(text))):
                    cover[k].append(n)
    out, k = [], 0
    while k < len(text):
        j = k
        while j < len(text) and cover[j] == cover[k]:
            j += 1
        chunk = esc(text[k:j])
        if cover[k]:
            top = anchors[cover[k][0]].finding
            sev = "#9aa3ad" if top.waived else SEVERITY_COLOUR[top.severity.value]
            refs = " ".join(f"note-{n}" for n in cover[k])
            waived = " waived" if all(anchors[n].finding.waived for n in cover[k]) else ""
            chunk = f'<mark class="finding{waived}" style="--sev: {sev}" data-notes="{refs}">{chunk}</mark>'
        out.append(chunk)
        k = j
    return "".join(out)


def _note(n: int, anchor: Anchor, rules: Mapping[str, RuleInfo], lang: str) -> str:
    f = anchor.finding
    sev = "#9aa3ad" if f.waived else SEVERITY_COLOUR[f.severity.value]
    waived = " waived" if f.waived else ""
    body = "".join(f"<p>{esc(line)}</p>" for line in note_lines(f, rules, lang))
    return (f'<div class="note{waived}" id="note-{n}" data-rule="{esc(f.rule_id)}" data-anchor="{anchor.kind}" '
            f'style="--sev: {sev}">{body}</div>')
