"""How well `missing` names the reference clauses a vendor DPA does not cover.

    .venv/bin/python benchmarks/missing.py [--model NAME] [--complete 0.9] [--show]

The truth comes from the labelled alignment sets (benchmarks/data/alignment_*.jsonl): for a
vendor whose clauses are labelled nearly all (at least --complete of them), a reference clause
with DPA topics is covered when some vendor clause lists it among its acceptable counterparts,
and missing otherwise. `semdpa compare` reports its own `missing`; the script prints, per vendor
and pooled, how many of the reported ones are truly missing (precision) and how many of the truly
missing it reports (recall). A reviewer is told to look for what is missing, so recall counts
for more: a clause wrongly reported is read and dismissed, one not reported is not read at all.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from alignment import load_rows, locate  # noqa: E402

from semdpa.library import Library  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default")
    parser.add_argument("--complete", type=float, default=0.9,
                        help="share of a vendor's clauses that must be labelled for it to count")
    parser.add_argument("--show", action="store_true", help="list the clauses reported or missed wrongly")
    args = parser.parse_args()
    labels: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)
    for path in sorted((ROOT / "benchmarks" / "data").glob("alignment_*.jsonl")):
        for row in load_rows(path):
            labels[(row["vendor"], row["reference"])][row["clause"]] = row["expected"]
    names = sorted({name for pair in labels for name in pair})
    totals = {"reported": 0, "true": 0, "hit": 0}
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "index", model=args.model)
        library.add_files([locate(n) for n in names])
        store = library.store()
        print(f"{'vendor':44} {'labelled':>9} {'missing':>8} {'reported':>9} {'precision':>9} {'recall':>7}")
        for (vendor, reference), expected in sorted(labels.items()):
            result = library.align(vendor, reference)
            ids = [a.vendor_clause.id for a in result.alignments]
            labelled = sum(i in expected for i in ids)
            if labelled < args.complete * len(ids):
                continue
            covered = {e for i in ids for e in expected.get(i, [])}
            with_topics = [r.clause.id for r in store.rows([reference]) if r.clause.topics]
            truth = {c for c in with_topics if c not in covered}
            reported = {c.id for c in result.missing}
            hit = len(truth & reported)
            for key, value in (("reported", len(reported)), ("true", len(truth)), ("hit", hit)):
                totals[key] += value
            precision = hit / len(reported) if reported else float("nan")
            recall = hit / len(truth) if truth else float("nan")
            print(f"{vendor[:44]:44} {labelled:>4}/{len(ids):<4} {len(truth):>8} {len(reported):>9} "
                  f"{precision:9.3f} {recall:7.3f}")
            if args.show:
                print(f"    not missing but reported: {sorted(reported - truth)}")
                print(f"    missing, not reported:    {sorted(truth - reported)}")
    precision = totals["hit"] / totals["reported"] if totals["reported"] else float("nan")
    recall = totals["hit"] / totals["true"] if totals["true"] else float("nan")
    print(f"{'pooled':44} {'':9} {totals['true']:>8} {totals['reported']:>9} {precision:9.3f} {recall:7.3f}")


if __name__ == "__main__":
    main()
