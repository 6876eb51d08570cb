#!/usr/bin/env python3
"""OCR engines end to end on the project's scans: facts, findings and seconds a page.

    .venv/bin/python benchmarks/ocr.py [--engines rapidocr tesseract] [--set committed|hard|both]

For each scan in samples/scans/ (the committed set) or samples/scans/hard/ (the harder set)
and each engine, reads the scan with the page cache off (one thread, so the figures are per
core), then compares with the typed original: the 23 summary facts of
tests/test_scanned_samples.py, the findings (the prominence rule aside: it is not assessable
on scans by design), and whether a cap rule fired on a number the original does not have.
The engines take turns file by file, so a busy machine slows both alike. Prints one table per
set; the README's OCR section quotes it. Seconds are CPU seconds (this process and its
children), so a busy machine does not inflate them; each engine runs on one thread.
"""
from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from checker.api import check_contract, pack_for, parse  # noqa: E402
from checker.ingest import ocr  # noqa: E402
from checker.settings import Settings  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_scan", ROOT / "samples" / "scan.py")
scan = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = scan
_spec.loader.exec_module(scan)
_tests = importlib.util.spec_from_file_location("bench_scanned", ROOT / "tests" / "test_scanned_samples.py")

SETTINGS = Settings(profile="civil-code", use_cache=False)
PROMINENCE = "standard-terms-not-highlighted"
CAP_RULES = {"interest-rate-excessive": "interest_rate_annual_pct", "overdue-rate-excessive": "overdue_rate_annual_pct",
             "overdue-total-excessive": "overdue_total_annual_pct"}


def facts_list() -> tuple[str, ...]:
    module = importlib.util.module_from_spec(_tests)
    sys.modules[_tests.name] = module
    _tests.loader.exec_module(module)
    return module.FACTS


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract runs as a subprocess):
    what a page costs, whatever else the machine is doing."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def read(path: Path) -> tuple[dict, set[str], tuple[str, ...], int]:
    pack = pack_for(SETTINGS)
    contract, factset = parse(str(path), SETTINGS.day_count, pack)
    result = check_contract(contract, factset, SETTINGS, pack)
    ocr_pages = sum(p.ocr for p in contract.document.pages)
    return dict(factset.summary), {f.rule_id for f in result.findings} - {PROMINENCE}, result.notes, ocr_pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=["rapidocr", "tesseract"])
    parser.add_argument("--set", choices=["committed", "hard", "both"], default="both")
    args = parser.parse_args(argv)
    facts = facts_list()
    sets = {"committed": (scan.SCANS, scan.SCANNED_SAMPLES), "hard": (scan.HARD, scan.HARD_SAMPLES)}
    chosen = list(sets) if args.set == "both" else [args.set]
    ocr.configure(cache=False, threads=1)
    for name in chosen:
        folder, samples = sets[name]
        totals = {e: {"facts": 0, "findings": 0, "seconds": 0.0, "pages": 0, "misread_caps": 0, "unjudged": 0}
                  for e in args.engines}
        rows = []
        for scan_name, (source, _) in sorted(samples.items()):
            typed, typed_rules, _, _ = read(ROOT / "samples" / "contracts" / source)
            for engine in args.engines:
                ocr.configure(engine=engine)
                start = cpu_seconds()
                got, rules, notes, pages = read(folder / scan_name)
                seconds = cpu_seconds() - start
                agree = sum(got.get(k) == typed.get(k) for k in facts)
                misread = [r for r in rules & set(CAP_RULES)
                           if r not in typed_rules or got.get(CAP_RULES[r]) != typed.get(CAP_RULES[r])]
                unjudged = sum(1 for n in notes if n.code == "not_assessable" and n.values["rule"] in CAP_RULES)
                t = totals[engine]
                t["facts"] += agree
                t["findings"] += rules == typed_rules
                t["seconds"] += seconds
                t["pages"] += pages
                t["misread_caps"] += len(misread)
                t["unjudged"] += unjudged
                rows.append((scan_name, engine, f"{agree}/{len(facts)}", "same" if rules == typed_rules else "differ",
                             f"{seconds / max(pages, 1):.1f}", str(unjudged), ",".join(misread) or "-"))
                print("  ".join(rows[-1]), flush=True)
        print(f"\n{name} set ({len(samples)} files, {len(facts)} facts each)")
        print(f"{'engine':<10} {'facts':>9} {'findings':>9} {'cpu s/page':>10} {'cap rules unjudged':>19} "
              f"{'cap findings on a misread number':>33}")
        for engine, t in totals.items():
            print(f"{engine:<10} {t['facts']:>5}/{len(facts) * len(samples):<3} {t['findings']:>5}/{len(samples):<3} "
                  f"{t['seconds'] / max(t['pages'], 1):>10.1f} {t['unjudged']:>19} {t['misread_caps']:>33}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
