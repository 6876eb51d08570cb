"""The plain-text reader: UTF-8 (with or without BOM) or GB18030, one Line per non-empty line.

Plain text cannot carry emphasis, so its lines say bold 0 with ``emphasis_known`` True:
"nothing is marked" is what the reader saw, not "cannot tell". A form feed starts a page.
"""
from __future__ import annotations

from pathlib import Path

from checker.errors import DocumentError, ErrorKind
from checker.ingest import sniff
from checker.ingest.text_utils import UnknownEncoding, clean_text, decode_text
from checker.model import Document, Line, Page

_BINARY = ("a PDF file", "a ZIP archive", "an empty ZIP", "an OLE", "an RTF", "a PNG", "a JPEG", "a GIF",
           "a TIFF", "a gzip", "a RAR", "a 7-Zip")


def read_text_file(path: Path, kind: str = "text") -> str:
    """The decoded text of a text file, or DocumentError when it is binary or undecodable."""
    data = path.read_bytes()
    looks = sniff.describe(data[:2048])
    if looks.startswith(_BINARY):
        raise DocumentError(str(path), f"not a {kind} file (content looks like {looks})", ErrorKind.UNSUPPORTED_FORMAT)
    try:
        text, _ = decode_text(data)
    except UnknownEncoding as exc:
        raise DocumentError(str(path), str(exc), ErrorKind.UNSUPPORTED_FORMAT) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_txt(path: Path) -> Document:
    """Read a .txt file into a Document."""
    text = read_text_file(path)
    pages: list[Page] = []
    index = 0
    for number, chunk in enumerate(text.split("\f"), start=1):
        lines = []
        for raw in chunk.split("\n"):
            line = clean_text(raw)
            if line:
                lines.append(Line(text=line, page=number, top=float(index), bottom=float(index)))
                index += 1
        pages.append(Page(number=number, lines=tuple(lines)))
    return Document(path=str(path), format="txt", pages=tuple(pages), metadata={"page_count": len(pages)})
