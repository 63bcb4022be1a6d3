"""What differs between a vendor DPA and the reference: word-level redlines of matched clause
pairs, and a topic-by-topic comparison of the terms that matter, with a severity from the
table in `severity.yaml` (data a privacy officer can adjust, not rules buried in code).
"""

from __future__ import annotations

import difflib
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import SemdpaError
from .topics import TOPICS, topic_label
from .types import Clause, DocumentAlignment, Redline, TermValue, TopicComparison, TopicSide

_TOKEN = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")
_WORD = re.compile(r"\w+")

# The term kinds each topic is compared on.
TOPIC_TERMS: dict[str, tuple[str, ...]] = {
    "breach": ("breach_deadline",),
    "liability": ("liability_cap", "liability_exclusion", "indemnity"),
    "audit": ("audit_frequency", "audit_by", "audit_cost"),
    "subprocessors": ("subprocessor_authorisation", "objection_period"),
    "transfers": ("transfers",),
    "return_deletion": ("deletion_deadline", "backup_deletion"),
    "data_subject_rights": ("dsr_response",),
    "governing_law": ("governing_law", "court"),
    "duration_termination": ("duration", "termination_notice", "termination_right"),
}
SEVERITY_ORDER = {"none": 0, "low": 1, "medium": 2, "high": 3}

# Hours a deadline allows at most, to say which of two is later. "Without undue delay" is read as
# about a day (GDPR Art. 33 leaves the controller 72 hours in all), "as soon as possible" as two.
_QUALITATIVE_HOURS = {"immediately": 0.0, "without undue delay": 24.0, "as soon as possible": 48.0}
_UNIT_HOURS = {"hours": 1.0, "days": 24.0, "working days": 24.0 * 7 / 5, "weeks": 168.0, "months": 730.0, "years": 8760.0}


def redline(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Word-level operations turning `old` (reference) into `new` (vendor)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _push(ops, "equal", "".join(a[i1:i2]))
        if tag in ("delete", "replace"):
            _push(ops, "delete", "".join(a[i1:i2]))
        if tag in ("insert", "replace"):
            _push(ops, "insert", "".join(b[j1:j2]))
    return tuple(ops)


# Below this share of words kept, a redline is more ink than text: the report shows the two
# clauses instead (a vendor clause that meets its counterpart in other words altogether).
REDLINE_MIN_SHARED = 0.4


def shared_share(operations: tuple[tuple[str, str], ...]) -> float:
    """Words kept unchanged, as a share of the longer of the two texts."""
    words = {op: sum(len(_WORD.findall(text)) for o, text in operations if o == op) for op in ("equal", "delete", "insert")}
    longer = max(words["equal"] + words["delete"], words["equal"] + words["insert"])
    return words["equal"] / longer if longer else 1.0


def reworded(line: Redline) -> bool:
    """The vendor clause says its counterpart's matter in other words: shown beside it, not redlined."""
    return shared_share(line.operations) < REDLINE_MIN_SHARED


def _push(ops: list[tuple[str, str]], op: str, text: str) -> None:
    if not text:
        return
    if ops and ops[-1][0] == op:
        ops[-1] = (op, ops[-1][1] + text)
    else:
        ops.append((op, text))


def redlines(alignment: DocumentAlignment) -> tuple[Redline, ...]:
    """A redline for every vendor clause with a counterpart, against its best match."""
    out = []
    for a in alignment.alignments:
        if a.status == "extra" or not a.matches:
            continue
        best = a.matches[0].clause
        out.append(Redline(a.vendor_clause.id, best.id, redline(best.text, a.vendor_clause.text)))
    return tuple(out)


@lru_cache(maxsize=8)
def severity_table(path: str | None = None) -> dict[str, dict[str, str]]:
    import yaml

    source = path or os.environ.get("SEMDPA_SEVERITY")
    try:
        if source:
            text = Path(source).read_text(encoding="utf-8")
        else:
            text = resources.files("semdpa").joinpath("severity.yaml").read_text(encoding="utf-8")
        table = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SemdpaError(f"{source}: cannot read severity table ({type(error).__name__})") from None
    bad = [f"{t}.{k}: {v}" for t, rules in table.items() for k, v in (rules or {}).items() if v not in SEVERITY_ORDER]
    if bad:
        raise SemdpaError(f"{source or 'severity.yaml'}: severities must be high, medium, low or none ({bad[0]})")
    return table


def severity_of(topic: str, status: str, findings: tuple[str, ...], table: dict) -> str:
    candidates = [table.get(topic, {}).get(f) for f in findings]
    candidates.append(table.get(topic, {}).get(status))
    known = [c for c in candidates if c]
    if known:
        return max(known, key=SEVERITY_ORDER.__getitem__)
    return table.get("default", {}).get(status, "low" if status != "same" else "none")


def compare_topics(alignment: DocumentAlignment, reference: list[Clause], vendor: list[Clause],
                   reference_terms: list[TermValue], vendor_terms: list[TermValue], *,
                   severity_path: str | None = None) -> tuple[TopicComparison, ...]:
    """One comparison per topic of the taxonomy, reference against vendor."""
    table = severity_table(severity_path)
    by_vendor_clause = {a.vendor_clause.id: a for a in alignment.alignments}
    out = []
    for topic in TOPICS:
        ref_clauses = [c for c in reference if topic in c.topics]
        ven_clauses = [c for c in vendor if topic in c.topics]
        kinds = TOPIC_TERMS.get(topic, ())
        ref_terms = tuple(t for t in reference_terms if t.kind in kinds)
        ven_terms = tuple(t for t in vendor_terms if t.kind in kinds)
        if not ref_clauses and not ven_clauses:
            continue
        if ref_clauses and not ven_clauses:
            status, findings = "missing", ("missing",)
        elif ven_clauses and not ref_clauses:
            status, findings = "extra", ("extra",)
        else:
            findings = tuple(_term_findings(topic, ref_terms, ven_terms))
            aligned = [by_vendor_clause[c.id] for c in ven_clauses if c.id in by_vendor_clause]
            all_matched = all(a.status == "matched" for a in aligned)
            status = "differs" if findings or not all_matched else "same"
            if status == "same" and kinds and _side(ven_terms, kinds) != _side(ref_terms, kinds):
                # No rule says the vendor is worse, but the terms are not the same: a reviewer
                # must see them (the reference's independent auditor, the vendor's silence).
                status, findings = "differs", ("terms_differ",)
            if status == "differs" and not findings:
                findings = ("differs",)
        severity = severity_of(topic, status, findings, table)
        out.append(TopicComparison(
            topic=topic, label=topic_label(topic), status=status, severity=severity,
            summary=_summary(topic, status, findings, ref_terms, ven_terms),
            reference=TopicSide(tuple((c.id, c.page) for c in ref_clauses), ref_terms),
            vendor=TopicSide(tuple((c.id, c.page) for c in ven_clauses), ven_terms),
            findings=findings,
        ))
    return tuple(out)


def _values(terms, kind) -> list[str]:
    return list(dict.fromkeys(t.value for t in terms if t.kind == kind))


def _hours(term: TermValue) -> float | None:
    if term.value in _QUALITATIVE_HOURS:
        return _QUALITATIVE_HOURS[term.value]
    if term.unit and term.amount is not None:
        return term.amount * _UNIT_HOURS[term.unit]
    return None


def _latest(terms, kind) -> TermValue | None:
    timed = [t for t in terms if t.kind == kind and _hours(t) is not None]
    return max(timed, key=_hours) if timed else None


def _shortest(terms, kind) -> TermValue | None:
    timed = [t for t in terms if t.kind == kind and _hours(t) is not None]
    return min(timed, key=_hours) if timed else None


def _term_findings(topic: str, ref: tuple[TermValue, ...], ven: tuple[TermValue, ...]):
    if topic == "breach":
        # The deadline that governs the notice to the controller is the first (most prominent) one.
        r = next((t for t in ref if t.kind == "breach_deadline" and _hours(t) is not None), None)
        v = next((t for t in ven if t.kind == "breach_deadline" and _hours(t) is not None), None)
        if r and not v:
            yield "deadline_absent"
        elif r and v and _hours(v) > _hours(r):
            yield "deadline_longer"
        elif r and v and v.value != r.value:
            yield "deadline_different"
    elif topic == "liability":
        ref_caps, ven_caps = _values(ref, "liability_cap"), _values(ven, "liability_cap")
        ven_amounts = [t for t in ven if t.kind == "liability_cap" and t.amount]
        ref_amounts = [t for t in ref if t.kind == "liability_cap" and t.amount]
        if ven_caps and (not ref_caps or "uncapped" in ref_caps) and "uncapped" not in ven_caps:
            yield "cap_added"
        elif ven_amounts and ref_amounts and min(t.amount for t in ven_amounts) < min(t.amount for t in ref_amounts):
            yield "cap_lower"
        exclusions = set(_values(ven, "liability_exclusion")) - set(_values(ref, "liability_exclusion"))
        if "fines" in exclusions:
            yield "fines_excluded"
        if exclusions & {"indirect damage", "lost profit"}:
            yield "indirect_excluded"
        if "by controller" in _values(ven, "indemnity") and "by controller" not in _values(ref, "indemnity"):
            yield "controller_indemnifies"
    elif topic == "audit":
        ref_freq, ven_freq = _values(ref, "audit_frequency"), _values(ven, "audit_frequency")
        if ven_freq and ven_freq != ref_freq and ("at any time" in ref_freq or not ref_freq):
            yield "less_frequent"
        if "controller" in _values(ven, "audit_cost") and "controller" not in _values(ref, "audit_cost"):
            yield "cost_on_controller"
        ven_by = _values(ven, "audit_by")
        if ven_by == ["certification or third-party statement"] and "independent auditor" in _values(ref, "audit_by"):
            yield "certification_only"
    elif topic == "subprocessors":
        r, v = _shortest(ref, "objection_period"), _shortest(ven, "objection_period")
        if r and not v:
            yield "objection_absent"
        elif r and v and _hours(v) < _hours(r):
            yield "objection_shorter"
        if "general" in _values(ven, "subprocessor_authorisation") and "specific" in _values(ref, "subprocessor_authorisation") \
                and "general" not in _values(ref, "subprocessor_authorisation"):
            yield "general_authorisation"
    elif topic == "transfers":
        ref_rules, ven_rules = set(_values(ref, "transfers")), set(_values(ven, "transfers"))
        strict = {"with consent", "not allowed", "within the EEA"}
        if ref_rules & strict and ven_rules and not ven_rules & strict:
            yield "less_strict"
    elif topic == "return_deletion":
        r = _latest(ref, "deletion_deadline") or _latest(ref, "backup_deletion")
        v = _latest(ven, "deletion_deadline") or _latest(ven, "backup_deletion")
        if r and v and _hours(v) > _hours(r):
            yield "deadline_longer"
    elif topic == "governing_law":
        ref_law, ven_law = _values(ref, "governing_law"), _values(ven, "governing_law")
        if ref_law and ven_law and set(ref_law) != set(ven_law):
            yield "law_differs"
        ref_court, ven_court = _values(ref, "court"), _values(ven, "court")
        if ref_court and ven_court and set(ref_court) != set(ven_court):
            yield "court_differs"
    elif topic == "duration_termination":
        if "by processor" in _values(ven, "termination_right") and "by processor" not in _values(ref, "termination_right"):
            yield "processor_may_terminate"


_VALUE_WORDS = {"P1Y": "once a year"}


def describe(term: TermValue) -> str:
    """A term as a person says it: '24 hours', '5 working days', 'EUR 5,000', 'without undue delay'."""
    if term.kind == "audit_frequency":
        return _VALUE_WORDS.get(term.value, term.value)
    if term.kind == "indemnity" and term.value == "mutual":
        return "mutual indemnity"
    if term.unit and term.amount is not None:
        amount = f"{term.amount:g}"
        unit = term.unit if term.amount != 1 else term.unit.rstrip("s")
        return f"{amount} {unit}"
    if term.currency and term.amount is not None:
        return f"{term.currency} {term.amount:,.0f}"
    return term.value


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# How a side names each kind of term where a topic compares several ("by independent auditor ·
# paid by controller"); a topic with one kind shows the values alone.
_KIND_WORDS = {
    "liability_cap": "cap {}", "liability_exclusion": "excludes {}", "audit_by": "by {}", "audit_cost": "paid by {}",
    "subprocessor_authorisation": "{} authorisation", "objection_period": "{} to object",
    "deletion_deadline": "deletion {}", "backup_deletion": "backups {}", "governing_law": "{} law", "court": "court {}",
    "duration": "term {}", "termination_notice": "termination notice {}", "termination_right": "termination {}",
    "indemnity": "indemnity {}",
}

# Values that say their kind themselves: "uncapped", not "cap uncapped".
_SAID_WHOLE = {"uncapped", "term of the main agreement", "not allowed", "indefinite", "mutual indemnity"}


def _side(terms, kinds) -> str:
    """One side's terms of a topic, kind by kind in the topic's order: "once a year · by
    independent auditor · paid by controller", "cap EUR 5,000, insurance payout · excludes
    indirect damage"."""
    parts = []
    for kind in kinds:
        values = list(dict.fromkeys(describe(t) for t in terms if t.kind == kind))
        named = [v for v in values if v not in _SAID_WHOLE]
        words = _KIND_WORDS.get(kind, "{}") if len(kinds) > 1 else "{}"
        said = ([words.format(", ".join(named))] if named else []) + [v for v in values if v in _SAID_WHOLE]
        if said:
            parts.append(", ".join(said))
    return " · ".join(parts) if parts else "not stated"



def _summary(topic: str, status: str, findings, ref: tuple[TermValue, ...], ven: tuple[TermValue, ...]) -> str:
    label = topic_label(topic).lower()
    if status == "missing":
        return f"The vendor DPA has no clause on {label}; the reference does."
    if status == "extra":
        return f"The vendor DPA has clauses on {label} that the reference does not."
    kinds = TOPIC_TERMS.get(topic, ())
    lines = {
        "deadline_longer": "breach notice later than the reference",
        "deadline_absent": "no deadline for breach notice",
        "deadline_different": "a different breach notice deadline",
        "cap_added": "liability capped where the reference has no cap",
        "cap_lower": "a lower liability cap",
        "fines_excluded": "GDPR fines excluded from liability",
        "indirect_excluded": "indirect damage excluded",
        "controller_indemnifies": "the controller indemnifies the processor",
        "less_frequent": "audits limited in frequency",
        "cost_on_controller": "audit costs for the controller",
        "certification_only": "a certificate instead of an audit",
        "objection_shorter": "less time to object to new sub-processors",
        "objection_absent": "no period to object to new sub-processors",
        "general_authorisation": "a general instead of a specific authorisation",
        "less_strict": "transfers outside the EEA with fewer conditions",
        "law_differs": "a different governing law",
        "court_differs": "a different competent court",
        "processor_may_terminate": "the processor may end the agreement on its own",
    }
    said = [lines[f] for f in findings if f in lines]
    vendor_side, reference_side = _side(ven, kinds), _side(ref, kinds)
    if said:
        return f"{_sentence('; '.join(said))} (vendor: {vendor_side}; reference: {reference_side})."
    if kinds and vendor_side == reference_side != "not stated":
        if status == "same":
            return f"Both treat {label} with the same terms ({vendor_side}) and every vendor clause has a close counterpart."
        return f"The same terms ({vendor_side}); the wording differs (see the redlines)."
    if kinds and (vendor_side, reference_side) != ("not stated", "not stated"):
        return f"Terms compared — vendor: {vendor_side}; reference: {reference_side}."
    if status == "same":
        return f"Both treat {label} and every vendor clause has a close counterpart."
    return f"Both treat {label}; the wording differs (see the redlines)."
