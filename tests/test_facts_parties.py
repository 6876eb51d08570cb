"""Parties: who lends and who borrows (甲方 is not always the lender), and what kind each is."""
from __future__ import annotations

import pytest

from checker.facts.parties import read_parties
from checker.model import Clause, Contract, Document, Line, Page


def contract(*lines: str) -> Contract:
    doc = Document("x.txt", "txt", (Page(1, tuple(Line(t, 1, top=i) for i, t in enumerate(lines))),))
    pre = Clause("0", "", "", "\n".join(lines), 0, "preamble", 1, 1, 0, len(lines) - 1)
    return Contract(doc, (pre,))


@pytest.mark.parametrize("lines, name, kind", [
    (["甲方（借款人）：李明", "乙方（贷款人）：北京某某银行股份有限公司朝阳支行"], "北京某某银行股份有限公司朝阳支行", "bank"),
    (["贷款人：星河消费金融股份有限公司", "借款人：王芳"], "星河消费金融股份有限公司", "consumer_finance"),
    (["出借人：广州市某某网络小额贷款有限公司（以下简称“出借人”）", "借款人：陈晨"], "广州市某某网络小额贷款有限公司", "small_loan"),
    (["债权人：华盛信托有限责任公司", "债务人：赵磊"], "华盛信托有限责任公司", "other_licensed"),
    (["甲方（出借方）：上海某某贸易有限公司", "乙方（借款方）：周杰"], "上海某某贸易有限公司", "company"),
    (["出借人（甲方）：钱小红，女，1975年3月2日出生", "身份证号码：110101197503020000", "借款人（乙方）：孙大伟"], "钱小红", "natural_person"),
    (["贷款人 Lender：某某汽车金融有限公司 Some Auto Finance Co., Ltd.", "借款人 Borrower：John Smith"], "某某汽车金融有限公司", "consumer_finance"),
])
def test_lender_name_and_kind(lines, name, kind):
    lender = read_parties(contract(*lines)).lender
    assert lender is not None and (lender.name, lender.kind) == (name, kind)


def test_jia_can_be_the_borrower():
    parties = read_parties(contract("甲方（借款人）：李明", "乙方（贷款人）：某某银行"))
    assert parties.roles == {"甲方": "borrower", "乙方": "lender"}


def test_alias_roles_from_the_body_when_party_lines_do_not_say():
    parties = read_parties(contract("甲方：张伟", "乙方：刘洋", "乙方因资金周转需要向甲方借款，双方订立本合同。"))
    assert parties.roles["乙方"] == "borrower" and parties.roles["甲方"] == "lender"
    assert parties.lender.name == "张伟"


def test_alias_from_yixia_jiancheng():
    parties = read_parties(contract("出借人：赵六（以下简称“甲方”）", "借款人：钱七（以下简称“乙方”）"))
    assert parties.roles == {"甲方": "lender", "乙方": "borrower"}


def test_lender_of_a_jietiao_is_read_from_the_jiedao_phrase():
    parties = read_parties(contract("借条", "今借到周建华（身份证号：110000000000000000）人民币叁万元整。", "借款人：吴敏"))
    assert parties.lender.name == "周建华" and parties.lender.kind == "natural_person"


def test_natural_persons_only_needs_both_sides_to_be_persons():
    assert read_parties(contract("出借人：张伟", "借款人：刘洋")).natural_persons_only
    assert not read_parties(contract("出借人：某某科技有限公司", "借款人：刘洋")).natural_persons_only


def test_platform_is_not_the_lender():
    parties = read_parties(contract("甲方（借款人）：李明", "乙方（出借人）：王强", "丙方（平台服务方）：某某科技有限公司"))
    assert parties.lender.name == "王强" and parties.roles["丙方"] == "platform"


def test_signature_block_does_not_override_the_party_lines():
    parties = read_parties(contract("贷款人：某某银行", "借款人：李明", "贷款人（盖章）：", "借款人（签字）："))
    assert parties.lender.name == "某某银行"


def test_a_party_in_a_two_cell_table_row_is_read():
    from checker.facts.parties import read_parties
    from checker.model import Contract, Document, Line, Page
    lines = ("出借人（甲方）： | 赵建国，男，1968年5月12日出生", "身份证号码： | 990106196805123010",
             "借款人（乙方）： | 孙丽娟，女", "身份证号码： | 990107197912085526")
    doc = Document("t.html", "html", (Page(1, tuple(Line(t, 1, kind="table_row") for t in lines)),))
    parties = read_parties(Contract(doc, ()))
    lender = next(p for p in parties.parties if p.role == "lender")
    assert lender.name.startswith("赵建国")


def test_a_party_line_wrapped_inside_the_next_label_is_read_from_the_clause_text():
    lines = ("贷款人：华信银行股份有限公司滨江支行 借款", "人：陈思远")  # two visual lines of a PDF
    doc = Document("x.pdf", "pdf", (Page(1, tuple(Line(t, 1, top=i) for i, t in enumerate(lines))),))
    pre = Clause("0", "", "", "贷款人：华信银行股份有限公司滨江支行 借款人：陈思远", 0, "preamble", 1, 1, 0, 1)
    parties = read_parties(Contract(doc, (pre,)))
    assert (parties.lender.name, parties.borrower.name) == ("华信银行股份有限公司滨江支行", "陈思远")


@pytest.mark.parametrize("line", [
    "Lender 出借人: Harbour Light Trading Ltd. 港灯贸易有限公司 Borrower 借款人: Liu Mingzhe",
    "贷款人：Harbour Light Trading Ltd. 港灯贸易有限公司借款人：Liu Mingzhe",
])
def test_two_parties_on_one_line_are_split_before_the_second_label(line):
    parties = read_parties(contract(line))
    assert parties.lender.name == "Harbour Light Trading Ltd. 港灯贸易有限公司"
    assert parties.borrower.name.startswith("Liu Mingzhe")


@pytest.mark.parametrize("line, name", [
    ("贷款人：青禾商业保理股份有限公司 住所：上海市浦东新区某路1号", "青禾商业保理股份有限公司"),
    ("出借人：青禾商业保理股份有限公司住所：上海市浦东新区某路1号", "青禾商业保理股份有限公司"),
    ("出借人：周明远 身份证号码：110101198001010000", "周明远"),
    ("贷款人：北辰消费金融有限公司 法定代表人：吴某", "北辰消费金融有限公司"),
    ("贷款人：北辰消费金融有限公司 统一社会信用代码：91110000000000000X", "北辰消费金融有限公司"),
])
def test_a_lender_name_does_not_carry_the_next_field_on_its_line(line, name):
    lender = read_parties(contract(line, "借款人：王芳")).lender
    assert lender is not None and lender.name == name
