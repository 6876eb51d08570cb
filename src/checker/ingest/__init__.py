"""Reading contract files: one reader per format, all returning the same ``Document``.

``read_document(path)`` picks the reader by suffix from ``READERS``; later stages never
know which format a Document came from. Every failure to read is a ``DocumentError`` with
a one-line reason: no parser exception reaches the user.

The readers import their heavy libraries (pdfplumber, lxml) on first use, so that a run
over text files does not pay for the PDF stack.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Callable

from checker import limits as _limits
from checker.errors import DocumentError, ErrorKind
from checker.ingest.reading import ReadOptions
from checker.model import Document

Reader = Callable[[Path, ReadOptions], Document]


def _pdf(path: Path, options: ReadOptions) -> Document:
    from checker.ingest.pdf import read_pdf
    from checker.ingest.pdf_streams import check_streams

    check_streams(path, _limits.current())  # before any library inflates a stream whole
    return read_pdf(path, options=options)


def _docx(path: Path, options: ReadOptions) -> Document:
    from checker.ingest.docx import read_docx

    return read_docx(path)


def _html(path: Path, options: ReadOptions) -> Document:
    from checker.ingest.html import read_html

    return read_html(path)


def _word(path: Path, options: ReadOptions) -> Document:
    from checker.ingest.wordxml import read_word_file

    return read_word_file(path)


def _txt(path: Path, options: ReadOptions) -> Document:
    from checker.ingest.plain import read_txt

    return read_txt(path)


def _md(path: Path, options: ReadOptions) -> Document:
    from checker.ingest.markdown import read_markdown

    return read_markdown(path)


TEXT_FORMATS = (".txt", ".md", ".html", ".htm")  # read whole: their size is the part size
BYTES_PER_CHAR = 8  # generous: UTF-8 CJK takes 3 bytes a character, HTML markup more

READERS: dict[str, Reader] = {
    ".pdf": _pdf,
    ".docx": _docx,
    ".txt": _txt,
    ".md": _md,
    ".html": _html,
    ".htm": _html,
    ".doc": _word,  # Word XML (Flat OPC, Word 2003) or HTML saved as .doc; not the binary format
    ".xml": _word,
}


def read_document(path: str | os.PathLike[str], options: ReadOptions | None = None) -> Document:
    """Read a contract file into a Document, or raise DocumentError saying why not."""
    name = str(path)
    p = Path(path)
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise DocumentError(name, f"unsupported file type '{p.suffix or '(none)'}' (supported: {known})",
                            ErrorKind.UNSUPPORTED_FORMAT)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise DocumentError(name, "file not found", ErrorKind.NOT_FOUND) from None
    except OSError as exc:
        raise DocumentError(name, f"cannot read file: {exc.strerror or exc}", ErrorKind.UNREADABLE) from None
    if p.is_dir():
        raise DocumentError(name, "is a directory, not a file", ErrorKind.UNREADABLE)
    if size == 0:
        raise DocumentError(name, "empty file", ErrorKind.NO_TEXT)
    limits = _limits.current()
    if p.suffix.lower() in TEXT_FORMATS:
        if size > limits.part_bytes:
            raise DocumentError(name, f"file size {size:,} exceeds the limit of {limits.part_bytes:,} bytes "
                                      "(limits.part_bytes in checker.yaml)", ErrorKind.TOO_LARGE)
        if size > BYTES_PER_CHAR * limits.document_chars:  # refused before it is read, not after
            raise DocumentError(name, f"file size {size:,} exceeds {BYTES_PER_CHAR} bytes per character of the "
                                      f"limit of {limits.document_chars:,} characters (limits.document_chars in checker.yaml)",
                                ErrorKind.TOO_LARGE)
    try:
        doc = reader(p, options or ReadOptions())
    except DocumentError as exc:
        if exc.path != name:  # a reader's helper that does not know the file's name
            raise DocumentError(name, exc.reason, exc.kind) from None
        raise
    except MemoryError:
        raise DocumentError(name, _limits.memory_reason(limits), ErrorKind.MEMORY) from None
    except RecursionError:
        raise DocumentError(name, "nested too deeply to read", ErrorKind.TOO_LARGE) from None
    except (OSError, zipfile.BadZipFile, UnicodeError, ValueError) as exc:
        kind = ErrorKind.UNREADABLE if isinstance(exc, PermissionError) else ErrorKind.CORRUPT
        raise DocumentError(name, f"cannot read file: {exc}", kind) from None
    except Exception as exc:  # noqa: BLE001 - the last net: a parser bug must not become a traceback
        # a programming error is the checker's fault (retried by --resume, not blamed on the file)
        kind = ErrorKind.INTERNAL if isinstance(exc, _OUR_BUGS) else ErrorKind.CORRUPT
        raise DocumentError(name, f"cannot read file ({type(exc).__name__}: {exc})", kind) from None
    check_size(doc, name, limits)
    return doc if doc.path == name else _with_path(doc, name)


_OUR_BUGS = (NameError, ImportError, AttributeError, TypeError, AssertionError, NotImplementedError)


def check_size(doc: Document, name: str, limits: "_limits.Limits") -> None:
    """DocumentError when a page or the whole document holds more text than the limits allow.
    Only a PDF page is a physical page: other formats put whole sections on one "page"."""
    total = 0
    for page in doc.pages:
        chars = sum(len(line.text) for line in page.lines)
        if chars > limits.page_chars and doc.format == "pdf":
            raise DocumentError(name, f"page {page.number}: " + limits.exceeded("page_chars", chars), ErrorKind.TOO_LARGE)
        total += chars
    if total > limits.document_chars:
        raise DocumentError(name, limits.exceeded("document_chars", total), ErrorKind.TOO_LARGE)


def _with_path(doc: Document, name: str) -> Document:
    from dataclasses import replace

    return replace(doc, path=name)
