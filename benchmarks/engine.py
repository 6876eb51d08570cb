"""Rules engine throughput and memory over a long batch (run by hand, prints figures).

    .venv/bin/python benchmarks/engine.py [--documents 10000]

Builds synthetic contracts' facts (varied topics, obligations and rates), evaluates the
cn-loan pack on each through durable-rules and through the reference evaluator, and prints
documents/second plus the process's resident memory every 1,000 documents: flat memory means
states are deleted and nothing accumulates per document.
"""
from __future__ import annotations

import argparse
import random
import resource
import time

from checker.engine import doc_fact, evaluate
from checker.model import Clause, Contract, Document, Fact, FactSet, Line, Page
from checker.params import resolve
from checker.rulepack import load_pack

TOPICS = ["loan_amount", "loan_term", "repayment_method", "interest_rate", "overdue_interest",
          "liquidated_damages", "collection_conduct", "credit_reporting", "dispute_resolution"]
ACTIONS = ["disclose_debt_to_third_party", "deduct_upfront", "unilateral_amendment", "public_exposure"]


def rss_mib() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic(rng: random.Random, n: int) -> tuple[Contract, FactSet]:
    clauses = tuple(Clause(str(i), f"第{i}条", "", f"条款{i}", 1, "article", 1, 1, i, i) for i in range(1, 13))
    doc = Document(f"synthetic-{n}.txt", "txt", (Page(1, tuple(Line(c.text, 1) for c in clauses)),))
    items = [Fact("topic", t, True, str(rng.randint(1, 12)), 1, t) for t in TOPICS if rng.random() < 0.8]
    items += [Fact("obligation", a, rng.choice(["permitted", "forbidden"]), str(rng.randint(1, 12)), 1, a,
                   {"actor": "lender"}) for a in ACTIONS if rng.random() < 0.3]
    rate = round(rng.uniform(3, 40), 2)
    summary = {"contract_date": f"20{rng.randint(20, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
               "interest_rate_annual_pct": rate, "overdue_rate_annual_pct": rate * 1.5,
               "interest_charged": True, "apr_stated": rng.random() < 0.5, "overdue_charge_kinds": rng.randint(0, 3),
               "overdue_total_annual_pct": rate * 2.5, "is_standard_form": rng.random() < 0.5,
               "emphasis_assessable": True, "key_terms_emphasized": rng.random() < 0.5}
    return Contract(doc, clauses), FactSet(tuple(items), summary)


def run(backend: str, documents: int) -> None:
    pack = load_pack()
    rng = random.Random(7)
    start = time.perf_counter()
    for n in range(1, documents + 1):
        contract, facts = synthetic(rng, n)
        params = resolve(facts.summary, "civil-code", pack).params
        evaluate(pack, contract, facts, doc_fact(facts.summary, params), backend=backend)
        if n % 1000 == 0:
            print(f"  {backend:9} {n:6d} docs  {n / (time.perf_counter() - start):8.0f} docs/s  RSS {rss_mib():6.1f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=10000)
    args = ap.parse_args()
    for backend in ("durable", "reference"):
        run(backend, args.documents)


if __name__ == "__main__":
    main()
