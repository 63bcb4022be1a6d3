"""Rendering for people: search results (and, later, comparison reports) as HTML."""

from __future__ import annotations

import html
import re
from typing import Sequence

from .lexical import LANGUAGES, analyze, analyze_query
from .types import SearchResult

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
