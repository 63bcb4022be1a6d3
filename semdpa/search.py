"""Hybrid clause search: dense (FAISS vectors) and lexical (stemmed BM25), fused.

Each side's scores are normalised over the clauses in scope, `(s - mean) / (max - mean)`, so
the best clause of either side scores 1 and an average one 0, whatever the raw scale. The
fused score weights the dense side by the language of the clause: the default model is
English-only, so on Dutch clauses lexical evidence counts for more.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .embed import DEFAULT_MODEL, Embedder
from .lexical import LexicalIndex, analyze_query
from .store import ClauseRow, ClauseStore
from .types import SearchResult

# Weight of the dense side per clause language, for an English-only model and otherwise.
DENSE_WEIGHT_ENGLISH_MODEL = {"en": 0.5, "nl": 0.25}
DENSE_WEIGHT_MULTILINGUAL = 0.5
ENGLISH_ONLY_MODELS = {DEFAULT_MODEL}


@dataclass
class SearchSpace:
    """What search needs of one index generation, loaded once and kept in memory."""

    rows: list[ClauseRow]
    documents: np.ndarray  # document name per row
    languages: np.ndarray  # language per row
    vectors: np.ndarray  # (rows, dim), normalised
    lexical: LexicalIndex

    @classmethod
    def load(cls, store: ClauseStore) -> "SearchSpace":
        rows = store.rows()
        languages = {d.name: d.language for d in store.documents()}
        token_lists = dict(store.tokens())
        vectors = store.vectors([r.row_id for r in rows]) if rows else np.zeros((0, max(1, store.dimension)), np.float32)
        return cls(
            rows=rows,
            documents=np.array([r.document for r in rows], dtype=object),
            languages=np.array([languages.get(r.document, "en") for r in rows], dtype=object),
            vectors=vectors,
            lexical=LexicalIndex([token_lists[r.row_id] for r in rows]),
        )

    def mask(self, documents: Sequence[str] | None) -> np.ndarray:
        if documents is None:
            return np.ones(len(self.rows), dtype=bool)
        return np.isin(self.documents, list(documents))


def dense_weights(model_name: str, languages: np.ndarray) -> np.ndarray:
    if model_name in ENGLISH_ONLY_MODELS:
        table = DENSE_WEIGHT_ENGLISH_MODEL
        return np.array([table.get(lang, 0.25) for lang in languages], dtype=np.float32)
    return np.full(len(languages), DENSE_WEIGHT_MULTILINGUAL, dtype=np.float32)


def normalise(scores: np.ndarray) -> np.ndarray:
    """`(s - mean) / (max - mean)`: the best scores 1, an average one 0."""
    if scores.size == 0:
        return scores
    mean, top = float(scores.mean()), float(scores.max())
    if top - mean <= 1e-9:
        return np.zeros_like(scores)
    return (scores - mean) / (top - mean)


def hybrid_scores(space: SearchSpace, embedder: Embedder, query: str, mask: np.ndarray,
                  query_vector: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fused, dense and lexical scores of every clause in `mask` (others -inf)."""
    count = len(space.rows)
    fused = np.full(count, -np.inf, dtype=np.float32)
    dense = np.zeros(count, dtype=np.float32)
    lexical = np.zeros(count, dtype=np.float32)
    if count == 0 or not mask.any():
        return fused, dense, lexical
    if query_vector is None:
        query_vector = embedder.encode([query])[0]
    dense[mask] = space.vectors[mask] @ query_vector
    tokens = analyze_query(query, set(space.languages[mask]))
    lexical[mask] = space.lexical.scores(tokens)[mask]
    weight = dense_weights(embedder.name, space.languages[mask])
    lexical_part = normalise(lexical[mask])
    if not lexical_part.any():
        weight = np.ones_like(weight)  # no query word occurs: meaning is all there is
    fused[mask] = weight * normalise(dense[mask]) + (1 - weight) * lexical_part
    return fused, dense, lexical


def search(space: SearchSpace, embedder: Embedder, query: str, *, top_k: int = 5,
           documents: Sequence[str] | None = None) -> list[SearchResult]:
    """The `top_k` clauses closest to `query`, best first."""
    query = query.strip()
    if not query or not space.rows:
        return []
    fused, dense, lexical = hybrid_scores(space, embedder, query, space.mask(documents))
    order = np.argsort(-fused, kind="stable")[: max(0, top_k)]
    results = []
    for i in order:
        if not np.isfinite(fused[i]):
            break
        row = space.rows[i]
        results.append(
            SearchResult(
                document=row.document, clause_id=row.clause.id, heading=row.clause.heading,
                page=row.clause.page, text=row.clause.text, score=round(float(fused[i]), 4),
                dense_score=round(float(dense[i]), 4), lexical_score=round(float(lexical[i]), 4),
            )
        )
    return results
