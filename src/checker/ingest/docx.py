"""The DOCX reader: word/document.xml read with lxml straight from the ZIP archive.

One Line per paragraph (kind "heading" for Heading*/Title styles), one ``table_row`` per
row of a real table; a table of one column (a boxed 重要提示, say) is read as body
paragraphs. Automatic numbering is rendered from numbering.xml and put in front of the
paragraph text, because the clause builder reads the numbers. Bold and underline come
from the run, its character style, the paragraph style and the document defaults.
Pages are counted from explicit and last-rendered page breaks.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from lxml import etree

from checker.limits import current as current_limits
from checker.errors import DocumentError, ErrorKind
from checker.ingest import sniff
from checker.ingest.numfmt import format_list_number
from checker.ingest.text_utils import clean_text, join_wrapped_lines
from checker.model import Document, Line, Page

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
PART_CHUNK = 1 << 20  # bytes inflated per read of a ZIP part (see _Parts._read)
_HEADING_STYLE = re.compile(r"^(heading\s*\d|title|标题\s*\d?|标题)$", re.IGNORECASE)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def read_docx(path: Path) -> Document:
    """Read a .docx file into a Document (one Line per paragraph or table row)."""
    with open(path, "rb") as fh:
        head = fh.read(2048)
    if not sniff.is_zip(head):
        raise DocumentError(str(path), f"not a DOCX file (content looks like {sniff.describe(head)})",
                            ErrorKind.UNSUPPORTED_FORMAT)
    try:
        with zipfile.ZipFile(path) as zf:
            parts = _Parts(zf, str(path))
            body = parts.xml("word/document.xml", required=True)
            reader = _BodyReader(_Styles(parts.xml("word/styles.xml")), _Numbering(parts.xml("word/numbering.xml")))
            lines = reader.read(body)
            meta = _core_metadata(parts.xml("docProps/core.xml"))
    except DocumentError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError, NotImplementedError) as exc:
        raise DocumentError(str(path), f"corrupt DOCX (damaged ZIP archive: {exc})", ErrorKind.CORRUPT) from None
    except etree.XMLSyntaxError as exc:
        raise DocumentError(str(path), f"corrupt DOCX (bad XML: {exc})", ErrorKind.CORRUPT) from None
    if not any(line.text for line, *_ in lines):
        pages: tuple[Page, ...] = (Page(number=1, lines=()),)
    else:
        pages = _paginate(lines)
    meta["page_count"] = len(pages)
    return Document(path=str(path), format="docx", pages=pages, metadata=meta)


class _Parts:
    def __init__(self, zf: zipfile.ZipFile, path: str):
        self.zf, self.path = zf, path
        self.names = set(zf.namelist())

    def xml(self, name: str, required: bool = False) -> Any:
        if name not in self.names:
            if required:
                raise DocumentError(self.path, f"not a DOCX file (the ZIP archive has no {name})",
                                    ErrorKind.UNSUPPORTED_FORMAT)
            return None
        limit = current_limits().part_bytes
        declared = self.zf.getinfo(name).file_size
        if declared > limit:
            raise DocumentError(self.path, f"DOCX part {name}: " + current_limits().exceeded("part_bytes", declared),
                                ErrorKind.TOO_LARGE)
        return etree.fromstring(self._read(name, limit), _parser())

    def _read(self, name: str, limit: int) -> bytes:
        """The part's bytes, inflated a chunk at a time: the declared size in the ZIP directory
        may lie, so at most ``limit`` + one chunk is ever held."""
        out = bytearray()
        with self.zf.open(name) as fh:
            while chunk := fh.read(PART_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise DocumentError(self.path, f"DOCX part {name} inflates to more than {limit:,} bytes "
                                                   "(limits.part_bytes in checker.yaml)", ErrorKind.TOO_LARGE)
        return bytes(out)


# --------------------------------------------------------------------------- styles


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    bold: bool | None = None
    underline: bool | None = None
    size: float | None = None
    outline: bool = False
    num: tuple[str, int] | None = None  # (numId, ilvl) from the style's paragraph properties


def _on(el: Any) -> bool | None:
    """A toggle property (w:b): present means on unless w:val says 0/false/off."""
    if el is None:
        return None
    return el.get(_w("val"), "true").lower() not in ("0", "false", "off")


def _underlined(el: Any) -> bool | None:
    if el is None:
        return None
    return el.get(_w("val"), "single").lower() != "none"


def _size(rpr: Any) -> float | None:
    sz = rpr.find("w:sz", NS) if rpr is not None else None
    try:
        return int(sz.get(_w("val"))) / 2 if sz is not None else None
    except (TypeError, ValueError):
        return None


class _Styles:
    """Paragraph and character styles with their basedOn chains resolved on demand."""

    def __init__(self, root: Any):
        self.styles: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_bold = False
        self.default_size = 10.5
        if root is None:
            return
        rpr = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        if rpr is not None:
            self.default_bold = bool(_on(rpr.find("w:b", NS)))
            self.default_size = _size(rpr) or self.default_size
        for st in root.findall("w:style", NS):
            sid = st.get(_w("styleId"), "")
            name_el, based = st.find("w:name", NS), st.find("w:basedOn", NS)
            rpr = st.find("w:rPr", NS)
            ppr = st.find("w:pPr", NS)
            style = _Style(
                name=name_el.get(_w("val"), "") if name_el is not None else sid,
                based_on=based.get(_w("val")) if based is not None else None,
                bold=_on(rpr.find("w:b", NS)) if rpr is not None else None,
                underline=_underlined(rpr.find("w:u", NS)) if rpr is not None else None,
                size=_size(rpr),
                outline=ppr is not None and ppr.find("w:outlineLvl", NS) is not None,
                num=_num_pr(ppr),
            )
            self.styles[sid] = style
            if st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
                self.default_para = sid

    def chain(self, sid: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        sid = sid or self.default_para
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on

    def first(self, sid: str | None, attr: str) -> Any:
        for st in self.chain(sid):
            value = getattr(st, attr)
            if value is not None:
                return value
        return None

    def is_heading(self, sid: str | None) -> bool:
        return any(_HEADING_STYLE.match(st.name.strip()) or st.outline for st in self.chain(sid))


# --------------------------------------------------------------------------- numbering


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num = ppr.find("w:numPr", NS)
    if num is None:
        return None
    nid, lvl = num.find("w:numId", NS), num.find("w:ilvl", NS)
    try:
        return (nid.get(_w("val")) if nid is not None else "", int(lvl.get(_w("val"))) if lvl is not None else 0)
    except (TypeError, ValueError):
        return None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False  # w:isLgl: show every level in decimal


class _Numbering:
    """Counters for automatic numbering: one set per abstract list, restarted where a
    w:num overrides its start (Word's way of restarting a list)."""

    def __init__(self, root: Any):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for ab in root.findall("w:abstractNum", NS):
            levels = {}
            for lvl in ab.findall("w:lvl", NS):
                levels[int(lvl.get(_w("ilvl"), "0"))] = _Level(
                    start=_int(lvl.find("w:start", NS), 1),
                    fmt=_val(lvl.find("w:numFmt", NS), "decimal"),
                    text=_val(lvl.find("w:lvlText", NS), ""),
                    legal=lvl.find("w:isLgl", NS) is not None,
                )
            self.abstract[ab.get(_w("abstractNumId"), "")] = levels
        for num in root.findall("w:num", NS):
            ab = num.find("w:abstractNumId", NS)
            overrides = {}
            for ov in num.findall("w:lvlOverride", NS):
                so = ov.find("w:startOverride", NS)
                if so is not None:
                    overrides[int(ov.get(_w("ilvl"), "0"))] = _int(so, 1)
            self.nums[num.get(_w("numId"), "")] = (_val(ab, ""), overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return the visible number text."""
        if num_id not in self.nums or num_id == "0":
            return ""
        ab_id, overrides = self.nums[num_id]
        levels = self.abstract.get(ab_id, {})
        counters = self.counters.setdefault(ab_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        level = levels.get(ilvl, _Level())
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a higher level moved on: lower levels start again
        if level.fmt == "bullet":
            return ""

        def render(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            n = counters.get(k, lv.start)
            return format_list_number(n, "decimal" if level.legal and k != ilvl else lv.fmt)

        return re.sub(r"%(\d)", render, level.text)


def _val(el: Any, default: str) -> str:
    return el.get(_w("val"), default) if el is not None else default


def _int(el: Any, default: int) -> int:
    try:
        return int(_val(el, str(default)))
    except ValueError:
        return default


# --------------------------------------------------------------------------- body


@dataclass
class _Para:
    text: str
    kind: str
    bold: float
    underline: float
    size: float


class _BodyReader:
    def __init__(self, styles: _Styles, numbering: _Numbering):
        self.styles, self.numbering = styles, numbering
        self.explicit_breaks = 0  # w:br type="page", pageBreakBefore, section breaks
        self.rendered_breaks = 0  # w:lastRenderedPageBreak: where Word last laid out a page
        self.use_rendered = False
        self.para_breaks = 0  # the page breaks met before the current paragraph's first text

    def breaks(self) -> int:
        """Rendered breaks include the explicit ones, so they win where Word left them."""
        return self.rendered_breaks if self.use_rendered else self.explicit_breaks

    def read(self, root: Any) -> list[tuple[Line, int, tuple[Any, ...]]]:
        body = root.find("w:body", NS)
        if body is None:
            return []
        self.use_rendered = root.find(".//w:lastRenderedPageBreak", NS) is not None
        return [pair for block in self._blocks(body) for pair in block]

    # Each block yields (Line, page) pairs; the page is counted as breaks are met.
    def _blocks(self, parent: Any) -> Iterator[list[tuple[Line, int, tuple[Any, ...]]]]:
        for el in parent:
            if el.tag == _w("p"):
                para = self._paragraph(el)
                if para is not None:
                    yield [self._line(para.text, para.bold, para.underline, para.size, para.kind, (el,))]
            elif el.tag == _w("tbl"):
                yield self._table(el)
            elif el.tag in (_w("sdt"), _w("customXml"), _w("ins"), _w("smartTag")):
                content = el.find("w:sdtContent", NS) if el.tag == _w("sdt") else el
                if content is not None:
                    yield from self._blocks(content)

    def _line(self, text: str, bold: float, underline: float, size: float, kind: str,
              sources: tuple[Any, ...]) -> tuple[Line, int, tuple[Any, ...]]:
        """(line, page breaks before it, the w:p elements its text came from)."""
        return (Line(text=text, page=0, bold=bold, underline=underline, font_size=size, kind=kind),
                self.para_breaks if kind != "table_row" else self.breaks(), sources)

    def _table(self, tbl: Any) -> list[tuple[Line, int, tuple[Any, ...]]]:
        rows = tbl.findall("w:tr", NS)
        widths = [len(r.findall("w:tc", NS)) for r in rows]
        if max(widths, default=0) <= 1:  # a box around text: its paragraphs are body text
            out: list[tuple[Line, int, tuple[Any, ...]]] = []
            for row in rows:
                for cell in row.findall("w:tc", NS):
                    for block in self._blocks(cell):
                        out += block
            return out
        out = []
        for row in rows:
            cells, weights, sources = [], [], []
            for cell in row.findall("w:tc", NS):
                blocks = [item for block in self._blocks(cell) for item in block]
                paras = [p for p, *_ in blocks]
                sources += [el for *_, els in blocks for el in els]
                cells.append(" ".join(p.text for p in paras if p.text))  # separate paragraphs, not wraps
                weights += [(p, len(p.text.replace(" ", ""))) for p in paras]
            if not any(cells):
                continue
            total = sum(n for _, n in weights) or 1
            out.append(self._line(
                clean_text(" | ".join(cells)),
                round(sum(p.bold * n for p, n in weights) / total, 3),
                round(sum(p.underline * n for p, n in weights) / total, 3),
                max((p.font_size for p, _ in weights), default=0.0),
                "table_row",
                tuple(sources),
            ))
        return out

    def _paragraph(self, p: Any) -> _Para | None:
        ppr = p.find("w:pPr", NS)
        style_el = ppr.find("w:pStyle", NS) if ppr is not None else None
        pstyle = style_el.get(_w("val")) if style_el is not None else None
        if ppr is not None and _on(ppr.find("w:pageBreakBefore", NS)):
            self.explicit_breaks += 1
        self.para_breaks = self.breaks()
        pieces: list[tuple[str, bool, bool, float]] = []
        for run in p.iter(_w("r")):
            if _skipped(run, p):
                continue
            if not any(t.strip() for t, *_ in pieces):
                self.para_breaks = self.breaks()
            pieces += self._run(run, pstyle)
        if ppr is not None and ppr.find("w:sectPr", NS) is not None:
            self.explicit_breaks += 1  # a section break: the next paragraph starts a new page
        text = join_wrapped_lines(clean_text(t) for t in "".join(t for t, *_ in pieces).split("\n"))
        if not text:
            return None
        num = _num_pr(ppr) or self.styles.first(pstyle, "num")
        label = self.numbering.label(*num) if num else ""
        if label:
            text = f"{label}{text}" if label.endswith(("、", "）", ")", "．", "：")) else f"{label} {text}"
        ink = [(len(t.replace(" ", "")), b, u, s) for t, b, u, s in pieces if t.strip()]
        total = sum(n for n, *_ in ink) or 1
        kind = "heading" if self.styles.is_heading(pstyle) else "body"
        return _Para(
            text=text, kind=kind,
            bold=round(sum(n for n, b, _, _ in ink if b) / total, 3),
            underline=round(sum(n for n, _, u, _ in ink if u) / total, 3),
            size=max((s for _, _, _, s in ink), default=self.styles.default_size),
        )

    def _run(self, run: Any, pstyle: str | None) -> list[tuple[str, bool, bool, float]]:
        rpr = run.find("w:rPr", NS)
        rstyle_el = rpr.find("w:rStyle", NS) if rpr is not None else None
        rstyle = rstyle_el.get(_w("val")) if rstyle_el is not None else None
        bold = _on(rpr.find("w:b", NS)) if rpr is not None else None
        if bold is None:
            bold = self.styles.first(rstyle, "bold") if rstyle else None
        if bold is None:
            bold = self.styles.first(pstyle, "bold")
        if bold is None:
            bold = self.styles.default_bold
        under = _underlined(rpr.find("w:u", NS)) if rpr is not None else None
        if under is None and rstyle:
            under = self.styles.first(rstyle, "underline")
        if under is None:
            under = bool(self.styles.first(pstyle, "underline"))
        size = _size(rpr) or (self.styles.first(rstyle, "size") if rstyle else None) \
            or self.styles.first(pstyle, "size") or self.styles.default_size
        out: list[tuple[str, bool, bool, float]] = []
        for child in run:
            tag = child.tag
            if tag == _w("t"):
                out.append((child.text or "", bool(bold), bool(under), size))
            elif tag == _w("tab"):
                out.append((" ", False, False, size))
            elif tag in (_w("br"), _w("cr")):
                if child.get(_w("type")) == "page":
                    self.explicit_breaks += 1
                else:
                    out.append(("\n", False, False, size))
            elif tag == _w("noBreakHyphen"):
                out.append(("-", bool(bold), bool(under), size))
            elif tag == _w("lastRenderedPageBreak") and self.use_rendered:
                self.rendered_breaks += 1
        return out


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _skipped(run: Any, p: Any) -> bool:
    """A run inside a tracked deletion, or in the fallback copy of a text box, is not text."""
    el = run.getparent()
    while el is not None and el is not p:
        if el.tag in (_w("del"), _w("moveFrom"), _MC_FALLBACK):
            return True
        el = el.getparent()
    return False


def line_sources(body: Any, styles: Any = None, numbering: Any = None) -> list[tuple[Any, ...]]:
    """For each line ``read_docx`` returns, in the same order, the w:p elements of ``body``
    (a parsed word/document.xml) its text came from: where a writer puts something back."""
    reader = _BodyReader(_Styles(styles), _Numbering(numbering))
    return [sources for line, _, sources in reader.read(body) if line.text]


def text_nodes(paragraph: Any) -> list[Any]:
    """The w:t elements of a paragraph whose text the reader reads, in reading order."""
    return [child for run in paragraph.iter(_w("r")) if not _skipped(run, paragraph)
            for child in run if child.tag == _w("t")]


def _paginate(lines: list[tuple[Line, int, tuple[Any, ...]]]) -> tuple[Page, ...]:
    """Lines carry the number of page breaks met before them: page = breaks + 1."""
    from dataclasses import replace

    pages: dict[int, list[Line]] = {}
    for i, (line, breaks, _) in enumerate(lines):
        if not line.text:
            continue
        number = breaks + 1
        pages.setdefault(number, []).append(replace(line, page=number, top=float(i), bottom=float(i)))
    last = max(pages)
    return tuple(Page(number=n, lines=tuple(pages.get(n, []))) for n in range(1, last + 1))


def _core_metadata(root: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if root is None:
        return meta
    for tag, name in (("{http://purl.org/dc/elements/1.1/}title", "title"),
                      ("{http://purl.org/dc/elements/1.1/}creator", "author"),
                      ("{http://purl.org/dc/terms/}created", "creation_date")):
        el = root.find(tag)
        if el is not None and (el.text or "").strip():
            meta[name] = el.text.strip()
    return meta
