"""Hybrid, topic-aware clause search.

A clause's score for a query is the sum of
- the fused text score: dense (FAISS vectors) and lexical (stemmed BM25) scores, each
  normalised over the clauses in scope as `(s - mean) / (max - mean)` (best 1, average 0) and
  mixed with a dense weight that depends on the clause's language — the default model is
  English-only, so on Dutch clauses the lexical side counts for more;
- topic agreement: cosine of the DPA-topic vectors (topics.py), language-independent;
- provision agreement: cosine of the provision vectors, which tell clauses of one topic apart.

A typed query's words are also read in the library's other language (gloss.read_as): a Dutch
query finds English clauses by its gloss, an English query Dutch clauses by the Dutch words of
its glosses (`benchmarks/search_languages.py`: top-1 0.691 -> 0.926 and 0.588 -> 0.868 on the
bilingual twins).

The weights were chosen on the labelled development set (benchmarks/RESULTS.md); topics and
provisions weigh less when the query is a few typed words than when it is a whole clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Sequence

import numpy as np

from .ann import FLAT, DenseIndex
from .embed import Embedder, english_only, text_for_model
from .gloss import read_as
from .ingest import detect_language
from .lexical import LexicalIndex, analyze_query
from .store import LEXICAL, ClauseRow, ClauseStore, Columns
from .topics import TOPICS, clause_features, split_features
from .types import SearchResult

# Weight of the dense side per clause language, for an English-only model and otherwise.
DENSE_WEIGHT_ENGLISH_MODEL = {"en": 0.5, "nl": 0.4}
DENSE_WEIGHT_MULTILINGUAL = 0.5
# Topic and provision agreement: strong when a whole clause is the query (alignment), a
# tie-breaker when a person types a few words (search).
CLAUSE_QUERY_WEIGHTS = (0.5, 1.0)
TEXT_QUERY_WEIGHTS = (0.25, 0.25)


# Lookups in a large library (approximate dense index) score only candidates: the nearest
# DENSE_CANDIDATES by the IVF index and the best LEXICAL_CANDIDATES by BM25 (more: agreements
# repeat clauses word for word, and BM25 cannot tell the copies apart; their vectors can).
# A scope of at most EXACT_SCOPE rows is scored whole.
DENSE_CANDIDATES = 200
LEXICAL_CANDIDATES = 2000
EXACT_SCOPE = 20_000


@dataclass
class SearchSpace:
    """What search needs of one index generation, loaded once: per-row arrays, the dense and
    lexical indexes. Clause texts stay in SQLite and are read for the rows a caller shows."""

    store: ClauseStore  # own connection to the generation
    row_ids: np.ndarray  # int64 per row, rows in document and position order
    document_ranges: dict[str, tuple[int, int]]  # rows [start, end) of each document
    language_names: tuple[str, ...]
    language_codes: np.ndarray  # int8 per row, into language_names
    topic_bits: np.ndarray  # int64 per row: bit t set when tagged with TOPICS[t]
    topics: np.ndarray  # (rows, topics) topic vectors (float16 in large libraries)
    provisions: np.ndarray  # (rows, provisions) provision vectors
    positions: np.ndarray  # float32 per row: relative place in its document, 0..1
    in_annex: np.ndarray  # bool per row: the clause is part of an annex
    dense: DenseIndex
    lexical: LexicalIndex

    @classmethod
    def load(cls, store: ClauseStore) -> "SearchSpace":
        store = store.reader()
        generation = store.directory / store.generation if store.exists else None
        columns = store.columns() if store.exists else Columns.empty()
        by_name = {d.name: d.language for d in store.documents()}
        language_names = tuple(sorted(set(by_name.values()) | {"en"}))
        # np.array copies the mapped columns into memory (at a million clauses 0.2 GB, about
        # 0.1 s): lookups then never wait on a page of a memory-mapped file.
        row_ids = np.array(columns.row_ids)
        ranges = {name: (int(columns.starts[k]), int(columns.starts[k + 1])) for k, name in enumerate(columns.documents)}
        languages = np.zeros(len(row_ids), dtype=np.int8)
        positions = np.zeros(len(row_ids), dtype=np.float32)
        for name, (start, end) in ranges.items():
            languages[start:end] = language_names.index(by_name.get(name, "en"))
            positions[start:end] = np.arange(end - start, dtype=np.float32) / max(1, end - start - 1)
        manifest = store.manifest
        large = manifest.get("index_type", FLAT) != FLAT
        # Small libraries compute in float32; a large one keeps float16 (half the memory).
        features = np.array(columns.features, dtype=np.float16 if large else np.float32)
        topics, provisions = split_features(features)
        if generation is not None:
            dense = DenseIndex.load(generation, manifest, row_ids)
            lexical = _load_lexical(store, generation, row_ids)
        else:
            dense, lexical = DenseIndex.empty(manifest), LexicalIndex([])
        return cls(
            store=store, row_ids=row_ids, document_ranges=ranges,
            language_names=language_names, language_codes=languages,
            topic_bits=np.array(columns.topic_bits), topics=topics, provisions=provisions,
            positions=positions, in_annex=np.array(columns.in_annex), dense=dense, lexical=lexical,
        )

    def __len__(self) -> int:
        return len(self.row_ids)

    def mask(self, documents: Sequence[str] | None = None, topics: Sequence[str] | None = None,
             languages: Sequence[str] | None = None) -> np.ndarray:
        """The rows in scope: of these documents, tagged with one of these topics, in these languages."""
        keep = np.ones(len(self), dtype=bool)
        if documents is not None:
            keep[:] = False
            for name in documents:
                start, end = self.document_ranges.get(name, (0, 0))
                keep[start:end] = True
        if languages:
            codes = [n for n, name in enumerate(self.language_names) if name in set(languages)]
            keep &= np.isin(self.language_codes, codes)
        if topics:
            wanted = sum(1 << TOPICS.index(t) for t in topics if t in TOPICS)
            keep &= (self.topic_bits & wanted) != 0
        return keep

    @cached_property
    def language_set(self) -> frozenset[str]:
        return frozenset(self.language_names[c] for c in np.unique(self.language_codes))

    def dense_weights(self, model_name: str) -> np.ndarray:
        """Per-row weight of the dense score for this model (kept per loaded index)."""
        cache = self.__dict__.setdefault("_dense_weights", {})
        if model_name not in cache:
            per_language = dense_weights(model_name, np.asarray(self.language_names, dtype=object))
            cache[model_name] = per_language[self.language_codes] if len(self) else np.zeros(0, np.float32)
        return cache[model_name]

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        """Exact vectors of these rows."""
        rows = np.asarray(rows, dtype=np.int64)
        return self.dense.vectors(self.row_ids[rows], rows)

    def fetch(self, rows: Sequence[int]) -> list[ClauseRow]:
        """The stored clauses of these rows, in the order given."""
        return self.store.rows_by_id([int(self.row_ids[i]) for i in rows])

    def tokens(self, rows: Sequence[int]) -> dict[int, list[str]]:
        """Analysed tokens of these rows, by row (position in the space)."""
        found = self.store.tokens_by_id([int(self.row_ids[i]) for i in rows])
        return {int(i): found.get(int(self.row_ids[i]), []) for i in rows}

    def positions_of(self, row_ids: np.ndarray) -> np.ndarray:
        """Rows holding these row ids; -1 for ids not in this space."""
        if len(self) == 0:
            return np.full(len(row_ids), -1, dtype=np.int64)
        order, sorted_ids = self._sorted_ids
        found = np.clip(np.searchsorted(sorted_ids, row_ids), 0, len(self) - 1)
        return np.where(sorted_ids[found] == row_ids, order[found], -1)

    @cached_property
    def _sorted_ids(self) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(self.row_ids, kind="stable")
        return order, self.row_ids[order]

    def index_of(self, document: str, clause_id: str) -> int:
        start, end = self.document_ranges.get(document, (0, 0))
        for i, row in zip(range(start, end), self.fetch(range(start, end))):
            if row.clause.id == clause_id:
                return i
        raise KeyError(f"{document} {clause_id}")


def _load_lexical(store: ClauseStore, generation: Path, row_ids: np.ndarray) -> LexicalIndex:
    """The generation's saved BM25 when it is in this row order, else built from the tokens."""
    directory = generation / LEXICAL
    try:
        if np.array_equal(np.load(directory / "rows.npy"), row_ids):
            return LexicalIndex.load(directory)
    except (OSError, ValueError):
        pass
    return LexicalIndex(tokens for _, tokens in store.tokens())  # the same order as row_ids


def dense_weights(model_name: str, languages: np.ndarray) -> np.ndarray:
    if english_only(model_name):
        table = DENSE_WEIGHT_ENGLISH_MODEL
        return np.array([table.get(lang, 0.25) for lang in languages], dtype=np.float32)
    return np.full(len(languages), DENSE_WEIGHT_MULTILINGUAL, dtype=np.float32)


def normalise(scores: np.ndarray, mean: float | None = None) -> np.ndarray:
    """`(s - mean) / (max - mean)`: the best scores 1, an average one 0.

    `mean` is that of the whole scope when only some of it (the candidates) is scored.
    """
    if scores.size == 0:
        return scores
    mean = float(scores.mean()) if mean is None else mean
    top = float(scores.max())
    if top - mean <= 1e-9:
        return np.zeros_like(scores)
    return (scores - mean) / (top - mean)


@dataclass(frozen=True)
class Scores:
    """Scores of one query for the rows scored (`rows`, ascending); the other arrays align with it."""

    rows: np.ndarray
    total: np.ndarray
    text: np.ndarray  # fused dense + lexical
    dense: np.ndarray  # raw cosine
    lexical: np.ndarray  # raw BM25
    topic: np.ndarray  # topic cosine
    provision: np.ndarray  # provision cosine


def score_rows(space: SearchSpace, embedder: Embedder, text: str, mask: np.ndarray, *,
               query_vector: np.ndarray | None = None, query_features: np.ndarray | None = None,
               heading: str = "", weights: tuple[float, float] | None = None, every_row: bool = False,
               heading_weight: float = 1.0, lexical_scores: np.ndarray | None = None) -> Scores:
    """Score the rows in `mask` against a query (a clause with its heading, or typed words).

    Every row in scope is scored (always with `every_row`), except in a large library
    (approximate dense index) when the scope has more than EXACT_SCOPE rows: then the IVF and
    BM25 candidates are.
    `weights` are those of topic and provision agreement (default: CLAUSE_QUERY_WEIGHTS).
    `heading_weight` scales the BM25 scores of the heading's words against the text's.
    `lexical_scores`, when given, are the BM25 scores of every row, computed by the caller
    (alignment across languages reads both sides in each language's words: align.py).
    """
    empty = np.zeros(0, dtype=np.float32)
    if len(space) == 0 or not mask.any():
        return Scores(np.zeros(0, dtype=np.int64), empty, empty, empty, empty, empty, empty)
    query_language = None  # known for a typed query: its words are also read in the other language
    if query_vector is None:
        query_text = f"{heading}\n{text}" if heading else text
        query_language = detect_language(query_text)
        query_vector = embedder.encode([text_for_model(query_text, query_language, embedder.name)])[0]
    if query_features is None:
        query_features = clause_features(heading, text)
    query_topics, query_provisions = split_features(np.asarray(query_features, dtype=np.float32))

    in_scope = int(mask.sum())
    languages = space.language_set if in_scope == len(space) else {space.language_names[c] for c in np.unique(space.language_codes[mask])}
    if lexical_scores is not None:
        lexical_all = lexical_scores
    elif heading_weight == 1.0 or not heading:
        query_words = analyze_query(f"{heading}\n{text}", languages)
        for language in sorted(languages - {query_language}) if query_language else ():
            # A Dutch query finds English clauses by its gloss, an English one Dutch clauses by
            # the Dutch words of its glosses (gloss.read_as).
            query_words += [w for w in read_as(f"{heading}\n{text}", query_language, language) if w not in query_words]
        lexical_all = space.lexical.scores(query_words)
    else:
        lexical_all = space.lexical.scores(analyze_query(text, languages)) \
            + heading_weight * space.lexical.scores(analyze_query(heading, languages))
    whole = in_scope * 4 >= len(space)  # multiply whole matrices: cheaper than copying most rows
    if space.dense.approximate and in_scope > EXACT_SCOPE and not every_row:
        rows = _candidates(space, query_vector, lexical_all, mask, in_scope)
        dense = space.vectors(rows) @ query_vector
        dense_mean = float(space.dense.mean @ query_vector)  # of the whole library, not the scope
        lexical_mean = float(lexical_all.mean() if in_scope == len(space) else lexical_all[mask].mean())
        whole = False
    else:
        rows = np.flatnonzero(mask)
        if space.dense.matrix is not None and whole:
            dense = (space.dense.matrix @ query_vector)[rows]
        else:
            dense = space.vectors(rows) @ query_vector
        dense_mean = lexical_mean = None
    dense = dense.astype(np.float32, copy=False)
    lexical = lexical_all[rows]
    topic = _rows_product(space.topics, query_topics, rows, whole)
    provision = _rows_product(space.provisions, query_provisions, rows, whole)
    weight = space.dense_weights(embedder.name)[rows]
    lexical_part = normalise(lexical, lexical_mean)
    if not lexical_part.any():
        weight = np.ones_like(weight)  # no query word occurs: meaning is all there is
    fused = (weight * normalise(dense, dense_mean) + (1 - weight) * lexical_part).astype(np.float32)
    topic_weight, provision_weight = weights or CLAUSE_QUERY_WEIGHTS
    total = fused + topic_weight * topic + provision_weight * provision
    return Scores(rows, total.astype(np.float32), fused, dense, lexical, topic, provision)


def _rows_product(matrix: np.ndarray, vector: np.ndarray, rows: np.ndarray, whole: bool) -> np.ndarray:
    """`matrix[rows] @ vector`. With `whole`, the whole matrix is multiplied and the rows taken:
    copying most rows of a large matrix for every query cost more than the product itself."""
    if whole:
        return (matrix @ vector).astype(np.float32, copy=False)[rows]
    return (matrix[rows].astype(np.float32, copy=False) @ vector).astype(np.float32, copy=False)


def _candidates(space: SearchSpace, query_vector: np.ndarray, lexical: np.ndarray, mask: np.ndarray,
                in_scope: int) -> np.ndarray:
    """Rows in `mask` near the query by the IVF index, and the best by BM25, ascending."""
    # Ask for more when the scope is a small part of the library (filters).
    depth = min(20 * DENSE_CANDIDATES, int(DENSE_CANDIDATES * len(space) / in_scope))
    found = space.positions_of(space.dense.candidates(query_vector, depth))
    found = found[found >= 0]
    if in_scope < len(space):
        found = found[mask[found]]
    scores = lexical if in_scope == len(space) else np.where(mask, lexical, 0.0)
    return np.union1d(found, best_rows(scores, LEXICAL_CANDIDATES))


def best_rows(scores: np.ndarray, n: int) -> np.ndarray:
    """The rows of the `n` highest positive scores (every positive one when fewer), unordered.

    In a large library a common query word gives hundreds of thousands of rows a score, and
    selecting among them all took 5 ms of a 35 ms lookup. A strided sample gives a score that
    about 2n rows reach; when at least n do, the n best are among them and only those are
    partitioned; otherwise every positive row is."""
    rows = None
    if len(scores) > 50 * n:
        sample = scores[:: len(scores) // (20 * n)]
        k = max(1, len(sample) * 2 * n // len(scores))
        threshold = np.partition(sample, len(sample) - k)[len(sample) - k]
        if threshold > 0:
            rows = np.flatnonzero(scores >= threshold)
            if len(rows) < n:
                rows = None  # the sample misled: fall back to every row with a score
    if rows is None:
        rows = np.flatnonzero(scores > 0)
    if len(rows) > n:
        rows = rows[np.argpartition(-scores[rows], n)[:n]]
    return rows


def search(space: SearchSpace, embedder: Embedder, query: str, *, top_k: int = 5,
           documents: Sequence[str] | None = None, topics: Sequence[str] | None = None,
           languages: Sequence[str] | None = None) -> list[SearchResult]:
    """The `top_k` clauses closest to `query`, best first."""
    query = query.strip()
    if not query or not len(space):
        return []
    unknown = [t for t in topics or () if t not in TOPICS]
    if unknown:
        from .errors import SemdpaError

        raise SemdpaError(f"unknown topic '{unknown[0]}' (topics: {', '.join(TOPICS)})")
    scores = score_rows(space, embedder, query, space.mask(documents, topics, languages), weights=TEXT_QUERY_WEIGHTS)
    order = top_indices(scores.total, top_k)
    results = []
    for i, row in zip(order, space.fetch(scores.rows[order])):
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
                  query_vector: np.ndarray | None = None) -> Scores:
    """The scores of the rows in `mask` (for benchmarks comparing the parts: text, dense, lexical)."""
    return score_rows(space, embedder, query, mask, query_vector=query_vector)
