"""Nothing lost, nothing leaked: properties of segmentation, crashes, concurrent writers and
readers, and no network at run time."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from semdpa.ingest import clean_line
from semdpa.library import Library
from semdpa.segment import segment_clauses
from semdpa.store import LOCK, ClauseStore
from semdpa.terms import extract_terms
from semdpa.types import Clause, Document

from .conftest import REFERENCE, ROOT, SEEDS, seed

SEMDPA = [sys.executable, "-m", "semdpa.cli"]

# Text that looks like agreements: numbered and lettered lines, headings, annexes, tables, noise.
_LINE = st.one_of(
    st.text(min_size=0, max_size=80),
    st.builds(lambda n, t: f"{n}. {t}", st.integers(0, 30), st.text(max_size=60)),
    st.builds(lambda a, b, t: f"{a}.{b} {t}", st.integers(0, 20), st.integers(0, 20), st.text(max_size=60)),
    st.builds(lambda c, t: f"({c}) {t}", st.sampled_from("abcdefghij"), st.text(max_size=60)),
    st.builds(lambda w, n, t: f"{w} {n}: {t}", st.sampled_from(["Artikel", "Article", "Clause", "Bijlage", "Annex"]),
              st.integers(0, 12), st.text(max_size=40)),
    st.builds(lambda t: f"- {t}", st.text(max_size=60)),
    st.builds(lambda a, b: f"{a} | {b}", st.text(max_size=20), st.text(max_size=20)),
    st.sampled_from(["", "   ", "Bijlage 1", "A. Algemeen", "1.", "Verwerker: de partij", "i) ii) iii)"]),
)
DOCUMENT_TEXT = st.lists(_LINE, max_size=40).map("\n".join)


def _non_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT_TEXT, st.sets(st.integers(0, 400), max_size=5))
def test_clauses_cover_every_character_exactly_once_in_order(text, heading_starts):
    hints = tuple((s, s, 2) for s in sorted(heading_starts) if s < len(text))
    document = Document(name="x", title="x", language="nl", text=text, sha256="0", heading_spans=hints)
    clauses = segment_clauses(document)
    if not text.strip():
        assert clauses == []
        return
    assert clauses[0].span[0] == 0 and clauses[-1].span[1] == len(text)
    for before, after in zip(clauses, clauses[1:]):
        assert before.span[1] == after.span[0] and before.span[0] < before.span[1]
    assert "".join(_non_space(text[a:b]) for a, b in (c.span for c in clauses)) == _non_space(text)
    for clause in clauses:
        assert _non_space(clause.text) in _non_space(text[clause.span[0]:clause.span[1]])
    assert len({c.id for c in clauses}) == len(clauses)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.text(max_size=60))
def test_term_extraction_and_cleaning_never_raise(text, heading):
    clause = Clause(id="1", heading=heading, text=text, span=(0, len(text)),
                    topics=("breach", "liability", "audit", "subprocessors", "return_deletion", "transfers",
                            "data_subject_rights", "duration_termination", "governing_law"))
    for term in extract_terms(clause):
        assert text[term.span[0]:term.span[1]] == term.text
    clean_line(text)


# --- crashes ---------------------------------------------------------------------------------

def _run(args, **kwargs):
    env = {**os.environ, "SEMDPA_MODEL": "fake", "PYTHONPATH": str(ROOT)}
    return subprocess.run(SEMDPA + args, capture_output=True, text=True, env=env, timeout=300, **kwargs)


def _documents(index) -> set[str]:
    return {d.name for d in ClauseStore.open(index).documents()}


def test_kill_9_at_any_moment_leaves_a_complete_index(index_dir, corpus):
    before = _run(["index", str(REFERENCE), "--index", str(index_dir)])
    assert before.returncode == 0, before.stderr
    files = [str(p) for p in sorted(corpus.glob("*_en.md"))[:8]]
    env = {**os.environ, "SEMDPA_MODEL": "fake", "PYTHONPATH": str(ROOT)}
    rng = random.Random(7)
    states = set()
    for attempt in range(12):
        process = subprocess.Popen(SEMDPA + ["index", *files, "--index", str(index_dir), "--json"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0.2, 4.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        names = _documents(index_dir)  # opens, verifies checksums: never corrupt
        assert REFERENCE.name in names
        states.add(len(names))
        for row in ClauseStore.open(index_dir).rows():
            assert row.clause.text
    after = _run(["index", *files, "--index", str(index_dir), "--json"])
    assert after.returncode == 0, after.stderr
    assert _documents(index_dir) == {REFERENCE.name} | {Path(f).name for f in files}
    assert not list(index_dir.glob("gen-*.tmp"))  # leftovers of killed runs are cleaned up


# --- concurrency -----------------------------------------------------------------------------

def test_two_writers_serialise_through_the_lock(index_dir):
    first = subprocess.Popen(SEMDPA + ["index", *map(str, SEEDS[:3]), "--index", str(index_dir)],
                             env={**os.environ, "SEMDPA_MODEL": "fake", "PYTHONPATH": str(ROOT)},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = _run(["index", *map(str, SEEDS[3:]), "--index", str(index_dir)])
    first.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert _documents(index_dir) == {p.name for p in SEEDS}


def test_a_writer_waits_with_a_message_or_fails_after_the_timeout(index_dir):
    assert _run(["index", str(seed("003")), "--index", str(index_dir)]).returncode == 0
    from filelock import FileLock

    lock = FileLock(str(index_dir / LOCK))
    with lock:
        timed_out = _run(["index", str(seed("004")), "--index", str(index_dir), "--lock-timeout", "1"])
    assert timed_out.returncode == 1
    assert f"Error: {index_dir}/ is locked by another semdpa process (waited 1 s)" in timed_out.stderr
    assert "waiting for another semdpa process to finish writing" in timed_out.stderr

    # The lock is released once the writer has said it waits, however slowly it started.
    lock.acquire()
    writer = subprocess.Popen(SEMDPA + ["index", str(seed("004")), "--index", str(index_dir), "--lock-timeout", "60"],
                              env={**os.environ, "SEMDPA_MODEL": "fake", "PYTHONPATH": str(ROOT)},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    said = ""
    while "waiting for another semdpa process" not in said and writer.poll() is None:
        said += writer.stderr.readline()
    lock.release()
    _, rest = writer.communicate(timeout=300)
    assert writer.returncode == 0, said + rest
    assert "waiting for another semdpa process" in said
    assert seed("004").name in _documents(index_dir)


def _made_by_another_process(lock_path: Path, make, call):
    """`call()` run while another process holds `lock_path` and, before letting go, `make()`s
    what `call` would make: the result of `call` and whether it waited."""
    import threading

    from filelock import FileLock

    lock_path.parent.mkdir(parents=True, exist_ok=True)
    other = FileLock(str(lock_path))
    other.acquire()
    result = {}
    caller = threading.Thread(target=lambda: result.update(value=call()))
    caller.start()
    caller.join(0.5)
    waited = caller.is_alive()
    make()
    other.release()
    caller.join(60)
    return result["value"], waited


def test_a_model_export_started_twice_waits_for_the_first_and_reuses_it(tmp_path, monkeypatch):
    # Two processes on a fresh machine (the app and a CLI run): the second used to export too,
    # fail to rename, fall back to PyTorch and leave a 90 MB scratch copy behind.
    from types import SimpleNamespace

    from semdpa.embed import export_onnx, onnx_directory

    monkeypatch.setenv("SEMDPA_CACHE", str(tmp_path))
    embedder = SimpleNamespace(name="some/model")  # has no model to export: it must not need one
    directory = onnx_directory(embedder.name)

    def make():
        directory.mkdir()
        (directory / "model.onnx").write_bytes(b"exported by the other process")

    made, waited = _made_by_another_process(directory.parent / f"{directory.name}.lock", make,
                                            lambda: export_onnx(embedder))
    assert waited and made == directory
    assert sorted(p.name for p in directory.parent.iterdir()) == [directory.name, f"{directory.name}.lock"]


@pytest.mark.model
def test_a_model_without_token_types_runs_from_its_onnx_export_and_is_not_quantised_unasked(tmp_path, monkeypatch):
    # MPNet and RoBERTa-style models (all-mpnet-base-v2) take no token types: their export used
    # to fail, and such a model ran on PyTorch at a seventh of the speed.
    import shutil

    from sentence_transformers import SentenceTransformer, models
    from transformers import MPNetConfig, MPNetModel

    from semdpa import embed

    tokenizer = tmp_path / "transformer"
    shutil.copytree(embed.default_model_path(), tokenizer, ignore=shutil.ignore_patterns("*.safetensors", "*.bin"))
    config = json.loads((tokenizer / "tokenizer_config.json").read_text())
    (tokenizer / "tokenizer_config.json").write_text(json.dumps({**config, "model_input_names": ["input_ids", "attention_mask"]}))
    MPNetModel(MPNetConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                           intermediate_size=64)).save_pretrained(tokenizer)
    transformer = models.Transformer(str(tokenizer), max_seq_length=128)
    model_dir = tmp_path / "tiny-mpnet"
    SentenceTransformer(modules=[transformer, models.Pooling(transformer.get_word_embedding_dimension(), "mean")]).save(str(model_dir))

    monkeypatch.setenv("SEMDPA_CACHE", str(tmp_path / "cache"))
    texts = ["The processor notifies the controller of a personal data breach.", "kort"]
    expected = embed.SentenceTransformerEmbedder(str(model_dir)).encode(texts)
    embed._load.cache_clear()
    try:
        for backend in ("onnxruntime", "auto"):
            monkeypatch.setenv("SEMDPA_BACKEND", backend)
            embed._load.cache_clear()
            embedder = embed.load_embedder(str(model_dir))
            assert isinstance(embedder, embed.OnnxEmbedder)
            assert embedder.inputs == ("input_ids", "attention_mask")
            assert np.allclose(embedder.encode(texts), expected, atol=1e-2)
        # The int8 model is the default's, whose accuracy was measured; another model is not quantised unasked.
        assert embedder.backend != "openvino-int8"
        assert not (embed.onnx_directory(str(model_dir)) / "int8").exists()
    finally:
        embed._load.cache_clear()


def test_an_int8_model_started_twice_waits_for_the_first_and_reuses_it(tmp_path):
    pytest.importorskip("nncf")
    pytest.importorskip("openvino")
    from semdpa.embed import int8_model

    (tmp_path / "model.onnx").write_bytes(b"not a model: quantising it would fail")
    target = tmp_path / "int8" / "model.xml"

    def make():
        target.parent.mkdir()
        target.write_text("<net/>")

    made, waited = _made_by_another_process(tmp_path / "int8.lock", make, lambda: int8_model(tmp_path))
    assert waited and made == target
    assert sorted(p.name for p in tmp_path.iterdir()) == ["int8", "int8.lock", "model.onnx"]


def test_searches_keep_working_while_the_index_is_written(index_dir):
    library = Library(index_dir, model="fake")
    library.add_files([REFERENCE])
    writer = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys; from semdpa.library import Library\n"
            "lib = Library(sys.argv[1], model='fake')\n"
            "for _ in range(3):\n"
            "    lib.add_files(sys.argv[2:])\n"
            "    [lib.remove(p.rsplit('/', 1)[-1]) for p in sys.argv[2:]]\n"
        ), str(index_dir), *map(str, SEEDS[:2])],
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    searches = 0
    while writer.poll() is None:
        hits = Library(index_dir, model="fake").search("datalek melden", top_k=3)
        assert hits and all(h.text for h in hits)
        searches += 1
    assert writer.returncode == 0 and searches >= 3


# --- privacy -----------------------------------------------------------------------------------

@pytest.mark.model
def test_index_search_and_compare_need_no_network(tmp_path):
    """The CLI with the real model, under a guard that refuses any connection off this machine."""
    log = tmp_path / "network.log"
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'tests' / 'netguard'}{os.pathsep}{ROOT}",
           "SEMDPA_NETGUARD_LOG": str(log)}
    env.pop("SEMDPA_MODEL", None)
    env.pop("HF_HUB_OFFLINE", None)  # semdpa itself must switch the hub off
    index = tmp_path / "index"
    steps = [
        ["index", str(REFERENCE), str(seed("003")), "--index", str(index)],
        ["search", "binnen welke termijn meldt de verwerker een datalek", "--index", str(index), "--json"],
        ["compare", str(seed("003")), "-r", REFERENCE.name, "--index", str(index), "--format", "json",
         "-o", str(tmp_path / "report.json")],
    ]
    for args in steps:
        result = subprocess.run(SEMDPA + args, capture_output=True, text=True, env=env, timeout=600)
        assert result.returncode == 0, result.stderr
    assert not log.exists() or log.read_text() == ""
    assert json.loads((tmp_path / "report.json").read_text())["vendor"]["name"] == seed("003").name


def test_every_data_file_the_package_reads_is_declared_package_data():
    # An installed (non-editable) semdpa has only what package-data names: severity.yaml was
    # left out once, and the redline's severities failed outside a source checkout.
    import fnmatch
    import tomllib

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["semdpa"]
    data = sorted(p.name for p in (ROOT / "semdpa").iterdir() if p.is_file() and p.suffix not in (".py", ".pyc"))
    assert data and [n for n in data if not any(fnmatch.fnmatch(n, p) for p in patterns)] == []
