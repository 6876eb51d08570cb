"""Clause structure on synthetic documents built from Line objects."""
from __future__ import annotations

import pytest

from checker.clauses import parse_contract, render_tree
from checker.model import Document, Line, Page

RIGHT = 523.0  # right text edge of the synthetic PDF pages
LEFT = 72.0


def paragraphs(*texts: str, fmt: str = "txt") -> Document:
    """A layout-free document: one Line per text; a leading '#' marks a source heading."""
    lines = []
    for i, text in enumerate(texts):
        kind = "body"
        if text.startswith("#"):
            kind, text = "heading", text[1:]
        elif text.startswith("|"):
            kind, text = "table_row", text[1:]
        lines.append(Line(text=text, page=1, top=float(i), kind=kind))
    return Document(path=f"t.{fmt}", format=fmt, pages=(Page(1, tuple(lines)),))


def pdf_line(text: str, page: int = 1, *, wrap: bool = False, indent: bool = False,
             bold: float = 0.0, underline: float = 0.0, size: float = 10.0,
             known: bool = True, kind: str = "body") -> Line:
    """A PDF visual line; ``wrap`` makes it run to the right margin (the paragraph goes on)."""
    x0 = LEFT + (20.0 if indent else 0.0)
    x1 = RIGHT if wrap else x0 + 10.0 * len(text)
    return Line(text=text, page=page, x0=x0, x1=min(x1, RIGHT), top=0.0, bottom=10.0,
                font_size=size, bold=bold, underline=underline, kind=kind,
                emphasis_known=known)


def pdf(*lines: Line) -> Document:
    pages = sorted({line.page for line in lines})
    return Document(path="t.pdf", format="pdf", pages=tuple(
        Page(p, tuple(l for l in lines if l.page == p), width=595, height=842) for p in pages))


def structure(doc: Document) -> list[tuple[str, str, str | None]]:
    return [(c.path, c.number, c.parent) for c in parse_contract(doc).clauses]


def paths(doc: Document) -> list[str]:
    return [c.path for c in parse_contract(doc).clauses]


# --------------------------------------------------------------------------- numbering styles


@pytest.mark.parametrize("lines, expected", [
    (("第一条 借款金额", "第二条 借款期限", "第三条 利率"), ["1", "2", "3"]),
    (("一、借款金额", "二、借款期限"), ["1", "2"]),
    (("一．借款金额", "二．借款期限"), ["1", "2"]),
    (("（一）借款金额", "（二）借款期限"), ["1", "2"]),
    (("(一) 借款金额", "(二) 借款期限"), ["1", "2"]),
    (("1. 借款金额", "2. 借款期限"), ["1", "2"]),
    (("1、借款金额", "2、借款期限"), ["1", "2"]),
    (("(1) 借款金额", "(2) 借款期限"), ["1", "2"]),
    (("（1）借款金额", "（2）借款期限"), ["1", "2"]),
    (("① 借款金额", "② 借款期限"), ["1", "2"]),
    (("第1条 借款金额", "第2条 借款期限"), ["1", "2"]),
])
def test_each_numbering_style_opens_top_level_clauses(lines, expected):
    assert paths(paragraphs("借款合同", *lines)) == ["0", *expected]


def test_chinese_numerals_give_article_paths():
    doc = paragraphs("第十九条 甲", "第二十条 乙", "第二十一条 丙", "第一百条 丁", "第一百零一条 戊")
    assert paths(doc) == ["19", "20", "21", "100", "101"]


def test_number_is_kept_as_written():
    doc = paragraphs("第七条 催收", "（一）甲。", "（二）乙。", "1. 丙。", "1.1 丁。")
    assert [c.number for c in parse_contract(doc).clauses] == ["第七条", "（一）", "（二）", "1", "1.1"]


def test_item_paths_use_their_own_ordinal():
    doc = paragraphs("第七条 催收", "（一）甲。", "（二）乙。")
    assert structure(doc) == [("7", "第七条", None), ("7.1", "（一）", "7"), ("7.2", "（二）", "7")]


# --------------------------------------------------------------------------- nesting


def test_a_new_style_nests_under_the_current_clause():
    doc = paragraphs("第一条 借款", "1. 金额。", "（1）本金；", "（2）利息。", "2. 用途。", "第二条 期限")
    assert structure(doc) == [
        ("1", "第一条", None), ("1.1", "1", "1"), ("1.1.1", "（1）", "1.1"),
        ("1.1.2", "（2）", "1.1"), ("1.2", "2", "1"), ("2", "第二条", None)]


def test_a_style_seen_before_pops_back_to_its_level():
    doc = paragraphs("一、借款", "（一）金额。", "1. 本金。", "2. 利息。", "（二）用途。", "二、期限")
    assert paths(doc) == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2"]


def test_first_style_seen_is_the_top_level():
    doc = paragraphs("1. 借款", "（一）金额。", "（二）用途。", "2. 期限", "（一）期限。")
    assert structure(doc) == [("1", "1", None), ("1.1", "（一）", "1"), ("1.2", "（二）", "1"),
                              ("2", "2", None), ("2.1", "（一）", "2")]


def test_dotted_decimals_nest_by_depth():
    doc = paragraphs("1. 借款", "1.1 金额。", "1.1.1 本金。", "1.2 用途。", "2. 期限", "2.1 期限。")
    assert structure(doc) == [
        ("1", "1", None), ("1.1", "1.1", "1"), ("1.1.1", "1.1.1", "1.1"),
        ("1.2", "1.2", "1"), ("2", "2", None), ("2.1", "2.1", "2")]


def test_decimal_items_under_articles():
    doc = paragraphs("第3条 还款", "3.1 到期还款。", "3.2 提前还款。", "第4条 逾期", "4.1 逾期利息。")
    assert structure(doc) == [("3", "第3条", None), ("3.1", "3.1", "3"), ("3.2", "3.2", "3"),
                              ("4", "第4条", None), ("4.1", "4.1", "4")]


def test_chapters_and_sections_stand_above_articles():
    doc = paragraphs("第一章 总则", "第一节 定义", "第一条 用语", "第二条 适用",
                     "第二节 原则", "第三条 平等", "第二章 借款", "第四条 金额", "（一）本金。")
    assert structure(doc) == [
        ("ch1", "第一章", None), ("ch1.s1", "第一节", "ch1"), ("1", "第一条", "ch1.s1"),
        ("2", "第二条", "ch1.s1"), ("ch1.s2", "第二节", "ch1"), ("3", "第三条", "ch1.s2"),
        ("ch2", "第二章", None), ("4", "第四条", "ch2"), ("4.1", "（一）", "4")]


def test_numbered_lists_before_the_first_article_stay_in_the_preamble():
    doc = paragraphs("特别提示：", "1. 请仔细阅读。", "2. 请核对信息。", "第一条 借款金额", "（一）金额。")
    assert structure(doc) == [("0", "", None), ("1", "第一条", None), ("1.1", "（一）", "1")]


def test_levels_and_kinds():
    doc = paragraphs("合同", "第一章 总则", "第一条 借款", "（一）金额。")
    got = [(c.path, c.level, c.kind) for c in parse_contract(doc).clauses]
    assert got == [("0", 0, "preamble"), ("ch1", 0, "chapter"), ("1", 1, "article"),
                   ("1.1", 2, "item")]


def test_top_level_ordinal_sections_are_articles():
    doc = paragraphs("一、借款金额", "（一）金额。")
    assert [c.kind for c in parse_contract(doc).clauses] == ["article", "item"]


def test_a_restarted_article_series_gets_suffixed_paths():
    doc = paragraphs("第一条 借款", "第二条 还款", "附件一", "第一条 补充", "第二条 生效")
    assert paths(doc) == ["1", "2", "1-2", "2-2"]


# --------------------------------------------------------------------------- false numbering


def test_numbers_inside_running_text_are_not_items():
    doc = paragraphs("第一条 违约", "甲方有下列情形之一的：1. 逾期；2. 虚假资料。")
    assert paths(doc) == ["1"]


@pytest.mark.parametrize("line", [
    "2024年1月1日前还款。", "30日内通知。", "第3期起还款。", "3.6%为年利率。", "¥3,000元整。",
    "2021-06-08 签署。",
])
def test_dates_amounts_and_periods_do_not_open_clauses(line):
    assert paths(paragraphs("第一条 借款", line, "第二条 还款")) == ["1", "2"]


def test_out_of_sequence_numbers_are_running_text():
    doc = paragraphs("第一条 借款", "1. 借款金额。", "5. 这是被折行的文字。", "2. 借款用途。")
    assert paths(doc) == ["1", "1.1", "1.2"]


def test_a_list_must_start_at_one():
    doc = paragraphs("第一条 借款", "3. 不是第一项。")
    assert paths(doc) == ["1"]


def test_article_reference_at_a_line_start_is_not_an_article():
    doc = paragraphs("第四条 逾期", "借款人违约的，除按本协议", "第6条支付逾期利息外，还应赔偿。", "第五条 其他")
    assert paths(doc) == ["4", "5"]


def test_a_stray_article_reference_does_not_become_the_backbone():
    doc = paragraphs("一、借款", "（一）金额。", "第5条 约定的事项另行协商。", "二、期限")
    assert paths(doc) == ["1", "1.1", "2"]


def test_the_next_article_without_a_separator_is_an_article():
    doc = paragraphs("第一条借款金额为一万元。", "第二条借款期限为一年。")
    assert paths(doc) == ["1", "2"]


def test_wrapped_pdf_line_starting_with_a_number_continues_the_paragraph():
    doc = pdf(
        pdf_line("第一条 违约", bold=1.0),
        pdf_line("（一）乙方有下列情形之一的，构成违约：1. 未按期还款；", indent=True, wrap=True),
        pdf_line("2. 未按约定用途使用借款。"),
        pdf_line("第二条 其他", bold=1.0),
    )
    contract = parse_contract(doc)
    assert [c.path for c in contract.clauses] == ["1", "1.1", "2"]
    assert contract.clause("1.1").text == "（一）乙方有下列情形之一的，构成违约：1. 未按期还款；2. 未按约定用途使用借款。"


def _rate_clause(second_size: float, known: bool) -> str:
    doc = pdf(
        pdf_line("第五条 逾期罚息", known=known),
        pdf_line("借款人逾期的，贷款人按本合同约定的贷款利率上", wrap=True, known=known),
        pdf_line("浮50%计收罚息。", size=second_size, known=known),
        *[pdf_line(f"第{n}条 其他约定事项", wrap=True, known=known) for n in "六七八九"],
    )
    return parse_contract(doc).clause("5").text


def test_an_ocr_line_whose_estimated_size_differs_by_a_point_still_continues_the_sentence():
    assert "贷款利率上浮50%计收罚息。" in _rate_clause(11.1, known=False)


def test_a_text_layer_line_a_point_larger_is_a_new_paragraph():
    assert "贷款利率上\n浮50%" in _rate_clause(11.1, known=True)


def test_table_rows_never_open_clauses():
    doc = paragraphs("第一条 借款信息", "|1. 借款金额 | 3000", "|2. 借款期限 | 14天", "第二条 利息")
    contract = parse_contract(doc)
    assert paths(doc) == ["1", "2"]
    assert "2. 借款期限 | 14天" in contract.clause("1").text


# --------------------------------------------------------------------------- bilingual


def test_a_translated_line_with_the_same_number_stays_in_its_clause():
    doc = paragraphs("#第1条　贷款金额", "#Article 1 Loan Amount", "1.1 贷款金额为十万元。",
                     "1.1 The loan amount is RMB 100,000.", "1.2 用途。", "1.2 Purpose.",
                     "#第2条　期限", "#Article 2 Term")
    contract = parse_contract(doc)
    assert [c.path for c in contract.clauses] == ["1", "1.1", "1.2", "2"]
    assert contract.clause("1.1").text == "1.1 贷款金额为十万元。\n1.1 The loan amount is RMB 100,000."


def test_a_translated_heading_is_left_out_of_the_body_emphasis():
    doc = pdf(pdf_line("第1条　贷款金额", bold=1.0), pdf_line("Article 1 Loan Amount", bold=1.0),
              pdf_line("贷款金额为十万元。", indent=True))
    assert parse_contract(doc).clause("1").body_emphasis_share == 0.0


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize("line, title", [
    ("第三条　借款利率", "借款利率"),
    ("第十三条 合同的变更与解除", "合同的变更与解除"),
    ("一、借款金额：人民币叁万元整（¥30,000.00）。", "借款金额"),
    ("一、借款金额与用途", "借款金额与用途"),
    ("1. 甲方向乙方申请借款，借款金额为人民币贰万元整。", ""),
    ("第一条 本合同项下借款金额为人民币陆万元整（¥60,000.00）。", ""),
    ("1.1 乙方向甲方借款15万元（大写：人民币壹拾伍万元整）。", ""),
    ("第二条", ""),
    ("（一）催收联络仅在每日8:00至21:00进行。", ""),
    ("（一）催收时间：每日8:00至21:00。", "催收时间"),
    ("第1条 Loan Amount and Purpose", "Loan Amount and Purpose"),
])
def test_title_is_the_heading_after_the_number(line, title):
    assert parse_contract(paragraphs(line)).clauses[0].title == title


# --------------------------------------------------------------------------- unnumbered headings


def test_unnumbered_heading_after_the_articles_is_a_top_level_clause():
    doc = paragraphs("#借款合同", "甲方：张三", "#第一条 借款", "（一）金额。", "#附件：还款计划表", "第1期 1000元")
    contract = parse_contract(doc)
    last = contract.clauses[-1]
    assert (last.path, last.kind, last.parent, last.title) == ("h1", "heading", None, "附件：还款计划表")


def test_bold_short_line_is_a_heading_in_a_document_without_numbers():
    doc = pdf(pdf_line("借款协议", size=16, bold=1.0), pdf_line("甲方：张三", indent=True),
              pdf_line("借款金额", bold=1.0), pdf_line("人民币一万元。", indent=True),
              pdf_line("还款方式", bold=1.0), pdf_line("到期一次性还本付息。", indent=True))
    contract = parse_contract(doc)
    assert [(c.path, c.title) for c in contract.clauses] == [
        ("0", ""), ("h1", "借款金额"), ("h2", "还款方式")]


def test_larger_font_line_is_a_heading():
    doc = pdf(pdf_line("第一条 借款", size=12), pdf_line("金额。", indent=True),
              pdf_line("补充约定", size=14), pdf_line("无。", indent=True))
    assert paths(doc) == ["1", "h1"]


def test_a_heading_candidate_must_be_followed_by_body_text():
    doc = paragraphs("第一条 其他", "本合同一式两份。", "#签署页")
    assert paths(doc) == ["1"]


@pytest.mark.parametrize("text", ["本合同一式两份。", "借款人应当按期还款；", "构成违约的情形如下：",
                                  "这是一行很长很长很长很长很长很长很长很长很长很长很长很长很长的粗体文字"])
def test_sentences_are_not_headings(text):
    doc = pdf(pdf_line("第一条 借款"), pdf_line(text, bold=1.0), pdf_line("正文。", indent=True))
    assert paths(doc) == ["1"]


# --------------------------------------------------------------------------- preamble


def test_text_before_the_first_clause_is_the_preamble():
    doc = paragraphs("#个人借款合同", "合同编号：X-1", "特别提示：请仔细阅读。", "甲方：张三", "第一条 借款")
    first = parse_contract(doc).clauses[0]
    assert (first.path, first.kind, first.number, first.line_start, first.line_end) == \
        ("0", "preamble", "", 0, 3)
    assert first.text == "个人借款合同\n合同编号：X-1\n特别提示：请仔细阅读。\n甲方：张三"


def test_no_preamble_when_the_document_starts_with_a_clause():
    assert paths(paragraphs("第一条 借款", "第二条 还款")) == ["1", "2"]


def test_document_without_any_structure_is_all_preamble():
    doc = paragraphs("借条", "今借到张三人民币一万元。", "此据。")
    clauses = parse_contract(doc).clauses
    assert [(c.path, c.line_start, c.line_end) for c in clauses] == [("0", 0, 2)]


def test_empty_document_has_no_clauses():
    doc = Document(path="e.txt", format="txt", pages=(Page(1, ()),))
    assert parse_contract(doc).clauses == ()


# --------------------------------------------------------------------------- text and pages


def test_wrapped_pdf_lines_join_into_one_paragraph():
    doc = pdf(pdf_line("第一条 借款", bold=1.0),
              pdf_line("甲方向乙方借款人民币", indent=True, wrap=True),
              pdf_line("一万元。"),
              pdf_line("借款用途为消费。", indent=True))
    assert parse_contract(doc).clause("1").text == "第一条 借款\n甲方向乙方借款人民币一万元。\n借款用途为消费。"


def test_latin_words_across_a_wrap_get_one_space():
    doc = pdf(pdf_line("Article 1 Loan", bold=1.0),
              pdf_line("The Borrower shall repay the", indent=True, wrap=True),
              pdf_line("loan on the due date."))
    assert parse_contract(doc).clause("1").text.endswith("repay the loan on the due date.")


def test_a_clause_continues_across_a_page_break():
    doc = pdf(pdf_line("第一条 借款", page=1), pdf_line("借款金额为人民币", page=1, indent=True, wrap=True),
              pdf_line("一万元。", page=2), pdf_line("第二条 还款", page=2))
    first = parse_contract(doc).clause("1")
    assert (first.page_start, first.page_end, first.line_start, first.line_end) == (1, 2, 0, 2)
    assert first.text == "第一条 借款\n借款金额为人民币一万元。"


def test_paragraph_lines_of_layout_free_formats_are_separate_paragraphs():
    doc = paragraphs("第一条 借款金额", "本合同项下借款金额为一万元", "借款用途为消费")
    assert parse_contract(doc).clause("1").text == "第一条 借款金额\n本合同项下借款金额为一万元\n借款用途为消费"


# --------------------------------------------------------------------------- emphasis


def test_bold_and_underline_shares_are_weighted_by_characters():
    doc = pdf(pdf_line("第一条 利率", bold=1.0),  # 5 characters (the space does not count)
              pdf_line("一二三四五六七八九十", indent=True, bold=0.5, underline=1.0))
    clause = parse_contract(doc).clause("1")
    assert clause.bold_share == pytest.approx((5 + 5) / 15, abs=1e-3)
    assert clause.underline_share == pytest.approx(10 / 15, abs=1e-3)


def test_body_emphasis_leaves_out_a_heading_only_first_line():
    doc = pdf(pdf_line("第六条 逾期", bold=1.0), pdf_line("逾期利息按日计收。", indent=True))
    clause = parse_contract(doc).clause("6")
    assert clause.bold_share > 0 and clause.body_emphasis_share == 0.0


def test_body_emphasis_counts_bold_or_underlined_text():
    doc = pdf(pdf_line("第六条 逾期"), pdf_line("逾期利息按日计收。", indent=True, underline=1.0))
    assert parse_contract(doc).clause("6").body_emphasis_share == 1.0


def test_body_emphasis_includes_a_numbered_line_that_is_a_sentence():
    doc = pdf(pdf_line("1. 逾期利息按日计收。", bold=1.0))
    assert parse_contract(doc).clause("1").body_emphasis_share == 1.0


def test_emphasis_unknown_on_ocr_lines():
    doc = pdf(pdf_line("第一条 借款"), pdf_line("金额一万元。", indent=True, known=False),
              pdf_line("第二条 还款"))
    contract = parse_contract(doc)
    assert not contract.clause("1").emphasis_known and contract.clause("2").emphasis_known


# --------------------------------------------------------------------------- no loss


NO_LOSS_DOCS = {
    "articles": paragraphs("#借款合同", "甲方：张三", "第一条 借款", "1. 金额。", "（1）本金；", "2. 用途。",
                           "第二条 还款", "|期数 | 金额", "#附件", "收条。"),
    "pdf": pdf(pdf_line("借款协议", size=16), pdf_line("第一条 借款", bold=1.0),
               pdf_line("借款金额为人民币", indent=True, wrap=True), pdf_line("一万元。", page=2),
               pdf_line("", page=2), pdf_line("1. 本金。", page=2), pdf_line("Article 2 Term", page=2),
               pdf_line("The term is one", page=2, wrap=True), pdf_line("year.", page=2)),
    "unstructured": paragraphs("借条", "今借到人民币一万元。", "此据。"),
}


@pytest.mark.parametrize("name", sorted(NO_LOSS_DOCS))
def test_every_line_lands_in_exactly_one_clause(name):
    doc = NO_LOSS_DOCS[name]
    assert_no_loss(doc)


def assert_no_loss(doc: Document) -> None:
    """Clause line ranges tile the document and each clause's text holds its lines' text."""
    contract = parse_contract(doc)
    covered = [i for c in contract.clauses for i in range(c.line_start, c.line_end + 1)]
    assert covered == list(range(len(doc.lines)))
    for clause in contract.clauses:
        own = doc.lines[clause.line_start:clause.line_end + 1]
        assert _squeeze(clause.text) == "".join(_squeeze(line.text) for line in own)


def _squeeze(text: str) -> str:
    return "".join(text.split())


# --------------------------------------------------------------------------- render


def test_render_tree_indents_children_and_shows_title_pages_and_preview():
    doc = paragraphs("借款合同", "第三条 借款利率", "（一）年利率为百分之三点六。")
    tree = render_tree(parse_contract(doc)).splitlines()
    assert tree[1].startswith("3 第三条 [借款利率] p1 b=0.00 | 第三条 借款利率")
    assert tree[2].startswith("  3.1 （一） p1")
    assert tree[2].endswith("年利率为百分之三点六。")


def test_render_tree_cuts_long_text():
    doc = paragraphs("第一条 " + "长" * 100)
    assert render_tree(parse_contract(doc)).endswith("…")


# --------------------------------------------------------------------------- any document

from hypothesis import given, settings, strategies as st  # noqa: E402

_TEXTS = ["第一条 借款", "第二条", "第十二条　其他", "第一章 总则", "第一节 定义", "一、金额", "二、期限",
          "（一）本金。", "（二）利息；", "1. 甲方。", "2. 乙方", "1.1 小项", "1.2", "(1) 甲", "(2)",
          "① 甲", "② 乙", "2024年还款。", "30日内", "Article 3 Term", "附件", "借款金额", "", "  ",
          "甲方向乙方借款人民币", "一万元。", "The Borrower shall", "repay."]

_lines = st.builds(
    lambda text, page, kind, wrap, bold: pdf_line(text, page=page, wrap=wrap, bold=bold, kind=kind),
    st.sampled_from(_TEXTS), st.integers(1, 3), st.sampled_from(["body", "body", "heading", "table_row"]),
    st.booleans(), st.sampled_from([0.0, 1.0]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_lines, max_size=25))
def test_any_document_keeps_every_line_once_with_unique_paths_and_known_parents(lines):
    lines = sorted(lines, key=lambda l: l.page)
    doc = pdf(*lines) if lines else Document(path="e.pdf", format="pdf", pages=())
    assert_no_loss(doc)
    seen: set[str] = set()
    for clause in parse_contract(doc).clauses:
        assert clause.path not in seen
        assert clause.parent is None or clause.parent in seen
        assert clause.page_start <= clause.page_end
        seen.add(clause.path)


def test_a_list_item_wrapped_under_its_own_text_continues_the_item():
    doc = pdf(pdf_line("第一条 催收", bold=1.0),
              pdf_line("1. 贷款人不得向借款人的亲友透露欠款", wrap=True),
              pdf_line("信息。", indent=True))  # hangs under the item's text, not its marker
    item = parse_contract(doc).clause("1.1")
    assert (item.title, item.text) == ("", "1. 贷款人不得向借款人的亲友透露欠款信息。")


def test_a_bold_sentence_wrapped_over_two_lines_is_not_a_heading():
    doc = pdf(pdf_line("第一条 逾期", bold=1.0),
              pdf_line("借款人逾期的，对逾期部分在合", bold=1.0, wrap=True),
              pdf_line("同利率上加收50%计收罚息。", bold=1.0),
              pdf_line("第二条 争议", bold=1.0), pdf_line("协商解决。", indent=True))
    assert paths(doc) == ["1", "2"]
