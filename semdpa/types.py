"""Values that cross module boundaries: frozen, hashable, free of behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class Document:
    """A file read and cleaned by `ingest`.

    `text` is the cleaned text every span in the project points into. `page_starts[i]` is
    the offset in `text` where page i+1 begins (a single entry 0 for formats without pages).
    `heading_spans` are the (start, end, level) of lines the source itself marked as headings
    (Markdown `#`, a line in bold, a Word heading style): hints for the segmenter. The level is
    the heading's rank (Markdown `##` and Word's "Heading 2" are 2; a line only in bold is 7).
    """

    name: str
    title: str
    language: str
    text: str
    sha256: str
    page_starts: tuple[int, ...] = (0,)
    heading_spans: tuple[tuple[int, int, int], ...] = ()
    source_format: str = "txt"
    ocr_pages: tuple[int, ...] = ()

    @property
    def page_count(self) -> int:
        return len(self.page_starts)

    def page_at(self, offset: int) -> int:
        """The 1-based page holding character `offset`."""
        page = 1
        for number, start in enumerate(self.page_starts, start=1):
            if start > offset:
                break
            page = number
        return page


@dataclass(frozen=True)
class Clause:
    """One clause of a document.

    `id` is the document's own numbering ("7.2", "Bijlage 2 C", "7.1(a)"); `heading` the
    path of headings above it joined by " > "; `text` the clause body with whitespace folded
    and its own number label left out; `span` the (start, end) range in `Document.text` that
    the clause owns, label and any heading lines included, so the spans of a document's
    clauses cover its text without overlap.
    """

    id: str
    heading: str
    text: str
    span: tuple[int, int]
    page: int = 1
    position: int = 0
    topics: tuple[str, ...] = ()
    ocr: bool = False  # read from a page image by OCR

    @property
    def context_text(self) -> str:
        """Heading path and body: what gets embedded and what lexical search reads."""
        return f"{self.heading}\n{self.text}" if self.heading else self.text


@dataclass(frozen=True)
class StoredDocument:
    """A document as the index knows it."""

    name: str
    title: str
    language: str
    sha256: str
    clause_count: int
    page_count: int
    reference: bool
    added: str
    source_format: str = "txt"


class SearchResult(NamedTuple):
    document: str
    clause_id: str
    heading: str
    page: int
    text: str
    score: float
    dense_score: float = 0.0
    lexical_score: float = 0.0
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file given to `index`."""

    path: str
    document: str = ""
    status: str = "indexed"  # indexed | unchanged | replaced | reanalysed | updated | error
    clauses: int = 0
    error: str = ""


@dataclass(frozen=True)
class IndexReport:
    outcomes: tuple[FileOutcome, ...] = field(default_factory=tuple)
    documents: int = 0
    clauses: int = 0

    @property
    def failed(self) -> tuple[FileOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "error")


@dataclass(frozen=True)
class ClauseRef:
    """A clause as reports cite it."""

    id: str
    heading: str
    text: str
    page: int
    topics: tuple[str, ...] = ()
    ocr: bool = False


@dataclass(frozen=True)
class Match:
    clause: ClauseRef
    score: float


@dataclass(frozen=True)
class Alignment:
    """One vendor clause and its closest reference clauses, best first."""

    vendor_clause: ClauseRef
    matches: tuple[Match, ...]
    status: str  # matched | partial | extra
    confidence: float = 0.0
    standard: str = ""  # the standard clause it reproduces ("EU SCC 2021/914 Module Two, Clause 8.6(d)"), if any


@dataclass(frozen=True)
class DocumentInfo:
    name: str
    title: str
    language: str
    sha256: str
    clauses: int


@dataclass(frozen=True)
class DocumentAlignment:
    """A vendor DPA aligned clause by clause to a reference DPA."""

    reference: DocumentInfo
    vendor: DocumentInfo
    alignments: tuple[Alignment, ...]
    missing: tuple[ClauseRef, ...]


@dataclass(frozen=True)
class TermValue:
    """A term found in a clause: its kind, normalised value, original words and their span."""

    kind: str
    value: str  # normalised: "PT24H", "EUR 5000", "controller", "without undue delay"
    text: str  # the words in the clause
    span: tuple[int, int]  # in the clause text
    clause_id: str = ""
    unit: str = ""  # for durations: hours, days, working days, weeks, months, years
    amount: float | None = None
    currency: str = ""


@dataclass(frozen=True)
class TopicSide:
    """One side of a topic: the clauses that treat it (id, page) and the terms found in them."""

    clauses: tuple[tuple[str, int], ...]
    terms: tuple[TermValue, ...]


@dataclass(frozen=True)
class TopicComparison:
    topic: str
    label: str
    status: str  # same | differs | missing | extra
    severity: str  # high | medium | low | none
    summary: str
    reference: TopicSide
    vendor: TopicSide
    findings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    status: str  # present | absent | unclear
    clause_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Redline:
    """A word-level redline from a reference clause to the vendor clause matched to it."""

    vendor_clause: str
    reference_clause: str
    operations: tuple[tuple[str, str], ...]  # (equal | delete | insert, text)


@dataclass(frozen=True)
class Comparison:
    """Everything a negotiation report says about one vendor DPA against a reference."""

    alignment: DocumentAlignment
    topics: tuple[TopicComparison, ...]
    checklist: tuple[ChecklistItem, ...]
    redlines: tuple[Redline, ...]
    generated: str
    semdpa_version: str
    model: str
