"""Harder scans never give a cap finding built on a misread number.

samples/scans/hard/ (built by samples/scan.py, HARD_SAMPLES) holds 150 dpi scans that are hard
to read: a phone photo (perspective, shadow), red seals over the text, handwriting-style
figures filled into printed blanks, a fax. OCR may misread their figures; what must never
happen is a cap rule (interest-rate-excessive, overdue-*-excessive) firing on a number the
typed original does not have. A figure read unsurely makes the rule not assessable instead,
with a note naming the figure. Needs an OCR engine (RapidOCR by default).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops

from sample_files import CONTRACTS, needs_ocr, read_checked, scan_generator

scan = scan_generator()
CAP_RULES = {  # cap rule -> the summary facts its finding is built on
    "interest-rate-excessive": ("interest_rate_annual_pct", "contract_date"),
    "overdue-rate-excessive": ("overdue_rate_annual_pct", "contract_date"),
    "overdue-total-excessive": ("overdue_total_annual_pct", "overdue_total_cap_pct", "contract_date"),
}
HARD = sorted(scan.HARD_SAMPLES)


pytestmark = needs_ocr


def _original(name: str) -> str:
    return str(CONTRACTS / scan.HARD_SAMPLES[name][0])


@pytest.mark.parametrize("name", HARD)
def test_no_cap_finding_rests_on_a_misread_number(name):
    facts, result = read_checked(str(scan.HARD / name))
    typed, typed_result = read_checked(_original(name))
    typed_rules = {f.rule_id for f in typed_result.findings}
    for finding in result.findings:
        if finding.rule_id in CAP_RULES:
            assert finding.rule_id in typed_rules, f"{finding.rule_id} fired only on the scan: {finding.message}"
            for key in CAP_RULES[finding.rule_id]:
                assert facts.get(key) == typed.get(key), f"{finding.rule_id} built on {key}={facts.get(key)!r}"


@pytest.mark.parametrize("name", HARD)
def test_a_cap_rule_not_judged_says_which_figure_could_not_be_read(name):
    facts, result = read_checked(str(scan.HARD / name))
    unjudged = [n for n in result.notes if n.code == "not_assessable" and n.values["rule"] in CAP_RULES]
    figures = [n for n in result.notes if n.code == "unreadable_figure"]  # a figure read unsurely
    undated = [n for n in result.notes if n.code == "undated_scan"]
    assert bool(unjudged) <= bool(figures or undated)  # never unjudged without saying why
    assert all(n.values["ocr_text"] and n.values["figure"] for n in figures)
    readable = (facts["interest_rate_readable"], facts["overdue_rates_readable"], facts["contract_date_readable"])
    assert bool(unjudged) == (not all(readable))


# --- the generator's harder looks, without OCR ----------------------------------------------

def _page(path: Path):
    """The page at the scan's own 150 dpi, so that no resampling adds grey levels."""
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(str(path))[0].render(scale=150 / 72).to_pil()


def test_a_fax_page_is_black_and_white(tmp_path):
    out = scan.scan_pdf(CONTRACTS / "jietiao.pdf", tmp_path / "fax.pdf",
                        look=scan.Look(dpi=150, blur=0, noise=0, fax=True))
    histogram = _page(out).convert("L").histogram()
    assert sum(histogram[60:200]) < 0.05 * sum(histogram)  # JPEG ringing at the edges aside


def test_stamped_pages_keep_their_red(tmp_path):
    out = scan.scan_pdf(CONTRACTS / "jietiao.pdf", tmp_path / "seal.pdf",
                        look=scan.Look(dpi=150, stamps=1))
    red, green, _ = _page(out).convert("RGB").split()
    seal = Image.eval(red, lambda v: 255 if v > 150 else 0)
    seal = ImageChops.multiply(seal, Image.eval(green, lambda v: 255 if v < 110 else 0))
    assert seal.getbbox() is not None


def test_filled_in_figures_are_found_on_the_page():
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(str(CONTRACTS / "private-loan.pdf"))[0]
    found = [text for *_, text in scan._figures_on(page, [r"\d[\d,]*\.\d\d(?=\s*[)）])"])]
    assert found == ["80,000.00"]


def test_the_committed_hard_set_is_complete():
    assert sorted(p.name for p in scan.HARD.glob("*.pdf")) == HARD
