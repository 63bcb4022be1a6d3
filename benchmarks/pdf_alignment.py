"""Matching quality when the labelled agreements arrive as printed PDFs instead of text.

    .venv/bin/python benchmarks/pdf_alignment.py [--model NAME] [VENDOR ...]

Vendors send PDFs. Each vendor agreement of the labelled sets (benchmarks/data/alignment_*.jsonl)
is printed to PDF as a word processor would (tests/conftest.py `write_styled_pdf`: bold headings,
space between paragraphs, nested items set in, a running header and page numbers), then indexed
and aligned with its reference like its text. A labelled clause is found in the PDF's
segmentation as the PDF clause holding most of its words; that clause's best matches are judged
against the clause's labels. The script prints, per vendor and per language, top-1 of the text
and of the PDF, and the PDF's recall@3. Needs fpdf2 (the `dev` extra).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from alignment import load_rows, locate  # noqa: E402

from semdpa.ingest import read_document  # noqa: E402
from semdpa.library import Library  # noqa: E402
from semdpa.segment import segment_clauses  # noqa: E402
from tests.conftest import write_styled_pdf  # noqa: E402


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default")
    parser.add_argument("vendors", nargs="*", help="only vendors whose file name contains one of these")
    args = parser.parse_args()
    rows = [row for path in sorted((ROOT / "benchmarks" / "data").glob("alignment_*.jsonl")) for row in load_rows(path)]
    vendors = sorted({r["vendor"] for r in rows if not args.vendors or any(v in r["vendor"] for v in args.vendors)})
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = {v: write_styled_pdf(Path(tmp) / f"{Path(v).stem}.pdf", locate(v)) for v in vendors}
        references = sorted({r["reference"] for r in rows if r["vendor"] in pdfs})
        library = Library(Path(tmp) / "index", model=args.model)
        library.add_files([locate(n) for n in references + vendors] + list(pdfs.values()))
        print(f"{'vendor':40} {'lang':4} {'clauses':>7} {'in PDF':>6} {'n':>4} {'top-1 text':>10} {'PDF':>5} {'PDF r@3':>7}")
        for vendor in vendors:
            labelled = [r for r in rows if r["vendor"] == vendor and r["expected"]]
            if not labelled:
                continue
            reference = labelled[0]["reference"]
            as_text = {c.id: c for c in segment_clauses(read_document(locate(vendor)))}
            as_pdf = segment_clauses(read_document(pdfs[vendor]))
            pdf_words = [words(c.text) for c in as_pdf]
            text_matches = {a.vendor_clause.id: [m.clause.id for m in a.matches]
                            for a in library.align(vendor, reference).alignments}
            pdf_matches = {a.vendor_clause.id: [m.clause.id for m in a.matches]
                           for a in library.align(pdfs[vendor].name, reference).alignments}
            counts = [0, 0, 0, 0]
            for row in labelled:
                clause = as_text.get(row["clause"])
                if clause is None:
                    continue
                mine = words(clause.text)
                # The PDF clause holding most of the clause's words; the smaller one on a tie.
                best = max(range(len(as_pdf)), key=lambda k: (len(mine & pdf_words[k]), -len(pdf_words[k])))
                got = pdf_matches[as_pdf[best].id]
                counts[0] += 1
                counts[1] += text_matches[row["clause"]][0] in row["expected"]
                counts[2] += got[0] in row["expected"]
                counts[3] += any(g in row["expected"] for g in got[:3])
            language = labelled[0]["language"]
            totals[language] = [t + c for t, c in zip(totals[language], counts)]
            print(f"{vendor[:40]:40} {language:4} {len(as_text):>7} {len(as_pdf):>6} {counts[0]:>4} {counts[1]:>10} "
                  f"{counts[2]:>5} {counts[3]:>7}")
    for language, (n, text_top1, pdf_top1, pdf_top3) in sorted(totals.items()):
        print(f"{language}: {n} labelled clauses; top-1 text {text_top1 / n:.3f} ({text_top1}), "
              f"PDF {pdf_top1 / n:.3f} ({pdf_top1}); PDF recall@3 {pdf_top3 / n:.3f} ({pdf_top3})")


if __name__ == "__main__":
    main()
