"""Clause segmentation on the real seed agreements and corpus files: exact ids and texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from semdpa.ingest import read_document
from semdpa.segment import in_annex_part, is_annex_label, segment_clauses
from semdpa.types import Document

from .conftest import REFERENCE, SEEDS, seed


def clauses_of(path):
    return segment_clauses(read_document(path))


def by_id(path):
    return {c.id: c for c in clauses_of(path)}


def test_reference_articles_follow_artikel_and_lid_numbering():
    ids = [c.id for c in clauses_of(REFERENCE)]
    body = [i for i in ids if re.fullmatch(r"\d+(\.\d+)?", i)]
    assert body == [
        "1", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "3.4", "3.5",
        "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4",
        "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8",
        "8.1", "8.2", "8.3", "9.1", "9.2", "9.3", "10.1", "10.2", "10.3", "11.1", "11.2", "11.3", "11.4",
        "12.1", "12.2", "12.3", "12.4", "12.5", "13.1", "13.2", "13.3", "13.4", "13.5", "14.1", "14.2",
        "15.1", "15.2",
    ]
    assert ids[:6] == ["Preamble", "Algemene Verwerkersovereenkomst 4.0", "Partijen 1", "Partijen 2",
                       "Overwegen het volgende a", "Overwegen het volgende b"]


def test_reference_clause_texts_and_headings():
    clauses = by_id(REFERENCE)
    assert clauses["7.1"].heading == "Artikel 7: Datalekken"
    assert clauses["7.1"].text == "Beide Partijen hebben een passend beleid voor de omgang met Datalekken."
    assert clauses["15.1"].heading == "Artikel 15: Toepasselijk recht en geschillenbeslechting"
    assert clauses["15.1"].text == "De Verwerkersovereenkomst en de uitvoering daarvan worden beheerst door Nederlands recht."
    # The emphasis of "*zonder onredelijke vertraging*" is gone, the words are not.
    assert "daarover zonder onredelijke vertraging informeren" in clauses["7.2"].text


def test_lettered_list_stays_with_its_introducing_sentence():
    clauses = by_id(REFERENCE)
    assert clauses["5.2"].text.startswith("De in lid 1 bedoelde geheimhoudingsplicht geldt niet in de hierna genoemde gevallen: - a. voor zover")
    assert clauses["5.2"].text.endswith("c. indien Verwerker op grond van een Unierechtelijke of lidstaatrechtelijke bepaling tot verstrekking verplicht is.")
    # The audit clause keeps its sub-items a-e, including who pays (sub e).
    assert "- e. Partijen komen overeen dat de kosten van een audit" in clauses["6.6"].text
    assert clauses["1"].text.startswith("In deze Verwerkersovereenkomst wordt verstaan onder: - a. AVG:")
    assert "- m. Toezichthoudende Autoriteit" in clauses["1"].text


def test_reference_annexes_with_lettered_sections_and_tables():
    clauses = by_id(REFERENCE)
    annex_ids = [i for i in clauses if i.startswith("Bijlage")]
    assert annex_ids[:8] == ["Bijlage 1 A", "Bijlage 1 B", "Bijlage 1 C", "Bijlage 1 D", "Bijlage 1 D.1",
                             "Bijlage 1 E", "Bijlage 1 F.1", "Bijlage 1 F.2"]
    assert {"Bijlage 1 G", "Bijlage 1 H", "Bijlage 2 A", "Bijlage 2 B", "Bijlage 2 C"} <= set(annex_ids)
    breach_annex = clauses["Bijlage 2 C"]
    assert breach_annex.heading == "BIJLAGE 2: BEVEILIGINGSBIJLAGE > C. Afspraken over het informeren over beveiligingsincidenten en/of Datalekken"
    assert breach_annex.text.startswith("Verwerker heeft een procedure voor de monitoring en identificatie van incidenten")
    # The checkbox tables of Bijlage 1 F stay with the item that introduces them, as rows of cells.
    assert clauses["Bijlage 1 F.1"].text.startswith("Geef in de onderstaande tabel aan over welke categorieën Betrokkenen")
    assert "Betrokkene: Onderwijsdeelnemer | |" in clauses["Bijlage 1 F.1"].text
    assert "Contactgegevens | Voorna(a)m(en) | ☐" in clauses["Bijlage 1 F.1"].text


def test_list_of_annexes_before_the_signatures_is_not_an_annex():
    clauses = by_id(REFERENCE)
    assert "Bijlage 1" not in clauses  # "Bijlage 1: Privacybijsluiter" in the signature block is a mention
    assert sum(1 for i in clauses if i.startswith("Bijlage 1 A")) == 1


def test_vendor_000_artikel_headings_with_indented_paragraphs():
    clauses = by_id(seed("000"))
    assert [i for i in clauses if i.startswith(("6.", "7."))] == ["6.1", "6.2", "7.1", "7.2"]
    assert clauses["6.1"].heading == "Artikel 6. Derden en onderaannemers"
    assert "Verwerkingsverantwoordelijke dient binnen 5 werkdagen bezwaar te maken" in clauses["6.1"].text
    assert clauses["10.5"].text == "De rechtskeuze en bevoegde rechter komen overeen met het bepaalde in de Overeenkomst."
    assert clauses["Annex 3"].heading == "Annex 3. Specificatie Subverwerkers"


def test_vendor_001_decimal_numbering_sub_items_and_letter_sections():
    clauses = by_id(seed("001"))
    assert ["1.3", "1.3.1", "1.3.2", "1.3.3", "2.1"] == [i for i in clauses if i.startswith(("1.3", "2.1"))]
    assert clauses["6.3"].text == (
        "De kennisgeving aan de Verwerkings-verantwoordelijke omvat in ieder geval: a) de (vooralsnog bekende en/of "
        "te verwachten) gevolgen van de Inbreuk; b) welke categorieën Persoonsgegevens zijn getroffen door de Inbreuk; "
        "c) of en hoe de betreffende Persoonsgegevens crypto grafisch waren beveiligd; d) de (voorgestelde) maatregelen "
        "om de gevolgen van de Inbreuk te beperken of verdere Inbreuken te voorkomen; e) de (vooralsnog) bekende, "
        "categorieën betrokkenen; f) het (vooralsnog) bekende, bij benadering, aantal betrokkenen; en g) eventueel "
        "afwijkende contactgegevens voor de opvolging van de melding."
    )
    assert clauses["8.2"].heading == "8 Aansprakelijkheid"
    # "10 Beschrijving Maatregelen" / "A. Algemeen" / "1." and a nested list that stays inside 10.B.2.
    assert [i for i in clauses if i.startswith("10.")][:5] == ["10.A.1", "10.A.2", "10.A.3", "10.A.4", "10.B.1"]
    assert clauses["10.B.2"].text.startswith("(Logische toegang) controle (tot) systemen 1. Het installeren")
    assert "10.C" in clauses
    assert [i for i in clauses if i.startswith("Bijlage A")] == [
        "Bijlage A", "Bijlage A 1", "Bijlage A 2", "Bijlage A 3", "Bijlage A 4", "Bijlage A 5", "Bijlage A 6"]
    assert clauses["Bijlage A 6"].text == "Ingeschakelde subverwerkers PinkRoccade Hosting Services, Nederland"


def test_vendor_003_list_marker_before_real_number_and_untitled_article():
    clauses = by_id(seed("003"))
    assert clauses["1.1"].heading == "1. Definities:"
    assert clauses["1.1"].text.startswith("Persoonsgegevens: alle informatie over een geïdentificeerde")
    assert clauses["7.1"].text == (
        "In geval van een ontdekking van een mogelijk Datalek zal ik de bovengenoemde hierover informeren binnen "
        "24 uur via mail of telefoon en hem of haar de informatie verstrekken die is aangegeven in Bijlage 3, zodat "
        "Ik indien nodig een melding bij de Toezichthouder kan doen."
    )
    assert [i for i in clauses if i.startswith("9.")] == ["9.1", "9.2", "9.3"]  # "1. 9.1 ..." in the source
    assert clauses["10.4"].text == "Op deze Verwerkersovereenkomst en jouw werkzaamheden is het Nederlandse recht van toepassing."
    assert [i for i in clauses if re.fullmatch(r"Bijlage \d", i)] == ["Bijlage 1", "Bijlage 2", "Bijlage 3"]


def test_vendor_004_bulleted_decimal_numbering_and_roman_annexes():
    clauses = by_id(seed("004"))
    assert [i for i in clauses if i.startswith("5.")] == [f"5.{n}" for n in range(1, 10)]
    assert clauses["5.2"].text == "Deze Overeenkomst kan door een Partijen schriftelijk worden opgezegd met inachtneming van een opzegtermijn van 3 maanden."
    assert clauses["6.1"].text.endswith("- binnen 30 dagen back-ups van de Persoonsgegevens verwijderen.")
    assert clauses["7.4"].text.endswith("zal nooit meer bedragen dan € 5.000,- (zegge: vijfduizend euro).")
    assert clauses["Bijlage I Gebruikers"].heading == "Bijlage I - Persoonsgegevens > Gebruikers"


def test_eu_scc_clauses_subclauses_and_lettered_paragraphs(corpus):
    clauses = by_id(corpus / "eu_scc_2021-915_controller-processor_en.md")
    ids = list(clauses)
    assert ids[:8] == ["1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)", "2(a)", "2(b)"]
    assert ["7.1(a)", "7.1(b)", "7.2", "7.3", "7.4(a)", "7.4(b)", "7.5"] == ids[ids.index("7.1(a)"):ids.index("7.5") + 1]
    assert clauses["7.3"].text == "Processing by the processor shall only take place for the duration specified in Annex II."
    assert clauses["7.7(c)"].heading == "Clause 7 — Obligations of the Parties > 7.7. Use of sub-processors"
    # (a)-(c) introduced by "at least:" stay inside 9.2.
    assert "(a) a description of the nature of the breach" in clauses["9.2"].text
    assert ["Annex I", "Annex II", "Annex III"] == [i for i in ids if re.fullmatch(r"Annex I+", i)]
    # Annex III's example measures are a list without bullets, not a heading over every other line.
    assert [i for i in ids if i.startswith("Annex III")] == ["Annex III"]
    assert "Measures for ensuring events logging Measures for ensuring system configuration" in clauses["Annex III"].text
    assert clauses["Annex III"].text.endswith("to be able to provide assistance to the controller.")


@pytest.mark.parametrize("name, expected", [
    ("renaissance_it_dpa_en.md", ["Preamble", "1.1", "1.2", "1.3"]),  # PDF text: "1.1.Concerned:"
    ("commonpaper_dpa_v1.1_en.md", ["1.1", "1.2", "2.1"]),      # indented "1." under "1. Title"
    ("keboola_dpa_en.md", ["Preamble", "1", "2"]),               # bare numbered paragraphs
    ("starred_bewerkersovereenkomst_nl.md", ["Preamble", "in aanmerking nemende dat", "1.1"]),
])
def test_corpus_numbering_styles(corpus, name, expected):
    ids = [c.id for c in clauses_of(corpus / name)]
    assert ids[: len(expected)] == expected


def test_pdf_style_cross_reference_does_not_start_a_clause(corpus):
    ids = [c.id for c in clauses_of(corpus / "renaissance_it_dpa_en.md")]
    assert "2.6 (2)" not in ids and ids.count("2.6") == 1


def _non_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_spans_partition_the_seed_text(path):
    document = read_document(path)
    clauses = segment_clauses(document)
    assert clauses[0].span[0] == 0 and clauses[-1].span[1] == len(document.text)
    for before, after in zip(clauses, clauses[1:]):
        assert before.span[1] == after.span[0]
    assert "".join(_non_space(document.text[a:b]) for a, b in (c.span for c in clauses)) == _non_space(document.text)
    for clause in clauses:
        assert _non_space(clause.text) in _non_space(document.text[clause.span[0]:clause.span[1]])


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_clause_ids_are_unique_and_pages_set(path):
    clauses = clauses_of(path)
    assert len({c.id for c in clauses}) == len(clauses)
    assert all(c.page == 1 for c in clauses)  # text files have one page
    assert [c.position for c in clauses] == list(range(len(clauses)))


def test_empty_and_whitespace_documents_have_no_clauses():
    empty = Document(name="x", title="x", language="nl", text="", sha256="0")
    assert segment_clauses(empty) == []
    blank = Document(name="x", title="x", language="nl", text="\n\n   \n", sha256="0")
    assert segment_clauses(blank) == []


def test_a_document_of_headings_only_is_one_clause():
    text = "Artikel 1. Geheimhouding\n"
    document = Document(name="x", title="x", language="nl", text=text, sha256="0")
    assert [(c.id, c.text, c.span) for c in segment_clauses(document)] == [("1", "Artikel 1. Geheimhouding", (0, len(text)))]


def test_preamble_items_yield_their_number_to_the_article():
    ids = [c.id for c in clauses_of(seed("003"))]
    assert ids[:4] == ["Preamble", "Preamble 1", "1", "1.1"]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_a_pdf_of_the_seed_keeps_its_numbered_clauses(path, tmp_path):
    """Wrapped PDF lines ("artikel 15 AVG ...", "36 AVG) uit te voeren.") must not start clauses."""
    from .conftest import write_pdf

    pdf = write_pdf(tmp_path / f"{path.stem}.pdf", read_document(path).text)
    numbered = lambda clauses: [c.id for c in clauses if re.fullmatch(r"\d+(?:\.\d+)*", c.id)]  # noqa: E731
    assert numbered(clauses_of(pdf)) == numbered(clauses_of(path))


def test_annex_clause_ids_are_recognised_as_annex():
    ids = [c.id for c in segment_clauses(read_document(REFERENCE))]
    annex = [i for i in ids if is_annex_label(i)]
    assert annex and all(i.startswith("Bijlage") for i in annex)
    assert not any(is_annex_label(i) for i in ids if not i.startswith("Bijlage"))
    assert is_annex_label("Annex I.3") and not is_annex_label("Annexes 7.2")


def test_items_after_a_plain_sub_heading_keep_the_article_numbering(tmp_path):
    path = tmp_path / "audit.md"
    path.write_text(
        "# Verwerkersovereenkomst\n\n## Artikel 7 — Beveiliging\n\n"
        "1. De Verwerker treft passende maatregelen.\n2. De maatregelen worden jaarlijks geëvalueerd.\n\n"
        "### Audit\n\n3. De Verwerkingsverantwoordelijke heeft het recht om audits uit te voeren.\n"
        "4. De kosten van een audit komen voor rekening van de Verwerkingsverantwoordelijke.\n\n"
        "## Artikel 8 — Datalekken\n\n1. De Verwerker meldt een Datalek binnen 24 uur.\n", encoding="utf-8")
    assert [(c.id, c.heading) for c in clauses_of(path)] == [
        ("7.1", "Artikel 7 — Beveiliging"), ("7.2", "Artikel 7 — Beveiliging"),
        ("7.3", "Artikel 7 — Beveiliging > Audit"), ("7.4", "Artikel 7 — Beveiliging > Audit"),
        ("8.1", "Artikel 8 — Datalekken")]


def test_scc_paragraphs_after_a_module_heading_keep_their_letters(corpus):
    # Clause 11: "(a) ...", then "MODULE TWO: Transfer controller to processor", then "(b)" to "(f)".
    clauses = by_id(corpus / "aptible_dpa_en.md")
    assert [i for i in clauses if i.startswith("Exhibit A 11")] == [f"Exhibit A 11({x})" for x in "abcdef"]
    assert clauses["Exhibit A 11(b)"].heading == "EXHIBIT A > Clause 11 — Redress > MODULE TWO: Transfer controller to processor"
    assert clauses["Exhibit A 11(b)"].text.startswith("In case of a dispute between a data subject and one of the Parties")
    # Clause 12 opens with the module label: it heads the paragraphs but does not number them,
    # so they are 12(a) to 12(g), as the SCC and a reviewer call them.
    assert [i for i in clauses if i.startswith("Exhibit A 12")] == [f"Exhibit A 12({x})" for x in "abcdefg"]
    assert clauses["Exhibit A 12(g)"].text == "The data importer may not invoke the conduct of a sub-processor to avoid its own liability."
    assert clauses["Exhibit A 12(g)"].heading == "EXHIBIT A > Clause 12 — Liability > MODULE TWO: Transfer controller to processor"
    assert clauses["Exhibit A 17"].text.startswith("These Clauses shall be governed by the law of")
    # A section whose items start again at 1 (or repeat the article's last number) keeps its own ids.
    ids = [c.id for c in clauses_of(corpus / "dgskills_verwerkersovereenkomst_model4-based_nl.md")]
    assert ids[ids.index("7.5"):ids.index("7.5") + 6] == ["7.5", "7 Audit 5", "7 Audit 6", "7 Audit 7", "7 Audit 8", "7 Audit 9"]


def test_run_in_article_titles_head_their_numbered_paragraphs(corpus):
    # "3. Processing of Personal Data. With respect to ..., Aptible will:" then "3.1. Process ...".
    clauses = by_id(corpus / "aptible_dpa_en.md")
    ids = list(clauses)
    assert ids[ids.index("1"):ids.index("1") + 12] == \
        ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2", "3", "3.1", "3.2"]
    assert clauses["3"].heading == "3. Processing of Personal Data"
    assert clauses["3"].text == "With respect to the processing of Personal Data, Aptible will:"
    assert clauses["2"].text.startswith("This DPA applies (i) when Personal Data of data subjects")
    assert clauses["3.6"].text.startswith("Notify Customer without undue delay")
    assert clauses["7.1"].heading == "7. Term and Expiration."
    assert not any(i.endswith("(2)") for i in ids[:40])


def test_a_quantity_in_brackets_at_a_line_start_is_not_an_item(corpus):
    # "... OVH shall notify the Client ... thirty\n(30) days in advance if the Sub-Processor ..."
    clauses = by_id(corpus / "ovhcloud_dpa_2020_en.md")
    assert "7.30" not in clauses
    assert "thirty (30) days in advance if the Sub-Processor is an OVH Affiliate" in clauses["7"].text


def test_a_marked_numbered_heading_may_end_in_a_full_stop(corpus):
    # "### 5. Use and Disclosure of Protected Data." then "#### 5.1 No Use in Marketing."
    clauses = by_id(corpus / "github_dpa_addendum_2020_en.md")
    assert "4.6.5" not in clauses and "Appendix 2 1.4.2" not in clauses
    assert clauses["5.1"].heading == "5. Use and Disclosure of Protected Data. > 5.1 No Use in Marketing."
    assert clauses["5.1"].text.startswith("GitHub will not use the Protected Data for the purposes of advertising")
    assert clauses["Appendix 2 2.1"].text.startswith("Upon Customer's written request and no more than o")


def test_a_numbered_title_over_deeper_paragraphs_is_their_heading(corpus):
    # "7.2 **Data Incidents**." then "7.2.1 **Incident Notification**. If Google becomes aware ...".
    clauses = by_id(corpus / "google_ads_data_processing_terms_en.md")
    assert "7.2" not in clauses and "5.1" not in clauses
    assert clauses["7.2.1"].heading == "7. Data Security > 7.2 Data Incidents."
    assert clauses["7.2.1"].text.startswith("Incident Notification. If Google becomes aware of a Data Incident, Google will:")
    assert [i for i in clauses if i.startswith("7.")] == \
        ["7.1.1", "7.1.2", "7.1.3", "7.2.1", "7.2.2", "7.2.3", "7.2.4", "7.2.5", "7.3.1", "7.3.2", "7.4", "7.5"]


def test_a_heading_after_the_last_article_at_its_rank_ends_the_article_and_annex(corpus):
    # "## Annex 1: ...", "## 1. Pseudonymization ..." to "## 11. Certifications and Standards", then
    # "## Changes to these documents": the annex's numbered parts are over.
    clauses = by_id(corpus / "simplelocalize_dpa_en.md")
    assert clauses["Annex 1 11"].heading == "Annex 1: Technical and Organizational Measures > 11. Certifications and Standards"
    assert clauses["Annex 1 2 Access Control"].heading.startswith("Annex 1: Technical and Organizational Measures > 2.")
    assert clauses["Changes to these documents"].heading == "Changes to these documents"
    assert clauses["Changes to these documents"].text.startswith("We may update this DPA and annexes from time to time.")
    assert clauses["Changelog"].heading == "Changelog"
    assert not any(i.startswith("Annex 1 11 ") for i in clauses)
    # "## SIGNATURES" after "## 8. GENERAL", the last article.
    assert "SIGNATURES" in by_id(corpus / "retool_dpa_en.md") and "8 SIGNATURES" not in by_id(corpus / "retool_dpa_en.md")


def test_a_heading_of_the_articles_rank_stays_inside_while_the_numbering_goes_on(tmp_path, corpus):
    # "#### Clause 8", "#### MODULE TWO: ...", "8.1 Instructions": Clause 9 is still to come.
    assert by_id(corpus / "aptible_dpa_en.md")["Exhibit A 8.1(a)"].heading == \
        "EXHIBIT A > Clause 8 — Data protection safeguards > 8.1 Instructions"
    path = tmp_path / "dpa.md"
    path.write_text(
        "## 1. Scope\n\nThis DPA applies to all processing.\n\n## Definitions\n\nTerms have the GDPR's meaning.\n\n"
        "## 2. Security\n\nThe processor implements appropriate measures.\n\n## Signatures\n\nName: Title:\n",
        encoding="utf-8")
    assert [(c.id, c.heading) for c in clauses_of(path)] == [
        ("1", "1. Scope"), ("1 Definitions", "1. Scope > Definitions"), ("2", "2. Security"),
        ("Signatures", "Signatures")]


def test_an_annex_starts_at_its_last_marked_heading_and_its_word_counts(corpus):
    # Clever: "## ANNEX II TO THE STANDARD CONTRACTUAL CLAUSES", then, inside the UK addendum's
    # Table 3, "Annex II: Technical and organizational measures ... of the data:" (a field label).
    clauses = by_id(corpus / "clever_european_dpa_en.md")
    assert clauses["Annex II"].heading == "ANNEX II TO THE STANDARD CONTRACTUAL CLAUSES"
    assert clauses["Schedule 4 Hierarchy 9"].heading == "Schedule 4: UK Addendum > Hierarchy"
    assert not any(i.startswith("Annex II ") for i in clauses)
    # GitHub: '<p id="attachment1"><h1>Attachment 1 - The Standard Contractual Clauses (EU/EEA)</h1></p>'
    # heads the SCCs; "Appendix 3" and "Attachment 3" are two annexes.
    clauses = by_id(corpus / "github_dpa_en.md")
    assert clauses["Attachment 1 8.1(a)"].text.startswith("The data importer shall process the personal data only")
    assert clauses["Attachment 2 5"].heading.startswith("Attachment 2 – The Standard Contractual Clauses (UK) > Clause 5")
    assert clauses["Appendix 3 Additional Safeguards Addendum"].text.startswith("By this Additional Safeguards Addendum")
    assert "Attachment 3" in clauses and not any(i.startswith("Appendix A 8") for i in clauses)


def test_a_paragraph_opening_with_a_bold_title_is_a_clause_of_its_own(corpus, tmp_path):
    # Logfire's article 2 is a list of "* **Documented Instructions.** PSI shall ..." items, each a
    # provision; read as one clause, it met the SCC's 8(c) rather than 7.1.
    clauses = {c.id: c for c in segment_clauses(read_document(corpus / "logfire_dpa_en.md"))}
    assert [i for i in clauses if i.startswith("2 ")] == [
        "2 Documented Instructions", "2 Authorization to Use Subprocessors", "2 PSI and Subprocessor Compliance",
        "2 Confidentiality", "2 Personal Data Inquiries and Requests", "2 Sale or Sharing of Customer Personal Data",
        "2 Data Protection Impact Assessment and", "2 Demonstrable Compliance", "2 Aggregation and De-Identification"]
    confidentiality = clauses["2 Confidentiality"]
    assert confidentiality.heading == "2. Processing Terms for Customer Personal Data > Confidentiality"
    assert confidentiality.text == ("Any person authorized to Process Customer Personal Data must be legally bound or "
                                    "obligated to maintain the confidentiality of such information.")
    # A label and its value ("**Datum:** 23 februari") and a bold name over an address stay as they were.
    path = tmp_path / "labels.md"
    path.write_text("## 1. Partijen\n\n**Datum:** 23 februari 2026\n\n**GitHub B.V.** <br/> Vijzelstraat 68\n")
    [clause] = segment_clauses(read_document(path))
    assert clause.id == "1" and clause.text == "Datum: 23 februari 2026 GitHub B.V. Vijzelstraat 68"


def test_the_terms_after_the_following_meanings_belong_to_that_list(corpus):
    # The UK Addendum (here Aptible's Exhibit B) opens its table of terms with "the following
    # terms have the following meanings:"; each term stands on a line of its own and is no title.
    clauses = {c.id: c for c in segment_clauses(read_document(corpus / "aptible_dpa_en.md"))}
    terms = clauses["Exhibit B Interpretation of this Addendum 3"]
    assert terms.text.startswith("Where this Addendum uses terms that are defined in the Approved EU SCCs")
    assert "ICO The Information Commissioner. Restricted Transfer A transfer which is covered by Chapter V of " \
           "the UK GDPR." in terms.text
    assert terms.text.endswith("UK GDPR As defined in section 3 of the Data Protection Act 2018.")
    assert not {"Exhibit B ICO", "Exhibit B Restricted Transfer", "Exhibit B UK GDPR 4"} & clauses.keys()
    # The numbered paragraphs after the list keep the section's title, not the last term's.
    after = clauses["Exhibit B Interpretation of this Addendum 4"]
    assert after.heading.endswith("> Interpretation of this Addendum")
    assert after.text.startswith("This Addendum must always be interpreted in a manner that is consistent")


def test_a_contract_attached_as_an_annex_has_body_clauses(corpus):
    # Aptible attaches the transfer SCC as Exhibit A: its Clause 10 is a contract's clause (it
    # meets SCC 8(b) like any body clause), its Annex I.B an annex entry.
    clauses = {c.id: c for c in segment_clauses(read_document(corpus / "aptible_dpa_en.md"))}
    requests = clauses["Exhibit A 10(b)"]
    assert is_annex_label(requests.id) and not in_annex_part(requests.id, requests.heading)
    transfer = clauses["Annex I Categories of data subjects whose"]
    assert in_annex_part(transfer.id, transfer.heading)
    assert not in_annex_part("4.2", "4. Security and Audit.")


def test_a_line_that_runs_on_into_the_next_numbered_paragraph_is_split(corpus):
    # Wire's DPA has "3.3. Further assistance ... available to the Processor. 3.4. Information about
    # concerns: ..." on one line, as text copied from a PDF often has it.
    clauses = by_id(corpus / "wire_dpa_en.md")
    assert [i for i in clauses if i.startswith("3.")] == ["3.1", "3.2", "3.3", "3.4"]
    assert clauses["3.3"].text.endswith("taking into account the nature of processing and the information available to the Processor.")
    assert clauses["3.4"].text.startswith("Information about concerns: The Processor shall inform the Controller without undue delay")
    assert clauses["3.4"].heading == "3. Processor's rights and obligations"



def test_only_the_next_number_after_a_full_stop_splits_a_line():
    text = ("1. Obligations\n\n"
            "1.1. The processor acts on instructions. See clause 1.3. Those apply.\n\n"
            "1.2. The processor keeps records as in 1.3 of the annex. 1.3. Security: the processor protects the data. "
            "1.4. Deletion: the processor deletes the data.\n")
    document = Document(name="x", title="x", language="en", text=text, sha256="0")
    clauses = {c.id: c.text for c in segment_clauses(document)}
    assert clauses == {
        "1.1": "The processor acts on instructions. See clause 1.3. Those apply.",
        "1.2": "The processor keeps records as in 1.3 of the annex.",
        "1.3": "Security: the processor protects the data.",
        "1.4": "Deletion: the processor deletes the data.",
    }


def test_bullets_straight_under_a_heading_are_clauses_of_their_own(corpus):
    # Plausible lists its obligations as bullets with no lead-in: instructions, confidentiality,
    # sub-processors and breach notice must each meet their own counterpart.
    clauses = by_id(corpus / "plausible_dpa_en.md")
    obligations = [i for i in clauses if i.startswith("Processor’s obligations")]
    assert obligations == [f"Processor’s obligations with respect to {n}" for n in range(1, 11)]
    assert clauses["Processor’s obligations with respect to 3"].text == \
        "Plausible Analytics ensures confidentiality of visitor data."
    assert clauses["Processor’s obligations with respect to 8"].text.startswith(
        "Plausible Analytics will notify the customer of any data breach without undue delay (no later than 48 hours)")
    assert clauses["Definitions 1"].text.startswith("“You” or “customer” refers to")
    # A bullet that ends in a colon introduces its own list: "Customer is responsible for: 1. ..."
    assert "Customer undertakings and Plausible" in clauses
    assert "Customer undertakings and Plausible 1" not in clauses


def test_bullets_that_finish_the_heading_or_list_measures_stay_together(corpus):
    # "in aanmerking nemende dat" / "* Klant de beschikking heeft ...;": the heading leads in.
    starred = by_id(corpus / "starred_bewerkersovereenkomst_nl.md")
    assert "in aanmerking nemende dat" in starred and "in aanmerking nemende dat 1" not in starred
    # An annex's list of measures under one heading is one clause.
    simplelocalize = by_id(corpus / "simplelocalize_dpa_en.md")
    assert simplelocalize["Annex 1 2 Access Control"].text.startswith(
        "* Access to systems and data is granted only to authorized personnel")
    assert "Annex 1 2 Access Control 1" not in simplelocalize


def test_a_bullet_wrapped_as_pdf_text_is_judged_whole(tmp_path):
    # Text copied from a PDF breaks a bullet over lines; the item is the whole sentence.
    path = tmp_path / "dpa.txt"
    path.write_text(
        "Data Processing Agreement\n\n1. Security\n\n"
        "• The Processor shall implement appropriate technical and\n"
        "organisational measures to protect the personal data.\n"
        "• The Processor shall ensure that its staff are bound by\nconfidentiality obligations.\n"
        "• The Processor shall notify the Controller of a breach within 48 hours.\n\n"
        "2. Audits\n\nThe Processor shall allow audits:\n• once a year;\n• at the Controller’s cost.\n",
        encoding="utf-8")
    clauses = by_id(path)
    assert list(clauses) == ["Preamble", "1.1", "1.2", "1.3", "2"]
    assert clauses["1.1"].text == "The Processor shall implement appropriate technical and organisational measures " \
        "to protect the personal data."
    assert clauses["1.1"].heading == "1. Security"
    assert clauses["2"].text == "The Processor shall allow audits: • once a year; • at the Controller’s cost."


@pytest.mark.parametrize("name", ["plausible_dpa_en.md", "fortrabbit_dpa_en.md"])
def test_a_printed_pdf_keeps_its_headings_and_paragraphs(corpus, tmp_path, name):
    # Plausible's sections have no numbers ("Definitions", "Processor’s obligations with respect to
    # the controller") and fortrabbit numbers its sections as it numbers their paragraphs ("2.
    # Subject and duration of processing", then "1."): in a PDF only bold type and the space
    # between paragraphs tell a heading from a paragraph, and one paragraph from the next.
    from .conftest import write_styled_pdf

    pdf = write_styled_pdf(tmp_path / name.replace(".md", ".pdf"), corpus / name)
    assert [(c.id, c.heading) for c in clauses_of(pdf)] == [(c.id, c.heading) for c in clauses_of(corpus / name)]
    printed = {c.id: c for c in clauses_of(pdf)}
    if name.startswith("plausible"):
        assert printed["Processor’s obligations with respect to 8"].text == (
            "Plausible Analytics will notify the customer of any data breach without undue delay (no later than 48 "
            "hours) and take appropriate mitigation steps.")
        assert printed["Definitions 5"].heading == "Definitions"
    else:
        assert printed["2.1"].heading == "2. Subject and duration of processing"
        assert printed["2.1"].text.startswith("The contractor provides web hosting services.")


def test_pdf_type_tells_headings_from_emphasis(tmp_path):
    # Larger type ranks above bold body type; three bold lines in a row are an emphasised
    # paragraph (a disclaimer), not a heading.
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    rows = [("B", 14, "Data Processing Agreement"), ("B", 10, "Confidentiality"),
            ("", 10, "The Processor keeps the Personal Data confidential."),
            ("B", 10, "THE PROCESSOR SHALL NOT BE LIABLE FOR INDIRECT DAMAGES."),
            ("B", 10, "THE PROCESSOR SHALL NOT BE LIABLE FOR LOST PROFITS."),
            ("B", 10, "THE PROCESSOR SHALL NOT BE LIABLE FOR LOST DATA."),
            ("", 10, "The Controller may audit the Processor once a year.")]
    for n, (style, size, text) in enumerate(rows):
        if n == len(rows) - 1:
            pdf.ln(4)  # the space a word processor leaves between paragraphs
        pdf.set_font("Helvetica", style, size)
        pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "styled.pdf"))
    document = read_document(tmp_path / "styled.pdf")
    headings = [(document.text[s:e], level) for s, e, level in document.heading_spans]
    assert headings == [("Data Processing Agreement", 1), ("Confidentiality", 7)]
    assert "LOST DATA.\n\nThe Controller may audit" in document.text
    assert "confidential.\nTHE PROCESSOR" in document.text  # lines as far apart as usual: one paragraph


def test_a_web_page_printed_to_pdf_reads_as_its_text(tmp_path):
    # What a browser's "print to PDF" does to a DPA: ligatures ("Deﬁnitions"), list bullets drawn
    # as dots rather than written, a whole list set in (so "1." under "1." is further in than its
    # own first level, not than the margin), bold run-in titles, and a sentence that runs on over
    # the page break ("... and this" / "Exhibit A, or ...").
    from fpdf import FPDF

    fonts = Path("/usr/share/fonts/truetype/dejavu")
    if not (fonts / "DejaVuSans-Bold.ttf").exists():
        pytest.skip("DejaVu fonts not installed")
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    y = 20.0

    def write(text, *, x=20.0, bold_title="", size=10.0, gap=5.0, dot=False):
        nonlocal y
        if dot:
            pdf.circle(x=x - 4, y=y + 1.2, radius=0.5, style="F")
        pdf.set_xy(x, y)
        if bold_title:
            pdf.set_font("DejaVu", "B", size)
            pdf.cell(pdf.get_string_width(bold_title + " "), 5, bold_title + " ")
        pdf.set_font("DejaVu", "B" if size > 10 else "", size)  # headings in bold
        pdf.cell(0, 5, text)
        y += gap

    write("Data Processing Agreement", size=14, gap=9)
    write("Deﬁnitions", size=12, gap=8)
    write("“Customer” means the entity that signed the Agreement.", x=26, dot=True, gap=6)
    write("“Sub-processor” means any processor engaged by Provider.", x=26, dot=True, gap=9)
    write("1. Processing", x=26, gap=7)
    write("1. Processing Details. Annex I describes the processing.", x=34, gap=7)
    write("2. Processing Instructions. Customer instructs Provider.", x=34, gap=7)
    write("2. Security", x=26, size=10.5, gap=7)
    write("PSI shall protect Customer Personal Data.", bold_title="Security Measures.", gap=7)
    write("PSI shall keep Customer Personal Data confidential.", bold_title="Conﬁdentiality.", gap=7)
    write("Permitted purposes are those set out in the Agreement, the Privacy Statement and this")
    pdf.add_page()
    y = 20.0
    write("Exhibit A, or those for which a data subject has authorised the use of the data.", gap=9)
    path = tmp_path / "printed.pdf"
    pdf.output(str(path))

    clauses = [(c.id, c.heading, c.text) for c in segment_clauses(read_document(path))]
    assert clauses == [
        ("Definitions 1", "Definitions", "“Customer” means the entity that signed the Agreement."),
        ("Definitions 2", "Definitions", "“Sub-processor” means any processor engaged by Provider."),
        ("1.1", "1. Processing", "Processing Details. Annex I describes the processing."),
        ("1.2", "1. Processing", "Processing Instructions. Customer instructs Provider."),
        ("2 Security Measures", "2. Security > Security Measures", "PSI shall protect Customer Personal Data."),
        ("2 Confidentiality", "2. Security > Confidentiality",
         "PSI shall keep Customer Personal Data confidential. Permitted purposes are those set out in the Agreement, "
         "the Privacy Statement and this Exhibit A, or those for which a data subject has authorised the use of the "
         "data."),
    ]


def test_a_cyrillic_lookalike_label_is_read_as_latin(corpus):
    # Clever's Annex I: "**В. DESCRIPTION OF TRANSFER**" with a Cyrillic В, between its parts A and C.
    clauses = by_id(corpus / "clever_european_dpa_en.md")
    assert clauses["Annex I B"].heading == "ANNEX I TO THE STANDARD CONTRACTUAL CLAUSES > B. DESCRIPTION OF TRANSFER"
    assert clauses["Annex I B"].text == "See Schedule 1 of the European DPA to which these Clauses are appended."

