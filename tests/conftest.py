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


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Exported ONNX models go to a cache of the test session, not the user's home."""
    previous = os.environ.get("SEMDPA_CACHE")
    os.environ["SEMDPA_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("SEMDPA_CACHE", None)
    else:
        os.environ["SEMDPA_CACHE"] = previous


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
    """The default model on PyTorch (the ONNX path is compared with it in test_search)."""
    from semdpa.embed import DEFAULT_MODEL, SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(DEFAULT_MODEL)


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


def _lines_and_heading_levels(document):
    """Each line of a read document with the rank of the heading it is (0 for none)."""
    position = 0
    for line in document.text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        levels = [level for s, e, level in document.heading_spans if s < end and e > start]
        yield line, levels[0] if levels else 0


def write_styled_pdf(path: Path, source: Path) -> Path:
    """`source` as a word processor prints it: its headings in bold (larger for the top ranks),
    paragraphs wrapped with space between them, nested items set in, a running header and a page
    footer. The PDF keeps none of that as structure, only as fonts and positions."""
    import re

    from fpdf import FPDF

    from semdpa.ingest import EMPHASIS_LEVEL, read_document

    document = read_document(source)
    fonts = Path("/usr/share/fonts/truetype/dejavu")
    unicode_fonts = (fonts / "DejaVuSans.ttf").exists() and (fonts / "DejaVuSans-Bold.ttf").exists()

    class Printed(FPDF):
        def header(self):
            self.set_font(family, size=7)
            self.set_y(6)
            self.cell(0, 4, plain(document.title[:60]) + " - confidential", align="R")
            self.set_y(16)

        def footer(self):
            self.set_y(-12)
            self.set_font(family, size=7)
            self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Printed()
    if unicode_fonts:
        family = "DejaVu"
        pdf.add_font(family, "", str(fonts / "DejaVuSans.ttf"))
        pdf.add_font(family, "B", str(fonts / "DejaVuSans-Bold.ttf"))
        plain = str
    else:  # core fonts know Latin-1 only
        family = "Helvetica"
        plain = lambda text: text.replace("€", "EUR").encode("latin-1", "replace").decode("latin-1")  # noqa: E731
    pdf.set_auto_page_break(True, margin=18)
    pdf.alias_nb_pages()
    pdf.add_page()
    for line, level in _lines_and_heading_levels(document):
        text = plain(re.sub(r"^[*\-–] ", "• " if unicode_fonts else "- ", line.strip()))
        if not text:
            pdf.ln(2.5)
            continue
        if level:
            pdf.ln(1.5)
            pdf.set_font(family, "B", size=12 if level <= 2 else 10.5 if level < EMPHASIS_LEVEL else 9.5)
            pdf.multi_cell(0, 5.2, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            pdf.set_font(family, size=9.5)
            if line.startswith(" "):
                pdf.set_x(pdf.l_margin + 6)
            pdf.multi_cell(0, 4.6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_styled_docx(path: Path, source: Path) -> Path:
    """`source` as typed in Word: headings in heading styles (an emphasised line a paragraph in
    bold), each paragraph its own, numbers and bullets typed, nested items set in."""
    import re

    import docx

    from semdpa.ingest import EMPHASIS_LEVEL, read_document

    document = read_document(source)
    out = docx.Document()
    for line, level in _lines_and_heading_levels(document):
        text = line.strip()
        if not text:
            continue
        if 0 < level < EMPHASIS_LEVEL:
            out.add_heading(text, level=min(level, 3))
        elif level:
            out.add_paragraph().add_run(text).bold = True
        else:
            paragraph = out.add_paragraph(re.sub(r"^[*\-–] ", "• ", text))
            if line.startswith(" "):
                paragraph.paragraph_format.left_indent = docx.shared.Cm(1)
    out.save(str(path))
    return path


def write_pdf(path: Path, text: str, *, lines_per_page: int = 45) -> Path:
    """A text PDF of `text` (one line per source line, wrapped), for tests that need a real PDF."""
    import textwrap

    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if font.exists():
        pdf.add_font("DejaVu", "", str(font))
        pdf.set_font("DejaVu", size=9)
    else:  # core fonts know Latin-1 only
        pdf.set_font("Helvetica", size=9)
        text = text.replace("€", "EUR").encode("latin-1", "replace").decode("latin-1")
    lines = [wrapped for line in text.splitlines() for wrapped in (textwrap.wrap(line, 105) or [""])]
    for start in range(0, len(lines), lines_per_page):
        pdf.add_page()
        for n, line in enumerate(lines[start:start + lines_per_page]):
            pdf.set_xy(10, 10 + 6 * n)
            pdf.cell(0, 5, line)
    pdf.output(str(path))
    return path
