"""Dense lookup latency and recall at growing index sizes: exact search against FAISS HNSW.

    .venv/bin/python benchmarks/lookup.py [--sizes 10000,100000] [--queries 200]

Vectors are synthetic (normalised random 384-d, with clusters so neighbours are meaningful);
the query vectors are real embeddings of DPA questions mixed with held-out synthetic ones. For
each size: p50/p95 latency of the exact search semdpa does today (one matrix product over all
vectors) and of an HNSW index (M=32, efSearch 64/128), with HNSW's recall@10 against exact,
and the memory each needs. Not yet in the product: this measures what the index for large
libraries should be.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np


def synthetic(count: int, dim: int, rng: np.random.Generator) -> np.ndarray:
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
    args = parser.parse_args()
    faiss.omp_set_num_threads(2)
    rng = np.random.default_rng(0)
    dim = 384
    print(f"{'size':>8} {'method':18} {'p50 ms':>7} {'p95 ms':>7} {'recall@10':>9} {'memory MB':>9} {'build s':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        base = synthetic(size + args.queries, dim, rng)
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
        print(f"{size:>8} {'exact (numpy)':18} {p50:7.2f} {p95:7.2f} {1.0:9.3f} {vectors.nbytes / 1e6:9.0f} {0:7.1f}")
        started = time.perf_counter()
        hnsw = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = 80
        hnsw.add(vectors)
        build = time.perf_counter() - started
        memory = (vectors.nbytes + size * 32 * 2 * 4) / 1e6
        for ef in (64, 128):
            hnsw.hnsw.efSearch = ef
            times, hits = [], 0
            for q, expected in zip(queries, truth):
                started = time.perf_counter()
                _, found = hnsw.search(q[None, :], 10)
                times.append(time.perf_counter() - started)
                hits += len(expected & set(found[0].tolist()))
            p50, p95 = percentiles(times)
            recall = hits / (10 * len(queries))
            print(f"{size:>8} {f'HNSW32 ef={ef}':18} {p50:7.2f} {p95:7.2f} {recall:9.3f} {memory:9.0f} {build:7.1f}")


if __name__ == "__main__":
    main()
