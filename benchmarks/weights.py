"""How one alignment constant moves every labelled set, and what a value chosen without a set gives on it.

For each value of a constant of `semdpa.align` (set on the module while the script runs) every
labelled set (benchmarks/data/alignment_*.jsonl, one index per set as in alignment.py) is aligned
and scored. The script prints, per value, top-1 and recall@3 counts pooled per language, then a
leave-one-set-out check: for each set in turn, the value that does best on all the other sets
(top-1 plus recall@3 counts; ties to the value nearest the current one), and what that value
gains or loses on the set left out against the current value (or `--against`'s). A constant whose held-out gains
match its in-sample gains is not tuned to a few examples.

    .venv/bin/python benchmarks/weights.py NEIGHBOUR_WEIGHT 0,0.02,0.03,0.045,0.06,0.08 --against 0
    .venv/bin/python benchmarks/weights.py HUB_PENALTY 0.1,0.2,0.25,0.3 --sets dev,check
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from alignment import evaluate, load_rows, locate  # noqa: E402

from semdpa import align  # noqa: E402
from semdpa.library import Library  # noqa: E402

DATA = ROOT / "benchmarks" / "data"


def counts(result: dict) -> dict[str, tuple[int, int, int]]:
    """language -> (clauses with a counterpart, top-1 hits, recall@3 hits)."""
    return {lang: (m["n"], round(m["top1"] * m["n"]), round(m["recall@3"] * m["n"])) for lang, m in result.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="a constant of semdpa.align, e.g. NEIGHBOUR_WEIGHT")
    parser.add_argument("values", help="comma-separated values to try")
    parser.add_argument("--sets", help="comma-separated set names (default: every alignment_*.jsonl)")
    parser.add_argument("--against", type=float, help="the value held-out gains are measured against (default: the current one)")
    args = parser.parse_args()
    if not hasattr(align, args.name):
        raise SystemExit(f"semdpa.align has no constant {args.name}")
    current = getattr(align, args.name)
    values = [float(v) for v in args.values.split(",")]
    baseline = current if args.against is None else args.against
    values += [v for v in (current, baseline) if v not in values]
    names = args.sets.split(",") if args.sets else sorted(p.stem.removeprefix("alignment_") for p in DATA.glob("alignment_*.jsonl"))

    scores: dict[tuple[float, str], dict[str, tuple[int, int, int]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            rows = load_rows(DATA / f"alignment_{name}.jsonl")
            library = Library(Path(tmp) / name, model="default")
            library.add_files([locate(n) for n in sorted({r["vendor"] for r in rows} | {r["reference"] for r in rows})])
            for value in values:
                setattr(align, args.name, value)
                scores[(value, name)] = counts(evaluate(library, rows, "align"))
            setattr(align, args.name, current)
            print(f"  {name}: " + "  ".join(f"{v:g} " + " ".join(f"{lang} {t}/{r}" for lang, (_, t, r) in sorted(scores[(v, name)].items()))
                                            for v in values), flush=True)

    def pooled(value: float, sets: list[str]) -> dict[str, list[int]]:
        total: dict[str, list[int]] = {}
        for name in sets:
            for lang, (n, top1, r3) in scores[(value, name)].items():
                t = total.setdefault(lang, [0, 0, 0])
                t[0] += n
                t[1] += top1
                t[2] += r3
        return total

    print(f"\n{args.name} (current {current:g}): pooled top-1 / recall@3 over {', '.join(names)}")
    for value in values:
        line = "  ".join(f"{lang} {t}/{r} of {n} ({t / n:.3f} / {r / n:.3f})" for lang, (n, t, r) in sorted(pooled(value, names).items()))
        print(f"  {value:<8g} {line}")

    print(f"\nleave one set out: the value best on the other sets, and its gain on the set left out against {baseline:g}")
    held_out: dict[str, list[int]] = {}
    for name in names:
        others = [o for o in names if o != name]
        best = max(values, key=lambda v: (sum(t + r for _, t, r in pooled(v, others).values()), -abs(v - current)))
        gains = []
        for lang, (n, top1, r3) in sorted(scores[(best, name)].items()):
            _, top1_now, r3_now = scores[(baseline, name)][lang]
            g = held_out.setdefault(lang, [0, 0])
            g[0] += top1 - top1_now
            g[1] += r3 - r3_now
            gains.append(f"{lang} top-1 {top1 - top1_now:+d} recall@3 {r3 - r3_now:+d}")
        print(f"  {name:<8} chosen {best:<8g} " + ", ".join(gains))
    print("  held out, in sum: " + ", ".join(f"{lang} top-1 {t:+d} recall@3 {r:+d}" for lang, (t, r) in sorted(held_out.items())))


if __name__ == "__main__":
    main()
