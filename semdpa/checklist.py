"""The GDPR Art. 28 checklist: does the vendor DPA contain what the law requires?

Each item names the provisions (topics.PROVISIONS) that satisfy it. An item is `present` when
a vendor clause carries clear evidence of one of them (at least one cue, in a clause about the
item's topic), `unclear` when the only evidence is weak (the topic without the provision, or the
provision outside its topic), and `absent` otherwise. The clause ids that satisfy it are listed.
"""

from __future__ import annotations

import re
from typing import Iterable

import numpy as np

from .topics import PROVISION_NAMES, provision_scores
from .types import ChecklistItem, Clause

# key -> (label, topic, provisions that satisfy it)
ITEMS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "art28_3_a_instructions": ("Art. 28(3)(a) processing only on documented instructions", "instructions",
                               ("instructions.documented",)),
    "art28_3_b_confidentiality": ("Art. 28(3)(b) persons authorised are bound to confidentiality", "confidentiality",
                                  ("confidentiality.personnel", "confidentiality.duty")),
    "art28_3_c_security": ("Art. 28(3)(c) security measures (Art. 32)", "security", ("security.measures",)),
    "art28_3_d_subprocessors": ("Art. 28(3)(d) conditions for engaging sub-processors", "subprocessors",
                                ("subprocessors.authorisation", "subprocessors.flowdown", "subprocessors.changes")),
    "art28_3_e_data_subject_rights": ("Art. 28(3)(e) assistance with data subject requests", "data_subject_rights",
                                      ("dsr.assist", "dsr.forward")),
    "art28_3_f_assistance": ("Art. 28(3)(f) assistance with Art. 32-36 (security, breaches, DPIA)", "assistance",
                             ("assistance.dpia", "assistance.general", "breach.assist")),
    "art28_3_g_deletion_return": ("Art. 28(3)(g) deletion or return at the end of the services", "return_deletion",
                                  ("return.on_termination",)),
    "art28_3_h_audits": ("Art. 28(3)(h) information and audits", "audit", ("audit.right", "audit.information")),
    "processing_subject_matter": ("Description: subject matter of the processing", "subject_matter",
                                  ("subject_matter.operations", "scope.applies")),
    "processing_duration": ("Description: duration of the processing", "duration_termination", ("duration.term",)),
    "processing_nature_purpose": ("Description: nature and purpose of the processing", "subject_matter",
                                  ("subject_matter.purposes", "purpose.specified")),
    "processing_data_types": ("Description: types of personal data", "subject_matter", ("subject_matter.data",)),
    "processing_data_subjects": ("Description: categories of data subjects", "subject_matter", ("subject_matter.subjects",)),
    "breach_notification_art33_2": ("Art. 33(2) processor notifies the controller of breaches", "breach", ("breach.notify",)),
    "written_form": ("Art. 28(9) the contract is in writing", "amendments", ("amendments.written",)),
}
_WRITTEN = re.compile(r"schriftelijk|in writing|written|ondertekend|signed|electronic form|elektronisch", re.I)


def check_clauses(clauses: Iterable[Clause]) -> tuple[ChecklistItem, ...]:
    clauses = list(clauses)
    scores = [provision_scores(c.heading, c.text) for c in clauses]
    out = []
    for key, (label, topic, provisions) in ITEMS.items():
        columns = [PROVISION_NAMES.index(p) for p in provisions]
        strong, weak = [], []
        for clause, score in zip(clauses, scores):
            evidence = float(np.max(score[columns])) if columns else 0.0
            on_topic = topic in clause.topics
            if evidence > 0 and on_topic:
                strong.append(clause.id)
            elif evidence > 0 or (on_topic and clause.topics[:1] == (topic,)):
                weak.append(clause.id)
        if key == "written_form" and not strong:
            # A signed document or one that requires writing for changes is in writing.
            strong = [c.id for c in clauses if _WRITTEN.search(c.text)][:3]
        status = "present" if strong else "unclear" if weak else "absent"
        out.append(ChecklistItem(key, label, status, tuple(strong or weak)))
    return tuple(out)
