"""Where the project's sample files are, for every test that reads them; the scan generator
(samples/scan.py) loaded once; whether an OCR engine is installed; and one cached reading of
a sample (OCR of a page takes seconds).

A helper module, not a test module: tests import it (``from sample_files import CONTRACTS``),
they never import each other. Fixtures are in conftest.py.
"""
from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pytest

from checker.api import check_contract, pack_for, parse
from checker.ingest import ocr
from checker.model import DocumentResult
from checker.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CONTRACTS = SAMPLES / "contracts"  # each contract beside its <name>.expected.yaml
SAMPLE_RULES = SAMPLES / "rules"
SHARED = (ROOT / ".." / "shared").resolve()  # the specs and the eval corpora, outside the repository
SCAN_SETTINGS = Settings(profile="civil-code", use_cache=False)


def contract_files() -> list[Path]:
    """The sample contracts themselves, without their expected-findings files."""
    return sorted(p for p in CONTRACTS.iterdir() if not p.name.endswith(".yaml"))


@lru_cache(maxsize=1)
def scan_generator() -> ModuleType:
    """samples/scan.py, the scanned-sample generator (a script, not a package)."""
    spec = importlib.util.spec_from_file_location("sample_scan", SAMPLES / "scan.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _ocr_engine_installed() -> bool:
    try:
        ocr.require_engine()
    except ocr.OcrUnavailable:
        return False
    return True


def _tesseract_installed() -> bool:
    try:
        ocr.require_tesseract()
    except ocr.OcrUnavailable:
        return False
    return True


needs_ocr = pytest.mark.skipif(not _ocr_engine_installed(), reason="needs an OCR engine (pip install 'checker[ocr]')")
needs_tesseract = pytest.mark.skipif(not _tesseract_installed(), reason="tesseract with chi_sim is not installed")


@lru_cache(maxsize=None)
def read_checked(path: str) -> tuple[dict, DocumentResult]:
    """The summary facts and the result of one file from a single reading under
    ``SCAN_SETTINGS``; the same steps as ``check_file``."""
    pack = pack_for(SCAN_SETTINGS)
    contract, factset = parse(path, SCAN_SETTINGS.day_count, pack)
    return dict(factset.summary), check_contract(contract, factset, SCAN_SETTINGS, pack)
