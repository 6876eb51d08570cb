"""The RapidOCR engine (PP-OCRv4 on onnxruntime, the default): boxes to lines, page turns,
engine choice, and one scanned page read end to end.

Tests marked ``needs_rapidocr`` run the models (a few seconds a page); they are skipped where
``rapidocr-onnxruntime`` is not installed. The rest runs everywhere.
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from checker.errors import DocumentError
from checker.ingest import ocr, read_document
from checker.ingest.ocr import rapid as ocr_rapid
from checker.ingest.ocr.rapid import Box
from sample_files import CONTRACTS

needs_rapidocr = pytest.mark.skipif(not ocr_rapid.available(), reason="rapidocr-onnxruntime is not installed")


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(ocr.ENGINE_ENV, raising=False)
    with ocr.configured(cache=True, cache_folder=str(tmp_path_factory.getbasetemp() / "rapid-cache"), engine="auto"):
        yield


def box(left: float, top: float, right: float, bottom: float, text: str, turned: bool = False, conf: float = 0.99,
        again: str = "") -> Box:
    return Box(((left, top), (right, top), (right, bottom), (left, bottom)), text, (conf,) * len(text), turned, again)


# --------------------------------------------------------------------------- boxes to lines


def test_boxes_at_the_same_height_make_one_row_left_to_right() -> None:
    rows = ocr_rapid.rows_of([box(300, 102, 500, 130, "还款日"), box(100, 100, 200, 128, "期数"),
                              box(100, 150, 400, 178, "第二行")])
    assert [[b.text for b in row] for row in rows] == [["期数", "还款日"], ["第二行"]]


def test_a_wide_gap_in_a_row_is_a_space_and_a_narrow_one_is_not() -> None:
    lines, _, _ = ocr_rapid.page_lines([box(100, 100, 160, 128, "借款"), box(162, 100, 222, 128, "金额"),
                                        box(400, 100, 520, 128, "人民币")], 1.0, 1, 600, 800)
    assert [ln.text for ln in lines] == ["借款金额 人民币"]


def test_each_character_keeps_its_confidence_on_the_line() -> None:
    _, confidences, _ = ocr_rapid.page_lines([box(100, 100, 300, 128, "年利率8%", conf=0.7)], 1.0, 1, 600, 800)
    assert confidences == ((0.7,) * len("年利率8%"),)


def test_a_box_read_again_gives_the_line_a_second_reading() -> None:
    _, _, alternates = ocr_rapid.page_lines([box(100, 100, 300, 128, "年利率8%", again="年利率89%")],
                                            1.0, 1, 600, 800)
    assert alternates == (("年利率89%",),)


def test_a_page_whose_crops_were_mostly_turned_is_upside_down() -> None:
    assert ocr_rapid.upside_down([box(0, 0, 100, 20, "甲", turned=True), box(0, 30, 100, 50, "乙", turned=True)])
    assert not ocr_rapid.upside_down([box(0, 0, 100, 20, "甲"), box(0, 30, 100, 50, "乙"),
                                      box(0, 60, 100, 80, "丙", turned=True)])


def test_tall_boxes_mean_the_page_lies_sideways() -> None:
    assert ocr_rapid.sideways([box(0, 0, 20, 300, "借款合同"), box(40, 0, 60, 300, "第一条")])
    assert not ocr_rapid.sideways([box(0, 0, 300, 20, "借款合同")])


def test_the_type_size_comes_from_the_character_advance_not_the_box_height() -> None:
    low = box(0, 0, 10 * 30 + 18, 26, "一" * 10)  # ten characters 30 px apart, a squat box
    high = box(0, 0, 10 * 30 + 24, 36, "二" * 10)  # the same advance, a taller box
    assert ocr_rapid.font_size([low]) == pytest.approx(ocr_rapid.font_size([high]), abs=0.5)


# --------------------------------------------------------------------------- engine choice


def test_auto_prefers_rapidocr_when_it_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_rapid, "available", lambda: True)
    monkeypatch.setattr(ocr_rapid, "version", lambda: "rapidocr-onnxruntime 1.4.4 PP-OCRv4")
    assert ocr.require_engine().name == "rapidocr"


def test_without_rapidocr_auto_falls_back_on_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_rapid, "available", lambda: False)
    monkeypatch.setattr(ocr.engines, "require_tesseract", lambda: ocr.Tesseract("/usr/bin/tesseract", "5.3.0"))
    assert ocr.require_engine().name == "tesseract"


def test_without_any_engine_the_message_names_both_installs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_rapid, "available", lambda: False)
    monkeypatch.setattr(ocr.engines, "require_tesseract", lambda: (_ for _ in ()).throw(ocr.OcrUnavailable("no")))
    with pytest.raises(ocr.OcrUnavailable, match=r"pip install 'checker\[ocr\]' \(RapidOCR\)"):
        ocr.require_engine()


def test_an_engine_asked_for_by_name_that_is_missing_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_rapid, "available", lambda: False)
    with pytest.raises(ocr.OcrUnavailable, match=r"rapidocr is not installed: pip install 'checker\[ocr\]'"):
        ocr.require_engine("rapidocr")


def test_the_environment_chooses_the_engine_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ocr.ENGINE_ENV, "nonsense")
    with pytest.raises(ocr.OcrUnavailable, match="unknown OCR engine 'nonsense'"):
        ocr.require_engine()
    ocr.configure(engine="tesseract")
    monkeypatch.setattr(ocr.engines, "require_tesseract", lambda: ocr.Tesseract("/usr/bin/tesseract", "5.3.0"))
    assert ocr.require_engine().name == "tesseract"


def test_configure_refuses_an_unknown_engine() -> None:
    with pytest.raises(ValueError, match="unknown OCR engine"):
        ocr.configure(engine="paddle")


# --------------------------------------------------------------------------- with the models


def _image_pdf(source: Path, target: Path, turn: int = 0) -> Path:
    pdf = pdfium.PdfDocument(str(source))
    image = pdf[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    image = image.rotate(turn, expand=True) if turn else image
    image.save(target, "PDF", resolution=200)
    return target


@needs_rapidocr
def test_a_scanned_page_is_read_with_engine_confidence_and_figures(tmp_path: Path) -> None:
    doc = read_document(_image_pdf(CONTRACTS / "jietiao.pdf", tmp_path / "jietiao.pdf"))
    page = doc.pages[0]
    assert page.ocr and page.ocr_engine.startswith("rapidocr-onnxruntime 1.4") and page.ocr_confidence > 0.9
    assert "用于支付家中老人住院治疗费用" in doc.text
    amount = next(f for ln in doc.lines for f in ln.figures if f.text == "36,000.00")
    assert 0 < amount.confidence <= 1 and amount.agreed


@needs_rapidocr
def test_an_upside_down_scan_reads_in_order(tmp_path: Path) -> None:
    doc = read_document(_image_pdf(CONTRACTS / "jietiao.pdf", tmp_path / "flipped.pdf", turn=180))
    assert doc.lines[0].text.replace(" ", "") == "借条" and "用于支付家中老人住院治疗费用" in doc.text


@needs_rapidocr
def test_a_sideways_scan_is_turned_upright(tmp_path: Path) -> None:
    doc = read_document(_image_pdf(CONTRACTS / "jietiao.pdf", tmp_path / "sideways.pdf", turn=90))
    assert "用于支付家中老人住院治疗费用" in doc.text


@needs_rapidocr
def test_a_blank_scan_is_an_error_that_says_so(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("L", (800, 1100), 255).save(tmp_path / "white.pdf", "PDF", resolution=200)
    with pytest.raises(DocumentError, match="OCR found no text"):
        read_document(tmp_path / "white.pdf")
