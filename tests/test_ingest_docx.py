"""DOCX reading straight from the OOXML parts: paragraphs, emphasis, numbering, tables, pages."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from checker.errors import DocumentError
from checker.ingest import read_document

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:styles {NS}>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
    <w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Key"><w:name w:val="Key Term"/><w:rPr><w:b/><w:u w:val="single"/></w:rPr></w:style>
</w:styles>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
  <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""

CORE = """<?xml version="1.0" encoding="UTF-8"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
  <dc:title>借款合同</dc:title><dc:creator>测试</dc:creator></cp:coreProperties>"""


def run(text: str, props: str = "") -> str:
    return f"<w:r><w:rPr>{props}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>"


def para(*runs: str, ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(runs)}</w:p>"


def numbered(num_id: int, text: str) -> str:
    return para(run(text), ppr=f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')


def table(*rows: tuple[str, ...]) -> str:
    cells = lambda row: "".join(f"<w:tc>{para(run(c))}</w:tc>" for c in row)  # noqa: E731
    return "<w:tbl>" + "".join(f"<w:tr>{cells(r)}</w:tr>" for r in rows) + "</w:tbl>"


def make_docx(path: Path, body: str, prolog: str = "", **parts: str) -> Path:
    document = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {NS}><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document)
        zf.writestr("word/styles.xml", parts.get("styles", STYLES))
        zf.writestr("word/numbering.xml", parts.get("numbering", NUMBERING))
        zf.writestr("docProps/core.xml", parts.get("core", CORE))
    return path


def lines(path: Path) -> list[tuple[str, str]]:
    return [(line.kind, line.text) for line in read_document(path).lines]


def test_paragraphs_become_lines_and_heading_styles_headings(tmp_path: Path) -> None:
    body = para(run("借款合同"), ppr='<w:pStyle w:val="Heading1"/>') + para(run("甲方：某某公司")) + para()
    assert lines(make_docx(tmp_path / "a.docx", body)) == [("heading", "借款合同"), ("body", "甲方：某某公司")]


def test_bold_and_underline_shares_are_weighted_by_characters(tmp_path: Path) -> None:
    body = para(run("逾期罚息", "<w:b/><w:u w:val=\"single\"/>"), run("按日计收。"),
                run("不加粗", '<w:b w:val="0"/><w:u w:val="none"/>'))
    (line,) = read_document(make_docx(tmp_path / "b.docx", body)).lines
    assert line.text == "逾期罚息按日计收。不加粗"
    assert line.bold == pytest.approx(4 / 12, abs=0.001)
    assert line.underline == pytest.approx(4 / 12, abs=0.001)


def test_emphasis_comes_from_character_and_paragraph_styles(tmp_path: Path) -> None:
    body = para(run("重要", '<w:rStyle w:val="Key"/>'), run("条款")) + para(run("标题"), ppr='<w:pStyle w:val="Heading1"/>')
    first, second = read_document(make_docx(tmp_path / "s.docx", body)).lines
    assert (first.bold, first.underline) == (0.5, 0.5)
    assert (second.bold, second.font_size) == (1.0, 16.0)


def test_automatic_numbering_is_rendered_and_restarts_on_a_start_override(tmp_path: Path) -> None:
    body = (numbered(1, "借款金额") + numbered(2, "金额为一万元。") + numbered(2, "一次性发放。")
            + numbered(1, "借款期限") + numbered(3, "期限为12个月。"))
    assert [t for _, t in lines(make_docx(tmp_path / "n.docx", body))] == [
        "一、借款金额", "1. 金额为一万元。", "2. 一次性发放。", "二、借款期限", "1. 期限为12个月。"]


def test_numbering_reaches_chinese_tens(tmp_path: Path) -> None:
    body = "".join(numbered(1, f"条款{i}") for i in range(1, 13))
    texts = [t for _, t in lines(make_docx(tmp_path / "t.docx", body))]
    assert texts[9:] == ["十、条款10", "十一、条款11", "十二、条款12"]


def test_table_rows_are_table_rows_and_a_one_cell_table_is_body_text(tmp_path: Path) -> None:
    body = table(("重要提示：请仔细阅读。",)) + table(("项目", "内容"), ("借款金额", "壹万元"))
    assert lines(make_docx(tmp_path / "t.docx", body)) == [
        ("body", "重要提示：请仔细阅读。"), ("table_row", "项目 | 内容"), ("table_row", "借款金额 | 壹万元")]


def test_explicit_page_breaks_start_new_pages(tmp_path: Path) -> None:
    body = para(run("第一页")) + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + para(run("第二页"))
    doc = read_document(make_docx(tmp_path / "p.docx", body))
    assert [(line.page, line.text) for line in doc.lines] == [(1, "第一页"), (2, "第二页")]
    assert doc.metadata["page_count"] == 2


def test_lines_have_no_layout_and_metadata_is_read(tmp_path: Path) -> None:
    doc = read_document(make_docx(tmp_path / "m.docx", para(run("正文")) + para(run("第二段"))))
    assert doc.format == "docx" and doc.metadata["title"] == "借款合同" and doc.metadata["author"] == "测试"
    assert [(line.x0, line.x1, line.top) for line in doc.lines] == [(0.0, 0.0, 0.0), (0.0, 0.0, 1.0)]


def test_deleted_revisions_are_not_text(tmp_path: Path) -> None:
    body = para(run("保留"), '<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>')
    assert lines(make_docx(tmp_path / "d.docx", body)) == [("body", "保留")]


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    prolog = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
    path = make_docx(tmp_path / "x.docx", para(run("正文&x;")), prolog=prolog)
    try:
        text = read_document(path).text
    except DocumentError:
        return  # refusing the file is as good as not resolving the entity
    assert "TOPSECRET" not in text


def test_corpus_style_docx_without_styles_or_numbering_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "bare.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", f"<w:document {NS}><w:body>{para(run('借款'))}</w:body></w:document>")
    assert lines(path) == [("body", "借款")]
