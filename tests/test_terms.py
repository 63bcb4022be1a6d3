"""Term extraction: the facts of the seeds, normalisation, and the labelled corpus snippets."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from semdpa.ingest import read_document
from semdpa.segment import segment_clauses
from semdpa.terms import DURATION, extract_document_terms, extract_terms, parse_amount, parse_duration
from semdpa.topics import tag_topics
from semdpa.types import Clause

from .conftest import REFERENCE, ROOT, seed


def terms_of(path):
    clauses = [replace(c, topics=tag_topics(c.heading, c.text)) for c in segment_clauses(read_document(path))]
    return extract_document_terms(clauses)


def values(terms, kind):
    return [(t.clause_id, t.value, t.text) for t in terms.get(kind, [])]


def test_vendor_004_caps_liability_at_eur_5000():
    terms = terms_of(seed("004"))
    cap = [t for t in terms["liability_cap"] if t.currency]
    assert [(t.clause_id, t.value, t.amount, t.currency, t.text) for t in cap] == [("7.4", "EUR 5000", 5000.0, "EUR", "€ 5.000,-")]
    assert ("7.3", "indirect damage", "indirecte schade") in values(terms, "liability_exclusion")


def test_vendor_004s_processor_may_dissolve_the_agreement_on_its_own():
    clauses = {c.id: replace(c, topics=tag_topics(c.heading, c.text)) for c in segment_clauses(read_document(seed("004")))}
    rights = [(t.clause_id, t.value, t.text) for c in clauses.values() for t in extract_terms(c) if t.kind == "termination_right"]
    assert rights == [
        ("5.4", "by processor", "Verwerker is gerechtigd deze Overeenkomst met onmiddellijke ingang en zonder rechterlijke "
                                "tussenkomst te ontbinden"),
        ("5.5", "by processor", "Verwerker kan de Overeenkomst per direct ontbinden"),
        ("5.6", "by processor", "ontbonden worden door Verwerker"),
    ]  # not 5.2, where either party may give notice


def test_vendor_003_notifies_breaches_within_24_hours():
    terms = terms_of(seed("003"))
    assert values(terms, "breach_deadline") == [("7.1", "PT24H", "24 uur")]
    assert terms["breach_deadline"][0].unit == "hours"


def test_objection_periods_5_werkdagen_30_dagen_against_6_weken():
    assert values(terms_of(seed("000")), "objection_period")[0] == ("6.1", "P5D", "5 werkdagen")
    assert terms_of(seed("000"))["objection_period"][0].unit == "working days"
    assert values(terms_of(seed("001")), "objection_period") == [("7.1", "P30D", "30 dagen")]
    reference = terms_of(REFERENCE)["objection_period"][0]
    assert (reference.clause_id, reference.value, reference.unit, reference.text) == ("10.2", "P6W", "weeks", "6 weken")


def test_sub_processors_used_or_announced_to_the_controller_are_a_general_authorisation(corpus):
    # None of these agreements names its authorisation; each says it uses sub-processors, or
    # that it tells the controller of changes so that it may object (Art. 28(2)).
    assert values(terms_of(seed("000")), "subprocessor_authorisation") == [
        ("6.1", "general", "toegestaan om in het kader van deze Verwerkersovereenkomst en de Overeenkomst gebruik te maken Sub Verwerkers"),
        ("6.1", "general", "inlichten over de beoogde veranderingen"),
    ]
    assert values(terms_of(seed("001")), "subprocessor_authorisation") == [
        ("7.1", "general", "gerechtigd om in het kader van deze Bijzondere Voorwaarden gebruik te maken van diensten van subverwerkers"),
    ]
    assert values(terms_of(corpus / "plausible_dpa_en.md"), "subprocessor_authorisation") == [
        ("Processor’s obligations with respect to 6", "general", "uses subprocessors"),
        ("Processor’s obligations with respect to 7", "general", "notify the customer of changes to subprocessors"),
    ]
    assert ("11.4", "general", "informeert de Verwerkingsverantwoordelijke ten minste 30 dagen voorafgaand aan het "
                               "inschakelen van een nieuwe Sub-verwerker") in values(
        terms_of(corpus / "dgskills_verwerkersovereenkomst_model4-based_nl.md"), "subprocessor_authorisation")
    # A prohibition is not an announcement, and a use "only with" consent is no general authorisation.
    for text in ("Verwerker is niet gerechtigd om gebruik te maken van subverwerkers.",
                 "The processor does not use sub-processors.",
                 "The processor uses sub-processors only with the controller's prior written consent."):
        clause = Clause(id="1", heading="", text=text, span=(0, len(text)), topics=("subprocessors",))
        assert "general" not in [t.value for t in extract_terms(clause) if t.kind == "subprocessor_authorisation"], text


def test_vendor_001_audits_once_a_year_at_the_controllers_cost():
    terms = terms_of(seed("001"))
    assert values(terms, "audit_frequency") == [("4.1", "P1Y", "eenmaal per jaar")]
    assert {t.value for t in terms["audit_cost"]} == {"controller"}
    assert ("4.1", "independent auditor") in [(t.clause_id, t.value) for t in terms["audit_by"]]


def test_reference_terms():
    terms = terms_of(REFERENCE)
    assert values(terms, "breach_deadline")[0] == ("7.2", "without undue delay", "zonder onredelijke vertraging")
    assert values(terms, "governing_law") == [("15.1", "Dutch", "Nederlands recht")]
    assert ("6.6", "at any time") in [(t.clause_id, t.value) for t in terms["audit_frequency"]]
    assert [t.value for t in terms["liability_cap"]] == ["uncapped"]  # no cap for fines and claims (12.2)


def test_spans_point_at_the_original_words():
    for path in (seed("000"), seed("004"), REFERENCE):
        clauses = {c.id: c for c in segment_clauses(read_document(path))}
        for kind, terms in terms_of(path).items():
            for term in terms:
                assert clauses[term.clause_id].text[term.span[0]:term.span[1]] == term.text


@pytest.mark.parametrize("text, iso, unit", [
    ("binnen 24 uur", "PT24H", "hours"), ("no later than 48 hours", "PT48H", "hours"),
    ("within seventy-two hours", "PT72H", "hours"), ("ten (10) calendar days", "P10D", "days"),
    ("vijf werkdagen", "P5D", "working days"), ("30 dagen", "P30D", "days"), ("6 weken", "P6W", "weeks"),
    ("twee (2) kalenderweken", "P2W", "weeks"), ("3 maanden", "P3M", "months"), ("one year", "P1Y", "years"),
])
def test_durations_are_iso_8601_with_working_days_apart(text, iso, unit):
    match = DURATION.search(text)
    assert match and parse_duration(match)[:2] == (iso, unit)


@pytest.mark.parametrize("raw, amount", [("5.000,-", 5000.0), ("5,000.00", 5000.0), ("1.500,50", 1500.5), ("250", 250.0)])
def test_amounts(raw, amount):
    assert parse_amount(raw) == amount


@pytest.mark.parametrize("text, expected", [
    ("The processor shall notify the controller immediately of a personal data breach.", {("breach_deadline", "immediately")}),
    ("De verwerker meldt een datalek onverwijld aan de verwerkingsverantwoordelijke.", {("breach_deadline", "immediately")}),
    ("The liability of the processor shall not exceed EUR 250,000 in aggregate.", {("liability_cap", "EUR 250000")}),
    ("Op deze overeenkomst is Nederlands recht van toepassing en geschillen gaan naar de rechtbank te Amsterdam.",
     {("governing_law", "Dutch"), ("court", "Amsterdam")}),
    # "Sub-verwerker" with a hyphen, and the pre-GDPR "bewerker".
    ("Het is Verwerker toegestaan om Sub-verwerkers in te schakelen.", {("subprocessor_authorisation", "general")}),
    ("De kosten van de audit komen voor rekening van Bewerker.", {("audit_cost", "processor")}),
    # Text converted from PDF loses the space after "(10)".
    ("The Customer may object to a new Sub-processor within ten (10)calendar days of notice.", {("objection_period", "P10D")}),
    # Notice before a new sub-processor starts is the time to object; a period to resolve an objection is not.
    ("Provider will inform Customer at least 10 business days in advance of any addition of a Subprocessor.",
     {("objection_period", "P10D")}),
    ("If the Parties cannot resolve the objected-to Subprocessor within thirty (30) days, either may terminate.", set()),
    ("The Customer hereby authorizes the Provider to engage Sub-processors.", {("subprocessor_authorisation", "general")}),
    ("Processor is not entitled to engage a sub-processor without the prior written permission of the Controller.",
     {("subprocessor_authorisation", "specific")}),
    ("The cost of such audits shall be borne by the Data Controller.", {("audit_cost", "controller")}),
    ("Audits are carried out at Customer’s expense.", {("audit_cost", "controller")}),
    ("Liability under this DPA is subject to the exclusions and limitations of liability set out in the Agreement.",
     {("liability_cap", "as in the main agreement")}),
    # Backups are the ones named with the period, not every period of a sentence that names them.
    ("All personal data is securely deleted from active systems within 30 days and from backups within 180 days.",
     {("deletion_deadline", "P30D"), ("backup_deletion", "P180D")}),
    ("Processor agrees to delete all copies of Controller Personal Data within thirty calendar days of the End of Services.",
     {("deletion_deadline", "P30D")}),
    # Who holds whom harmless; damage paid to a data subject is no indemnity between the parties.
    ("The Client will indemnify and hold SCALINGO harmless from any claim or action by any User.", {("indemnity", "by controller")}),
    ("Verwerkingsverantwoordelijke vrijwaart Verwerker voor alle aanspraken van derden.", {("indemnity", "by controller")}),
    ("Processor shall indemnify the Controller against all fines caused by its breach.", {("indemnity", "by processor")}),
    ("GitHub shall indemnify a data subject for any material or non-material damage.", set()),
    ("Partijen vrijwaren elkaar voor aanspraken van derden.", {("indemnity", "mutual")}),
    # The SCC's Clauses 17 and 18 filled in, and the 2010 SCC's law of the exporter's Member State.
    ("The Parties agree that this shall be the law of the Republic of Ireland.", {("governing_law", "Irish")}),
    ("The Parties agree that those shall be the courts of the Netherlands.", {("court", "Netherlands")}),
    ("The Clauses shall be governed by the law of the Member State in which the data exporter is established.",
     {("governing_law", "where the controller is established")}),
    ("Geschillen worden voorgelegd aan de bevoegde rechter in het arrondissement van de vestigingsplaats van de Verwerker.",
     {("court", "where the processor is established")}),
    # Transfers allowed anywhere, or kept in the EEA; a warranty about the laws "in any country to
    # which personal data is transferred" allows nothing.
    ("Subject to any provisions applicable to data transfers set out in the Additional Terms, Google may process Customer "
     "Personal Data in any country in which Google or its Subprocessors maintain facilities.", {("transfers", "anywhere")}),
    ("Keboola engages AWS (while, however, the personal data are not transferred and/or processed outside of the European "
     "Economic Area).", {("transfers", "within the EEA")}),
    ("GitHub warrants that the legislation applicable to it, including in any country to which personal data is transferred, "
     "does not prevent it from fulfilling the instructions.", set()),
    ("The processor shall not transfer personal data to any country without an adequacy decision.", set()),
])
def test_sentences(text, expected):
    clause = Clause(id="1", heading="", text=text, span=(0, len(text)), topics=tag_topics("", text))
    found = {(t.kind, t.value) for t in extract_terms(clause)}
    assert found >= expected if expected else not any(kind in ("objection_period", "indemnity") for kind, _ in found) \
        and ("transfers", "anywhere") not in found
    kinds = {kind for kind, _ in expected}
    assert {(k, v) for k, v in found if k in kinds} == expected  # nothing of those kinds besides


def test_extractor_never_raises_on_odd_text():
    for text in ["", "€", "binnen uur", "1.2.3.4 dagen", "\x00\u200b datalek", "EUR EUR 5", "((((((", "a. b. c."]:
        clause = Clause(id="1", heading="", text=text, span=(0, len(text)), topics=("breach", "liability", "audit"))
        extract_terms(clause)


def test_labelled_corpus_snippets_precision_and_recall(corpus):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from terms import evaluate

    result = evaluate()
    assert result["all"]["snippets"] >= 40 and result["nl"]["snippets"] >= 10
    assert result["all"]["precision"] >= 0.95 and result["all"]["recall"] >= 0.95
    later = evaluate(ROOT / "benchmarks" / "data" / "terms_snippets2.jsonl")  # read after the extractor was written
    assert later["all"]["snippets"] >= 50 and later["nl"]["snippets"] >= 5
    assert later["all"]["precision"] >= 0.95 and later["all"]["recall"] >= 0.95


def test_a_period_to_object_is_not_also_a_notice_to_terminate():
    # Kemitchell's "Notice and Objection": the 14 days are for objecting, not for terminating.
    text = "If Controller gives Processor notice of a reasonable objection within fourteen calendar days, Controller may terminate."
    clause = Clause(id="1", heading="Notice and Objection", text=text, span=(0, len(text)),
                    topics=("subprocessors", "duration_termination"))
    assert [(t.kind, t.value) for t in extract_terms(clause)] == [("objection_period", "P14D")]
