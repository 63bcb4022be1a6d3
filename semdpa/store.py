"""The index directory: FAISS vectors, SQLite metadata and a manifest, switched atomically.

Layout:
    index/CURRENT            name of the live generation ("gen-000004")
    index/gen-000004/        manifest.json, meta.sqlite, vectors.faiss, lexical/ (BM25),
                             columns/ (what search keeps per clause, as arrays),
                             ann.faiss (IVF, only in large libraries: see ann.py)
    index/.lock              held by writers

A write builds the next generation beside the live one (copy, change, fsync) and then replaces
CURRENT in one rename, so a reader or a crash at any moment sees a complete index: the old one
or the new one. FAISS ids are the SQLite row ids of the clauses, stable across adds and removes.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from .errors import IndexStateError, NotFoundError
from .types import Clause, Document, StoredDocument

FORMAT_VERSION = 2
CURRENT = "CURRENT"
LOCK = ".lock"
LEXICAL = "lexical"
COLUMNS = "columns"
DEFAULT_LOCK_TIMEOUT = 600.0
# Opening an index checks every file against its SHA-256, except that a file of this size or
# more is hashed only when its size or modification time differ from the writer's record:
# hashing the 2 GB of a million-clause library took 2.7 s of every cold start.
HASH_ALWAYS_BELOW = 64 << 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    name TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    language TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    reference INTEGER NOT NULL DEFAULT 0,
    added TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    clause_count INTEGER NOT NULL,
    source_format TEXT NOT NULL,
    text TEXT NOT NULL,
    page_starts TEXT NOT NULL,
    ocr_pages TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS clauses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT NOT NULL REFERENCES documents(name) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    clause_id TEXT NOT NULL,
    heading TEXT NOT NULL,
    text TEXT NOT NULL,
    page INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    topics TEXT NOT NULL,
    tokens TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    features BLOB NOT NULL,
    ocr INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS clauses_by_document ON clauses(document, position);
CREATE INDEX IF NOT EXISTS clauses_by_hash ON clauses(text_hash);
"""


@dataclass(frozen=True)
class ClauseRow:
    """A clause as stored: its vector id, its document and the clause itself."""

    row_id: int
    document: str
    clause: Clause


@dataclass(frozen=True)
class Columns:
    """What search keeps in memory per clause, rows in document and position order. Saved as
    arrays with each generation (reading them from SQLite took seconds at a million clauses);
    `load` maps the files, search copies what it keeps."""

    row_ids: np.ndarray  # int64
    documents: tuple[str, ...]  # document names, in row order
    starts: np.ndarray  # int64, len(documents) + 1: rows of documents[k] are starts[k]:starts[k + 1]
    topic_bits: np.ndarray  # int64: bit t set when the clause is tagged with topics.TOPICS[t]
    in_annex: np.ndarray  # bool: the clause is part of an annex
    features: np.ndarray  # float16 (rows, topics.FEATURE_SIZE): topics.clause_features

    _ARRAYS = ("row_ids", "starts", "topic_bits", "in_annex", "features")

    def save(self, directory: Path) -> list[Path]:
        directory.mkdir()
        written = []
        for name in self._ARRAYS:
            np.save(directory / f"{name}.npy", getattr(self, name))
            written.append(directory / f"{name}.npy")
        (directory / "documents.json").write_text(json.dumps(list(self.documents)))
        return written + [directory / "documents.json"]

    @classmethod
    def empty(cls) -> "Columns":
        from .topics import FEATURE_SIZE

        none = np.zeros(0, dtype=np.int64)
        return cls(none, (), np.zeros(1, dtype=np.int64), none, np.zeros(0, dtype=bool), np.zeros((0, FEATURE_SIZE), dtype=np.float16))

    @classmethod
    def load(cls, directory: Path) -> "Columns":
        arrays = {name: np.load(directory / f"{name}.npy", mmap_mode="r") for name in cls._ARRAYS}
        return cls(documents=tuple(json.loads((directory / "documents.json").read_text())), **arrays)

    @classmethod
    def read(cls, db: sqlite3.Connection) -> "Columns":
        """From the clauses table (a new generation, or one saved without columns/)."""
        from .segment import in_annex_part
        from .topics import FEATURE_SIZE, TOPICS, clause_features

        bit_of = {t: 1 << n for n, t in enumerate(TOPICS)}
        count = db.execute("SELECT COUNT(*) FROM clauses").fetchone()[0]
        row_ids = np.zeros(count, dtype=np.int64)
        bits = np.zeros(count, dtype=np.int64)
        in_annex = np.zeros(count, dtype=bool)
        features = np.zeros((count, FEATURE_SIZE), dtype=np.float16)
        documents: list[str] = []
        starts: list[int] = []
        query = "SELECT id, document, clause_id, heading, topics, features FROM clauses ORDER BY document, position"
        other_analysis: list[int] = []
        for i, (row_id, document, clause_id, heading, topic_text, blob) in enumerate(db.execute(query)):
            if not documents or documents[-1] != document:
                documents.append(document)
                starts.append(i)
            row_ids[i] = row_id
            bits[i] = sum(bit_of.get(t, 0) for t in topic_text.split())
            in_annex[i] = in_annex_part(clause_id, heading)
            stored = np.frombuffer(blob, dtype=np.float16)
            if stored.size == FEATURE_SIZE:
                features[i] = stored
            else:
                other_analysis.append(i)
        # Clauses an older semdpa analysed with another taxonomy: their features are derived
        # data, made again from the stored heading and text until their files are indexed again.
        found = {row_id: (heading, text) for row_id, heading, text in
                 _select_by_id(db, "id, heading, text", [row_ids[i] for i in other_analysis])}
        for i in other_analysis:
            features[i] = clause_features(*found[int(row_ids[i])])
        return cls(row_ids, tuple(documents), np.asarray(starts + [count], dtype=np.int64), bits, in_annex, features)


@dataclass(frozen=True)
class NewClause:
    clause: Clause
    tokens: tuple[str, ...]
    text_hash: str
    vector: np.ndarray
    features: np.ndarray  # topics.clause_features


def library_versions() -> dict[str, str]:
    from importlib import metadata

    versions = {"python": platform.python_version()}
    for package in ("semdpa", "faiss-cpu", "numpy", "sentence-transformers", "torch"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return versions


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stat(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ClauseStore:
    """A read view of one generation of an index directory."""

    def __init__(self, directory: Path, generation: str | None, manifest: dict):
        self.directory = directory
        self.generation = generation
        self.manifest = manifest
        self._db: sqlite3.Connection | None = None
        self._faiss = None

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, directory: str | Path, *, model: str | None = None, create: bool = False,
             dimension: int | None = None) -> "ClauseStore":
        """Open the live generation. `model`, when given, must be the model the index was built with."""
        directory = Path(directory)
        generation = _read_current(directory)
        if generation is None:
            if not create:
                raise IndexStateError(f"no index at {directory}/ yet: run 'semdpa index FILE...' first")
            manifest = new_manifest(model or "", dimension or 0)
            return cls(directory, None, manifest)
        gen_dir = directory / generation
        manifest = _load_manifest(directory, gen_dir)
        store = cls(directory, generation, manifest)
        if model is not None and manifest["model"]["name"] != model:
            raise IndexStateError(
                f"{directory}/ was built with model '{manifest['model']['name']}', not '{model}': "
                f"use --model {manifest['model']['name']!r}, or another --index directory"
            )
        return store

    @property
    def exists(self) -> bool:
        return self.generation is not None

    @property
    def model_name(self) -> str:
        return self.manifest["model"]["name"]

    def analysis_of(self, name: str) -> str:
        """Which version of semdpa's analysis (segmentation, topics, words) produced `name`'s clauses."""
        return self.manifest.get("analysis", {}).get(name, "")

    @property
    def dimension(self) -> int:
        return int(self.manifest["model"]["dimension"])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            if self.generation is None:
                db = sqlite3.connect(":memory:", check_same_thread=False)
                db.executescript(_SCHEMA)
            else:
                path = self.directory / self.generation / "meta.sqlite"
                db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            db.row_factory = sqlite3.Row
            self._db = db
        return self._db

    @property
    def vector_index(self):
        if self._faiss is None:
            import faiss

            if self.generation is None:
                self._faiss = faiss.IndexIDMap2(faiss.IndexFlatIP(max(1, self.dimension)))
            else:
                path = self.directory / self.generation / "vectors.faiss"
                try:
                    # Mapped, not read: a large library's vectors stay on disk until asked for.
                    self._faiss = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
                except RuntimeError:
                    raise IndexStateError(
                        f"{self.directory}/ is corrupt (vectors unreadable): run 'semdpa index --rebuild FILE...'"
                    ) from None
        return self._faiss

    # -- reading -------------------------------------------------------------------------
    def documents(self) -> list[StoredDocument]:
        rows = self.db.execute("SELECT * FROM documents ORDER BY name").fetchall()
        return [_stored_document(row) for row in rows]

    def document(self, name: str) -> StoredDocument | None:
        row = self.db.execute("SELECT * FROM documents WHERE name = ?", (name,)).fetchone()
        return _stored_document(row) if row else None

    def resolve_name(self, name: str) -> str:
        """A document name as the user typed it: exact, or without its extension, or unique prefix."""
        names = [d.name for d in self.documents()]
        if name in names:
            return name
        stems = [n for n in names if n.rsplit(".", 1)[0] == name]
        if len(stems) == 1:
            return stems[0]
        prefixed = [n for n in names if n.startswith(name)]
        if len(prefixed) == 1:
            return prefixed[0]
        known = ", ".join(names) if names else "none"
        raise NotFoundError(f"no document '{name}' in {self.directory}/ (indexed: {known})")

    def rows(self, documents: Sequence[str] | None = None) -> list[ClauseRow]:
        """Clauses in document and position order, optionally only of `documents`."""
        query = "SELECT * FROM clauses"
        args: tuple = ()
        if documents is not None:
            query += f" WHERE document IN ({','.join('?' * len(documents))})"
            args = tuple(documents)
        query += " ORDER BY document, position"
        return [_clause_row(row) for row in self.db.execute(query, args)]

    def features(self) -> dict[int, np.ndarray]:
        """Topic and provision features per clause row id (see topics.clause_features)."""
        rows = self.db.execute("SELECT id, features FROM clauses")
        return {row["id"]: np.frombuffer(row["features"], dtype=np.float16).astype(np.float32) for row in rows}

    def tokens(self) -> list[tuple[int, list[str]]]:
        rows = self.db.execute("SELECT id, tokens FROM clauses ORDER BY document, position")
        return [(row["id"], row["tokens"].split()) for row in rows]

    def columns(self) -> Columns:
        """Search's per-clause arrays: the generation's saved ones, else read from SQLite."""
        from .topics import FEATURE_SIZE

        saved = self.directory / self.generation / COLUMNS if self.exists else None
        if saved is not None and (saved / "row_ids.npy").exists():
            columns = Columns.load(saved)
            if columns.features.shape[1] == FEATURE_SIZE:
                return columns
        return Columns.read(self.db)  # none saved, or saved by a semdpa with another taxonomy

    def rows_by_id(self, row_ids: Sequence[int]) -> list[ClauseRow]:
        """The clauses with these row ids, in the order given."""
        found = {row["id"]: _clause_row(row) for row in _select_by_id(self.db, "*", row_ids)}
        return [found[int(i)] for i in row_ids]

    def tokens_by_id(self, row_ids: Sequence[int]) -> dict[int, list[str]]:
        return {row["id"]: row["tokens"].split() for row in _select_by_id(self.db, "id, tokens", row_ids)}

    def reader(self) -> "ClauseStore":
        """Another view of this generation with its own database connection."""
        return ClauseStore(self.directory, self.generation, self.manifest)

    def vectors(self, row_ids: Sequence[int]) -> np.ndarray:
        if len(row_ids) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self.vector_index.reconstruct_batch(np.asarray(row_ids, dtype=np.int64))

    def cached_vectors(self, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Vectors already computed for these clause texts (same model), by text hash."""
        if not self.exists or not text_hashes:
            return {}
        found: dict[str, int] = {}
        unique = list(dict.fromkeys(text_hashes))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            query = f"SELECT text_hash, MIN(id) AS id FROM clauses WHERE text_hash IN ({','.join('?' * len(chunk))}) GROUP BY text_hash"
            for row in self.db.execute(query, chunk):
                found[row["text_hash"]] = row["id"]
        if not found:
            return {}
        keys = list(found)
        vectors = self.vectors([found[k] for k in keys])
        return dict(zip(keys, vectors))

    # -- writing -------------------------------------------------------------------------
    @contextmanager
    def writer(self, *, model: str, dimension: int, lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
               on_wait=None, fresh: bool = False) -> Iterator["_Writer"]:
        """Change the index under the directory lock; the change goes live when the block ends.

        `fresh` starts from an empty index (rebuild) instead of the live one.
        """
        from filelock import FileLock, Timeout

        self.directory.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.directory / LOCK))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if on_wait is not None:
                on_wait()
            try:
                lock.acquire(timeout=lock_timeout)
            except Timeout:
                raise IndexStateError(
                    f"{self.directory}/ is locked by another semdpa process (waited {lock_timeout:.0f} s)"
                ) from None
        try:
            # Another writer may have moved the index on while we waited: start from the live one.
            if fresh:
                live = ClauseStore(self.directory, None, new_manifest(model, dimension))
            else:
                live = ClauseStore.open(self.directory, create=True, model=None, dimension=dimension)
            if live.exists and live.model_name != model:
                raise IndexStateError(
                    f"{self.directory}/ was built with model '{live.model_name}', not '{model}'"
                )
            writer = _Writer(live, model, dimension)
            try:
                yield writer
                writer.commit()
            finally:
                writer.discard()
                live.close()
        finally:
            lock.release()


class _Writer:
    def __init__(self, live: ClauseStore, model: str, dimension: int):
        import faiss

        self.live = live
        self.directory = live.directory
        self.model = model
        self.dimension = dimension
        numbers = [int(p.name[4:]) for p in self.directory.glob("gen-*") if p.name[4:].isdigit()]
        self.name = f"gen-{max(numbers, default=0) + 1:06d}"
        self.tmp = self.directory / f"{self.name}.tmp"
        if self.tmp.exists():
            shutil.rmtree(self.tmp)
        self.tmp.mkdir()
        db_path = self.tmp / "meta.sqlite"
        if live.exists:
            shutil.copyfile(self.directory / live.generation / "meta.sqlite", db_path)
            self.index = faiss.read_index(str(self.directory / live.generation / "vectors.faiss"))
        else:
            self.index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        self.db = sqlite3.connect(db_path)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.executescript(_SCHEMA)
        self.analysis: dict[str, str] = dict(live.manifest.get("analysis", {})) if live.exists else {}
        self.changed = False
        self.clauses_changed = False  # BM25 and the IVF index are carried over when not
        self.done = False

    def remove(self, name: str) -> bool:
        ids = [row[0] for row in self.db.execute("SELECT id FROM clauses WHERE document = ?", (name,))]
        deleted = self.db.execute("DELETE FROM documents WHERE name = ?", (name,)).rowcount
        self.db.execute("DELETE FROM clauses WHERE document = ?", (name,))
        if ids:
            self.index.remove_ids(np.asarray(ids, dtype=np.int64))
        self.changed = self.changed or bool(deleted)
        self.clauses_changed = self.clauses_changed or bool(ids)
        self.analysis.pop(name, None)
        return bool(deleted)

    def put(self, document: Document, clauses: Sequence[NewClause], *, reference: bool, analysis: str = "") -> None:
        """Add `document` with its clauses, replacing any document of the same name.

        `analysis` names the version of the analysis that made the clauses (see `analysis_of`)."""
        added = self._added(document.name)
        self.remove(document.name)
        if analysis:
            self.analysis[document.name] = analysis
        self.db.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (document.name, document.title, document.language, document.sha256, int(reference),
             added, document.page_count, len(clauses), document.source_format, document.text,
             json.dumps(list(document.page_starts)), json.dumps(list(document.ocr_pages))),
        )
        ids = []
        for item in clauses:
            c = item.clause
            cursor = self.db.execute(
                "INSERT INTO clauses (document, position, clause_id, heading, text, page, span_start,"
                " span_end, topics, tokens, text_hash, features, ocr) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (document.name, c.position, c.id, c.heading, c.text, c.page, c.span[0], c.span[1],
                 " ".join(c.topics), " ".join(item.tokens), item.text_hash,
                 np.asarray(item.features, dtype=np.float16).tobytes(), int(c.ocr)),
            )
            ids.append(cursor.lastrowid)
        if clauses:
            vectors = np.vstack([item.vector for item in clauses]).astype(np.float32)
            self.index.add_with_ids(vectors, np.asarray(ids, dtype=np.int64))
        self.changed = True
        self.clauses_changed = True

    def set_reference(self, name: str, reference: bool) -> None:
        self.db.execute("UPDATE documents SET reference = ? WHERE name = ?", (int(reference), name))
        self.changed = True

    def _added(self, name: str) -> str:
        row = self.db.execute("SELECT added FROM documents WHERE name = ?", (name,)).fetchone()
        return row[0] if row else _now()

    def commit(self) -> None:
        import faiss

        from .ann import IVF, choose_index_type, update_approximate

        if not self.changed and self.live.exists:
            return
        self.db.commit()
        files = ["meta.sqlite", "vectors.faiss"]
        faiss.write_index(self.index, str(self.tmp / "vectors.faiss"))
        live = self.directory / self.live.generation if self.live.exists else None
        # Only marks changed (a reference set or unset): the derived indexes stay as they were.
        carry = live is not None and not self.clauses_changed and (live / LEXICAL / "rows.npy").exists()
        if carry:
            files += self._carry_over(live, LEXICAL)
        else:
            files += [str(p.relative_to(self.tmp)) for p in self._write_lexical()]
        if carry and (live / COLUMNS / "row_ids.npy").exists():
            files += self._carry_over(live, COLUMNS)
        else:
            files += [str(p.relative_to(self.tmp)) for p in Columns.read(self.db).save(self.tmp / COLUMNS)]
        manifest = dict(self.live.manifest) if self.live.exists else new_manifest(self.model, self.dimension)
        previous_ann = manifest.pop("ann", None)
        index_type = choose_index_type(int(self.index.ntotal))
        if index_type == IVF:
            if carry and previous_ann and (live / "ann.faiss").exists():
                shutil.copyfile(live / "ann.faiss", self.tmp / "ann.faiss")
                info = previous_ann
            else:
                previous = live / "ann.faiss" if live is not None else None
                approximate, info = update_approximate(self.index, previous, previous_ann)
                faiss.write_index(approximate, str(self.tmp / "ann.faiss"))
            files.append("ann.faiss")
            manifest["ann"] = info
        self.db.close()
        manifest.update(
            model={"name": self.model, "dimension": self.dimension, "normalized": True, "metric": "inner_product"},
            versions=library_versions(),
            analysis={name: self.analysis[name] for name in sorted(self.analysis)},
            updated=_now(),
            index_type=index_type,
            vectors=int(self.index.ntotal),
            checksums={name: _sha256(self.tmp / name) for name in files},
            stats={name: _stat(self.tmp / name) for name in files},
        )
        (self.tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
        for name in files + ["manifest.json", LEXICAL, COLUMNS]:
            _fsync(self.tmp / name)
        final = self.directory / self.name
        os.replace(self.tmp, final)
        pointer = self.directory / f"{CURRENT}.tmp"
        pointer.write_text(self.name + "\n")
        _fsync(pointer)
        os.replace(pointer, self.directory / CURRENT)
        _fsync(self.directory)
        self.done = True
        _prune(self.directory, keep={self.name, self.live.generation})

    def _carry_over(self, live: Path, name: str) -> list[str]:
        """Copy directory `name` of the live generation into the new one; its files' names."""
        shutil.copytree(live / name, self.tmp / name)
        return sorted(f"{name}/{p.name}" for p in (self.tmp / name).iterdir())

    def _write_lexical(self) -> list[Path]:
        """BM25 over every clause in search order, with the row ids of that order."""
        from .lexical import LexicalIndex

        ids: list[int] = []

        def token_lists():
            for row_id, tokens in self.db.execute("SELECT id, tokens FROM clauses ORDER BY document, position"):
                ids.append(row_id)
                yield tokens.split()

        directory = self.tmp / LEXICAL
        written = LexicalIndex(token_lists()).save(directory)
        np.save(directory / "rows.npy", np.asarray(ids, dtype=np.int64))
        return written + [directory / "rows.npy"]

    def discard(self) -> None:
        if not self.done:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            shutil.rmtree(self.tmp, ignore_errors=True)


def _prune(directory: Path, keep: set) -> None:
    """Remove generations other than the live one and the one before (readers may hold it)."""
    for path in directory.glob("gen-*"):
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _read_current(directory: Path) -> str | None:
    pointer = directory / CURRENT
    if not pointer.exists():
        return None
    name = pointer.read_text().strip()
    if not name.startswith("gen-") or not (directory / name).is_dir():
        raise IndexStateError(f"{directory}/ is corrupt (CURRENT points to '{name}'): run 'semdpa index --rebuild FILE...'")
    return name


def new_manifest(model: str, dimension: int) -> dict:
    return {
        "format": FORMAT_VERSION,
        "created": _now(),
        "model": {"name": model, "dimension": dimension, "normalized": True, "metric": "inner_product"},
    }


def _load_manifest(directory: Path, gen_dir: Path) -> dict:
    try:
        manifest = json.loads((gen_dir / "manifest.json").read_text())
    except (OSError, ValueError):
        raise IndexStateError(f"{directory}/ is corrupt (manifest unreadable): run 'semdpa index --rebuild FILE...'") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexStateError(f"{directory}/ has index format {manifest.get('format')}, this semdpa reads {FORMAT_VERSION}: run 'semdpa index --rebuild FILE...'")
    stats = manifest.get("stats", {})
    for name, expected in manifest.get("checksums", {}).items():
        path = gen_dir / name
        if not path.exists():
            raise IndexStateError(f"{directory}/ is corrupt ({name} is missing): run 'semdpa index --rebuild FILE...'")
        recorded = stats.get(name)
        if recorded and recorded[0] >= HASH_ALWAYS_BELOW and _stat(path) == recorded:
            continue
        if _sha256(path) != expected:
            raise IndexStateError(f"{directory}/ is corrupt ({name} does not match its checksum): run 'semdpa index --rebuild FILE...'")
    return manifest


def _stored_document(row: sqlite3.Row) -> StoredDocument:
    return StoredDocument(
        name=row["name"], title=row["title"], language=row["language"], sha256=row["sha256"],
        clause_count=row["clause_count"], page_count=row["page_count"], reference=bool(row["reference"]),
        added=row["added"], source_format=row["source_format"],
    )


def _clause_row(row: sqlite3.Row) -> ClauseRow:
    clause = Clause(
        id=row["clause_id"], heading=row["heading"], text=row["text"],
        span=(row["span_start"], row["span_end"]), page=row["page"], position=row["position"],
        topics=tuple(row["topics"].split()), ocr=bool(row["ocr"]),
    )
    return ClauseRow(row["id"], row["document"], clause)


def _select_by_id(db: sqlite3.Connection, columns: str, row_ids: Sequence[int]) -> Iterator[sqlite3.Row]:
    for start in range(0, len(row_ids), 500):  # SQLite limits the parameters of one query
        chunk = [int(i) for i in row_ids[start : start + 500]]
        yield from db.execute(f"SELECT {columns} FROM clauses WHERE id IN ({','.join('?' * len(chunk))})", chunk)
