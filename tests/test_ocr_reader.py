"""Reading PDF pages without a text layer by OCR with the Tesseract engine (chosen explicitly
here; RapidOCR, the default, is tested in test_ocr_rapid.py), and failing clearly without it.

Tests marked ``needs_tesseract`` run Tesseract on a page or two; they are skipped where the
program or its chi_sim data is missing. Everything else (the page heuristic, TSV to lines,
the cache, deskew, the missing-Tesseract messages) runs everywhere.
"""
from __future__ import annotations

import stat
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from checker.errors import DocumentError
from checker.ingest import ocr, read_document
from checker.ingest.pdf import MIN_TEXT_CHARS, PageScan, needs_ocr
from sample_files import CONTRACTS, needs_tesseract

MISSING = ("scanned PDF (1 of 1 pages have no text layer): OCR needs Tesseract: "
           "pip install 'checker[ocr]' and apt-get install tesseract-ocr tesseract-ocr-chi-sim")


def render(source: Path, dpi: int, pages: list[int] | None = None, turn: int = 0) -> list[Image.Image]:
    """Grayscale images of a PDF's pages (0-based), turned ``turn`` degrees counter-clockwise."""
    pdf = pdfium.PdfDocument(str(source))
    try:
        images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
                  for i in (pages if pages is not None else range(len(pdf)))]
    finally:
        pdf.close()
    return [im.rotate(turn, expand=True) if turn else im for im in images]


def image_pdf(images: list[Image.Image], target: Path, dpi: int = 200) -> Path:
    """An image-only PDF: what a scanner hands back."""
    images[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return target


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ocr")


@pytest.fixture(autouse=True)
def own_cache(folder: Path):
    """Each test module gets its own OCR cache folder; the settings come back afterwards."""
    with ocr.configured(cache=True, cache_folder=str(folder / "cache"), engine="tesseract"):  # this file is Tesseract's
        yield


@pytest.fixture(scope="module")
def scanned_jietiao(folder: Path) -> Path:
    return image_pdf(render(CONTRACTS / "jietiao.pdf", 200), folder / "jietiao-scan.pdf")


@pytest.fixture(scope="module")
def mixed_bank(folder: Path) -> Path:
    """The bank contract's typed first page followed by its third page as a scan."""
    target = folder / "mixed.pdf"
    scan = image_pdf(render(CONTRACTS / "bank-consumer-loan.pdf", 200, [2]), folder / "bank-p3.pdf")
    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(str(CONTRACTS / "bank-consumer-loan.pdf")), [0])
    out.import_pages(pdfium.PdfDocument(str(scan)), [0])
    out.save(str(target))
    return target


# --------------------------------------------------------------------------- which pages need OCR


def test_a_page_with_enough_text_keeps_its_text_layer() -> None:
    assert not needs_ocr(PageScan([], MIN_TEXT_CHARS, image_cover=1.0, ink=True))


def test_a_full_page_image_with_only_a_stamp_is_read_by_ocr() -> None:
    assert needs_ocr(PageScan([], 6, image_cover=0.95, ink=True))


def test_a_short_typed_page_without_images_keeps_its_text() -> None:
    assert not needs_ocr(PageScan([], 8, image_cover=0.0, ink=True))


def test_a_text_less_page_with_drawings_is_read_by_ocr() -> None:
    assert needs_ocr(PageScan([], 0, image_cover=0.0, ink=True))


def test_a_blank_page_is_not_read_by_ocr() -> None:
    assert not needs_ocr(PageScan([], 0, image_cover=0.0, ink=False))


def test_a_typed_pdf_never_calls_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    doc = read_document(CONTRACTS / "bank-consumer-loan.pdf")
    assert not any(p.ocr for p in doc.pages) and "贷款金额" in doc.text


# --------------------------------------------------------------------------- without Tesseract


def test_a_scan_without_tesseract_says_what_to_install(scanned_jietiao: Path, monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DocumentError) as err:
        read_document(scanned_jietiao)
    assert err.value.reason == MISSING


def test_missing_chinese_data_names_the_package(scanned_jietiao: Path, tmp_path: Path) -> None:
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\n"
                    'if [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi\n'
                    'if [ "$1" = "--list-langs" ]; then printf "List of available languages (2):\\neng\\nosd\\n"; fi\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    ocr.configure(binary=str(fake))
    with pytest.raises(DocumentError) as err:
        read_document(scanned_jietiao)
    assert err.value.reason.endswith("OCR needs Tesseract language data chi_sim: apt-get install tesseract-ocr-chi-sim")


def test_the_lookup_is_injectable() -> None:
    with pytest.raises(ocr.OcrUnavailable, match="apt-get install tesseract-ocr"):
        ocr.require_tesseract(which=lambda name: None)


# --------------------------------------------------------------------------- TSV to lines

TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def tsv(*rows: tuple[int, int, int, int, int, int, int, float, str]) -> str:
    return TSV_HEADER + "".join(
        f"5\t1\t{b}\t{p}\t{ln}\t1\t{x}\t{y}\t{w}\t{h}\t{conf}\t{text}\n" for b, p, ln, x, y, w, h, conf, text in rows)


def test_chinese_words_join_without_spaces_and_latin_words_with_one() -> None:
    words = ocr.parse_tsv(tsv((1, 1, 1, 100, 50, 40, 40, 95, "年利"), (1, 1, 1, 142, 50, 40, 40, 93, "率为"),
                              (1, 1, 1, 184, 50, 60, 40, 90, "4.2%"), (1, 1, 2, 100, 100, 60, 30, 90, "Loan"),
                              (1, 1, 2, 172, 100, 60, 30, 90, "Prime")))
    assert [ln.text for ln in ocr.lines_from_words(words, 1.0, 1)] == ["年利率为4.2%", "Loan Prime"]


def test_line_boxes_are_in_points_from_the_top_left() -> None:
    words = ocr.parse_tsv(tsv((1, 1, 1, 300, 600, 100, 50, 95, "借款"), (1, 1, 1, 400, 590, 100, 60, 95, "合同")))
    (line,) = ocr.lines_from_words(words, 300 / 72, 2)
    assert (line.page, line.x0, line.top, line.x1, line.bottom) == (2, 72.0, 141.6, 120.0, 156.0)


def test_ocr_lines_do_not_claim_to_know_emphasis() -> None:
    words = ocr.parse_tsv(tsv((1, 1, 1, 0, 0, 40, 40, 95, "借款")))
    assert ocr.lines_from_words(words, 1.0, 1)[0].emphasis_known is False


def test_a_wide_gap_between_words_is_a_space() -> None:
    words = ocr.parse_tsv(tsv((1, 1, 1, 0, 0, 80, 40, 95, "期数"), (1, 1, 1, 300, 0, 120, 40, 95, "还款日")))
    assert ocr.lines_from_words(words, 1.0, 1)[0].text == "期数 还款日"


def test_speckle_and_scribbles_are_dropped() -> None:
    words = ocr.parse_tsv(tsv((1, 1, 1, 0, 0, 300, 3, 95, "—"), (2, 1, 1, 0, 50, 80, 40, 12, "犬")))
    assert ocr.lines_from_words(words, 1.0, 1) == []


# --------------------------------------------------------------------------- deskew and cache


def striped_page(angle: float) -> Image.Image:
    """Text-like rows of dark dashes on white, turned ``angle`` degrees."""
    im = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(im)
    for row in range(150, 1450, 45):
        for x in range(150, 1050, 30):
            draw.rectangle((x, row, x + 22, row + 22), fill=0)
    return im.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


@pytest.mark.parametrize("angle", [-3.0, -1.2, 0.0, 2.0])
def test_skew_is_estimated_within_a_fifth_of_a_degree(angle: float) -> None:
    assert ocr.estimate_skew(striped_page(angle)) == pytest.approx(-angle, abs=0.2)


def sample_page() -> ocr.OcrPage:
    from checker.model import Line

    return ocr.OcrPage((Line("借款金额100,000元", 1, 72, 90, 300, 104, 12, emphasis_known=False),), 595.0, 842.0)


def test_a_cached_page_comes_back_equal(tmp_path: Path) -> None:
    cache = ocr.PageCache(str(tmp_path))
    cache.put("ab12", sample_page())
    assert cache.get("ab12", 1) == sample_page()


def test_a_corrupt_cache_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ocr.PageCache(str(tmp_path))
    cache.put("ab12", sample_page())
    Path(cache._file("ab12")).write_text("{not json", encoding="utf-8")
    assert cache.get("ab12", 1) is None


def test_the_cache_key_changes_with_the_settings() -> None:
    tess = ocr.Tesseract("/usr/bin/tesseract", "5.3.0")
    assert (ocr.PageCache.key("f", 0, tess, ocr.OcrSettings())
            != ocr.PageCache.key("f", 0, tess, ocr.OcrSettings(dpi=300)))


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ocr.CACHE_OFF_ENV, "off")
    assert ocr.page_cache() is None


# --------------------------------------------------------------------------- with Tesseract


@needs_tesseract
def test_a_scanned_page_is_read_into_ocr_lines(scanned_jietiao: Path) -> None:
    doc = read_document(scanned_jietiao)
    assert doc.pages[0].ocr and all(not ln.emphasis_known for ln in doc.lines)
    assert "36,000.00" in doc.text and "用于支付家中老人住院治疗费用" in doc.text


@needs_tesseract
def test_ocr_lines_lie_on_the_page_in_reading_order(scanned_jietiao: Path) -> None:
    page = read_document(scanned_jietiao).pages[0]
    assert all(0 <= ln.x0 < ln.x1 <= page.width and 0 <= ln.top < ln.bottom <= page.height for ln in page.lines)
    assert [ln.top for ln in page.lines] == sorted(ln.top for ln in page.lines)


@needs_tesseract
def test_a_mixed_file_keeps_typed_lines_and_ocrs_the_scan(mixed_bank: Path) -> None:
    doc = read_document(mixed_bank)
    typed = read_document(CONTRACTS / "bank-consumer-loan.pdf").pages[0]
    assert [p.ocr for p in doc.pages] == [False, True]
    assert set(typed.lines) <= set(doc.pages[0].lines)  # plus the header no longer seen as running
    assert doc.pages[1].lines and all(not ln.emphasis_known for ln in doc.pages[1].lines)


@needs_tesseract
def test_a_second_read_comes_from_the_cache(scanned_jietiao: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = read_document(scanned_jietiao)

    def no_tesseract(*args, **kwargs):
        raise AssertionError("tesseract ran although the page is cached")

    monkeypatch.setattr(ocr.tesseract, "run", no_tesseract)
    assert read_document(scanned_jietiao) == first


@needs_tesseract
def test_a_page_scanned_sideways_is_turned_upright(folder: Path) -> None:
    sideways = image_pdf(render(CONTRACTS / "jietiao.pdf", 200, turn=90), folder / "sideways.pdf")
    doc = read_document(sideways)
    assert "用于支付家中老人住院治疗费用" in doc.text


@needs_tesseract
def test_a_page_without_any_text_is_an_error_that_says_so(folder: Path) -> None:
    blank = image_pdf([Image.new("L", (800, 1100), 255)], folder / "white.pdf")
    with pytest.raises(DocumentError, match=r"scanned PDF \(1 of 1 pages have no text layer\): OCR found no text"):
        read_document(blank)


@needs_tesseract
def test_the_scanned_bank_contract_gives_the_typed_facts(folder: Path) -> None:
    from checker.api import parse

    keys = ("contract_date", "loan_amount", "interest_rate_annual_pct", "overdue_rate_annual_pct")
    scan = image_pdf(render(CONTRACTS / "bank-consumer-loan.pdf", 200), folder / "bank-scan.pdf")
    typed, scanned = parse(str(CONTRACTS / "bank-consumer-loan.pdf"))[1].summary, parse(str(scan))[1].summary
    assert {k: scanned.get(k) for k in keys} == {k: typed.get(k) for k in keys}


def underlined_words() -> Image.Image:
    """Dark blocks (characters) sitting on a long 2-pixel rule, as underlined bold text does."""
    im = Image.new("L", (800, 200), 240)
    draw = ImageDraw.Draw(im)
    for x in range(100, 600, 30):
        draw.rectangle((x, 80, x + 24, 110), fill=30)
    draw.rectangle((90, 111, 650, 112), fill=30)
    return im


def test_an_underline_is_painted_out() -> None:
    cleaned = ocr.drop_rules(underlined_words(), 200)
    assert cleaned.getpixel((620, 111)) == 255  # the rule past the last character


def test_characters_on_an_underline_stay() -> None:
    cleaned = ocr.drop_rules(underlined_words(), 200)
    assert cleaned.getpixel((112, 95)) == 30


def test_a_page_without_rules_is_unchanged() -> None:
    page = striped_page(0.0)
    assert ocr.drop_rules(page, 200) is page
