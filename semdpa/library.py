"""The Python API: a user's library of indexed agreements.

    from semdpa.library import Library
    library = Library("index/")
    library.add_files(["vendor.pdf"], reference=False)
    library.search("binnen welke termijn meldt de verwerker een datalek", top_k=3)

`cli.py` and `app.py` are thin shells over this class. The embedding model is loaded only when
something must be embedded, so listing, removing and re-indexing unchanged files stay fast.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import threading
from dataclasses import replace
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Sequence

from .embed import (Embedder, SentenceTransformerEmbedder, export_onnx, load_embedder, resolve_model_name,
                    text_for_model)
from .align import align_documents, clause_ref
from .checklist import check_clauses
from .diff import compare_topics, redlines
from .errors import IndexStateError, InputError, NotFoundError, SemdpaError
from .ingest import DEFAULT_MAX_BYTES, file_sha256, read_document
from .lexical import analyze
from .search import SearchSpace, search
from .segment import segment_clauses
from .terms import extract_terms
from .topics import clause_features, tag_topics
from .store import DEFAULT_LOCK_TIMEOUT, ClauseStore, NewClause, new_manifest
from .types import (ClauseRef, Comparison, Document, DocumentAlignment, FileOutcome, IndexReport, SearchResult,
                    StoredDocument)

DEFAULT_INDEX = "index"

# The code and data that turn a file into stored clauses, topics and words: when they change
# (a new semdpa), files indexed before are analysed again the next time they are indexed.
_ANALYSIS_SOURCES = ("ingest.py", "segment.py", "topics.py", "lexical.py", "gloss.py", "glossary_nl_en.tsv")


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """A fingerprint of the analysing code (`_ANALYSIS_SOURCES`), kept per document in the manifest."""
    digest = hashlib.sha256()
    for name in _ANALYSIS_SOURCES:
        digest.update(resources.files("semdpa").joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def default_index_dir() -> Path:
    return Path(os.environ.get("SEMDPA_INDEX") or DEFAULT_INDEX)


class Library:
    def __init__(self, index_dir: str | Path | None = None, *, model: str | None = None,
                 embedder: Embedder | None = None, max_bytes: int = DEFAULT_MAX_BYTES):
        self.directory = Path(index_dir) if index_dir is not None else default_index_dir()
        self._embedder = embedder
        self.model_name = embedder.name if embedder is not None else resolve_model_name(model)
        self.max_bytes = max_bytes
        self._lock = threading.RLock()
        self._store: ClauseStore | None = None
        self._space: SearchSpace | None = None

    # -- model and store -----------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = load_embedder(self.model_name)
            return self._embedder

    def store(self) -> ClauseStore:
        """The live index generation; reopened when another process has written a newer one."""
        with self._lock:
            current = _current_generation(self.directory)
            if self._store is None or self._store.generation != current:
                if self._store is not None:
                    self._store.close()
                self._store = ClauseStore.open(self.directory)
                self._space = None
            return self._store

    def checked_store(self) -> ClauseStore:
        """The live index, refused when it was built with another model than this library's."""
        store = self.store()
        if store.model_name != self.model_name:
            raise IndexStateError(
                f"{self.directory}/ was built with model '{store.model_name}', not '{self.model_name}': "
                f"use --model '{store.model_name}' (or SEMDPA_MODEL), or another --index directory"
            )
        return store

    def space(self) -> SearchSpace:
        with self._lock:
            store = self.checked_store()
            if self._space is None:
                self._space = SearchSpace.load(store)
            return self._space

    # -- reading -------------------------------------------------------------------------
    def documents(self) -> list[StoredDocument]:
        return self.store().documents()

    def stale_documents(self) -> list[str]:
        """Documents analysed by another semdpa (segmentation, topics): index their files again."""
        store = self.store()
        return [d.name for d in store.documents() if store.analysis_of(d.name) != analysis_version()]

    def search(self, query: str, *, top_k: int = 5, document: str | Sequence[str] | None = None,
               topics: Sequence[str] | None = None, languages: Sequence[str] | None = None) -> list[SearchResult]:
        """Clauses closest to `query`, optionally only in some documents, topics or languages."""
        if top_k < 1:
            raise SemdpaError("--top-k must be at least 1")
        names = None
        if document:
            wanted = [document] if isinstance(document, str) else list(document)
            names = [self.store().resolve_name(name) for name in wanted]
        return search(self.space(), self.embedder, query, top_k=top_k, documents=names,
                      topics=list(topics) if topics else None, languages=list(languages) if languages else None)

    # -- writing -------------------------------------------------------------------------
    def add_files(self, paths: Sequence[str | Path], *, reference: bool | None = None,
                  password: str | None = None, rebuild: bool = False, progress: bool = False,
                  names: Sequence[str] | None = None, on_wait: Callable[[], None] | None = None,
                  lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> IndexReport:
        """Index files. Bad files are reported and skipped; the good ones are indexed together.

        `reference` True/False marks the documents as reference DPAs or not; None keeps the mark
        a document already has. `names` overrides the document names (uploads keep their own).
        """
        outcomes: list[FileOutcome] = []
        work: list[tuple[str, Document]] = []
        known = {} if rebuild else {d.name: d for d in self._documents_or_empty()}
        stale = set(self.stale_documents()) if known else set()
        if rebuild:
            self._store, self._space = None, None
        seen_names: set[str] = set()
        for position, raw_path in enumerate(paths):
            path = Path(raw_path)
            name = names[position] if names else path.name
            if name in seen_names:
                outcomes.append(FileOutcome(str(path), name, "error", error=f"{path}: another file named '{name}' is in the same run"))
                continue
            seen_names.add(name)
            try:
                previous = known.get(name)
                if previous is not None and path.is_file() and file_sha256(path) == previous.sha256 \
                        and name not in stale:
                    status = "unchanged"
                    if reference is not None and reference != previous.reference:
                        status = "updated"
                    outcomes.append(FileOutcome(str(path), name, status, previous.clause_count))
                    continue
                document = read_document(path, password=password, max_bytes=self.max_bytes, name=name)
            except InputError as error:
                outcomes.append(FileOutcome(str(path), name, "error", error=str(error)))
                continue
            work.append((str(path), document))

        prepared = self._prepare(work, progress=progress)
        marks = [o for o in outcomes if o.status == "updated"]
        if prepared or marks or rebuild:
            store = self._store_for_writing(rebuild)
            # Only a change with new clauses needs the model; a reference mark does not.
            dimension = self.embedder.dimension if prepared or not store.exists else store.dimension
            with store.writer(model=self.model_name, dimension=dimension, fresh=rebuild, on_wait=on_wait,
                              lock_timeout=lock_timeout) as writer:
                for path, document, clauses in prepared:
                    previous = known.get(document.name)
                    keep_mark = previous.reference if previous is not None else False
                    writer.put(document, clauses, reference=keep_mark if reference is None else reference,
                               analysis=analysis_version())
                    status = "indexed" if previous is None else \
                        "reanalysed" if previous.sha256 == document.sha256 else "replaced"  # same file, newer semdpa
                    outcomes.append(FileOutcome(path, document.name, status, len(clauses)))
                for outcome in marks:
                    writer.set_reference(outcome.document, bool(reference))
        order = {str(Path(p)): i for i, p in enumerate(paths)}
        outcomes.sort(key=lambda o: order.get(o.path, len(order)))
        documents = self._documents_or_empty()
        return IndexReport(tuple(outcomes), len(documents), sum(d.clause_count for d in documents))

    def _prepare(self, work: list[tuple[str, Document]], *, progress: bool) -> list[tuple[str, Document, list[NewClause]]]:
        """Segment, analyse and embed, reusing vectors of clause texts the index already has."""
        if not work:
            return []
        segmented = []
        for path, document in work:
            clauses = segment_clauses(document)
            segmented.append((path, document, clauses))
        texts = [text_for_model(c.context_text, document.language, self.model_name)
                 for _, document, clauses in segmented for c in clauses]
        hashes = [_text_hash(self.model_name, t) for t in texts]
        cached = self._cached_vectors(hashes)
        missing = [i for i, h in enumerate(hashes) if h not in cached]
        fresh = self.embedder.encode([texts[i] for i in missing], progress=progress) if missing else []
        if missing and isinstance(self.embedder, SentenceTransformerEmbedder):
            export_onnx(self.embedder)  # once per machine: later processes embed without importing torch
        vectors = {hashes[i]: fresh[n] for n, i in enumerate(missing)}
        vectors.update(cached)
        prepared = []
        position = 0
        for path, document, clauses in segmented:
            items = []
            for clause in clauses:
                clause = replace(clause, topics=tag_topics(clause.heading, clause.text))
                text_hash = hashes[position]
                position += 1
                items.append(NewClause(
                    clause, tuple(analyze(clause.context_text, document.language)), text_hash,
                    vectors[text_hash], clause_features(clause.heading, clause.text),
                ))
            prepared.append((path, document, items))
        return prepared

    def compare(self, vendor: str | Path, reference: str | Path, *, password: str | None = None,
                severity: str | None = None) -> Comparison:
        """The full comparison: alignment, topic-by-topic terms and severity, checklist, redlines."""
        alignment = self.align(vendor, reference, password=password)
        store = self.store()
        reference_clauses = [r.clause for r in store.rows([alignment.reference.name])]
        vendor_clauses = [r.clause for r in store.rows([alignment.vendor.name])]
        reference_terms = [t for c in reference_clauses for t in extract_terms(c)]
        vendor_terms = [t for c in vendor_clauses for t in extract_terms(c)]
        return Comparison(
            alignment=alignment,
            topics=compare_topics(alignment, reference_clauses, vendor_clauses, reference_terms, vendor_terms,
                                  severity_path=severity),
            checklist=check_clauses(vendor_clauses),
            redlines=redlines(alignment),
            generated=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            semdpa_version=_version(),
            model=self.model_name,
        )

    def align(self, vendor: str | Path, reference: str | Path, *, password: str | None = None) -> DocumentAlignment:
        """Align `vendor` to `reference`; each is a file (indexed on the fly) or an indexed name."""
        vendor_name = self._document_for(vendor, reference=None, password=password)
        reference_name = self._document_for(reference, reference=True, password=password)
        if vendor_name == reference_name:
            raise SemdpaError(f"'{vendor_name}' cannot be compared with itself")
        store = self.checked_store()
        return align_documents(self.space(), self.embedder, store.document(vendor_name), store.document(reference_name))

    def _document_for(self, item: str | Path, *, reference: bool | None, password: str | None) -> str:
        """The indexed name of a file (indexing it if needed) or of a document name."""
        path = Path(item)
        if path.is_file():
            report = self.add_files([path], reference=reference, password=password)
            if report.failed:
                raise InputError(path, report.failed[0].error.split(": ", 1)[-1])
            return report.outcomes[0].document
        if _current_generation(self.directory) is None:
            raise NotFoundError(f"{item}: no such file, and no index at {self.directory}/ yet")
        try:
            return self.store().resolve_name(str(item))
        except NotFoundError:
            raise NotFoundError(f"{item}: no such file or indexed document") from None

    def article(self, document: str, clause_id: str) -> tuple[str, list[ClauseRef], int]:
        """The clause in its article: (heading, the clauses under that heading, index of the clause)."""
        store = self.store()
        name = store.resolve_name(document)
        rows = store.rows([name])
        index = next((i for i, r in enumerate(rows) if r.clause.id == clause_id), None)
        if index is None:
            raise NotFoundError(f"{name}: no clause '{clause_id}'")
        heading = rows[index].clause.heading
        siblings = [i for i, r in enumerate(rows) if r.clause.heading == heading] if heading else [index]
        refs = [clause_ref(rows[i]) for i in siblings]
        return heading, refs, siblings.index(index)

    def add_upload(self, path: str | Path, original_name: str, *, reference: bool | None = None,
                   password: str | None = None) -> IndexReport:
        """Index an uploaded file under a safe copy of its own name, kept inside the index directory."""
        name = safe_name(original_name)
        uploads = self.directory / "uploads"
        uploads.mkdir(parents=True, exist_ok=True)
        target = uploads / name
        try:
            size = Path(path).stat().st_size
            if size > self.max_bytes:
                raise InputError(original_name, f"file is {size / 1e6:.1f} MB, over the {self.max_bytes / 1e6:.0f} MB limit")
            shutil.copyfile(path, target)
        except OSError as error:
            raise InputError(original_name, f"cannot read upload ({error.strerror or error})") from None
        report = self.add_files([target], reference=reference, password=password, names=[name])
        if report.failed:
            target.unlink(missing_ok=True)
            raise InputError(original_name, report.failed[0].error.split(": ", 1)[-1])
        return report

    def remove(self, name: str) -> StoredDocument:
        store = self.store()
        resolved = store.resolve_name(name)
        document = store.document(resolved)
        with store.writer(model=store.model_name, dimension=store.dimension) as writer:
            writer.remove(resolved)
        return document

    def set_reference(self, name: str, reference: bool = True) -> StoredDocument:
        store = self.store()
        resolved = store.resolve_name(name)
        with store.writer(model=store.model_name, dimension=store.dimension) as writer:
            writer.set_reference(resolved, reference)
        return self.store().document(resolved)

    # -- helpers -------------------------------------------------------------------------
    def _documents_or_empty(self) -> list[StoredDocument]:
        if _current_generation(self.directory) is None:
            return []
        return self.store().documents()

    def _store_for_writing(self, rebuild: bool) -> ClauseStore:
        if rebuild or _current_generation(self.directory) is None:
            # A rebuild must work even when the live index is corrupt: do not open it.
            return ClauseStore(self.directory, None, new_manifest(self.model_name, 0))
        return self.checked_store()

    def _cached_vectors(self, hashes: list[str]) -> dict:
        if _current_generation(self.directory) is None:
            return {}
        try:
            return self.store().cached_vectors(hashes)
        except SemdpaError:
            return {}


def safe_name(name: str) -> str:
    """A file name that cannot leave its directory: no path, no hidden file, plain characters."""
    base = Path(str(name).replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^\w.\- ]+", "_", stem).strip(" ._") or "document"
    suffix = re.sub(r"[^\w]+", "", suffix).lower()
    return f"{stem[:120]}.{suffix}" if suffix else stem[:120]


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("semdpa")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a checkout
        return "unknown"


def _current_generation(directory: Path) -> str | None:
    try:
        return (directory / "CURRENT").read_text().strip() or None
    except OSError:
        return None


def _text_hash(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()[:32]
