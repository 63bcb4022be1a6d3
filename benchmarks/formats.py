"""Matching quality when the labelled agreements arrive as PDF or Word files instead of text.

    .venv/bin/python benchmarks/formats.py [--format pdf|docx|web] [--model NAME] [VENDOR ...]

Vendors send PDFs and Word files. Each vendor agreement of the labelled sets
(benchmarks/data/alignment_*.jsonl) is written as one (tests/conftest.py): printed to PDF as a
word processor would (`write_styled_pdf`: bold headings, space between paragraphs, nested items
set in, a running header and page numbers), typed in Word (`write_styled_docx`: heading styles,
a paragraph each, typed numbers, nested items set in), or published as a web page and printed to
PDF by Chromium (`--format web`: ligatures, bullets drawn as dots, lists set in; needs
/usr/bin/chromium). The files are indexed and aligned
with their reference beside the texts. A labelled clause is found in the file's segmentation as
the clause holding most of its words; that clause's best matches are judged against the clause's
labels. The script prints, per vendor and per language, top-1 of the text and of the file, and
the file's recall@3. Needs fpdf2 and python-docx (the `dev` extra).
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
from tests.conftest import write_styled_docx, write_styled_pdf  # noqa: E402


# A DPA published as a web page and printed to PDF from the browser.
WEB_STYLE = ("body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10pt;line-height:1.35}"
             "h1{font-size:16pt} h2{font-size:13pt} h3{font-size:11pt} p{margin:0 0 6pt 0} li{margin:0 0 3pt 0}")


def print_web_pages(directory: Path, sources: list[Path]) -> dict[str, Path]:
    """Each agreement as a web page (Markdown rendered as HTML; a text file one paragraph per
    blank-line block; line breaks kept) printed to PDF by Chromium, with page numbers in the
    footer."""
    import html

    from markdown_it import MarkdownIt
    from playwright.sync_api import sync_playwright

    from semdpa.ingest import _strip_front_matter

    files = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        for source in sources:
            text = source.read_text(encoding="utf-8")
            if source.suffix == ".md":
                # A line break in the source is one on the page too (as its authors meant it).
                body = MarkdownIt("commonmark", {"html": True, "breaks": True}).enable("table").render(
                    _strip_front_matter(text))
            else:
                body = "".join(f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>" for block in text.split("\n\n"))
            page.set_content(f"<html><head><style>{WEB_STYLE}</style></head><body>{body}</body></html>")
            target = directory / f"{source.stem}.pdf"
            page.pdf(path=str(target), format="A4", display_header_footer=True, header_template="<div></div>",
                     footer_template="<div style='font-size:7pt;width:100%;text-align:center'>"
                                     "<span class='pageNumber'></span> / <span class='totalPages'></span></div>",
                     margin={"top": "20mm", "bottom": "20mm", "left": "20mm", "right": "20mm"})
            files[source.name] = target
        browser.close()
    return files


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=("pdf", "docx", "web"), default="pdf")
    parser.add_argument("--model", default="default")
    parser.add_argument("vendors", nargs="*", help="only vendors whose file name contains one of these")
    args = parser.parse_args()
    rows = [row for path in sorted((ROOT / "benchmarks" / "data").glob("alignment_*.jsonl")) for row in load_rows(path)]
    vendors = sorted({r["vendor"] for r in rows if not args.vendors or any(v in r["vendor"] for v in args.vendors)})
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    with tempfile.TemporaryDirectory() as tmp:
        if args.format == "web":
            files = print_web_pages(Path(tmp), [locate(v) for v in vendors])
        else:
            write = write_styled_pdf if args.format == "pdf" else write_styled_docx
            files = {v: write(Path(tmp) / f"{Path(v).stem}.{args.format}", locate(v)) for v in vendors}
        references = sorted({r["reference"] for r in rows if r["vendor"] in files})
        library = Library(Path(tmp) / "index", model=args.model)
        library.add_files([locate(n) for n in references + vendors] + list(files.values()))
        kind = args.format.upper()
        print(f"{'vendor':40} {'lang':4} {'clauses':>7} {'in ' + kind:>7} {'n':>4} {'top-1 text':>10} {kind:>5} "
              f"{kind + ' r@3':>8}")
        for vendor in vendors:
            labelled = [r for r in rows if r["vendor"] == vendor and r["expected"]]
            if not labelled:
                continue
            reference = labelled[0]["reference"]
            as_text = {c.id: c for c in segment_clauses(read_document(locate(vendor)))}
            as_file = segment_clauses(read_document(files[vendor]))
            file_words = [words(c.text) for c in as_file]
            text_matches = {a.vendor_clause.id: [m.clause.id for m in a.matches]
                            for a in library.align(vendor, reference).alignments}
            file_matches = {a.vendor_clause.id: [m.clause.id for m in a.matches]
                           for a in library.align(files[vendor].name, reference).alignments}
            counts = [0, 0, 0, 0]
            for row in labelled:
                clause = as_text.get(row["clause"])
                if clause is None:
                    continue
                mine = words(clause.text)
                # The file's clause holding most of the clause's words; the smaller one on a tie.
                best = max(range(len(as_file)), key=lambda k: (len(mine & file_words[k]), -len(file_words[k])))
                got = file_matches[as_file[best].id]
                counts[0] += 1
                counts[1] += text_matches[row["clause"]][0] in row["expected"]
                counts[2] += got[0] in row["expected"]
                counts[3] += any(g in row["expected"] for g in got[:3])
            language = labelled[0]["language"]
            totals[language] = [t + c for t, c in zip(totals[language], counts)]
            print(f"{vendor[:40]:40} {language:4} {len(as_text):>7} {len(as_file):>7} {counts[0]:>4} {counts[1]:>10} "
                  f"{counts[2]:>5} {counts[3]:>8}")
    for language, (n, text_top1, file_top1, file_top3) in sorted(totals.items()):
        print(f"{language}: {n} labelled clauses; top-1 text {text_top1 / n:.3f} ({text_top1}), "
              f"{args.format} {file_top1 / n:.3f} ({file_top1}); recall@3 {file_top3 / n:.3f} ({file_top3})")


if __name__ == "__main__":
    main()
