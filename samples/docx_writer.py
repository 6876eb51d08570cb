"""A minimal, deterministic DOCX writer (zipfile + hand-written WordprocessingML).

Enough of OOXML for the samples: paragraphs with bold/underlined runs (``**``/``__`` markup),
paragraph styles, automatic numbering (numbering.xml, each list restartable), and tables
with borders. Zip entries get a fixed timestamp so rebuilding gives identical bytes.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence
from xml.sax.saxutils import escape

from render import parse_inline

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIXED_TIME = (2024, 1, 1, 0, 0, 0)

# Abstract list kinds: (numFmt, lvlText, indent twips) for level 0.
LIST_KINDS = {
    "chapter": ("chineseCounting", "%1、", 0),    # 一、二、三、
    "decimal": ("decimal", "%1.", 420),            # 1. 2. 3.
    "paren": ("chineseCounting", "（%1）", 420),  # （一）（二）
}


@dataclass
class P:
    """A paragraph. ``text`` uses inline markup; ``num`` = (list id, level) numbers it."""
    text: str
    style: str | None = None
    num: int | None = None
    align: str | None = None  # center | right | both
    indent_first: int = 0  # first-line indent in twips


@dataclass
class T:
    """A bordered table; widths in twips; ``shade`` fills every cell light grey."""
    rows: Sequence[Sequence[str]]
    widths: Sequence[int]
    header: bool = False
    shade: bool = False


@dataclass
class Doc:
    blocks: list = field(default_factory=list)
    lists: list[str] = field(default_factory=list)  # list kind per list id (1-based)
    title: str = ""

    def new_list(self, kind: str) -> int:
        """Start a new automatically numbered list of ``kind``; returns its numId."""
        self.lists.append(kind)
        return len(self.lists)


def _runs(text: str, force_bold: bool = False) -> str:
    out = []
    for chunk, style in parse_inline(text):
        props = ""
        if style.bold or force_bold:
            props += "<w:b/><w:bCs/>"
        if style.underline:
            props += '<w:u w:val="single"/>'
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(chunk)}</w:t></w:r>')
    return "".join(out)


def _para(p: P) -> str:
    ppr = ""
    if p.style:
        ppr += f'<w:pStyle w:val="{p.style}"/>'
    if p.num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{p.num}"/></w:numPr>'
    if p.indent_first:
        ppr += f'<w:ind w:firstLine="{p.indent_first}"/>'
    if p.align:
        ppr += f'<w:jc w:val="{p.align}"/>'
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f"<w:p>{ppr}{_runs(p.text)}</w:p>"


def _table(t: T) -> str:
    border = "".join(
        f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in t.widths)
    rows = []
    for r, row in enumerate(t.rows):
        cells = []
        for text, w in zip(row, t.widths):
            shade = '<w:shd w:val="clear" w:color="auto" w:fill="EDEDED"/>' if t.shade else ""
            paras = "".join(
                f"<w:p>{_runs(line, force_bold=t.header and r == 0)}</w:p>"
                for line in text.split("\n")
            )
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{shade}</w:tcPr>{paras}</w:tc>')
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(t.widths)}" w:type="dxa"/>'
            f"<w:tblBorders>{border}</w:tblBorders></w:tblPr>"
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def _document(doc: Doc) -> str:
    body = []
    for b in doc.blocks:
        body.append(_table(b) if isinstance(b, T) else _para(b))
        if isinstance(b, T):
            body.append("<w:p/>")  # Word needs a paragraph between adjacent tables
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1418" w:bottom="1440" w:left="1418" '
            'w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body)}{sect}'
            f"</w:body></w:document>")


def _styles() -> str:
    def style(sid: str, name: str, ppr: str = "", rpr: str = "", kind: str = "paragraph") -> str:
        return (f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>'
                f'<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
            '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" '
            'w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="21"/><w:szCs w:val="21"/>'
            '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="360" w:lineRule="auto"/></w:pPr>'
            '</w:pPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            '<w:qFormat/></w:style>'
            + style("Title", "Title", '<w:jc w:val="center"/><w:spacing w:after="240"/>',
                    '<w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="36"/>')
            + style("Heading1", "heading 1", '<w:keepNext/><w:spacing w:before="200" w:after="80"/>'
                    '<w:outlineLvl w:val="0"/>', '<w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="24"/>')
            + "</w:styles>")


def _numbering(doc: Doc) -> str:
    abstract, nums = [], []
    kinds = list(LIST_KINDS)
    for i, kind in enumerate(kinds):
        fmt, text, ind = LIST_KINDS[kind]
        hanging = 420 if ind else 0
        abstract.append(
            f'<w:abstractNum w:abstractNumId="{i}"><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{ind + hanging}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
            f"</w:abstractNum>")
    for num_id, kind in enumerate(doc.lists, start=1):
        nums.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{kinds.index(kind)}"/>'
                    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:numbering xmlns:w="{W_NS}">{"".join(abstract)}{"".join(nums)}</w:numbering>')


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
</Types>"""

_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
</Relationships>"""

_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\
</Relationships>"""


def _core(title: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>checker samples (fictional)</dc:creator>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
            "</cp:coreProperties>")


def write(doc: Doc, path: Path) -> None:
    """Write ``doc`` as a .docx package at ``path`` (byte-for-byte reproducible)."""
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/core.xml", _core(doc.title)),
        ("word/_rels/document.xml.rels", _DOC_RELS),
        ("word/document.xml", _document(doc)),
        ("word/styles.xml", _styles()),
        ("word/numbering.xml", _numbering(doc)),
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))
