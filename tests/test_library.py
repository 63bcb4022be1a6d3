"""The index directory through the Python API: build, reload, replace, remove, refuse."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from semdpa import store as store_module
from semdpa.errors import IndexStateError, InputError, NotFoundError
from semdpa.library import Library
from semdpa.store import ClauseStore

from .conftest import REFERENCE, SEEDS, seed


def test_build_and_reload_round_trip(index_dir):
    report = Library(index_dir, model="fake").add_files(SEEDS)
    assert [o.status for o in report.outcomes] == ["indexed"] * 5
    assert report.documents == 5 and report.clauses == sum(o.clauses for o in report.outcomes)

    again = Library(index_dir, model="fake")  # a new process, in effect
    documents = {d.name: d for d in again.documents()}
    assert set(documents) == {p.name for p in SEEDS}
    assert documents[REFERENCE.name].language == "nl" and not documents[REFERENCE.name].reference
    store = again.store()
    rows = store.rows([REFERENCE.name])
    assert [r.clause.id for r in rows][:3] == ["Preamble", "Algemene Verwerkersovereenkomst 4.0", "Partijen 1"]
    # Vectors come back from FAISS under the clause row ids, normalised.
    vectors = store.vectors([r.row_id for r in rows[:5]])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_manifest_records_how_the_index_was_built(index_dir):
    Library(index_dir, model="fake").add_files([seed("003")])
    generation = (index_dir / "CURRENT").read_text().strip()
    manifest = json.loads((index_dir / generation / "manifest.json").read_text())
    assert manifest["model"] == {"name": "fake", "dimension": 256, "normalized": True, "metric": "inner_product"}
    assert manifest["format"] == 2 and manifest["index_type"] == "flat-ip"
    assert {"faiss-cpu", "numpy", "python"} <= set(manifest["versions"])
    assert manifest["created"] and manifest["updated"]
    assert manifest["vectors"] == Library(index_dir, model="fake").documents()[0].clause_count > 40
    assert set(manifest["checksums"]) == {"meta.sqlite", "vectors.faiss"} | {
        f"lexical/{name}" for name in ("data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy",
                                       "params.index.json", "vocab.index.json", "size.txt", "rows.npy")} | {
        f"columns/{name}" for name in ("row_ids.npy", "starts.npy", "topic_bits.npy", "in_annex.npy", "features.npy",
                                       "documents.json")}
    assert set(manifest["stats"]) == set(manifest["checksums"])  # size and modification time of each


def test_unchanged_file_does_no_work_and_changed_file_replaces(index_dir, copy_of):
    vendor = copy_of(seed("004"), "vendor.txt")
    library = Library(index_dir, model="fake")
    library.add_files([vendor])
    generation = (index_dir / "CURRENT").read_text()

    report = library.add_files([vendor])
    assert [o.status for o in report.outcomes] == ["unchanged"]
    assert (index_dir / "CURRENT").read_text() == generation  # nothing was written

    vendor.write_text(vendor.read_text().replace("€ 5.000,-", "€ 10.000,-"))
    report = library.add_files([vendor])
    assert [o.status for o in report.outcomes] == ["replaced"]
    rows = library.store().rows(["vendor.txt"])
    assert len(rows) == 46
    assert sum("€ 10.000,-" in r.clause.text for r in rows) == 1
    assert not any("€ 5.000,-" in r.clause.text for r in rows)


def test_a_newer_analysis_reanalyses_an_unchanged_file_and_keeps_its_vectors(index_dir, copy_of, monkeypatch):
    import semdpa.library as library_module

    vendor = copy_of(seed("004"), "vendor.txt")
    library = Library(index_dir, model="fake")
    library.add_files([vendor])
    assert library.store().analysis_of("vendor.txt") == library_module.analysis_version()
    vectors = {r.clause.text: library.store().vector_index.reconstruct(r.row_id) for r in library.store().rows(["vendor.txt"])}

    # A semdpa whose segmentation or taxonomy changed: the same file is analysed again, once.
    monkeypatch.setattr(library_module, "analysis_version", lambda: "newer")
    monkeypatch.setattr(library.embedder, "encode", lambda *a, **k: pytest.fail("re-embedded an unchanged clause"))
    assert [(o.status, o.clauses) for o in library.add_files([vendor]).outcomes] == [("reanalysed", 46)]
    assert library.store().analysis_of("vendor.txt") == "newer"
    assert [o.status for o in library.add_files([vendor]).outcomes] == ["unchanged"]
    rows = library.store().rows(["vendor.txt"])
    assert len(rows) == 46 and rows[0].clause.id == "Preamble"
    again = {r.clause.text: library.store().vector_index.reconstruct(r.row_id) for r in rows}
    assert again.keys() == vectors.keys() and all(np.array_equal(again[t], vectors[t]) for t in vectors)


def test_ids_stay_stable_across_adds_and_removes(index_dir):
    library = Library(index_dir, model="fake")
    library.add_files([seed("000"), seed("001")])
    before = {(r.document, r.clause.id): r.row_id for r in library.store().rows()}
    library.add_files([seed("003")])
    library.remove("000_c5e75a4ec2c30dd9")  # the stem is enough
    after = {(r.document, r.clause.id): r.row_id for r in library.store().rows()}
    kept = {k: v for k, v in before.items() if k[0].startswith("001")}
    assert all(after[k] == v for k, v in kept.items())
    assert not any(k[0].startswith("000") for k in after)
    assert library.store().vector_index.ntotal == len(after)


def test_reference_mark_is_set_kept_and_cleared(index_dir):
    library = Library(index_dir, model="fake")
    library.add_files([REFERENCE], reference=True)
    library.add_files([seed("000")])
    marks = {d.name: d.reference for d in library.documents()}
    assert marks == {REFERENCE.name: True, seed("000").name: False}
    assert [o.status for o in library.add_files([REFERENCE]).outcomes] == ["unchanged"]
    assert library.store().document(REFERENCE.name).reference
    assert [o.status for o in library.add_files([REFERENCE], reference=False).outcomes] == ["updated"]
    assert not library.store().document(REFERENCE.name).reference


def test_bad_files_are_skipped_and_good_ones_indexed(index_dir, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"not a pdf at all")
    report = Library(index_dir, model="fake").add_files([seed("003"), bad, tmp_path / "missing.txt"])
    assert [o.status for o in report.outcomes] == ["indexed", "error", "error"]
    assert report.failed[0].error == f"{bad}: not a PDF file (no %PDF header)"
    assert report.failed[1].error == f"{tmp_path / 'missing.txt'}: no such file"
    assert report.documents == 1


def test_index_built_with_another_model_is_refused(index_dir):
    Library(index_dir, model="fake").add_files([seed("003")])
    other = Library(index_dir, model="fake-64")
    with pytest.raises(IndexStateError) as error:
        other.search("datalek")
    assert str(error.value) == (
        f"{index_dir}/ was built with model 'fake', not 'fake-64': use --model 'fake' (or SEMDPA_MODEL), "
        "or another --index directory"
    )
    with pytest.raises(IndexStateError):
        other.add_files([seed("004")])
    assert [d.name for d in other.documents()] == [seed("003").name]  # listing needs no model


def test_missing_index_and_unknown_document(index_dir):
    library = Library(index_dir, model="fake")
    with pytest.raises(IndexStateError, match=r"no index at .* yet: run 'semdpa index FILE...' first"):
        library.search("audit")
    library.add_files([seed("003")])
    with pytest.raises(NotFoundError, match="no document 'nope'"):
        library.remove("nope")


def test_corrupt_index_is_detected_and_rebuild_repairs_it(index_dir):
    library = Library(index_dir, model="fake")
    library.add_files([seed("003")])
    generation = (index_dir / "CURRENT").read_text().strip()
    (index_dir / generation / "vectors.faiss").write_bytes(b"garbage")
    with pytest.raises(IndexStateError, match=r"corrupt .*semdpa index --rebuild"):
        Library(index_dir, model="fake").documents()
    report = Library(index_dir, model="fake").add_files([seed("003")], rebuild=True)
    assert [o.status for o in report.outcomes] == ["indexed"]
    assert [d.name for d in Library(index_dir, model="fake").documents()] == [seed("003").name]


def test_large_files_are_hashed_again_when_their_size_or_time_changes(index_dir, monkeypatch):
    # Every file counts as large here: opening trusts a file whose size and mtime are as written.
    monkeypatch.setattr(store_module, "HASH_ALWAYS_BELOW", 0)
    monkeypatch.setattr(store_module, "_sha256", counting := _Counting(store_module._sha256))
    library = Library(index_dir, model="fake")
    library.add_files([seed("003")])
    written = counting.calls
    assert Library(index_dir, model="fake").documents() and counting.calls == written  # nothing hashed
    vectors = index_dir / (index_dir / "CURRENT").read_text().strip() / "vectors.faiss"
    data = bytearray(vectors.read_bytes())
    data[-1] ^= 0xFF  # same size, new modification time
    vectors.write_bytes(bytes(data))
    os.utime(vectors, ns=(vectors.stat().st_atime_ns, vectors.stat().st_mtime_ns + 1_000_000_000))
    with pytest.raises(IndexStateError, match=r"corrupt \(vectors.faiss does not match its checksum\)"):
        Library(index_dir, model="fake").documents()


class _Counting:
    def __init__(self, function):
        self.function, self.calls = function, 0

    def __call__(self, *args):
        self.calls += 1
        return self.function(*args)


def test_old_generations_are_pruned(index_dir):
    library = Library(index_dir, model="fake")
    for path in SEEDS[:4]:
        library.add_files([path])
    generations = sorted(p.name for p in index_dir.glob("gen-*"))
    assert generations == ["gen-000003", "gen-000004"]
    assert ClauseStore.open(index_dir).generation == "gen-000004"


@pytest.mark.parametrize("raw, safe", [
    ("../../etc/passwd", "passwd"), ("..\\..\\vendor.pdf", "vendor.pdf"), (".hidden.txt", "hidden.txt"),
    ("Verwerkersovereenkomst (v2) € final.DOCX", "Verwerkersovereenkomst _v2_ _ final.docx"), ("", "document"),
])
def test_upload_names_are_made_safe(raw, safe):
    from semdpa.library import safe_name

    assert safe_name(raw) == safe


def test_uploads_are_stored_inside_the_index_and_size_limited(index_dir, tmp_path, copy_of):
    upload = copy_of(seed("003"), "tmp-upload-123.txt")
    library = Library(index_dir, model="fake")
    report = library.add_upload(upload, "../../vendor DPA.txt")
    assert report.outcomes[0].document == "vendor DPA.txt"
    assert (index_dir / "uploads" / "vendor DPA.txt").read_bytes() == seed("003").read_bytes()
    small = Library(index_dir, model="fake", max_bytes=1000)
    with pytest.raises(InputError, match=r"^big.txt: file is 0.0 MB, over the 0 MB limit|^big.txt: file is"):
        small.add_upload(upload, "big.txt")


def test_clause_in_its_article(index_dir):
    library = Library(index_dir, model="fake")
    library.add_files([REFERENCE])
    heading, clauses, selected = library.article(REFERENCE.name, "7.2")
    assert heading == "Artikel 7: Datalekken"
    assert [c.id for c in clauses] == [f"7.{n}" for n in range(1, 9)] and selected == 1


def test_an_index_from_a_semdpa_with_another_taxonomy_still_searches_and_grows(index_dir, monkeypatch):
    # A newer semdpa with more provisions than the one that wrote the index: the stored
    # per-clause features are one size, this semdpa's another. Features are derived data: they
    # are made again from the stored heading and text, so search works and indexing goes on.
    import semdpa.library as library_module
    import semdpa.search as search_module
    import semdpa.topics as topics_module

    Library(index_dir, model="fake").add_files([seed("003")])
    wider = topics_module.FEATURE_SIZE + 3
    original = topics_module.clause_features

    def newer_features(heading, text):
        return np.concatenate([original(heading, text), np.zeros(3, np.float32)])

    monkeypatch.setattr(topics_module, "FEATURE_SIZE", wider)
    for module in (topics_module, search_module, library_module):
        monkeypatch.setattr(module, "clause_features", newer_features)
    library = Library(index_dir, model="fake")
    columns = library.store().columns()
    assert columns.features.shape == (57, wider)
    rows = library.store().rows()
    assert np.allclose(columns.features[0, :-3], original(rows[0].clause.heading, rows[0].clause.text), atol=1e-3)
    hits = library.search("datalek binnen 24 uur melden", top_k=3)
    assert hits and hits[0].document == seed("003").name
    report = library.add_files([seed("004")])
    assert [o.status for o in report.outcomes] == ["indexed"] and report.documents == 2
