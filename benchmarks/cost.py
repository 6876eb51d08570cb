#!/usr/bin/env python3
"""What the all-in cost (charges, schedule, IRR) adds to checking one contract.

    .venv/bin/python benchmarks/cost.py [--runs 20]

Checks each sample contract (samples/contracts) and one fee-laden contract written here, in
this process, ``--runs`` times (after one warm-up run, so numpy's one-time import is not
counted per check: it is printed apart, once per process). The time spent inside
``checker.facts.cost_summary`` (reading charges and the method, building the schedule, the
IRR) and in ``checker.facts.cost.irr`` alone is timed by calling them again with the
arguments the check passed them. Each figure is the fastest of its runs (the least disturbed
on a shared machine). The last line gives the
shares of the whole set's check time, as a batch would see them. Target: under 2%.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

FEES = """# 借款合同
贷款人：某某网络小额贷款有限公司
借款人：王某
## 第一条 借款
借款金额为人民币20,000元，借款期限36个月，年化利率10%，采用等额本息方式按月还款，分36期。
## 第二条 费用
借款人每月按借款本金的1%支付服务费，随每期还款一并支付；另每月支付会员费99元。
担保费人民币600元，由贷款人在放款时从借款本金中直接扣除。
签订日期：2024年3月15日
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args(argv)
    print(f"numpy + numpy-financial import, once per process: {_import_ms():.0f} ms")

    import checker.facts as facts_module
    import checker.facts.cost as cost_module
    from checker import api
    from checker.settings import Settings

    calls: dict[str, list] = {"cost": [], "irr": []}
    facts_module.cost_summary = _recorded(facts_module.cost_summary, calls["cost"])
    cost_module.irr = _recorded(cost_module.irr, calls["irr"])
    with tempfile.TemporaryDirectory() as tmp:
        fee_doc = Path(tmp) / "fees.md"
        fee_doc.write_text(FEES, encoding="utf-8")
        docs = sorted(str(p) for p in (ROOT / "samples" / "contracts").iterdir()
                      if not p.name.endswith(".yaml")) + [str(fee_doc)]
        settings = Settings()
        totals = [0.0, 0.0, 0.0]
        print(f"{'document':32} {'check ms':>9} {'all-in ms':>9} {'share':>7} {'IRR ms':>7} {'share':>7}")
        for path in docs:
            for found in calls.values():
                found.clear()
            api.check_file(path, settings)  # warm-up, and the calls to time on their own
            cost_calls, irr_calls = list(calls["cost"]), list(calls["irr"])
            check = _fastest(lambda: api.check_file(path, settings), args.runs)
            cost = _fastest(lambda: [fn(*a, **kw) for fn, a, kw in cost_calls], args.runs * 10)
            irr = _fastest(lambda: [fn(*a, **kw) for fn, a, kw in irr_calls], args.runs * 10)
            totals = [totals[0] + check, totals[1] + cost, totals[2] + irr]
            print(f"{Path(path).name:32} {check * 1000:9.1f} {cost * 1000:9.2f} {cost / check:7.2%} "
                  f"{irr * 1000:7.2f} {irr / check:7.2%}")
    share, irr_share = totals[1] / totals[0], totals[2] / totals[0]
    print(f"all-in cost adds {share:.2%} to the checks' time, the IRR alone {irr_share:.2%} (target < 2%)")
    return 0 if share < 0.02 else 1


def _recorded(inner, calls: list):
    """``inner``, noting each call's arguments so that it can be timed on its own afterwards."""
    def recorded(*a, **kw):
        calls.append((inner, a, kw))
        return inner(*a, **kw)
    return recorded


def _fastest(work, runs: int) -> float:
    """The fastest of ``runs`` runs, in seconds: the least disturbed on a shared machine."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def _import_ms() -> float:
    code = "import time; t=time.perf_counter(); import numpy_financial; print((time.perf_counter()-t)*1000)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


if __name__ == "__main__":
    sys.exit(main())
