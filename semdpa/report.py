"""Rendering for people: search results (and, later, comparison reports) as HTML."""

from __future__ import annotations

import html
import re
from typing import Sequence

from .lexical import LANGUAGES, analyze, analyze_query
from .types import ClauseRef, DocumentAlignment, DocumentInfo, SearchResult

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


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


def search_results_html(results: Sequence[SearchResult], query: str) -> str:
    if not results:
        return "<p class='semdpa-empty'>No clauses found.</p>"
    cards = []
    for rank, r in enumerate(results, start=1):
        heading = f"<div class='semdpa-heading'>{html.escape(r.heading)}</div>" if r.heading else ""
        cards.append(
            "<div class='semdpa-result'>"
            f"<div class='semdpa-meta'><b>{rank}. {html.escape(r.document)}</b> · clause "
            f"<b>{html.escape(r.clause_id)}</b> · page {r.page} · score {r.score:.3f}</div>"
            f"{heading}<div class='semdpa-text'>{highlight(r.text, query)}</div></div>"
        )
    return "\n".join(cards)


# --- comparison ---------------------------------------------------------------------------

def _clause_dict(clause: ClauseRef, *, topics: bool = True) -> dict:
    out = {"id": clause.id, "heading": clause.heading, "text": clause.text, "page": clause.page}
    if topics:
        out["topics"] = list(clause.topics)
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
                "matches": [{"clause": _clause_dict(m.clause, topics=False), "score": m.score} for m in a.matches],
            }
            for a in result.alignments
        ],
        "missing": [_clause_dict(c) for c in result.missing],
    }


def alignment_text(result: DocumentAlignment) -> str:
    """A terminal summary: one line per vendor clause, then the missing reference clauses."""
    lines = [f"{result.vendor.name} against reference {result.reference.name}"]
    counts = {s: sum(a.status == s for a in result.alignments) for s in ("matched", "partial", "extra")}
    lines.append(f"{counts['matched']} matched, {counts['partial']} partial, {counts['extra']} extra, "
                 f"{len(result.missing)} reference clauses missing")
    for a in result.alignments:
        best = a.matches[0].clause.id if a.matches and a.status != "extra" else "-"
        topics = ",".join(a.vendor_clause.topics)
        lines.append(f"  {a.vendor_clause.id:<24} {a.status:<8} -> {best:<24} {topics}")
    if result.missing:
        lines.append("missing in vendor:")
        for clause in result.missing:
            lines.append(f"  {clause.id:<24} {','.join(clause.topics)}")
    return "\n".join(lines)
