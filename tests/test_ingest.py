"""Reading agreements: cleaning, formats, languages and every kind of bad file."""

from __future__ import annotations

import os

import pytest

from semdpa.errors import InputError
from semdpa.ingest import EMPHASIS_LEVEL, clean_line, read_document
from semdpa.segment import segment_clauses

from .conftest import REFERENCE, SEEDS


@pytest.mark.parametrize("raw, text, heading", [
    ("#### **Artikel 5: Vertrouwelijkheid**", "Artikel 5: Vertrouwelijkheid", 4),
    ("**Artikel 1: Definities**", "Artikel 1: Definities", EMPHASIS_LEVEL),
    ("**Partijen:**", "Partijen:", EMPHASIS_LEVEL),
    ("## BIJLAGE 2: BEVEILIGINGSBIJLAGE", "BIJLAGE 2: BEVEILIGINGSBIJLAGE", 2),
    ("<h3>Artikel 2</h3>", "Artikel 2", 3),
    ('<p id="attachment3"><h1>Attachment 3 – GDPR Terms</h1></p>', "Attachment 3 – GDPR Terms", 1),
    ("informeert Verwerker *onverwijld* indien", "informeert Verwerker onverwijld indien", 0),
    ("Privacy 4.0<sup>1</sup>", "Privacy 4.0[1]", 0),
    ("<b>Betrokkene: Onderwijsdeelnemer</b>", "Betrokkene: Onderwijsdeelnemer", EMPHASIS_LEVEL),
    ("\tVoorletter(s)\t<input type=\"checkbox\"/>", "| Voorletter(s) | ☐", 0),
    ("De <naam> <rechtspersoon.>, KvK-nummer <KvK-nummer>", "De <naam> <rechtspersoon.>, KvK-nummer <KvK-nummer>", 0),
    ("verwerkings\u00adverantwoordelijke\u00a0en\u00a0verwerker", "verwerkingsverantwoordelijke en verwerker", 0),
    ("te vinden op [www.privacyconvenant.nl](http://www.privacyconvenant.nl)", "te vinden op www.privacyconvenant.nl", 0),
    ("zie [de website](https://example.org/dpa)", "zie de website (https://example.org/dpa)", 0),
    ("Organisatie: _____ Naam: _____", "Organisatie: _____ Naam: _____", 0),
    ("Article 1\\. Purposes of processing", "Article 1. Purposes of processing", 0),
    ("5  werkdagen   bezwaar", "5 werkdagen bezwaar", 0),
    # ResearchEquals' SCC and GitHub's appendix divide a list marker from its text by a tab.
    ("(a)\tThe Parties undertake not to modify the Clauses", "(a) The Parties undertake not to modify the Clauses", 0),
    ("-\tDependents of the above;", "- Dependents of the above;", 0),
    ("1\tName\tAddress", "1 | Name | Address", 0),
    # Word's Symbol-font bullet as a PDF without a Unicode map for it gives it.
    ("\uf0b7 The Processor shall notify the Controller.", "• The Processor shall notify the Controller.", 0),
    # Clever's Annex I labels its part B with a Cyrillic "В"; a word wholly in Cyrillic or Greek stays.
    ("**\u0412. DESCRIPTION OF TRANSFER**", "B. DESCRIPTION OF TRANSFER", EMPHASIS_LEVEL),
    ("\u0422he processor", "The processor", 0),
    ("\u041c\u043e\u0441\u043a\u0432\u0430 and \u03b1-helix", "\u041c\u043e\u0441\u043a\u0432\u0430 and \u03b1-helix", 0),
])
def test_clean_line(raw, text, heading):
    assert clean_line(raw) == (text, heading)


def test_seeds_read_as_dutch_and_keep_their_words():
    for path in SEEDS:
        document = read_document(path)
        assert document.language == "nl"
        assert document.page_starts == (0,)
        assert len(document.sha256) == 64
    reference = read_document(REFERENCE)
    assert "**" not in reference.text and "<sup>" not in reference.text and "<input" not in reference.text
    assert "Partijen zullen te goeder trouw in onderling overleg afspraken maken" in reference.text
    assert reference.title == "De school waar jij 't maakt"


def test_english_corpus_file_is_english(corpus):
    assert read_document(corpus / "eu_scc_2021-915_controller-processor_en.md").language == "en"
    assert read_document(corpus / "lcomp_verwerkersovereenkomst_nl.md").language == "nl"


def test_utf16_and_windows_1252_text_are_decoded(tmp_path):
    text = "Artikel 1. Aansprakelijkheid\n\n1. De verwerker is aansprakelijk tot € 5.000,- per gebeurtenis; geëist.\n"
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(text.encode("utf-16"))
    cp1252 = tmp_path / "ansi.txt"
    cp1252.write_bytes(text.encode("cp1252"))
    for path in (utf16, cp1252):
        document = read_document(path)
        assert "€ 5.000,- per gebeurtenis; geëist." in document.text
        assert [c.id for c in segment_clauses(document)] == ["1.1"]


def _pdf(path, pages, *, header=None, footer=True, encrypt=None):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        if header:
            pdf.set_xy(10, 8)
            pdf.cell(0, 6, header)
        y = 24
        for line in lines:
            pdf.set_xy(10, y)
            pdf.cell(0, 6, line)
            y += 7
        if footer:
            pdf.set_xy(10, 285)
            pdf.cell(0, 6, f"Pagina {number} van {len(pages)}")
    if encrypt:
        from fpdf.enums import EncryptionMethod

        pdf.set_encryption(owner_password="owner", user_password=encrypt, encryption_method=EncryptionMethod.RC4)
    pdf.output(str(path))
    return path


def test_pdf_pages_headers_footers_and_hyphenation(tmp_path):
    path = _pdf(tmp_path / "dpa.pdf", [
        ["Artikel 1. Onderwerp", "1. Deze overeenkomst regelt de verwerking door de verwerker in opdracht van de",
         "verwerkings-", "verantwoordelijke, met inachtneming van wet- en regelgeving."],
        ["Artikel 2. Datalekken", "1. De verwerker meldt een datalek binnen 24 uur aan de verwerkingsverantwoordelijke."],
    ], header="Verwerkersovereenkomst Acme - vertrouwelijk")
    document = read_document(path)
    assert document.source_format == "pdf" and document.page_count == 2
    assert "Acme - vertrouwelijk" not in document.text
    assert "Pagina" not in document.text
    assert "in opdracht van de\nverwerkingsverantwoordelijke, met inachtneming van wet- en regelgeving." in document.text
    clauses = {c.id: c for c in segment_clauses(document)}
    assert list(clauses) == ["1.1", "2.1"]
    assert clauses["1.1"].page == 1 and clauses["2.1"].page == 2
    assert clauses["2.1"].text == "De verwerker meldt een datalek binnen 24 uur aan de verwerkingsverantwoordelijke."


def test_encrypted_pdf_needs_its_password(tmp_path):
    path = _pdf(tmp_path / "locked.pdf", [["Artikel 1. Geheimhouding", "1. De verwerker houdt alles geheim."]],
                encrypt="geheim")
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value) == f"{path}: PDF is password-protected; give the password with --password"
    with pytest.raises(InputError, match="wrong password"):
        read_document(path, password="fout")
    assert "De verwerker houdt alles geheim." in read_document(path, password="geheim").text


def test_pdf_without_text_layer_and_no_ocr(tmp_path, monkeypatch):
    from fpdf import FPDF

    monkeypatch.setattr("semdpa.ingest.ocr_available", lambda: False)

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value).startswith(f"{path}: PDF has no text layer (scanned?)")
    assert "apt-get install tesseract-ocr tesseract-ocr-nld" in str(error.value)


def _scanned_pdf(path, lines):
    """A PDF whose only page is an image of text, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    font = ImageFont.truetype(font_path, 38) if os.path.exists(font_path) else ImageFont.load_default()
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((150, 200 + 70 * n), line, fill=0, font=font)
    png = path.with_suffix(".png")
    image.save(png)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


def test_scanned_pdf_is_read_by_ocr_and_marked(tmp_path):
    from semdpa.ingest import ocr_available

    if not ocr_available():
        pytest.skip("Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-nld; pip install pytesseract pypdfium2)")
    path = _scanned_pdf(tmp_path / "scan.pdf", [
        "7. Datalekken",
        "7.1 In geval van een ontdekking van een mogelijk Datalek zal ik de opdrachtgever",
        "hierover informeren binnen 24 uur via mail of telefoon.",
        "7.2 Na de melding van een Datalek houd je mij op de hoogte van nieuwe ontwikkelingen.",
    ])
    document = read_document(path)
    assert document.ocr_pages == (1,)
    clauses = {c.id: c for c in segment_clauses(document)}
    assert {"7.1", "7.2"} <= set(clauses)
    assert "binnen 24 uur" in clauses["7.1"].text and clauses["7.1"].ocr


def test_docx_headings_numbering_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Artikel 1: Beveiliging", level=2)
    document.add_paragraph("De verwerker neemt passende maatregelen.", style="List Number")
    document.add_paragraph("De verwerker evalueert de maatregelen jaarlijks.", style="List Number")
    document.add_heading("Bijlage 1: Subverwerkers", level=2)
    table = document.add_table(rows=2, cols=2)
    for (row, col), value in {(0, 0): "Naam", (0, 1): "Land", (1, 0): "AWS", (1, 1): "Ierland"}.items():
        table.cell(row, col).text = value
    path = tmp_path / "dpa.docx"
    document.save(path)
    read = read_document(path)
    assert read.source_format == "docx"
    assert [(read.text[a:b], level) for a, b, level in read.heading_spans] == \
        [("Artikel 1: Beveiliging", 2), ("Bijlage 1: Subverwerkers", 2)]
    clauses = {c.id: c for c in segment_clauses(read)}
    assert list(clauses) == ["1.1", "1.2", "Bijlage 1"]
    assert clauses["1.2"].text == "De verwerker evalueert de maatregelen jaarlijks."
    assert clauses["Bijlage 1"].text == "Naam | Land AWS | Ierland"


def _bold_runs(paragraph, markdown: str) -> None:
    """Runs of a Word paragraph from a line with Markdown **bold** marks."""
    for n, part in enumerate(markdown.split("**")):
        if part:
            paragraph.add_run(part).bold = n % 2 == 1


def test_docx_bold_titles_make_the_same_clauses_as_the_markdown(tmp_path, corpus):
    """Logfire's DPA as Word writes it: the article title a paragraph in bold, each provision a
    bullet that opens with its title in bold ("**Confidentiality.** Any person ..."). Without
    the bold, the nine provisions were one clause with no titles."""
    import re

    import docx

    source = corpus / "logfire_dpa_en.md"
    lines = source.read_text(encoding="utf-8").splitlines()
    start = lines.index("## 2. Processing Terms for Customer Personal Data")
    end = lines.index("## 3. Information Security Program")
    document = docx.Document()
    for line in lines[start:end]:
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links as their text
        if line.startswith("## "):
            _bold_runs(document.add_paragraph(), f"**{line[3:]}**")
        elif line.strip():
            _bold_runs(document.add_paragraph(style="List Bullet"), line.removeprefix("* "))
    _bold_runs(document.add_paragraph(), "**" + "A paragraph in bold that runs on. " * 6 + "**")
    _bold_runs(document.add_paragraph(), "1.1 **Numbered.** A numbered paragraph keeps its bold opening.")
    path = tmp_path / "logfire.docx"
    document.save(path)

    expected = [c for c in segment_clauses(read_document(source)) if c.heading.startswith("2. ")]
    clauses = segment_clauses(read_document(path))
    assert [(c.id, c.heading) for c in clauses[:9]] == [(c.id, c.heading) for c in expected]
    assert clauses[3].id == "2 Confidentiality"
    assert clauses[3].heading == "2. Processing Terms for Customer Personal Data > Confidentiality"
    assert clauses[3].text == "Any person authorized to Process Customer Personal Data must be legally bound or " \
        "obligated to maintain the confidentiality of such information."
    # A long paragraph all in bold is text; a numbered paragraph keeps its bold opening in its text.
    assert clauses[8].text.endswith("A paragraph in bold that runs on. 1.1 Numbered. A numbered paragraph keeps its bold opening.")


def test_docx_bullets_make_the_same_clauses_as_the_markdown(tmp_path, corpus):
    """Plausible's obligations as Word writes them: a heading, then "List Bullet" paragraphs. Word
    keeps the bullet out of the text; without it the ten provisions were one clause."""
    import docx

    source = corpus / "plausible_dpa_en.md"
    lines = source.read_text(encoding="utf-8").splitlines()
    start = lines.index("## Processor’s obligations with respect to the controller")
    end = lines.index("## How we handle delete instructions")
    document = docx.Document()
    document.add_heading("Processor’s obligations with respect to the controller", level=2)
    for line in lines[start + 1:end]:
        if line.startswith("* "):
            document.add_paragraph(line.removeprefix("* "), style="List Bullet")
    path = tmp_path / "plausible.docx"
    document.save(path)

    expected = [(c.id, c.text) for c in segment_clauses(read_document(source)) if c.id.startswith("Processor’s")]
    assert len(expected) == 10
    assert [(c.id, c.text) for c in segment_clauses(read_document(path))] == expected


def test_docx_items_set_in_by_hand_nest_as_in_the_markdown(tmp_path, corpus):
    """Common Paper's sections as Word writes them when the numbers are typed: "1. Processor and
    Subprocessor Relationships", then its items "1.", "2." set in. Read flat, the items of
    section 2 went on numbering section 1, and 45 clauses were 20."""
    import re

    import docx

    source = corpus / "commonpaper_dpa_v1.1_en.md"
    document = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        paragraph = document.add_paragraph(re.sub(r"\s+", " ", line.strip()))
        if line.startswith(" "):
            paragraph.paragraph_format.left_indent = docx.shared.Cm(1)
    path = tmp_path / "commonpaper.docx"
    document.save(path)

    expected = [c.id for c in segment_clauses(read_document(source))]
    clauses = segment_clauses(read_document(path))
    assert [c.id for c in clauses] == expected
    assert clauses[2].id == "2.1" and clauses[2].text.startswith("Processing Details. Annex I(B) on the Cover Page")


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "file is empty"),
    ("blank.md", b"   \n\n  ", "file is empty"),
    ("random.pdf", os.urandom(2048).replace(b"%PDF", b"xxxx"), "not a PDF file (no %PDF header)"),
    ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", "unreadable or damaged PDF"),
    ("random.docx", os.urandom(2048), "not a valid DOCX file"),
    ("binary.txt", b"\x00\x01\x02" * 500, "binary data, not text"),
    ("old.doc", b"\xd0\xcf\x11\xe0 old word", "unsupported file type '.doc' (save it as .docx or .pdf)"),
    ("punctuation.txt", b"---\n***\n", "no text found in document"),
])
def test_bad_files_get_one_line_errors_naming_the_file(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_document(path)
    message = str(error.value)
    assert message.startswith(f"{path}: {reason}")
    assert "\n" not in message


def test_missing_file_directory_and_size_limit(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "absent.pdf")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)
    big = tmp_path / "big.txt"
    big.write_text("Artikel 1. Tekst\n" * 1000)
    with pytest.raises(InputError, match=r"over the 0 MB limit"):
        read_document(big, max_bytes=100)


def test_pdf_with_thousands_of_pages_is_refused(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(2500):
        writer.add_blank_page(width=200, height=200)
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value) == f"{path}: PDF has 2500 pages, over the 2000-page limit"
    assert "Artikel" in read_document(_pdf(tmp_path / "ok.pdf", [["Artikel 1. Tekst", "1. Een lid."]]), max_pages=5).text


def test_pdf_bomb_is_refused_without_blowing_up_memory(tmp_path):
    """A content stream that inflates to 200 MB: one line, bounded memory and time."""
    import resource
    import zlib

    from pypdf import PdfWriter
    from pypdf.generic import EncodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    stream = EncodedStreamObject()
    stream._data = zlib.compress(b"0 0 m\n" * 33_000_000, 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    path = tmp_path / "bomb.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value).startswith(f"{path}: ") and "\n" not in str(error.value)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 400  # pypdf stops inflating at its 75 MB limit


def test_html_lists_are_numbered_as_a_browser_shows_them(tmp_path):
    path = tmp_path / "page.md"
    path.write_text(
        "## Clause 8\n\n"
        '<ol style="list-style-type:lower-alpha">\n'
        "  <li>The importer shall process the data only on instructions.</li>\n"
        "  <li>The importer shall:\n"
        '  <ol style="list-style-type:lower-roman"><li>notify the exporter;</li><li>assist it.</li></ol></li>\n'
        "</ol>\n\n"
        '<ol type="1"><li>First.</li><li>Second.</li></ol>\n\n<ul><li>A bullet.</li></ul>\n', encoding="utf-8")
    text = read_document(path).text
    assert "(a) The importer shall process the data only on instructions." in text
    assert "(b) The importer shall:" in text and "(i) notify the exporter; (ii) assist it." in text
    assert "1. First." in text and "2. Second." in text and "- A bullet." in text


def test_a_web_pages_lists_and_footnotes_make_its_clauses(corpus):
    """GitHub's DPA is HTML inside Markdown: its transfer SCC and its Article 28 terms are <ol>
    lists with no numbers in the text. Each list was one clause ("Clause 8.6" with (a) to (d),
    Attachment 3's seven obligations together), and the SCC's footnotes ran into the last one."""
    clauses = {c.id: c for c in segment_clauses(read_document(corpus / "github_dpa_en.md"))}
    assert clauses["Attachment 1 8.6(c)"].text.startswith(
        "In the event of a personal data breach concerning personal data processed by the data importer")
    assert [f"Attachment 1 8.6({letter})" in clauses for letter in "abcd"] == [True] * 4
    article_28 = [k for k in clauses if k.startswith("Attachment 3 Relevant GDPR Obligations")]
    assert len(article_28) == 7
    breach = clauses["Attachment 3 Relevant GDPR Obligations: Articles 28, 7"]
    assert breach.text == "GitHub shall notify Customer without undue delay after becoming aware of a Personal " \
        "Data breach (Article 33(2)). Such notification will include that information a processor must provide " \
        "to a controller under Article 33(3) to the extent such information is reasonably available to GitHub."
    assert clauses["Attachment 3 Notes 1"].text.startswith("The Agreement on the European Economic Area")


def test_a_pdf_page_whose_layout_cannot_be_read_keeps_its_text():
    # Fonts and positions are a help; when pypdf cannot give them, the page's text still counts.
    from semdpa.ingest import _pdf_page_lines

    class Page:
        def extract_text(self, **visitors):
            if visitors:
                raise ValueError("a damaged font dictionary")
            return "1. The Processor keeps the data confidential."

    assert _pdf_page_lines(Page()) == ("1. The Processor keeps the data confidential.", [])
