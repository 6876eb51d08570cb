#!/usr/bin/env python3
"""Build the project's sample contracts into samples/contracts/.

    .venv/bin/python samples/build.py            # build every sample
    .venv/bin/python samples/build.py NAME ...   # only those files (e.g. jietiao.pdf)
    .venv/bin/python samples/build.py --verify   # build, then check every PDF's text layer

A full build also writes scanned versions of some PDFs into samples/scans/ (samples/scan.py:
image-only pages at 200 dpi, slightly skewed and noisy), for the OCR tests and demos.

Every sample is fictional. Output is deterministic (reportlab ``invariant=1``, fixed zip
timestamps), so a rebuild gives identical bytes and a clean ``git diff``.
samples/README.md (hand-written) lists what each sample is meant to trigger.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import render  # noqa: E402
from texts import app_terms, bank, cash_docx, employer, jietiao, platform  # noqa: E402
from texts import private, repayment, two_column  # noqa: E402

OUT = HERE / "contracts"


def _pdf(module):
    def build(path: Path) -> None:
        render.render(module.blocks(), module.TEMPLATE, path)
    return build


def _text(module):
    def build(path: Path) -> None:
        path.write_bytes(module.text().encode("utf-8"))
    return build


def _docx(path: Path) -> None:
    cash_docx.write(path)


BUILDERS = {
    "platform-consumer-loan.pdf": _pdf(platform),
    "bank-consumer-loan.pdf": _pdf(bank),
    "private-loan.pdf": _pdf(private),
    "jietiao.pdf": _pdf(jietiao),
    "two-column.pdf": _pdf(two_column),
    "repayment-table.pdf": _pdf(repayment),
    "cash-loan.docx": _docx,
    "app-loan-terms.txt": _text(app_terms),
    "employer-loan.md": _text(employer),
}


PDF_MODULES = {name: mod for name, mod in (
    ("platform-consumer-loan.pdf", platform), ("bank-consumer-loan.pdf", bank),
    ("private-loan.pdf", private), ("jietiao.pdf", jietiao),
    ("two-column.pdf", two_column), ("repayment-table.pdf", repayment),
)}


def _expected_chars(module, pages: int) -> Counter:
    """Every non-space character the PDF must carry: block texts, running header and
    footer on each page, and the watermark (drawn twice a page)."""
    tpl = module.TEMPLATE
    texts = []
    for block in module.blocks():
        if isinstance(block, render.Para):
            texts.append(block.text)
        elif isinstance(block, render.Table):
            texts.extend(cell for row in block.rows for cell in row)
    for n in range(1, pages + 1):
        texts += [tpl.header_left, tpl.header_right, tpl.footer_left,
                  tpl.footer.format(p=n, n=pages), tpl.watermark, tpl.watermark]
    return Counter(ch for t in texts for ch in render.strip_markup(t) if not ch.isspace())


def verify(name: str) -> list[str]:
    """Problems found in one built PDF's text layer (empty list = fine)."""
    import pdfplumber  # only the check needs it

    with pdfplumber.open(OUT / name) as pdf:
        got = Counter(c["text"] for p in pdf.pages for c in p.chars if not c["text"].isspace())
        pages = len(pdf.pages)
    want = _expected_chars(PDF_MODULES[name], pages)
    problems = []
    if any("(cid:" in ch for ch in got):
        problems.append("unmapped (cid:...) glyphs in the text layer")
    missing, extra = want - got, got - want
    if missing:
        problems.append(f"missing characters: {''.join(sorted(missing.elements()))[:80]}")
    if extra:
        problems.append(f"unexpected characters: {''.join(sorted(extra.elements()))[:80]}")
    return problems


def main(argv: list[str]) -> int:
    check = "--verify" in argv
    argv = [a for a in argv if a != "--verify"]
    names = argv or list(BUILDERS)
    unknown = [n for n in names if n not in BUILDERS]
    if unknown:
        print(f"unknown sample(s): {', '.join(unknown)}; known: {', '.join(BUILDERS)}")
        return 2
    OUT.mkdir(exist_ok=True)
    for name in names:
        BUILDERS[name](OUT / name)
        print(f"wrote samples/contracts/{name}")
    if not argv:
        import scan  # pypdfium2 renders the pages: it comes with pdfplumber

        for path in scan.write_scans():
            print(f"wrote samples/scans/{path.name}")
        for path in scan.write_hard_scans():
            print(f"wrote samples/scans/hard/{path.name}")
    failed = 0
    for name in (n for n in names if check and n in PDF_MODULES):
        problems = verify(name)
        failed += bool(problems)
        print(f"verify {name}: {'ok' if not problems else '; '.join(problems)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
