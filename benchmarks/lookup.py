"""Dense lookup latency and recall at growing index sizes: exact search, FAISS HNSW and the
IVF index semdpa uses for large libraries.

    .venv/bin/python benchmarks/lookup.py [--sizes 10000,100000] [--queries 200]
        [--data clusters|copies] [--methods exact,hnsw,ivf]

Vectors are synthetic, normalised 384-d. `clusters`: loose clusters of 500 (noise 0.6 around
random centres). `copies`: near-copies, as a library of DPAs has them (the same template or
SCC clause in hundreds of agreements): random base vectors, each copied 580 times with noise
0.02 per dimension. Queries are held-out vectors of the same kind. For each size: p50/p95
latency of the exact search (one matrix product), of HNSW32 (efSearch 64/128, float32) and of
semdpa's IVF (ann.py: 4·sqrt(n) cells over 8-bit codes, nprobe 16, 200 candidates re-scored
with their exact vectors), with recall@10 against exact and the memory each needs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def synthetic(count: int, dim: int, rng: np.random.Generator, data: str = "clusters") -> np.ndarray:
    if data == "copies":
        bases = rng.standard_normal((max(1, count // 580), dim)).astype(np.float32)
        bases /= np.linalg.norm(bases, axis=1, keepdims=True)
        vectors = bases[rng.integers(0, len(bases), count)] + 0.02 * rng.standard_normal((count, dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors
    centres = rng.standard_normal((max(10, count // 500), dim)).astype(np.float32)
    labels = rng.integers(0, len(centres), count)
    vectors = centres[labels] + 0.6 * rng.standard_normal((count, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def main() -> None:
    import faiss

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--data", choices=("clusters", "copies"), default="clusters")
    parser.add_argument("--methods", default="exact,hnsw,ivf")
    args = parser.parse_args()
    methods = set(args.methods.split(","))
    faiss.omp_set_num_threads(2)
    rng = np.random.default_rng(0)
    dim = 384
    print(f"{'size':>8} {'method':18} {'p50 ms':>7} {'p95 ms':>7} {'recall@10':>9} {'memory MB':>9} {'build s':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        base = synthetic(size + args.queries, dim, rng, args.data)
        vectors, queries = base[:size], base[size:]
        exact_times, truth = [], []
        for q in queries:
            started = time.perf_counter()
            scores = vectors @ q
            top = np.argpartition(-scores, 10)[:10]
            top = top[np.argsort(-scores[top])]
            exact_times.append(time.perf_counter() - started)
            truth.append(set(top.tolist()))
        p50, p95 = percentiles(exact_times)
        if "exact" in methods:
            print(f"{size:>8} {'exact (numpy)':18} {p50:7.2f} {p95:7.2f} {1.0:9.3f} {vectors.nbytes / 1e6:9.0f} {0:7.1f}")
        if "ivf" in methods:
            ivf(vectors, queries, truth, size)
        if "hnsw" in methods:
            hnsw(vectors, queries, truth, size)


def ivf(vectors: np.ndarray, queries: np.ndarray, truth: list[set], size: int) -> None:
    """semdpa's approximate index, built and searched as the product does (ann.py, search.py)."""
    import faiss

    from semdpa.ann import IVF, update_approximate
    from semdpa.search import DENSE_CANDIDATES

    flat = faiss.IndexIDMap2(faiss.IndexFlatIP(vectors.shape[1]))
    flat.add_with_ids(vectors, np.arange(size, dtype=np.int64))
    started = time.perf_counter()
    index, info = update_approximate(flat, None, None)
    build = time.perf_counter() - started
    index.nprobe = info["nprobe"]
    codes = index.ntotal * (vectors.shape[1] + 8) + index.nlist * vectors.shape[1] * 4  # codes, ids, centroids
    times, hits = [], 0
    for q, expected in zip(queries, truth):
        started = time.perf_counter()
        _, found = index.search(q[None, :], DENSE_CANDIDATES)
        found = found[0][found[0] >= 0]
        exact = flat.reconstruct_batch(found) @ q
        top = found[np.argsort(-exact)[:10]]
        times.append(time.perf_counter() - started)
        hits += len(expected & set(top.tolist()))
    p50, p95 = percentiles(times)
    name = f"{IVF} {info['cells']}c/{info['nprobe']}p"
    print(f"{size:>8} {name:18} {p50:7.2f} {p95:7.2f} {hits / (10 * len(queries)):9.3f} {codes / 1e6:9.0f} {build:7.1f}", flush=True)


def hnsw(vectors: np.ndarray, queries: np.ndarray, truth: list[set], size: int) -> None:
    import faiss

    started = time.perf_counter()
    index = faiss.IndexHNSWFlat(vectors.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 80
    index.add(vectors)
    build = time.perf_counter() - started
    memory = (vectors.nbytes + size * 32 * 2 * 4) / 1e6
    for ef in (64, 128):
        index.hnsw.efSearch = ef
        times, hits = [], 0
        for q, expected in zip(queries, truth):
            started = time.perf_counter()
            _, found = index.search(q[None, :], 10)
            times.append(time.perf_counter() - started)
            hits += len(expected & set(found[0].tolist()))
        p50, p95 = percentiles(times)
        recall = hits / (10 * len(queries))
        print(f"{size:>8} {f'HNSW32 ef={ef}':18} {p50:7.2f} {p95:7.2f} {recall:9.3f} {memory:9.0f} {build:7.1f}", flush=True)

if __name__ == "__main__":
    main()
