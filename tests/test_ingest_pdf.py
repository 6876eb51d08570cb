"""PDF reading: visual lines in reading order, without page furniture, with emphasis.

Every PDF here is drawn with reportlab's STSong-Light CID font, which has no bold face:
bold is drawn the way the project's samples draw it, with text render mode 2 (fill+stroke).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from checker.ingest import read_document

FONT = "STSong-Light"
W, H = A4


@pytest.fixture(scope="module", autouse=True)
def _font() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def make_pdf(path: Path, pages: list[Callable[[Canvas], None]], **kw) -> Path:
    c = Canvas(str(path), pagesize=A4, invariant=1, **kw)
    for draw in pages:
        c.setFont(FONT, 11)
        draw(c)
        c.showPage()
    c.save()
    return path


def text_at(c: Canvas, x: float, y: float, text: str, size: float = 11, mode: int = 0) -> float:
    """Draw ``text`` with its baseline at y (from the bottom); return its width.

    The render mode is set inside q/Q: it is graphics state, and reportlab does not write
    "0 Tr" for a later text object, so without the restore it would carry on."""
    c.saveState()
    t = c.beginText(x, y)
    t.setFont(FONT, size)
    t.setTextRenderMode(mode)
    t.textOut(text)
    c.drawText(t)
    c.restoreState()
    return pdfmetrics.stringWidth(text, FONT, size)


def body(c: Canvas, lines: list[str], top: float = 120) -> None:
    for i, line in enumerate(lines):
        text_at(c, 72, H - top - 18 * i, line)


def texts(doc) -> list[str]:
    return [line.text for line in doc.lines]


# --------------------------------------------------------------------------- reading order


def test_two_column_page_is_read_left_column_then_right_column(tmp_path: Path) -> None:
    left = [f"左栏第{i}行借款人应按期归还本金" for i in range(1, 9)]
    right = [f"右栏第{i}行贷款人应依约发放贷款" for i in range(1, 9)]

    def page(c: Canvas) -> None:
        text_at(c, 200, H - 80, "两栏排版的借款合同", size=16)  # a title across the gutter
        for i in range(8):
            text_at(c, 60, H - 130 - 18 * i, left[i])
            text_at(c, 320, H - 130 - 18 * i, right[i])

    doc = read_document(make_pdf(tmp_path / "cols.pdf", [page]))
    assert texts(doc) == ["两栏排版的借款合同", *left, *right]


def test_one_column_row_with_a_wide_gap_stays_one_line(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        body(c, [f"第{i}条 本合同的正文第{i}段内容较长，一直写到接近右边距为止的一整行文字。" for i in range(1, 8)])
        text_at(c, 72, H - 300, "贷款人（盖章）：")
        text_at(c, 330, H - 300, "借款人（签字）：")

    doc = read_document(make_pdf(tmp_path / "sign.pdf", [page]))
    assert "贷款人（盖章）： 借款人（签字）：" in texts(doc)


def test_latin_words_keep_their_spaces_and_cjk_gets_none(tmp_path: Path) -> None:
    doc = read_document(make_pdf(tmp_path / "mix.pdf", [lambda c: body(c, ["Loan Agreement 借款合同 No. 12"])]))
    assert texts(doc) == ["Loan Agreement 借款合同 No. 12"]


# --------------------------------------------------------------------------- page furniture


@pytest.mark.parametrize("number", ["第 {p} 页 共 3 页", "第{p}页/共3页", "- {p} -", "Page {p} of 3", "{p}/3", "{p}"])
def test_running_header_footer_and_page_numbers_are_dropped(tmp_path: Path, number: str) -> None:
    content = ["借款人应按约定用途使用借款。", "贷款人应按期足额发放贷款。", "双方协商一致可以变更本合同。"]

    def page(p: int) -> Callable[[Canvas], None]:
        def draw(c: Canvas) -> None:
            text_at(c, 72, H - 50, "华溪银行个人消费贷款合同", size=8)
            text_at(c, 400, H - 50, f"合同编号：HX-2025-00{p}7", size=8)  # digits change per page
            body(c, [content[p - 1]])
            text_at(c, 72, 40, "本合同为虚构示例。", size=8)
            text_at(c, 480, 40, number.format(p=p), size=8)
        return draw

    doc = read_document(make_pdf(tmp_path / "run.pdf", [page(1), page(2), page(3)]))
    assert texts(doc) == content


def test_a_number_in_the_body_is_not_taken_for_a_page_number(tmp_path: Path) -> None:
    doc = read_document(make_pdf(tmp_path / "n.pdf", [lambda c: body(c, ["借款期数：", "12", "每期还款日为每月18日。"])]))
    assert "12" in texts(doc)


def test_rotated_watermark_is_dropped(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        body(c, ["借款金额为人民币壹万元整。"])
        c.saveState()
        c.setFillGray(0.85)
        c.translate(W / 2, H / 2)
        c.rotate(35)
        c.setFont(FONT, 44)
        c.drawCentredString(0, 0, "样本仅供测试")
        c.restoreState()

    doc = read_document(make_pdf(tmp_path / "wm.pdf", [page]))
    assert texts(doc) == ["借款金额为人民币壹万元整。"]


# --------------------------------------------------------------------------- tables


def test_ruled_table_becomes_table_rows_in_place(tmp_path: Path) -> None:
    rows = [("项目", "内容"), ("借款金额", "人民币壹万元整"), ("借款期限", "12个月")]

    def page(c: Canvas) -> None:
        text_at(c, 72, H - 100, "借款要素如下：")
        top = H - 120
        c.setLineWidth(0.6)
        for i in range(len(rows) + 1):
            c.line(72, top - 22 * i, 472, top - 22 * i)
        for x in (72, 200, 472):
            c.line(x, top, x, top - 22 * len(rows))
        for i, (a, b) in enumerate(rows):
            text_at(c, 78, top - 22 * i - 15, a)
            text_at(c, 206, top - 22 * i - 15, b)
        text_at(c, 72, top - 22 * len(rows) - 30, "以上要素为本合同的组成部分。")

    doc = read_document(make_pdf(tmp_path / "table.pdf", [page]))
    assert [(line.kind, line.text) for line in doc.lines] == [
        ("body", "借款要素如下："),
        ("table_row", "项目 | 内容"),
        ("table_row", "借款金额 | 人民币壹万元整"),
        ("table_row", "借款期限 | 12个月"),
        ("body", "以上要素为本合同的组成部分。"),
    ]


def test_a_box_around_a_notice_is_not_a_table(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        c.rect(66, H - 150, 420, 50, stroke=1, fill=0)
        text_at(c, 72, H - 120, "重要提示：请仔细阅读本合同全部条款。")
        text_at(c, 72, H - 140, "特别是加粗标示的条款。")

    doc = read_document(make_pdf(tmp_path / "box.pdf", [page]))
    assert [(line.kind, line.text) for line in doc.lines] == [
        ("body", "重要提示：请仔细阅读本合同全部条款。"), ("body", "特别是加粗标示的条款。")]
    assert all(line.underline == 0 for line in doc.lines)  # the box's bottom edge is no underline


# --------------------------------------------------------------------------- emphasis


def test_fill_and_stroke_text_counts_as_bold(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        w = text_at(c, 72, H - 120, "逾期罚息", mode=2)
        text_at(c, 72 + w, H - 120, "按日万分之五计收。")
        text_at(c, 72, H - 140, "本条不加粗。")

    doc = read_document(make_pdf(tmp_path / "bold.pdf", [page]))
    first, second = doc.lines
    assert first.text == "逾期罚息按日万分之五计收。"
    assert first.bold == pytest.approx(4 / 13, abs=0.01)
    assert second.bold == 0


def test_a_rule_just_under_the_baseline_underlines_the_text_above_it(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        w = text_at(c, 72, H - 120, "借款人同意逾期信息报送征信。")
        c.setLineWidth(0.5)
        c.line(72, H - 121.6, 72 + w, H - 121.6)
        w = text_at(c, 72, H - 160, "本行下方远处有一条分隔线。")
        c.line(72, H - 172, 72 + w, H - 172)

    underlined, plain = read_document(make_pdf(tmp_path / "u.pdf", [page])).lines
    assert underlined.underline == 1.0
    assert plain.underline == 0.0


def test_big_type_is_underlined_by_a_rule_up_to_a_third_of_its_size_under_the_baseline(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        w = text_at(c, 72, H - 150, "特别提示", size=24)
        c.setLineWidth(0.5)
        c.line(72, H - 156, 72 + w, H - 156)  # 6 pt under the baseline: over 3.5 pt, under 0.3 x 24

    (line,) = read_document(make_pdf(tmp_path / "big.pdf", [page])).lines
    assert line.underline == 1.0


def test_line_geometry_and_font_size(tmp_path: Path) -> None:
    doc = read_document(make_pdf(tmp_path / "g.pdf", [lambda c: text_at(c, 100, H - 200, "借款合同", size=14)]))
    (line,) = doc.lines
    assert line.font_size == 14
    assert line.x0 == pytest.approx(100, abs=0.5)
    assert 180 < line.top < 200 < line.bottom
    assert line.page == 1 and line.kind == "body" and line.emphasis_known


def test_metadata_and_pages(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        c.setTitle("借款合同（测试）")
        c.setAuthor("测试")
        body(c, ["正文。"])

    doc = read_document(make_pdf(tmp_path / "m.pdf", [page, lambda c: body(c, ["第二页。"])]))
    assert doc.format == "pdf"
    assert doc.metadata["page_count"] == 2 and doc.metadata["title"] == "借款合同（测试）"
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.pages[0].width == pytest.approx(W, abs=0.1)
