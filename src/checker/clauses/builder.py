"""parse_contract: the clause structure of a Document.

Reads the lines top to bottom the way a reader does. A line starting with a clause marker
(numbering.match_marker) opens a clause when it fits the numbering seen so far: levels are
given by numbering style in order of first appearance (a new style nests under the current
clause, a style seen before pops back to its level), 第X章/节 always stand above 第X条, and
1.1 nests under 1. A marker that does not continue its list (2 after 1, or a first item 1)
is running text, which keeps wrapped lines starting with a number out of the structure.

第X条 and 第X章/节 are the backbone when a document has them: everything before the first
of them (title, parties, a numbered 特别提示 list) is the preamble, and the memory of which
style sits at which level starts afresh inside each article.

A file may bundle several agreements (a loan contract, then a service agreement, then an
authorisation). A short title line of an agreement (ending 合同 / 协议 / 授权书 ...) after
the first clause, whose next numbered line starts a list afresh at 1, opens that agreement:
its clauses sit under it (paths ``a2``, ``a2.1`` ...), so each agreement's clauses are under
its own title and its 第一条 is not taken for a stray reference.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.model import Clause, Contract, Document, Line
from checker.clauses.emphasis import emphasis_of
from checker.clauses.headings import (body_font_size, looks_like_heading, prominence, set_off,
                                      title_of)
from checker.clauses.numbering import Marker, match_marker
from checker.clauses.text import PageGeometry, join_lines, wraps_into

STRONG = ("chapter", "section", "article")


@dataclass
class _Node:
    """A clause opened by the scan, before its text is known."""

    key: str  # numbering style key, "heading" for unnumbered headings
    values: tuple[int, ...]
    path: str
    number: str
    title: str
    kind: str
    level: int
    parent: str | None
    line_start: int
    head_lines: int = 0  # leading lines that are only the heading (number + title)
    line: Line | None = None


@dataclass
class _Scan:
    lines: tuple[Line, ...]
    geometry: PageGeometry
    body_font: float
    headings_from_start: bool
    stack: list[_Node] = field(default_factory=list)
    levels: dict[str, int] = field(default_factory=dict)
    nodes: list[_Node] = field(default_factory=list)
    used_paths: set[str] = field(default_factory=set)
    seen_body: bool = False


def parse_contract(doc: Document) -> Contract:
    """The clauses of ``doc`` in document order, the preamble (path "0") first."""
    lines = doc.lines
    nodes = _scan(lines, headings_from_start=False)
    strong = [n for n in nodes if n.key in STRONG]
    backbone = len(strong) >= 2 or (strong and strong[0].title)
    if backbone and nodes[0].line_start < strong[0].line_start:
        nodes = _scan(lines, headings_from_start=False, start_at=strong[0].line_start)
    elif not any(node.key != "heading" for node in nodes):
        # no numbering at all: headings alone structure the document (after its title)
        nodes = _scan(lines, headings_from_start=True)
    return Contract(document=doc, clauses=tuple(_assemble(lines, nodes)))


# --------------------------------------------------------------------------- scanning


def _scan(lines: tuple[Line, ...], headings_from_start: bool, start_at: int = 0) -> list[_Node]:
    body_font = body_font_size(lines)
    scan = _Scan(lines, PageGeometry(lines, body_font), body_font, headings_from_start)
    for index, line in enumerate(lines):
        if index < start_at or not line.text.strip() or line.kind == "table_row":
            continue
        prev = _previous_text_line(lines, index)
        wrapped = prev is not None and wraps_into(prev, line, scan.geometry)
        marker = match_marker(line.text)
        if marker is None and scan.nodes and not wrapped and _is_agreement_title(scan, index, line):
            count = sum(1 for node in scan.nodes if node.key == "agreement") + 2
            _open(scan, index, line, "agreement", (count,), "", _squeeze(line.text), 0)
            continue
        heading = marker is not None and _is_heading_line(marker, line, scan.body_font)
        if heading:
            wrapped = False  # "第十一条　通知与送达" is a heading wherever the line above ends
        if marker is not None and not wrapped and _try_marker(scan, index, line, marker, heading):
            continue
        if not wrapped and _is_heading_start(scan, index, line):
            count = sum(1 for node in scan.nodes if node.key == "heading") + 1
            _open(scan, index, line, "heading", (count,), "", line.text.strip(),
                  _heading_level(scan, line))
            continue
        if scan.stack or not looks_like_heading(line, scan.body_font):
            scan.seen_body = True
    return scan.nodes


# the title of an agreement: short, no sentence punctuation, ending with what the document is
_AGREEMENT_TITLE = re.compile(r"^[^，,。；;：:、]{2,30}?(合同|协议|协议书|合同书|契约|授权书|委托书|承诺书|确认书|规则|须知)"
                              r"(（[^）]{0,12}）|\([^)]{0,12}\))?$")
_NOT_A_TITLE = re.compile(r"本合同|本协议|签订|签署|达成|约定|如下|以下|附件|见|根据|按照|详见")


def _squeeze(text: str) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text.strip())


def _is_agreement_title(scan: _Scan, index: int, line: Line) -> bool:
    """A later agreement's title: its next numbered line starts a list at 1 (a running
    header repeating the first title is followed by the next clause of the running list)."""
    text = _squeeze(line.text)
    if not _AGREEMENT_TITLE.match(text) or _NOT_A_TITLE.search(text):
        return False
    for nxt in scan.lines[index + 1:index + 40]:
        marker = match_marker(nxt.text)
        if marker is not None and nxt.kind != "table_row":
            return marker.value == 1 and len(marker.values) == 1
    return False


def _is_heading_line(marker: Marker, line: Line, body_font: float) -> bool:
    """A line that holds nothing but a number and a title, set off as a heading.

    第X条/章/节 need no styling; other numbers must be bold, larger or marked as headings.
    """
    if not (marker.separated and marker.rest and title_of(marker.rest) == marker.rest):
        return False
    return marker.style in STRONG or set_off(line, body_font)


def _previous_text_line(lines: tuple[Line, ...], index: int) -> Line | None:
    for j in range(index - 1, -1, -1):
        if lines[j].text.strip():
            return lines[j]
    return None


def _try_marker(scan: _Scan, index: int, line: Line, marker: Marker, heading: bool) -> bool:
    """Open a clause for ``marker`` if it fits; True when the line was consumed."""
    level = _level_for(scan, marker.style_key)
    top = scan.stack[-1] if scan.stack else None
    if top is not None and top.key == marker.style_key and top.values == marker.values:
        # the number of the clause just opened, again: its translation (bilingual contracts)
        if top.line_start + top.head_lines == index and title_of(marker.rest) and top.title:
            top.head_lines += 1
        return True
    if not _fits_sequence(scan, level, marker, line, heading):
        return False
    title = title_of(marker.rest)
    nxt = scan.lines[index + 1] if index + 1 < len(scan.lines) else None
    if title and nxt is not None and wraps_into(line, nxt, scan.geometry):
        title = ""  # a first line that wraps into the next is the start of a sentence, not a title
    _open(scan, index, line, marker.style_key, marker.values, marker.number, title, level)
    node = scan.stack[-1]
    if title and title == marker.rest:
        node.head_lines = 1
    return True


def _fits_sequence(scan: _Scan, level: int, marker: Marker, line: Line, heading: bool) -> bool:
    """The expected-next check: a sibling continues its list, a first item starts at 1.

    A numbered heading line may skip numbers (a list with a gap still has its headings).
    """
    sibling = scan.stack[level] if len(scan.stack) > level else None
    if sibling is not None and sibling.key != marker.style_key:
        sibling = None
    strong = marker.style in STRONG
    if strong and not (marker.separated or line.kind == "heading" or line.bold >= 0.8):
        # "第4条支付……" at a line start is a reference unless it is exactly the next article
        expected = (sibling.values[-1] + 1) if sibling else 1
        return marker.value == expected
    if strong:
        # a series may restart at 1 (an annexed agreement); its paths get a suffix
        if sibling is None:
            return marker.value == 1 or heading
        return marker.value > sibling.values[-1] or marker.value == 1
    if sibling is not None:
        if marker.values[:-1] != sibling.values[:-1]:
            return False
        if heading:
            return marker.value > sibling.values[-1]
        return marker.value == sibling.values[-1] + 1
    if marker.value != 1:
        return False
    parent = scan.stack[level - 1] if level > 0 and len(scan.stack) >= level else None
    if marker.depth > 1 and parent is not None and parent.key.startswith(("decimal", "article")):
        return marker.values[:-1] == parent.values[-(marker.depth - 1):]
    return True


def _level_for(scan: _Scan, key: str) -> int:
    """The depth at which a clause of numbering style ``key`` sits, given the open clauses."""
    stack = scan.stack
    keys = [node.key for node in stack]
    floor = 1 if keys and keys[0] == "agreement" else 0  # a bundled agreement holds everything after its title
    if key == "agreement":
        return 0
    if key == "chapter":
        return floor
    if key == "section":
        return keys.index("chapter") + 1 if "chapter" in keys else floor
    if key == "article":
        containers = [i for i, k in enumerate(keys) if k in ("chapter", "section")]
        return containers[-1] + 1 if containers else floor
    if key in keys:
        return keys.index(key)
    if key.startswith("decimal:"):
        depth = int(key.split(":")[1])
        outer = f"decimal:{depth - 1}"
        if outer in keys:
            return keys.index(outer) + 1
    strong_floor = max((i + 1 for i, k in enumerate(keys) if k in STRONG or k == "agreement"), default=0)
    if key in scan.levels:
        return max(min(scan.levels[key], len(stack)), strong_floor)
    return len(stack)


def _is_heading_start(scan: _Scan, index: int, line: Line) -> bool:
    if not looks_like_heading(line, scan.body_font):
        return False
    if not scan.stack and not (scan.headings_from_start and scan.seen_body):
        return False  # before the first clause a heading is the title: preamble
    nxt = next((l for l in scan.lines[index + 1:] if l.text.strip()), None)
    if nxt is None or looks_like_heading(nxt, scan.body_font):
        return False
    return not wraps_into(line, nxt, scan.geometry)  # a bold sentence's first line is no heading


def _heading_level(scan: _Scan, line: Line) -> int:
    """An unnumbered heading set off like the top-level clauses is top level; else it nests."""
    keys = [node.key for node in scan.stack]
    if "heading" in keys:
        return keys.index("heading")
    floor = 1 if keys and keys[0] == "agreement" else 0  # inside a bundled agreement, under its title
    base = scan.stack[floor] if len(scan.stack) > floor else None
    if base is not None and base.line is not None:
        if prominence(line) >= prominence(base.line):
            return floor
    return len(scan.stack)


def _open(scan: _Scan, index: int, line: Line, key: str, values: tuple[int, ...],
          number: str, title: str, level: int) -> None:
    del scan.stack[level:]
    if key == "agreement":
        scan.levels = {}
    elif key in STRONG:
        scan.levels = {k: v for k, v in scan.levels.items() if k in STRONG}
    scan.levels.setdefault(key, level)
    parent = scan.stack[-1] if scan.stack else None
    kind = _kind(key, parent)
    path = _unique(scan, _path(key, values, parent))
    node = _Node(key, values, path, number, title, kind, level,
                 parent.path if parent else None, index, line=line)
    if key == "heading":
        node.head_lines = 1
    scan.stack.append(node)
    scan.nodes.append(node)


def _kind(key: str, parent: _Node | None) -> str:
    if key in ("chapter", "section", "article", "heading", "agreement"):
        return key
    if parent is None or parent.key in ("chapter", "section", "agreement"):
        return "article"
    return "item"


def _path(key: str, values: tuple[int, ...], parent: _Node | None) -> str:
    value = values[-1]
    if key == "agreement":
        return f"a{value}"
    if parent is not None and parent.key == "agreement" and key in ("chapter", "article"):
        return f"{parent.path}.{'ch' if key == 'chapter' else ''}{value}"
    if key == "chapter":
        return f"ch{value}"
    if key == "section":
        return f"{parent.path}.s{value}" if parent else f"s{value}"
    if key == "article":
        return str(value)
    own = f"h{value}" if key == "heading" else str(value)
    if parent is not None and parent.key == "agreement" and key.startswith("decimal"):
        return f"{parent.path}.{'.'.join(str(v) for v in values)}"
    if parent is None:
        return ".".join(str(v) for v in values) if key.startswith("decimal") else own
    return f"{parent.path}.{own}"


def _unique(scan: _Scan, path: str) -> str:
    candidate, n = path, 1
    while candidate in scan.used_paths or candidate == "0":
        n += 1
        candidate = f"{path}-{n}"
    scan.used_paths.add(candidate)
    return candidate


# --------------------------------------------------------------------------- assembling


def _assemble(lines: tuple[Line, ...], nodes: list[_Node]) -> list[Clause]:
    if not lines:
        return []
    geometry = PageGeometry(lines, body_font_size(lines))
    clauses: list[Clause] = []
    first = nodes[0].line_start if nodes else len(lines)
    if first > 0:
        clauses.append(_clause(lines, geometry, 0, first - 1, path="0", number="", title="",
                               level=0, kind="preamble", parent=None, head_lines=0))
    for i, node in enumerate(nodes):
        end = nodes[i + 1].line_start - 1 if i + 1 < len(nodes) else len(lines) - 1
        clauses.append(_clause(lines, geometry, node.line_start, end, path=node.path,
                               number=node.number, title=node.title, level=node.level,
                               kind=node.kind, parent=node.parent, head_lines=node.head_lines))
    return clauses


def _clause(lines: tuple[Line, ...], geometry: PageGeometry, start: int, end: int,
            **fields) -> Clause:
    own = lines[start:end + 1]
    head_lines = fields.pop("head_lines")
    emphasis = emphasis_of(own, head_lines)
    return Clause(
        text=join_lines(own, geometry),
        page_start=own[0].page,
        page_end=own[-1].page,
        line_start=start,
        line_end=end,
        bold_share=emphasis.bold,
        underline_share=emphasis.underline,
        body_emphasis_share=emphasis.body,
        emphasis_known=emphasis.known,
        **fields,
    )
