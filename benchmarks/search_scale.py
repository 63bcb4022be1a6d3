"""semdpa's own lookup path at growing library sizes: load time, memory, p50/p95 latency, compare.

    .venv/bin/python benchmarks/search_scale.py --source INDEX [--sizes 10000,100000] [--queries 60]

`lookup.py` measures bare vector search; this one measures what a user waits for in
`library.search`: the query embedded by the real model, hybrid scoring (dense + BM25 + topics +
provisions) over every clause, and the result rows; then the warm comparison of one ~100-clause
agreement (`--vendor`, default github_dpa_en.md, 87 clauses) with the reference inside that
library. A library of the wanted size is made by
copying the clauses of a real index (`--source`, e.g. seeds + shared corpus) with their tokens,
topic features and vectors; each copy's vectors get a little noise so no two are identical.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from semdpa.align import align_documents  # noqa: E402
from semdpa.embed import load_embedder  # noqa: E402
from semdpa.search import SearchSpace, search  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True, help="an index of real agreements to copy clauses from")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--vendor", default="github_dpa_en.md", help="source document compared in each library")
    parser.add_argument("--reference", default="002_f84dbcb6768b8ce2.txt")
    args = parser.parse_args()
    source = ClauseStore.open(args.source)
    embedder = load_embedder(source.model_name)
    embedder.encode(["warm-up"])
    rng = np.random.default_rng(0)
    print(f"{'clauses':>8} {'build s':>7} {'load s':>7} {'p50 ms':>7} {'p95 ms':>7} {'compare s':>9} {'peak RSS MB':>11} {'on disk MB':>10}")
    for size in (int(s) for s in args.sizes.split(",")):
        directory = Path(tempfile.mkdtemp(prefix=f"semdpa-scale-{size}-"))
        try:
            started = time.perf_counter()
            count = build(source, directory, size, rng)
            built = time.perf_counter() - started
            store = ClauseStore.open(directory)
            started = time.perf_counter()
            space = SearchSpace.load(store)
            loaded = time.perf_counter() - started
            times = []
            for n in range(args.queries):
                query = QUERIES[n % len(QUERIES)]
                started = time.perf_counter()
                results = search(space, embedder, query, top_k=5)
                times.append(time.perf_counter() - started)
                assert len(results) == 5
            ordered = sorted(times)
            p50 = statistics.median(ordered) * 1000
            p95 = ordered[int(0.95 * (len(ordered) - 1))] * 1000
            # A ~100-clause vendor DPA against the reference, both copies inside the big library.
            vendor, reference = store.document(f"00000-{args.vendor}"), store.document(f"00000-{args.reference}")
            compare_times = []
            for _ in range(3):
                started = time.perf_counter()
                align_documents(space, embedder, vendor, reference)
                compare_times.append(time.perf_counter() - started)
            compare = statistics.median(compare_times)
            disk = sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) / 1e6
            print(f"{count:>8} {built:7.1f} {loaded:7.1f} {p50:7.1f} {p95:7.1f} {compare:9.2f} {rss_mb():11.0f} {disk:10.0f}", flush=True)
            store.close()
            del space
        finally:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
