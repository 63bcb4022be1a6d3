"""The approximate dense index of large libraries, exercised on the seeds with a low threshold:
chosen by size and recorded in the manifest, updated across adds and removes, and giving the
same results as exact search when the true best rows are among its candidates."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from semdpa import ann, search
from semdpa import store as store_module
from semdpa.library import Library

from .conftest import REFERENCE, SEEDS, seed


def manifest(index_dir) -> dict:
    generation = (index_dir / "CURRENT").read_text().strip()
    return json.loads((index_dir / generation / "manifest.json").read_text())


@pytest.fixture
def approximate(monkeypatch):
    """Libraries of 100 vectors or more get the HNSW index; scopes above 50 rows use candidates."""
    monkeypatch.setattr(ann, "APPROXIMATE_FROM", 100)
    monkeypatch.setattr(search, "EXACT_SCOPE", 50)
    monkeypatch.setattr(search, "DENSE_CANDIDATES", 20)
    monkeypatch.setattr(search, "LEXICAL_CANDIDATES", 40)


QUERIES = ["binnen welke termijn meldt de verwerker een datalek", "audit kosten", "aansprakelijkheid beperkt",
           "subverwerker bezwaar", "geheimhouding personeel", "teruggave en vernietiging van persoonsgegevens"]


def test_index_type_is_chosen_by_size_and_recorded(index_dir, approximate):
    library = Library(index_dir, model="fake")
    library.add_files([seed("003")])  # 84 clauses: exact
    assert manifest(index_dir)["index_type"] == "flat-ip" and "ann" not in manifest(index_dir)
    library.add_files([REFERENCE])  # past 100: approximate
    recorded = manifest(index_dir)
    assert recorded["index_type"] == "ivf-sq8" and "ann.faiss" in recorded["checksums"]
    total = sum(d.clause_count for d in library.documents())
    assert recorded["ann"]["vectors"] == recorded["vectors"] == recorded["ann"]["trained_for"] == total
    assert recorded["ann"]["cells"] == 64 and recorded["ann"]["nprobe"] == 16 and len(recorded["ann"]["mean"]) == 256
    assert library.space().dense.approximate


def test_approximate_lookups_equal_exact_ones(tmp_path, approximate, monkeypatch):
    approx_dir = tmp_path / "approx"
    Library(approx_dir, model="fake").add_files(SEEDS)
    approx = Library(approx_dir, model="fake")
    assert approx.space().dense.approximate
    monkeypatch.setattr(ann, "APPROXIMATE_FROM", 10**9)
    exact = Library(tmp_path / "exact", model="fake")
    exact.add_files(SEEDS)
    assert not exact.space().dense.approximate
    for query in QUERIES:
        assert [(r.document, r.clause_id, r.score) for r in approx.search(query, top_k=5)] == \
            [(r.document, r.clause_id, r.score) for r in exact.search(query, top_k=5)], query
    # A comparison scores the reference's rows exactly, with vectors read from the mapped file.
    vendor = seed("003").name
    assert approx.align(vendor, REFERENCE.name) == exact.align(vendor, REFERENCE.name)


def test_the_cells_are_updated_in_place_and_retrained_when_the_library_changes_fourfold(index_dir, approximate):
    library = Library(index_dir, model="fake")
    library.add_files(SEEDS[:3])  # 000, 001, 002: the cells are trained for these
    trained = manifest(index_dir)["ann"]
    assert trained["vectors"] == trained["trained_for"] == manifest(index_dir)["vectors"]
    removed = seed("001").name
    library.remove(removed)
    after = manifest(index_dir)["ann"]
    assert after["trained_for"] == trained["trained_for"] and after["vectors"] == manifest(index_dir)["vectors"]
    assert all(r.document != removed for q in QUERIES for r in library.search(q, top_k=10))
    library.add_files(SEEDS)  # back, and two more: still within 4x, added to the same cells
    grown = manifest(index_dir)["ann"]
    assert grown["trained_for"] == trained["trained_for"] and grown["vectors"] == manifest(index_dir)["vectors"] == 278
    for name in (seed("000").name, seed("001").name, seed("002").name, seed("003").name):
        library.remove(name)
    # 46 clauses left: below APPROXIMATE_FROM, exact again; the next growth trains new cells.
    assert manifest(index_dir)["index_type"] == "flat-ip"
    library.add_files(SEEDS)
    assert manifest(index_dir)["ann"]["trained_for"] == 278


def test_a_generation_without_saved_lexical_index_or_columns_still_searches(index_dir):
    library = Library(index_dir, model="fake")
    library.add_files(SEEDS)
    expected = [(r.document, r.clause_id, r.score) for r in library.search("datalek melden", top_k=5)]
    compared = library.compare(seed("004").name, REFERENCE.name)
    generation = (index_dir / "CURRENT").read_text().strip()
    shutil.rmtree(index_dir / generation / "lexical")
    shutil.rmtree(index_dir / generation / "columns")
    data = manifest(index_dir)
    data["checksums"] = {k: v for k, v in data["checksums"].items() if not k.startswith(("lexical/", "columns/"))}
    del data["stats"]
    (index_dir / generation / "manifest.json").write_text(json.dumps(data))  # as written by semdpa 0.1
    reopened = Library(index_dir, model="fake")
    assert [(r.document, r.clause_id, r.score) for r in reopened.search("datalek melden", top_k=5)] == expected
    # `generated` is the wall-clock time of each comparison, so it alone may differ.
    again = reopened.compare(seed("004").name, REFERENCE.name)
    assert dataclasses.replace(again, generated=compared.generated) == compared


def test_marking_a_reference_carries_the_derived_indexes_over(index_dir, approximate, monkeypatch):
    library = Library(index_dir, model="fake")
    library.add_files(SEEDS)
    before, generation = manifest(index_dir), (index_dir / "CURRENT").read_text()

    def rebuilt(*args, **kwargs):
        raise AssertionError("a mark must not rebuild BM25 or the IVF index")

    monkeypatch.setattr(ann, "update_approximate", rebuilt)
    monkeypatch.setattr(store_module._Writer, "_write_lexical", rebuilt)
    monkeypatch.setattr(store_module.Columns, "read", rebuilt)
    library.add_files([REFERENCE], reference=True)  # unchanged file, only its mark changes
    after = manifest(index_dir)
    assert (index_dir / "CURRENT").read_text() != generation  # a new generation was written
    assert [d.reference for d in library.documents() if d.name == REFERENCE.name] == [True]
    derived = {k: v for k, v in before["checksums"].items() if k.startswith(("lexical/", "columns/")) or k == "ann.faiss"}
    assert len(derived) == 14 and all(after["checksums"][k] == v for k, v in derived.items())
    assert after["ann"] == before["ann"]
    assert library.search("datalek melden", top_k=3)


def test_filters_hold_on_the_approximate_path(index_dir, approximate):
    library = Library(index_dir, model="fake")
    library.add_files(SEEDS)
    assert library.space().dense.approximate
    breach = library.search("melden binnen 24 uur", top_k=10, topics=["breach"])
    assert len(breach) == 10 and all("breach" in r.topics for r in breach)
    three = [p.name for p in SEEDS[:3]]  # about 170 of 278 rows: candidates, filtered
    assert sum(d.clause_count for d in library.documents() if d.name in three) > search.EXACT_SCOPE
    found = library.search("audit kosten", top_k=10, document=three)
    assert len(found) == 10 and {r.document for r in found} <= set(three)
    assert library.search("audit kosten", top_k=5, languages=["en"]) == []


def test_list_names_the_approximate_index(index_dir, approximate):
    from click.testing import CliRunner

    from semdpa.cli import main

    Library(index_dir, model="fake").add_files(SEEDS)
    output = CliRunner().invoke(main, ["list", "--index", str(index_dir)]).output.splitlines()
    assert output[-1] == f"{index_dir}/: 5 documents, 278 clauses, approximate search (IVF, 66 cells, nprobe 16), model fake"
