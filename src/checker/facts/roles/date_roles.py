"""Which date is the signing and which the disbursement; the contract date they give."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...model import Clause
from ..dates import find_dates
from ..topics import split_sentences
from .words import rx


@dataclass(frozen=True)
class DatedMention:
    role: str  # signing | signing_unlabelled (a date standing alone) | effective | disbursement
    iso: str
    clause: Clause
    evidence: str
    # False for a bare date read as the receipt of an IOU: words saying when the money moved win over it
    explicit: bool = True


def find_role_dates(clauses: tuple[Clause, ...]) -> list[DatedMention]:
    """Signing and disbursement dates; a bare date after a 收条/借条 acknowledges the money."""
    out: list[DatedMention] = []
    receipt_seen = False
    for clause in clauses:
        for s in split_sentences(clause.text):
            if rx("dates.receipt").search(s.text):
                receipt_seen = True
            for d in find_dates(s.text):
                role = _date_role(s.text, d, receipt_seen)
                if role == "receipt":
                    out.append(DatedMention("disbursement", d.iso, clause, s.text, explicit=False))
                elif role:
                    out.append(DatedMention(role, d.iso, clause, s.text))
    return out


def _date_role(sentence: str, d: Any, receipt_seen: bool) -> str | None:
    before = sentence[max(0, d.start - 16):d.start]
    after = sentence[d.end:d.end + 24]
    if rx("dates.effective").search(before):
        return "effective"
    if rx("dates.not_signing").search(before) or rx("dates.not_after").search(after):
        return None
    # 「本合同于二〇二五年三月十日在杭州市签订」: the place may stand between the date and the verb
    if rx("dates.signing").search(before) or re.match(r"\s*(在[^，。；,;]{1,18}?)?(签订|签署|签约|订立)", after):
        return "signing"
    ends_sentence = not re.search(r"[\u4e00-\u9fff\d|]", sentence[d.end:])
    # a date on a line of its own (a 借条's date line, possibly run into a footer); not a table row
    alone = ends_sentence and not re.search(r"[\u4e00-\u9fff\d|]", sentence[:d.start]) or (
        not sentence[:d.start].strip() and not re.search(r"[\d|]", sentence[d.end:]))
    if receipt_seen and (alone or ends_sentence):
        return "receipt"
    if alone:
        return "signing_unlabelled"
    near = sentence[max(0, d.start - 20):d.end + 20]
    if rx("dates.disbursement").search(near) and not re.search(r"还款|到期", near):
        return "disbursement"
    return None


def date_summary(mentions: list[DatedMention], natural_persons_only: bool) -> dict[str, Any]:
    # an online agreement may give only the day it takes effect (协议生效日期：…): formed that day
    signing = max((m.iso for m in mentions if m.role == "signing"), default=None) or max(
        (m.iso for m in mentions if m.role == "signing_unlabelled"), default=None) or max(
        (m.iso for m in mentions if m.role == "effective"), default=None)
    paid = [m for m in mentions if m.role == "disbursement"]
    disbursement = min((m.iso for m in paid if m.explicit), default=None) or min(
        (m.iso for m in paid), default=None)
    if natural_persons_only and disbursement:
        contract_date = disbursement
    else:
        contract_date = signing or disbursement
    return {"signing_date": signing, "disbursement_date": disbursement, "contract_date": contract_date}
