"""Each heavy library is imported in one place, and every module keeps to its layer."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "checker"

OWNERS = {
    "durable": {"engine/durable.py"},
    "durable_rules_engine": {"engine/durable.py"},
    "pdfplumber": {"ingest/pdf_plumber.py", "ingest/pdf_pdfium.py"},  # the reference reader; its table finder
    "pdfminer": {"ingest/pdf_plumber.py"},
    "pypdfium2": {"ingest/pdf_pdfium.py", "ingest/pdf.py", "review/pdf.py"},  # characters; OCR renderer; review copies
    "pypdfium2_raw": {"ingest/pdf_pdfium.py"},
    "lxml": {"ingest/docx.py", "ingest/html.py", "ingest/wordxml.py", "reports/junit.py", "review/docx.py"},
    "cssselect": {"ingest/css.py"},
    "typer": {"cli.py"},
}



def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            prefix = "." * node.level
            names.add(prefix + (node.module or ""))
    return names


def _modules():
    for path in SRC.rglob("*.py"):
        yield path.relative_to(SRC).as_posix(), _imports(path)


def test_heavy_libraries_are_imported_only_by_their_owner():
    for rel, names in _modules():
        for lib, owners in OWNERS.items():
            if any(n == lib or n.startswith(lib + ".") for n in names):
                assert rel in owners, f"{rel} imports {lib}"


def test_every_module_keeps_to_its_layer():
    """The layer contracts in pyproject.toml ([tool.importlinter]) hold: no import runs up the
    layers, every top-level module is named in a layer, and no package has an import cycle
    among its modules."""
    from importlinter import cli

    assert cli.lint_imports(config_filename=str(ROOT / "pyproject.toml")) == cli.EXIT_STATUS_SUCCESS
