"""Plain text, Markdown and HTML reading, and the shared text helpers."""
from __future__ import annotations

from pathlib import Path

import pytest

from checker.ingest import READERS, read_document
from checker.ingest.numfmt import chinese_counting, format_list_number
from checker.ingest.running import is_page_number
from checker.ingest.text_utils import join_wrapped_lines


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def kinds(doc) -> list[tuple[str, str]]:
    return [(line.kind, line.text) for line in doc.lines]


def test_every_format_has_a_reader() -> None:
    assert set(READERS) == {".pdf", ".docx", ".doc", ".xml", ".txt", ".md", ".html", ".htm"}


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_text_is_decoded_in_utf8_or_gb18030(tmp_path: Path, encoding: str) -> None:
    doc = read_document(write(tmp_path / "a.txt", "借款合同\n\n第一条　借款金额为壹万元。\n", encoding))
    assert [line.text for line in doc.lines] == ["借款合同", "第一条　借款金额为壹万元。"]


def test_plain_text_has_known_and_absent_emphasis(tmp_path: Path) -> None:
    (line,) = read_document(write(tmp_path / "a.txt", "逾期利息按日计收。")).lines
    assert (line.bold, line.underline, line.emphasis_known, line.kind) == (0.0, 0.0, True, "body")
    assert (line.page, line.x0, line.x1) == (1, 0.0, 0.0)


def test_form_feed_starts_a_new_page(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "a.txt", "第一页\f第二页\r\n"))
    assert [(line.page, line.text) for line in doc.lines] == [(1, "第一页"), (2, "第二页")]


# --------------------------------------------------------------------------- markdown


def test_markdown_headings_emphasis_and_tables(tmp_path: Path) -> None:
    md = "\n".join([
        "# 借款协议", "", "> **特别提示：**请仔细阅读。", "",
        "| 当事人 | 信息 |", "|---|:---:|", "| 出借人 | 某某公司 |", "",
        "## 一、逾期责任", "1. **逾期按日利率0.05%计收。**", "- __催收仅限白天。__", "2. 本条<u>部分</u>下划线。", "---",
    ])
    doc = read_document(write(tmp_path / "a.md", md))
    assert kinds(doc) == [
        ("heading", "借款协议"), ("body", "特别提示：请仔细阅读。"), ("table_row", "当事人 | 信息"),
        ("table_row", "出借人 | 某某公司"), ("heading", "一、逾期责任"), ("body", "1. 逾期按日利率0.05%计收。"),
        ("body", "催收仅限白天。"), ("body", "2. 本条部分下划线。"),
    ]
    lines = doc.lines
    assert lines[1].bold == pytest.approx(5 / 11, abs=0.001)
    assert lines[5].bold == pytest.approx(14 / 16) and lines[5].underline == 0.0  # "1." is not bold
    assert lines[6].underline == 1.0 and lines[6].bold == 0.0
    assert lines[7].underline == pytest.approx(2 / 10, abs=0.001)
    assert doc.metadata["title"] == "借款协议"


# --------------------------------------------------------------------------- html


def test_html_blocks_emphasis_tables_and_invisible_parts(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html><head><title>借款合同</title><style>p{color:red}</style></head><body>
    <h1>借款合同</h1>
    <script>var x = "不应出现";</script>
    <p><b>特别提示：</b><u>请仔细阅读</u>本合同。</p>
    <div>第一行<br>第二
    行</div>
    <table><tr><th>项目</th><th>内容</th></tr><tr><td>借款金额</td><td>壹万元</td></tr></table>
    <table><tr><td><p>一格表格中的提示。</p></td></tr></table>
    <ol start="3"><li>第三项</li><li style="font-weight:700">第四项</li></ol>
    <p style="text-decoration: underline">整段下划线</p>
    <p style="display:none">隐藏</p>
    </body></html>"""
    doc = read_document(write(tmp_path / "a.html", html))
    assert kinds(doc) == [
        ("heading", "借款合同"), ("body", "特别提示：请仔细阅读本合同。"), ("body", "第一行"), ("body", "第二行"),
        ("table_row", "项目 | 内容"), ("table_row", "借款金额 | 壹万元"), ("body", "一格表格中的提示。"),
        ("body", "3. 第三项"), ("body", "4. 第四项"), ("body", "整段下划线"),
    ]
    notice = doc.lines[1]
    assert notice.bold == pytest.approx(5 / 14, abs=0.001) and notice.underline == pytest.approx(5 / 14, abs=0.001)
    assert doc.lines[8].bold == 1.0 and doc.lines[9].underline == 1.0
    assert doc.metadata["title"] == "借款合同"


def test_html_in_gbk_with_a_meta_charset(tmp_path: Path) -> None:
    html = '<html><head><meta charset="gbk"></head><body><p>借款金额</p></body></html>'
    assert kinds(read_document(write(tmp_path / "a.htm", html, "gbk"))) == [("body", "借款金额")]


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize("texts, joined", [
    (["借款人应当按期", "归还借款本金。"], "借款人应当按期归还借款本金。"),
    (["The Borrower shall", "repay the loan."], "The Borrower shall repay the loan."),
    (["年化利率", "24% per annum"], "年化利率24% per annum"),
    (["self-", "service"], "self-service"),
    (["  单行  "], "单行"),
    ([], ""),
])
def test_join_lines(texts: list[str], joined: str) -> None:
    assert join_wrapped_lines(texts) == joined


@pytest.mark.parametrize("text", ["第 3 页 共 8 页", "第3页/共8页", "第3页（共8页）", "- 3 -", "— 3 —",
                                  "Page 3 of 8", "3/8", "3", "第 3 页 共 8 页 Page 3 of 8", "第三页"])
def test_page_number_forms(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["第3条", "借款金额3万元", "共3期", "", "本页无正文"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(n: int, text: str) -> None:
    assert chinese_counting(n) == text


def test_other_number_formats() -> None:
    assert [format_list_number(3, f) for f in ("decimal", "ideographTraditional", "chineseLegalSimplified",
                                          "lowerLetter", "upperRoman", "decimalEnclosedCircle")] == \
        ["3", "丙", "叁", "c", "III", "③"]
