"""Sample 6: a consumer-finance company loan with a ruled repayment schedule.

Dated 2021-03-18, cap 4 x 3.85% = 15.4%. 月利率0.7%（年化利率8.4%）; 罚息 x1.5 = 12.6%.
Unlawful: a service fee deducted from the principal at disbursement (砍头息), collection at
any hour with no limit on contacts, fee changes that bind by "continued use".
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from render import Para, Table, Template
from texts import center, heading, item, key, para, title

PRINCIPAL = Decimal("12000.00")
MONTHLY_RATE = Decimal("0.007")
PERIODS = 12
FIRST_DUE = date(2021, 4, 18)

TEMPLATE = Template(
    size=10,
    header_left="岚山消费金融股份有限公司",
    header_right="个人消费贷款合同　No. LSCF-2021-0318-55102",
    footer_left="虚构样本：公司、人名、证件号码均为虚构。",
    footer="第 {p} 页，共 {n} 页",
    title="岚山消费金融个人消费贷款合同（虚构样本）",
)


def _cents(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def schedule() -> list[tuple[int, date, Decimal, Decimal, Decimal]]:
    """Equal instalments (等额本息): (period, due date, principal, interest, total)."""
    r, n = MONTHLY_RATE, PERIODS
    growth = (1 + r) ** n
    payment = _cents(PRINCIPAL * r * growth / (growth - 1))
    rows = []
    balance = PRINCIPAL
    for k in range(1, n + 1):
        interest = _cents(balance * r)
        principal = payment - interest if k < n else balance
        balance -= principal
        month = FIRST_DUE.month - 1 + k - 1
        due = date(FIRST_DUE.year + month // 12, month % 12 + 1, FIRST_DUE.day)
        rows.append((k, due, principal, interest, principal + interest))
    return rows


def _money(x: Decimal) -> str:
    return f"{x:,.2f}"


def _table() -> Table:
    rows = [["期数", "还款日", "应还本金（元）", "应还利息（元）", "当期合计（元）"]]
    total_p = total_i = Decimal(0)
    for k, due, p, i, t in schedule():
        rows.append([f"第{k}期", f"{due.year}年{due.month}月{due.day}日", _money(p), _money(i), _money(t)])
        total_p += p
        total_i += i
    rows.append(["合计", "", _money(total_p), _money(total_i), _money(total_p + total_i)])
    return Table(rows=rows, widths=[0.12, 0.25, 0.21, 0.21, 0.21], header=True, size=9.5,
                 align=["center", "center", "right", "right", "right"])


def blocks() -> list:
    return [
        title("个人消费贷款合同"),
        center("（岚山消费金融“随心借”产品适用）", size=9.5, after=8),
        Para(
            "**重要提示：**请借款人在签署本合同前仔细阅读各条款，" + key(
                "特别是其中以加粗及下划线标示的费用收取、逾期罚息、违约责任、催收方式和免责条款") +
            "。借款人签署本合同即表示已充分理解并同意上述条款。", box=True, after=8),
        item("贷款人（甲方）：岚山消费金融股份有限公司　　住所：四川省成都市虚构区锦程大道1818号"),
        item("借款人（乙方）：方可欣　　身份证号码：990812199302277742"),
        item("乙方住址：四川省绵阳市虚构区临园路东段46号　　手机：19928180318", after=6),
        para("乙方通过甲方“随心借”产品申请个人消费贷款，甲方审核同意。双方订立本合同如下："),
        heading("第一条　借款金额、期限和用途"),
        item("1. 借款金额为人民币壹万贰仟元整（¥12,000.00），用于购买家用电器。"),
        item("2. 借款期限为12个月，自2021年3月18日起至2022年3月18日止。"),
        heading("第二条　利率与服务费"),
        item("1. " + key("借款月利率为0.7%（年化利率8.4%），按月计收利息。")),
        item("2. " + key("乙方应向甲方支付平台服务费人民币陆佰元整（¥600.00）。该服务费在放款时由甲方"
                         "一次性从借款本金中扣收，乙方实际到账金额为人民币壹万壹仟肆佰元整"
                         "（¥11,400.00），但乙方仍应按借款金额壹万贰仟元偿还本金并计付利息。")),
        heading("第三条　还款方式与还款计划"),
        item("1. 乙方按等额本息方式分12期偿还，每月18日为还款日。各期应还金额见下表："),
        _table(),
        item("2. 乙方应在还款日前将当期应还款项存入绑定的还款卡，甲方于还款日自动扣划。"),
        item("3. 乙方可申请提前结清，甲方按剩余本金的1%收取提前还款手续费；已扣收的平台服务费"
             "不予退还。"),
        heading("第四条　逾期罚息"),
        item("1. " + key("乙方未按时足额还款的，自逾期之日起对逾期本金按借款利率加收50%计收罚息，"
                         "直至清偿。")),
        item("2. " + key("乙方逾期后，甲方有权宣布剩余借款全部到期，并要求乙方一次性偿还全部未还"
                         "本金、利息及罚息。")),
        heading("第五条　征信"),
        item("甲方已接入金融信用信息基础数据库。乙方知悉并同意，甲方将本合同项下的借款及还款信息"
             "（含逾期记录）如实报送该数据库，报送不良信息前甲方将依法通知乙方。"),
        heading("第六条　催收"),
        item("1. " + key("乙方逾期后，甲方及其委托的催收机构可以在任何时段（含夜间及节假日）通过"
                         "电话、短信、微信、上门等方式联系乙方催收，联系次数及频率均不设上限，"
                         "乙方对此不持异议。")),
        item("2. 甲方不会向乙方以外的任何人透露乙方的借款及逾期信息。"),
        heading("第七条　费用标准的调整"),
        item("甲方可以根据经营需要调整平台服务费、提前还款手续费等收费标准，调整方案在“随心借”"
             "App公告后生效。公告后乙方继续使用本产品或继续履行本合同的，视为乙方接受调整。"),
        heading("第八条　免责条款"),
        item(key("因第三方支付机构、银行系统或通讯故障导致扣款失败的，甲方不承担责任，由此产生"
                 "的逾期后果仍由乙方承担。")),
        heading("第九条　争议解决"),
        item("双方因本合同产生的争议，应协商解决；协商不成的，由本合同签订地（四川省成都市虚构区）"
             "人民法院管辖。"),
        heading("第十条　其他"),
        item("本合同自乙方在线签署并经甲方放款之日起生效。还款计划表为本合同不可分割的组成部分。"),
        Para("甲方（电子签章）：岚山消费金融股份有限公司　　　乙方（电子签名）：方可欣",
             before=14, after=4),
        Para("签署日期：2021年3月18日"),
    ]
