"""The dense side of an index generation: exact while small, approximate (IVF) when large.

Every generation keeps all vectors exactly in `vectors.faiss` (a flat inner-product index under
the clauses' row ids): the store of record, used for alignment and to re-score candidates.
From `APPROXIMATE_FROM` vectors on, the writer also keeps `ann.faiss`: an inverted-file index
(k-means cells) over 8-bit scalar-quantised copies of the vectors, a quarter of their float32
size. A lookup asks it for candidates and scores only those exactly, reading their float32
vectors from the memory-mapped flat file: the whole matrix is never multiplied nor held.

Why IVF and not HNSW: a library of DPAs is full of near-copies (the same template or SCC
clause in hundreds of agreements). On such clustered vectors HNSW32 found 0.63-0.83 of the
exact top 10 at 1M clauses, IVF 1.00 at the same latency (benchmarks/RESULTS.md).

The cells are trained once; later generations add and remove vectors in place, and the index
is retrained when the library has grown or shrunk fourfold since. The manifest records which
kind a generation has, with its parameters (`index_type`, `ann`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

APPROXIMATE_FROM = 50_000  # exact lookups: p95 18.6 ms at 10k, 47.5 ms at 100k (benchmarks/RESULTS.md)
NPROBE = 16
TRAINING_POINTS_PER_CELL = 64
RETRAIN_FACTOR = 4
FLAT = "flat-ip"
IVF = "ivf-sq8"


def choose_index_type(vectors: int) -> str:
    return IVF if vectors >= APPROXIMATE_FROM else FLAT


def cell_count(vectors: int) -> int:
    return int(min(65536, max(64, 4 * math.sqrt(vectors))))


def all_vectors(flat) -> tuple[np.ndarray, np.ndarray]:
    """(ids, vectors) of a flat IDMap2 index, as numpy arrays (one copy, no per-id calls)."""
    import faiss

    ids = faiss.vector_to_array(flat.id_map).astype(np.int64)
    inner = faiss.downcast_index(flat.index)
    vectors = faiss.vector_to_array(inner.codes).view(np.float32).reshape(len(ids), flat.d)
    return ids, vectors


def update_approximate(flat, previous: Path | None, previous_info: dict | None) -> tuple[object, dict]:
    """The IVF index for the vectors of `flat`: the previous generation's one with removed
    vectors taken out and new ones added, or a newly trained one."""
    import faiss

    ids, vectors = all_vectors(flat)
    index, trained_for = None, len(ids)
    if previous is not None and previous.exists() and previous_info and previous_info.get("kind") == IVF:
        trained_for = int(previous_info["trained_for"])
        if trained_for / RETRAIN_FACTOR <= len(ids) <= trained_for * RETRAIN_FACTOR:
            index = faiss.read_index(str(previous))
            held = _ids_of(index)
            gone = held[~np.isin(held, ids)]
            if len(gone):
                index.remove_ids(faiss.IDSelectorBatch(gone))
            new = ~np.isin(ids, held)
            if new.any():
                index.add_with_ids(np.ascontiguousarray(vectors[new]), ids[new])
    if index is None:
        trained_for = len(ids)
        cells = cell_count(len(ids))
        quantizer = faiss.IndexFlatIP(flat.d)
        index = faiss.IndexIVFScalarQuantizer(quantizer, flat.d, cells, faiss.ScalarQuantizer.QT_8bit,
                                              faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(0)
        sample = min(len(ids), TRAINING_POINTS_PER_CELL * cells)
        index.train(np.ascontiguousarray(vectors[np.sort(rng.choice(len(ids), sample, replace=False))]))
        index.add_with_ids(vectors, ids)
    info = {"kind": IVF, "cells": int(index.nlist), "nprobe": NPROBE, "trained_for": trained_for,
            "vectors": int(index.ntotal), "mean": vectors.mean(axis=0).round(6).tolist()}
    return index, info


def _ids_of(index) -> np.ndarray:
    """Every id held by an IVF index."""
    import faiss

    invlists = index.invlists
    parts = [faiss.rev_swig_ptr(invlists.get_ids(cell), invlists.list_size(cell)).copy()
             for cell in range(index.nlist) if invlists.list_size(cell)]
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)


@dataclass
class DenseIndex:
    """What search needs of the vectors of one generation."""

    dimension: int
    matrix: np.ndarray | None  # (rows, dim) in search-space row order, when exact
    flat: object | None  # memory-mapped flat index (approximate kind): exact vectors by row id
    cells: object | None  # IVF index over row ids (approximate kind)
    mean: np.ndarray  # mean vector of all rows: the average cosine of a query is `mean @ q`

    @property
    def approximate(self) -> bool:
        return self.cells is not None

    @classmethod
    def load(cls, generation: Path, manifest: dict, row_ids: np.ndarray) -> "DenseIndex":
        import faiss

        dimension = max(1, int(manifest["model"]["dimension"]))
        path = generation / "vectors.faiss"
        if manifest.get("index_type") == IVF and (generation / "ann.faiss").exists():
            flat = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
            cells = faiss.read_index(str(generation / "ann.faiss"))
            cells.nprobe = int(manifest["ann"].get("nprobe", NPROBE))
            mean = np.asarray(manifest["ann"]["mean"], dtype=np.float32)
            return cls(dimension, None, flat, cells, mean)
        if not path.exists() or len(row_ids) == 0:
            return cls.empty(manifest)
        ids, vectors = all_vectors(faiss.read_index(str(path)))
        order = np.argsort(ids)
        positions = order[np.searchsorted(ids, row_ids, sorter=order)]
        matrix = np.ascontiguousarray(vectors[positions])
        return cls(dimension, matrix, None, None, matrix.mean(axis=0))

    @classmethod
    def empty(cls, manifest: dict) -> "DenseIndex":
        dimension = max(1, int(manifest["model"]["dimension"]))
        return cls(dimension, np.zeros((0, dimension), np.float32), None, None, np.zeros(dimension, np.float32))

    def vectors(self, row_ids: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Exact vectors of these rows (row ids and search-space positions of the same rows)."""
        if self.matrix is not None:
            return self.matrix[positions]
        if len(row_ids) == 0:
            return np.zeros((0, self.dimension), np.float32)
        return self.flat.reconstruct_batch(np.asarray(row_ids, dtype=np.int64))

    def candidates(self, query: np.ndarray, k: int) -> np.ndarray:
        """Row ids of about the `k` nearest vectors."""
        _, ids = self.cells.search(query.reshape(1, -1).astype(np.float32), k)
        return ids[0][ids[0] >= 0]
