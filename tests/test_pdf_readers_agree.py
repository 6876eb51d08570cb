"""The two PDF character sources give the same contract: pdfium (the default) against
pdfplumber (the reference) on the sample PDFs, the generalisation contracts rendered to
PDF, and the dev corpus PDFs (when laid beside the clone).

Held equal: every visual line's text, page, kind, font size and bold/underline shares;
the clause tree (numbers, titles, texts, levels, emphasis shares); the facts and summary.

Accepted differences (not compared):
- line boxes can differ by up to a point or so: pdfium's loose glyph box follows the
  outline on the right edge of some glyphs of a substituted (non-embedded) font, where
  pdfminer uses the advance width; tops and bottoms agree to a fraction of a point;
- font names: pdfium reports the font dictionary's BaseFont (STSong-Light), pdfminer the
  descriptor's FontName (STSongStd-Light); only bold markers in the name matter, and
  both keep those;
- the reason text of an unreadable file (pdfium: "Data format error", pdfminer: the
  exception it raised); both are "corrupt or truncated PDF: ..." or the encrypted message;
- pages whose MediaBox does not start at y=0: pdfium's tops are measured from the box's
  top edge, pdfplumber's are offset by the box's bottom (none in these corpora).
"""
from __future__ import annotations

import importlib.util
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from checker.api import parse
from checker.errors import DocumentError
from checker.ingest.pdf import READER_ENV, read_pdf
from sample_files import ROOT, SAMPLES, SHARED

GENERALISATION = ROOT / "tests" / "generalisation" / "docs"
DEV = SHARED / "eval" / "dev" / "docs"

_spec = importlib.util.spec_from_file_location("sample_render", SAMPLES / "render.py")
render = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = render  # dataclasses look their module up there
_spec.loader.exec_module(render)


def _generalisation_sources() -> list[Path]:
    return sorted(p for p in GENERALISATION.glob("*") if p.suffix in (".txt", ".md"))


def _blocks(text: str) -> list:
    """Paragraphs for the sample renderer: a Markdown heading becomes a bold paragraph."""
    blocks = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        heading = re.match(r"#+\s*(.*)", line)
        if heading:
            blocks.append(render.Para(f"**{heading.group(1).replace('**', '')}**", before=4))
        else:
            blocks.append(render.Para(line))
    return blocks


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generalisation-pdf")
    for i, source in enumerate(_generalisation_sources()):
        template = render.Template(header_left="借款合同", footer="第 {p} 页 共 {n} 页",
                                   watermark="样本" if i % 3 == 0 else "")
        render.render(_blocks(source.read_text(encoding="utf-8")), template, folder / f"{source.stem}.pdf")
    return folder


def _read(path: Path, reader: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(READER_ENV, reader)
    try:
        contract, facts = parse(str(path))
    except DocumentError as exc:
        return exc.reason.split(":")[0]
    lines = [(ln.text, ln.page, ln.kind, ln.font_size, ln.bold, ln.underline) for ln in contract.document.lines]
    return lines, contract.clauses, facts


def _assert_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    got = _read(path, "pdfium", monkeypatch)
    want = _read(path, "pdfplumber", monkeypatch)
    if isinstance(want, str) or isinstance(got, str):
        assert got == want
        return
    (got_lines, got_clauses, got_facts), (want_lines, want_clauses, want_facts) = got, want
    for i, (a, b) in enumerate(zip(got_lines, want_lines)):
        assert a == b, f"line {i}"
    assert len(got_lines) == len(want_lines)
    assert got_clauses == want_clauses
    assert got_facts == want_facts


@pytest.mark.parametrize("path", sorted((SAMPLES / "contracts").glob("*.pdf")), ids=lambda p: p.name)
def test_sample_pdfs_read_the_same_with_both_readers(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_same(path, monkeypatch)


@pytest.mark.parametrize("name", [p.stem for p in _generalisation_sources()])
def test_generalisation_contracts_as_pdf_read_the_same(name: str, rendered: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_same(rendered / f"{name}.pdf", monkeypatch)


@pytest.mark.skipif(not DEV.is_dir(), reason="dev corpus (shared/eval/dev) not laid beside the clone")
@pytest.mark.parametrize("path", sorted(DEV.glob("*.pdf")) if DEV.is_dir() else [], ids=lambda p: p.name)
def test_dev_corpus_pdfs_read_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_same(path, monkeypatch)


@lru_cache(maxsize=1)
def _bold_sample() -> Path:
    return SAMPLES / "contracts" / "platform-consumer-loan.pdf"


def test_the_default_reader_is_pdfium_and_the_env_picks_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.ingest import pdf

    monkeypatch.delenv(READER_ENV, raising=False)
    assert pdf.pdf_reader() == "pdfium"
    monkeypatch.setenv(READER_ENV, "pdfplumber")
    assert pdf.pdf_reader() == "pdfplumber"
    monkeypatch.setenv(READER_ENV, "poppler")
    with pytest.raises(ValueError, match=READER_ENV):
        pdf.pdf_reader()


def test_fill_then_stroke_text_is_bold_and_drawn_rules_underline_with_pdfium() -> None:
    doc = read_pdf(_bold_sample(), "pdfium")
    lines = doc.lines
    assert any(line.bold >= 0.8 for line in lines)
    assert any(line.underline >= 0.8 for line in lines)
    assert any(line.bold == 0 and line.underline == 0 for line in lines)
