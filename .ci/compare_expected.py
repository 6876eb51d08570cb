"""Compare a JSON report of samples/contracts with the *.expected.yaml beside each sample
(profile `auto`). Prints one line per difference; exits 1 when any sample differs."""
import json
import sys
from pathlib import Path

import yaml


def main(report_path: str, contracts: str) -> int:
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    got = {Path(d["path"]).name: d for d in report["documents"]}
    problems = []
    expected_files = sorted(Path(contracts).glob("*.expected.yaml"))
    for expected_file in expected_files:
        name = expected_file.name[: -len(".expected.yaml")]
        expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))["auto"]
        document = got.get(name)
        if document is None:
            problems.append(f"{name}: not in the report")
            continue
        want = sorted((f["rule"], f["clause"]) for f in expected["findings"])
        have = sorted((f["rule_id"], f["clause_path"] or None) for f in document["findings"])
        if want != have:
            problems.append(f"{name}: expected {want}, got {have}")
    for line in problems:
        print(f"wheel-check: {line}")
    print(f"wheel-check: {len(expected_files) - len(problems)}/{len(expected_files)} samples as expected "
          "from an installed wheel")
    return 1 if problems or not expected_files else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
