"""Obligations with polarity: what a sentence permits, requires or forbids, and who acts.

The same words flip meaning with their cue: 「甲方有权告知紧急联系人逾期情况」 permits
disclosure, 「甲方不得向亲友透露欠款信息」 forbids it. For each action found in a sentence
the modality is the nearest cue *before* the action's verb (有权/可 -> permitted, 应/须 ->
required, 不得/不会/禁止 -> forbidden); with no cue before it, a trailing prohibition
(「……等方式均被禁止」) forbids, and a plain statement (「放款时从本金中扣除利息」) permits.
Vocabulary and cues live in ``checker/vocab/obligations.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Mapping

from ..model import Clause, Fact
from .prefilter import Screen, all_need, any_need, joint
from .topics import Sentence, compile_patterns, load_vocab, matches_any, split_sentences

_CJK = re.compile(r"[\u4e00-\u9fff]")
_PARTY_ALIAS = re.compile(r"[甲乙丙丁]方")


@dataclass(frozen=True)
class Obligation:
    action: str
    modality: str  # permitted | required | forbidden
    actor: str  # lender | borrower | third_party
    verb_at: int  # offset of the verb in the sentence


@dataclass(frozen=True)
class _Action:
    name: str
    patterns: list
    require: list
    exclude: list
    default_actor: str
    actors: tuple[str | None, ...]  # per pattern: who acts whatever the sentence's subject (None: read it)
    verb_screen: Screen  # per pattern: the characters a sentence needs for it


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_vocab("obligations")


@lru_cache(maxsize=1)
def _actions() -> tuple[_Action, ...]:
    return tuple(_action(name, spec) for name, spec in _vocab()["actions"].items())


def _action(name: str, spec: dict) -> _Action:
    patterns = compile_patterns(spec.get("patterns"))
    return _Action(name, patterns, compile_patterns(spec.get("require")), compile_patterns(spec.get("exclude")),
                   spec.get("default_actor", "lender"),
                   tuple(entry.get("actor") if isinstance(entry, dict) else None for entry in spec.get("patterns") or []),
                   Screen([all_need(group) for group in patterns]))


@lru_cache(maxsize=1)
def _screen() -> Screen:
    """The characters a sentence needs for each action: a verb, and what the action requires."""
    return Screen([joint(any_need(a.patterns), any_need(a.require) if a.require else None) for a in _actions()])


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern[str]]:
    cues = _vocab()["cues"]
    return {kind: re.compile("|".join(f"(?:{p})" for p in pats)) for kind, pats in cues.items()}


@lru_cache(maxsize=1)
def _actor_words() -> dict[str, re.Pattern[str]]:
    return {role: re.compile(p) for role, p in _vocab()["actors"].items()}


_MODALITY = {"permit": "permitted", "require": "required", "forbid": "forbidden"}


def modality_at(sentence: str, pos: int) -> str:
    """The modality governing the verb at ``pos``: the nearest cue before it wins.

    A permit or require cue inside a prohibition (得以 in 不得以, 可 in 不可) does not count.
    """
    # search the whole sentence, not sentence[:pos]: cues like 不(?=扣除) look ahead at the verb
    forbids = [m.span() for m in _cues()["forbid"].finditer(sentence) if m.end() <= pos]
    best: tuple[int, str] | None = max(((s, "forbid") for s, _ in forbids), default=None)
    for kind in ("permit", "require"):
        for m in _cues()[kind].finditer(sentence):
            inside = any(s < m.end() and m.start() < e for s, e in forbids)
            if m.end() <= pos and not inside and (best is None or m.start() > best[0]):
                best = (m.start(), kind)
    if best is not None:
        return _MODALITY[best[1]]
    if _cues()["forbid_after"].search(sentence, pos):
        return "forbidden"
    return "permitted"


def actor_at(sentence: str, pos: int, roles: Mapping[str, str], default: str) -> str:
    """Who acts: the party right before the nearest modal cue (「甲方可联系……」), else the party
    opening the comma segment of the verb or the nearest earlier segment that opens with one
    (Chinese drops a repeated subject: 「乙方可……，并有权委托……」); 「借款人同意贷款人……」 names
    the actor after 同意/授权."""
    actor = _subject_of_cue(sentence, pos, roles)
    if actor:
        return actor
    for seg in reversed(list(re.finditer(r"[^，,：:]+", sentence[:pos + 1]))):
        actor = _opening_party(seg.group(0), roles)
        if actor:
            return actor
    return default


def _subject_of_cue(sentence: str, pos: int, roles: Mapping[str, str]) -> str | None:
    cues = [m for kind in ("forbid", "permit", "require") for m in _cues()[kind].finditer(sentence, 0, pos)]
    for cue in sorted(cues, key=lambda m: -m.start()):
        if _GRANT.match(cue.group(0)):
            # 「乙方同意甲方……」「甲方授权丙方……」: the one granted acts, not the one granting
            granted, _ = _party_at(sentence[cue.end():].lstrip("并授权委托同意"), roles)
            if granted:
                return granted
            continue
        head = re.sub(r"[均亦也仍则即都还并将会]{0,2}$", "", sentence[:cue.start()])
        actor = _party_ending(head, roles)
        if actor:
            return actor
    return None


def _party_ending(text: str, roles: Mapping[str, str]) -> str | None:
    if text[-2:] in roles and _PARTY_ALIAS.fullmatch(text[-2:]):
        return _actor_of_role(roles[text[-2:]])
    for role, pattern in _actor_words().items():
        if re.search(f"(?:{pattern.pattern})$", text):
            return role
    return None


# what may open a segment before its subject: a list number (「4、」「(2)」「3.」), a conjunction
_LEAD = re.compile(r"^\s*(?:[（(][^）)]*[）)]|\d{1,3}\s*[、.．](?!\d)|[一二三四五六七八九十]{1,3}\s*、)?\s*"
                   r"(?:由|且|并|但|则|如|若|而|并且|同时|此时|届时|另外)?\s*")
_GRANT = re.compile(r"^\s*(?:同意|授权|委托|允许)(?:并授权)?\s*")


# a segment that only says a party takes note (「借款人知悉」「乙方确认并同意」) frames what
# follows; the next segment's verb is not that party's
_FRAMING = re.compile(r"(?:已|已经|充分|完全|明确|特此)?(?:知悉|知晓|确认|理解|了解|明白|同意|承诺|声明|认可|接受)"
                      r"(?:并(?:已|充分)?(?:知悉|知晓|同意|确认|接受|认可|理解))*")


def _opening_party(segment: str, roles: Mapping[str, str]) -> str | None:
    rest = segment[_LEAD.match(segment).end():]
    actor, length = _party_at(rest, roles)
    if not actor or _FRAMING.fullmatch(rest[length:].strip()):
        return None
    grant = _GRANT.match(rest[length:])
    if grant:
        granted, _ = _party_at(rest[length + grant.end():], roles)
        return granted or actor
    return actor


def _actor_of_role(role: str) -> str:
    return {"lender": "lender", "platform": "lender", "borrower": "borrower"}.get(role, "third_party")


def _party_at(text: str, roles: Mapping[str, str]) -> tuple[str | None, int]:
    alias = _PARTY_ALIAS.match(text)
    if alias and alias.group(0) in roles and not text[2:3] == "的":
        return _actor_of_role(roles[alias.group(0)]), alias.end()
    for role, pattern in _actor_words().items():
        m = pattern.match(text)
        if m and text[m.end():m.end() + 1] != "的":
            return role, m.end()
    return None, 0


def sentence_obligations(sentence: str, roles: Mapping[str, str] | None = None) -> list[Obligation]:
    """Every (action, modality, actor) the sentence states; one per distinct verb."""
    if not _CJK.search(sentence):
        return []  # the Chinese text governs bilingual contracts; English is not read for polarity
    roles = roles or {}
    found: dict[tuple[str, str], Obligation] = {}
    admitted = _screen().admitted(sentence)
    for i, action in enumerate(_actions()):
        if not admitted >> i & 1:
            continue  # the sentence lacks every character some verb of this action needs
        if action.require and not matches_any(sentence, action.require):
            continue
        if action.exclude and matches_any(sentence, action.exclude):
            continue
        for pos, fixed_actor in _verb_positions(sentence, action):
            modality = modality_at(sentence, pos)
            actor = fixed_actor or actor_at(sentence, pos, roles, action.default_actor)
            found.setdefault((action.name, modality), Obligation(action.name, modality, actor, pos))
    return sorted(found.values(), key=lambda o: (o.verb_at, o.action))


def _verb_positions(sentence: str, action: _Action) -> list[tuple[int, str | None]]:
    """Where a verb of ``action`` stands, and the actor its pattern fixes (None: read it);
    a pattern whose characters the sentence lacks is not searched."""
    admitted = action.verb_screen.admitted(sentence)
    positions: dict[int, str | None] = {}
    for k, group in enumerate(action.patterns):
        if not admitted >> k & 1 or not all(p.search(sentence) for p in group[1:]):
            continue
        fixed = action.actors[k]
        for m in group[0].finditer(sentence):
            pos = _anchor(m)
            positions[pos] = positions.get(pos) or fixed
    return sorted(positions.items())


def _anchor(m: re.Match[str]) -> int:
    for name, value in m.groupdict().items():
        if name.startswith("v") and value is not None:
            return m.start(name)
    return m.start()


def obligation_facts(clauses: tuple[Clause, ...], roles: Mapping[str, str] | None = None) -> Iterator[Fact]:
    """Fact(kind="obligation") for every action stated in every sentence of every clause."""
    for clause in clauses:
        for s in split_sentences(clause.text):
            if _is_heading(clause, s.text):
                continue  # a heading (「催收与公示」) names a subject; it permits nothing
            for ob in sentence_obligations(s.text, roles):
                yield Fact(kind="obligation", name=ob.action, value=ob.modality, clause=clause.path,
                           page=clause.page_start, evidence=s.text[:300], attrs={"actor": ob.actor})
            yield from _night_from_hours(clause, s)


def _is_heading(clause: Clause, sentence: str) -> bool:
    if not clause.title:
        return False
    rest = sentence.strip()
    if clause.number and rest.startswith(clause.number):
        rest = rest[len(clause.number):]
    return rest.strip(" 　、.．:：") == clause.title.strip()


# --------------------------------------------------------------------------- collection hours

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TIME = (r"(?P<ap{n}>早上|早晨|早|上午|白天|中午|下午|晚上|晚间|晚|夜间|夜里|次日|凌晨)?\s*"
         r"(?P<h{n}>\d{{1,2}}|[零一二两三四五六七八九十]{{1,3}})\s*"
         r"(?:[:：](?P<m{n}>\d{{2}})|[点时](?P<half{n}>半)?(?:(?P<mm{n}>\d{{1,2}}|[零一二三四五六七八九十]{{1,3}})分)?)")
_WINDOW = re.compile(_TIME.format(n=1) + r"\s*(?:整)?\s*(?:至|到|-|—|－|~|～|until|to)\s*(?:次日)?\s*" + _TIME.format(n=2))


def _cn_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text) if len(text) == 1 else None


def _hour(m: re.Match[str], n: int) -> float | None:
    h = _cn_int(m.group(f"h{n}"))
    if h is None or h > 24:
        return None
    ap = m.group(f"ap{n}") or ""
    if ap in ("下午", "晚上", "晚间", "晚", "夜间", "夜里") and h < 12:
        h += 12
    minutes = m.group(f"m{n}") or m.group(f"mm{n}")
    frac = 0.5 if m.group(f"half{n}") else (_cn_int(minutes) or 0) / 60 if minutes else 0.0
    return round(h + frac, 2)


def collection_window(sentence: str) -> tuple[float, float, str] | None:
    """(start, end, modality) of a contact window stated in a collection sentence, else None."""
    if not re.search(_vocab()["hours"]["context"], sentence, re.IGNORECASE):
        return None
    m = _WINDOW.search(sentence)
    if not m:
        return None
    start, end = _hour(m, 1), _hour(m, 2)
    if start is None or end is None:
        return None
    return start, end, modality_at(sentence, m.start())


def allowed_hours(window: tuple[float, float, str]) -> tuple[float, float] | None:
    """The hours the contract lets collectors call: a forbidden overnight window is inverted."""
    start, end, modality = window
    if modality == "forbidden":
        return (end, start) if start > end else None
    return start, end


def _night_from_hours(clause: Clause, s: Sentence) -> Iterator[Fact]:
    window = collection_window(s.text)
    hours = allowed_hours(window) if window else None
    if hours and (hours[0] < 8 or hours[1] > 22 or hours[0] > hours[1]):
        yield Fact(kind="obligation", name="night_collection", value="permitted", clause=clause.path,
                   page=clause.page_start, evidence=s.text[:300], attrs={"actor": "lender", "hours": hours})
