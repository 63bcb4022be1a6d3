"""Write semdpa/standard_clauses.jsonl: the standard texts vendors copy into their DPAs, and
which clause of the EU SCC for controllers and processors (2021/915) each clause corresponds to.

    .venv/bin/python benchmarks/standard_clauses.py

Most vendor DPAs carry the EU SCC for transfers (2021/914, Module Two; older ones 2010/87) and
often the UK Addendum, word for word: they may not change them. What each of their clauses corresponds to
in the Article 28 SCC (2021/915) is a fixed fact about the two texts, read once here, not
something to guess from words each time (914's 1(b) "the Parties ... listed in Annex I.A"
shares more words with 915's 1(a) than with its 1(b)). COUNTERPARTS below was written by
reading each clause beside the 2021/915 text; an empty list says the 2021/915 has no such
clause (third-party beneficiaries, redress, liability, local laws, public authorities'
access, governing law and courts). A clause left out has no settled counterpart.

The texts come from files whose licence allows them to be shipped (../shared/corpus/SOURCES.md):
the EU SCCs are EU legal text (reuse allowed by Decision 2011/833/EU), here as the EU published
2021/915 and as GitHub's DPAs (CC0) reproduce 2021/914 Module Two and 2010/87; the UK Addendum is the
ICO's text (Crown copyright, Open Government Licence v3.0), as Aptible's DPA reproduces it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from semdpa.ingest import read_document  # noqa: E402
from semdpa.segment import segment_clauses  # noqa: E402

SCC_915 = "EU SCC 2021/915"
SCC_914 = "EU SCC 2021/914 Module Two"
SCC_2010 = "EU SCC 2010/87 controller to processor"
UK_ADDENDUM = "UK Addendum B1.0"

SOURCES = {
    SCC_915: ("eu_scc_2021-915_controller-processor_en.md", r"\d", "",
              "Commission Implementing Decision (EU) 2021/915, Annex (EU legal text, reuse allowed by Decision 2011/833/EU)"),
    SCC_914: ("github_dpa_en.md", r"Attachment 1 \d", "Attachment 1 ",
              "Commission Implementing Decision (EU) 2021/914, Annex, Module Two (EU legal text), as reproduced in "
              "GitHub's Data Protection Agreement, github/site-policy (CC0 1.0)"),
    SCC_2010: ("github_dpa_addendum_2020_en.md", r"Attachment 1 \d", "Attachment 1 ",
               "Commission Decision 2010/87/EU, Annex (EU legal text), as reproduced in GitHub's Data "
               "Protection Addendum of 2020, github/site-policy (CC0 1.0)"),
    UK_ADDENDUM: ("aptible_dpa_en.md", r"Exhibit B .* \d+$", None,
                  "International Data Transfer Addendum to the EU Commission Standard Contractual Clauses, "
                  "version B1.0, issued by the ICO (Crown copyright, Open Government Licence v3.0), as "
                  "reproduced in Aptible's DPA"),
}

# What each text calls its parts, for citing them ("UK Addendum B1.0, Section 7"); "Clause" when
# not named here.
UNITS = {UK_ADDENDUM: "Section"}

# 2021/914 Module Two clause -> its counterparts in 2021/915, the closest first.
SCC_914_TO_915 = {
    "1(a)": ["1(a)"], "1(b)": ["1(b)"], "1(c)": ["1(c)", "6"], "1(d)": ["1(d)"],
    "2(a)": ["2(a)", "2(b)"], "2(b)": ["1(e)"],
    "3(a)": [], "3(b)": [],
    "4(a)": ["3(a)"], "4(b)": ["3(b)"], "4(c)": ["3(c)"],
    "5": ["4"], "6": ["6"],
    "7(a)": ["5(a)"], "7(b)": ["5(b)"], "7(c)": ["5(c)"],
    "8": [],
    "8.1(a)": ["7.1(a)"], "8.1(b)": ["7.1(b)"], "8.2": ["7.2"], "8.3": [], "8.4": ["8(c)"],
    "8.5": ["7.3", "10(d)"], "8.6(a)": ["7.4(a)"], "8.6(b)": ["7.4(b)"], "8.6(c)": ["9.2", "9"],
    "8.6(d)": ["9", "9.1"], "8.7": ["7.5"], "8.8": ["7.8(a)", "7.8(b)"],
    "8.9(a)": ["7.6(b)"], "8.9(b)": ["7.6(a)"], "8.9(c)": ["7.6(c)"], "8.9(d)": ["7.6(d)"], "8.9(e)": ["7.6(e)"],
    "9(a)": ["7.7(a)"], "9(b)": ["7.7(b)"], "9(c)": ["7.7(c)"], "9(d)": ["7.7(d)"], "9(e)": ["7.7(e)"],
    "10(a)": ["8(a)"], "10(b)": ["8(b)", "8(d)"], "10(c)": ["8(a)", "8(b)"],
    "11(a)": [], "11(b)": [], "11(c)": [], "11(d)": [], "11(e)": [], "11(f)": [],
    "12(a)": [], "12(b)": [], "12(c)": [], "12(d)": [], "12(e)": [], "12(f)": [], "12(g)": ["7.7(d)"],
    "13(a)": [],
    "14(a)": [], "14(b)": [], "14(c)": [], "14(d)": [], "14(e)": [], "14(f)": [],
    "15.1(a)": [], "15.1(b)": [], "15.1(c)": [], "15.1(d)": [], "15.1(e)": [],
    "15.2(a)": [], "15.2(b)": [], "15.2(c)": [],
    "16(a)": ["10(a)"], "16(b)": ["10(a)"], "16(c)": ["10(b)"], "16(d)": ["10(d)"], "16(e)": [],
    "17": [], "18(a)": [], "18(b)": [], "18(c)": [], "18(d)": [],
}

# 2010/87 clause -> its counterparts in 2021/915 (the earlier SCC, still carried for UK transfers).
SCC_2010_TO_915 = {
    "1(a)": ["3(a)"], "1(b)": ["3(a)"], "1(c)": ["3(a)"], "1(d)": ["3(a)"], "1(e)": ["3(a)"], "1(f)": ["3(a)"],
    "2": ["6", "1(c)"],
    "3.1": [], "3.2": [], "3.3": [], "3.4": [],
    "4": [], "5": ["7.1(a)", "10(a)"],
    "6.1": [], "6.2": [], "6.3": [], "7.1": [], "7.2": [],
    "8.1": [], "8.2": ["7.6(e)", "7.6(d)"], "8.3": [],
    "9": [], "10": ["2(a)", "2(b)"],
    "11.1": ["7.7(a)", "7.7(b)"], "11.2": ["7.7(e)"], "11.3": [], "11.4": ["7.7(a)", "7.7(c)"],
    "12.1": ["10(d)"], "12.2": ["7.6(d)"],
}

# UK Addendum section -> its counterparts in 2021/915. The Addendum amends the EU SCC it
# incorporates; where it says how that SCC may be changed, 2021/915's own rule on changing
# the Clauses (2(a)) is the counterpart.
UK_ADDENDUM_TO_915 = {
    "1": ["1(b)"], "2": [],
    "3": ["3(a)"], "4": ["3(b)", "3(c)"], "5": ["2(a)"], "6": ["3(c)", "4"], "7": ["3(b)"], "8": ["3(a)", "3(b)"],
    "9": ["4"], "10": ["4"], "11": ["4"],
    "12": ["2(a)", "7.8(a)"], "13": ["2(a)"], "14": ["2(a)"], "15": ["2(a)"],
    "16": ["2(a)"], "17": ["2(a)"], "18": ["2(a)"], "19": [], "20": ["2(a)"],
}

COUNTERPARTS = {SCC_914: SCC_914_TO_915, SCC_2010: SCC_2010_TO_915, UK_ADDENDUM: UK_ADDENDUM_TO_915}


def main() -> None:
    corpus = ROOT.parent / "shared" / "corpus"
    texts: dict[str, dict[str, str]] = {}
    for instrument, (name, wanted, prefix, _) in SOURCES.items():
        texts[instrument] = {}
        for clause in segment_clauses(read_document(corpus / name)):
            if re.match(wanted, clause.id):
                number = clause.id.rsplit(" ", 1)[1] if prefix is None else clause.id.removeprefix(prefix)
                texts[instrument][number] = " ".join(clause.text.split())
        print(f"{instrument}: {len(texts[instrument])} clauses from {name}")
    lines = []
    for instrument, clauses in texts.items():
        crosswalk = COUNTERPARTS.get(instrument, {})
        assert set(crosswalk) <= set(clauses), f"{instrument}: no text for {sorted(set(crosswalk) - set(clauses))}"
        for number, text in clauses.items():
            row = {"instrument": instrument, "clause": number, "text": text}
            if number in crosswalk:
                assert set(crosswalk[number]) <= set(texts[SCC_915]), f"{instrument} {number}: {crosswalk[number]}"
                row["counterparts"] = {SCC_915: crosswalk[number]}
            lines.append(json.dumps(row, ensure_ascii=False))
    header = {"sources": {instrument: source for instrument, (_, _, _, source) in SOURCES.items()},
              "units": UNITS, "written_by": "benchmarks/standard_clauses.py"}
    target = ROOT / "semdpa" / "standard_clauses.jsonl"
    target.write_text("\n".join([json.dumps(header, ensure_ascii=False)] + lines) + "\n", encoding="utf-8")
    print(f"{target}: {len(lines)} clauses")


if __name__ == "__main__":
    main()
