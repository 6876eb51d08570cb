"""What a file's first bytes say it is, so a reader can refuse a file whose extension lies."""
from __future__ import annotations

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX, ...)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE compound file (an old .doc/.xls, or a password-protected Office file)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)


def is_pdf(head: bytes) -> bool:
    """PDF readers accept the header anywhere in the first KiB (some files carry junk first)."""
    return b"%PDF-" in head[:1024]


def is_zip(head: bytes) -> bool:
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def describe(head: bytes) -> str:
    """A short phrase for what the bytes look like: 'a ZIP archive (DOCX, XLSX, ...)', 'text' ..."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if is_pdf(head):
        return "a PDF file"
    sample = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sample.startswith((b"<!doctype html", b"<html")) or b"<body" in sample:
        return "HTML"
    if sample.startswith(b"<?xml") or sample.startswith(b"<"):
        return "XML or markup"
    if _texty(head[:2048]):
        return "text"
    return "binary data"


def _texty(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(sample) - 4:  # a multi-byte character cut by the sample's end
                return True
    return False
