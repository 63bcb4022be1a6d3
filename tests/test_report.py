"""The comparison a negotiator reads: topics with severity, checklist, redlines and the report formats."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from semdpa.cli import main
from semdpa.diff import redline, severity_table
from semdpa.library import Library
from semdpa.report import render

from .conftest import REFERENCE, seed


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    library = Library(tmp_path_factory.mktemp("report") / "index", model="fake")
    library.add_files([REFERENCE], reference=True)
    return library


@pytest.fixture(scope="module")
def comparisons(library):
    return {prefix: library.compare(seed(prefix), REFERENCE) for prefix in ("000", "001", "003", "004")}


def topic(comparison, name):
    return next(t for t in comparison.topics if t.topic == name)


def test_every_required_topic_is_compared(comparisons):
    required = {"breach", "audit", "liability", "subprocessors", "transfers", "return_deletion", "confidentiality",
                "security", "data_subject_rights", "instructions", "governing_law"}
    for comparison in comparisons.values():
        assert required <= {t.topic for t in comparison.topics}
        for t in comparison.topics:
            assert t.status in {"same", "differs", "missing", "extra"}
            assert t.severity in {"high", "medium", "low", "none"}
            assert t.summary and "\n" not in t.summary


def test_vendor_003_has_no_audit_clause(comparisons):
    audit = topic(comparisons["003"], "audit")
    assert (audit.status, audit.severity, audit.vendor.clauses) == ("missing", "high", ())
    assert audit.summary == "The vendor DPA has no clause on audit and information; the reference does."
    assert ("6.6", 1) in audit.reference.clauses


def test_vendor_004_liability_cap_is_high(comparisons):
    liability = topic(comparisons["004"], "liability")
    assert liability.status == "differs" and liability.severity == "high"
    assert "cap_added" in liability.findings
    assert "controller_indemnifies" in liability.findings  # 7.7 "Verwerkingsverantwoordelijke vrijwaart Verwerker"
    assert [t.value for t in liability.vendor.terms if t.kind == "liability_cap" and t.currency] == ["EUR 5000"]
    assert "EUR 5,000" in liability.summary


def test_vendor_004s_processor_may_end_the_agreement_on_its_own(comparisons):
    duration = topic(comparisons["004"], "duration_termination")
    assert duration.findings == ("processor_may_terminate",) and duration.severity == "medium"
    assert duration.summary == ("The processor may end the agreement on its own (vendor: indefinite · termination notice "
                                "3 months · termination by processor; reference: term of the main agreement).")


def test_vendor_003_breach_deadline_24_hours_against_without_undue_delay(comparisons):
    breach = topic(comparisons["003"], "breach")
    assert [t.value for t in breach.vendor.terms] == ["PT24H"]
    assert breach.reference.terms[0].value == "without undue delay"
    assert "vendor: 24 hours; reference: without undue delay" in breach.summary


def test_vendor_004_later_breach_deadline_is_high(comparisons):
    breach = topic(comparisons["004"], "breach")
    assert breach.findings == ("deadline_longer",) and breach.severity == "high"


def test_objection_period_shorter_than_the_reference(comparisons):
    for prefix, period in [("000", "5 working days"), ("001", "30 days")]:
        subprocessors = topic(comparisons[prefix], "subprocessors")
        assert "objection_shorter" in subprocessors.findings and subprocessors.severity == "medium"
        # Both vendors use sub-processors and announce changes: a general authorisation, as the reference's.
        assert subprocessors.summary == (f"Less time to object to new sub-processors (vendor: general authorisation · {period} to object; "
                                         "reference: general authorisation · 6 weeks to object).")


def test_vendor_001_audits_once_a_year_at_controller_cost(comparisons):
    audit = topic(comparisons["001"], "audit")
    assert {(t.kind, t.value) for t in audit.vendor.terms} >= {("audit_frequency", "P1Y"), ("audit_cost", "controller")}
    assert "less_frequent" in audit.findings and "once a year" in audit.summary


def test_checklist_covers_art_28_and_marks_what_is_absent(comparisons):
    keys = [item.key for item in comparisons["000"].checklist]
    assert keys[:8] == ["art28_3_a_instructions", "art28_3_b_confidentiality", "art28_3_c_security",
                        "art28_3_d_subprocessors", "art28_3_e_data_subject_rights", "art28_3_f_assistance",
                        "art28_3_g_deletion_return", "art28_3_h_audits"]
    assert {"processing_subject_matter", "processing_duration", "processing_nature_purpose", "processing_data_types",
            "processing_data_subjects", "breach_notification_art33_2", "written_form"} <= set(keys)
    checklist = {item.key: item for item in comparisons["004"].checklist}
    assert checklist["breach_notification_art33_2"].status == "present" and "3.3" in checklist["breach_notification_art33_2"].clause_ids
    assert checklist["art28_3_g_deletion_return"].status == "present" and "6.1" in checklist["art28_3_g_deletion_return"].clause_ids
    assert checklist["art28_3_d_subprocessors"].status != "present"  # 004 never regulates sub-processors


def test_redline_words():
    ops = redline("De verwerker meldt binnen 24 uur.", "De verwerker meldt zonder onredelijke vertraging.")
    assert ops == (("equal", "De verwerker meldt "), ("delete", "binnen 24 uur"), ("insert", "zonder onredelijke vertraging"), ("equal", "."))


def test_severity_table_is_data_a_user_can_replace(library, tmp_path):
    assert severity_table()["audit"]["missing"] == "high"
    custom = tmp_path / "severity.yaml"
    custom.write_text("audit:\n  missing: low\n")
    relaxed = library.compare(seed("003"), REFERENCE, severity=str(custom))
    assert topic(relaxed, "audit").severity == "low"
    broken = tmp_path / "broken.yaml"
    broken.write_text("audit:\n  missing: catastrophic\n")
    with pytest.raises(Exception, match="severities must be high, medium, low or none"):
        library.compare(seed("003"), REFERENCE, severity=str(broken))


def test_html_report_is_self_contained_and_complete(comparisons):
    page = render([comparisons["004"]], "html")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "<svg" in page
    assert not re.search(r"""(?:src|href)=["']?https?:""", page) and "<script" not in page and "<link" not in page
    for text in ("Summary by topic", "Coverage of the reference per topic", "Topics in detail", "Missing in the vendor DPA",
                 "Extra in the vendor DPA", "GDPR Art. 28 checklist", "Audit trail", "<ins>", "<del>", "@media print"):
        assert text in page
    comparison = comparisons["004"]
    assert comparison.alignment.vendor.sha256 in page and comparison.model in page and comparison.semdpa_version in page


def test_markdown_csv_and_json(comparisons):
    comparison = comparisons["003"]
    md = render([comparison], "md")
    assert md.startswith(f"# {seed('003').name} compared with {REFERENCE.name}")
    assert "| Audit and information | missing in vendor | **high** |" in md
    rows = list(csv.DictReader(io.StringIO(render([comparison], "csv"))))
    assert len(rows) == len(comparison.alignment.alignments)
    assert rows[0]["vendor"] == seed("003").name and rows[0]["status"] in {"matched", "partial", "extra"}
    data = json.loads(render([comparison], "json"))
    audit = next(t for t in data["topics"] if t["topic"] == "audit")
    assert set(audit) == {"topic", "label", "status", "severity", "summary", "findings", "reference", "vendor"}
    assert {"id": "6.6", "page": 1} in audit["reference"]["clauses"]
    assert data["checklist"][0]["item"] == "art28_3_a_instructions"
    assert data["redlines"] and {"op", "text"} == set(data["redlines"][0]["operations"][0])
    assert data["audit_trail"]["inputs"][1]["sha256"] == comparison.alignment.vendor.sha256


def test_several_vendors_give_a_portfolio(library, tmp_path):
    output = tmp_path / "portfolio.json"
    result = CliRunner().invoke(main, ["compare", str(seed("003")), str(seed("004")), "-r", REFERENCE.name,
                                       "--index", str(library.directory), "--format", "json", "-o", str(output)],
                                env={"SEMDPA_MODEL": "fake"})
    assert result.exit_code == 0, result.output
    data = json.loads(output.read_text())
    assert [c["vendor"]["name"] for c in data["comparisons"]] == [seed("003").name, seed("004").name]
    rows = {(r["vendor"], r["topic"]): r for r in data["portfolio"]}
    assert rows[(seed("003").name, "audit")]["severity"] == "high"
    assert rows[(seed("004").name, "liability")]["severity"] == "high"
    page = CliRunner().invoke(main, ["compare", str(seed("003")), str(seed("004")), "-r", REFERENCE.name,
                                     "--index", str(library.directory), "--format", "html"], env={"SEMDPA_MODEL": "fake"}).output
    assert page.count("<h1>") == 3 and "<h1>Portfolio</h1>" in page


def test_an_id_too_long_for_its_column_keeps_its_end():
    from semdpa.report import _fit

    assert _fit("7.1(a)", 8) == "7.1(a)  "
    cut = _fit("Schedule 4 Incorporation of and changes to the EU SCCs when this Addendum 15", 48)
    assert len(cut) == 48 and cut.startswith("Schedule 4 Incorporatio") and cut.endswith("when this Addendum 15")


def test_every_format_says_which_standard_clause_a_vendor_clause_reproduces(tmp_path, corpus):
    # Clever's Schedule 3 is the transfer SCC; a reviewer need not negotiate what the law fixes.
    library = Library(tmp_path / "index", model="fake")
    comparison = library.compare(corpus / "clever_european_dpa_en.md", corpus / "eu_scc_2021-915_controller-processor_en.md")
    name = "EU SCC 2021/914 Module Two, Clause 8.6(d)"
    rows = {r["vendor_clause"]: r for r in csv.DictReader(io.StringIO(render([comparison], "csv")))}
    assert rows["Schedule 3 8.6(d)"]["vendor_standard"] == name and rows["2.1"]["vendor_standard"] == ""
    data = {a["vendor_clause"]["id"]: a for a in json.loads(render([comparison], "json"))["alignments"]}
    assert data["Schedule 3 8.6(d)"]["standard"] == name and data["2.1"]["standard"] is None
    assert "### Schedule 3 8.6(d) — matched (reference 9; reproduces EU SCC 2021/914 Module Two, Clause 8.6(d))" \
        in render([comparison], "md")
    assert f" · reproduces {name}</div>" in render([comparison], "html")
    assert f"[{name}]" in render([comparison], "text")


def test_a_topic_whose_terms_differ_is_not_the_same(comparisons):
    # 004 lets the controller check the processing (3.5) and states no audit terms; the
    # reference has audits at any time by an independent auditor. Every clause matches, and
    # still a reviewer must see the difference.
    audit = topic(comparisons["004"], "audit")
    assert (audit.status, audit.findings, audit.severity) == ("differs", ("terms_differ",), "low")
    assert audit.summary.startswith("Terms compared — vendor: not stated; reference: ")
    assert "independent auditor" in audit.summary


def test_a_summary_says_when_the_terms_are_the_same_or_neither_side_states_any(library, corpus):
    # WeTransfer against the EU SCC: both notify breaches "without undue delay", and neither
    # states a deadline for data subject requests; the wording differs in both topics.
    comparison = library.compare(corpus / "wetransfer_dpa_en.md", corpus / "eu_scc_2021-915_controller-processor_en.md")
    breach, requests = topic(comparison, "breach"), topic(comparison, "data_subject_rights")
    assert breach.summary == "The same terms (without undue delay); the wording differs (see the redlines)."
    assert requests.summary == "Both treat data subject rights; the wording differs (see the redlines)."


def test_a_clause_reworded_throughout_is_shown_beside_its_counterpart_not_as_a_redline(comparisons):
    # 004's 5.1 ("Deze Overeenkomst vangt aan ... voor onbepaalde tijd") shares few words with the
    # reference's 14.1 on the term: a word-level redline would strike out nearly all of both.
    from semdpa.diff import shared_share

    comparison = comparisons["004"]
    five_one = next(r for r in comparison.redlines if r.vendor_clause == "5.1")
    assert shared_share(five_one.operations) < 0.4
    md = render([comparison], "md")
    section = md.split("### 5.1 — ")[1].split("\n### ")[0]
    assert "Reworded: fewer than 40% of the words are shared, so the two texts:" in section
    assert "> **Vendor 5.1:** Deze Overeenkomst vangt aan op het moment dat deze door Verwerker" in section
    assert f"> **Reference {five_one.reference_clause}:** " in section and "~~" not in section
    page = render([comparison], "html")
    assert "Reworded: fewer than 40% of the words are shared, so the two texts above are the comparison." in page


def test_shared_share_counts_the_words_kept():
    from semdpa.diff import shared_share

    ops = redline("De verwerker meldt binnen 24 uur.", "De verwerker meldt zonder onredelijke vertraging.")
    assert shared_share(ops) == pytest.approx(3 / 6)  # "De verwerker meldt" of "… zonder onredelijke vertraging."
    assert shared_share(()) == 1.0


def test_every_format_cautions_when_an_english_only_model_compares_across_languages(library, corpus, comparisons):
    import dataclasses

    from semdpa.embed import DEFAULT_MODEL

    note = ("The vendor DPA is in English and the reference in Dutch, and the model reads English only: clauses "
            "were matched by their words glossed from one language into the other and by their topics. Check the "
            "matches with more care than within one language, or compare with a multilingual model.")
    across = library.compare(corpus / "wire_dpa_en.md", REFERENCE)
    assert (across.alignment.vendor.language, across.alignment.reference.language) == ("en", "nl")
    # The fake model stands for a multilingual one: no caution.
    assert json.loads(render([across], "json"))["note"] == ""
    english_only = dataclasses.replace(across, model=DEFAULT_MODEL)
    assert json.loads(render([english_only], "json"))["note"] == note
    assert render([english_only], "text").splitlines()[2] == f"note: {note}"
    assert f"\n> {note}\n" in render([english_only], "md")
    assert f"<p class='note'>{note}</p>" in render([english_only], "html")
    # One language, the default model: nothing to caution about.
    same = dataclasses.replace(comparisons["004"], model=DEFAULT_MODEL)
    assert json.loads(render([same], "json"))["note"] == ""
    assert "note:" not in render([same], "text") and "<p class='note'>" not in render([same], "html")
