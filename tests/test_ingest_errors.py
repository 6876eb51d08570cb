"""Files that cannot be read give a DocumentError with a one-line reason, never a traceback."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bad_files import good_pdf
from checker.errors import DocumentError
from checker.ingest import read_document


def reason(path: Path) -> str:
    with pytest.raises(DocumentError) as info:
        read_document(path)
    err = info.value
    assert err.path == str(path)
    assert "\n" not in str(err)
    return err.reason


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"")
    assert reason(path) == "empty file"


def test_missing_file(tmp_path: Path) -> None:
    assert reason(tmp_path / "nope.pdf") == "file not found"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "a.rtf"
    path.write_bytes(b"x")
    assert reason(path).startswith("unsupported file type '.rtf'")


def test_encrypted_pdf_needs_a_password(tmp_path: Path) -> None:
    path = good_pdf(tmp_path / "enc.pdf", encrypt="secret")
    assert reason(path) == "encrypted PDF: a password is needed to read it"


def test_truncated_pdf(tmp_path: Path) -> None:
    data = good_pdf(tmp_path / "full.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    assert reason(path).startswith("corrupt or truncated PDF")


def test_pdf_header_with_garbage_after_it(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert reason(path).startswith("corrupt or truncated PDF")


@pytest.mark.parametrize("content, looks", [
    (b"PK\x03\x04" + b"\x00" * 60, "a ZIP archive"),
    ("借款合同\n第一条".encode("utf-8"), "text"),
    (b"<html><body>x</body></html>", "HTML"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "a PNG image"),
])
def test_a_pdf_that_is_something_else(tmp_path: Path, content: bytes, looks: str) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(content)
    assert reason(path).startswith(f"not a PDF file (content looks like {looks}")


def test_a_docx_that_is_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(good_pdf(tmp_path / "x.pdf", pages=1).read_bytes())
    assert reason(path) == "not a DOCX file (content looks like a PDF file)"


def test_a_zip_without_a_document_part(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert reason(path) == "not a DOCX file (the ZIP archive has no word/document.xml)"


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document><w:body><w:p>")
    assert reason(path).startswith("corrupt DOCX (bad XML")


def test_truncated_docx(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<x/>" * 5000)
    path.write_bytes(path.read_bytes()[:200])
    assert reason(path).startswith("corrupt DOCX")


def test_text_in_an_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("借款".encode("utf-8") + b"\xff\xfe\xfa" * 10)
    assert reason(path).startswith("unknown text encoding")


def test_a_txt_that_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    assert reason(path).startswith("not a text file (content looks like a ZIP archive")


def test_pdf_without_a_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    c = Canvas(str(path), pagesize=A4)
    for _ in range(2):
        c.setFillGray(0.5)
        c.rect(72, 72, 400, 600, fill=1)  # what a scan shows: ink, no text
        c.showPage()
    c.save()
    # with Tesseract: "...: OCR found no text"; without: "...: OCR needs Tesseract: pip install ..."
    assert reason(path).startswith("scanned PDF (2 of 2 pages have no text layer): OCR ")


def test_a_document_that_is_not_a_contract_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "menu.txt"
    path.write_text("午餐菜单\n宫保鸡丁\n", encoding="utf-8")
    assert read_document(path).text == "午餐菜单\n宫保鸡丁"
