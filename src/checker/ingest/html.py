"""The HTML reader: lxml.html without network access; block elements become Lines.

p, div, li, h1-h6, blockquote, pre, dt/dd ... each give a line (a <br> ends one too);
a row of a table of two or more columns gives a ``table_row`` with cells joined by " | ".
b/strong/th/h1-h6 and ``font-weight: bold`` (or 600+) mark bold; u/ins and
``text-decoration: underline`` mark underline. The file's own ``<style>`` rules count too
(``span.b1 {font-weight: bold}``, ``* {font-weight: normal}``: see ``css.py``): a rule beats the
tag's default, an inline style beats both. Ordered-list items get their visible number, which
the clause builder needs. Scripts, styles and other invisible elements are dropped; external
stylesheets are never fetched.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from checker.errors import DocumentError, ErrorKind
from checker.ingest.css import Emphasis, declared, stylesheet_emphasis
from checker.ingest.numfmt import letters, roman
from checker.ingest.plain import read_text_file
from checker.ingest.text_utils import clean_text
from checker.model import Document, Line, Page

_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dt", "dd",
          "section", "article", "header", "footer", "main", "aside", "nav", "address", "figure",
          "figcaption", "caption", "center", "form", "fieldset", "legend", "ul", "ol", "dl", "table",
          "thead", "tbody", "tfoot", "hr", "body", "html"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "object", "svg", "math",
         "select", "option", "button"}
_BOLD_TAGS = {"b", "strong", "th"} | _HEADING
_UNDER_TAGS = {"u", "ins"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CJK_BREAK = re.compile(r"(?<=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])\s*\n\s*(?=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])")
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


def read_html(path: Path) -> Document:
    """Read an .html/.htm file into a Document."""
    text = _decode(path)
    parser = lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise DocumentError(str(path), f"not readable as HTML ({exc})", ErrorKind.CORRUPT) from None
    _refuse_truncation(path, parser)
    walker = _Walker(stylesheet_emphasis(root))
    walker.walk(root, bold=False, under=False)
    walker.flush()
    lines = tuple(Line(text=t, page=1, top=float(i), bottom=float(i), bold=b, underline=u, kind=k)
                  for i, (t, b, u, k) in enumerate(walker.lines))
    title = root.findtext(".//title")
    meta: dict[str, Any] = {"page_count": 1}
    if title and title.strip():
        meta["title"] = clean_text(title)
    return Document(path=str(path), format="html", pages=(Page(number=1, lines=lines),), metadata=meta)


def _decode(path: Path) -> str:
    """The declared charset when the page names one Python knows, else UTF-8 / GB18030."""
    head = path.read_bytes()[:4096]
    m = _CHARSET.search(head)
    if m:
        name = m.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gbk", "gb2312", "gb18030") else name
        try:
            return path.read_bytes().decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return read_text_file(path, "HTML")


def _style_flags(el: Any, bold: bool, under: bool, css: Emphasis | None = None) -> tuple[bool, bool]:
    tag = el.tag if isinstance(el.tag, str) else ""
    bold = bold or tag in _BOLD_TAGS
    under = under or tag in _UNDER_TAGS
    for rule_bold, rule_under in ((css or {}).get(el, (None, None)), declared(el.get("style") or "")):
        bold = bold if rule_bold is None else rule_bold
        under = under if rule_under is None else rule_under
    return bold, under


class _Walker:
    """Depth-first walk that gathers inline text into the current line and ends a line at
    every block boundary."""

    def __init__(self, css: Emphasis | None = None) -> None:
        self.css = css or {}
        self.lines: list[tuple[str, float, float, str]] = []
        self.pieces: list[tuple[str, bool, bool]] = []
        self.kind = "body"

    def add(self, text: str | None, bold: bool, under: bool) -> None:
        if text:
            self.pieces.append((_CJK_BREAK.sub("", text), bold, under))

    def flush(self, kind: str | None = None) -> None:
        text = clean_text(re.sub(r"\s+", " ", "".join(t for t, _, _ in self.pieces)))
        if text:
            ink = [(len(re.sub(r"\s", "", t)), b, u) for t, b, u in self.pieces]
            total = sum(n for n, _, _ in ink) or 1
            self.lines.append((text, round(sum(n for n, b, _ in ink if b) / total, 3),
                               round(sum(n for n, _, u in ink if u) / total, 3), kind or self.kind))
        self.pieces = []
        self.kind = "body"

    def walk(self, el: Any, bold: bool, under: bool) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag or _HIDDEN.search(el.get("style") or ""):
            return
        bold, under = _style_flags(el, bold, under, self.css)
        if tag == "table" and _columns(el) >= 2:
            self.flush()
            self._table(el, bold, under)
            return
        if tag == "br":
            self.flush()
            return
        block = tag in _BLOCK
        if block:
            self.flush()
            if tag in _HEADING:
                self.kind = "heading"
        if tag == "li":
            self.add(_list_label(el), bold, under)
        self.add(el.text, bold, under)
        for child in el:
            self.walk(child, bold, under)
            self.add(child.tail, bold, under)
        if block:
            self.flush("heading" if tag in _HEADING else None)

    def _table(self, table: Any, bold: bool, under: bool) -> None:
        for tr in table.iter("tr"):
            if _owner_table(tr) is not table:
                continue
            cells = []
            weights: list[tuple[str, bool, bool]] = []
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                    continue
                sub = _Walker(self.css)
                sub.walk(cell, *_style_flags(cell, bold, under, self.css))
                sub.flush()
                cells.append(" ".join(t for t, _, _, _ in sub.lines))
                weights += [(t, b, u) for t, b, u, _ in sub.lines]
            if any(cells):
                ink = [(len(t.replace(" ", "")), b, u) for t, b, u in weights]
                total = sum(n for n, _, _ in ink) or 1
                self.lines.append((clean_text(" | ".join(cells)), round(sum(n * b for n, b, _ in ink) / total, 3),
                                   round(sum(n * u for n, _, u in ink) / total, 3), "table_row"))


def _columns(table: Any) -> int:
    return max((sum(1 for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th"))
                for tr in table.iter("tr") if _owner_table(tr) is table), default=0)


def _owner_table(tr: Any) -> Any:
    el = tr.getparent()
    while el is not None and (not isinstance(el.tag, str) or el.tag.lower() != "table"):
        el = el.getparent()
    return el


def _refuse_truncation(path: Path, parser: Any) -> None:
    """libxml2 recovers from a fatal error (nesting deeper than 256 elements, a text node over
    its size limit) by dropping the rest of the document: a clause would vanish unseen, so the
    document is an error instead of a shorter document."""
    fatal = [e for e in parser.error_log if e.level == etree.ErrorLevels.FATAL]
    if fatal:
        raise DocumentError(str(path), f"HTML the parser cannot read in full (line {fatal[0].line}: "
                                       f"{fatal[0].message.strip()[:120]})", ErrorKind.CORRUPT)


def _list_label(li: Any) -> str:
    """'3. ' for the third item of an <ol> (honouring start= and type=), '' otherwise."""
    parent = li.getparent()
    if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol":
        return ""
    items = [c for c in parent if isinstance(c.tag, str) and c.tag.lower() == "li"]
    try:
        start = int(parent.get("start", "1"))
    except ValueError:
        start = 1
    n = start + items.index(li)
    if li.get("value", "").isdigit():
        n = int(li.get("value"))
    kind = parent.get("type", "1")
    label = {"a": letters(n).lower(), "A": letters(n), "i": roman(n).lower(), "I": roman(n)}.get(kind, str(n))
    return f"{label}. "

