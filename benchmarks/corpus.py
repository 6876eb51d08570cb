"""The benchmark's PDF corpus: long contracts made from the sample texts, built on demand.

Each document repeats one sample contract's blocks until it reaches a page target, so the
corpus carries everything the PDF reader must handle (bold by font and by render mode,
drawn underlines, ruled tables, two-column pages, watermarks, running headers) at scale.

Fonts: STSong-Light (a CID font that is not embedded) for half of the documents, and an
embedded, subset CJK TrueType font for the other half when one can be had: an installed
TrueType CJK font, else Noto Sans CJK converted to TrueType outlines when fontTools is
installed (reportlab cannot embed the CFF outlines Noto ships with). Without either, every
document uses STSong-Light and ``Corpus.embedded_font`` says so.
"""
from __future__ import annotations

import glob
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))

import render  # noqa: E402
from texts import bank, jietiao, platform, private, repayment, two_column  # noqa: E402

EMBEDDED = "BenchCJK"
_TRUETYPE_CJK = ("/usr/share/fonts/**/wqy-*.ttc", "/usr/share/fonts/**/*CJK*.ttf",
                 "/usr/share/fonts/**/NotoSansSC-*.ttf", "/usr/share/fonts/**/*Hei*.ttf")
_CFF_CJK = ("/usr/share/fonts/**/NotoSansCJK-Regular.ttc", "/usr/share/fonts/**/NotoSerifCJK-Regular.ttc",
            "/usr/share/fonts/**/NotoSansCJK*-Regular.otf")
_SC_FACE = 2  # the Simplified Chinese face in the Noto CJK collections

# (file name, sample module, page target, font): the first is the 100-page memory probe.
PLAN = (
    ("long-platform.pdf", platform, 100, "cid"),
    ("bank.pdf", bank, 50, "embedded"),
    ("private.pdf", private, 45, "cid"),
    ("jietiao.pdf", jietiao, 25, "embedded"),
    ("two-column.pdf", two_column, 50, "embedded"),
    ("repayment.pdf", repayment, 50, "cid"),
)


@dataclass(frozen=True)
class Corpus:
    files: tuple[Path, ...]
    pages: int
    long_contract: Path
    embedded_font: str  # where the embedded font came from, or why there is none


def build(folder: Path) -> Corpus:
    """Build the corpus into ``folder`` (reusing files already there) and describe it."""
    folder.mkdir(parents=True, exist_ok=True)
    font_note = _embedded_font(folder)
    files = []
    for name, module, target, font in PLAN:
        out = folder / name
        if not out.exists():
            use_embedded = font == "embedded" and font_note.startswith("embedded")
            _render_long(module, target, out, EMBEDDED if use_embedded else render.REGULAR)
        files.append(out)
    return Corpus(tuple(files), sum(page_count(f) for f in files), files[0], font_note)


def page_count(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _render_long(module, target: int, out: Path, font: str) -> None:
    """Render ``module``'s blocks, repeated until the PDF has about ``target`` pages."""
    once = module.blocks()
    per_copy = max(1, len(render.layout(once, module.TEMPLATE)))
    copies = max(1, -(-target // per_copy))
    blocks = []
    for n in range(copies):
        if n:
            blocks.append(render.PageBreak(columns=1))
        blocks += module.blocks()
    regular = render.REGULAR
    render.REGULAR = font  # the renderer reads this global for every glyph it draws
    try:
        render.render(blocks, module.TEMPLATE, out)
    finally:
        render.REGULAR = regular


# --------------------------------------------------------------------------- fonts


def _embedded_font(folder: Path) -> str:
    """Register an embeddable CJK TrueType font as EMBEDDED; say where it came from."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = [p for pattern in _TRUETYPE_CJK for p in sorted(glob.glob(pattern, recursive=True))]
    converted = folder / "noto-sc.ttf"
    if not converted.exists():
        _convert_noto(converted)
    if converted.exists():
        candidates.insert(0, str(converted))
    for path in candidates:
        try:
            font = TTFont(EMBEDDED, path, subfontIndex=0)
            if font.face.charToGlyph.get(ord("借")) is None:
                continue
        except Exception:  # not embeddable or not CJK: try the next
            continue
        pdfmetrics.registerFont(font)
        return f"embedded subset TrueType ({Path(path).name})"
    return "none: no TrueType CJK font and no fontTools to convert Noto CJK; STSong-Light only"


def _convert_noto(out: Path) -> None:
    """Noto Sans CJK SC, cut to the characters the samples use, with TrueType outlines."""
    try:
        from fontTools import subset
        from fontTools.pens.cu2quPen import Cu2QuPen
        from fontTools.pens.ttGlyphPen import TTGlyphPen
        from fontTools.ttLib import TTFont as FTFont, newTable
    except ImportError:
        return
    sources = [p for pattern in _CFF_CJK for p in sorted(glob.glob(pattern, recursive=True))]
    if not sources:
        return
    text = _sample_text()
    font = FTFont(sources[0], fontNumber=_SC_FACE if sources[0].endswith(".ttc") else 0)
    options = subset.Options()
    options.layout_features, options.notdef_outline, options.name_IDs = [], True, ["*"]
    sub = subset.Subsetter(options)
    sub.populate(text=text)
    sub.subset(font)
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = font.getGlyphOrder(), {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font.sfntVersion = "\x00\x01\x00\x00"
    font["maxp"] = _maxp(len(glyf.glyphOrder))
    font["head"].glyphDataFormat = 0
    font["post"].formatType, font["post"].extraNames, font["post"].mapping = 2.0, [], {}
    font.recalcBBoxes = True
    font.save(str(out))


def _maxp(glyphs: int):
    from fontTools.ttLib import newTable

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = glyphs
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxPoints = maxp.maxContours = maxp.maxCompositePoints = maxp.maxCompositeContours = 0
    maxp.maxComponentDepth = 0
    return maxp


def _sample_text() -> str:
    """Every character the corpus documents draw (block texts and running text)."""
    chars: set[str] = set("0123456789 第页共")
    for _, module, _, _ in PLAN:
        tpl = module.TEMPLATE
        chars.update(tpl.header_left + tpl.header_right + tpl.footer_left + tpl.footer + tpl.watermark)
        for block in module.blocks():
            if isinstance(block, render.Para):
                chars.update(block.text)
            elif isinstance(block, render.Table):
                chars.update(ch for row in block.rows for cell in row for ch in cell)
    return "".join(sorted(chars))
