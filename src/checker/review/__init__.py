"""Review copies: each contract handed back with its findings inside it, where lawyers read.

DOCX inputs get Word comments (``review/docx.py``), PDF inputs highlights with notes
(``review/pdf.py``), text, Markdown and HTML inputs an HTML page of their text with the
evidence highlighted and the notes beside it (``review/html.py``). A copy is made from a
:class:`~checker.model.DocumentResult` and the file it came from, read again, so it works the
same after a batch, a Dask run or from a results store. The original file is never written.
The notes and the copy's own words are in the report's language (``lang``: zh or en); the
contract's text is never translated.
"""
from __future__ import annotations

import os
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Callable, ContextManager, Mapping

from ..errors import DocumentError, ErrorKind
from ..ingest import read_document
from ..ingest.char_boxes import keeping_char_boxes
from ..model import DocumentResult, RuleInfo, RunResult
from .anchors import anchors as find_anchors

# what each input format's review copy is
COPY_KIND = {"docx": "docx", "pdf": "pdf", "txt": "html", "md": "html", "html": "html"}
# --format value -> the copy kinds it writes
REVIEW_FORMATS: dict[str, frozenset[str]] = {
    "review": frozenset({"docx", "pdf", "html"}),
    "docx-review": frozenset({"docx"}),
    "pdf-review": frozenset({"pdf"}),
    "html-review": frozenset({"html"}),
}

Opener = Callable[[str], ContextManager[str]]  # a document's path as given -> a local file path


@dataclass(frozen=True)
class ReviewCopy:
    """One review copy written (``output``) or not (``error`` says why)."""

    source: str
    output: str | None
    notes: int = 0
    error: str | None = None


def copy_kind(path: str) -> str | None:
    """"docx", "pdf" or "html": what the review copy of this input is (None: no copy)."""
    suffix = PurePosixPath(path.replace("\\", "/")).suffix.lower().lstrip(".")
    return COPY_KIND.get("html" if suffix == "htm" else suffix)


def copy_name(path: str, root: tuple[str, ...] = ()) -> str:
    """The copy's path under the output folder: the input's path below ``root`` (the folder
    all inputs share, see :func:`common_root`), the file named ``NAME.review.docx`` /
    ``NAME.review.pdf`` / ``NAME.EXT.review.html``."""
    parts = _parts(path)
    if root and tuple(parts[:len(root)]) == root:
        parts = parts[len(root):]
    folder, name = parts[:-1], parts[-1] if parts else "document"
    kind = copy_kind(path)
    stem, suffix = os.path.splitext(name)
    out = f"{name}.review.html" if kind == "html" else f"{stem}.review{suffix.lower()}"
    return str(PurePosixPath(*folder, out))


def common_root(paths: list[str]) -> tuple[str, ...]:
    """The folder every path lies in (as path parts), so copies mirror only what differs."""
    folders = [_parts(p)[:-1] for p in paths]
    if not folders:
        return ()
    root = folders[0]
    for folder in folders[1:]:
        n = 0
        while n < min(len(root), len(folder)) and root[n] == folder[n]:
            n += 1
        root = root[:n]
    return tuple(root)


def _parts(path: str) -> list[str]:
    """Path parts without a URL scheme, a drive, a leading / or ``..``: safe below a folder."""
    text = path.replace("\\", "/").split("://", 1)[-1]
    return [p for p in PurePosixPath(text).parts if p not in ("/", "..", ".") and not p.endswith(":")]


def write_review_copy(result: DocumentResult, out: str | os.PathLike[str], rules: Mapping[str, RuleInfo],
                      *, source: str | None = None, when: datetime | None = None, lang: str = "zh") -> int:
    """Write the review copy of one checked document to ``out``, its notes in ``lang`` (zh or
    en, as the reports); returns the number of notes.

    ``source`` is the local file to read (default: ``result.path``). Raises DocumentError
    when the file cannot be read again or ``out`` would overwrite it."""
    source = source or result.path
    kind = copy_kind(source) or copy_kind(result.path)
    if kind is None:
        raise DocumentError(result.path, "no review copy for this file type", ErrorKind.UNSUPPORTED_FORMAT)
    if Path(out).resolve() == Path(source).resolve():
        raise DocumentError(result.path, "the review copy would overwrite the original: choose another output",
                            ErrorKind.OUTPUT)
    with keeping_char_boxes():  # PDF highlights are drawn over the reader's character boxes
        document = read_document(source)
    placed = find_anchors(document, result)
    when = when or datetime.now(timezone.utc).replace(microsecond=0)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    if kind == "docx":
        from .docx import write_docx_review

        return write_docx_review(source, document, placed, rules, out, when, lang)
    if kind == "pdf":
        from .pdf import write_pdf_review

        return write_pdf_review(source, document, placed, rules, out, when, lang)
    from .html import render_review_page

    Path(out).write_text(render_review_page(result, document, placed, rules, lang), encoding="utf-8")
    return len(placed)


def write_review_copies(run: RunResult, out_dir: str | os.PathLike[str], kinds: frozenset[str],
                        opener: Opener | None = None, lang: str = "zh") -> list[ReviewCopy]:
    """A review copy of every checked document whose copy kind is in ``kinds``, under
    ``out_dir``, its notes in ``lang``. A document that cannot be copied is reported, never stops the others."""
    rules = {r.id: r for r in run.rules}
    opener = opener or nullcontext  # local paths are read where they are
    when = datetime.now(timezone.utc).replace(microsecond=0)
    chosen = [r for r in run.documents if r.status == "checked" and copy_kind(r.path) in kinds]
    root = common_root([r.path for r in chosen])
    copies = []
    for result in chosen:
        out = Path(out_dir) / copy_name(result.path, root)
        try:
            with opener(result.path) as local:
                notes = write_review_copy(result, out, rules, source=local, when=when, lang=lang)
        except DocumentError as exc:
            copies.append(ReviewCopy(result.path, None, error=exc.reason))
        except Exception as exc:  # noqa: BLE001 - one unreadable copy must not stop the batch
            copies.append(ReviewCopy(result.path, None, error=f"{type(exc).__name__}: {exc}"))
        else:
            copies.append(ReviewCopy(result.path, str(out), notes))
    return copies


__all__ = ["REVIEW_FORMATS", "ReviewCopy", "copy_kind", "copy_name", "write_review_copy", "write_review_copies"]
