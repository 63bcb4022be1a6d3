"""Write semdpa/calibration.txt: the text windows NNCF calibrates the int8 model on.

    .venv/bin/python benchmarks/calibration.py

Static int8 quantisation needs sample inputs to fix the range of every activation. semdpa
ships these with the package so the int8 model is made the same way on every machine, from
DPA text whose licence allows it to be shipped (../shared/corpus/SOURCES.md): the EU standard
contractual clauses (EU legal text), GitHub's DPA (CC0) and Common Paper's DPA (CC BY 4.0).
Each line is one window of at most the model's length, taken evenly from all their clauses.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from semdpa.embed import DEFAULT_MODEL, SentenceTransformerEmbedder  # noqa: E402
from semdpa.ingest import read_document  # noqa: E402
from semdpa.segment import segment_clauses  # noqa: E402

SOURCES = {
    "eu_scc_2021-915_controller-processor_en.md": "EU standard contractual clauses, Implementing Decision (EU) 2021/915 (EU legal text, reuse allowed by Decision 2011/833/EU)",
    "github_dpa_en.md": "GitHub Data Protection Agreement, github/site-policy (CC0 1.0)",
    "commonpaper_dpa_v1.1_en.md": "Common Paper Data Processing Agreement v1.1, CommonPaper/DPA (CC BY 4.0, https://commonpaper.com)",
}
WINDOWS = 300


def main() -> None:
    corpus = ROOT.parent / "shared" / "corpus"
    embedder = SentenceTransformerEmbedder(DEFAULT_MODEL)
    texts = []
    for name in SOURCES:
        texts += [c.context_text for c in segment_clauses(read_document(corpus / name))]
    pieces, _, _ = embedder._windows(texts)
    step = max(1, len(pieces) // WINDOWS)
    chosen = [" ".join(p.split()) for p in pieces[::step][:WINDOWS]]
    header = ["# Calibration windows for semdpa's int8 model (benchmarks/calibration.py). Sources:"]
    header += [f"# - {source}" for source in SOURCES.values()]
    target = ROOT / "semdpa" / "calibration.txt"
    target.write_text("\n".join(header + chosen) + "\n", encoding="utf-8")
    print(f"{target}: {len(chosen)} windows from {len(pieces)}")


if __name__ == "__main__":
    main()
