"""Write samples/contracts/<file>.expected.yaml from the checker's current findings.

    .venv/bin/python samples/record_expected.py

Run it only after reading the differences (git diff) against samples/README.md, which says
what each sample is meant to trigger: the expected files are reviewed data, not snapshots to
refresh blindly. tests/test_samples_expected.py asserts the checker reproduces them exactly.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from checker.api import check_file
from checker.settings import Settings

HERE = Path(__file__).resolve().parent / "contracts"
SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".html"}
PROFILES = ("auto", "civil-code")


def expected_for(path: Path) -> dict:
    out: dict = {}
    for profile in PROFILES:
        result = check_file(str(path), Settings(profile=profile, use_cache=False))
        out[profile] = {
            "profile_applied": result.profile,
            "findings": [{"rule": f.rule_id, "clause": f.clause_path or None} for f in
                         sorted(result.findings, key=lambda f: (f.rule_id, f.clause_path))],
        }
    return out


def main() -> None:
    for path in sorted(p for p in HERE.iterdir() if p.suffix in SUFFIXES):
        target = path.with_name(path.name + ".expected.yaml")
        data = {"file": path.name, **expected_for(path)}
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        print(f"wrote {target.name}")


if __name__ == "__main__":
    main()
