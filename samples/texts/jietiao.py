"""Sample 4: a one-page handwritten-style 借条 (IOU), interest-free, with no term, no
repayment method, no overdue terms and no dispute clause. Dated 2025-09-02 (cap 12.0%)."""
from __future__ import annotations

from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm

from render import Para, Spacer, Template
from texts import para, title

TEMPLATE = Template(
    pagesize=landscape(A5),
    margins=(16 * mm, 20 * mm, 18 * mm, 20 * mm),
    size=14,
    footer_left="虚构样本：人名、证件号码均为虚构。",
    header_size=8,
    title="借条（虚构样本）",
)


def blocks() -> list:
    return [
        title("借　　条", size=22),
        Spacer(4),
        para("今借到文思远（身份证号：990506197102283316）人民币叁万陆仟元整（¥36,000.00），"
             "用于支付家中老人住院治疗费用。款项已由出借人通过手机银行转入本人账户，本人已如数"
             "收到。本借款为无息借款。", leading=1.8),
        para("特立此据。", leading=1.8, after=10),
        Para("借款人：贺一舟", align="right", after=2),
        Para("身份证号：990507198305121231", align="right", size=12, after=2),
        Para("联系电话：19955090202", align="right", size=12, after=2),
        Para("见证人：贺一帆", align="right", size=12, after=2),
        Para("二〇二五年九月二日", align="right"),
    ]
