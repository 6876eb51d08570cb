"""The parties: who lends, who borrows, and what kind of person or firm each is.

Which of 甲方/乙方 lends is said in brackets (「甲方（借款人）」), by the label itself
(「贷款人：」), by 「以下简称“甲方”」, or only in the body (「乙方向甲方借款」): in some
contracts 甲方 is the borrower, so no alias is assumed. Kinds: bank, consumer_finance,
small_loan, other_licensed, company, natural_person (vocabulary in ``checker/vocab/parties.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from ..model import Contract, Fact
from .topics import load_vocab

_ALIAS = re.compile(r"[甲乙丙丁]方")
_SHORT = re.compile(r"以下(简称|称)[“\"「]?([^”\"」）)，,]{1,12})")


@dataclass(frozen=True)
class Party:
    role: str  # lender | borrower | platform | guarantor | ""
    name: str
    kind: str | None
    line: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Parties:
    parties: tuple[Party, ...] = ()
    roles: dict[str, str] = field(default_factory=dict)  # 甲方 -> lender ...

    def first(self, role: str) -> Party | None:
        return next((p for p in self.parties if p.role == role), None)

    @property
    def lender(self) -> Party | None:
        return self.first("lender")

    @property
    def borrower(self) -> Party | None:
        return self.first("borrower")

    @property
    def natural_persons_only(self) -> bool:
        lender, borrower = self.lender, self.borrower
        return bool(lender and borrower and lender.kind == "natural_person" and borrower.kind == "natural_person")


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_vocab("parties")


@lru_cache(maxsize=1)
def _line_pattern() -> re.Pattern[str]:
    labels = _vocab()["labels"]
    return re.compile(
        rf"^\s*(?P<label>{labels})\s*(?:[：:]?\s*[（(](?P<bracket>[^）)]{{1,20}})[）)])?\s*(?P<en>[A-Za-z ]{{0,20}}?)\s*[：:]\s*(?P<name>.*\S)?\s*$"
    )


def read_parties(contract: Contract) -> Parties:
    """The parties named in the contract (party lines first, then a 借条's 借到 phrase)."""
    parties: list[Party] = []
    parts = [p for para in _paragraphs(contract) for p in _line_parts(para)]
    for i, part in enumerate(parts):
        party = _party_line(part)
        if party and not any(p.name == party.name and p.role == party.role for p in parties):
            if party.name or party.role:
                parties.append(_kind_from_fields(party, parts[i + 1:]))
    roles = _alias_roles(parties, contract.document.text)
    parties = [_with_role(p, roles) for p in parties]
    if not any(p.role == "lender" for p in parties):
        receipt = _lender_in_receipt(contract.document.text)
        if receipt:
            parties.append(receipt)
    return Parties(tuple(parties), roles)


def _kind_from_fields(party: Party, following: list[str]) -> Party:
    """A party whose name is a blank of the form still shows its kind by the fields under it
    (身份证号码 for a person; 统一社会信用代码 / 法定代表人 for a firm), up to the next party line."""
    if party.kind:
        return party
    fields = _vocab()["kind_fields"]
    for line in following[:int(fields["window"])]:
        if _line_pattern().match(line):
            break
        for kind in ("company", "natural_person"):
            if re.match(fields[kind], line.strip()):
                return Party(party.role, party.name, kind, party.line, party.aliases)
    return party


def lender_table_kind(contract: Contract) -> str | None:
    """The kind of lenders listed in a table under a caption (出借人详情如下表, 出借人列表): its
    column labels name persons (姓名, 身份证号) or firms (公司名称, 统一社会信用代码)."""
    fields = _vocab()["kind_fields"]
    lines = [line.text for line in contract.document.lines]
    for i, line in enumerate(lines):
        if not re.search(fields["lender_caption"], line):
            continue
        window = " ".join(lines[i:i + int(fields["window"])])
        for kind in ("company", "natural_person"):
            if re.search(fields[f"{kind}_column"], window):
                return kind
    return None


def _paragraphs(contract: Contract) -> Iterator[str]:
    """Clause text paragraphs rather than visual lines: a PDF line may wrap inside the next
    party's label (「…支行 借款」 / 「人：陈思远」). Lines when there are no clauses."""
    if not contract.clauses:
        yield from (line.text for line in contract.document.lines)
        return
    for clause in contract.clauses:
        yield from clause.text.split("\n")


def _party_line(text: str) -> Party | None:
    m = _line_pattern().match(text)
    if not m:
        return None
    label, bracket, en = m.group("label"), m.group("bracket") or "", m.group("en") or ""
    raw = m.group("name") or ""
    words = " ".join((label, bracket, en))
    aliases = set(_ALIAS.findall(label + bracket))
    short = _SHORT.search(raw)
    if short:
        aliases.update(_ALIAS.findall(short.group(2)))
        words += " " + short.group(2)
    role = _role_of(words)
    if not role:  # 「甲方：某某商业保理有限公司（出借人）」: the role in brackets after the name
        after = re.search(r"[（(]([^）)]{1,12})[）)]", raw)
        role = _role_of(after.group(1)) if after else ""
    if _SIGNATURE.search(bracket):
        # a signature line 「贷款人（盖章）：某某银行 借款人（签字）：李明」: the name runs to the next label
        raw = re.split(rf"\s*(?:{_vocab()['labels']})\s*[（(]", raw)[0]
    name = _clean_name(raw)
    return Party(role, name, _kind_of(name, raw) if name else None, text.strip(), tuple(sorted(aliases)))


_CELL_AFTER_LABEL = re.compile(r"([：:])\s*\|\s*")


def _line_parts(text: str) -> list[str]:
    """A line naming several parties (「出借人：谢宏图　借款人：高雅琴」) split before each label."""
    labels = _vocab()["labels"]
    # a two-cell table row 「出借人（甲方）： | 赵建国」 or 「| 出借人（甲方） | 赵建国 |」 is one label：value pair
    text = _CELL_AFTER_LABEL.sub(r"\1", text)
    text = re.sub(rf"^\s*\|?\s*((?:{labels})\s*(?:[（(][^）)]{{1,20}}[）)])?)\s*\|\s*", r"\1：", text)
    # an English label may come first: 「…有限公司 Borrower 借款人：…」; a wrapped PDF line
    # joins two party lines with no space between (「…有限公司借款人：…」): a role word of
    # three characters right before a colon still starts a new part
    roles = "|".join(w for w in labels.split("|") if len(w) >= 3)
    return re.split(rf"\s+(?=(?:[A-Za-z]+\s+){{0,3}}(?:{labels})\s*(?:[（(][^）)]{{1,20}}[）)])?\s*[：:])"
                    rf"|(?<=[\u4e00-\u9fff])(?=(?:{roles})[：:])", text)


_SIGNATURE = re.compile(r"签字|签章|盖章|签名|按手印|Signature|seal", re.IGNORECASE)


def _role_of(words: str) -> str:
    for role, pattern in _vocab()["roles"].items():
        if re.search(pattern, words, re.IGNORECASE):
            return role
    return ""


def _clean_name(raw: str) -> str:
    raw = re.sub(r"^[“\"]|[”\"]$", "", raw.strip())
    raw = re.split(rf"\s*(?:{_vocab()['field_labels']})\s*[：:]", raw)[0]
    firm = re.match(_vocab()["bracketed_firm"], raw.strip())
    if firm:
        return firm.group(0)
    if re.match(r"[\u4e00-\u9fff]", raw):
        name = re.split(r"[，,（(；;：:|｜]|\s+(?=[A-Za-z])|\s{2,}", raw)[0]
    else:
        name = re.split(r"[，,（(；;：:|｜]", raw)[0]
    return name.strip()


def _kind_of(name: str, raw: str) -> str | None:
    vocab = _vocab()
    for kind, pattern in vocab["kinds"].items():
        if re.search(pattern, name, re.IGNORECASE):
            return kind
    if re.search(vocab["natural_person"], name) or re.search(vocab["natural_person"], raw):
        return "natural_person"
    if re.search(vocab["kind_fields"]["natural_person_inline"], raw) and not re.search(vocab["kinds"]["company"], raw):
        return "natural_person"
    return None


def _alias_roles(parties: list[Party], text: str) -> dict[str, str]:
    roles: dict[str, str] = {}
    for p in parties:
        for alias in p.aliases:
            if p.role and alias not in roles:
                roles[alias] = p.role
    rules = _vocab()["role_from_text"]
    for m in re.finditer(rules["platform_alias"], text):
        roles.setdefault(m.group("a"), "platform")
    for key, first, second in (("borrower_first", "borrower", "lender"), ("lender_first", "lender", "borrower")):
        for m in re.finditer(rules[key], text):
            if m.group("a") != m.group("b"):
                roles.setdefault(m.group("a"), first)
                roles.setdefault(m.group("b"), second)
    return roles


def _with_role(p: Party, roles: dict[str, str]) -> Party:
    if p.role:
        return p
    role = next((roles[a] for a in p.aliases if a in roles), "")
    return Party(role, p.name, p.kind, p.line, p.aliases)


def _lender_in_receipt(text: str) -> Party | None:
    m = re.search(_vocab()["lender_in_receipt"], text) or re.search(_vocab()["lender_asked_in_receipt"], text)
    if not m:
        return None
    name = _clean_name(m.group("name"))
    return Party("lender", name, _kind_of(name, name), m.group(0)) if name else None


def party_facts(contract: Contract, parties: Parties) -> Iterator[Fact]:
    """Fact(kind="party") for the lender and the borrower."""
    for role in ("lender", "borrower"):
        p = parties.first(role)
        if p:
            yield Fact(kind="party", name=role, value=p.name, clause="0", page=1, evidence=p.line[:300],
                       attrs={"kind": p.kind})
