"""Hybrid, topic-aware clause search.

A clause's score for a query is the sum of
- the fused text score: dense (FAISS vectors) and lexical (stemmed BM25) scores, each
  normalised over the clauses in scope as `(s - mean) / (max - mean)` (best 1, average 0) and
  mixed with a dense weight that depends on the clause's language — the default model is
  English-only, so on Dutch clauses the lexical side counts for more;
- topic agreement: cosine of the DPA-topic vectors (topics.py), language-independent;
- provision agreement: cosine of the provision vectors, which tell clauses of one topic apart.

The weights were chosen on the labelled development set (benchmarks/RESULTS.md); topics and
provisions weigh less when the query is a few typed words than when it is a whole clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .embed import Embedder, english_only, text_for_model
from .ingest import detect_language
from .lexical import LexicalIndex, analyze_query
from .store import ClauseRow, ClauseStore
from .topics import FEATURE_SIZE, TOPICS, clause_features, split_features
from .types import SearchResult

# Weight of the dense side per clause language, for an English-only model and otherwise.
DENSE_WEIGHT_ENGLISH_MODEL = {"en": 0.5, "nl": 0.4}
DENSE_WEIGHT_MULTILINGUAL = 0.5
# Topic and provision agreement: strong when a whole clause is the query (alignment), a
# tie-breaker when a person types a few words (search).
CLAUSE_QUERY_WEIGHTS = (0.5, 1.0)
TEXT_QUERY_WEIGHTS = (0.25, 0.25)


@dataclass
class SearchSpace:
    """What search needs of one index generation, loaded once and kept in memory."""

    rows: list[ClauseRow]
    documents: np.ndarray  # document name per row
    languages: np.ndarray  # language per row
    vectors: np.ndarray  # (rows, dim), normalised
    topics: np.ndarray  # (rows, topics), normalised topic vectors
    provisions: np.ndarray  # (rows, provisions), normalised provision vectors
    lexical: LexicalIndex
    tokens: list[tuple[str, ...]]  # analysed tokens per row

    @classmethod
    def load(cls, store: ClauseStore) -> "SearchSpace":
        rows = store.rows()
        languages = {d.name: d.language for d in store.documents()}
        token_lists = dict(store.tokens())
        stored = store.features()
        if rows:
            vectors = store.vectors([r.row_id for r in rows])
            features = np.vstack([stored[r.row_id] for r in rows])
        else:
            vectors = np.zeros((0, max(1, store.dimension)), np.float32)
            features = np.zeros((0, FEATURE_SIZE), np.float32)
        topics, provisions = split_features(features)
        return cls(
            rows=rows,
            documents=np.array([r.document for r in rows], dtype=object),
            languages=np.array([languages.get(r.document, "en") for r in rows], dtype=object),
            vectors=vectors,
            topics=topics,
            provisions=provisions,
            lexical=LexicalIndex([token_lists[r.row_id] for r in rows]),
            tokens=[tuple(token_lists[r.row_id]) for r in rows],
        )

    def mask(self, documents: Sequence[str] | None = None, topics: Sequence[str] | None = None,
             languages: Sequence[str] | None = None) -> np.ndarray:
        """The rows in scope: of these documents, tagged with one of these topics, in these languages."""
        keep = np.ones(len(self.rows), dtype=bool)
        if documents is not None:
            keep &= np.isin(self.documents, list(documents))
        if languages:
            keep &= np.isin(self.languages, list(languages))
        if topics:
            wanted = set(topics)
            keep &= np.array([bool(wanted.intersection(r.clause.topics)) for r in self.rows], dtype=bool)
        return keep

    def structure(self, *derive):
        """Per-row arrays derived from the rows (computed once per loaded index and kept)."""
        cache = self.__dict__.setdefault("_derived", {})
        for function in derive:
            if function not in cache:
                cache[function] = function(self)
        return tuple(cache[function] for function in derive)

    @property
    def language_set(self) -> frozenset[str]:
        return self.structure(_language_set)[0]

    def dense_weights(self, model_name: str) -> np.ndarray:
        """Per-row weight of the dense score for this model (kept per loaded index)."""
        cache = self.__dict__.setdefault("_dense_weights", {})
        if model_name not in cache:
            cache[model_name] = dense_weights(model_name, self.languages)
        return cache[model_name]

    def index_of(self, document: str, clause_id: str) -> int:
        for i, row in enumerate(self.rows):
            if row.document == document and row.clause.id == clause_id:
                return i
        raise KeyError(f"{document} {clause_id}")


def _language_set(space: SearchSpace) -> frozenset[str]:
    return frozenset(space.languages.tolist())


def dense_weights(model_name: str, languages: np.ndarray) -> np.ndarray:
    if english_only(model_name):
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


@dataclass(frozen=True)
class Scores:
    """Per-row scores for one query (rows outside the mask: total -inf, parts 0)."""

    total: np.ndarray
    text: np.ndarray  # fused dense + lexical
    dense: np.ndarray  # raw cosine
    lexical: np.ndarray  # raw BM25
    topic: np.ndarray  # topic cosine
    provision: np.ndarray  # provision cosine


def score_rows(space: SearchSpace, embedder: Embedder, text: str, mask: np.ndarray, *,
               query_vector: np.ndarray | None = None, query_features: np.ndarray | None = None,
               heading: str = "", weights: tuple[float, float] | None = None) -> Scores:
    """Score every row in `mask` against a query (a clause with its heading, or typed words).

    `weights` are those of topic and provision agreement (default: CLAUSE_QUERY_WEIGHTS).
    """
    count = len(space.rows)
    zeros = np.zeros(count, dtype=np.float32)
    total = np.full(count, -np.inf, dtype=np.float32)
    if count == 0 or not mask.any():
        return Scores(total, zeros, zeros, zeros, zeros, zeros)
    if query_vector is None:
        query_text = f"{heading}\n{text}" if heading else text
        language = detect_language(query_text) if english_only(embedder.name) else "en"
        query_vector = embedder.encode([text_for_model(query_text, language, embedder.name)])[0]
    if query_features is None:
        query_features = clause_features(heading, text)
    query_topics, query_provisions = split_features(query_features)

    few = np.flatnonzero(mask) if mask.sum() * 4 < count else None
    dense = _product(space.vectors, query_vector, mask, few)
    languages = space.language_set if mask.all() else set(space.languages[mask])
    lexical = space.lexical.scores(analyze_query(f"{heading}\n{text}", languages))
    lexical[~mask] = 0
    topic = _product(space.topics, query_topics, mask, few)
    provision = _product(space.provisions, query_provisions, mask, few)
    weight = space.dense_weights(embedder.name)[mask]
    lexical_part = normalise(lexical[mask])
    if not lexical_part.any():
        weight = np.ones_like(weight)  # no query word occurs: meaning is all there is
    fused = zeros.copy()
    fused[mask] = weight * normalise(dense[mask]) + (1 - weight) * lexical_part
    topic_weight, provision_weight = weights or CLAUSE_QUERY_WEIGHTS
    total[mask] = fused[mask] + topic_weight * topic[mask] + provision_weight * provision[mask]
    return Scores(total, fused, dense, lexical, topic, provision)


def _product(matrix: np.ndarray, vector: np.ndarray, mask: np.ndarray, few: np.ndarray | None) -> np.ndarray:
    """`matrix @ vector` on the rows in `mask`, 0 elsewhere.

    With `few` rows (one document, as in alignment) only those are multiplied; otherwise the
    whole matrix is, and the result masked: copying most rows of a large matrix for every
    query cost more than the product itself (lookups at 100k clauses).
    """
    if few is not None:
        out = np.zeros(len(matrix), dtype=np.float32)
        out[few] = matrix[few] @ vector
        return out
    out = (matrix @ vector).astype(np.float32, copy=False)
    out[~mask] = 0
    return out


def search(space: SearchSpace, embedder: Embedder, query: str, *, top_k: int = 5,
           documents: Sequence[str] | None = None, topics: Sequence[str] | None = None,
           languages: Sequence[str] | None = None) -> list[SearchResult]:
    """The `top_k` clauses closest to `query`, best first."""
    query = query.strip()
    if not query or not space.rows:
        return []
    unknown = [t for t in topics or () if t not in TOPICS]
    if unknown:
        from .errors import SemdpaError

        raise SemdpaError(f"unknown topic '{unknown[0]}' (topics: {', '.join(TOPICS)})")
    scores = score_rows(space, embedder, query, space.mask(documents, topics, languages), weights=TEXT_QUERY_WEIGHTS)
    order = top_indices(scores.total, top_k)
    results = []
    for i in order:
        if not np.isfinite(scores.total[i]):
            break
        row = space.rows[i]
        results.append(
            SearchResult(
                document=row.document, clause_id=row.clause.id, heading=row.clause.heading,
                page=row.clause.page, text=row.clause.text, score=round(float(scores.total[i]), 4),
                dense_score=round(float(scores.dense[i]), 4), lexical_score=round(float(scores.lexical[i]), 4),
                topics=row.clause.topics,
            )
        )
    return results


def top_indices(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the `k` highest scores, best first; ties in row order (as a stable sort)."""
    k = max(0, min(k, scores.size))
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    if k < scores.size:
        # Everything at least as high as the k-th best, so that ties at the cut keep row order.
        kth = np.partition(scores, scores.size - k)[scores.size - k]
        candidates = np.flatnonzero(scores >= kth)
    else:
        candidates = np.arange(scores.size)
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    return order[:k]


def hybrid_scores(space: SearchSpace, embedder: Embedder, query: str, mask: np.ndarray,
                  query_vector: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fused text, dense and lexical scores only (for benchmarks comparing the parts)."""
    scores = score_rows(space, embedder, query, mask, query_vector=query_vector)
    fused = np.where(mask, scores.text, -np.inf).astype(np.float32)
    return fused, scores.dense, scores.lexical
