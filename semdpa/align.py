"""Align a vendor DPA to a reference DPA: for every vendor clause its closest reference clauses,
and whether it has a counterpart at all.

Each vendor clause is scored against every reference clause with the search scores (text,
topics, provisions; the clause's stored vector is the query, nothing is re-embedded) plus two
structural signals: an annex clause meets annex clauses, a body clause body clauses, and
clauses sit at similar relative places in their documents.

Whether the best match is a counterpart is judged on absolute evidence, not on the (relative)
ranking score: the raw cosine of the two vectors, how much of the vendor clause's provisions
the reference clause shares, and how many of its words it shares. Thresholds were calibrated on
the development set (benchmarks/data/alignment_dev.jsonl):
- `extra`   (raw cosine < 0.45 and provision agreement < 0.3), or (provision agreement < 0.1
            and word overlap < 0.25 — across languages: topic agreement < 0.5);
- `matched` provision agreement >= 0.5 and (raw cosine >= 0.55 or word overlap >= 0.3);
- `partial` everything in between.
A reference clause is `missing` when it has DPA topics and is not among the two best matches
of any vendor clause that has a counterpart.
"""

from __future__ import annotations

import re

import numpy as np

from .embed import Embedder
from .search import SearchSpace, score_rows
from .store import ClauseRow
from .types import Alignment, ClauseRef, DocumentAlignment, DocumentInfo, Match, StoredDocument

SAME_PART_WEIGHT = 0.4
POSITION_WEIGHT = 0.15
MATCHES_PER_CLAUSE = 5
COVERING_MATCHES = 2

EXTRA_DENSE = 0.45
EXTRA_DENSE_PROVISION = 0.3
EXTRA_PROVISION = 0.1
EXTRA_OVERLAP = 0.25
EXTRA_TOPIC = 0.5
MATCHED_PROVISION = 0.5
MATCHED_DENSE = 0.55
MATCHED_OVERLAP = 0.3

_ANNEX = re.compile(r"^(bijlage|annex|appendix|schedule|exhibit|attachment|aanhangsel|addendum)\b", re.I)


def clause_ref(row: ClauseRow) -> ClauseRef:
    c = row.clause
    return ClauseRef(c.id, c.heading, c.text, c.page, c.topics, c.ocr)


def document_info(document: StoredDocument) -> DocumentInfo:
    return DocumentInfo(document.name, document.title, document.language, document.sha256, document.clause_count)


def align_documents(space: SearchSpace, embedder: Embedder, vendor: StoredDocument,
                    reference: StoredDocument) -> DocumentAlignment:
    """Every clause of `vendor`, in order, with its best reference clauses and a status."""
    reference_mask = space.mask([reference.name])
    reference_rows = np.flatnonzero(reference_mask)
    vendor_rows = np.flatnonzero(space.mask([vendor.name]))
    positions, in_annex = space.structure(_relative_positions, _annex_flags)

    matrix = np.zeros((len(vendor_rows), len(reference_rows)), dtype=np.float32)
    parts = []
    for n, i in enumerate(vendor_rows):
        row = space.rows[i]
        features = np.concatenate([space.topics[i], space.provisions[i]])
        scores = score_rows(space, embedder, row.clause.text, reference_mask, heading=row.clause.heading,
                            query_vector=space.vectors[i], query_features=features)
        matrix[n] = scores.total[reference_rows] + SAME_PART_WEIGHT * (in_annex[reference_rows] == in_annex[i]) \
            - POSITION_WEIGHT * np.abs(positions[reference_rows] - positions[i])
        parts.append(scores)

    alignments: list[Alignment] = []
    covered: set[int] = set()
    for n, i in enumerate(vendor_rows):
        total = matrix[n]
        order = np.argsort(-total, kind="stable")[:MATCHES_PER_CLAUSE]
        best = reference_rows[order[0]] if len(order) else None
        status, confidence = ("extra", 0.0) if best is None else _status(space, i, best, parts[n])
        matches = tuple(Match(clause_ref(space.rows[reference_rows[k]]), round(float(total[k]), 4)) for k in order)
        if status != "extra":
            covered.update(int(reference_rows[k]) for k in order[:COVERING_MATCHES])
        alignments.append(Alignment(clause_ref(space.rows[i]), matches, status, round(confidence, 4)))

    missing = tuple(
        clause_ref(space.rows[j]) for j in reference_rows
        if int(j) not in covered and space.rows[j].clause.topics
    )
    return DocumentAlignment(document_info(reference), document_info(vendor), tuple(alignments), missing)


def _status(space: SearchSpace, query: int, best: int, scores) -> tuple[str, float]:
    dense = float(scores.dense[best])
    provision = float(scores.provision[best])
    same_language = space.languages[query] == space.languages[best]
    # Across languages words cannot overlap: topic agreement stands in for them.
    overlap = _word_overlap(space, query, best) if same_language else float(scores.topic[best])
    weak_words = overlap < (EXTRA_OVERLAP if same_language else EXTRA_TOPIC)
    confidence = (max(0.0, dense) + provision + overlap) / 3
    if (dense < EXTRA_DENSE and provision < EXTRA_DENSE_PROVISION) or (provision < EXTRA_PROVISION and weak_words):
        return "extra", confidence
    if provision >= MATCHED_PROVISION and (dense >= MATCHED_DENSE or overlap >= MATCHED_OVERLAP):
        return "matched", confidence
    return "partial", confidence


def _word_overlap(space: SearchSpace, query: int, other: int) -> float:
    """Share of the query clause's distinct stems that the other clause also has."""
    mine, theirs = set(space.tokens[query]), set(space.tokens[other])
    return len(mine & theirs) / len(mine) if mine else 0.0


def _annex_flags(space: SearchSpace) -> np.ndarray:
    return np.array([bool(_ANNEX.match(r.clause.id)) for r in space.rows], dtype=bool)


def _relative_positions(space: SearchSpace) -> np.ndarray:
    positions = np.zeros(len(space.rows), dtype=np.float32)
    by_document: dict[str, list[int]] = {}
    for i, row in enumerate(space.rows):
        by_document.setdefault(row.document, []).append(i)
    for indices in by_document.values():
        span = max(1, len(indices) - 1)
        for rank, i in enumerate(indices):
            positions[i] = rank / span
    return positions
