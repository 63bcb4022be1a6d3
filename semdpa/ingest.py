"""Read an agreement (.txt, .md, .pdf, .docx) into a cleaned `Document`.

Cleaning removes conversion noise (Markdown emphasis and heading marks, HTML fragments,
non-breaking spaces, soft hyphens, PDF hyphenation and repeated page headers/footers) but
never words: every span later stages compute points into the cleaned text.
"""

from __future__ import annotations

import hashlib
import html
import re
import statistics
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .types import Document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx"}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PAGES = 2000


def read_document(
    path: str | Path,
    *,
    password: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    name: str | None = None,
) -> Document:
    """Read and clean one file. Raises `InputError` naming the file and the reason."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = " (save it as .docx or .pdf)" if suffix in {".doc", ".rtf", ".odt", ".pages"} else ""
        raise InputError(path, f"unsupported file type '{suffix or 'none'}'{hint}; use .txt, .md, .pdf or .docx")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read file ({error.strerror or error})") from None
    if not data.strip():
        raise InputError(path, "file is empty")

    ocr_pages: tuple[int, ...] = ()
    if suffix == ".pdf":
        pages, ocr_pages, headings = _read_pdf(path, data, password, max_pages)
        source = "pdf"
    elif suffix == ".docx":
        (pages, headings), source = _read_docx(path, data), "docx"
    else:
        pages, headings, source = [_decode_text(path, data)], [], suffix.lstrip(".")

    text, page_starts, heading_spans = _assemble(pages, headings, markdown=source in {"md", "markdown", "txt", "text"})
    if not re.search(r"\w{2,}", text):
        raise InputError(path, "no text found in document")
    return Document(
        name=name or path.name,
        title=_guess_title(text, path),
        language=detect_language(text),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        page_starts=page_starts,
        heading_spans=heading_spans,
        source_format=source,
        ocr_pages=ocr_pages,
    )


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- plain text -------------------------------------------------------------------------

def _decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; else Windows-1252 if it reads as text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "not valid UTF-16 text despite its byte-order mark") from None
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary data, not text (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    odd = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if odd > max(3, len(text) // 200):
        raise InputError(path, "not a text file (undecodable bytes; expected UTF-8, UTF-16 or Windows-1252)")
    return text


# --- PDF --------------------------------------------------------------------------------

def _read_pdf(path: Path, data: bytes, password: str | None,
              max_pages: int) -> tuple[list[str], tuple[int, ...], list[tuple[str, int]]]:
    """Page texts, the 1-based numbers of the pages read by OCR, and the (line, level) of the lines
    the PDF sets as headings (bold or larger type; see `_pdf_layout`)."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(path, "not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            if password is None:
                # Many PDFs are encrypted with an empty user password: they open for anyone.
                if not reader.decrypt(""):
                    raise InputError(path, "PDF is password-protected; give the password with --password")
            elif not reader.decrypt(password):
                raise InputError(path, "wrong password for encrypted PDF")
        count = len(reader.pages)
        if count > max_pages:
            raise InputError(path, f"PDF has {count} pages, over the {max_pages}-page limit")
        pages, headings = _pdf_layout(reader.pages)
    except InputError:
        raise
    except LimitReachedError:
        raise InputError(path, "PDF content streams exceed the decompression limit (a PDF bomb?)") from None
    except FileNotDecryptedError:
        raise InputError(path, "PDF is password-protected; give the password with --password") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, NotImplementedError) as error:
        raise InputError(path, f"unreadable or damaged PDF ({type(error).__name__})") from None
    except MemoryError:
        raise InputError(path, "PDF content too large to extract") from None
    blank = [n for n, page in enumerate(pages) if not re.search(r"\w{2,}", page)]
    ocr_pages: list[int] = []
    if blank and ocr_available():
        for n in blank:
            pages[n] = ocr_pdf_page(data, n, password)
            ocr_pages.append(n + 1)
    elif len(blank) == len(pages):
        raise InputError(
            path,
            "PDF has no text layer (scanned?); install Tesseract (apt-get install tesseract-ocr tesseract-ocr-nld) "
            "and pip install 'semdpa[ocr]' to OCR it",
        )
    if not any(re.search(r"\w{2,}", page) for page in pages):
        raise InputError(path, "no text found in PDF, not even by OCR")
    return _drop_running_lines([_join_hyphenation(page) for page in pages]), tuple(ocr_pages), headings


def ocr_available() -> bool:
    """Tesseract on the PATH, and the Python packages that render pages and call it."""
    import importlib.util
    import shutil

    return bool(shutil.which("tesseract")) and all(
        importlib.util.find_spec(name) is not None for name in ("pytesseract", "pypdfium2"))


def ocr_pdf_page(data: bytes, index: int, password: str | None = None) -> str:
    """The text of one PDF page by OCR (Dutch and English where those languages are installed)."""
    import pypdfium2
    import pytesseract

    document = pypdfium2.PdfDocument(data, password=password)
    try:
        image = document[index].render(scale=300 / 72).to_pil()
    finally:
        document.close()
    installed = set(pytesseract.get_languages(config=""))
    languages = "+".join(lang for lang in ("nld", "eng") if lang in installed) or None
    return pytesseract.image_to_string(image, lang=languages)


# A PDF keeps no paragraphs or headings, only where each piece of text sits and in which font. A
# word processor sets paragraphs apart by more space than between their lines, and headings in
# bold or larger type; without them an agreement with unnumbered sections (Plausible's) reads as
# one paragraph, and "2. Subject and duration" cannot be told from a paragraph "2.".
_PARAGRAPH_GAP = 1.3  # a line further below the last than this many times the usual line spacing starts a paragraph
_LARGER = 1.05  # type this much larger than the body's is a heading's
_HEADING_MAX_LINES = 2  # a run of more bold lines is an emphasised paragraph, not a heading
_HEADING_MAX_CHARS = 150
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
# The marks a bulleted list item opens with (a character class; segment uses it too).
BULLET_MARKS = "[-–•·▪◦●*]"
# A list item's label, by kind: a bullet; "1." or "(1)"; "1.1"; "(a)", "a)", "iv."
_LIST_LABEL = re.compile(rf"\s*(?:(?P<bullet>{BULLET_MARKS})"
                         r"|(?P<multi>\d{1,3}(?:\.\d{1,3})+\.?)|(?P<single>\(?\d{1,3}[.)])"
                         r"|(?P<letter>\(?[a-z]{1,4}[.)]|\([a-z]{1,4}\)))\s")


# A line that ends a sentence (or a bracketed blank, "[SPECIFY TIME PERIOD]"); segment uses it too.
SENTENCE_END = re.compile(r"[.:;!?)\]\"”]\s*$")


def _label_kind(text: str) -> str | None:
    match = _LIST_LABEL.match(text)
    return match.lastgroup if match else None


@dataclass
class _PdfLine:
    text: str
    y: float | None = None  # baseline, from the page's bottom
    x: float | None = None  # where the line's text starts
    size: float = 0.0
    letters: int = 0
    bold_letters: int = 0
    bold_opening: str = ""  # the line's text up to its first letter not in bold
    opening_done: bool = False
    starts_paragraph: bool = False

    @property
    def bold(self) -> bool:
        return self.letters > 0 and self.bold_letters == self.letters


def _pdf_layout(pages) -> tuple[list[str], list[tuple[str, int]]]:
    """The pages' texts with a blank line before each paragraph and nested lines set in, and the
    heading lines with their levels (the largest type 1, ...; bold body type EMPHASIS_LEVEL, as
    Markdown's "**...**"). Sizes and spacing are judged over the whole document, so a heading
    has the same level on every page."""
    read = [_pdf_page_lines(page) for page in pages]
    placed = [line for _, lines in read for line in lines if line.y is not None]
    gaps: list[float] = []
    for _, lines in read:
        on_page = [line for line in lines if line.y is not None]
        gaps += [a.y - b.y for a, b in zip(on_page, on_page[1:]) if 0 < a.y - b.y and abs(a.size - b.size) < 0.5]
    usual = statistics.median(gaps) if len(gaps) >= 3 else None
    body = statistics.median([line.size for line in placed for _ in range(line.letters)]) if placed else 0.0
    # How far in each kind of list starts: a browser sets a whole list in, Word often does not.
    list_bases: dict[str, float] = {}
    for line in placed:
        if kind := _label_kind(line.text):
            list_bases[kind] = min(line.x, list_bases.get(kind, line.x))
    texts, titles = [], []
    for text, lines in read:
        page_text, page_titles = _pdf_page_text(text, lines, usual, list_bases)
        texts.append(page_text)
        titles += page_titles
    # After the pages' texts: they mark which lines start a paragraph.
    return texts, _pdf_headings([line for _, lines in read for line in lines], body) + titles


def _pdf_page_lines(page) -> tuple[str, list[_PdfLine]]:
    """The page's text as pypdf extracts it, and its lines with their place, size and boldness
    (none when pypdf's pieces do not add up to its text)."""
    lines = [_PdfLine("")]

    def visit(text, cm, tm, font, size):
        bold = bool(_BOLD_FONT.search(str(font.get("/BaseFont", "")))) if hasattr(font, "get") else False
        for n, part in enumerate(text.split("\n")):
            if n:
                lines.append(_PdfLine(""))
            line = lines[-1]
            line.text += part
            letters = sum(ch.isalnum() for ch in part)
            if not line.opening_done:
                if letters and not bold:
                    line.opening_done = True
                else:
                    line.bold_opening += part
            if not letters:
                continue
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            line.size = max(line.size, float(size) * scale)
            if line.y is None:
                line.x, line.y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            line.letters += letters
            line.bold_letters += letters if bold else 0

    # A browser draws a list's bullets as small filled shapes, not as text: collect them.
    path: list[tuple[float, float]] = []
    dots: list[tuple[float, float, float]] = []  # centre x, centre y, width

    def draw(operator, operands, cm, tm):
        operator = operator.decode("latin-1") if isinstance(operator, bytes) else str(operator)
        if operator in {"m", "l", "c", "v", "y", "re"} and len(operands) >= 2:
            try:
                numbers = [float(value) for value in operands]
            except (TypeError, ValueError):
                return
            corners = list(zip(numbers[::2], numbers[1::2]))
            if operator == "re" and len(numbers) == 4:
                corners = [(numbers[0], numbers[1]), (numbers[0] + numbers[2], numbers[1] + numbers[3])]
            path.extend((cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]) for x, y in corners)
        elif operator in {"f", "F", "f*", "b", "B", "b*", "B*", "n", "S", "s"}:
            if path and operator not in {"n", "S", "s"}:
                xs, ys = [x for x, _ in path], [y for _, y in path]
                width, height = max(xs) - min(xs), max(ys) - min(ys)
                if 1.0 <= width <= 8.0 and 0.5 * width <= height <= 2.0 * width:
                    dots.append(((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2, width))
            path.clear()

    errors = (KeyError, ValueError, TypeError, AttributeError, IndexError, ZeroDivisionError)
    try:
        text = page.extract_text(visitor_text=visit, visitor_operand_before=draw) or ""
    except errors:
        try:  # the layout could not be read: the text alone, as pypdf gives it
            return page.extract_text() or "", []
        except errors:
            return "", []
    if [line.text for line in lines] != text.split("\n"):
        return text, []  # the pieces do not add up to the text: keep the text as it is
    for line in lines:
        if line.y is None or _label_kind(line.text) == "bullet":
            continue
        for x, y, _ in dots:
            # a dot just left of the line's first letter, at the height of its small letters
            if 0 < line.x - x <= 3 * line.size and abs(y - (line.y + 0.3 * line.size)) <= 0.4 * line.size:
                line.text, line.x = "• " + line.text.lstrip(), x
                break
    return text, lines


def _pdf_page_text(text: str, lines: list[_PdfLine], usual_gap: float | None,
                   list_bases: dict[str, float]) -> tuple[str, list[tuple[str, int]]]:
    """The lines, with a blank line before each that starts a paragraph; two spaces before those
    set in (a list item further in than the document's first item of its kind, another line
    further in than the margin), so that "1." under "1." nests as in Markdown; and a bold run-in
    title ("**Confidentiality.** Any person ...") on a line of its own, with the titles as
    headings."""
    placed = [line for line in lines if line.y is not None]
    if not placed:
        return text, []
    margin = min(line.x for line in placed)
    out: list[str] = []
    titles: list[tuple[str, int]] = []
    last = previous = None
    for line in lines:
        if line.y is not None:
            kind = _label_kind(line.text)
            base = list_bases.get(kind, margin) if kind else margin
            if line.x - base > 0.8 * max(line.size, 1.0) and not line.text.startswith(" "):
                line.text = "  " + line.text
            if last is not None and usual_gap:
                grown = max(1.0, line.size / last.size) if last.size else 1.0
                line.starts_paragraph = last.y - line.y > _PARAGRAPH_GAP * usual_gap * grown
                if line.starts_paragraph and out and out[-1].strip():
                    out.append("")
            title = line.bold_opening.strip()
            after_sentence = not out or not out[-1].strip() or SENTENCE_END.search(out[-1]) \
                or (previous is not None and previous.bold)
            if title and not line.bold and after_sentence and not kind and _is_run_in_title(title):
                # "Audits. The Processor shall ...", its title in bold: the title heads the paragraph.
                titles.append((title.removesuffix("."), EMPHASIS_LEVEL))
                if out and out[-1].strip():
                    out.append("")
                out += [title.removesuffix("."), ""]
                line.text = line.text.lstrip()[len(title):].lstrip()
            last = line
        previous = line if line.text.strip() else previous
        out.append(line.text)
    return "\n".join(out), titles


def _pdf_headings(lines: list[_PdfLine], body: float) -> list[tuple[str, int]]:
    styled = [line.letters > 0 and len(line.text.strip()) <= _HEADING_MAX_CHARS
              and (line.bold or line.size >= _LARGER * body) for line in lines]
    # More such lines in a row, with no space between them, are emphasised text (a disclaimer in
    # bold), not a heading.
    runs: list[list[int]] = [[]]
    for n, line in enumerate(lines):
        if not styled[n] or line.starts_paragraph:
            runs.append([])
        if styled[n]:
            runs[-1].append(n)
    for run in runs:
        if len(run) > _HEADING_MAX_LINES:
            for k in run:
                styled[k] = False
    larger = sorted({round(line.size, 1) for line, s in zip(lines, styled) if s and line.size >= _LARGER * body},
                    reverse=True)
    return [(line.text.strip(), min(larger.index(round(line.size, 1)) + 1, 6)
             if round(line.size, 1) in larger else EMPHASIS_LEVEL)
            for line, s in zip(lines, styled) if s]


# "wet- en regelgeving": a hyphen before a conjunction is not a line-end break.
_HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\n[ \t]*(?!(?:en|of|and|or|tot|t/m)\b)([a-zà-ÿ])")


def _join_hyphenation(text: str) -> str:
    return _HYPHEN_BREAK.sub(r"\1\2", text)


_PAGE_NUMBER = re.compile(r"^(?:pagina|page|blz\.?|p\.)?\s*[-–]?\s*\d+\s*(?:(?:van|of|/)\s*\d+)?\s*[-–]?$", re.I)


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove headers/footers that repeat across pages, and bare page numbers."""
    if len(pages) < 2:
        return [_strip_page_numbers(p) for p in pages]

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))

    edge_counts: dict[str, int] = {}
    for page in pages:
        lines = [line for line in page.splitlines() if line.strip()]
        for line in set(key(x) for x in lines[:3] + lines[-3:]):
            edge_counts[line] = edge_counts.get(line, 0) + 1
    threshold = max(2, int(0.5 * len(pages) + 0.5))
    running = {line for line, count in edge_counts.items() if count >= threshold and line}
    cleaned = []
    for page in pages:
        lines = page.splitlines()
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        edges = set(nonblank[:3] + nonblank[-3:])
        kept = [line for i, line in enumerate(lines) if not (i in edges and key(line) in running)]
        cleaned.append(_strip_page_numbers("\n".join(kept)))
    return cleaned


def _strip_page_numbers(page: str) -> str:
    lines = page.splitlines()
    while lines and (not lines[-1].strip() or _PAGE_NUMBER.match(lines[-1].strip())):
        lines.pop()
    while lines and (not lines[0].strip() or _PAGE_NUMBER.match(lines[0].strip())):
        lines.pop(0)
    return "\n".join(lines)


# --- DOCX -------------------------------------------------------------------------------

def _read_docx(path: Path, data: bytes) -> tuple[list[str], list[tuple[str, int]]]:
    import io

    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(path, "password-protected or old-format Word file; save it as an unprotected .docx")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - declared dependency
        raise InputError(path, "reading .docx needs python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise InputError(path, "not a valid DOCX file") from None
    except Exception as error:  # lxml and zip errors vary; none may escape as a traceback
        raise InputError(path, f"unreadable DOCX ({type(error).__name__})") from None
    lines, headings = _docx_lines(document)
    return ["\n".join(lines)], headings


def _docx_lines(document) -> tuple[list[str], list[tuple[str, int]]]:
    """Body paragraphs and table rows in document order, with Word's automatic numbering and bullets."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = _DocxNumbering(document)
    lines: list[str] = []
    headings: list[tuple[str, int]] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            text = paragraph.text.strip()
            if not text:
                lines.append("")
                continue
            label = numbering.label(paragraph)
            line = f"{label} {text}" if label else text
            if not label and (paragraph.paragraph_format.left_indent or 0) > 0:
                line = "  " + line  # set in by hand, as a nested item typed with its number: it nests
            heading_line = text if label == "•" else line  # as a heading it keeps its number, not a bullet
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if match := re.match(r"(heading|kop|title|titel)\b\s*(\d)?", style, re.I):
                line = heading_line
                headings.append((line, int(match.group(2)) if match.group(2) else 1))
            elif (bold := _bold_prefix(paragraph)) == paragraph.text and len(text) <= 150:
                line = heading_line
                headings.append((line, EMPHASIS_LEVEL))  # a short paragraph all in bold: a heading, as "**...**"
            elif label in {"", "•"} and paragraph.text.startswith(bold) and _is_run_in_title(bold):
                # "Audits. The Processor shall ..." with its title in bold: the title heads the paragraph.
                title = bold.strip().removesuffix(".")
                headings.append((title, EMPHASIS_LEVEL))
                lines.extend([title, ""])
                line = paragraph.text[len(bold):].strip()
            lines.extend([line, ""])
        elif tag == "tbl":
            table = Table(block, document)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # merged cells repeat their text
                        cells.append(value)
                if any(cells):
                    lines.append(" | ".join(cells))
            lines.append("")
    return lines, headings


# A bold run-in title ("**Confidentiality.** Any person ...") in Markdown, Word or a PDF: at most this many words.
_RUN_IN_TITLE_WORDS = 10
# The bold opening of a paragraph that is its title: a capital, at most 80 characters, a full stop.
_RUN_IN_BOLD_TITLE = re.compile(r"[A-Z][^\n]{2,80}?\.")


def _is_run_in_title(bold_opening: str) -> bool:
    """Whether a paragraph's bold opening ("Audits.") is its title, in Word as in a PDF."""
    return bool(_RUN_IN_BOLD_TITLE.fullmatch(bold_opening.strip())) and len(bold_opening.split()) <= _RUN_IN_TITLE_WORDS


def _bold_prefix(paragraph) -> str:
    """The paragraph's text up to its first run not in bold (direct, character or paragraph style)."""
    prefix = []
    for run in paragraph.runs:
        if run.text.strip() and not _run_is_bold(run, paragraph):
            break
        prefix.append(run.text)
    return "".join(prefix)


def _run_is_bold(run, paragraph) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    if run.style is not None and run.style.font.bold is not None:
        return bool(run.style.font.bold)
    style = paragraph.style
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


class _DocxNumbering:
    """Renders Word list numbers ("1.", "7.2", "a)") that python-docx leaves out of the text."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        root = part.element
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall("w:abstractNum", ns):
            levels = {}
            for lvl in node.findall("w:lvl", ns):
                ilvl = int(lvl.get(f"{{{ns['w']}}}ilvl", "0"))
                fmt = lvl.find("w:numFmt", ns)
                text = lvl.find("w:lvlText", ns)
                start = lvl.find("w:start", ns)
                levels[ilvl] = (
                    fmt.get(f"{{{ns['w']}}}val") if fmt is not None else "decimal",
                    text.get(f"{{{ns['w']}}}val") if text is not None else "",
                    int(start.get(f"{{{ns['w']}}}val")) if start is not None else 1,
                )
            abstract[node.get(f"{{{ns['w']}}}abstractNumId")] = levels
        for num in root.findall("w:num", ns):
            ref = num.find("w:abstractNumId", ns)
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{{{ns['w']}}}val"), {}).items():
                self.formats[(num.get(f"{{{ns['w']}}}numId"), ilvl)] = spec

    def label(self, paragraph) -> str:
        numpr = _numbering_properties(paragraph)
        if numpr is None or numpr.numId is None:
            return ""
        num_id = str(numpr.numId.val)
        ilvl = int(numpr.ilvl.val) if numpr.ilvl is not None else 0
        if (num_id, ilvl) not in self.formats:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, template, start = self.formats[(num_id, ilvl)]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "•"  # as a bullet in text or Markdown, so the segmenter reads the list the same way
        if fmt == "none":
            return ""

        def render(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            value = counters[level] or self.formats.get((num_id, level), ("decimal", "", 1))[2]
            level_fmt = self.formats.get((num_id, level), (fmt, "", 1))[0]
            return _format_number(value, level_fmt)

        return re.sub(r"%(\d)", render, template).strip()


def _numbering_properties(paragraph):
    """The paragraph's own list numbering, or the one its style (or a base style) gives it."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return ppr.numPr
    style = paragraph.style
    while style is not None:
        style_ppr = style.element.pPr
        if style_ppr is not None and style_ppr.numPr is not None:
            return style_ppr.numPr
        style = style.base_style
    return None


def _format_number(value: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in {"lowerRoman", "upperRoman"}:
        numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out = ""
        for number, numeral in numerals:
            while value >= number:
                out += numeral
                value -= number
        return out.upper() if fmt == "upperRoman" else out
    return str(value)


# --- cleaning ---------------------------------------------------------------------------

_HTML_TAGS = (
    "a|b|big|br|center|del|div|em|font|h[1-6]|hr|i|img|ins|li|mark|ol|p|s|small|span|strong|"
    "sub|sup|table|tbody|td|th|thead|tr|u|ul|input|label|section|article|header|footer|nav|code"
)
_CHECKBOX = re.compile(r"<input\b[^>]*type=[\"']?checkbox[\"']?[^>]*>", re.I)
_TAG = re.compile(rf"</?(?:{_HTML_TAGS})\b[^<>]*?/?>", re.I)
_BREAK = re.compile(r"<br\s*/?>|</p>|</div>|</li>|</tr>|</h[1-6]>", re.I)
_FOOTNOTE = re.compile(r"<sup>\s*(\d{1,3}|\*)\s*</sup>", re.I)
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]+)[^)]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_MD_STRONG = re.compile(r"(\*\*|__)(?=[^\s*_])(.+?)(?<=[^\s*_])\1")
_MD_EM_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])")
_MD_EM_UNDER = re.compile(r"(?<![\w_\\])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\w_])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$|^\s*(?:-{2,}\s*\t*\s*)+$|^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$")
# A line only in bold marks a heading of no stated rank: below every numbered level.
EMPHASIS_LEVEL = 7
# A list item whose marker a tab divides from its text ("(a)\tThe Parties ..."), no table row.
_MARKER_TAB = re.compile(r"^(\s*(?:[-•·*]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]?))\t+(?=[^\t]+$)")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-{3,})\s*$")
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2002\u2003\u2009\u3000"), " ")
# Word's Symbol and Wingdings bullets, which a PDF without a Unicode map for them yields as
# private-use characters ("\uf0b7 The processor shall ..."): a bullet like any other.
_SYMBOL_BULLETS = dict.fromkeys(map(ord, "\uf0b7\uf0a7\uf0a8\uf06e\uf076\uf0d8\uf0e0\uf0fc"), "•")
# Typographic ligatures, which PDFs from browsers, LaTeX and layout programs yield as one character
# ("Deﬁnitions", "Eﬀect"): the letters, so that words are found and compared as written.
_LIGATURES = {ord("\ufb00"): "ff", ord("\ufb01"): "fi", ord("\ufb02"): "fl", ord("\ufb03"): "ffi",
              ord("\ufb04"): "ffl", ord("\ufb05"): "st", ord("\ufb06"): "st"}

# Cyrillic and Greek letters drawn like Latin ones, which copied or converted text slips into
# Latin words (Clever's "В. DESCRIPTION OF TRANSFER" has a Cyrillic В): read as the Latin letter
# in a word that has Latin letters or stands alone, so labels and words are found; a word
# written wholly in those scripts is left as it is.
_LATIN_LOOKALIKES = str.maketrans("АВСЕНІЈКМОРЅТХУасеіјорѕхуΑΒΕΖΗΙΚΜΝΟΡΤΥΧο", "ABCEHIJKMOPSTXYaceijopsxyABEZHIKMNOPTYXo")
_MIXED_SCRIPT_WORD = re.compile(r"\w*[\u0370-\u03ff\u0400-\u04ff]\w*")


def _latin_lookalikes(line: str) -> str:
    def latin(match: re.Match) -> str:
        word = match.group()
        alone = len(word) == 1
        return word.translate(_LATIN_LOOKALIKES) if alone or re.search(r"[A-Za-z]", word) else word
    return _MIXED_SCRIPT_WORD.sub(latin, line)


def clean_line(line: str, *, markdown: bool = True) -> tuple[str, int]:
    """Clean one line; returns the text and its heading level: 1-6 for a heading of that rank
    (Markdown `##` is 2), EMPHASIS_LEVEL for a line only in bold, 0 for no heading."""
    line = line.translate(_INVISIBLE).translate(_SPACES).translate(_SYMBOL_BULLETS).translate(_LIGATURES).replace("\r", "")
    if not line.isascii():
        line = _latin_lookalikes(line)
    heading = 0
    line = _CHECKBOX.sub("☐", line)
    stripped = line.strip()
    # "<b>Title</b>", "<h2>Title</h2>", also inside an anchor paragraph: '<p id="x"><h1>Title</h1></p>'.
    if match := re.fullmatch(r"(?:<(?:p|div)\b[^>]*>\s*)*(?:<(b|strong|h[1-6])>\s*)+.+?(?:\s*</(?:b|strong|h[1-6])>)+"
                             r"(?:\s*</(?:p|div)>)*", stripped, re.I):
        rank = match.group(1).lower()
        heading = int(rank[1]) if rank.startswith("h") else EMPHASIS_LEVEL
    line = _BREAK.sub(" ", line)
    line = _FOOTNOTE.sub(r"[\1]", line)
    line = _TAG.sub("", line)
    if "&" in line:
        line = html.unescape(line).translate(_SPACES)
    line = _BOOKMARK.sub("", line)
    if markdown:
        if match := _MD_HEADING.match(line):
            heading = match.group(1).count("#")
            line = _MD_HEADING.sub("", line)
            line = re.sub(r"\s+#+\s*$", "", line)
        body = re.sub(r"^(?:[-•·]|\*(?=\s))\s+", "", line.strip())
        if re.fullmatch(r"(\*\*|__)[^*_].*?\1[:.]?", body) and body.count("**") <= 2:
            heading = heading or EMPHASIS_LEVEL
        line = _MD_LINK.sub(lambda m: _link_text(m.group(1), m.group(2)), line)
        line = _MD_STRONG.sub(r"\2", line)
        line = _MD_STRONG.sub(r"\2", line)
        line = _MD_EM_STAR.sub(r"\1", line)
        line = _MD_EM_UNDER.sub(r"\1", line)
        line = _MD_ESCAPE.sub(r"\1", line)
        line = re.sub(r"(?<=\S)\*\*(?=\S)|^\*\*\s*$", "", line)  # a stray bold mark left by conversion
    line = _MARKER_TAB.sub(r"\1 ", line)
    if "\t" in line.strip(" "):
        # A table row: keep every cell, empty ones too, so the row still reads as a table.
        cells = [cell.strip() for cell in line.strip(" ").split("\t")]
        line = " | ".join(cells).strip()
    line = re.sub(r"[ \t]{2,}", " ", line).rstrip()
    if re.fullmatch(r"\s*\|?\s*(\|\s*)*", line):
        line = ""
    return line, heading


def _link_text(text: str, url: str) -> str:
    bare = re.sub(r"^(?:https?://|mailto:)", "", url).rstrip("/")
    if not text:
        return url
    return text if bare.lower() in text.lower() or text.lower() in url.lower() else f"{text} ({url})"


def _strip_front_matter(text: str) -> str:
    match = re.match(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", text, re.S)
    if match and match.group(1).count("\n") < 80 and re.search(r"^\w[\w -]*:", match.group(1), re.M):
        return text[match.end():]
    return text


def _assemble(
    pages: list[str], heading_lines: list[tuple[str, int]], *, markdown: bool
) -> tuple[str, tuple[int, ...], tuple[tuple[int, int, int], ...]]:
    """Clean every page and join them, recording page starts and heading spans with their levels.
    `heading_lines` are (line, level) of the lines a DOCX styles as headings."""
    out: list[str] = []
    page_starts: list[int] = []
    headings: list[tuple[int, int, int]] = []
    wanted = {" ".join(clean_line(h, markdown=False)[0].split()): level for h, level in heading_lines}
    length = 0
    last_line, last_is_heading = "", False
    for number, page in enumerate(pages):
        if number == 0 and markdown:
            page = _strip_front_matter(page.replace("\r\n", "\n"))
        if out:
            # A sentence that runs on over the page break stays one paragraph ("... and this" /
            # "Exhibit A, or the purposes ...").
            runs_on = last_line and not last_is_heading and not SENTENCE_END.search(last_line)
            if not runs_on:  # a page break is a paragraph break
                out.append("\n\n")
                length += 2
        page_starts.append(length)
        blank = True
        raws = page.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
        if markdown:
            raws = _head_footnotes(_number_html_lists(_split_run_in_titles(raws)))
        for number_in_page, raw in enumerate(raws):
            underline = raws[number_in_page + 1] if number_in_page + 1 < len(raws) else ""
            # Markdown "setext" headings: a short line underlined with === or ---.
            setext = markdown and bool(_SETEXT.match(underline)) and 0 < len(raw.strip()) <= 150 \
                and not _SETEXT.match(raw) and not _RULE.match(raw)
            setext_level = (1 if underline.strip().startswith("=") else 2) if setext else 0
            underlined = number_in_page > 0 and raws[number_in_page - 1].strip() and _SETEXT.match(raw)
            if _RULE.match(raw.translate(_INVISIBLE)) or underlined:
                raw = ""
            line, heading = clean_line(raw, markdown=markdown)
            heading = heading or setext_level
            stripped = line.strip()
            if not stripped:
                if not blank:
                    out.append("\n")
                    length += 1
                blank = True
                continue
            heading = wanted.get(" ".join(stripped.split()), heading)
            start = length
            out.append(line + "\n")
            length += len(line) + 1
            if heading:
                indent = len(line) - len(line.lstrip())
                headings.append((start + indent, start + len(line), heading))
            blank = False
            last_line, last_is_heading = stripped, bool(heading)
    text = "".join(out)
    return text, tuple(page_starts), tuple(headings)


# "* **Documented Instructions.** PSI shall ...": a paragraph that opens with a bold title and a
# full stop is a provision of its own, titled like a bold heading line. Not "**Datum:** 23
# februari": a label and its value stay one line.
_RUN_IN_TITLE = re.compile(r"^\s*(?:[-*•]\s+)?(\*\*|__)(?P<title>[A-Z][^*_\n]{2,80}?)(?:\.\1|\1\.)\s+(?P<body>[^\s<].*)$")


# HTML lists in a Markdown file (a DPA saved from a web page): a browser numbers <li> items, and
# the numbers are what the clauses are cited by ("Clause 8.1(b)").
_LIST_TAG = re.compile(r"<(/?)(ol|ul|li)\b([^<>]*)>", re.I)
_LIST_STYLE = re.compile(r"list-style-type\s*:\s*([\w-]+)|\btype\s*=\s*[\"']?([1aAiI])", re.I)
# CSS list-style-type and HTML type="..." as Word's numbering formats, rendered by _format_number.
_LIST_FORMATS = {"decimal": "decimal", "lower-alpha": "lowerLetter", "lower-latin": "lowerLetter",
                 "upper-alpha": "upperLetter", "upper-latin": "upperLetter", "lower-roman": "lowerRoman",
                 "upper-roman": "upperRoman", "1": "decimal", "a": "lowerLetter", "A": "upperLetter",
                 "i": "lowerRoman", "I": "upperRoman"}


def _list_label(fmt: str, number: int) -> str:
    if fmt == "bullet":
        return "-"
    return f"{number}." if fmt == "decimal" else f"({_format_number(number, fmt)})"


def _number_html_lists(raws: list[str]) -> list[str]:
    """Each <li> of an HTML list gets the number a browser shows: 1., (a), (i) or a bullet."""
    if not any("<li" in raw.lower() for raw in raws):
        return raws
    stack: list[list] = []  # [numbering format, items so far] per open list

    def render(match: re.Match) -> str:
        closing, tag, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if tag in ("ol", "ul"):
            if closing:
                if stack:
                    stack.pop()
            elif tag == "ul":
                stack.append(["bullet", 0])
            else:
                style = _LIST_STYLE.search(attributes)
                kind = (style.group(1).lower() if style.group(1) else style.group(2)) if style else "decimal"
                stack.append([_LIST_FORMATS.get(kind, "decimal"), 0])
            return match.group(0)
        if closing or not stack:
            return match.group(0)
        stack[-1][1] += 1
        return f"{match.group(0)}{_list_label(stack[-1][0], stack[-1][1])} "

    return [_LIST_TAG.sub(render, raw) for raw in raws]


_NOTE_TARGET = re.compile(r'^\s*<p\b[^>]*\bid="([^"]+)"[^>]*>\s*\(?\d{1,3}\)?\s', re.I)


def _head_footnotes(raws: list[str]) -> list[str]:
    """A web page's footnotes (`<p id="EEA">(1) ...` that a `href="#EEA"` points to) under a
    heading of their own, "Notes": otherwise they read as paragraphs of the last clause."""
    cited = {m.group(1) for raw in raws for m in re.finditer(r'href="#([^"]+)"', raw)}
    for n, raw in enumerate(raws):
        if (match := _NOTE_TARGET.match(raw)) and match.group(1) in cited:
            return raws[:n] + ["**Notes**", ""] + raws[n:]
    return raws


def _split_run_in_titles(raws: list[str]) -> list[str]:
    out: list[str] = []
    for raw in raws:
        match = _RUN_IN_TITLE.match(raw)
        if match and len(match["title"].split()) <= _RUN_IN_TITLE_WORDS:
            out += [f"**{match['title']}**", "", match["body"]]
        else:
            out.append(raw)
    return out


def _guess_title(text: str, path: Path) -> str:
    for line in text.splitlines():
        words = " ".join(re.sub(r"_{3,}|\.{4,}|…+", " ", line).split()).strip(" |:")
        if re.search(r"[^\W\d_]{3,}", words) and 3 <= len(words) <= 120:
            return words
    return path.stem


# --- language ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _language_detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.DUTCH).build()


def detect_language(text: str) -> str:
    """'nl' or 'en' for the texts semdpa handles; decided on a sample of the document."""
    sample = " ".join(text.split())[:20000]
    if not sample:
        return "en"
    from lingua import Language

    language = _language_detector().detect_language_of(sample)
    return "nl" if language == Language.DUTCH else "en"
