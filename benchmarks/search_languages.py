"""Typed search across languages, on the corpus's bilingual twins (benchmarks/twins.py).

Starred and Renaissance IT publish their DPA in Dutch and in English, article for article. A
clause's opening words (its first 25, clauses of 6 words or more) are typed as a query and
searched in the other language's twin; a hit is the twin's clause at the same place first, or
in the first three. Translations share more words than agreements written apart, so this is
an upper bound for typed queries of that length.

    .venv/bin/python benchmarks/search_languages.py [--model NAME]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from semdpa.ingest import read_document  # noqa: E402
from semdpa.library import Library  # noqa: E402
from semdpa.segment import segment_clauses  # noqa: E402
from twins import CORPUS, TWINS, paired_ids  # noqa: E402

QUERY_WORDS = 25


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "index", model=args.model)
        library.add_files([CORPUS / name for pair in TWINS for name in pair])
        stats: dict[str, list[int]] = {}
        for dutch_name, english_name in TWINS:
            dutch = {c.id: c for c in segment_clauses(read_document(CORPUS / dutch_name))}
            english = {c.id: c for c in segment_clauses(read_document(CORPUS / english_name))}
            to_english = paired_ids(list(dutch), list(english))
            to_dutch = {e: d for d, e in to_english.items()}
            for direction, clauses, target, twin in (("Dutch query, English twin", dutch, english_name, to_english),
                                                     ("English query, Dutch twin", english, dutch_name, to_dutch)):
                counts = stats.setdefault(direction, [0, 0, 0])
                for clause_id, clause in clauses.items():
                    words = clause.text.split()
                    if clause_id not in twin or len(words) < 6:
                        continue
                    found = [r.clause_id for r in library.search(" ".join(words[:QUERY_WORDS]), top_k=3, document=target)]
                    counts[0] += 1
                    counts[1] += found[:1] == [twin[clause_id]]
                    counts[2] += twin[clause_id] in found
    print(f"{'direction':<28} {'n':>4} {'top-1':>6} {'top-3':>6}")
    for direction, (n, first, three) in stats.items():
        print(f"{direction:<28} {n:>4} {first / n:>6.3f} {three / n:>6.3f}")


if __name__ == "__main__":
    main()
