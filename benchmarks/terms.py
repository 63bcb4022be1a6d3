"""Term extraction quality on labelled corpus snippets (benchmarks/data/terms_snippets*.jsonl).

Each snippet is a sentence of ../shared/corpus with the terms a reviewer reads in it
(kind and normalised value). The snippet is tagged with topics as in indexing (its clause
heading included), terms are extracted, and (kind, value) pairs are compared.

- terms_snippets.jsonl: the set the extractor was written on (session 4);
- terms_snippets2.jsonl: sentences read later (session 21) in clauses on sub-processors,
  breaches, audits and liability, many of them ones the extractor then missed.

    .venv/bin/python benchmarks/terms.py [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from semdpa.terms import extract_terms  # noqa: E402
from semdpa.topics import tag_topics  # noqa: E402
from semdpa.types import Clause  # noqa: E402

SNIPPETS = ROOT / "benchmarks" / "data" / "terms_snippets.jsonl"
SETS = (SNIPPETS, ROOT / "benchmarks" / "data" / "terms_snippets2.jsonl")


def evaluate(path: Path = SNIPPETS, show: bool = False) -> dict:
    totals = {"all": Counter()}
    for line in path.read_text().splitlines():
        row = json.loads(line)
        clause = Clause(id="x", heading=row["heading"], text=row["text"], span=(0, len(row["text"])),
                        topics=tag_topics(row["heading"], row["text"]))
        found = {(t.kind, t.value) for t in extract_terms(clause)}
        expected = {tuple(e) for e in row["expected"]}
        for key in ("all", row["language"]):
            counts = totals.setdefault(key, Counter())
            counts["tp"] += len(found & expected)
            counts["fp"] += len(found - expected)
            counts["fn"] += len(expected - found)
            counts["snippets"] += 1
        if show and found != expected:
            print(f"  {row['source'][:28]:28} missed {sorted(expected - found)} extra {sorted(found - expected)}")
    out = {}
    for key, c in totals.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        out[key] = {"snippets": c["snippets"], "terms": c["tp"] + c["fn"], "precision": precision, "recall": recall}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the snippets with differences")
    args = parser.parse_args()
    print(f"{'file':22} {'set':5} {'snippets':>8} {'terms':>6} {'precision':>9} {'recall':>7}")
    for path in SETS:
        for key, m in evaluate(path, show=args.show).items():
            print(f"{path.name:22} {key:5} {m['snippets']:>8} {m['terms']:>6} {m['precision']:9.3f} {m['recall']:7.3f}")

if __name__ == "__main__":
    main()
