"""Extract the terms negotiators compare, in Dutch and English, with normalised values.

Every `TermValue` keeps the original words and their span in the clause text. Durations are
ISO 8601 (`PT24H`, `P5D`, `P6W`, `P3M`, `P1Y`), with working days kept apart from calendar
days (`unit="working days"`); amounts are a number and a currency (`EUR 5000`); qualitative
deadlines are one of `immediately`, `without undue delay`, `as soon as possible`.

Kinds: breach_deadline, liability_cap, liability_exclusion, indemnity,
subprocessor_authorisation, objection_period, audit_frequency, audit_by, audit_cost,
deletion_deadline, backup_deletion, dsr_response, transfers, governing_law, court, duration,
termination_notice, termination_right (`by processor`: the processor may end the agreement on
its own, the cue topics.py reads as the provision `duration.processor_terminates`).

Some readings a reviewer would make, and so does this module: a liability cap may be an
amount, "fees paid", "insurance payout", "uncapped", or "as in the main agreement" (a DPA
that leaves caps to the main agreement is capped all the same); the objection period is the
time the controller has to object to a new sub-processor, or the notice it gets before one
starts (the SCC's "at least [period] in advance ... to object"), never the time either side
has to answer or resolve an objection; a ban on sub-processors "without prior written
consent" is a specific authorisation, one without such a proviso `not allowed`; sub-processors
the processor says it uses, or whose changes it tells the controller of (so that it may
object: Art. 28(2)'s mechanism, as in seed 001's "gerechtigd ... gebruik te maken van diensten
van subverwerkers ... in kennis stellen"), are a general authorisation, for many DPAs never name
it otherwise; an indemnity is named by who gives it (`by controller`, `by processor`, `mutual`).
"""

from __future__ import annotations

import re
from typing import Iterable

from .topics import PROVISIONS
from .types import Clause, TermValue


_NUMBER_WORDS = {
    "een": 1, "één": 1, "one": 1, "a": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7, "acht": 8, "eight": 8, "negen": 9,
    "nine": 9, "tien": 10, "ten": 10, "twaalf": 12, "twelve": 12, "veertien": 14, "fourteen": 14,
    "vijftien": 15, "fifteen": 15, "twintig": 20, "twenty": 20, "dertig": 30, "thirty": 30,
    "vijfenveertig": 45, "forty-five": 45, "achtenveertig": 48, "forty-eight": 48, "zestig": 60, "sixty": 60,
    "tweeënzeventig": 72, "tweeenzeventig": 72, "seventy-two": 72, "seventy two": 72, "negentig": 90, "ninety": 90,
}
_NUMBER = r"(?:\d+(?:[.,]\d+)?|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)) + r")"
_UNITS = {
    "uur": ("H", "hours"), "uren": ("H", "hours"), "hour": ("H", "hours"), "hours": ("H", "hours"),
    "werkdag": ("D", "working days"), "werkdagen": ("D", "working days"), "working day": ("D", "working days"),
    "working days": ("D", "working days"), "business day": ("D", "working days"), "business days": ("D", "working days"),
    "dag": ("D", "days"), "dagen": ("D", "days"), "day": ("D", "days"), "days": ("D", "days"),
    "kalenderdag": ("D", "days"), "kalenderdagen": ("D", "days"), "calendar day": ("D", "days"), "calendar days": ("D", "days"),
    "week": ("W", "weeks"), "weken": ("W", "weeks"), "weeks": ("W", "weeks"), "kalenderweken": ("W", "weeks"),
    "calendar weeks": ("W", "weeks"),
    "maand": ("M", "months"), "maanden": ("M", "months"), "month": ("M", "months"), "months": ("M", "months"),
    "jaar": ("Y", "years"), "jaren": ("Y", "years"), "year": ("Y", "years"), "years": ("Y", "years"),
}
_UNIT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
DURATION = re.compile(rf"\b(?P<num>{_NUMBER})(?:\s*\(\s*\d+\s*\)\s*|\s+)(?P<unit>{_UNIT})\b", re.I)

_QUALITATIVE = [
    (re.compile(r"\bzonder (?:onredelijke|onnodige) vertraging\b|\bwithout undue delay\b", re.I), "without undue delay"),
    (re.compile(r"\bonverwijld\b|\bonmiddellijk\b|\bimmediately\b|\bimmediate notification\b|\bpromptly\b|\bper direct\b", re.I), "immediately"),
    (re.compile(r"\bzo spoedig (?:als )?(?:redelijkerwijs )?mogelijk\b|\bzo snel mogelijk\b|\bas soon as (?:reasonably )?(?:possible|practicable)\b", re.I), "as soon as possible"),
]

_LIST_LABEL = re.compile(r"(?:(?<=\s)|^)(?:[a-z]|[ivx]{1,4}|\d{1,2})\.(?=\s)")
_CONTROLLER = r"(?:verwerkingsverantwoordelijke|verantwoordelijke|onderwijsinstelling|opdrachtgever|klant|(?:data )?controller|customer|client|data exporter)"
_PROCESSOR = r"(?:verwerker|bewerker|opdrachtnemer|leverancier|processor|contractor|provider|supplier|data importer)"


def parse_duration(match: re.Match) -> tuple[str, str, float]:
    """(ISO 8601 duration, unit name, number) of a DURATION match."""
    raw = match.group("num").lower()
    number = float(raw.replace(",", ".")) if raw[0].isdigit() else float(_NUMBER_WORDS[raw])
    letter, unit = _UNITS[match.group("unit").lower()]
    count = int(number) if number.is_integer() else number
    iso = f"PT{count}H" if letter == "H" else f"P{count}{letter}"
    return iso, unit, number


def extract_terms(clause: Clause) -> list[TermValue]:
    """The terms found in one clause, in text order within each kind."""
    text = clause.text
    # List labels ("- a. met ...") must not end a sentence for the gaps below: their dot becomes a
    # space in the text scanned (same length, so spans stay true).
    lower = _LIST_LABEL.sub(lambda m: m.group(0)[:-1] + " ", text.lower()).replace("\u2019", "'")
    topics = set(clause.topics)
    found: list[TermValue] = []

    def add(kind: str, value: str, start: int, end: int, **extra) -> None:
        found.append(TermValue(kind, value, text[start:end], (start, end), clause.id, **extra))

    def durations(kind: str, near: str | None = None, window: int = 160) -> None:
        for m in DURATION.finditer(text):
            if near and not re.search(near, lower[max(0, m.start() - window): m.end() + window]):
                continue
            iso, unit, number = parse_duration(m)
            add(kind, iso, m.start(), m.end(), unit=unit, amount=number)

    breach_words = r"datalek|inbreuk|incident|breach|onbevoegde|unauthori[sz]ed"
    if "breach" in topics:
        notify = r"meld|informeer|informeren|in kennis|op de hoogte|notif|inform|notice"
        if re.search(notify, lower) and re.search(breach_words, lower):
            before = len(found)
            durations("breach_deadline", near=notify)
            for pattern, value in _QUALITATIVE:
                for m in pattern.finditer(text):
                    window = lower[max(0, m.start() - 200): m.end() + 200]
                    # Or a sentence that notifies the controller and names the breach further on
                    # (Aptible's "Notify Customer without undue delay ... (a “Data Breach”)"); not
                    # the controller's own deadlines towards the authority (SCC 9.1).
                    if (re.search(notify, window) and re.search(breach_words, window)) or \
                            _notifies_controller_of_breach(_sentence_of(text, lower, m.start(), m.end()), breach_words):
                        add("breach_deadline", value, m.start(), m.end())
            if len(found) > before:
                _keep_first_per_span(found, "breach_deadline")

    if "liability" in topics or re.search(r"aansprakelijk|liab|\bcapped\b", lower):
        _liability(text, lower, add)
    if re.search(r"indemnif|vrijwa|harmless", lower):
        _indemnity(lower, add)

    if "subprocessors" in topics or re.search(r"sub[- ]?verwerker|sub-?bewerker|sub-processor|subprocessor|subcontract|onderaannemer", lower):
        _subprocessors(text, lower, add)

    if "audit" in topics or re.search(r"\baudit|controle|inspect|onderzoek", lower):
        _audit(text, lower, add)

    if "return_deletion" in topics or re.search(r"verwijder|vernietig|delet|destroy|return|teruggave|wis", lower):
        deletion = r"\b(?:verwijder|vernietig|wis|delet|destroy|eras|return|terug)"
        retention = r"maximum|maximaal|retentie|retention|retain|aangehouden|bewaard|kept|stored"
        primary = clause.topics[:1] == ("return_deletion",)
        periods = list(DURATION.finditer(text))
        backups_heading = bool(_BACKUPS.search(clause.heading.lower()))
        for n, m in enumerate(periods):
            window = lower[max(0, m.start() - 120): m.end() + 120]
            backup = backups_heading or \
                _about_backups(text, lower, m, periods[n - 1] if n else None, periods[n + 1] if n + 1 < len(periods) else None)
            other = re.search(r"bezwaar|object|opzeg|notice|kennisgeving|breach|datalek", window)
            if re.search(deletion, window) or (primary and not other) or (backup and re.search(retention, window)):
                iso, unit, number = parse_duration(m)
                add("backup_deletion" if backup else "deletion_deadline", iso, m.start(), m.end(), unit=unit, amount=number)
        for pattern, value in _QUALITATIVE:
            for m in pattern.finditer(text):
                window = lower[max(0, m.start() - 120): m.end() + 120]
                if (primary or re.search(deletion, window)) and not re.search(r"datalek|breach|incident", window):
                    add("deletion_deadline", value, m.start(), m.end())

    if "data_subject_rights" in topics:
        durations("dsr_response", near=r"verzoek|request|betrokkene|data subject")

    if "transfers" in topics or re.search(r"doorgifte|doorgeven|transfer|buiten de (?:eer|europese)|outside the (?:eea|eu)", lower):
        _transfers(text, lower, clause.heading.lower(), add)

    _law_and_court(text, lower, add)

    if "duration_termination" in topics or re.search(r"looptijd|duur|opzeg|terminat|duration", lower):
        for m in re.finditer(r"onbepaalde tijd|indefinite (?:period|term)", lower):
            add("duration", "indefinite", m.start(), m.end())
        for m in re.finditer(r"(?:looptijd|duur)[^.]{0,80}gelijk aan[^.]{0,60}overeenkomst|zolang de (?:hoofd)?overeenkomst duurt|"
                             r"(?:voor )?de duur van de (?:hoofd|onderliggende )?overeenkomst|"
                             r"(?:for|during) the (?:term|duration) of the (?:main |principal )?agreement|"
                             r"terminat\w* [^.]{0,40}automatically with the (?:termination|expiry) of the (?:main |principal |underlying )?agreement", lower):
            add("duration", "term of the main agreement", m.start(), m.end())
        durations("termination_notice", near=r"opzeg|notice period|(?:written |prior )?notice of|with a notice|kennisgeving van beëindiging")
        # Once per clause: the cues overlap ("Verwerker kan ... ontbinden", "ontbonden door Verwerker").
        rights = [m for m in (cue.search(lower) for cue in _PROCESSOR_TERMINATES) if m]
        if rights:
            first = min(rights, key=lambda m: m.start())
            add("termination_right", "by processor", first.start(), first.end())
        # A period to object to a sub-processor is not also the notice to terminate.
        objections = {t.span for t in found if t.kind == "objection_period"}
        found[:] = [t for t in found if t.kind != "termination_notice" or t.span not in objections]
    # Text order within each kind: the first breach deadline is the one the clause leads with
    # ("without undue delay (no later than 48 hours)"), whichever pattern found it.
    found.sort(key=lambda term: term.span[0])
    return found


_PROCESSOR_TERMINATES = [re.compile(p) for p in PROVISIONS["duration.processor_terminates"][1]]
_NOTIFY_CONTROLLER = rf"(?:notify|inform|informeert|stelt) (?:the )?{_CONTROLLER}\b"


def _notifies_controller_of_breach(sentence: str, breach_words: str) -> bool:
    return bool(re.search(_NOTIFY_CONTROLLER, sentence) and re.search(breach_words, sentence))

_BACKUPS = re.compile(r"back-?ups?|reservekopie|archiv")


def _about_backups(text: str, lower: str, period: re.Match, before: re.Match | None, after: re.Match | None) -> bool:
    """Whether a deletion period is for backups, where the heading does not say so: they are
    named between the sentence's start (or the period before) and this one ("from backups
    within 180 days"), or after it in a sentence with no other period ("a maximum of 6 months,
    ... his or her own Plesk backup"). "All copies" are not backups, and "from active systems
    within 30 days and from backups within 180 days" gives the 30 days to active systems."""
    start, end = _sentence_bounds(text, period.start(), period.end())
    if _BACKUPS.search(lower[max(start, before.end() if before else 0): period.start()]):
        return True
    return bool(_BACKUPS.search(lower[period.end(): end])) and not (after and after.start() < end)


def _keep_first_per_span(found: list[TermValue], kind: str) -> None:
    """Drop a qualitative deadline whose words overlap a duration already found ("direct" in "binnen 24 uur")."""
    spans = [t.span for t in found if t.kind == kind and t.unit]
    found[:] = [t for t in found if t.kind != kind or t.unit or not any(a < t.span[1] and t.span[0] < b for a, b in spans)]


_AMOUNT = re.compile(
    r"(?:(?P<cur1>€|eur(?:o)?|usd|\$|£|gbp)\s?(?P<num1>\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?)(?:,-)?"
    r"|(?P<num2>\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?)(?:,-)?\s?(?P<cur2>euro|eur|usd|dollars?|gbp|pounds?))",
    re.I,
)
_CURRENCY = {"€": "EUR", "eur": "EUR", "euro": "EUR", "usd": "USD", "$": "USD", "dollar": "USD", "dollars": "USD",
             "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP"}


def parse_amount(number: str) -> float:
    """'5.000,-' -> 5000; '5,000.00' -> 5000.0; '1.500,50' -> 1500.5."""
    number = number.replace(" ", "").rstrip("-").rstrip(",")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", number):
        return float(number.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", number):
        return float(number.replace(",", ""))
    return float(number.replace(",", "."))


def _liability(text: str, lower: str, add) -> None:
    for m in _AMOUNT.finditer(text):
        window = lower[max(0, m.start() - 250): m.end() + 60]
        if not re.search(r"aansprakelijk|liab|schade|damage|bedrag|vergoeding|exceed|maximum|nooit meer", window):
            continue
        currency = _CURRENCY[(m.group("cur1") or m.group("cur2")).lower()]
        amount = parse_amount(m.group("num1") or m.group("num2"))
        add("liability_cap", f"{currency} {amount:g}", m.start(), m.end(), amount=amount, currency=currency)
    for pattern, value in [
        (r"(?:beperkt tot|limited to|not exceed)[^.]{0,80}(?:betaald|paid|fees|vergoeding)", "fees paid"),
        (r"(?:\d+|one|two|three|twelve)\s*(?:x|times)\s*(?:the )?(?:annual )?(?:fees|amounts? paid)", "multiple of fees"),
        (r"aansprakelijkheidsverzekeraar[^.]{0,60}uitgekeerd|(?:insurance|insurer)[^.]{0,60}(?:pays?|paid|cover)", "insurance payout"),
        (r"geen beroep doen op een aansprakelijkheidsbeperking|(?:unlimited|onbeperkt)e? (?:liability|aansprakelijk)", "uncapped"),
        (r"capped[^.]{0,60}(?:amount|payments?|fees)[^.]{0,40}(?:paid|made)", "fees paid"),
        # The DPA leaves caps to the main agreement: capped all the same.
        (r"subject to the (?:[\w,]+ ){0,4}(?:limitations?|caps?) of liability (?:stated |set out |set forth |contained )?in the (?:main |principal |underlying )?agreement|"
         r"subject to the terms of the (?:main |principal |underlying )?agreement regarding (?:limitations?|caps?) of liability|"
         r"liability[^.]{0,120}(?:is|are) capped under the (?:main |principal |underlying )?agreement", "as in the main agreement"),
    ]:
        for m in re.finditer(pattern, lower):
            add("liability_cap", value, m.start(), m.end())
    for pattern, value in [
        (r"indirecte schade|gevolgschade|indirect (?:or consequential )?(?:damages?|loss)|consequential", "indirect damage"),
        (r"gederfde (?:omzet|winst)|lost (?:profits?|revenue)|loss of (?:profits?|revenue)", "lost profit"),
        (r"boetes?\b[^.]{0,80}(?:uitgesloten|niet[^.]{0,30}verhaald)|(?:uitgesloten|excluded)[^.]{0,160}boetes?|"
         r"fines?[^.]{0,60}(?:excluded|not (?:be )?recoverable)", "fines"),
    ]:
        for m in re.finditer(pattern, lower):
            add("liability_exclusion", value, m.start(), m.end())


_SUBPROCESSORS = r"(?:sub-? ?processors?|sub-?contractors?|other processors|onward subprocessors|third parties as subprocessors|sub-?verwerkers?)"
# No full stop, but a dot inside a number ("Article 2.3") is none.
_NO_STOP = r"(?:[^.]|\.(?=\d))"
_PRIOR_CONSENT = r"prior (?:specific )?(?:written )?(?:permission|consent|authori[sz]ation|approval)"


# Who indemnifies whom: "The Customer shall defend, indemnify and hold harmless the Provider",
# "Klant vrijwaart Starred", "zal zij Verwerker vrijwaren". The party held harmless decides:
# the processor (or a party named, as a vendor names itself) means the controller indemnifies.
# Damage paid to a data subject is liability, not an indemnity between the parties; "each party
# indemnifies the other", "Partijen vrijwaren elkaar" are mutual.
_INDEMNIFIED = re.compile(
    r"indemnif(?:y|ies|ying)(?: and hold harmless)? (?!(?:the |a |any )?(?:data subjects?|third))(?:the )?(?P<indemnified>[\w-]+)|"
    r"hold (?:the )?(?P<held>[\w-]+) harmless|vrijwaart (?:de )?(?P<vrijwaart>[\w-]+)|(?:de )?(?P<vrijwaren>[\w-]+) (?:te )?vrijwaren")
_MUTUAL = re.compile(r"\b(?:elkaar|each other|one another|the other|each party|iedere partij|elke partij)\b")
_NO_PARTY = {"zich", "hem", "haar", "zij", "hij", "partijen", "each", "any", "all", "against", "from", "and", "or", "for",
             "it", "its"}


def _indemnity(lower: str, add) -> None:
    for m in _INDEMNIFIED.finditer(lower):
        whom = next(g for g in m.groups() if g)
        if _MUTUAL.search(lower[max(0, m.start() - 40): m.end() + 20]):
            value = "mutual"
        elif whom in _NO_PARTY:
            continue
        else:
            value = "by processor" if re.fullmatch(_CONTROLLER, whom) else "by controller"
        add("indemnity", value, m.start(), m.end())


def _subprocessors(text: str, lower: str, add) -> None:
    for pattern, value in [
        (r"(?:voorafgaande|uitdrukkelijke)? ?specifieke (?:schriftelijke )?toestemming|prior specific (?:written )?authori[sz]ation|"
         r"specific (?:prior )?(?:written )?authori[sz]ation|"
         # engaging one only with consent asked and given first
         rf"(?:not (?:be )?(?:entitled|permitted|allowed) to|shall not|may not|will not) (?:engage|appoint|use|subcontract)[^.]{{0,160}}?without (?:the )?[^.]{{0,30}}{_PRIOR_CONSENT}|"
         r"unless (?:the )?(?:customer|controller|client) has (?:approved|authori[sz]ed|consented to) the sub-?processor|"
         r"niet gerechtigd[^.]{0,60}in te schakelen zonder (?:voorafgaande )?(?:schriftelijke )?toestemming|"
         r"(?:uitbesteedt|inschakelt)[^.]{0,80}voorafgaand(?:e)? (?:schriftelijke )?toestemming (?:vragen|verkrijgen)", "specific"),
        (r"algemene (?:schriftelijke )?toestemming|general (?:written )?authori[sz]ation|general consent|"
         r"generally authori[sz]es|"
         r"(?:is|wordt) (?:het )?(?:verwerker )?toegestaan[^.]{0,60}(?:sub[- ]?verwerker|gebruik te maken)|"
         rf"geeft{_NO_STOP}{{0,80}}toestemming{_NO_STOP}{{0,40}}(?:tot|voor) het inschakelen van sub-?verwerkers|"
         r"mag[^.]{0,80}gebruik maken van[^.]{0,40}zonder (?:voorafgaande )?(?:schriftelijke )?toestemming|"
         # "Customer (hereby) authorizes X to engage / appoint Subprocessors", "X is authorized to engage sub-contractors"
         rf"authori[sz]e[sd]? (?:[\w'-]+ ){{0,3}}to (?:engage|appoint|use|hire|enable|contract)[^.]{{0,60}}?{_SUBPROCESSORS}|"
         r"authori[sz]e[sd]? (?:[\w'-]+ ){0,3}to subcontract|"
         rf"(?:may|shall|will) (?:engage|use|hire|contract|appoint)(?: with)? (?:[\w-]+ ){{0,2}}{_SUBPROCESSORS}|"
         rf"consents? to (?:this|the) engagement|gives? [\w ]{{0,30}}consent{_NO_STOP}{{0,40}}to (?:engage|enable|use) {_SUBPROCESSORS}|"
         r"commissioning of further subcontractors is permitted|in the absence of the client'?s prior consent|"
         # Said as a fact: "Plausible Analytics uses subprocessors", "We do work with sub-processors".
         rf"\b(?:uses|works with|(?:we|do|does) (?:use|work with)) (?:[\w-]+ ){{0,2}}{_SUBPROCESSORS}(?!{_NO_STOP}{{0,60}}(?:only|solely) (?:with|after|upon))|"
         # Art. 28(2)'s mechanism of a general authorisation: the controller is told of changes
         # to the sub-processors and may object ("notify the controller of any intended changes").
         rf"(?:notify|notifies|inform|informs)\b{_NO_STOP}{{0,80}}?(?:changes?|modif\w+|addition|replacement|new)\b{_NO_STOP}{{0,40}}?{_SUBPROCESSORS}|"
         r"(?<!niet )(?:gerechtigd|toegestaan|bevoegd)[^.]{0,120}gebruik te maken(?: van)?(?: (?:de )?diensten van)? (?:\w+ )?sub[- ]?verwerkers?|"
         # "licht ... in over een voorgenomen toevoeging", "informeert ... voorafgaand aan het inschakelen van een nieuwe Sub-verwerker"
         r"\b(?:licht|lichten|inlichten|informeert|informeren|in kennis stel\w*)\b[^.]{0,100}?\b(?:beoogde|voorgenomen|nieuwe)\b"
         r"[^.]{0,60}?(?:veranderingen|wijziging|toevoeging|vervanging|sub[- ]?verwerker)", "general"),
        # Not at all (a prohibition that a consent lifts is a specific authorisation, above).
        (r"(?:geen|niet)[^.]{0,30}(?:andere personen of organisaties|derden) inschakelen|shall not (?:engage|subcontract)(?![^.]{0,160}without)", "not allowed"),
    ]:
        for m in re.finditer(pattern, lower):
            add("subprocessor_authorisation", value, m.start(), m.end())
    for m in DURATION.finditer(text):
        # The sentence says what the period is: time to object, or notice before a new
        # sub-processor starts (the SCC's "at least [period] in advance ... to object").
        sentence = _sentence_of(text, lower, m.start(), m.end())
        notice = re.search(r"in advance|before|prior to|prior (?:written )?notice|voorafgaand|voordat", sentence) \
            and re.search(r"addition|replac|new |changes|nieuwe|wijziging|toevoeging", sentence)
        answer = re.search(r"reageren op|respond to|response to", sentence)  # the processor's time to answer one
        # "object", "objection", not "the objected-to sub-processor" (a period to resolve it)
        if (re.search(r"bezwaar|\bobject(?:s|ion|ions)?\b(?!-)|verzet|reject|contest|oppose", sentence) or notice) and not answer:
            iso, unit, number = parse_duration(m)
            add("objection_period", iso, m.start(), m.end(), unit=unit, amount=number)


_SENTENCE_END = re.compile(r"[.!?;:](?=\s+[\"“(]?[A-Z0-9])|\n")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around text[start:end] begins and ends: ends are a stop before a
    capital or a digit, so "e.g.," and "Art. 28" do not end one."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    return begin, stop.end() if stop else len(text)


def _sentence_of(text: str, lower: str, start: int, end: int) -> str:
    begin, stop = _sentence_bounds(text, start, end)
    return lower[begin:stop]


def _audit(text: str, lower: str, add) -> None:
    for m in re.finditer(r"eenmaal per jaar|(?:één|een)(?:maal)? keer per jaar|jaarlijks|once (?:a|per|every) (?:calendar )?year|"
                         r"annually|(?:not more (?:frequently|often) than )?(?:once )?every (?:12|twelve) months", lower):
        add("audit_frequency", "P1Y", m.start(), m.end())
    for m in re.finditer(r"te allen tijde|at any time", lower):
        if re.search(r"audit|controle|inspect|onderzoek|toe te zien|naleving", lower[m.start(): m.end() + 250]):
            add("audit_frequency", "at any time", m.start(), m.end())
    for m in re.finditer(r"onafhankelijke[^.]{0,30}deskundige|independent,? (?:third[- ]party )?auditors?|"
                         r"(?:mandated |appointed )?third[- ]party auditors?(?! (?:report|certif|attest))|"
                         r"(?:gecertificeerde )?externe deskundige|mandate an independent auditor", lower):
        add("audit_by", "independent auditor", m.start(), m.end())
    for m in re.finditer(r"derdenverklaring|\btpm\b|certifi\w+|iso[ /]?(?:iec )?27001|soc ?2", lower):
        add("audit_by", "certification or third-party statement", m.start(), m.end())
    cost = rf"kosten[^.]{{0,80}}?(?:komen |zijn )?voor (?:de )?rekening (?:komen |zijn )?van (?:de )?(?P<who>{_CONTROLLER}|{_PROCESSOR})"
    for m in re.finditer(cost, lower):
        if re.search(r"audit|onderzoek|controle|inspect", lower[max(0, m.start() - 200): m.end()]):
            add("audit_cost", _party(m.group("who")), m.start(), m.end())
    for m in re.finditer(rf"at (?:the )?(?P<who>{_CONTROLLER}|{_PROCESSOR})'?s? (?:own )?(?:cost|expense)|"
                         rf"(?P<who2>{_CONTROLLER}|{_PROCESSOR}) (?:shall|will) (?:bear|pay|reimburse)[^.]{{0,40}}(?:cost|expense)", lower):
        if re.search(r"audit|inspect", lower[max(0, m.start() - 200): m.end() + 100]):
            add("audit_cost", _party(m.group("who") or m.group("who2")), m.start(), m.end())
    for m in re.finditer(r"tegen vergoeding van (?:haar|zijn|de) kosten", lower):
        add("audit_cost", "controller", m.start(), m.end())
    # "The cost of such audits shall be borne by the Data Controller", "Verantwoordelijke zal alle kosten ... betalen"
    for m in re.finditer(rf"costs? (?:of|for) [^.]{{0,40}}(?:audits?|inspections?)[^.]{{0,30}}(?:borne|paid|covered) by (?:the )?(?P<who>{_CONTROLLER}|{_PROCESSOR})|"
                         rf"(?P<who2>{_CONTROLLER}|{_PROCESSOR}) (?:zal|draagt) (?:alle )?(?:de )?kosten[^.]{{0,80}}(?:onderzoek|audit|controle)", lower):
        add("audit_cost", _party(m.group("who") or m.group("who2")), m.start(), m.end())


def _party(word: str) -> str:
    return "processor" if re.fullmatch(_PROCESSOR, word) else "controller"


def _between_full_stops(text: str, start: int, end: int) -> str:
    """The text between the full stops around text[start:end]. Wider than `_sentence_of`, which
    also ends at a colon, a semicolon or a line: a sub-processor table's "SCCs" (Mailjet's Annex 3)
    and a list under "so that:" (the UK Addendum) speak of transfers only further on. Measured
    over the 31 files, `_sentence_of` here loses those 11 and finds 6 others, 5 of them in
    definitions of the SCCs, which name a document, not a rule for transfers."""
    stop = text.find(".", end)
    return text[text.rfind(".", 0, start) + 1: stop if stop >= 0 else len(text)]


_TRANSFER_WORDS = re.compile(r"transfer|doorgifte|doorgeven|third countr|derde land|outside|buiten|importer|exporter")


def _transfers(text: str, lower: str, heading: str, add) -> None:
    for pattern, value in [
        (r"standard contractual clauses|modelcontract|\bsccs?\b|standaardcontractbepalingen", "standard contractual clauses"),
        (r"adequa(?:cy|tie)\w*|adequaat\w*|passend beschermingsniveau", "adequacy decision"),
        (r"(?:voorafgaande |specifieke )?(?:schriftelijke )?toestemming[^.]{0,80}(?:doorgifte|buiten|land)|"
         r"(?:doorgifte|buiten|land)[^.]{0,120}(?:voorafgaande |specifieke )?(?:schriftelijke )?toestemming|"
         r"(?:prior |specific )?(?:written )?(?:consent|authori[sz]ation|agreement)[^.]{0,60}(?:transfer|third country)|"
         r"transfer[^.]{0,80}(?:with|subject to) (?:the )?(?:prior )?(?:written )?(?:consent|agreement|authori[sz]ation|instructions)", "with consent"),
        (r"(?:is|zijn) (?:niet )?(?:toegestaan|verboden)[^.]{0,40}buiten|geen persoonsgegevens[^.]{0,80}buiten|"
         r"(?:prohibited|not (?:be )?permitted|may not)[^.]{0,80}(?:outside|third countr)|nooit doorgeven", "not allowed"),
        (r"(?:binnen|within) (?:de |the )?(?:europese economische ruimte|eer|eea|europese unie|european union|eu|member states)|"
         r"not (?:be )?(?:transferred|processed)(?: and/or processed)? outside (?:of )?the (?:eea|european economic area|european union|eu)\b",
         "within the EEA"),
        # "Google may process Customer Personal Data in any country in which Google ... maintain facilities"
        (r"(?<!including )(?:in|to) any country(?: or territory)?\b(?! outside)(?! to which)|across international borders|"
         r"anywhere in the world|"
         r"in (?:elk|ieder) land", "anywhere"),
    ]:
        for m in re.finditer(pattern, lower):
            # A mention of the SCCs as a document is no transfer rule: the sentence or heading must speak of transfers.
            sentence = _between_full_stops(lower, m.start(), m.end())
            if value == "standard contractual clauses" and not _TRANSFER_WORDS.search(f"{heading} {sentence}"):
                continue
            # "shall not transfer personal data to any country ..." allows nothing anywhere
            if value == "anywhere" and re.search(r"\b(?:not|never|niet|geen|nooit)\b", lower[max(0, m.start() - 80): m.start()]):
                continue
            add("transfers", value, m.start(), m.end())


_LAWS = {"nederlands": "Dutch", "nederlandse": "Dutch", "dutch": "Dutch", "duits": "German", "duitse": "German",
         "german": "German", "belgisch": "Belgian", "belgische": "Belgian", "belgian": "Belgian", "frans": "French",
         "franse": "French", "french": "French", "iers": "Irish", "ierse": "Irish", "irish": "Irish", "english": "English",
         "engels": "English", "engelse": "English", "polish": "Polish", "czech": "Czech"}
_COUNTRIES = {"the netherlands": "Dutch", "netherlands": "Dutch", "germany": "German", "belgium": "Belgian",
              "england and wales": "English",
              "france": "French", "ireland": "Irish", "england and wales": "English", "poland": "Polish",
              "the czech republic": "Czech", "switzerland": "Swiss", "the state of california": "Californian",
              "california": "Californian", "delaware": "Delaware", "new york": "New York"}


def _law_and_court(text: str, lower: str, add) -> None:
    law_words = "|".join(sorted(_LAWS, key=len, reverse=True))
    for m in re.finditer(rf"\b(?P<law>{law_words})e? (?:recht|law)\b", lower):
        add("governing_law", _LAWS[m.group("law")], m.start(), m.end())
    countries = "|".join(sorted(_COUNTRIES, key=len, reverse=True))
    # "governed by the law of the Republic of Ireland"; the SCC's Clause 17 filled in: "The Parties
    # agree that this shall be the law of the Netherlands".
    for m in re.finditer(rf"(?:governed by|subject to|in accordance with) (?:the )?laws? of (?:the )?(?:republic of )?(?P<c>{countries})|"
                         rf"\bthe laws? of (?P<c2>{countries}) (?:shall|will) (?:govern|apply)|"
                         rf"\b(?:this|that|it) (?:shall|will) be the laws? of (?:the )?(?:republic of )?(?P<c3>{countries})", lower):
        add("governing_law", _COUNTRIES[m.group("c") or m.group("c2") or m.group("c3")], m.start(), m.end())
    # The 2010 SCC: "governed by the law of the Member State in which the data exporter is established"
    for m in re.finditer(r"governed by the laws? of the member state in which the data (?P<party>exporter|importer) is established", lower):
        who = "controller" if m.group("party") == "exporter" else "processor"
        add("governing_law", f"where the {who} is established", m.start(), m.end())
    for m in re.finditer(r"governed by the laws? of the [^.]{0,80}(?:principal|main|underlying) agreement", lower):
        add("governing_law", "as in the main agreement", m.start(), m.end())
    for m in re.finditer(r"rechtskeuze en bevoegde rechter komen overeen met[^.]{0,60}overeenkomst|"
                         r"(?:governing law|choice of law)[^.]{0,80}(?:as set out in|same as|in accordance with) the (?:main |principal )?agreement", lower):
        add("governing_law", "as in the main agreement", m.start(), m.end())
    for m in re.finditer(r"(?:rechtbank|rechter)(?: \w+){0,3} (?:te|in) (?P<place>[a-z][a-z\-]+(?: [a-z][a-z\-]+)?)|"
                         r"rechtbank (?:rechtbank )?(?P<place3>[a-z][a-z\-]+(?: [a-z][a-z\-]+)?)|"
                         r"courts? (?:of|in) (?:the )?(?P<place2>[a-z][a-z ]{2,30}?)(?: shall|\.|,| have| will| district| court)", lower):
        group = next(g for g in ("place", "place3", "place2") if m.group(g))
        words = text[m.start(group): m.end(group)].split()
        if not words or not words[0][:1].isupper() or words[0].lower() in {"de", "het", "een"}:
            continue  # a place name is written with a capital: "te Amsterdam", not "in de plaats"
        if group == "place2":
            # "the Netherlands" is the Netherlands; "The Hague" keeps its article
            article = "The " if text[max(0, m.start(group) - 4): m.start(group)] == "The " else ""
            place = article + " ".join(words)
        else:
            place = " ".join(words[:2]) if len(words) > 1 and words[1][:1].isupper() else words[0]
        add("court", place, m.start(), m.end())
    for m in re.finditer(r"rechter[^.]{0,40}bevoegd is verklaard in de (?:onderliggende |hoofd)?overeenkomst|"
                         r"(?:bevoegde rechter|jurisdiction)[^.]{0,80}(?:overeenkomst|main agreement|the agreement)|"
                         r"rechtbank binnen het gebied waar[^.]{0,60}gevestigd|"
                         r"rechter in het arrondissement van de vestigingsplaats van de (?:verwerker|bewerker|leverancier)", lower):
        established = "gebied waar" in m.group(0) or "vestigingsplaats" in m.group(0)
        value = "where the processor is established" if established else "as in the main agreement"
        add("court", value, m.start(), m.end())


def extract_document_terms(clauses: Iterable[Clause]) -> dict[str, list[TermValue]]:
    """Terms of a whole document by kind, in document order."""
    out: dict[str, list[TermValue]] = {}
    for clause in clauses:
        for term in extract_terms(clause):
            out.setdefault(term.kind, []).append(term)
    return out
