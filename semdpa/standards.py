"""Standard clauses: texts that vendors copy into their DPAs word for word, and which clause of
another standard text each of their clauses corresponds to.

Most vendor DPAs carry the EU SCC for transfers (2021/914 Module Two; older ones 2010/87) and
often the UK Addendum; none may be changed. Against the Article 28 SCC (2021/915) as reference, what
each of their clauses corresponds to is a fixed fact about the two texts, read once
(benchmarks/standard_clauses.py writes standard_clauses.jsonl), not a guess from shared words:
2021/914's 1(b) ("the Parties ... listed in Annex I.A") shares more words with 2021/915's 1(a)
than with its 1(b), and the UK Addendum's rules of interpretation read alike. A clause is
recognised as a standard clause when it copies its words (lexical.COPY_JACCARD, as align's
copy rule); the reference's clauses are recognised the same way, so the crosswalk
holds for any reference that reproduces 2021/915, however it numbers its clauses.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .lexical import COPY_JACCARD, COPY_MIN_WORDS, analyze, word_jaccard

# A reference "is" a standard text (so that a clause with no counterpart in it is `extra`) when
# it reproduces at least this share of that text's clauses.
REPRODUCED_SHARE = 0.5
NEIGHBOURHOOD = 5
LANGUAGE = "en"  # the texts shipped are the English versions


@dataclass(frozen=True)
class StandardClause:
    instrument: str
    clause: str
    text: str
    # (instrument, its clauses corresponding to this one, the closest first); an empty tuple
    # says that instrument has no counterpart.
    counterparts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unit: str = "Clause"  # what the instrument calls its parts

    @property
    def name(self) -> str:
        """How a report cites it: "EU SCC 2021/914 Module Two, Clause 8.6(d)"."""
        return f"{self.instrument}, {self.unit} {self.clause}"


@lru_cache(maxsize=1)
def standard_clauses() -> tuple[StandardClause, ...]:
    lines = (Path(__file__).parent / "standard_clauses.jsonl").read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])  # the sources, and what each text calls its parts
    rows = [json.loads(line) for line in lines[1:] if line.strip()]
    units = header.get("units", {})
    return tuple(StandardClause(r["instrument"], r["clause"], r["text"],
                                tuple((k, tuple(v)) for k, v in r.get("counterparts", {}).items()),
                                units.get(r["instrument"], "Clause"))
                 for r in rows)


@lru_cache(maxsize=1)
def _standard_words() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(analyze(c.text, LANGUAGE)) for c in standard_clauses())


def recognise(texts: Sequence[str], language: str) -> list[StandardClause | None]:
    """For each clause of a document (`texts`, in order), the standard clause whose words it
    copies, or None.

    Some clauses copy two texts at once: the transfer SCC's Clause 5 is the SCC's Clause 4 word
    for word, and a vendor adopting the 2021/915 SCC with Option 2 chosen is closer to the
    transfer SCC's wording of that option than to 2021/915's text with both options. Such a
    clause belongs to the text its neighbours (NEIGHBOURHOOD clauses either side) copy most; the
    closest copy decides only between equals."""
    if language != LANGUAGE:
        return [None] * len(texts)
    return recognise_words([set(analyze(t, language)) for t in texts], language)


def recognise_words(clause_words: Sequence[set[str]], language: str) -> list[StandardClause | None]:
    """`recognise` for clauses already analysed (`lexical.analyze`, as sets)."""
    if language != LANGUAGE or not clause_words:
        return [None] * len(clause_words)
    known = standard_clauses()
    overlap = word_jaccard(clause_words, _standard_words(), COPY_MIN_WORDS)
    closest = [known[int(np.argmax(row))].instrument if row.max() >= COPY_JACCARD else None for row in overlap]
    found: list[StandardClause | None] = []
    for n, row in enumerate(overlap):
        candidates = np.flatnonzero(row >= COPY_JACCARD)
        if not len(candidates):
            found.append(None)
            continue
        votes = Counter(i for i in closest[max(0, n - NEIGHBOURHOOD):n] + closest[n + 1:n + 1 + NEIGHBOURHOOD] if i)
        best = max(candidates, key=lambda k: (votes[known[k].instrument], row[k]))
        found.append(known[int(best)])
    return found


def counterpart_columns(vendor_known: Sequence[StandardClause | None],
                        reference_known: Sequence[StandardClause | None]) -> list[tuple[int, ...] | None]:
    """For each vendor clause recognised as a standard clause (`recognise`): the reference
    clauses (by position) recognised as its counterparts, the closest first; an empty tuple when
    the reference reproduces a standard text that has no counterpart for it; None when nothing
    is known."""
    columns: dict[tuple[str, str], list[int]] = {}
    for k, standard in enumerate(reference_known):
        if standard is not None:
            columns.setdefault((standard.instrument, standard.clause), []).append(k)
    recognised = Counter(instrument for instrument, _ in columns)
    size = Counter(c.instrument for c in standard_clauses())
    reproduced = {i for i, n in recognised.items() if n >= REPRODUCED_SHARE * size[i]}
    result: list[tuple[int, ...] | None] = []
    for standard in vendor_known:
        found: tuple[int, ...] | None = None
        for instrument, clauses in (standard.counterparts if standard is not None else ()):
            if clauses:
                hits = tuple(k for clause in clauses for k in columns.get((instrument, clause), ()))
                if hits:
                    found = hits
                    break
            elif instrument in reproduced:
                found = ()
                break
        result.append(found)
    return result
