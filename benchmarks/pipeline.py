"""End-to-end timings on the real clause mix: index build (fresh and unchanged re-run), cold
CLI search, warm and cold comparison, and peak memory of each, in one run.

    .venv/bin/python benchmarks/pipeline.py [--model default]

Index: every agreement of ../shared/corpus plus the five seeds, in a temporary directory.
Cold runs are separate processes (`semdpa ...`), timed from the outside; peak memory is the
child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEMDPA = [sys.executable, "-m", "semdpa.cli"]


_WRAPPER = ("import resource, subprocess, sys\n"
            "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "sys.exit(code)")


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `semdpa` process (measured by a wrapper process of its own)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _WRAPPER, *SEMDPA, *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return elapsed, int(result.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = sorted(str(p) for p in (ROOT.parent / "shared" / "corpus").glob("*_??.md")) + \
        sorted(str(p) for p in (ROOT / "data").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        index = str(Path(tmp) / "index")
        common = ["--index", index, "--model", args.model]
        fresh, fresh_peak = run(["index", *files, *common, "--json"])
        from semdpa.library import Library

        library = Library(index, model=args.model)
        clauses = sum(d.clause_count for d in library.documents())
        rerun, rerun_peak = run(["index", *files, *common, "--json"])
        print(f"index fresh: {len(files)} files, {clauses} clauses in {fresh:.1f} s = {clauses / fresh:.0f} clauses/s "
              f"(peak {fresh_peak:.0f} MB)")
        print(f"index re-run, nothing changed: {rerun:.2f} s = {100 * rerun / fresh:.1f}% of fresh (peak {rerun_peak:.0f} MB)")

        searches = [run(["search", "binnen welke termijn meldt de verwerker een datalek", *common, "--json"])
                    for _ in range(args.repeat)]
        print(f"search, cold CLI: median {statistics.median(s for s, _ in searches):.2f} s "
              f"(peak {max(p for _, p in searches):.0f} MB)")
        reference = "002_f84dbcb6768b8ce2.txt"
        colds = [run(["compare", "004_2976386c00bad38d.txt", "-r", reference, *common, "--format", "json",
                      "-o", str(Path(tmp) / "out.json")]) for _ in range(max(1, args.repeat // 2))]
        print(f"compare 46-clause vendor, cold CLI: median {statistics.median(c for c, _ in colds):.2f} s "
              f"(peak {max(p for _, p in colds):.0f} MB)")
        library.compare("004_2976386c00bad38d.txt", reference)  # warm up: model, index, search space
        warm = []
        for vendor in ["004_2976386c00bad38d.txt", "000_c5e75a4ec2c30dd9.txt", "github_dpa_addendum_2020_en.md"] * args.repeat:
            started = time.perf_counter()
            result = library.compare(vendor, reference)
            warm.append((time.perf_counter() - started, len(result.alignment.alignments)))
        per_100 = [t / n * 100 for t, n in warm]
        print(f"compare, warm (app running): median {statistics.median(t for t, _ in warm):.2f} s for "
              f"{statistics.median(n for _, n in warm):.0f} clauses; median {statistics.median(per_100):.2f} s per 100 clauses")


if __name__ == "__main__":
    main()
