"""Shared fixtures. Most tests use the deterministic fake embedder (SEMDPA_MODEL=fake);
tests marked `model` load the real default model once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CORPUS = ROOT.parent / "shared" / "corpus"
REFERENCE = DATA / "002_f84dbcb6768b8ce2.txt"
SEEDS = sorted(DATA.glob("*.txt"))


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


@pytest.fixture(autouse=True)
def _offline_fake_model(monkeypatch):
    """No test may reach a model hub, and unless it asks otherwise it uses the fake model."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("SEMDPA_MODEL", "fake")
    monkeypatch.delenv("SEMDPA_INDEX", raising=False)


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return CORPUS


@pytest.fixture
def index_dir(tmp_path) -> Path:
    return tmp_path / "index"


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory) -> Path:
    """An index of the five seeds built with the fake model (read-only for tests)."""
    from semdpa.library import Library

    directory = tmp_path_factory.mktemp("seeds") / "index"
    library = Library(directory, model="fake")
    library.add_files([REFERENCE], reference=True)
    library.add_files([p for p in SEEDS if p != REFERENCE])
    return directory


@pytest.fixture(scope="session")
def real_embedder():
    from semdpa.embed import load_embedder

    return load_embedder("default")


@pytest.fixture(scope="session")
def real_seeds_index(tmp_path_factory, real_embedder) -> Path:
    from semdpa.library import Library

    directory = tmp_path_factory.mktemp("real-seeds") / "index"
    library = Library(directory, embedder=real_embedder)
    library.add_files([REFERENCE], reference=True)
    library.add_files([p for p in SEEDS if p != REFERENCE])
    return directory


@pytest.fixture
def copy_of(tmp_path):
    def _copy(path: Path, name: str | None = None) -> Path:
        target = tmp_path / (name or path.name)
        shutil.copyfile(path, target)
        return target

    return _copy
