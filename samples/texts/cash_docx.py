"""Sample 7 (DOCX): a short-term cash loan from an ordinary company, with a fee table.

Dated 2022-12-05, cap 4 x 3.65% = 14.6%. Nominal 年利率12% but 综合年化成本33.6% (the
higher figure counts); overdue 日利率0.05% = 18%; 逾期管理费 每日0.1% = 36%; the debt may
be told to phone contacts and the employer. Decoy: rate changes need the borrower's consent.
Chapter headings and the items of three chapters use automatic numbering (numbering.xml).
"""
from __future__ import annotations

from pathlib import Path

from docx_writer import Doc, P, T, write as write_docx


def _chapter(doc: Doc, chapters: int, title: str) -> None:
    doc.blocks.append(P(f"**{title}**", style="Heading1", num=chapters))


def _numbered(doc: Doc, items: list[str]) -> None:
    num = doc.new_list("decimal")
    doc.blocks.extend(P(text, num=num) for text in items)


def build() -> Doc:
    doc = Doc(title="禾穗速借借款合同（虚构样本）")
    b = doc.blocks
    b.append(P("禾穗速借借款合同", style="Title"))
    b.append(P("合同编号：HS-SJ-20221205-7731", align="center"))
    b.append(T(rows=[[
        "**重要提示：**本合同由出借人提供，适用于通过“禾穗速借”小程序借款的所有用户。"
        "**__请您认真阅读全部条款，特别是以粗体加下划线标出的借款费用、逾期利息、逾期管理费、"
        "催收安排及免责条款。__**您点击“确认借款”即表示同意本合同全部内容。"
    ]], widths=[9000], shade=True))
    b.append(T(rows=[
        ["出借人（甲方）", "广州市禾穗商务咨询有限公司\n住所：广东省广州市虚构区黄埔大道西199号"],
        ["借款人（乙方）", "唐语嫣\n身份证号：990612199910055529\n手机：19920221205"],
        ["乙方住址", "广东省佛山市虚构区季华五路31号"],
    ], widths=[2200, 6800]))
    chapters = doc.new_list("chapter")

    _chapter(doc, chapters, "借款金额与期限")
    _numbered(doc, [
        "借款金额为人民币伍仟元整（¥5,000.00），甲方于2022年12月5日一次性足额转入乙方绑定"
        "的银行卡。",
        "借款期限为6个月，自2022年12月5日起至2023年6月4日止。",
        "还款方式为按月付息、到期还本：乙方每月5日支付当月利息及费用，最后一期同时归还"
        "全部本金。",
    ])

    _chapter(doc, chapters, "利率与费用")
    _numbered(doc, [
        "**__借款年利率为12%，按月支付，每月利息为人民币50元。__**",
        "**__除利息外，乙方还应按月支付下表所列服务费用。计入全部利息和费用后，本次借款的"
        "综合年化成本为33.6%。__**",
    ])
    b.append(T(rows=[
        ["费用项目", "收费标准", "每月金额（元）", "收取方式"],
        ["账户管理费", "借款本金的0.8%/月", "40.00", "每月5日随利息收取"],
        ["风险评估费", "借款本金的1.0%/月", "50.00", "每月5日随利息收取"],
        ["合计", "借款本金的1.8%/月", "90.00", "—"],
    ], widths=[2000, 2600, 2000, 2400], header=True))
    b.append(P("上述费用均在还款时收取，甲方放款时不扣除任何费用，乙方实际到账金额即为借款金额。"))

    _chapter(doc, chapters, "逾期责任")
    _numbered(doc, [
        "**__乙方未按期还款的，自逾期之日起，逾期本金按日利率0.05%计收逾期利息。__**",
        "**__乙方逾期期间，还应按逾期应还金额每日0.1%的标准向甲方支付逾期管理费，用于弥补"
        "甲方的催收成本。__**",
        "乙方逾期超过15日的，甲方可以要求乙方提前偿还全部剩余本金、利息及费用。",
    ])

    _chapter(doc, chapters, "催收安排")
    _numbered(doc, [
        "甲方可以通过电话、短信及小程序消息提醒乙方还款，联系时间为每日9:00至20:00。",
        "**__乙方同意：乙方逾期超过3日的，甲方有权将乙方的逾期事实及欠款金额告知乙方手机"
        "通讯录中的联系人及乙方的工作单位，请其协助督促乙方还款。__**",
        "甲方不采用暴力、恐吓或侮辱性语言催收。",
    ])

    _chapter(doc, chapters, "信用信息")
    b.append(P("甲方已与依法设立的个人征信机构开展信息合作。乙方同意，甲方将本合同项下的借款及"
               "还款信息，包括逾期信息，报送该征信机构；甲方报送不良信息前将以短信方式事先告知乙方。",
               indent_first=420))

    _chapter(doc, chapters, "费率调整")
    b.append(P("合同期内，甲方如需调整利率或任何费用标准，应提前30日书面通知乙方并取得乙方书面"
               "同意；乙方不同意的，可以提前还款，甲方不收取任何额外费用。", indent_first=420))

    _chapter(doc, chapters, "免责条款")
    b.append(P("**__因银行、支付机构或电信运营商的系统原因导致放款延迟或扣款失败的，甲方不承担"
               "赔偿责任。__**", indent_first=420))

    _chapter(doc, chapters, "争议解决")
    b.append(P("因本合同引起的争议，双方协商不成的，任何一方均有权向甲方住所地人民法院提起诉讼。",
               indent_first=420))

    b.append(P("甲方：广州市禾穗商务咨询有限公司（电子签章）"))
    b.append(P("乙方：唐语嫣（电子签名）"))
    b.append(P("签订日期：2022年12月5日"))
    b.append(P("（虚构样本：公司、人名、证件号码、地址均为虚构。）", align="center"))
    return doc


def write(path: Path) -> None:
    write_docx(build(), path)
