"""Bad input files built on the spot, for the tests of how a file that cannot be read fails
(test_ingest_errors, test_error_kinds, test_hostile_time).

A helper module, not a test module: tests import it, they never import each other.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas


def good_pdf(path: Path, pages: int = 3, **kw) -> Path:
    """A typed PDF of ``pages`` pages of Chinese text; ``kw`` goes to reportlab's Canvas (encrypt=...)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = Canvas(str(path), pagesize=A4, **kw)
    for p in range(pages):
        c.setFont("STSong-Light", 11)
        for i in range(30):
            c.drawString(72, 760 - 20 * i, f"第{p + 1}页第{i + 1}行：借款人应按约定归还借款本金及利息。")
        c.showPage()
    c.save()
    return path


def refloop_pdf(path: Path) -> Path:
    """A one-page PDF whose content stream's /Length is an indirect reference loop (7 -> 8 -> 7)."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            4: b"<< /Length 7 0 R >>\nstream\nBT ET\nendstream", 7: b"8 0 R", 8: b"7 0 R"}
    buf, offsets = bytearray(b"%PDF-1.7\n"), {}
    for n in sorted(objs):
        offsets[n] = len(buf)
        buf += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    xref = len(buf)
    buf += b"xref\n0 9\n0000000000 65535 f \n"
    for n in range(1, 9):
        buf += (b"%010d 00000 n \n" % offsets[n]) if n in offsets else b"0000000000 65535 f \n"
    buf += b"trailer\n<< /Size 9 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(buf))
    return path
