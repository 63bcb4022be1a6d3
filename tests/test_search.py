"""Hybrid search: score fusion with the fake model, and real-model quality on the seeds."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from semdpa.embed import HashingEmbedder
from semdpa.lexical import analyze, analyze_query, word_jaccard
from semdpa.library import Library
from semdpa.search import _rows_product, best_rows, dense_weights, normalise, top_indices

from .conftest import REFERENCE


def test_normalise_puts_best_at_one_and_mean_at_zero():
    scores = normalise(np.array([1.0, 2.0, 3.0, 6.0], dtype=np.float32))
    assert scores[3] == pytest.approx(1.0) and scores.mean() == pytest.approx(0.0, abs=1e-6)
    assert not normalise(np.array([2.0, 2.0])).any()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([-np.inf, -1.0, 0.0, 0.5, 0.5, 1.0, 2.0]), max_size=40), st.integers(0, 45))
def test_top_indices_equals_a_stable_sort(values, k):
    scores = np.array(values, dtype=np.float32)
    assert top_indices(scores, k).tolist() == np.argsort(-scores, kind="stable")[:k].tolist()


def test_scoped_and_whole_matrix_products_agree():
    rng = np.random.default_rng(3)
    matrix = rng.standard_normal((40, 8)).astype(np.float32)
    vector = rng.standard_normal(8).astype(np.float32)
    rows = np.array([2, 5, 6, 31])
    scoped = _rows_product(matrix, vector, rows, whole=False)
    whole = _rows_product(matrix, vector, rows, whole=True)
    halves = _rows_product(matrix.astype(np.float16), vector, rows, whole=False)
    assert scoped.dtype == whole.dtype == halves.dtype == np.float32
    assert np.allclose(scoped, whole) and np.allclose(whole, matrix[rows] @ vector)
    assert np.allclose(halves, matrix[rows].astype(np.float16).astype(np.float32) @ vector)


def test_dense_weight_depends_on_model_and_clause_language():
    languages = np.array(["nl", "en"], dtype=object)
    assert dense_weights("sentence-transformers/all-MiniLM-L6-v2", languages).tolist() == pytest.approx([0.4, 0.5])
    assert dense_weights("some/multilingual-model", languages).tolist() == pytest.approx([0.5, 0.5])


@pytest.mark.parametrize("card, english", [
    ("---\nlanguage: en\nlicense: apache-2.0\n---\n# all-mpnet-base-v2\n", True),  # as the hub writes it
    ("---\nlanguage:\n- en\ntags:\n- sentence-transformers\n---\n", True),
    ("---\nlanguage:\n- multilingual\n- nl\n- en\n---\n", False),  # paraphrase-multilingual-*
    ("---\nlanguage: [en, nl]\n---\n", False),
    ("---\nlicense: mit\n---\nlanguage: en\n", False),  # not in the front matter
    ("# A model\n", False),  # says nothing: taken to read what it is given
])
def test_a_local_model_whose_card_declares_english_only_gets_the_dutch_gloss(tmp_path, card, english):
    from semdpa.embed import english_only, text_for_model

    (tmp_path / "README.md").write_text(card)
    assert english_only(str(tmp_path)) is english
    expected_text = "the processor" if english else "De verwerker"
    assert text_for_model("De verwerker", "nl", str(tmp_path)) == expected_text
    expected_weights = [0.4, 0.5] if english else [0.5, 0.5]
    assert dense_weights(str(tmp_path), np.array(["nl", "en"], dtype=object)).tolist() == pytest.approx(expected_weights)


def test_dutch_analysis_stems_and_splits_compounds():
    assert analyze("De Datalekken en beveiligingsincidenten", "nl") == [
        "datalek", "beveiligingsincident", "lek", "beveil", "incident"]
    assert analyze("sub-verwerker", "nl")[:3] == ["subverwerker", "sub", "verwerker"]
    assert analyze("the sub-processors notified", "en") == ["subprocessor", "sub", "processor", "notifi"]
    assert analyze_query("audit", ["nl", "en"]) == ["audit"]


def test_search_ranks_the_lexically_matching_clause_first(seeds_index):
    library = Library(seeds_index, model="fake")
    hits = library.search("binnen 30 dagen back-ups van de Persoonsgegevens verwijderen", top_k=3)
    assert (hits[0].document, hits[0].clause_id) == ("004_2976386c00bad38d.txt", "6.1")
    assert hits[0].lexical_score == max(h.lexical_score for h in hits)
    assert hits[0].score >= hits[1].score >= hits[2].score
    assert "return_deletion" in hits[0].topics


def test_search_filters_by_document_and_handles_empty_queries(seeds_index):
    library = Library(seeds_index, model="fake")
    hits = library.search("aansprakelijkheid", top_k=50, document=REFERENCE.name)
    assert hits and {h.document for h in hits} == {REFERENCE.name}
    assert library.search("   ", top_k=3) == []
    assert len(library.search("xyzzy qwerty", top_k=2)) == 2  # meaning only: still an answer


@pytest.mark.model
def test_breach_question_finds_breach_clauses_with_the_real_model(real_seeds_index, real_embedder):
    library = Library(real_seeds_index, embedder=real_embedder)
    hits = library.search("binnen welke termijn meldt de verwerker een datalek", top_k=3)
    assert len(hits) == 3
    for hit in hits:
        assert "datalek" in hit.text.lower() or "inbreuk" in hit.text.lower(), hit


@pytest.mark.model
def test_long_clauses_are_embedded_by_window_not_cut(real_embedder):
    text = " ".join(f"Artikel {n}: de verwerker bewaart gegevens niet langer dan nodig." for n in range(60))
    pieces, owners, _ = real_embedder._windows([text, "kort"])
    assert owners.count(0) >= 3 and owners.count(1) == 1
    assert pieces[owners.count(0) - 1].endswith("niet langer dan nodig.")  # the end is embedded too
    whole = real_embedder.encode([text])[0]
    head = real_embedder.encode([pieces[0]])[0]
    assert np.linalg.norm(whole) == pytest.approx(1.0, abs=1e-5)
    assert float(whole @ head) < 0.9999  # the later windows count


@pytest.mark.model
def test_real_model_is_loaded_offline_with_its_recorded_name(real_embedder):
    assert real_embedder.name == "sentence-transformers/all-MiniLM-L6-v2"
    assert real_embedder.dimension == 384
    vectors = real_embedder.encode(["personal data breach notification", "melding van een datalek"])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32


def test_fake_embedder_is_deterministic_and_normalised():
    fake = HashingEmbedder(64)
    first, second = fake.encode(["de verwerker meldt", "de verwerker meldt"])
    assert np.array_equal(first, second) and np.linalg.norm(first) == pytest.approx(1.0)


def test_dutch_verb_ending_dt_meets_its_noun():
    assert analyze("de verwerker meldt", "nl")[:2] == ["verwerker", "meld"]
    assert "meld" in analyze("melding", "nl")


@pytest.mark.model
def test_onnx_export_gives_the_same_vectors_without_torch(real_embedder, tmp_path, monkeypatch):
    from semdpa.embed import OnnxEmbedder, export_onnx, onnx_directory

    monkeypatch.setenv("SEMDPA_CACHE", str(tmp_path))
    directory = export_onnx(real_embedder)
    assert directory == onnx_directory(real_embedder.name) and (directory / "model.onnx").exists()
    texts = ["De verwerker meldt een datalek binnen 24 uur.", "the processor shall notify the controller",
             " ".join(f"Artikel {n}: de verwerker bewaart gegevens niet langer dan nodig." for n in range(60))]
    expected = real_embedder.encode(texts)
    for backend in ("onnxruntime", "openvino"):
        onnx = OnnxEmbedder(real_embedder.name, directory, backend)
        assert onnx.backend == backend
        assert onnx._windows(texts)[1] == real_embedder._windows(texts)[1]  # the same windows
        cosine = (onnx.encode(texts) * expected).sum(axis=1)
        assert cosine.min() > 0.9999, backend
    # The int8 model: made once by NNCF beside the export, close to (not equal to) PyTorch's.
    int8 = OnnxEmbedder(real_embedder.name, directory, "openvino-int8")
    made = (directory / "int8" / "model.xml").stat().st_mtime_ns
    assert int8.backend == "openvino-int8"
    assert (int8.encode(texts) * expected).sum(axis=1).min() > 0.97
    assert OnnxEmbedder(real_embedder.name, directory, "auto").backend == "openvino-int8"
    assert (directory / "int8" / "model.xml").stat().st_mtime_ns == made  # made once


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 400_000), st.integers(1, 3000), st.floats(0.0, 1.0), st.integers(0, 50))
def test_best_rows_selects_what_a_full_partition_would(seed_value, size, n, density, distinct):
    """The sampled threshold never changes which scores are chosen (ties in any order)."""
    rng = np.random.default_rng(seed_value)
    values = rng.integers(1, distinct + 2, size).astype(np.float32) if distinct else rng.random(size, dtype=np.float32) + 0.01
    scores = np.where(rng.random(size) < density, values, 0).astype(np.float32)
    rows = np.flatnonzero(scores > 0)
    expected = rows if len(rows) <= n else rows[np.argpartition(-scores[rows], n)[:n]]
    chosen = best_rows(scores, n)
    assert len(set(chosen.tolist())) == len(chosen) and (scores[chosen] > 0).all()
    assert np.array_equal(np.sort(scores[chosen]), np.sort(scores[expected]))


_word_sets = st.lists(st.sets(st.sampled_from([f"w{i}" for i in range(30)]), max_size=20), max_size=6)


@settings(max_examples=200, deadline=None)
@given(_word_sets, _word_sets, st.integers(min_value=0, max_value=8))
def test_word_jaccard_is_the_set_formula(mine, theirs, min_shared):
    # The copy rule and standards' recognition compute it as a sparse matrix product.
    expected = [[len(a & b) / len(a | b) if len(a & b) >= min_shared and a | b else 0.0 for b in theirs] for a in mine]
    assert np.allclose(word_jaccard(mine, theirs, min_shared), np.array(expected).reshape(len(mine), len(theirs)))


def test_a_query_finds_clauses_in_the_other_language_by_its_words(index_dir, corpus):
    # With the fake embedder meaning says nothing: only the words, read across languages, can
    # bring seed 002's 12.5 (administrative fines) to an English query, and Wire's breach
    # notice (5.1) to a Dutch one.
    library = Library(index_dir, model="fake")
    library.add_files([REFERENCE, corpus / "wire_dpa_en.md"])
    found = library.search("liability for fines of the supervisory authority", top_k=3)
    assert (found[0].document, found[0].clause_id) == (REFERENCE.name, "12.5")
    found = library.search("datalek melden zonder onredelijke vertraging", top_k=3)
    assert [(r.document, r.clause_id) for r in found] == [(REFERENCE.name, "7.2"), ("wire_dpa_en.md", "5.1"),
                                                         (REFERENCE.name, "7.3")]
