"""DOCX review copies: a Word comment per finding, anchored on the runs of its evidence.

The copy is the original package with word/document.xml changed only by comment range
marks (runs are split where the evidence starts and ends) and with word/comments.xml
(plus word/commentsExtended.xml, which says which comments are resolved: the waived
findings) added or extended. Every other part is copied byte for byte.
"""
from __future__ import annotations

import copy
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping, Sequence

from lxml import etree

from ..ingest.docx import line_sources, text_nodes
from ..ingest.text_utils import align_chars
from ..model import Document, RuleInfo
from .anchors import Anchor
from .notes import AUTHOR, note_lines

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_EX_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_EX_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
DOCUMENT, RELS, TYPES = "word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"
COMMENTS, COMMENTS_EX = "word/comments.xml", "word/commentsExtended.xml"
PARA_ID_BASE = 0x3C4B0000  # w14:paraId values must stay below 0x80000000


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _parser() -> etree.XMLParser:
    # Unlike the reader's parser this one keeps XML comments: the copy must lose nothing.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def write_docx_review(source: str | Path, document: Document, anchors: Sequence[Anchor],
                      rules: Mapping[str, RuleInfo], out: str | Path, when: datetime, lang: str = "zh") -> int:
    """Write the review copy of ``source`` to ``out``, its comments in ``lang``; returns the
    number of comments."""
    with zipfile.ZipFile(source) as zf:
        infos = zf.infolist()
        parts = {info.filename: zf.read(info.filename) for info in infos}
    body = etree.fromstring(parts[DOCUMENT], _parser())
    styles = _maybe(parts.get("word/styles.xml"))
    numbering = _maybe(parts.get("word/numbering.xml"))
    sources = line_sources(body, styles, numbering)
    comments = _Comments(_maybe(parts.get(COMMENTS)), _maybe(parts.get(COMMENTS_EX)), when)
    points: dict[Any, dict[int, list[Any]]] = {}
    for anchor in anchors:
        span = _run_span(document, sources, anchor)
        cid = comments.add(note_lines(anchor.finding, rules, lang), resolved=anchor.finding.waived)
        start, end = span if span else _paragraph_span(sources, anchor.pieces[0].line if anchor.pieces else 0)
        _mark(points, start, _marker("commentRangeStart", cid))
        _mark(points, end, _marker("commentRangeEnd", cid), _reference_run(cid))
    _insert_all(points)
    parts[DOCUMENT] = _xml(body)
    new_parts = comments.write(parts)
    _write_zip(out, infos, parts, new_parts)
    return len(anchors)


def _maybe(data: bytes | None) -> Any:
    return etree.fromstring(data, _parser()) if data else None


def _xml(root: Any) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------- where the runs are

Point = tuple[Any, int]  # (w:t element, character index): a place between two characters


def _run_span(document: Document, sources: list[tuple[Any, ...]], anchor: Anchor) -> tuple[Point, Point] | None:
    """The first and last characters of the anchor in the XML, as (w:t, index) points."""
    first = last = None
    for piece in anchor.pieces:
        if piece.line >= len(sources):
            continue
        nodes = _line_nodes(sources[piece.line])
        text = document.lines[piece.line].text
        source = "".join(ch for node, k in nodes for ch in [node.text[k]])
        matched = [j for j in align_chars(text, source)[piece.start:piece.end] if j is not None]
        if not matched:
            continue
        if first is None:
            first = nodes[matched[0]]
        node, k = nodes[matched[-1]]
        last = (node, k + 1)
    return (first, last) if first is not None and last is not None else None


def _line_nodes(paragraphs: tuple[Any, ...]) -> list[Point]:
    return [(t, k) for p in paragraphs for t in text_nodes(p) for k in range(len(t.text or ""))]


def _paragraph_span(sources: list[tuple[Any, ...]], line: int) -> tuple[Point, Point]:
    """A whole line's text (a fallback when no character of the anchor is in the runs)."""
    for paragraphs in sources[line:]:
        nodes = _line_nodes(paragraphs)
        if nodes:
            node, k = nodes[-1]
            return nodes[0], (node, k + 1)
    raise ValueError("the document has no text to anchor a comment on")


# --------------------------------------------------------------------------- marks in the runs


def _marker(tag: str, cid: int) -> Any:
    el = etree.Element(_w(tag))
    el.set(_w("id"), str(cid))
    return el


def _reference_run(cid: int) -> Any:
    run = etree.Element(_w("r"))
    run.append(_marker("commentReference", cid))
    return run


def _mark(points: dict[Any, dict[int, list[Any]]], point: Point, *elements: Any) -> None:
    node, index = point
    points.setdefault(node, {}).setdefault(index, []).extend(elements)


def _insert_all(points: dict[Any, dict[int, list[Any]]]) -> None:
    """Split runs at every marked point and put the marks there. Points of one w:t are done
    from the last to the first, so the text left in the w:t keeps its indexes valid."""
    for node, by_index in points.items():
        for index in sorted(by_index, reverse=True):
            marks = sorted(by_index[index], key=_order)
            parent, position = _gap(node, index)
            for k, el in enumerate(marks):
                parent.insert(position + k, el)


def _order(el: Any) -> int:
    """At one place: ends (and their reference runs) before starts, so ranges do not cross."""
    return 1 if el.tag == _w("commentRangeStart") else 0


def _gap(t: Any, index: int) -> tuple[Any, int]:
    """Make a run boundary right before character ``index`` of ``t``; return (parent, position)."""
    run = t.getparent()
    parent = run.getparent()
    children = [c for c in run if c.tag != _w("rPr")]
    k = children.index(t)
    text = t.text or ""
    if index <= 0:
        before, after = children[:k], children[k:]
    elif index >= len(text):
        before, after = children[:k + 1], children[k + 1:]
    else:
        t.text = text[:index]
        t.set(XML_SPACE, "preserve")
        rest = etree.Element(_w("t"))
        rest.text = text[index:]
        rest.set(XML_SPACE, "preserve")
        before, after = children[:k + 1], [rest] + children[k + 1:]
    if not after:
        return parent, parent.index(run) + 1
    if not before:
        return parent, parent.index(run)
    second = etree.Element(_w("r"), attrib=dict(run.attrib))
    rpr = run.find(_w("rPr"))
    if rpr is not None:
        second.append(copy.deepcopy(rpr))
    for child in after:
        second.append(child)
    run.addnext(second)
    return parent, parent.index(run) + 1


# --------------------------------------------------------------------------- comment parts


class _Comments:
    """word/comments.xml (and commentsExtended.xml), new or extended."""

    def __init__(self, existing: Any, existing_ex: Any, when: datetime):
        self.had_part, self.had_ex = existing is not None, existing_ex is not None
        self.root = existing if existing is not None else etree.Element(
            _w("comments"), nsmap={"w": W, "w14": W14, "mc": MC})
        if existing is None:
            self.root.set(f"{{{MC}}}Ignorable", "w14")
        self.ex = existing_ex if existing_ex is not None else etree.Element(
            f"{{{W15}}}commentsEx", nsmap={"w15": W15, "mc": MC})
        if existing_ex is None:
            self.ex.set(f"{{{MC}}}Ignorable", "w15")
        ids = [int(c.get(_w("id"), "0")) for c in self.root.findall(_w("comment")) if c.get(_w("id"), "").isdigit()]
        self.next_id = max(ids, default=-1) + 1
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def add(self, lines: list[str], *, resolved: bool) -> int:
        cid = self.next_id
        self.next_id += 1
        comment = etree.SubElement(self.root, _w("comment"))
        comment.set(_w("id"), str(cid))
        comment.set(_w("author"), AUTHOR)
        comment.set(_w("date"), self.date)
        comment.set(_w("initials"), "CK")
        para_id = ""
        for i, line in enumerate(lines):
            p = etree.SubElement(comment, _w("p"))
            para_id = f"{PARA_ID_BASE + cid * 16 + i:08X}"
            p.set(f"{{{W14}}}paraId", para_id)
            if i == 0:
                ref = etree.SubElement(p, _w("r"))
                etree.SubElement(ref, _w("annotationRef"))
            run = etree.SubElement(p, _w("r"))
            if i == 0:
                etree.SubElement(etree.SubElement(run, _w("rPr")), _w("b"))
            t = etree.SubElement(run, _w("t"))
            t.text = line
            t.set(XML_SPACE, "preserve")
        entry = etree.SubElement(self.ex, f"{{{W15}}}commentEx")
        entry.set(f"{{{W15}}}paraId", para_id)  # the comment's last paragraph names it
        entry.set(f"{{{W15}}}done", "1" if resolved else "0")
        return cid

    def write(self, parts: dict[str, bytes]) -> list[str]:
        """Put the parts, relationships and content types into ``parts``; the names added."""
        parts[COMMENTS] = _xml(self.root)
        parts[COMMENTS_EX] = _xml(self.ex)
        added = [name for name, had in ((COMMENTS, self.had_part), (COMMENTS_EX, self.had_ex)) if not had]
        if added:
            rels = etree.fromstring(parts[RELS], _parser())
            types = etree.fromstring(parts[TYPES], _parser())
            for name in added:
                kind, content = (COMMENTS_REL, COMMENTS_CT) if name == COMMENTS else (COMMENTS_EX_REL, COMMENTS_EX_CT)
                _relate(rels, kind, name.split("/", 1)[1])
                override = etree.SubElement(types, f"{{{CT}}}Override")
                override.set("PartName", f"/{name}")
                override.set("ContentType", content)
            parts[RELS], parts[TYPES] = _xml(rels), _xml(types)
        return added


def _relate(rels: Any, kind: str, target: str) -> None:
    taken = {r.get("Id") for r in rels}
    n = 1
    while f"rIdChecker{n}" in taken:
        n += 1
    rel = etree.SubElement(rels, f"{{{PKG_RELS}}}Relationship")
    rel.set("Id", f"rIdChecker{n}")
    rel.set("Type", kind)
    rel.set("Target", target)


def _write_zip(out: str | Path, infos: list[zipfile.ZipInfo], parts: dict[str, bytes], added: list[str]) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in infos:
            zf.writestr(info, parts[info.filename], compress_type=zipfile.ZIP_DEFLATED)
        for name in added:
            zf.writestr(name, parts[name])
