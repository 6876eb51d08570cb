"""Word documents saved as one XML file, and ``.doc`` files that are really HTML.

Server-side contract generators rarely write a binary ``.doc``: they write one of
- Flat OPC (``<pkg:package>``, Word 2007+ "XML document"): the parts of a DOCX, each inside
  a ``<pkg:part pkg:name="/word/document.xml">``; read by the DOCX reader's body reader;
- WordprocessingML 2003 (``<w:wordDocument>``, Word 2003 "XML document"): the same elements
  in the 2003 namespace, the body wrapped in ``wx:sect`` / ``wx:sub-section``; renamed into
  the 2007 namespace and read the same way;
- HTML (Word's "web page" export, or an HTML template served as ``.doc``): read as HTML.
A binary (OLE) ``.doc`` is refused with a clear reason.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from checker.errors import DocumentError, ErrorKind
from checker.ingest import sniff
from checker.model import Document, Page

PKG = "http://schemas.microsoft.com/office/2006/xmlPackage"
W2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
WX2003 = "http://schemas.microsoft.com/office/word/2003/auxHint"
MAX_BYTES = 64 * 1024 * 1024


def read_word_file(path: Path) -> Document:
    """Read a .doc / .xml file whose content is Flat OPC, Word 2003 XML or HTML."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    kind = word_kind(head)
    if kind == "html":
        from checker.ingest.html import read_html

        return read_html(path)
    if kind is None:
        raise DocumentError(str(path), f"not a Word XML or HTML document (content looks like {sniff.describe(head)}); "
                                       "save it as .docx", ErrorKind.UNSUPPORTED_FORMAT)
    if path.stat().st_size > MAX_BYTES:
        raise DocumentError(str(path), "Word XML file is too large to be a contract", ErrorKind.TOO_LARGE)
    from checker.ingest.docx import _parser

    try:
        root = etree.parse(str(path), _parser()).getroot()
    except etree.XMLSyntaxError as exc:
        raise DocumentError(str(path), f"corrupt Word XML ({exc})", ErrorKind.CORRUPT) from None
    parts = _flat_opc_parts(root) if kind == "flat_opc" else _word2003_parts(root)
    return _read_parts(path, parts)


def word_kind(head: bytes) -> str | None:
    """'flat_opc', 'word2003', 'html' or None, from a file's first bytes."""
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = sample[:4096].lower()
    if b"<pkg:package" in lower or PKG.encode().lower() in lower:
        return "flat_opc"
    if b"<w:worddocument" in lower or W2003.encode().lower() in lower:
        return "word2003"
    if sniff.describe(head) == "HTML" or b"<html" in lower:
        return "html"
    return None


def _flat_opc_parts(root: Any) -> dict[str, Any]:
    """pkg:name -> the part's XML root ("word/document.xml" ...)."""
    parts = {}
    for part in root.iter(f"{{{PKG}}}part"):
        name = (part.get(f"{{{PKG}}}name") or "").lstrip("/")
        data = part.find(f"{{{PKG}}}xmlData")
        if name and data is not None and len(data):
            parts[name] = data[0]
    return parts


def _word2003_parts(root: Any) -> dict[str, Any]:
    """The 2003 document renamed into the 2007 namespace: body and styles as DOCX parts."""
    from checker.ingest.docx import W

    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith(f"{{{W2003}}}"):
            el.tag = f"{{{W}}}" + el.tag.split("}", 1)[1]
        for key in [k for k in el.attrib if k.startswith(f"{{{W2003}}}")]:
            el.set(f"{{{W}}}" + key.split("}", 1)[1], el.attrib.pop(key))
    for wrapper in [el for el in root.iter() if isinstance(el.tag, str) and el.tag.startswith(f"{{{WX2003}}}")]:
        parent = wrapper.getparent()
        if parent is None:
            continue
        index = parent.index(wrapper)
        for offset, child in enumerate(list(wrapper)):
            parent.insert(index + offset, child)
        parent.remove(wrapper)
    document = etree.Element(f"{{{W}}}document")
    body = root.find(f"{{{W}}}body")
    if body is not None:
        document.append(body)
    parts = {"word/document.xml": document}
    styles = root.find(f"{{{W}}}styles")
    if styles is not None:
        parts["word/styles.xml"] = styles
    return parts


def _read_parts(path: Path, parts: dict[str, Any]) -> Document:
    from checker.ingest.docx import _BodyReader, _core_metadata, _Numbering, _paginate, _Styles

    body = parts.get("word/document.xml")
    if body is None:
        raise DocumentError(str(path), "Word XML file without a document body", ErrorKind.CORRUPT)
    reader = _BodyReader(_Styles(parts.get("word/styles.xml")), _Numbering(parts.get("word/numbering.xml")))
    lines = reader.read(body)
    meta = _core_metadata(parts.get("docProps/core.xml"))
    pages: tuple[Page, ...] = _paginate(lines) if any(line.text for line, *_ in lines) else (Page(number=1, lines=()),)
    meta["page_count"] = len(pages)
    return Document(path=str(path), format="docx", pages=pages, metadata=meta)
