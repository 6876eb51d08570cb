"""Word documents saved as a single XML file (Flat OPC, Word 2003) and .doc files that are
HTML read like the DOCX and HTML they are; a binary .doc is refused with its reason."""
from __future__ import annotations

import pytest

from checker.errors import DocumentError
from checker.ingest import read_document

W7 = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W3 = "http://schemas.microsoft.com/office/word/2003/wordml"


def _para(text: str, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:p><w:r>{rpr}<w:t>{text}</w:t></w:r></w:p>"


BODY = _para("借款合同") + _para("第一条 借款金额") + _para("借款金额为人民币一万元。", bold=True)

FLAT_OPC = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">
 <pkg:part pkg:name="/word/document.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml">
  <pkg:xmlData><w:document xmlns:w="{W7}"><w:body>{BODY}</w:body></w:document></pkg:xmlData>
 </pkg:part>
</pkg:package>
"""

WORD_2003 = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<w:wordDocument xmlns:w="{W3}" xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint">
 <w:body><wx:sect>{BODY}</wx:sect></w:body>
</w:wordDocument>
"""


@pytest.mark.parametrize("content, suffix", [(FLAT_OPC, ".xml"), (FLAT_OPC, ".doc"), (WORD_2003, ".doc")],
                         ids=["flat-opc-xml", "flat-opc-as-doc", "word-2003-as-doc"])
def test_word_xml_reads_its_paragraphs_and_bold(tmp_path, content, suffix):
    path = tmp_path / f"contract{suffix}"
    path.write_text(content, encoding="utf-8")
    lines = read_document(path).lines
    assert [line.text for line in lines] == ["借款合同", "第一条 借款金额", "借款金额为人民币一万元。"]
    assert lines[2].bold == 1.0 and lines[1].bold == 0.0


def test_html_saved_as_doc_is_read_as_html(tmp_path):
    path = tmp_path / "contract.doc"
    path.write_text("<html><body><p>借款合同</p><p><b>第一条</b> 借款金额为一万元。</p></body></html>",
                    encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html" and doc.lines[1].text == "第一条 借款金额为一万元。"


def test_a_binary_doc_is_refused_with_its_reason(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(DocumentError, match="OLE"):
        read_document(path)
