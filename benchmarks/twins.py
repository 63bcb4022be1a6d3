"""Derive cross-language alignment rows from the agreements the corpus has in both languages.

Starred and Renaissance IT publish their DPA in Dutch and in English, article for article. Each
twin is labelled against the reference of its own language (the English ones against the EU
SCC, the Dutch ones against seed 002). The other twin's clause at the same place has the same
counterpart, so the labels carry over:

    Dutch twin   against the EU SCC  <- the English twin's labels  (language "nl-en")
    English twin against seed 002    <- the Dutch twin's labels    (language "en-nl")

Clauses are paired by their ids where both twins have them, else by place within a run of
differing ids of the same length (Starred's "in aanmerking nemende dat" / "WHEREAS"); a run of
different lengths (Renaissance's Appendix 1 items, five against four) is left out.

    .venv/bin/python benchmarks/twins.py        # writes benchmarks/data/alignment_twins.jsonl
    .venv/bin/python benchmarks/alignment.py --rankers align --dev benchmarks/data/alignment_twins.jsonl
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from semdpa.ingest import read_document
from semdpa.segment import segment_clauses

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
TWINS = [("starred_bewerkersovereenkomst_nl.md", "starred_dpa_en.md"),
         ("renaissance_it_verwerkingsovereenkomst_nl.md", "renaissance_it_dpa_en.md")]
SOURCES = ["alignment_dev.jsonl", "alignment_check.jsonl", "alignment_fresh.jsonl"] \
    + [f"alignment_fresh{n}.jsonl" for n in range(2, 12)] + ["alignment_seeds2.jsonl"]


def paired_ids(dutch: list[str], english: list[str]) -> dict[str, str]:
    """Dutch clause id -> the English twin's clause id at the same place."""
    pairs = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=dutch, b=english, autojunk=False).get_opcodes():
        if tag == "equal" or i2 - i1 == j2 - j1:
            pairs.update(zip(dutch[i1:i2], english[j1:j2]))
    return pairs


def main() -> None:
    rows = [json.loads(line) for name in SOURCES for line in (HERE / "data" / name).read_text().splitlines() if line.strip()]
    out = []
    for dutch_name, english_name in TWINS:
        dutch = {c.id: c for c in segment_clauses(read_document(CORPUS / dutch_name))}
        english = {c.id: c for c in segment_clauses(read_document(CORPUS / english_name))}
        to_english = paired_ids(list(dutch), list(english))
        to_dutch = {e: d for d, e in to_english.items()}
        for row in rows:
            if row["vendor"] == english_name and row["clause"] in to_dutch:
                clause = dutch[to_dutch[row["clause"]]]
                out.append({**row, "language": "nl-en", "vendor": dutch_name, "clause": clause.id,
                            "quote": " ".join(clause.text.split())[:60]})
            elif row["vendor"] == dutch_name and row["clause"] in to_english:
                clause = english[to_english[row["clause"]]]
                out.append({**row, "language": "en-nl", "vendor": english_name, "clause": clause.id,
                            "quote": " ".join(clause.text.split())[:60]})
    target = HERE / "data" / "alignment_twins.jsonl"
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(f"{len(out)} rows -> {target}")


if __name__ == "__main__":
    main()
