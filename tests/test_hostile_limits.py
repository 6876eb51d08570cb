"""Hostile input, memory and size: every limit in checker.yaml's ``limits:`` makes the document an
``error`` with a one-line reason naming its key, exit 2, and the other documents are still
reported; parser limits never silently shorten a document. Cases are small: the limits are
set low instead of the inputs made large."""
from __future__ import annotations

import shutil
import struct
import zipfile
import zlib

import pytest

from checker.api import check_file, parse
from checker.batch.executors import ChildExecutor
from checker.errors import ConfigError, DocumentError
from checker.ingest import check_size, read_document
from checker.ingest.numfmt import format_list_number, letters
from checker.limits import Limits, applied
from checker.model import Document, Line, Page
from checker.settings import Settings, load_settings

CONTRACT = "借款合同\n出借人：甲公司\n借款人：张三\n第一条 借款金额为人民币10000元。\n"


def pdf_with(objs: dict[int, bytes]) -> bytes:
    buf, offsets = bytearray(b"%PDF-1.7\n"), {}
    for n in sorted(objs):
        offsets[n] = len(buf)
        buf += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    xref, size = len(buf), max(objs) + 1
    buf += b"xref\n0 %d\n0000000000 65535 f \n" % size
    buf += b"".join((b"%010d 00000 n \n" % offsets[n]) if n in offsets else b"0000000000 65535 f \n" for n in range(1, size))
    buf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(buf)


def page_pdf(page: bytes, *more: tuple[int, bytes]) -> bytes:
    return pdf_with({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: page, **dict(more)})


def test_a_pdf_stream_that_inflates_past_part_bytes_is_an_error(tmp_path):
    body = zlib.compress(b"BT ET\n" + b" " * (2 << 20), 9)
    pdf = tmp_path / "inflates.pdf"
    pdf.write_bytes(page_pdf(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                             (4, b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream")))
    with applied(Limits(part_bytes=1 << 20)), pytest.raises(DocumentError, match="limits.part_bytes"):
        read_document(pdf)


def test_a_huge_page_is_refused_before_it_is_rendered_for_ocr(tmp_path):
    if shutil.which("tesseract") is None:
        pytest.skip("OCR needs tesseract")
    side = 14400  # 200 inches: 40,000 x 40,000 pixels at 200 dpi
    content = b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (side, side)
    image = zlib.compress(b"\x80")
    pdf = tmp_path / "huge.pdf"
    pdf.write_bytes(page_pdf(
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /XObject << /Im1 5 0 R >> >> "
        b"/Contents 4 0 R >>" % (side, side),
        (4, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"),
        (5, b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "
            b"/Filter /FlateDecode /Length %d >>\nstream\n" % len(image) + image + b"\nendstream")))
    with pytest.raises(DocumentError, match="limits.ocr_pixels"):
        read_document(pdf)


def docx_with_part(path, body: bytes, declared: int | None = None):
    """A DOCX whose word/document.xml holds ``body``; ``declared`` lies about its size."""
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packed.compress(body) + packed.flush()
    name = b"word/document.xml"
    size = len(body) if declared is None else declared
    crc = zlib.crc32(body)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0) + name + data
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size, len(name),
                          0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local), 0)
    path.write_bytes(local + central + end)
    return path


def test_a_docx_part_over_part_bytes_is_an_error(tmp_path):
    docx = docx_with_part(tmp_path / "big.docx", b"<w:document/>" + b" " * 5000)
    with applied(Limits(part_bytes=1000)), pytest.raises(DocumentError, match="limits.part_bytes"):
        read_document(docx)


def test_a_docx_part_lying_about_its_size_is_read_only_to_the_limit(tmp_path):
    docx = docx_with_part(tmp_path / "lying.docx", b"<w:document/>" + b" " * (4 << 20), declared=100)
    with zipfile.ZipFile(docx) as zf:
        assert zf.getinfo("word/document.xml").file_size == 100
    with applied(Limits(part_bytes=1 << 20)), pytest.raises(DocumentError):
        read_document(docx)


def test_a_text_file_over_the_limits_is_refused_before_it_is_read(tmp_path):
    text = tmp_path / "big.txt"
    text.write_text(CONTRACT * 100, encoding="utf-8")
    with applied(Limits(part_bytes=1000)), pytest.raises(DocumentError, match="limits.part_bytes"):
        read_document(text)
    with applied(Limits(document_chars=100)), pytest.raises(DocumentError, match="limits.document_chars"):
        read_document(text)


def test_characters_per_pdf_page_and_per_document_are_bounded():
    page = Page(number=2, lines=(Line(text="字" * 50, page=2),))
    limits = Limits(page_chars=40, document_chars=1000)
    with pytest.raises(DocumentError, match="page 2: .*limits.page_chars"):
        check_size(Document(path="a.pdf", format="pdf", pages=(page,)), "a.pdf", limits)
    with pytest.raises(DocumentError, match="limits.document_chars"):
        check_size(Document(path="a.txt", format="txt", pages=(page,) * 30), "a.txt", limits)


def allocate_too_much(path, settings, digest=None):
    hoard = bytearray(3 << 30)
    return hoard


def test_a_document_over_the_memory_ceiling_is_an_error_not_a_dead_run():
    settings = Settings(limits=Limits(memory_mb=512), doc_timeout=60)
    [(_, result, _)] = list(ChildExecutor().run([(0, "greedy.pdf")], allocate_too_much, settings))[0]
    assert result.status == "error" and "limits.memory_mb" in result.error


def test_the_other_documents_are_still_reported_and_exit_is_2(cli, private_cache, tmp_path):
    (tmp_path / "good.txt").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "big.txt").write_text(CONTRACT * 50, encoding="utf-8")
    (tmp_path / "checker.yaml").write_text("limits:\n  part_bytes: 2000\n", encoding="utf-8")
    result = cli("check", "good.txt", "big.txt", "--format", "json", "-o", "report.json",
                 "--fail-on", "never")
    assert result.exit_code == 2
    import json
    docs = {d["path"]: d for d in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["documents"]}
    assert docs["good.txt"]["status"] == "checked"
    assert docs["big.txt"]["status"] == "error" and "limits.part_bytes" in docs["big.txt"]["error"]


def test_limits_in_checker_yaml_are_validated(tmp_path):
    config = tmp_path / "checker.yaml"
    config.write_text("limits:\n  page_chars: 1000\n  memory_mb: null\n", encoding="utf-8")
    limits = load_settings(str(config), {}).limits
    assert limits.page_chars == 1000 and limits.memory_mb is None and limits.part_bytes == Limits().part_bytes
    config.write_text("limits:\n  pixels: 5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="limits: pixels: unknown limit"):
        load_settings(str(config), {})
    config.write_text("limits:\n  page_chars: -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="page_chars: expected a whole number"):
        load_settings(str(config), {})


def nested_html(path, depth: int):
    clause = "<p>第三条 借款人逾期的，出借人有权联系借款人的亲友、同事催收。</p>"
    path.write_text("<html><body><h1>借款合同</h1><p>第一条 借款金额为人民币10000元。</p>" + "<div>" * depth + clause
                    + "</div>" * depth + "</body></html>", encoding="utf-8")
    return path


def test_html_nested_past_the_parser_limit_is_an_error_not_a_shorter_document(tmp_path):
    with pytest.raises(DocumentError, match="cannot read in full"):
        read_document(nested_html(tmp_path / "deep.html", 300))


def test_html_nested_within_the_parser_limit_keeps_every_clause(tmp_path):
    document = read_document(nested_html(tmp_path / "deep.html", 200))
    assert any("亲友" in line.text for line in document.lines)


def test_a_huge_list_start_gives_a_short_label(tmp_path):
    assert len(letters(2_600_000_000)) <= 10 and len(format_list_number(2_600_000_000, "lowerLetter")) <= 10
    html = tmp_path / "ol.html"
    html.write_text('<html><body><h1>借款合同</h1><ol type="A" start="2600000000"><li>借款金额为人民币10000元。</li></ol>'
                    "</body></html>", encoding="utf-8")
    [line] = [line for line in read_document(html).lines if "借款金额" in line.text]
    assert len(line.text) < 40


def test_fact_extraction_ends_on_a_very_long_party_line(tmp_path):
    text = tmp_path / "long.txt"
    text.write_text("借款合同\n出借人（甲方）：" + "澜" * 20_000 + "小额贷款有限公司\n借款人（乙方）：张三\n"
                    "第一条 借款金额为人民币10000元。\n第二条 借款年利率为10%。\n", encoding="utf-8")
    result = check_file(str(text), Settings(use_cache=False))
    assert result.status == "checked" and result.facts["loan_amount"] == 10000


def test_a_pdf_page_with_more_glyphs_than_page_chars_is_an_error(tmp_path):
    lines = b"".join(b"1 0 0 1 40 %d Tm (Article %d The loan amount is RMB 10000 yuan.) Tj\n" % (800 - 14 * i, i)
                     for i in range(20))
    content = b"BT /F1 10 Tf\n" + lines + b"ET"
    pdf = tmp_path / "dense.pdf"
    pdf.write_bytes(page_pdf(
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        (4, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"),
        (5, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")))
    assert read_document(pdf).pages[0].lines  # readable under the default limits
    with applied(Limits(page_chars=300)), pytest.raises(DocumentError, match=r"page 1: .*limits.page_chars"):
        read_document(pdf)
