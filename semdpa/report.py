"""Rendering for people: search results, and comparison reports as HTML, Markdown, CSV and JSON."""

from __future__ import annotations

import html
import re
from typing import Sequence

from .diff import REDLINE_MIN_SHARED, SEVERITY_ORDER, reworded
from .embed import english_only
from .lexical import LANGUAGES, analyze, analyze_query
from .types import ClauseRef, Comparison, DocumentAlignment, DocumentInfo, SearchResult, TopicComparison

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


_LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}


def language_note(comparison: Comparison) -> str:
    """A caution when the vendor DPA and the reference are in different languages and the model
    reads English only: the matches then rest on words glossed from one language into the other
    and on topics, and are less reliable than within one language (benchmarks/RESULTS.md,
    session 22)."""
    a = comparison.alignment
    if a.vendor.language == a.reference.language or not english_only(comparison.model):
        return ""
    vendor, reference = (_LANGUAGE_NAMES.get(x, x) for x in (a.vendor.language, a.reference.language))
    return (f"The vendor DPA is in {vendor} and the reference in {reference}, and the model reads English only: "
            "clauses were matched by their words glossed from one language into the other and by their "
            "topics. Check the matches with more care than within one language, or compare with a "
            "multilingual model.")


def highlight(text: str, query: str, languages: Sequence[str] = LANGUAGES) -> str:
    """`text` as HTML with the words that match the query (after stemming) in <mark>."""
    wanted = set(analyze_query(query, languages))
    out: list[str] = []
    # A word is marked only when it is a content word in every language considered.
    last = 0
    for match in _WORD.finditer(text):
        word = match.group()
        per_language = [analyze(word, language) for language in languages]
        if all(per_language) and {s for stems in per_language for s in stems} & wanted:
            out.append(html.escape(text[last : match.start()]))
            out.append(f"<mark>{html.escape(word)}</mark>")
            last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def article_html(document: str, heading: str, clauses: Sequence[ClauseRef], selected: int, query: str = "") -> str:
    """A clause shown in its article: the article's clauses, the chosen one marked."""
    parts = [f"<div class='semdpa-article'><div class='semdpa-meta'><b>{html.escape(document)}</b></div>"]
    if heading:
        parts.append(f"<h3>{html.escape(heading)}</h3>")
    for n, clause in enumerate(clauses):
        style = " semdpa-selected" if n == selected else ""
        body = highlight(clause.text, query) if query and n == selected else html.escape(clause.text)
        parts.append(f"<div class='semdpa-clause{style}'><b>{html.escape(clause.id)}</b> "
                     f"<span class='semdpa-meta'>page {clause.page}</span><br>{body}</div>")
    parts.append("</div>")
    return "".join(parts)


def search_results_html(results: Sequence[SearchResult], query: str) -> str:
    if not results:
        return "<p class='semdpa-empty'>No clauses found.</p>"
    cards = []
    for rank, r in enumerate(results, start=1):
        heading = f"<div class='semdpa-heading'>{html.escape(r.heading)}</div>" if r.heading else ""
        cards.append(
            "<div class='semdpa-result'>"
            f"<div class='semdpa-meta'><b>{rank}. {html.escape(r.document)}</b> · clause "
            f"<b>{html.escape(r.clause_id)}</b> · page {r.page} · score {r.score:.3f}"
            f"{' · ' + html.escape(', '.join(r.topics)) if r.topics else ''}</div>"
            f"{heading}<div class='semdpa-text'>{highlight(r.text, query)}</div></div>"
        )
    return "\n".join(cards)


# --- comparison ---------------------------------------------------------------------------

def _clause_dict(clause: ClauseRef, *, topics: bool = True) -> dict:
    out = {"id": clause.id, "heading": clause.heading, "text": clause.text, "page": clause.page}
    if topics:
        out["topics"] = list(clause.topics)
    if clause.ocr:
        out["ocr"] = True  # the text was read from a page image: check it against the original
    return out


def alignment_to_dict(result: DocumentAlignment) -> dict:
    """The comparison as plain data: the stable JSON of `semdpa compare --format json`."""
    def document(info: DocumentInfo) -> dict:
        return {"name": info.name, "title": info.title, "language": info.language, "sha256": info.sha256,
                "clauses": info.clauses}

    return {
        "reference": document(result.reference),
        "vendor": document(result.vendor),
        "alignments": [
            {
                "vendor_clause": _clause_dict(a.vendor_clause),
                "status": a.status,
                "confidence": a.confidence,
                "standard": a.standard or None,
                "matches": [{"clause": _clause_dict(m.clause, topics=False), "score": m.score} for m in a.matches],
            }
            for a in result.alignments
        ],
        "missing": [_clause_dict(c) for c in result.missing],
    }


def alignment_text(result: DocumentAlignment, topics: Sequence[TopicComparison] = (), note: str = "") -> str:
    """A terminal summary: what differs per topic, most serious first (when `topics` are
    given), one line per vendor clause, then the missing reference clauses. `note` (see
    `language_note`) follows the counts."""
    lines = [f"{result.vendor.name} against reference {result.reference.name}"]
    counts = {s: sum(a.status == s for a in result.alignments) for s in ("matched", "partial", "extra")}
    lines.append(f"{counts['matched']} matched, {counts['partial']} partial, {counts['extra']} extra, "
                 f"{len(result.missing)} reference clauses missing")
    if note:
        lines.append(f"note: {note}")
    differing = [t for t in _ordered_topics(topics) if t.status != "same"]
    # Topics that differ in wording alone take one line: the terminal is for what to negotiate.
    wording = [t for t in differing if t.findings == ("differs",) and t.severity in ("low", "none")
               and not t.vendor.terms and not t.reference.terms]
    shown = [t for t in differing if t not in wording]
    if differing:
        lines.append("what differs, most serious first:")
        label_width = max((len(t.label) for t in shown), default=0)
        lines += [f"  {t.severity:<6} {t.label:<{label_width}}  {t.summary}" for t in shown]
        if wording:
            lines.append(f"  {'low':<6} wording only: {', '.join(t.label for t in wording)}")
        lines.append("clauses:")
    bests = [a.matches[0].clause.id if a.matches and a.status != "extra" else "-" for a in result.alignments]
    ids = [a.vendor_clause.id for a in result.alignments] + [c.id for c in result.missing]
    # Columns as wide as the ids ("Processor’s obligations with respect to 10"), within reason.
    width, best_width = _column_width(ids), _column_width(bests)
    for a, best in zip(result.alignments, bests):
        topics = ",".join(a.vendor_clause.topics)
        standard = f" [{a.standard}]" if a.standard else ""
        lines.append(f"  {_fit(a.vendor_clause.id, width)} {a.status:<8} -> {_fit(best, best_width)} {topics}{standard}".rstrip())
    if result.missing:
        lines.append("missing in vendor:")
        for clause in result.missing:
            lines.append(f"  {_fit(clause.id, width)} {','.join(clause.topics)}".rstrip())
    return "\n".join(lines)


_MAX_COLUMN = 48


def _column_width(values: list[str]) -> int:
    return min(max((len(v) for v in values), default=1), _MAX_COLUMN)


def _fit(value: str, width: int) -> str:
    """`value` padded to `width`, or cut to it in the middle: an id's end tells items apart."""
    if len(value) <= width:
        return value.ljust(width)
    tail = width // 2
    return value[:width - tail - 1] + "…" + value[-tail:]


# --- full comparison reports --------------------------------------------------------------

SEVERITY_COLOURS = {"high": "#c62828", "medium": "#ef6c00", "low": "#f9a825", "none": "#2e7d32"}
STATUS_WORDS = {"same": "same", "differs": "differs", "missing": "missing in vendor", "extra": "extra in vendor"}


def _term_dict(term) -> dict:
    out = {"kind": term.kind, "value": term.value, "text": term.text, "clause": term.clause_id, "span": list(term.span)}
    if term.unit:
        out["unit"] = term.unit
    if term.amount is not None:
        out["amount"] = term.amount
    if term.currency:
        out["currency"] = term.currency
    return out


def comparison_to_dict(comparison: Comparison) -> dict:
    """The JSON of `semdpa compare --format json`: the alignment plus topics, checklist, redlines."""
    data = alignment_to_dict(comparison.alignment)
    data["topics"] = [
        {
            "topic": t.topic, "label": t.label, "status": t.status, "severity": t.severity, "summary": t.summary,
            "findings": list(t.findings),
            "reference": {"clauses": [{"id": i, "page": p} for i, p in t.reference.clauses],
                          "terms": [_term_dict(x) for x in t.reference.terms]},
            "vendor": {"clauses": [{"id": i, "page": p} for i, p in t.vendor.clauses],
                       "terms": [_term_dict(x) for x in t.vendor.terms]},
        }
        for t in comparison.topics
    ]
    data["checklist"] = [{"item": c.key, "label": c.label, "status": c.status, "clauses": list(c.clause_ids)}
                         for c in comparison.checklist]
    data["redlines"] = [{"vendor_clause": r.vendor_clause, "reference_clause": r.reference_clause,
                         "operations": [{"op": op, "text": text} for op, text in r.operations]}
                        for r in comparison.redlines]
    data["note"] = language_note(comparison)
    data["audit_trail"] = _audit_trail(comparison)
    return data


def _audit_trail(comparison: Comparison) -> dict:
    a = comparison.alignment
    return {
        "inputs": [{"role": "reference", "name": a.reference.name, "sha256": a.reference.sha256},
                   {"role": "vendor", "name": a.vendor.name, "sha256": a.vendor.sha256}],
        "semdpa_version": comparison.semdpa_version, "model": comparison.model, "generated": comparison.generated,
    }


def portfolio_to_dict(comparisons: Sequence[Comparison]) -> dict:
    return {
        "portfolio": [
            {"vendor": c.alignment.vendor.name, "topic": t.topic, "status": t.status, "severity": t.severity,
             "summary": t.summary}
            for c in comparisons for t in c.topics
        ],
        "comparisons": [comparison_to_dict(c) for c in comparisons],
    }


CSV_COLUMNS = ["vendor", "vendor_clause", "vendor_heading", "vendor_page", "status", "confidence", "topics",
               "reference", "reference_clause", "reference_heading", "reference_page", "score", "vendor_text",
               "reference_text", "vendor_standard"]


def comparisons_csv(comparisons: Sequence[Comparison]) -> str:
    """One row per vendor clause (alignment), for a spreadsheet."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for comparison in comparisons:
        a = comparison.alignment
        for alignment in a.alignments:
            best = alignment.matches[0] if alignment.matches and alignment.status != "extra" else None
            writer.writerow([
                a.vendor.name, alignment.vendor_clause.id, alignment.vendor_clause.heading, alignment.vendor_clause.page,
                alignment.status, f"{alignment.confidence:.3f}", " ".join(alignment.vendor_clause.topics),
                a.reference.name, best.clause.id if best else "", best.clause.heading if best else "",
                best.clause.page if best else "", f"{best.score:.3f}" if best else "",
                alignment.vendor_clause.text, best.clause.text if best else "", alignment.standard,
            ])
    return buffer.getvalue()


def _redline_markdown(operations) -> str:
    out = []
    for op, text in operations:
        if op == "equal":
            out.append(text)
        elif text.strip():
            mark = "~~" if op == "delete" else "**"
            lead, core, trail = re.match(r"(\s*)(.*?)(\s*)$", text, re.S).groups()
            out.append(f"{lead}{mark}{core}{mark}{trail}")
    return "".join(out).replace("\n", " ")


def comparison_markdown(comparison: Comparison) -> str:
    """The report in Markdown, to paste into an e-mail or a ticket."""
    a = comparison.alignment
    lines = [f"# {a.vendor.name} compared with {a.reference.name}", ""]
    counts = {s: sum(x.status == s for x in a.alignments) for s in ("matched", "partial", "extra")}
    lines += [f"{counts['matched']} clauses matched, {counts['partial']} partially, {counts['extra']} without counterpart; "
              f"{len(a.missing)} reference clauses missing.", ""]
    note = language_note(comparison)
    if note:
        lines += [f"> {note}", ""]
    lines += ["## Summary by topic", "", "| Topic | Status | Severity | What differs |", "| --- | --- | --- | --- |"]
    for t in _ordered_topics(comparison.topics):
        lines.append(f"| {t.label} | {STATUS_WORDS[t.status]} | **{t.severity}** | {_md_cell(t.summary)} |")
    lines += ["", "## Art. 28 checklist", "", "| Item | Status | Clauses |", "| --- | --- | --- |"]
    for item in comparison.checklist:
        lines.append(f"| {item.label} | {item.status} | {', '.join(item.clause_ids)} |")
    redlines = {r.vendor_clause: r for r in comparison.redlines}
    lines += ["", "## Clauses", ""]
    for alignment in a.alignments:
        v = alignment.vendor_clause
        best = alignment.matches[0].clause if alignment.matches and alignment.status != "extra" else None
        target = f"reference {best.id}" if best else "no counterpart"
        standard = f"; reproduces {alignment.standard}" if alignment.standard else ""
        lines.append(f"### {v.id} — {alignment.status} ({target}{standard})")
        if v.id in redlines and not reworded(redlines[v.id]):
            lines.append(_redline_markdown(redlines[v.id].operations))
        elif v.id in redlines:
            lines += [f"Reworded: fewer than {REDLINE_MIN_SHARED:.0%} of the words are shared, so the two texts:", "",
                      f"> **Vendor {v.id}:** {_md_cell(v.text)}", ">",
                      f"> **Reference {best.id}:** {_md_cell(best.text)}"]
        else:
            lines.append(_md_cell(v.text))
        lines.append("")
    if a.missing:
        lines += ["## Missing in the vendor DPA", ""]
        lines += [f"- **{c.id}** ({', '.join(c.topics)}): {_md_cell(c.text[:300])}" for c in a.missing]
        lines.append("")
    trail = _audit_trail(comparison)
    lines += ["## Audit trail", ""]
    lines += [f"- {i['role']}: {i['name']} (SHA-256 {i['sha256']})" for i in trail["inputs"]]
    lines += [f"- semdpa {trail['semdpa_version']}, model {trail['model']}, generated {trail['generated']}", ""]
    return "\n".join(lines)


def portfolio_markdown(comparisons: Sequence[Comparison]) -> str:
    topics = list(dict.fromkeys(t.topic for c in comparisons for t in c.topics))
    labels = {t.topic: t.label for c in comparisons for t in c.topics}
    lines = ["# Portfolio", "", "| Vendor | " + " | ".join(labels[t] for t in topics) + " |",
             "| --- |" + " --- |" * len(topics)]
    for c in comparisons:
        by_topic = {t.topic: t for t in c.topics}
        cells = [f"{STATUS_WORDS[by_topic[t].status]} ({by_topic[t].severity})" if t in by_topic else "" for t in topics]
        lines.append(f"| {c.alignment.vendor.name} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n\n".join(["\n".join(lines)] + [comparison_markdown(c) for c in comparisons])


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _ordered_topics(topics):
    return sorted(topics, key=lambda t: -SEVERITY_ORDER.get(t.severity, 0))


_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem;color:#1f2328;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;
vertical-align:top;text-align:left;font-size:.92rem}th{background:#f6f8fa}
.sev{color:#fff;border-radius:3px;padding:0 .4rem;font-weight:600;font-size:.85rem;white-space:nowrap}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:.8rem;margin:.4rem 0 1rem}
.pair>div{border:1px solid #d0d7de;border-radius:4px;padding:.5rem;font-size:.9rem}
.meta{color:#57606a;font-size:.85rem}ins{background:#dafbe1;text-decoration:none}
del{background:#ffebe9;color:#82071e}.status-extra{color:#8250df}.status-partial{color:#9a6700}
.status-matched{color:#1a7f37}.trail{font-size:.85rem;color:#57606a}
.note{background:#fff8c5;border:1px solid #d4a72c;border-radius:4px;padding:.4rem .6rem;font-size:.9rem}
@media print{body{margin:1cm}.pair{break-inside:avoid}h2{break-after:avoid}}
"""


def _esc(text) -> str:
    return html.escape(str(text))


def _badge(severity: str) -> str:
    return f"<span class='sev' style='background:{SEVERITY_COLOURS.get(severity, '#57606a')}'>{_esc(severity)}</span>"


def _coverage_svg(comparison: Comparison) -> str:
    """Horizontal bars: share of each topic's reference clauses that the vendor covers."""
    missing = {c.id for c in comparison.alignment.missing}
    rows = []
    for t in comparison.topics:
        total = len(t.reference.clauses)
        if not total:
            continue
        covered = sum(1 for i, _ in t.reference.clauses if i not in missing)
        rows.append((t.label, covered / total, t.severity))
    height = 22 * len(rows) + 10
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='640' height='{height}' role='img' "
             "aria-label='Coverage of the reference per topic'>"]
    for n, (label, share, severity) in enumerate(rows):
        y = 5 + 22 * n
        parts.append(f"<text x='0' y='{y + 13}' font-size='12' fill='#1f2328'>{_esc(label)}</text>")
        parts.append(f"<rect x='220' y='{y}' width='360' height='16' fill='#eaeef2'/>")
        parts.append(f"<rect x='220' y='{y}' width='{360 * share:.0f}' height='16' fill='{SEVERITY_COLOURS.get(severity, '#57606a')}'/>")
        parts.append(f"<text x='590' y='{y + 13}' font-size='12' fill='#1f2328'>{share:.0%}</text>")
    parts.append("</svg>")
    return "".join(parts)


def redline_html(operations) -> str:
    out = []
    for op, text in operations:
        if op == "equal":
            out.append(_esc(text))
        elif op == "delete":
            out.append(f"<del>{_esc(text)}</del>")
        else:
            out.append(f"<ins>{_esc(text)}</ins>")
    return "".join(out)


def comparison_html_body(comparison: Comparison) -> str:
    """The report's body (no <html> wrapper): used by the HTML file and shown in the web app."""
    a = comparison.alignment
    alignments = {x.vendor_clause.id: x for x in a.alignments}
    redlines = {r.vendor_clause: r for r in comparison.redlines}
    parts = [f"<h1>{_esc(a.vendor.name)} compared with {_esc(a.reference.name)}</h1>"]
    counts = {s: sum(x.status == s for x in a.alignments) for s in ("matched", "partial", "extra")}
    parts.append(f"<p class='meta'>{counts['matched']} clauses matched, {counts['partial']} partially, "
                 f"{counts['extra']} without counterpart; {len(a.missing)} reference clauses missing.</p>")
    note = language_note(comparison)
    if note:
        parts.append(f"<p class='note'>{_esc(note)}</p>")
    parts.append("<h2>Summary by topic</h2><table class='summary'><tr><th>Topic</th><th>Status</th><th>Severity</th>"
                 "<th>What differs</th><th>Vendor clauses</th><th>Reference clauses</th></tr>")
    for t in _ordered_topics(comparison.topics):
        parts.append(
            f"<tr><td>{_esc(t.label)}</td><td>{_esc(STATUS_WORDS[t.status])}</td><td>{_badge(t.severity)}</td>"
            f"<td>{_esc(t.summary)}</td><td>{_esc(', '.join(i for i, _ in t.vendor.clauses))}</td>"
            f"<td>{_esc(', '.join(i for i, _ in t.reference.clauses))}</td></tr>")
    parts.append("</table><h2>Coverage of the reference per topic</h2>" + _coverage_svg(comparison))
    parts.append("<h2>Topics in detail</h2>")
    for t in _ordered_topics(comparison.topics):
        if not t.vendor.clauses and not t.reference.clauses:
            continue
        parts.append(f"<h3>{_esc(t.label)} {_badge(t.severity)}</h3><p>{_esc(t.summary)}</p>")
        for clause_id, _ in t.vendor.clauses:
            alignment = alignments.get(clause_id)
            if alignment is None:
                continue
            v = alignment.vendor_clause
            best = alignment.matches[0].clause if alignment.matches and alignment.status != "extra" else None
            right = (f"<div><div class='meta'>Reference {_esc(best.id)} · page {best.page}</div>{_esc(best.text)}</div>"
                     if best else "<div class='meta'>No counterpart in the reference.</div>")
            parts.append(
                f"<div class='pair'><div><div class='meta'>Vendor {_esc(v.id)} · page {v.page}{' (OCR)' if v.ocr else ''} · "
                f"<span class='status-{alignment.status}'>{_esc(alignment.status)}</span>"
                f"{' · reproduces ' + _esc(alignment.standard) if alignment.standard else ''}</div>{_esc(v.text)}</div>{right}</div>")
            if v.id in redlines and not reworded(redlines[v.id]):
                parts.append(f"<p class='meta'>Redline from reference {_esc(redlines[v.id].reference_clause)} "
                             f"to vendor {_esc(v.id)}:</p><p class='redline'>{redline_html(redlines[v.id].operations)}</p>")
            elif v.id in redlines:
                parts.append(f"<p class='meta'>Reworded: fewer than {REDLINE_MIN_SHARED:.0%} of the words are shared, "
                             "so the two texts above are the comparison.</p>")
    parts.append("<h2>Missing in the vendor DPA</h2>")
    if a.missing:
        parts.append("<table><tr><th>Reference clause</th><th>Topics</th><th>Text</th></tr>" + "".join(
            f"<tr><td>{_esc(c.id)}</td><td>{_esc(', '.join(c.topics))}</td><td>{_esc(c.text)}</td></tr>" for c in a.missing)
            + "</table>")
    else:
        parts.append("<p>None.</p>")
    extras = [x for x in a.alignments if x.status == "extra"]
    parts.append("<h2>Extra in the vendor DPA</h2>")
    parts.append(("<table><tr><th>Vendor clause</th><th>Topics</th><th>Text</th></tr>" + "".join(
        f"<tr><td>{_esc(x.vendor_clause.id)}</td><td>{_esc(', '.join(x.vendor_clause.topics))}</td>"
        f"<td>{_esc(x.vendor_clause.text)}</td></tr>" for x in extras) + "</table>") if extras else "<p>None.</p>")
    parts.append("<h2>GDPR Art. 28 checklist</h2><table class='checklist'><tr><th>Item</th><th>Status</th><th>Clauses</th></tr>")
    for item in comparison.checklist:
        colour = {"present": "#1a7f37", "absent": "#c62828", "unclear": "#9a6700"}[item.status]
        parts.append(f"<tr><td>{_esc(item.label)}</td><td style='color:{colour};font-weight:600'>{_esc(item.status)}</td>"
                     f"<td>{_esc(', '.join(item.clause_ids))}</td></tr>")
    parts.append("</table>")
    trail = _audit_trail(comparison)
    parts.append("<h2>Audit trail</h2><ul class='trail'>" + "".join(
        f"<li>{_esc(i['role'])}: {_esc(i['name'])} — SHA-256 <code>{_esc(i['sha256'])}</code></li>" for i in trail["inputs"])
        + f"<li>semdpa {_esc(trail['semdpa_version'])}, model {_esc(trail['model'])}, generated {_esc(trail['generated'])}</li></ul>")
    return "\n".join(parts)


def _html_page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_esc(title)}</title>"
            f"<style>{_CSS}</style></head><body>{body}</body></html>")


def comparison_html(comparison: Comparison) -> str:
    """One self-contained HTML file: inline CSS and SVG, no outside assets; prints to PDF."""
    a = comparison.alignment
    return _html_page(f"semdpa: {a.vendor.name} vs {a.reference.name}", comparison_html_body(comparison))


def portfolio_html(comparisons: Sequence[Comparison]) -> str:
    topics = list(dict.fromkeys(t.topic for c in comparisons for t in c.topics))
    labels = {t.topic: t.label for c in comparisons for t in c.topics}
    rows = ["<h1>Portfolio</h1><table class='portfolio'><tr><th>Vendor</th>"
            + "".join(f"<th>{_esc(labels[t])}</th>" for t in topics) + "</tr>"]
    for c in comparisons:
        by_topic = {t.topic: t for t in c.topics}
        cells = "".join(f"<td>{_esc(STATUS_WORDS[by_topic[t].status])}<br>{_badge(by_topic[t].severity)}</td>"
                        if t in by_topic else "<td></td>" for t in topics)
        rows.append(f"<tr><td>{_esc(c.alignment.vendor.name)}</td>{cells}</tr>")
    rows.append("</table>")
    body = "\n".join(rows) + "".join(f"<hr>{comparison_html_body(c)}" for c in comparisons)
    return _html_page("semdpa portfolio", body)


def render(comparisons: Sequence[Comparison], fmt: str) -> str:
    """A report in `fmt` (html, md, csv, json): one comparison, or a portfolio of several."""
    import json

    single = len(comparisons) == 1
    if fmt == "json":
        data = comparison_to_dict(comparisons[0]) if single else portfolio_to_dict(comparisons)
        return json.dumps(data, indent=2, ensure_ascii=False)
    if fmt == "md":
        return comparison_markdown(comparisons[0]) if single else portfolio_markdown(comparisons)
    if fmt == "csv":
        return comparisons_csv(comparisons)
    if fmt == "html":
        return comparison_html(comparisons[0]) if single else portfolio_html(comparisons)
    if fmt == "text":
        return "\n\n".join(alignment_text(c.alignment, c.topics, language_note(c)) for c in comparisons)
    raise ValueError(f"unknown format {fmt}")
