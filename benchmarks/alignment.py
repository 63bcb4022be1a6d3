"""Matching quality on the labelled development set (benchmarks/data/alignment_dev.jsonl).

Each row names a vendor clause and the reference clauses a reviewer accepts as its
counterpart (none: the clause has no counterpart). For every ranker the script prints, per
language: top-1 accuracy and recall@3 over clauses that have a counterpart, and MRR.

    .venv/bin/python benchmarks/alignment.py [--model NAME] [--rankers dense,lexical,hybrid]
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_check.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_fresh.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_fresh2.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_fresh3.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_seeds2.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_fresh4.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_fresh5.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_fresh6.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_fresh7.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_fresh8.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_fresh9.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_fresh10.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_fresh11.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_crosslang.jsonl
    .venv/bin/python benchmarks/alignment.py --dev benchmarks/data/alignment_twins.jsonl

`alignment_check.jsonl` is a second set, labelled later from four vendors the development set
does not use (SimpleLocalize and Logfire against the EU SCC, L'Comp and Renaissance IT against
seed 002), each labelled before anything was measured on it: a check that what was chosen on
the first set carries over to other agreements.

`alignment_fresh.jsonl` (session 9) is a third set from five more vendors: Starred's Dutch
"bewerkersovereenkomst" and DGSkills (a Model 4.0-based agreement) against seed 002;
Plausible, Keboola and Common Paper against the EU SCC. Its labels were written by reading
the agreements before anything was run on them; its first measurement is in
benchmarks/RESULTS.md. `alignment_fresh2.jsonl` is a second batch labelled the same way later in
session 9, after the first batch had been worked on: Kemitchell's GDPR processor addendum
(42 rows) and WeTransfer's DPA (50 rows) against the EU SCC.

Session 10 added two more, labelled the same way before anything ran on them:
`alignment_fresh3.jsonl`, Mailjet/Sinch, Retool and Scalingo against the EU SCC (96 English
rows with a counterpart, 19 without), and `alignment_seeds2.jsonl`, the 54 clauses of the four
vendor seeds that no set had labelled (their annexes, liability details, preambles) against
seed 002: the Dutch set closest in kind to the held-out one. `alignment_fresh4.jsonl` followed
once those had been worked on: OVHcloud, Renaissance IT's English DPA and GitHub's 2020
addendum (with the 2010 SCC attached) against the EU SCC (88 rows with a counterpart, 16
without); then `alignment_fresh5.jsonl`, Clever's European DPA with the 2021/914 transfer SCC it
carries (68 with a counterpart, 9 without).

Session 11 added `alignment_fresh6.jsonl`, labelled the same way: Google Ads' Data Processing
Terms and Aptible's DPA with the transfer SCC and the UK Addendum it attaches, against the EU
SCC (186 rows with a counterpart, 56 without). Session 12 added `alignment_fresh7.jsonl`:
GitHub's current Data Protection Agreement (its body, the annexes of its transfer SCCs and its
Article 28 terms) against the EU SCC (40 rows with a counterpart, 11 without). Session 13 added
`alignment_fresh8.jsonl`: the clauses of fortrabbit's DPA (a German contract in translation) and
Starred's English DPA that no set labelled, against the EU SCC (55 rows with a counterpart, 16
without). Session 14 added `alignment_fresh9.jsonl`: GitHub DPA's transfer SCC (2021/914), the
clauses of GitHub's 2020 addendum and of Logfire's DPA that no set labelled, against the EU SCC
(70 rows with a counterpart, 47 without). Session 15 added `alignment_fresh10.jsonl`: 102 rows read
the same way from the clauses no set had labelled in fifteen corpus agreements (definitions of
GDPR terms, WeTransfer's and SimpleLocalize's security annexes, Kemitchell's processing summary,
contact and acceptance clauses, customer obligations; 84 with a counterpart), and 83 rows whose
text is a copy of a clause labelled in another agreement, each carrying that clause's label
(`source` names it): the transfer SCC in Clever's Schedule 3 (as GitHub's Attachment 1), the UK
Addendum in its Schedule 4 (as Aptible's Exhibit B) and the 2010 SCC in GitHub's Attachment 2 (as
GitHub 2020's Attachment 1); 38 of them with a counterpart. Session 17 added
`alignment_fresh11.jsonl`: ResearchEquals' DPA, the one English vendor agreement of the corpus no
set used, which adopts the EU SCC itself with its options chosen, Clause 5 left out and the annexes
filled in; each clause is labelled with the SCC clause it reproduces, its title and annexes as the
other sets label theirs (51 rows, all with a counterpart).

Two sets measure alignment across languages (languages `en-nl`: an English vendor against a
Dutch reference; `nl-en` the other way). Session 22 added `alignment_crosslang.jsonl`: Plausible,
Keboola, Wire and Logfire, English, against seed 002, read before anything ran on them (78 rows,
76 with a counterpart); after the first run 4.3 ("the annex specifies the purposes, the
processing and the categories of data and data subjects") was added to six rows on the
categories of data, as the English sets accept SCC Clause 6 beside Annex II. Then seed 004,
Dutch, against the EU SCC (46 rows, 31 with a counterpart), read the same way.
`alignment_twins.jsonl` is derived, not read (`benchmarks/twins.py`): Starred and Renaissance IT
publish their DPA in both languages, so each twin takes the other's labels against the other
reference (121 rows).

Documents come from data/ (seeds) and ../shared/corpus; the index is built in a temporary
directory with the chosen model.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from semdpa.library import Library  # noqa: E402
from semdpa.search import hybrid_scores  # noqa: E402

DEV = ROOT / "benchmarks" / "data" / "alignment_dev.jsonl"
CHECK = ROOT / "benchmarks" / "data" / "alignment_check.jsonl"
PLACES = [ROOT / "data", ROOT.parent / "shared" / "corpus"]


def locate(name: str) -> Path:
    for place in PLACES:
        if (place / name).exists():
            return place / name
    raise SystemExit(f"cannot find {name} in data/ or ../shared/corpus")


def load_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def rank_search(library: Library, ranker: str, vendor: str, clause_id: str, reference: str) -> list[str]:
    """Reference clause ids, best first, for one vendor clause used as a search query."""
    space = library.space()
    i = space.index_of(vendor, clause_id)
    clause = space.fetch([i])[0].clause
    scores = hybrid_scores(space, library.embedder, clause.context_text, space.mask([reference]),
                           query_vector=space.vectors([i])[0])
    values = {"dense": scores.dense, "lexical": scores.lexical, "hybrid": scores.text}[ranker]
    order = np.argsort(-values, kind="stable")
    return [row.clause.id for row in space.fetch(scores.rows[order])]


def evaluate(library: Library, rows: list[dict], ranker: str, *, show: bool = False) -> dict:
    """Top-1, recall@3 and MRR over clauses with a counterpart; precision/recall of `extra`."""
    per = defaultdict(lambda: {"n": 0, "top1": 0, "r3": 0, "rr": 0.0, "extra_true": 0, "extra_flagged": 0, "extra_hit": 0})
    aligned = {}
    if ranker == "align":
        for vendor, reference in sorted({(r["vendor"], r["reference"]) for r in rows}):
            result = library.align(vendor, reference)
            aligned.update({(vendor, a.vendor_clause.id): a for a in result.alignments})
    for row in rows:
        stats = per[row["language"]]
        if ranker == "align":
            alignment = aligned[(row["vendor"], row["clause"])]
            ranked = [m.clause.id for m in alignment.matches]
            flagged = alignment.status == "extra"
            stats["extra_flagged"] += flagged
            stats["extra_true"] += not row["expected"]
            stats["extra_hit"] += flagged and not row["expected"]
            if show and flagged != (not row["expected"]):
                wrong = "flagged extra, has a counterpart" if flagged else f"has no counterpart, {alignment.status}"
                print(f"  {wrong}: {row['language']} {row['vendor'][:12]} {row['clause']:<14} expected {row['expected']}")
        else:
            ranked = rank_search(library, ranker, row["vendor"], row["clause"], row["reference"])
        if not row["expected"]:
            continue
        stats["n"] += 1
        positions = [ranked.index(e) for e in row["expected"] if e in ranked]
        best = min(positions) if positions else None
        if best is not None:
            stats["top1"] += best == 0
            stats["r3"] += best < 3
            stats["rr"] += 1.0 / (best + 1)
        if show and best != 0:
            where = f"first labelled at {best + 1}" if best is not None else f"none labelled in the {len(ranked)}"
            print(f"  miss {row['language']} {row['vendor'][:12]} {row['clause']:<14} expected {row['expected']} got {ranked[:3]} ({where})")
    out = {}
    for lang, s in sorted(per.items()):
        out[lang] = {"n": s["n"], "top1": s["top1"] / s["n"], "recall@3": s["r3"] / s["n"], "mrr": s["rr"] / s["n"]}
        if ranker == "align":
            out[lang]["extra_precision"] = s["extra_hit"] / s["extra_flagged"] if s["extra_flagged"] else float("nan")
            out[lang]["extra_recall"] = s["extra_hit"] / s["extra_true"] if s["extra_true"] else float("nan")
            out[lang]["extra_counts"] = f"({s['extra_hit']} of {s['extra_flagged']} flagged, {s['extra_true']} labelled)"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default")
    parser.add_argument("--rankers", default="dense,lexical,hybrid,align")
    parser.add_argument("--show", action="store_true",
                        help="list the misses, each with the rank of its best labelled match")
    parser.add_argument("--dev", type=Path, default=DEV)
    args = parser.parse_args()
    rows = load_rows(args.dev)
    names = sorted({r["vendor"] for r in rows} | {r["reference"] for r in rows})
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "index", model=args.model)
        started = time.perf_counter()
        library.add_files([locate(n) for n in names])
        print(f"indexed {len(names)} documents in {time.perf_counter() - started:.1f} s with {library.model_name}")
        print(f"{'ranker':10} {'lang':4} {'n':>4} {'top-1':>6} {'rec@3':>6} {'MRR':>6} {'extraP':>7} {'extraR':>7}")
        for ranker in args.rankers.split(","):
            for lang, m in evaluate(library, rows, ranker, show=args.show and ranker == "align").items():
                extra = f"{m['extra_precision']:7.3f} {m['extra_recall']:7.3f} {m['extra_counts']}" if "extra_recall" in m else ""
                print(f"{ranker:10} {lang:4} {m['n']:>4} {m['top1']:6.3f} {m['recall@3']:6.3f} {m['mrr']:6.3f} {extra}")


if __name__ == "__main__":
    main()
