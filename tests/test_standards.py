"""Standard clauses: recognising the EU SCCs and the UK Addendum in a DPA, and their counterparts."""

from __future__ import annotations

import json
from pathlib import Path

from semdpa.ingest import read_document
from semdpa.segment import segment_clauses
from semdpa.standards import counterpart_columns, recognise, standard_clauses

SCC_915 = "EU SCC 2021/915"


def _clauses(path: Path) -> dict:
    return {c.id: c.text for c in segment_clauses(read_document(path))}


def test_every_counterpart_names_a_clause_of_the_2021_915_text():
    known = standard_clauses()
    scc = {c.clause for c in known if c.instrument == SCC_915}
    assert len(scc) == 46 and {"1(a)", "7.6(d)", "9.1", "10(d)"} <= scc
    targets = [t for c in known for _, clauses in c.counterparts for t in clauses]
    assert targets and set(targets) <= scc
    # Every clause of the transfer SCC Module Two has its counterparts written down but 13(b),
    # whose counterpart (7.6(e), cooperating with the supervisory authority) is not settled.
    module_two = [c for c in known if c.instrument == "EU SCC 2021/914 Module Two"]
    assert len(module_two) == 81
    assert [c.clause for c in module_two if not c.counterparts] == ["13(b)"]
    header = json.loads((Path(__file__).parents[1] / "semdpa" / "standard_clauses.jsonl").read_text().splitlines()[0])
    assert set(header["sources"]) == {c.instrument for c in known}


def test_copies_of_the_standard_texts_in_other_vendors_dpas_are_recognised(corpus):
    # The texts shipped come from GitHub's and Aptible's DPAs; Clever Cloud reproduces both
    # with its own small changes ("will" for "shall", bullets in 1(b)).
    clever = _clauses(corpus / "clever_european_dpa_en.md")
    ids = ["Schedule 3 1(b)", "Schedule 3 4(b)", "Schedule 3 8.9(b)", "Schedule 3 16(c)",
           "Schedule 4 Interpretation of this Addendum 7", "Schedule 4 Incorporation of and changes to the EU 15", "2.4"]
    found = recognise([clever[i] for i in ids], "en")
    assert [(f.instrument, f.clause) if f else None for f in found] == [
        ("EU SCC 2021/914 Module Two", "1(b)"), ("EU SCC 2021/914 Module Two", "4(b)"),
        ("EU SCC 2021/914 Module Two", "8.9(b)"), ("EU SCC 2021/914 Module Two", "16(c)"),
        ("UK Addendum B1.0", "7"), ("UK Addendum B1.0", "15"), None]
    assert recognise([clever["Schedule 3 1(b)"]], "nl") == [None]  # the texts shipped are English


def test_counterparts_are_the_reference_clauses_that_reproduce_them(corpus):
    clever = _clauses(corpus / "clever_european_dpa_en.md")
    scc = _clauses(corpus / "eu_scc_2021-915_controller-processor_en.md")
    columns = list(scc)
    vendor = ["Schedule 3 1(b)", "Schedule 3 8.6(d)", "Schedule 3 3(a)", "Schedule 4 Interpretation of this Addendum 5", "2.4"]
    mine = recognise([clever[i] for i in vendor], "en")
    found = counterpart_columns(mine, recognise(list(scc.values()), "en"))
    assert [tuple(columns[k] for k in f) if f is not None else None for f in found] == [
        ("1(b)",), ("9", "9.1"), (), ("2(a)",), None]
    # Against a reference that does not reproduce 2021/915, nothing is known.
    starred = _clauses(corpus / "starred_dpa_en.md")
    assert counterpart_columns(mine, recognise(list(starred.values()), "en")) == [None] * 5
    assert mine[1].name == "EU SCC 2021/914 Module Two, Clause 8.6(d)"
    assert mine[3].name == "UK Addendum B1.0, Section 5"


def test_a_clause_that_copies_two_standard_texts_belongs_to_the_one_its_neighbours_copy(corpus):
    # The transfer SCC's Clause 5 is the SCC's Clause 4 word for word; ResearchEquals adopts the
    # 2021/915 SCC with Option 2 chosen, whose wording is closer to the transfer SCC's 9(a).
    aptible = _clauses(corpus / "aptible_dpa_en.md")
    ids = ["Exhibit A 4(c)", "Exhibit A 5", "Exhibit A 6"]
    assert [f.name for f in recognise([aptible[i] for i in ids], "en")] == [
        "EU SCC 2021/914 Module Two, Clause 4(c)", "EU SCC 2021/914 Module Two, Clause 5",
        "EU SCC 2021/914 Module Two, Clause 6"]
    adopted = _clauses(corpus / "researchequals_dpa_scc2021-915_en.md")
    found = dict(zip(adopted, recognise(list(adopted.values()), "en")))
    assert found["Addendum 2 7.7(a)"].name == "EU SCC 2021/915, Clause 7.7(a)"
    assert found["Addendum 2 1(a)"].name == "EU SCC 2021/915, Clause 1(a)"
    # Alone, without its neighbours, the closest copy decides.
    assert recognise([adopted["Addendum 2 7.7(a)"]], "en")[0].name == "EU SCC 2021/914 Module Two, Clause 9(a)"
