"""The dense side of an index generation: exact while small, approximate (HNSW) when large.

Every generation keeps all vectors exactly in `vectors.faiss` (a flat inner-product index under
the clauses' row ids): the store of record, used for alignment and to re-score candidates.
From `APPROXIMATE_FROM` vectors on, the writer also keeps `ann.faiss`: an HNSW graph over 8-bit
scalar-quantised copies of the vectors (a quarter of the memory of float32). A lookup then asks
the graph for candidates and scores only those exactly, reading their float32 vectors from the
memory-mapped flat file; the whole matrix is never multiplied nor held in memory.

The graph grows with each generation (new vectors are added to a copy of the previous one).
HNSW cannot delete, so vectors of removed clauses stay in the graph as stale ids that search
skips; the graph is rebuilt when more than `MAX_STALE` of it is stale. The manifest records
which kind a generation has, with its parameters (`index_type`, `ann`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

APPROXIMATE_FROM = 50_000  # exact search is < 25 ms p95 below this (benchmarks/RESULTS.md)
HNSW_M = 32
EF_CONSTRUCTION = 80
EF_SEARCH = 128
MAX_STALE = 0.2
FLAT = "flat-ip"
HNSW = "hnsw32-sq8"


def choose_index_type(vectors: int) -> str:
    return HNSW if vectors >= APPROXIMATE_FROM else FLAT


def all_vectors(flat) -> tuple[np.ndarray, np.ndarray]:
    """(ids, vectors) of a flat IDMap2 index, as numpy arrays (one copy, no per-id calls)."""
    import faiss

    ids = faiss.vector_to_array(flat.id_map).astype(np.int64)
    inner = faiss.downcast_index(flat.index)
    vectors = faiss.vector_to_array(inner.codes).view(np.float32).reshape(len(ids), flat.d)
    return ids, vectors


def update_approximate(flat, previous: Path | None, previous_info: dict | None) -> tuple[object, dict]:
    """The HNSW index for the vectors of `flat`: the previous generation's one with the new
    vectors added, or a new one when there is none or too much of it is stale."""
    import faiss

    ids, vectors = all_vectors(flat)
    graph = None
    if previous is not None and previous.exists() and previous_info:
        graph = faiss.read_index(str(previous))
        in_graph = faiss.vector_to_array(graph.id_map).astype(np.int64)
        stale = int(np.count_nonzero(~np.isin(in_graph, ids)))
        if stale > MAX_STALE * max(1, len(in_graph)):
            graph = None
        else:
            new = ~np.isin(ids, in_graph)
            if new.any():
                graph.add_with_ids(np.ascontiguousarray(vectors[new]), ids[new])
    if graph is None:
        inner = faiss.IndexHNSWSQ(flat.d, faiss.ScalarQuantizer.QT_8bit, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        inner.hnsw.efConstruction = EF_CONSTRUCTION
        inner.train(vectors)
        graph = faiss.IndexIDMap(inner)
        graph.add_with_ids(vectors, ids)
    stale = int(np.count_nonzero(~np.isin(faiss.vector_to_array(graph.id_map), ids)))
    info = {"kind": HNSW, "M": HNSW_M, "ef_construction": EF_CONSTRUCTION, "ef_search": EF_SEARCH,
            "vectors": int(graph.ntotal), "stale": stale, "mean": vectors.mean(axis=0).round(6).tolist()}
    return graph, info


@dataclass
class DenseIndex:
    """What search needs of the vectors of one generation."""

    dimension: int
    matrix: np.ndarray | None  # (rows, dim) in search-space row order, when exact
    flat: object | None  # memory-mapped flat index (approximate kind): exact vectors by row id
    graph: object | None  # HNSW over row ids (approximate kind)
    mean: np.ndarray  # mean vector of all rows: the average cosine of a query is `mean @ q`

    @property
    def approximate(self) -> bool:
        return self.graph is not None

    @classmethod
    def load(cls, generation: Path, manifest: dict, row_ids: np.ndarray) -> "DenseIndex":
        import faiss

        dimension = max(1, int(manifest["model"]["dimension"]))
        path = generation / "vectors.faiss"
        if manifest.get("index_type") == HNSW and (generation / "ann.faiss").exists():
            flat = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
            graph = faiss.read_index(str(generation / "ann.faiss"))
            faiss.downcast_index(graph.index).hnsw.efSearch = int(manifest.get("ann", {}).get("ef_search", EF_SEARCH))
            mean = np.asarray(manifest["ann"]["mean"], dtype=np.float32)
            return cls(dimension, None, flat, graph, mean)
        if not path.exists() or len(row_ids) == 0:
            return cls(dimension, np.zeros((0, dimension), np.float32), None, None, np.zeros(dimension, np.float32))
        ids, vectors = all_vectors(faiss.read_index(str(path)))
        order = np.argsort(ids)
        positions = order[np.searchsorted(ids, row_ids, sorter=order)]
        matrix = np.ascontiguousarray(vectors[positions])
        return cls(dimension, matrix, None, None, matrix.mean(axis=0))

    def vectors(self, row_ids: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Exact vectors of these rows (row ids and search-space positions of the same rows)."""
        if self.matrix is not None:
            return self.matrix[positions]
        if len(row_ids) == 0:
            return np.zeros((0, self.dimension), np.float32)
        return self.flat.reconstruct_batch(np.asarray(row_ids, dtype=np.int64))

    def candidates(self, query: np.ndarray, k: int) -> np.ndarray:
        """Row ids of the about `k` nearest vectors (stale ids included; callers skip them)."""
        _, ids = self.graph.search(query.reshape(1, -1).astype(np.float32), k)
        return ids[0][ids[0] >= 0]
