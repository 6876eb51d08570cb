"""The readers on real files: the dev corpus (beside the clone, when present) and the samples."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from checker.errors import DocumentError
from checker.ingest import read_document
from checker.ingest.running import is_page_number
from sample_files import CONTRACTS, SHARED, contract_files

DEV = SHARED / "eval" / "dev" / "docs"
CJK = re.compile(r"[\u4e00-\u9fff]")

needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="dev corpus (shared/eval/dev) not laid beside the clone")


def _readable() -> list[Path]:
    files = sorted(p for p in DEV.glob("*") if p.suffix in (".pdf", ".docx", ".txt")) if DEV.is_dir() else []
    return [p for p in files if p.name not in ("d11-encrypted.pdf", "d12-truncated.pdf")]


def _check_readable(path: Path) -> None:
    doc = read_document(path)
    text = doc.text
    assert len(CJK.findall(text)) > 80
    assert "(cid:" not in text
    assert doc.metadata["page_count"] == len(doc.pages)
    if len(doc.pages) > 1:  # page furniture is gone: no page numbers, nothing repeated on most pages
        assert not [line.text for page in doc.pages for line in page.lines
                    if is_page_number(line.text) and _near_edge(line.top, line.bottom, page.height)]
        per_page = Counter(t for page in doc.pages for t in {line.text for line in page.lines})
        assert not [t for t, n in per_page.items() if n > len(doc.pages) / 2 and len(t) > 4]


def _near_edge(top: float, bottom: float, height: float) -> bool:
    return height > 0 and (top < 0.1 * height or bottom > 0.9 * height)


@needs_dev
@pytest.mark.parametrize("path", _readable(), ids=lambda p: p.name)
def test_dev_corpus_files_read_with_chinese_text(path: Path) -> None:
    _check_readable(path)


@pytest.mark.parametrize("path", contract_files(), ids=lambda p: p.name)
def test_sample_contracts_read_with_chinese_text(path: Path) -> None:
    _check_readable(path)


@needs_dev
@pytest.mark.parametrize("path, reason", [
    (DEV / "d11-encrypted.pdf", "encrypted PDF"),
    (DEV / "d12-truncated.pdf", "corrupt or truncated PDF"),
], ids=["encrypted", "truncated"])
def test_dev_corpus_bad_pdfs_raise_document_error(path: Path, reason: str) -> None:
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.reason.startswith(reason)


def _emphasised(path: Path) -> tuple[int, int, int]:
    lines = [line for line in read_document(path).lines if line.kind == "body" and len(line.text) > 15]
    both = sum(1 for line in lines if line.bold > 0.9 and line.underline > 0.9)
    bold = sum(1 for line in lines if line.bold > 0)
    under = sum(1 for line in lines if line.underline > 0)
    return both, bold, under


@needs_dev
def test_bold_underlined_key_clauses_come_out_bold_and_underlined() -> None:
    both, _, _ = _emphasised(DEV / "d01-platform.pdf")
    assert both >= 10


@needs_dev
def test_a_pdf_without_emphasis_has_no_bold_or_underline() -> None:
    assert _emphasised(DEV / "d04-smallloan.pdf") == (0, 0, 0)


def test_fake_bold_in_the_samples_is_seen() -> None:
    both, _, _ = _emphasised(CONTRACTS / "platform-consumer-loan.pdf")
    assert both >= 3


def test_two_column_sample_reads_the_left_column_first() -> None:
    texts = [line.text for line in read_document(CONTRACTS / "two-column.pdf").pages[1].lines]
    heads = [t.split("、")[0] for t in texts if re.match(r"^[一二三四五六七八九十]+、", t)]
    assert heads == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
