"""The emphasis an HTML file's own stylesheet gives its elements (``<style>`` blocks).

Word exports and server templates mark bold and underline through class rules
(``span.b1 {font-weight: bold}``, ``.h2 {font-weight: bold}``) and may switch the browser's
own bold off (``* {font-weight: normal}`` un-bolds every ``<b>``). Only two properties
matter here: ``font-weight`` and ``text-decoration``. Rules apply in the order of the cascade
(specificity, then order in the file); a declaration in a rule beats the tag's own default,
an inline ``style`` beats both (that part is the HTML reader's). Selectors are translated by
cssselect (the library lxml.cssselect uses); a selector it cannot read is ignored, and external
stylesheets are never fetched.
"""
from __future__ import annotations

import re
from typing import Any

from cssselect import GenericTranslator, SelectorError

_COMMENT = re.compile(r"/\*.*?\*/|<!--|-->", re.DOTALL)
_AT_BLOCK = re.compile(r"@[\w-]+[^{;]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}|@[\w-]+[^{;]*;")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_WEIGHT = re.compile(r"(?:^|;)\s*font-weight\s*:\s*([a-z0-9]+)", re.IGNORECASE)
_DECORATION = re.compile(r"(?:^|;)\s*text-decoration(?:-line)?\s*:\s*([^;]+)", re.IGNORECASE)
_PSEUDO = re.compile(r"::?[\w-]+(\([^)]*\))?")

# element -> (bold, underline): None where the stylesheet says nothing
Emphasis = dict[Any, tuple[bool | None, bool | None]]


def stylesheet_emphasis(root: Any) -> Emphasis:
    """For every element a ``<style>`` rule reaches: the bold and underline that rule sets."""
    css = "\n".join(s.text or "" for s in root.iter("style"))
    if not css.strip():
        return {}
    rules = []
    for order, (selectors, body) in enumerate(_RULE.findall(_AT_BLOCK.sub("", _COMMENT.sub("", css)))):
        bold, under = declared(body)
        if bold is None and under is None:
            continue
        for selector in selectors.split(","):
            selector = selector.strip()
            if selector and not _PSEUDO.search(selector):
                rules.append((_specificity(selector), order, selector, bold, under))
    found: Emphasis = {}
    translator = GenericTranslator()
    for _, _, selector, bold, under in sorted(rules, key=lambda r: (r[0], r[1])):
        try:
            xpath = translator.css_to_xpath(selector.lower() if not re.search(r"[.#\[]", selector) else selector)
        except SelectorError:
            continue
        for el in root.xpath(xpath):
            old_bold, old_under = found.get(el, (None, None))
            found[el] = (old_bold if bold is None else bold, old_under if under is None else under)
    return found


def declared(style: str) -> tuple[bool | None, bool | None]:
    """(bold, underline) a declaration block sets, None for a property it does not name."""
    bold = under = None
    w = _WEIGHT.search(style)
    if w:
        value = w.group(1).lower()
        bold = value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600)
    d = _DECORATION.search(style)
    if d:
        under = "underline" in d.group(1).lower()
    return bold, under


def _specificity(selector: str) -> tuple[int, int, int]:
    ids = len(re.findall(r"#[\w-]+", selector))
    classes = len(re.findall(r"\.[\w-]+|\[[^\]]*\]", selector))
    tags = len(re.findall(r"(?:^|[\s>+~])[a-zA-Z][\w-]*", selector))
    return ids, classes, tags
