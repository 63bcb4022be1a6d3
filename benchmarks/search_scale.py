"""semdpa's own lookup path at growing library sizes: load time, memory, p50/p95 latency,
recall@10, compare.

    .venv/bin/python benchmarks/search_scale.py --source INDEX [--sizes 10000,100000] [--queries 60]

`lookup.py` measures bare vector search; this one measures what a user waits for in
`library.search`: the query embedded by the real model, hybrid scoring (dense + BM25 + topics +
provisions; from 50k clauses over the IVF and BM25 candidates), and the result rows read from
SQLite; then the warm comparison of one ~100-clause agreement (`--vendor`, default
github_dpa_en.md, 87 clauses) with the reference inside that library. recall@10 compares the
lookup's top 10 with scoring every clause. A library of the wanted size is written by semdpa's
own writer from copies of the clauses of a real index (`--source`, e.g. seeds + shared corpus)
with their tokens, topic features and vectors; each copy's vectors get a little noise so no
two are identical. Each size is measured in a fresh process (`--measure DIR`).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from semdpa.align import align_documents  # noqa: E402
from semdpa.embed import load_embedder  # noqa: E402
from semdpa.search import TEXT_QUERY_WEIGHTS, SearchSpace, score_rows, search, top_indices  # noqa: E402
from semdpa.store import ClauseStore, NewClause  # noqa: E402
from semdpa.types import Document  # noqa: E402

QUERIES = [
    "binnen welke termijn meldt de verwerker een datalek",
    "within how many hours must a personal data breach be notified",
    "aansprakelijkheid beperkt tot het bedrag van de vergoeding",
    "liability cap limited to fees paid in the twelve months",
    "audit by an independent auditor at the controller's cost",
    "recht om bezwaar te maken tegen een nieuwe subverwerker",
    "return or delete personal data at the end of the services",
    "doorgifte naar landen buiten de Europese Economische Ruimte",
    "confidentiality obligations of personnel",
    "governing law and competent court",
]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(source: ClauseStore, target: Path, size: int, rng: np.random.Generator) -> int:
    rows = source.rows()
    tokens = dict(source.tokens())
    features = source.features()
    vectors = source.vectors([r.row_id for r in rows])
    by_document: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_document.setdefault(row.document, []).append(i)
    stored = {d.name: d for d in source.documents()}
    written, copy = 0, 0
    store = ClauseStore.open(target, create=True)
    with store.writer(model=source.model_name, dimension=source.dimension) as writer:
        while written < size:
            for name, indices in by_document.items():
                if written >= size:
                    break
                indices = indices[: size - written]
                noisy = vectors[indices] + 0.02 * rng.standard_normal((len(indices), source.dimension)).astype(np.float32)
                noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
                meta = stored[name]
                document = Document(name=f"{copy:05d}-{name}", title=meta.title, language=meta.language,
                                    text="", sha256=f"{copy}-{meta.sha256}")
                clauses = [NewClause(rows[i].clause, tuple(tokens[rows[i].row_id]), f"{copy}-{i}", noisy[n],
                                     features[rows[i].row_id]) for n, i in enumerate(indices)]
                writer.put(document, clauses, reference=False)
                written += len(indices)
            copy += 1
    return written


def measure(directory: Path, args) -> None:
    """In a fresh process: load the library, time lookups and a comparison, measure memory."""
    store = ClauseStore.open(directory)
    embedder = load_embedder(store.model_name)
    embedder.encode(["warm-up"])
    before = current_rss_mb()
    started = time.perf_counter()
    space = SearchSpace.load(store)
    loaded = time.perf_counter() - started
    index_memory = current_rss_mb() - before
    rng = np.random.default_rng(1)
    # Typed questions, and the opening words of clauses picked at random (other wordings, both languages).
    picked = space.fetch(rng.choice(min(len(space), 1700), 50, replace=False))
    queries = QUERIES + [" ".join(r.clause.text.split()[:10]) for r in picked]
    # Three rounds of the queries; the p50 and p95 reported are the medians of the rounds'.
    rounds = []
    for _ in range(3):
        times = []
        for n in range(args.queries):
            query = queries[n % len(queries)]
            started = time.perf_counter()
            results = search(space, embedder, query, top_k=5)
            times.append(time.perf_counter() - started)
            assert len(results) == 5
        ordered = sorted(times)
        rounds.append((statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000))
    p50 = statistics.median(r[0] for r in rounds)
    p95 = statistics.median(r[1] for r in rounds)
    print(f"  rounds (p50/p95 ms): {', '.join(f'{a:.1f}/{b:.1f}' for a, b in rounds)}", flush=True)
    # A ~100-clause vendor DPA against the reference, both copies inside the big library.
    vendor, reference = store.document(f"00000-{args.vendor}"), store.document(f"00000-{args.reference}")
    compare_times = []
    for _ in range(3):
        started = time.perf_counter()
        align_documents(space, embedder, vendor, reference)
        compare_times.append(time.perf_counter() - started)
    compare = statistics.median(compare_times)
    peak = peak_rss_mb()  # before the exhaustive scoring below, which reads every vector
    anonymous, file_backed = rss_parts_mb()
    # recall@10 of the lookup against scoring every clause (the same hybrid scores, exhaustively).
    recall = []
    if space.dense.approximate:
        mask = space.mask()
        for query in queries[: args.recall_queries]:
            found = {(r.document, r.clause_id) for r in search(space, embedder, query, top_k=10)}
            scores = score_rows(space, embedder, query, mask, weights=TEXT_QUERY_WEIGHTS, every_row=True)
            best = {(r.document, r.clause.id) for r in space.fetch(scores.rows[top_indices(scores.total, 10)])}
            recall.append(len(found & best) / 10)
    disk = sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) / 1e6
    kind = store.manifest["index_type"]
    recall_text = f"{statistics.mean(recall):.3f}" if recall else "exact"
    print(f"{len(space):>8} {kind:>11} {loaded:7.1f} {p50:7.1f} {p95:7.1f} {recall_text:>9} {compare:9.2f} "
          f"{index_memory:9.0f} {peak:11.0f} {anonymous:8.0f} {file_backed:8.0f} {disk:10.0f}", flush=True)


def peak_rss_mb() -> float:
    """This process's own peak (VmHWM; ru_maxrss would include the parent's from before exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return rss_mb()


def rss_parts_mb() -> tuple[float, float]:
    """(anonymous, file-backed) resident memory: mapped file pages are page cache the kernel can drop."""
    parts = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("RssAnon:", "RssFile:")):
            parts[line.split(":")[0]] = int(line.split()[1]) / 1024
    return parts.get("RssAnon", 0.0), parts.get("RssFile", 0.0)


def current_rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="an index of real agreements to copy clauses from")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--recall-queries", type=int, default=30)
    parser.add_argument("--vendor", default="github_dpa_en.md", help="source document compared in each library")
    parser.add_argument("--reference", default="002_f84dbcb6768b8ce2.txt")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(Path(args.measure), args)
    source = ClauseStore.open(args.source)
    rng = np.random.default_rng(0)
    print(f"{'clauses':>8} {'build s':>7}   then, in a fresh process:")
    print(f"{'clauses':>8} {'index':>11} {'load s':>7} {'p50 ms':>7} {'p95 ms':>7} {'recall@10':>9} {'compare s':>9} "
          f"{'index MB':>9} {'peak RSS MB':>11} {'anon MB':>8} {'file MB':>8} {'on disk MB':>10}")
    for size in (int(s) for s in args.sizes.split(",")):
        directory = Path(tempfile.mkdtemp(prefix=f"semdpa-scale-{size}-"))
        try:
            started = time.perf_counter()
            count = build(source, directory, size, rng)
            print(f"{count:>8} {time.perf_counter() - started:7.1f}   (peak RSS of the build {rss_mb():.0f} MB)", flush=True)
            os.sync()  # the build's gigabytes reach the disk now, not during the timed lookups
            subprocess.run([sys.executable, __file__, "--measure", str(directory), "--queries", str(args.queries),
                            "--recall-queries", str(args.recall_queries), "--vendor", args.vendor,
                            "--reference", args.reference], check=True)
        finally:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
