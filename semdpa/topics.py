"""A bilingual (Dutch/English) taxonomy of DPA topics, and a tagger.

Each topic lists the words and phrases that signal it in either language. A clause is scored
per topic by the phrases found in its heading path (which names the article: "Artikel 7:
Datalekken") and in its text; the topics whose score comes close to the best are its topics,
strongest first. Matching compares these scores, so a Dutch "Aansprakelijkheid" article and an
English "Liability" clause meet even where the embedding model does not understand Dutch.

A second level, provisions, tells clauses within a topic apart (breach: notify, content,
assist, register, costs ...). Patterns are regular expressions matched on lower-cased text at a
word start; Dutch compounds are caught inside words where a pattern starts with `\\w*`. A gap
between two cues, `[^.]{0,N}`, stays within one sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from .segment import DEFINITIONS_OPENER, MODULE_LABEL as _MODULE_LABEL, is_annex_label

# "Bij strijd tussen de Appendices en ...", "Indien de Verwerkersovereenkomst strijdig is met de Overeenkomst"
_CONFLICT_NL = r"(?:(?:bij|in geval van) strijd(?:igheid)? tussen|strijdig (?:is )?met de (?:hoofd|onderliggende )?overeenkomst)"
# GDPR Art. 4(7) defines the controller: "zoals omschreven in artikel 4 lid 7 AVG"
_ARTICLE_4_ROLES = r"(?:artikel 4 (?:lid |sub |onder )?[78]\b|article 4\s?\(?[78]\)?)"
# "het doel en de (essentiële) middelen", "the purposes and (essential) means"
_PURPOSES_AND_MEANS = r"(?:doel(?:en)? en (?:de )?|purposes? and )(?:\(?\w+\)? )?(?:middelen|means)\b"

# Cues that topics and provisions share.
_OUTSIDE_EEA = r"outside (?:of )?the (?:member states of the )?(?:eea|european|eu\b)"
# "Deze bewerkersovereenkomst mag worden gewijzigd ...": the agreement itself is changed.
_AMENDED_NL = r"(?:ver|be)werkersovereenkomst\w*[^.]{0,40}(?:gewijzigd|wijzigen|aangepast|aanpassen|aangevuld)"
# "Customer is a Controller ...; Provider will be deemed a Processor", "The controllers and processors listed in Annex I"
_ROLES_EN = (r"(?:(?:customer|client|you) (?:is|are|acts? as|will be deemed) (?:a |the )?(?:data )?controller|"
             r"(?:is|acts? as|(?:will be|is) deemed) (?:a |the )?(?:data )?processor\b|controllers and processors listed)")
# The Standard Contractual Clauses as a transfer tool, not the SCC naming itself ("The purpose of
# these Standard Contractual Clauses", "the standard contractual clauses laid down in these Clauses").
# Not the Article 28 clauses of Decision 2021/915 (the EU SCC between controller and processor),
# which say nothing of transfers.
_SCC_NAMED = r"(?<!these )standard contractual clauses(?! laid down in these)(?![^.]{0,60}\b2021/915\b)"
# The modules of the transfer SCC (2021/914): "Module Two (Controller to Processor)", "the
# Controller to Processor Clauses".
_SCC_MODULES = r"(?:module (?:one|two|three|four|[1-4])\b|(?:controller|processor)[- ]to[- ](?:controller|processor) (?:clauses|sccs?))"
# "hereinafter referred to as 'Processor'" names a party; '(hereinafter "sensitive data")' a term.
_HEREINAFTER_PARTY = r"hereinafter[^.)]{0,40}\b(?:processor|controller|part(?:y|ies)|customer|client|provider|supplier|school|contractor|data (?:ex|im)porter)"
_FORUM_COURT = r"(?<!decision of a )(?<!decision of a competent )\bcourts?\b(?! orders?)"  # a forum, not a court's decision or order
# "governed by the laws of Ireland", not "the laws of the third country of destination" (SCC 2021/914 14)
_LAWS_OF = r"laws? of(?! (?:the|a) (?:third )?country of destination)(?! (?:a|the) third country)"
_TERM_DURATION = r"(?<!throughout the )duration"  # "instructions ... throughout the duration" is no term clause
_UNABLE_TO_COMPLY = (r"(?:unable to comply|(?:cannot|can no longer|no longer able to|not able to) (?:comply|meet|fulfil|provide (?:such )?compliance)|"
                     r"niet (?:langer|meer) (?:\w+ )?(?:aan (?:de |deze |zijn |haar )?\w+ )?(?:kan |kunnen )?(?:voldoen|nakomen|naleven)|"
                     r"(?:kan|kunnen) (?:\w+ )?niet (?:langer |meer )?(?:voldoen|nakomen|naleven))")
# Correcting, deleting and blocking data together are the data subject's rights (German DPAs:
# "Berichtigung, Löschung und Sperrung"; fortrabbit 6.1 "corrected, deleted or blocked").
_CORRECT_DELETE_BLOCK = r"(?:correct(?:ed|ion)?|rectif\w*),? (?:blocked|blocking|deleted|deletion|erased|erasure)"
# "words in the singular shall have the same meaning as in the plural" is how to read the text
# (definitions.interpretation), not what a term means.
_NOT_OF_NUMBER = r"(?![^.]{0,25}\b(?:plural|singular)\b)"
# Art. 30's records of processing: their own provision, and information by which a party shows
# compliance (the audit topic, and its provision that SCC 7.6(a) and (c) have).
_RECORDS_OF_PROCESSING = (r"records? of (?:all )?(?:categories of )?processing", r"register of (?:the )?processing",
                          r"processing records")
# An audit by samples (German DPAs' "Stichproben"): a topic cue and a condition of the audit.
_SAMPLE_CHECKS = (r"random samples?", r"spot[- ]checks?")
# A translated German DPA's description of the processing ("Gegenstand und Dauer", "Art der Daten",
# "Kreis der Betroffenen").
_SUBJECT_OF_PROCESSING = r"subject (?:and duration )?of (?:the )?processing"
_TYPE_AND_STRUCTURE = r"types? and structure of (?:the )?data"
# "Types of (Customer) Personal Data": what kinds of data the processing concerns.
_TYPES_OF_DATA = r"types? of (?:customer )?personal data"
_CIRCLE_OF_AFFECTED = r"circle of (?:those )?(?:affected|concerned|data subjects)"

# A public authority's request for, order for or access to data (the transfer SCC's Clause 15).
_AUTHORITY_REQUEST = r"(?:access|requests?|orders?|demands?)\b[^.]{0,40}\b(?:from|by) (?:a |any |the )?public authorit"

# To object (an objection), not an object or an objective: "Object of the DPA: Wire shall provide ...".
_OBJECT_TO = r"\bobject(?:s|ed|ing|ions?)?\b(?! of\b)"

# topic -> (label, patterns). Order is the order of reports and UI filters.
TAXONOMY: dict[str, tuple[str, tuple[str, ...]]] = {
    "definitions": ("Definitions", (
        r"definiti", r"wordt verstaan onder", r"begrippen", r"hebben de volgende betekenis", r"betekenis(?:sen)? hebben",
        r"definitions?\b", r"shall mean", r"\bmeans?\b(?= (?:any|all|the|a|an)\b)", rf"shall have the (?:same )?meaning{_NOT_OF_NUMBER}",
        r"interpretation", r"(?<!\(as )defined in",
    )),
    "parties": ("Parties", (
        r"partijen\b", r"ondergetekenden", r"gevestigd", r"kvk", r"vertegenwoordigd door", r"hierna te noemen",
        r"(?<!third[- ])\bparties\b", r"registered (?:office|at)", _HEREINAFTER_PARTY, r"represented by", r"list of parties",
        r"accede", r"docking", r"contact (?:details|information|points?)", r"contactgegevens", r"contactpersoon",
    )),
    "subject_matter": ("Description of processing", (
        r"categorie\w* (?:van )?(?:persoonsgegevens|betrokkenen|gegevens)", r"soort(?:en)? persoonsgegevens",
        r"aard en (?:het )?doel", r"verwerkingshandelingen", r"verwerkingsactiviteiten", r"onderwerp",
        r"omschrijving", r"typen gebruikers", r"privacybijsluiter",
        r"categories of (?:data subjects|(?:customer )?personal data)", r"nature and purpose", r"subject[- ]matter",
        r"processing operations", _TYPES_OF_DATA, r"description of (?:the )?(?:processing|transfer)",
        r"details of (?:the )?processing", r"group of data subjects", _SUBJECT_OF_PROCESSING, _TYPE_AND_STRUCTURE,
        _CIRCLE_OF_AFFECTED,
    )),
    "roles": ("Roles of the parties", (
        r"rolverdeling", r"hoedanigheid", r"zeggenschap", r"(?:is|als) (?:de )?['‘\"“]?verwerkingsverantwoordelijke",
        r"in de zin van artikel 4", _ARTICLE_4_ROLES, r"doel en de middelen", _PURPOSES_AND_MEANS,
        r"roles? of the parties", r"determines? the purposes and means",
        r"(?:acts|act) as (?:a |the )?(?:processor|controller)", _ROLES_EN,
    )),
    "instructions": ("Instructions", (
        r"instructie", r"in opdracht van", r"opdracht tot (?:het )?verwerk", r"aanwijzing",
        r"instruct", r"documented instructions", r"on behalf of the (?:controller|client|customer)",
    )),
    "purpose_limitation": ("Purpose limitation", (
        r"andere doel", r"eigen doel", r"doeleinden", r"\bdoel\b", r"reclame", r"uitsluitend [^.]{0,40}verwerken",
        # "For the purposes of Clause 11 / of this DPA" says where a rule applies, not why data are processed.
        r"(?<!for the )purpose(?! and scope| of these)",
        r"for the purposes? of (?!(?:clauses?|sections?|articles?|paragraphs?|annex\w*|schedule|this|these|the (?:clauses|dpa|agreement|addendum|gdpr|regulation|applicable|controller|processor|standard))\b)",
        r"own purposes", r"marketing", r"advertis", r"for no other", r"only for the specific",
    )),
    "confidentiality": ("Confidentiality", (
        r"geheimhouding", r"vertrouwelijk", r"geheim\b", r"geheim houden", r"verstrekken aan (?:een )?derde",
        r"confidential", r"secrecy", r"non-?disclosure", r"disclosed to third parties",
    )),
    "security": ("Security measures", (
        r"beveilig", r"technische en organisatorische", r"passende (?:technische )?maatregelen", r"versleutel",
        r"encryptie", r"toegangscontrole", r"wachtwoord", r"firewall", r"virusscan", r"iso[ /]?(?:iec )?27001",
        r"informatiebeveiliging", r"logging", r"authenticatie",
        r"security", r"technical and organi[sz]ational", r"encrypt", r"access control", r"password", r"pseudonymi",
        r"availability and resilience", r"integrity",
    )),
    "subprocessors": ("Sub-processors", (
        r"\w*subverwerker", r"sub[- ]verwerker", r"sub-?bewerker", r"onderbewerker", r"onderaannemer", r"derden inschakel", r"inschakel\w* (?:van )?(?:andere|derden)",
        r"andere (?:personen of )?organisaties inschakel",
        r"sub-?processor", r"sub-?processing\b", r"subcontract", r"sub-?contractor", r"third[- ]party (?:processors|service providers)",
        r"engage (?:another|a new|new) processor",
    )),
    "transfers": ("International transfers", (
        r"doorgifte", r"doorgeven", r"derde(?:n)? land", r"buiten de (?:europese economische ruimte|eer|europese unie|eu)\b",
        r"internationale organisatie", r"modelcontract", r"landen zonder passende", r"passend beschermingsniveau",
        r"(?<!description of )(?<!description of the )\btransfer", r"third countr", _OUTSIDE_EEA, r"international organi[sz]ation",
        _SCC_NAMED, r"\bsccs?\b", r"adequacy", r"place of processing", r"united states", _SCC_MODULES,
    )),
    "authority_access": ("Requests from public authorities", (
        r"opsporingsinstantie", r"overheidsverzoek", r"verzoek\w* (?:van|door) (?:een )?(?:overheid|opsporing)",
        # Not "public authority" alone: the GDPR's definitions of controller and processor name one.
        _AUTHORITY_REQUEST, r"government(?:al)? (?:access|requests?|authorit\w*|agenc\w*)",
        r"law enforcement", r"disclosure requests?", r"requests? for disclosure", r"subpoena", r"national security",
        r"surveillance", r"laws and practices",
    )),
    # Three parts of the transfer SCC (2021/914 Clauses 3, 11, 13; 2010/87 Clauses 3, 7, 8) that
    # an Article 28 DPA does not have: rights a data subject enforces as a third party, its
    # complaints and redress, and which supervisory authority oversees the transfer.
    "third_party_beneficiaries": ("Third-party beneficiaries", (
        # not the SCC's 7.7(e), "a third party beneficiary clause with the sub-processor"
        r"third[- ]party beneficiar\w*(?! clause with)",
    )),
    "redress": ("Redress of data subjects", (
        r"\bredress\b", r"handle complaints", r"lodge a complaint", r"not-for-profit body", r"\bmediation\b",
        r"dispute between a data subject",
    )),
    "supervision": ("Supervision", (
        r"\bsupervision\b", r"act as (?:the )?competent supervisory authorit", r"cooperation with (?:the )?supervisory authorit",
        r"submit\w* (?:itself|themselves) to the jurisdiction of (?:and cooperate with )?the competent supervisory authorit",
        r"deposit a copy of this contract with the supervisory authorit",
        # the transfer SCC's Annex I.C as a title, "C. COMPETENT SUPERVISORY AUTHORITY"
        r"^(?:[a-z][.)] )?competent supervisory authorit(?:y|ies)(?:/ies)?$",
    )),
    "data_subject_rights": ("Data subject rights", (
        r"rechten van (?:de )?betrokkene", r"verzoek\w* (?:van|om) (?:een )?betrokkene", r"inzage", r"rectificatie",
        r"verbeteren, aanvullen", r"klacht", r"mededelingsplicht", r"artikel 15 avg", r"rechten van een betrokkene",
        r"data subjects?'? (?:rights|requests?)", r"rights of (?:the )?data subjects?", r"right of access", r"rectification",
        r"erasure", r"portability", r"request (?:it has )?received from (?:a|the) data subject", r"inspection request",
        _CORRECT_DELETE_BLOCK,
    )),
    "assistance": ("Assistance to the controller", (
        r"bijstand", r"medewerking", r"ondersteun", r"assister", r"gegevensbeschermingseffectbeoordeling",
        r"effectbeoordeling", r"beschermingseffect", r"\bdpia\b", r"voorafgaande raadpleging",
        r"assist", r"assistance", r"cooperat", r"impact assessment", r"prior consultation", r"articles? 32 to 36",
    )),
    "breach": ("Breach notification", (
        r"\w*datalek", r"inbreuk", r"beveiligingsincident", r"\w*incident", r"meldplicht", r"melding",
        r"onbevoegde? (?:beschikking|toegang)", r"personal data breach", r"data breach", r"security incident",
        r"unauthori[sz]ed (?:access|disclosure)", r"\bbreach(?:es)?\b(?! of (?:(?:this|the|these|its|their|any|such|a) )?(?:agreement|dpa|contract|clauses?|obligations?|terms|addendum|provisions?|warrant|confidentiality))", r"notif\w+ [^.]{0,60}breach",
        r"incident", r"reporting obligations?",
        # GDPR Art. 33 and 34: telling the authority and the people affected is what a breach asks
        r"notify(?:ing)? the (?:competent |relevant )?supervisory authority",
    )),
    "audit": ("Audit and information", (
        r"\baudit", r"controle", r"controleren", r"inspectie", r"toe te zien op de naleving", r"derdenverklaring",
        r"\btpm\b", r"deskundige", r"onderzoek", r"aan te tonen",
        r"inspection", r"inspect\b", r"demonstrate compliance", r"(?:inquiries|enquiries) from", r"information necessary to demonstrate",
        r"auditor", r"soc ?2", r"control rights", r"proof of fulfil", *_SAMPLE_CHECKS, *_RECORDS_OF_PROCESSING,
    )),
    "return_deletion": ("Return and deletion", (
        r"teruggave", r"terug te (?:\(doen\) )?lever", r"terug geleverd", r"terugbezorg", r"vernietig(?!baar)", r"verwijder",
        r"\bwiss?en\b", r"bewaartermijn", r"back-?ups?", r"geef [^.]{0,30}terug",
        r"\breturn", r"delet", r"\berase", r"destroy", r"destruction", r"retention", r"backups?",
    )),
    "liability": ("Liability", (
        r"aansprakelijk", r"schadevergoeding", r"\bschade\b", r"vrijwaar", r"boete", r"verhaald",
        r"liab", r"damages?\b", r"indemnif", r"\bfines?\b", r"compensation",
    )),
    "duration_termination": ("Duration and termination", (
        r"\bduur\b", r"looptijd", r"beëindig", r"opzeg", r"ontbind", r"ontbinding", r"in werking", r"eindigt",
        r"onbepaalde tijd", r"van rechtswege",
        r"\bterm\b", _TERM_DURATION, r"terminat", r"notice period", r"effective date", r"expir", r"surviv",
        r"comes into effect", r"indefinite period",
    )),
    "governing_law": ("Governing law and court", (
        r"toepasselijk recht", r"nederlands\w* recht", r"recht van toepassing", r"geschil", r"bevoegde rechter",
        r"rechtbank", r"jurisdictie", r"rechtskeuze", r"rechter",
        r"governing law", r"governed by", r"jurisdiction", _FORUM_COURT, r"disputes?", _LAWS_OF,
    )),
    "precedence": ("Precedence", (
        r"tegenstrijdig", r"prevale+r", r"leidend", r"rangorde", r"gaan voor", _CONFLICT_NL,
        r"conflict(?!s? of interest)", r"precedence", r"prevail", r"inconsisten", r"hierarchy",
    )),
    "amendments": ("Amendments", (
        r"wijziging\w* (?:van|in) (?:deze|de) (?:(?:ver|be)werkers)?overeenkomst", r"wijzigingen in de artikelen", _AMENDED_NL,
        r"(?<!in )afwijking", r"(?<!in )aanvulling", r"schriftelijk (?:worden )?overeengekomen", r"wetswijziging", r"wijziging\w* (?:of|en) aanvulling",
        # "the Agreement (as amended from time to time)", "the UK GDPR (as amended)" name a text; they do not change it
        r"(?<!\bas )amend", r"modif", r"variation", r"changes? to (?:this|these)", r"invariability",
        r"chang\w* to the (?:[\w-]+ ){0,3}(?:sccs?|clauses|terms|agreement|dpa|addendum)\b",
    )),
    "severability": ("Severability", (
        r"nietig", r"vernietigbaar", r"onafdwingbaar", r"ongeldig", r"overige bepalingen", r"niet afdwingbaar",
        r"severab", r"invalid", r"unenforceable", r"\bvoid\b", r"ineffective",
    )),
    "costs": ("Costs", (
        r"kosten", r"vergoeding", r"tarie", r"in rekening", r"voor rekening van",
        r"\bcosts?\b(?! of implementation)", r"\bfees?\b", r"charge", r"expense", r"reimburs",
    )),
}

TOPICS: tuple[str, ...] = tuple(TAXONOMY)
HEADING_WEIGHT = 2.0
DEFINITION_WEIGHT = 6.0  # a clause that is a definition is about definitions, whatever it defines
_SHARE_OF_BEST = 0.5


def topic_label(topic: str) -> str:
    return TAXONOMY[topic][0]


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern, ...]:
    return tuple(
        re.compile(r"\b(?:" + "|".join(patterns) + ")")
        for _, patterns in TAXONOMY.values()
    )


_CURLY_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


# "For the purposes of Clause 8.1 of the Standard Contractual Clauses, the instructions ...": a
# clause that configures one clause of the SCC is about that clause's subject (instructions), not
# about the SCC as a transfer tool; the citation's name is dropped before cues are matched.
_SCC_CITED = re.compile(r"\b((?:clauses?|annex(?:es)?|appendix) [\w.()]+(?: and [\w.()]+)? (?:of|to) the )"
                        r"(?:standard contractual clauses|sccs?|(?:controller|processor)[- ]to[- ](?:controller|processor) clauses)\b")


def _plain(text: str) -> str:
    """Lower case with straight quotes: patterns write "client's", documents "Client’s".
    A module label alone ("MODULE TWO: Transfer controller to processor" under "B. DESCRIPTION
    OF TRANSFER") names the transfer SCC's module, nothing the clause is about."""
    if _MODULE_LABEL.fullmatch(text):
        return ""
    return _SCC_CITED.sub(r"\1clauses", text.lower().translate(_CURLY_QUOTES))


@lru_cache(maxsize=2048)
def topic_scores(heading: str, text: str) -> np.ndarray:
    """Evidence per topic (in TOPICS order): distinct phrases found, heading counted triple.

    Kept per clause text (read-only): indexing asks for a clause's topics and its features."""
    heading, text = _plain(heading), _plain(text)
    scores = np.zeros(len(TOPICS), dtype=np.float32)
    for index, pattern in enumerate(_compiled()):
        in_heading = len({m.group(0) for m in pattern.finditer(heading)}) if heading else 0
        in_text = len({m.group(0) for m in pattern.finditer(text)})
        scores[index] = HEADING_WEIGHT * min(in_heading, 2) + min(in_text, 4)
    scores.setflags(write=False)
    return scores


def tag_topics(heading: str, text: str, *, limit: int = 3) -> tuple[str, ...]:
    """The clause's topics, strongest first: those scoring at least half the best, at most `limit`.

    A topic's evidence is its own phrases plus those of its provisions.
    """
    scores = topic_scores(_topic_heading(heading), text) + _provision_topic_scores(heading, text)
    best = float(scores.max()) if scores.size else 0.0
    if best < 1.0:
        return ()
    order = np.argsort(-scores, kind="stable")
    return tuple(TOPICS[i] for i in order[:limit] if scores[i] >= max(1.0, _SHARE_OF_BEST * best))


def topic_vector(heading: str, text: str) -> np.ndarray:
    """Normalised topic evidence, for comparing clauses by what they are about."""
    scores = topic_scores(_topic_heading(heading), text)
    if under_definitions(heading) or is_definitions_list(heading, text):
        scores = scores.copy()
        scores[TOPICS.index("definitions")] += DEFINITION_WEIGHT
    norm = float(np.linalg.norm(scores))
    return scores / norm if norm > 0 else scores


# A warranty, declaration or indemnity given by the controller ("Verwerkingsverantwoordelijke
# staat ervoor in dat ...", "Customer represents and warrants ...", "Opdrachtgever vrijwaart
# Verwerker ..."). Vendors add these to protect themselves; an organisation's own reference DPA
# has none, and then such a clause has no counterpart (align.py).
_CONTROLLER = r"(?:verwerkingsverantwoordelijke|verantwoordelijke|opdrachtgever|klant|onderwijsinstelling|customer|client|controller|data exporter)"
_UNDERTAKES = (r"(?:staat (?:er\s*)?(?:jegens \w+ )?voor in\b|staat in voor\b|garandeert|verklaart dat|vrijwaart|"
               r"(?:represents and )?warrants?\b|represents that|indemnif\w+|shall (?:defend|hold harmless))")
# The controller is the subject: at most three words stand between it and the verb, so "the
# Processor shall indemnify the Controller" does not count.
_CONTROLLER_UNDERTAKING = re.compile(rf"\b{_CONTROLLER}\b(?:\s+[\w’']+){{0,3}}?\s+{_UNDERTAKES}", re.IGNORECASE)
# Or the processor is the one indemnified, whoever the subject ("..., zal zij Verwerker
# vrijwaren", "shall indemnify and hold the Processor harmless"): only the controller does that.
_PROCESSOR = r"(?:de\s+|the\s+)?(?:verwerker|opdrachtnemer|leverancier|processor|provider|supplier|vendor)\b"
_PROCESSOR_INDEMNIFIED = re.compile(
    rf"\bvrijwaart\s+{_PROCESSOR}|\b{_PROCESSOR}\s+(?:te\s+)?vrijwaren\b|"
    rf"\bindemnif(?:y|ies)\s+(?:and\s+hold\s+harmless\s+|and\s+hold\s+)?{_PROCESSOR}", re.IGNORECASE)


def controller_undertaking(text: str) -> bool:
    """The clause has the controller warrant, declare or indemnify something."""
    return bool(_CONTROLLER_UNDERTAKING.search(text) or _PROCESSOR_INDEMNIFIED.search(text))


# An article of definitions: "Artikel 1. Definities > Datalek" defines a data breach, it is not
# about one.
_DEFINITIONS_HEADING = re.compile(r"\b(?:definiti|begripsbepaling|begrippen|interpretation)")


def under_definitions(heading: str) -> bool:
    """The clause sits under a definitions heading (above its own nearest heading)."""
    return any(_DEFINITIONS_HEADING.search(part) for part in heading.lower().split(" > ")[:-1])


# A clause that is a whole list of definitions: its own title says so ("1. Definitions"; not
# "Interpretation", which SCC 3 uses for rules of reading) and it defines, or it opens with the
# formula ("the following terms have the following meanings"). What it defines ("Restricted
# Transfer", "Personal Data Breach") does not make it a clause on transfers or breaches.
_DEFINITIONS_TITLE = re.compile(r"\b(?:definiti|begripsbepaling|begrippen)")
_DEFINITIONS_OPENING = re.compile(
    # not "agree to add the following terms to their Services Agreement", "the following terms and conditions"
    r"^[^.]{0,80}\b(?:the following (?:(?:terms|words|expressions)(?! (?:to|and conditions|of)\b)|definitions)|"
    r"(?:terms|words|expressions) (?:shall |will )?have the following meanings?|hebben de volgende betekenis)",
    re.IGNORECASE)
# The opener with its colon anywhere ("Where ... the same meaning as in the SCCs. In addition, the
# following terms have the following meanings:"; "In deze Verwerkersovereenkomst wordt verstaan onder:")
_OPENS_DEFINITIONS = re.compile(DEFINITIONS_OPENER, re.IGNORECASE)
_DEFINES = re.compile(r"\b(?:means|shall mean|refers to|betekent|wordt verstaan)\b", re.IGNORECASE)


def is_definitions_list(heading: str, text: str) -> bool:
    """Under its own definitions title a clause must define things too: seed 000 put its
    precedence rule in "Artikel 1. Definities"."""
    titled = _DEFINITIONS_TITLE.search(_last_heading(heading).lower()) and len(_DEFINES.findall(text)) >= 2
    return bool(titled or _DEFINITIONS_OPENING.search(text) or _OPENS_DEFINITIONS.search(text))


def _titles(heading: str) -> list[str]:
    """The heading path's parts, less those that only name an SCC module: "MODULE TWO: Transfer
    controller to processor" under "Clause 9 — Use of sub-processors" says which parties a
    transfer SCC's paragraph binds, not what it is about."""
    return [p for p in heading.split(" > ") if p and not _MODULE_LABEL.fullmatch(p)]


def _last_heading(heading: str) -> str:
    """The nearest heading names the topic; a document or annex title above it does not."""
    parts = _titles(heading)
    return parts[-1] if parts else ""


@lru_cache(maxsize=2048)
def _topic_heading(heading: str) -> str:
    """The nearest heading that names a topic: an annex entry titled by a name ("Annex 3.
    Specificatie Subverwerkers > Amazon AWS") takes its topic from the section above it. In the
    body the nearest heading stays: "Clause 7 — Obligations of the Parties" says nothing of 7.6."""
    parts = _titles(heading)
    if not parts or not is_annex_label(heading):
        return parts[-1] if parts else ""
    for part in reversed(parts):
        plain = _plain(part)
        if any(pattern.search(plain) for pattern in _compiled()):
            return part
    return parts[-1]


# Provisions: the second level of the taxonomy. A DPA is built from a known set of provisions
# (GDPR Art. 28(3) and the clauses around it); these cues tell them apart within a topic, so
# "notify within 24 hours" meets "zonder onredelijke vertraging informeren" and not the
# breach register or the breach costs. provision -> (topic, patterns).
_NOTIFY = r"(?:informeer|informeren|in kennis (?:te )?stell|op de hoogte (?:te )?(?:stell|houd)|meld|notif|inform|report)"
_PROMPTLY = (r"(?:zonder (?:onredelijke|onnodige) vertraging|onverwijld|onmiddellijk|zo spoedig (?:als )?(?:redelijkerwijs )?mogelijk|"
             r"binnen \d+ (?:uur|dagen|werkdagen)|without undue delay|immediately|promptly|within \d+ hours|no later than|"
             r"as soon as (?:reasonably )?(?:possible|practicable))")
_AUTHORITY = r"(?:supervisory authorit|toezichthou|autoriteit persoonsgegevens)"
# Technical and organisational measures "by which the processor is required to assist" are help.
_NOT_FOR_ASSISTANCE = r"(?![^.]{0,70}\bassist)"
# Prompt notices that are not about a breach: of an infringing instruction, a data subject's
# request, a claim or fine, of being unable to comply, of a disclosure compelled by law enforcement
# ("GitHub will promptly notify Customer"), of data found inaccurate or outdated (SCC 8(c), the
# transfer SCC's 8.4); and "the initial notification shall contain ... further
# information shall ... be provided without undue delay" (SCC 9.1, 9.2) is what a notice contains.
_OTHER_NOTICE = (r"(?:infring|in strijd|instructie|instruction|verzoek|request|aansprakelijkstelling|claim|boete|\bfine|\bobject|bezwaar|terminat|opzeg|"
                 rf"initial notification|compelled|law enforcement|subpoena|inaccurate|outdated|{_UNABLE_TO_COMPLY})")
PROVISIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "scope.applies": ("subject_matter", (
        r"is van toepassing op de verwerking", r"van toepassing op (?:alle )?verwerking", r"maken? onlosmakelijk deel uit",
        r"(?:is|maakt) (?:een )?onderdeel van de (?:hoofd)?overeenkomst", r"deel uitmaakt van",
        r"(?:onlosmakelijk|integraal) (?:onderdeel|deel)",
        r"verwerk\w*[^.]{0,60}in het kader van de (?:uitvoering van de )?(?:onderliggende |hoofd)?overeenkomst",
        r"applies to (?:the|all) processing", r"(?:forms?|is) (?:an integral )?part of", r"supplements", r"purpose and scope",
        r"these clauses apply", r"this (?:dpa|agreement|contract|addendum) applies",
        r"(?:governs?|regulates?|sets? out) the (?:mutual )?rights and obligations", r"sets? out the arrangements", r"(?:these|this) (?:[\w-]+ ){0,3}terms (?:will |shall )?(?:only )?apply to",
        r"the (?:dpa|data processing|data protection) terms (?:will |shall )?(?:only )?apply to",
    )),
    # SCC 1(e), the transfer SCC's 2(b): the agreement leaves the controller's own obligations as they are.
    "scope.without_prejudice": ("subject_matter", (
        r"(?:clauses|dpa|addendum|agreement|terms) (?:are|is) without prejudice to (?:the )?obligations to which",
        r"without prejudice to (?:the )?(?:controller|data exporter|customer|client)'?s? (?:own )?obligations",
        r"do(?:es)? not by (?:themselves|itself) ensure compliance",
    )),
    "entire_agreement": ("amendments", (
        r"vervangt (?:eventuele|alle) (?:voorgaande|eerdere)?", r"enige afspraken", r"vervangt alle",
        r"entire agreement", r"supersedes", r"replaces any (?:prior|previous)",
    )),
    "instructions.documented": ("instructions", (
        r"(?:schriftelijke|gedocumenteerde) instructies", r"op (?:basis van )?(?:diens )?(?:schriftelijke )?instructie",
        r"instructies van (?:de )?(?:verwerkingsverantwoordelijke|onderwijsinstelling)", r"instructies (?:op te volgen|opvolgen)",
        r"(?:only|solely|exclusively) (?:on|upon|in accordance with) (?:the )?(?:documented )?instructions",
        r"documented instructions", r"as instructed by", r"complete and final instructions", r"(?<!further )instructions from (?:the )?(?:controller|client|customer)",
        r"comply with the client's instructions", r"orders,? partial orders or instructions",
        r"(?:overeenkomstig|volgens|conform) (?:de )?(?:schriftelijke )?instructies",
        r"in accordance with (?:the |(?:controller|customer|client)'s )?(?:documented )?instructions",
        r"in compliance with (?:its|the|(?:controller|customer|client|data exporter)'s) (?:documented )?instructions",
        r"as (?:the )?(?:controller|customer|client) directs",
    )),
    # The processor tells the controller when it can no longer comply (SCC 10(a), seed 002 2.5).
    "instructions.unable_to_comply": ("instructions", (_UNABLE_TO_COMPLY,)),
    "instructions.infringing": ("instructions", (
        r"instructie\w*[^\w.][^.]{0,60}in strijd", r"in strijd\w*[^\w.][^.]{0,40}instructie", r"instructie\w*[^\w.][^.]{0,40}inbreuk",
        r"instructions? [^.]{0,60}infring", r"instruction violates", r"infringe[^.]{0,40}instruction",
    )),
    "instructions.legal_requirement": ("instructions", (
        r"wettelijk(?:e)? (?:voorschrift|bepaling|verplichting)\w*[^\w.][^.]{0,60}(?:kennis|informeer)", r"tenzij een\w*[^\w.][^.]{0,40}wettelijke bepaling",
        r"unless required to do so by", r"legally obliged to perform", r"legal requirement before processing",
        r"(?:where|when|if|unless) (?:the )?processing is required by\b",
        r"(?:except|unless|other than)\b[^.]{0,120}\bas required by (?:applicable )?law",
    )),
    "roles.controller": ("roles", (
        _PURPOSES_AND_MEANS, r"is (?:en blijft )?(?:de )?['‘\"“]?verwerkingsverantwoordelijke", r"zeggenschap over",
        _ARTICLE_4_ROLES, r"eind\)?verantwoordelijk", r"\(?ultimate\)? responsibility of the (?:client|customer|controller)",
        r"determin\w* the purposes and means", r"alone is responsible for the assessment", r"responsible for the permissibility",
        _ROLES_EN,
        r"rolverdeling",
    )),
    "roles.processor_controller": ("roles", (
        r"als verwerkingsverantwoordelijke beschouwd", r"(?:deemed|considered) (?:to be )?(?:a |the )?controller",
        r"(?:autonomous|independent|separate) (?:data )?controller", r"zelfstandig verwerkingsverantwoordelijke",
        r"processed by \w+ (?:acting )?as (?:a |the )?(?:data )?controller",
    )),
    "records": ("roles", (
        r"register\w*(?: \w+)? van (?:de |alle )?(?:categorie|verwerking)", r"artikel 30", *_RECORDS_OF_PROCESSING, r"article 30",
    )),
    "purpose.limit": ("purpose_limitation", (
        r"niet voor (?:een |enig )?ander\w* doel", r"voor geen (?:enkel )?ander doel", r"andere doeleinden", r"uitsluitend\w*[^\w.][^.]{0,60}(?:doel|activiteiten)",
        r"geen gebruik\w*[^\w.][^.]{0,40}maken van de persoonsgegevens", r"(?:maakt|maken) geen gebruik van (?:de )?persoonsgegevens voor", r"niet op een andere manier verwerken",
        r"(?:for )?no other purpose", r"any purpose other than", r"only for the specific purpose",
        r"(?:solely|only|exclusively) for the purposes? of", r"(?:solely|only|exclusively) for (?:that |this |those |these |such |the )?(?:\w+ )?purposes?\b",
        r"own (?:statistical|purposes)", r"eigen doeleinden",
        r"only (?:be )?(?:done|take place|carried out|processed) in the (?:context|framework|course) of",
        # not for advertising, not sold (GitHub 5.1, "No Use in Marketing")
        r"\bnot (?:\w+ ){0,2}(?:use|process)\w*\b[^.]{0,60}\b(?:advertis|marketing)", r"(?:will|shall) not sell",
    )),
    "purpose.specified": ("purpose_limitation", (
        r"doeleinden\w*[^\w.][^.]{0,60}(?:bijlage|annex)", r"(?:bijlage|annex)\w*[^\w.][^.]{0,80}\bdoel", r"verwerkingsdoel",
        r"purposes? [^.]{0,40}(?:set out|specified) in (?:annex|schedule)",
    )),
    "purpose.no_marketing": ("purpose_limitation", (r"reclame", r"ongevraagde aanbiedingen", r"marketing", r"advertis")),
    "confidentiality.duty": ("confidentiality", (
        r"geheimhouding", r"strikt vertrouwelijk", r"vertrouwelijk (?:behandel|karakter)", r"geheim houden",
        # not SCC 7.7(c)'s redaction "to protect business secret or other confidential information"
        r"(?<!other )confidential(?:ity)?", r"non-?disclosure", r"secrecy", r"must not be disclosed",
    )),
    # When the duty of confidentiality does not apply (seed 002 5.2): consent, necessity, the law.
    "confidentiality.exceptions": ("confidentiality", (
        r"(?:geheimhouding|vertrouwelijkheid)\w*[^\w.][^.]{0,40}(?:geldt|gelden|is|zijn) niet", r"geldt niet in de (?:hierna )?(?:genoemde|volgende) gevallen",
        r"(?:confidentiality|non-disclosure)\w*[^\w.][^.]{0,60}(?:shall|does|do|will) not apply", r"exceptions? to (?:the )?(?:duty of )?confidentiality",
    )),
    "confidentiality.personnel": ("confidentiality", (
        r"medewerkers", r"werknemers", r"personeel", r"onder (?:diens|zijn|haar) gezag", r"geheimhoudingsverklaring",
        r"employees", r"personnel", r"persons authori[sz]ed", r"under (?:the|its) authority", r"staff",
        r"persons (?:involved in|employed (?:for|in)|entrusted with|engaged in) (?:the )?processing",
    )),
    "confidentiality.need_to_know": ("confidentiality", (
        r"uitsluitend toegang", r"voor zover noodzakelijk voor (?:de vervulling van )?(?:hun|de) werkzaamheden",
        r"(?:alleen|uitsluitend|slechts) [^.]{0,60}(?:geautoriseerd|bevoegd)\w*[^\w.][^.]{0,60}toegang",
        r"toegang\w*[^\w.][^.]{0,60}(?:alleen|uitsluitend|slechts) [^.]{0,40}(?:geautoriseerd|bevoegd|noodzakelijk)",
        r"strictly necessary for implementing", r"need[- ]to[- ]know", r"grant access [^.]{0,80}only",
        r"access\w*[^\w.][^.]{0,60}(?:only|limited|restricted) (?:to )?[^.]{0,30}(?:authori[sz]ed|need)",
        r"only (?:authori[sz]ed )?(?:personnel|employees|staff)\w*[^\w.][^.]{0,40}access",
    )),
    "disclosure.authority_request": ("confidentiality", (
        r"verzoek van een bevoegde instantie", r"beroep\w*[^\w.][^.]{0,20}wettelijke verplichting", r"verstrekking\w*[^\w.][^.]{0,40}(?:bevoegde|instantie|derde)",
        r"wettelijke grondslag", r"disclosure request", r"request for disclosure", r"law enforcement", r"government(?:al)? (?:request|authorit)",
        r"request\w* (?:from|by) (?:a |any )?public authorit", r"access (?:to (?:the )?personal data )?by public authorit",
        r"legally binding request",
        r"inspections or measures by supervisory authorities",
    )),
    "security.measures": ("security", (
        r"passende technische (?:en organisatorische|maatregelen)", r"(?:beveiligings)?maatregelen (?:nemen|treffen|te nemen)", r"beveiligingsniveau",
        r"verlies (?:en|of) (?:tegen )?onrechtmatige", r"level of security", r"security of (?:the )?(?:personal data|processing)",
        r"artikel 32", r"art(?:icle|\.)? 32",
        # Not measures by which the processor assists the controller (Art. 28(3)(e): "assist the
        # controller by appropriate technical and organisational measures"; SCC 8(d)): those are help.
        rf"(?<!by )appropriate technical and organi[sz]ational{_NOT_FOR_ASSISTANCE}",
        rf"implement (?:all )?(?:the )?technical and organi[sz]ational{_NOT_FOR_ASSISTANCE}",
        rf"adequate technical and organi[sz]ational{_NOT_FOR_ASSISTANCE}",
        # also "technical andorganisational" of a PDF
        rf"(?<!by appropriate )technical,? and\s*organi[sz]ational (?:security )?measures{_NOT_FOR_ASSISTANCE}",
        r"(?:administrative|organi[sz]ational|technical),? (?:(?:and )?(?:technical|physical|organi[sz]ational),? )+(?:and )?(?:\w+ )?safeguards",
        # Art. 32(1)'s weighing: the state of the art, the costs of implementation, the risks
        r"stand (?:der|van de) techniek", r"kosten van (?:de )?(?:uitvoering|implementatie|tenuitvoerlegging)",
        r"state of the art", r"costs? of implementation",
        r"measures to (?:protect|secure|safeguard)", r"maatregelen (?:om|ter) (?:\w+ )?(?:te )?(?:beschermen|beveiligen|bescherming|beveiliging)",
    )),
    "security.annex": ("security", (
        r"(?:bijlage|annex) (?:2|ii|b)\b[^.]{0,80}(?:maatregelen|beveiliging)", r"(?:maatregelen|beveiliging)[^.]{0,80}(?:bijlage|annex) (?:2|ii)\b",
        r"staan beschreven in", r"specified in annex iii", r"(?:measures|security)\w*[^\w.][^.]{0,40}(?:described|set out|specified) (?:at|in)",
        r"security-measures", r"overzicht van (?:deze )?maatregelen",
    )),
    "security.evaluation": ("security", (
        r"periodiek (?:evalu|aanscherp)", r"aanpassen (?:dat|zodat)", r"wijziging in de te nemen beveiligingsmaatregelen",
        r"stand (?:der|van de) techniek", r"evalueren",
        # "worden aangepast" (adjusted), not the adjective "aangepaste velden" (custom fields)
        r"aan(?:ge)?past\b",
        r"adapted to the technical", r"regularly (?:test|assess|evaluat)", r"state of the art", r"changes necessary to maintain",
    )),
    "security.specific": ("security", (
        r"versleutel", r"encrypt", r"wachtwoord", r"password", r"firewall", r"virus", r"toegangscontrole", r"access control",
        # A log of breaches is their register; "https://" is a link, not encryption in transit.
        r"logboek(?!(?: bij)? van (?:de |alle )?(?:inbreuk|datalek|incident))", r"logging", r"back-?up",
        r"ssl|tls|https(?!://)", r"authenticat", r"iso[ /]?(?:iec )?27001", r"fysieke",
        r"physical(?!ly located)", r"pseudonym", r"training", r"awareness", r"bewustzijn",
        r"logbestand", r"toegangsrecht",  # seed 002 6.2's list
        # each customer's data kept apart
        r"afzonderlijke database", r"(?:logisch|fysiek)\w* gescheiden", r"gegevens [^.]{0,30}te scheiden",
        r"logically (?:separated|segregated)", r"segregat", r"separate database",
        # availability, resilience and testing: the rest of an Art. 32 list of measures
        r"redundan", r"single points? of failure", r"business continuity", r"bedrijfscontinu", r"disaster recovery", r"uitwijk",
        r"intrusion (?:detection|prevention)", r"inbraakdetectie", r"attack surface", r"vulnerabilit", r"kwetsbaarhe",
        r"penetrati\w* ?test", r"pentest", r"malware", r"multi-?factor", r"two-?factor", r"tweefactor", r"least privilege", r"harden",
    )),
    "subprocessors.authorisation": ("subprocessors", (
        r"toestemming\w*[^\w.][^.]{0,60}(?:sub[- ]?verwerker|onderaannemer|inschakelen)", r"(?:is|wordt) (?:het )?(?:verwerker )?toegestaan\w*[^\w.][^.]{0,40}(?:sub|derden)",
        r"gerechtigd\w*[^\w.][^.]{0,60}sub[- ]?verwerker", r"(?:geen|niet)\w*[^\w.][^.]{0,30}(?:andere (?:personen|partijen|organisaties)|derden)\b[^.]{0,40}\binschakel",
        r"(?:gebruik (?:te )?(?:maken|maakt) van|inschakel\w*|inzet\w*) (?:van )?(?:een |andere )?derde(?:n| partij)",
        r"(?:prior|general|specific) (?:specific |general )?(?:written )?authori[sz]ation", r"may (?:engage|contract|use) (?:sub|third)",
        r"in the absence of the client'?s prior consent", r"commissioning of further subcontractors", r"employs the following",
        # "Where the processor engages a sub-processor, it shall ..." (SCC 7.7(b)) is a condition, not consent.
        r"(?<!where the processor )(?<!where processor )(?<!if the processor )(?<!when the processor )"
        r"engag\w* (?:a |another |new )?sub-?(?:processor|contractor)", r"use (?:any |of )?sub-?(?:processors|contractors)",
        r"(?:permitted|entitled|allowed) to (?:engage|use)",
        r"consents?\b[^.]{0,150}\bsub-?(?:processors?|contractors?)", r"processed by [^.]{0,40}\bsub-?(?:processors?|contractors?)",
        r"authori[sz]es? [^.]{0,40}\bto (?:engage|appoint|use|retain) [^.]{0,20}sub-?(?:processors?|contractors?)",
    )),
    "subprocessors.changes": ("subprocessors", (
        r"(?:toevoeging|wijziging|vervanging)\w*[^\w.][^.]{0,60}sub[- ]?verwerker", r"(?:andere|nieuwe) sub[- ]?verwerker", r"beoogde (?:veranderingen|wijzigingen)",
        r"bezwaar", r"(?:zich|er)? [^.]{0,20}verzetten",
        r"intended changes", r"(?:\badd(?!endum)|replac)\w*[^\w.][^.]{0,40}sub-?(?:processor|contractor)", _OBJECT_TO, r"reject subcontractors",
        r"new (?:sub-?processors?|subcontractors?)", r"does not agree with a new",
    )),
    "subprocessors.flowdown": ("subprocessors", (
        r"dezelfde [^.]{0,40}(?:ver)?plicht(?:ing)?en", r"minimaal dezelfde", r"(?:contractueel|via een overeenkomst)\w*[^\w.][^.]{0,80}(?:verplicht|opleggen|na te leven)",
        r"same [^.]{0,40}(?:obligations|duties)", r"(?:at least|comparable)\w*[^\w.][^.]{0,40}obligations", r"in substance, the same",
        r"at least as (?:protective|stringent|restrictive)", r"no less (?:protective|stringent|restrictive)",
        r"same level of (?:data )?protection", r"as if the sub-?processor were the processor", r"sub-?processors? (?:will|shall|must) abide by",
    )),
    # The controller may see the sub-processor agreement (SCC 7.7(c), seed 002 10.3).
    "subprocessors.copies": ("subprocessors", (
        r"cop(?:y|ies) of (?:such a |the |any )?(?:sub-?processor|subcontract\w*) (?:agreement|contract)",
        r"(?:review )?cop(?:y|ies) of the contract with the (?:new )?sub-?processor",
        r"afschrift\w*[^.]{0,40}sub-?verwerkersovereenkomst", r"overeenkomsten in te zien",
        # "Disclosure of Subprocessor Agreements": "the terms under which they process", confidential parts removed
        r"(?:disclos\w*|cop(?:y|ies)) of (?:the )?sub-?processor (?:agreements|contracts)",
        r"(?:terms|conditions) under which (?:they|the sub-?processors?|each sub-?processor) process",
    )),
    "subprocessors.liability": ("subprocessors", (
        r"(?:blijft )?volledig aansprakelijk\w*[^\w.][^.]{0,80}sub[- ]?verwerker", r"remain(?:s)? (?:fully )?(?:responsible|liable)", r"assumes liability",
        r"acts and omissions of (?:its |any |the )?(?:sub-?processors?|subcontractors?)",
        r"(?:is|are|be|remains?) (?:fully )?liable for [^.]{0,60}\bsub-?(?:processors?|contractors?)",
        # the transfer SCC's 12(g): "may not invoke the conduct of a sub-processor to avoid its own liability"
        r"(?:invoke|rely on) the (?:conduct|acts?|omissions?|failures?) of (?:a |its |any |the )?sub-?(?:processors?|contractors?)",
    )),
    "transfers.restriction": ("transfers", (
        r"(?:alleen|uitsluitend)\w*[^\w.][^.]{0,40}(?:doorgifte|toegestaan)", r"buiten de (?:europese economische ruimte|eer)\b", r"zonder\w*[^\w.][^.]{0,60}toestemming\w*[^\w.][^.]{0,40}(?:land|eer)",
        r"landen zonder passende", r"binnen de europese (?:economische ruimte|unie)",
        _OUTSIDE_EEA, r"transfer\w*[^\w.][^.]{0,60}(?:prohibited|only)", r"within the (?:eu|european union|eea|member states)",
        r"third countr", r"place of processing", r"territorial scope",
        # the permission side of the same rule: "Processor may transfer Personal Data within its group"
        r"(?:processor|provider|supplier|vendor|we) may (?:\w+ )?transfer",
        # a transfer named by where it goes: "will not transfer Personal Data outside Customer's
        # selected region", "may transfer and process ... in the United States"
        r"(?:not|never) (?:be )?transfer\w*[^.]{0,80}\boutside\b",
        r"transfer\w*[^.]{0,80}\b(?:in|to) the united states\b",
    )),
    # Sub-processors outside the EEA, or transfers through them (SCC 7.8(b)).
    "transfers.subprocessors": ("transfers", (
        r"sub-?(?:processor|contractor)s?\b[^.]{0,120}(?:third countr|outside (?:of )?(?:the )?(?:eu|eea|european|member states)|\btransfer)",
        r"(?:third countr|outside (?:of )?(?:the )?(?:eu|eea|european)|\btransfer)\w*[^.]{0,120}sub-?(?:processor|contractor)",
        r"sub-?verwerker\w*[^.]{0,120}(?:derde land|buiten de (?:eu|eer|europese)|doorgifte|doorgeven)",
        r"(?:derde land|buiten de (?:eu|eer|europese)|doorgifte)\w*[^.]{0,120}sub-?verwerker",
    )),
    "transfers.safeguards": ("transfers", (
        r"modelcontract", _SCC_NAMED, r"\bsccs?\b", _SCC_MODULES,
        # "adequacy decision", not "adequaat informeren" or "adequate security measures"
        r"adequa(?:cy|atheid)", r"adequate (?:level of )?(?:data )?protection", r"adequate safeguards",
        r"adequa\w* (?:beschermings)?niveau", r"aanvullende maatregelen", r"passende waarborgen",
        # not SCC 1(f)'s "These Clauses do not by themselves ensure compliance with obligations
        # related to international transfers in accordance with Chapter V": that says they are none
        r"(?<!by themselves ensure compliance with obligations related to international transfers in accordance with )chapter v",
        r"hoofdstuk v", r"appropriate (?:measures|safeguards)",
    )),
    "dsr.forward": ("data_subject_rights", (
        r"(?:klacht|verzoek)\w*[^\w.][^.]{0,200}(?:doorgestuurd|doorsturen|door te sturen)", r"doorsturen naar", r"doorgestuurd naar",
        r"forward", r"notify the controller of any request", r"inquiries directed to him", r"not respond to the request itself",
        r"not respond to (?:the|any|such|that) (?:request|inquir)", r"request (?:\w+ )?directly from (?:a |the )?data subject", r"notify\w* [^.]{0,60}before [^.]{0,60}respond", r"notify\w* [^.]{0,40}\b(?:about|of) (?:the|any|such) (?:data subject )?(?:request|inquir)",
        r"(?:inform|notify)\w* [^.]{0,40}\b(?:if|when|where|upon)\b[^.]{0,40}\breceiv\w* (?:a |any |such )?(?:data subject )?request",
        r"communicate the request to",
        # a request that reaches the processor, and where it goes: "advise the data subject to submit their request to Customer"
        r"receives? (?:a |any )?request from (?:a |the )?data subject", r"(?:advise|direct|refer|redirect)\w* the data subject to",
    )),
    "dsr.assist": ("data_subject_rights", (
        r"rechten van (?:de |een )?betrokkene", r"uitoefening van de rechten", r"inzage", r"rectificatie", r"verbeteren, aanvullen",
        r"artikel 1[5-9] avg", r"mededelingsplicht",
        r"data subjects?'?s? rights", r"rights of (?:the )?data subjects?", r"respond to data subjects", r"chapter iii",
        r"right of access", r"rectification", r"erasure", r"inspection request", r"assert rights",
        r"(?:seeking|wish\w*|request\w*) to exercise (?:their|his|her|its) rights",
        _CORRECT_DELETE_BLOCK,
    )),
    "assistance.dpia": ("assistance", (
        r"gegevensbeschermingseffectbeoordeling", r"effectbeoordeling", r"beschermingseffect", r"\bdpia\b", r"voorafgaande raadpleging",
        r"impact assessment", r"prior consultation", r"articles? 3[56]", r"artikel 3[56]\b(?! wbp)",  # Wbp 35/36: access, correction
    )),
    "assistance.general": ("assistance", (
        r"medewerking", r"bijstand", r"ondersteun", r"assister", r"verlenen\w*[^\w.][^.]{0,40}(?:medewerking|bijstand)",
        r"assist", r"cooperat", r"support the client", r"articles 32 to 36",
    )),
    "assistance.costs": ("costs", (
        r"kosten\w*[^\w.][^.]{0,60}(?:in rekening|bijstand|medewerking)", r"(?:bijstand|medewerking)\w*[^\w.][^.]{0,80}kosten", r"gerechtigd\w*[^\w.][^.]{0,40}kosten",
        r"reasonable costs", r"reimburse", r"costs? (?:incurred|of (?:such )?assistance)", r"charge (?:costs|a fee)",
    )),
    "breach.notify": ("breach", (
        # The processor tells the controller; telling the supervisory authority is the controller's (breach.assist).
        # a prompt notice, in a sentence that gives no other reason for it (anywhere in the sentence:
        # "If GitHub can no longer meet its obligations, GitHub will notify Customer immediately")
        rf"(?:^|(?<=\. ))(?![^.]*{_OTHER_NOTICE})[^.]{{0,300}}?{_NOTIFY}\w* (?:(?!{_AUTHORITY})[^.]){{0,120}}{_PROMPTLY}",
        rf"(?:^|(?<=\. ))(?![^.]*{_OTHER_NOTICE})[^.]{{0,300}}?{_PROMPTLY} (?:(?!{_AUTHORITY})[^.]){{0,120}}{_NOTIFY}",
        r"(?:datalek|inbreuk|incident)\w*[^\w.][^.]{0,80}(?:informeren|melden|op de hoogte)", r"kennis krijgt van (?:een|het) (?:incident|datalek|inbreuk)",
        r"onbevoegde (?:beschikking|toegang)", r"ontdekking van (?:een )?(?:mogelijk )?datalek", r"ontdekt",
        r"notify the (?:controller|client|customer)\w*[^\w.][^.]{0,60}breach", rf"(?:breach|incident)\w*[^\w.][^.]{{0,80}}notif(?!\w* (?:laws?|obligations|requirements))(?!\w*[^.]{{0,60}}{_AUTHORITY})",
        # not SCC 9.1's "after the controller has become aware", nor aware of a public authority's
        # access or of inaccurate data
        r"(?<!controller has )(?<!controller )becom\w* aware(?![^.]{0,40}(?:public|government\w*) authorit)(?![^.]{0,80}(?:inaccurate|outdated))",
        rf"notification of (?:a|any|each|the) (?:personal data |security |data )?(?:breach|incident)(?![^.]{{0,80}}{_AUTHORITY})",
    )),
    "breach.content": ("breach", (
        r"(?:kennisgeving|melding)\w*[^\w.][^.]{0,40}omvat", r"de volgende informatie", r"aard van de inbreuk", r"categorieën\w*[^\w.][^.]{0,30}(?:getroffen|betrokken)",
        r"(?:gevolgen|maatregelen)\w*[^\w.][^.]{0,40}(?:inbreuk|datalek)", r"welke (?:typen|categorieën) persoonsgegevens",
        r"(?:notification|description)\w*[^\w.][^.]{0,40}(?:contain|include)", r"nature of the breach", r"likely consequences", r"contact point", r"in (?:fasen|phases)",
    )),
    "breach.assist": ("breach", (
        r"(?:ondersteun|assister|medewerking|meewerk|bijstand)\w*[^\w.][^.]{0,100}(?:meldplicht|melding|toezichthou|betrokkenen|incident|inbreuk|datalek)",
        r"(?:meldplicht|melden)\w*[^\w.][^.]{0,60}(?:autoriteit persoonsgegevens|toezichthouder)", r"artikel 33",
        r"bij een (?:datalek|incident|inbreuk)\w*[^\w.][^.]{0,80}in staat",  # "stelt bij een Datalek ... in staat om ... vervolgstappen"
        r"assist the controller\w*[^\w.][^.]{0,80}(?:notif|breach)", r"(?:breach|incident)\w*\W[^.]{0,80}assist", r"articles 33 and 34", r"art\. 33",
        # notifying the authority, not "communications from ... Supervisory Authorities"
        r"(?:notif|inform|report|communicat)(?!\w* from)\w*[^\w.][^.]{0,80}(?:supervisory authorit|regulatory bod(?:y|ies))",
        r"supervisory authorit\w*[^\w.][^.]{0,40}(?:notif|inform)",
    )),
    "breach.authority_notice": ("breach", (
        r"(?:voldoet|doet)\w*[^\w.][^.]{0,60}(?:meldingsplicht|melding)\w*[^\w.][^.]{0,40}(?:toezichthouder)?", r"wettelijke meldingsplichten",
        r"niet toegestaan dat\w*[^\w.][^.]{0,40}melding", r"nimmer gehouden tot het zelfstandig", r"(?:meld|melding)\w*[^\w.][^.]{0,80}verantwoordelijkheid", r"verantwoordelijkheid\w*[^\w.][^.]{0,80}meld",
        r"(?:op|bij) (?:de )?\w+ rustende meld(?:ings)?plicht", r"meld(?:ings)?plicht\w*[^\w.][^.]{0,60}\b(?:rust|ligt)\w* (?:bij|op)\b",
        r"(?:controller|customer)'?s? (?:own )?(?:obligations?|dut(?:y|ies)) to notify",
        r"determine whether or not to inform", r"in notifying the personal data breach to the competent",
        # the transfer SCC's 8.6(d): help "to notify the competent supervisory authority and the affected data subjects"
        r"notify the (?:competent )?supervisory authorit\w*[^.]{0,20}\b(?:and|or) the (?:affected )?data subjects",
        # the controller's own duty under "incident notification laws"
        r"(?:incident|breach) notification (?:laws?|obligations|requirements)", r"third[- ]party notification",
    )),
    "breach.followup": ("breach", (
        r"vervolgstappen", r"(?:verdere|verdere) (?:schending|schade)", r"op de hoogte houden", r"nieuwe ontwikkelingen",
        r"omvang van het datalek te beperken", r"(?:geconstateerde|het) incident", r"ten aanzien van het (?:incident|datalek)", r"maatregelen\w*[^\w.][^.]{0,40}(?:beperken|voorkomen)",
        r"mitigat", r"keep\w*[^\w.][^.]{0,30}informed", r"take all (?:reasonable|necessary) (?:measures|steps)", r"remed",
    )),
    "breach.register": ("breach", (r"(?:incident|datalek|inbreuk|breach)\w*\)?[^.]{0,60}register", r"register\w*[^\w.][^.]{0,60}(?:incident|datalek|inbreuk|breach)", r"documente(?:ren|ert)", r"logboek", r"document(?:s|ation)? (?:all|any) (?:breaches|incidents)", r"\blog of")),
    "breach.costs": ("breach", (r"kosten\w*[^\w.][^.]{0,80}(?:datalek|meldingsplicht|melding)", r"(?:datalek|meldingsplicht)[^.]{0,80}kosten", r"costs? [^.]{0,40}breach")),
    "breach.policy": ("breach", (r"beleid voor de omgang", r"beleid\w*[^\w.][^.]{0,40}(?:datalek|incident|inbreuk)", r"procedure voor de monitoring", r"incident response",
                                 r"(?:breach|incident)\w*[^\w.][^.]{0,40}(?:policy|policies|plan|procedure)", r"(?:policy|policies|plan|procedure)\w*[^\w.][^.]{0,40}(?:breach|incident)")),
    "audit.right": ("audit", (
        r"\baudit", r"(?:recht|bevoegd)\w*[^\w.][^.]{0,60}(?:controler|te laten controleren|toe te zien|onderzoek)", r"toe te zien op de naleving",
        r"onafhankelijke\w*[^\w.][^.]{0,30}deskundige", r"in de gelegenheid te stellen te controleren", r"inspecties",
        r"(?:permit|allow|contribute to) audits", r"right to (?:audit|inspect)", r"inspections?", r"independent auditor",
        r"entitled to (?:check|control|verify)", r"onderzoeksinstantie", r"(?:onafhankelijke|externe) (?:deskundige|auditor|partij|instantie)",
    )),
    "audit.information": ("audit", (
        r"informatie\w*[^\w.][^.]{0,80}(?:aan te tonen|naleving)", r"aan te tonen", r"toezicht te houden",
        r"make available\w*[^\w.][^.]{0,60}information", r"demonstrate compliance", r"provide\w*[^\w.][^.]{0,40}information (?:required|necessary)",
        r"(?:inquir|enquir)\w* (?:directly )?from (?:a |the )?(?:relevant )?controller", r"proof of fulfil", r"on request\w*[^\w.][^.]{0,40}measures",
        r"informeren over de (?:door \w+ )?(?:genomen|getroffen) maatregelen",
        r"(?:requests?|inquir\w+) for information", r"questionnaires?", r"(?:third[- ]party |external |soc ?[12],? (?:type \w+,? )?)?(?:audit|compliance) reports?",
        r"provide\w*[^\w.][^.]{0,30}(?:necessary|required|relevant) (?:information|evidence|documentation)",
        r"(?:information|evidence|documentation) (?:required|necessary) (?:to|for) (?:carry out|conduct|perform)",
        *_RECORDS_OF_PROCESSING,
        r"(?:benodigde|noodzakelijke|relevante) (?:informatie|documentatie)\w*[^\w.][^.]{0,40}(?:verstrek|ter beschikking|beschikbaar)",
    )),
    "audit.costs": ("audit", (r"kosten\w*[^\w.][^.]{0,60}(?:audit|onderzoek)", r"(?:audit|onderzoek)\w*[^\w.][^.]{0,80}kosten", r"at (?:its|the controller'?s) (?:own )?(?:cost|expense)", r"costs? of (?:the|an|any) audit")),
    "audit.conditions": ("audit", (
        r"eenmaal per jaar", r"redelijke termijn", r"hinder", r"bedrijfsvoering", r"kantooruren", r"vooraankondiging",
        r"once (?:a|per) year", r"every 12 months", r"reasonable (?:advance )?notice", r"business hours", r"disruption", r"premises",
        *_SAMPLE_CHECKS, r"steekproef",
    )),
    # Records and audit results made available to, or cooperation with, the supervisory authority.
    "audit.authority": ("audit", (
        r"available to the (?:competent )?supervisory authorit", r"cooperat\w*[^\w.][^.]{0,40}supervisory authorit",
        # an audit the authority holds or asks for ("a regulatory audit or an audit in response to a Supervisory Authority")
        r"regulatory audit", r"audit\w* (?:by|of|from|in response to) (?:a |the |any )?(?:competent )?supervisory authorit",
        r"(?:ter beschikking|beschikbaar)\w*[^\w.][^.]{0,60}(?:toezichthou|autoriteit persoonsgegevens)",
        r"(?:medewerking|samenwerk)\w*[^\w.][^.]{0,60}(?:toezichthou|autoriteit persoonsgegevens)",
    )),
    "audit.results": ("audit", (
        r"(?:auditrapport|onderzoeksresultaten|uitkomsten van de audit)", r"(?:rapport|verslag|bevindingen)\w* van (?:het|de) (?:onderzoek|audit|controle)",
        r"naar aanleiding van (?:het|de) (?:onderzoek|audit|controle)",
        # the results of the controller's audit, not the processor's own third-party reports ("SOC 2 audit reports")
        r"results of (?:any )?audits", r"(?:audit|inspection) findings", r"report of the (?:audit|inspection)",
    )),
    "return.retention": ("return_deletion", (
        r"bewaartermijn", r"niet langer (?:bewaar|dan)", r"bewaren", r"retention period", r"no longer than", r"storage limitation",
        r"(?:may|must|shall|will) (?:continue to )?retain", r"(?:law|regulation)s? requires? (?:the )?(?:storage|retention)",
    )),
    "return.on_termination": ("return_deletion", (
        r"(?:na|bij) (?:afloop|beëindiging|het beëindigen|het einde)\w*[^\w.][^.]{0,300}(?:terug|vernietig|verwijder|wis|overdra)",
        r"(?:terug|vernietig|verwijder|wis)\w*[^\w.][^.]{0,120}(?:na|bij) (?:afloop|beëindiging|het einde)",
        r"gevolgen (?:van (?:de )?)?beëindiging", r"(?:consequences|effects?) of (?:the )?termination",
        # "Na de teruggave ... schriftelijk verklaren": the return is done, the clause confirms it.
        r"terug te (?:\(doen\) )?lever", r"(?<!na de )teruggave", r"geef\w*[^\w.][^.]{0,30}terug", r"terugbezorgen",
        r"(?:einde|afloop) van de (?:verwerkers)?overeenkomst", r"retourneren", r"na afloop",
        r"(?:upon|on|following|after|at) (?:the )?(?:termination|expiry|expiration|end|cessation)\w*[^\w.][^.]{0,160}(?:return|delet|destroy|eras)",
        r"(?:return|delet|destroy|eras)\w*[^\w.][^.]{0,120}(?:upon|on|following|after|at) (?:the )?(?:termination|expiry|expiration|end|cessation)",
        r"(?:termination|expiry|expiration|end|cessation) of (?:the |this )?(?:\w+ )?(?:agreement|contract|services?|subscription|dpa)\b[^.]{0,160}(?:return|delet|destroy|eras)",
        r"return and delet", r"delet\w* (?:and|or) return", r"restitution",
        r"\b(?:return|destroy|delete)\w*, (?:return|destroy|delete)\w*,? (?:or|and)\b",  # "return, destroy, or deidentify"
        r"within [\w() ]{1,20} days (?:of|after|following) (?:the )?(?:termination|expiry|expiration)\w*[^.]{0,40}(?:return|delet|destroy|eras|deidentif)",
        r"ceases? to (?:be effective|be in force|apply)\b[^.]{0,120}(?:return|delet|destroy|eras)",
        r"at the choice of the controller", r"return all (?:the )?personal data",
        r"(?:delet|destroy|eras|return)\w*[^.]{0,160}(?:days|weeks|months) (?:of|after|following) the end of",
        r"delet\w* (?:your |their |the |its )?account",  # closing the account ends the service
    )),
    "return.confirmation": ("return_deletion", (
        r"(?:schriftelijk|schriftelijke)\w*[^\w.][^.]{0,40}(?:bevestig|verklar)", r"bevestigt\w*[^\w.][^.]{0,60}vernietiging", r"niet langer heeft",
        r"(?:delet|destr|eras|return|vernietig|verwijder)\w*[^\w.][^.]{0,80}certif", r"certif\w*[^\w.][^.]{0,60}(?:delet|destr|eras|return|vernietig|verwijder)",
        r"confirm\w*[^\w.][^.]{0,40}(?:in writing|deletion|destruction)",
    )),
    "return.subprocessors": ("return_deletion", (r"sub[- ]?verwerkers\w*[^\w.][^.]{0,120}(?:terug|vernietig)", r"also with subcontractors", r"sub-?processors? [^.]{0,60}(?:delete|return)")),
    "return.backups": ("return_deletion", (r"back-?ups?", r"kopie(?:ën|en)", r"copies", r"backups?")),
    "liability.arrangement": ("liability", (
        r"aansprakelijk\w*[^\w.][^.]{0,120}(?:overeenkomst|overeengekomen|regeling)", r"afspraken over aansprakelijkheid", r"beperking van aansprakelijkheid",
        r"aansprakelijk\w* voor (?:de |alle |eventuele )?(?:schade|aanspraken|vorderingen)", r"verplichting\w* tot schadevergoeding",
        r"liable (?:to [^.]{0,40})?for (?:any |all )?(?:damages?|loss|claims)",
        # A notice of default is a condition of the processor's liability, not a claim to be reported.
        r"in gebreke", r"ingebrekestelling",
        r"liab\w*[^\w.][^.]{0,80}(?:agreement|agreed)", r"limitation of liability", r"(?:is|are) liable", r"(?:shall|will) be (?:held )?liable", r"held liable",
    )),
    "liability.exclusion": ("liability", (
        r"uitgesloten", r"aansprakelijkheidsbeperking", r"slechts aansprakelijk", r"niet aansprakelijk", r"nimmer aansprakelijk", r"indirecte schade", r"gevolgschade",
        r"excluded", r"only (?:liable|for its own fault)", r"not (?:be )?liable", r"(?<!directly or )indirect", r"consequential", r"no liability",
    )),
    "liability.cap": ("liability", (
        r"gemaximeerd", r"(?:nooit )?meer (?:bedragen|dan)\w*[^\w.][^.]{0,20}(?:€|eur)", r"beperkt tot (?:het|een) bedrag", r"€\s?\d", r"\beur\s?\d",
        # a cap on liability, not "access limited to personnel", "a check shall be limited to random samples"
        r"(?:liab|responsib)\w*[^.]{0,80}(?<!not )(?:capped|limited) (?:at|to)", r"(?<!not )(?:capped|limited) (?:at|to) [^.]{0,60}(?:amount|fees|€|\$|\d)",
        r"shall not exceed", r"aggregate liability",
        r"maximum (?:total |aggregate )?(?:liability|amount)",  # not "the statutory maximum for notification"
    )),
    "liability.fines": ("liability", (
        r"(?:bestuurlijke )?(?:geld)?boete", r"toezichthouder\w*[^\w.][^.]{0,60}(?:opgelegd|opleggen)",
        r"administrative fines?", r"\bfines?\b", r"penalt",
    )),
    # One party recovers from the other what it paid for the other's fault (GDPR Art. 82(5)).
    "liability.recourse": ("liability", (
        r"verhaal", r"regres", r"artikel 82", r"recourse", r"article 82", r"right of recovery",
    )),
    "liability.claims_notice": ("liability", (
        r"aansprakelijkstelling", r"op de hoogte (?:te )?stellen van een\w*[^\w.][^.]{0,40}(?:aansprakelijk|boete)", r"voornemen tot handhaving",
        r"notify\w*[^\w.][^.]{0,40}(?:claim|fine)",
    )),
    "liability.indemnity": ("liability", (r"vrijwaar", r"indemnif", r"hold harmless")),
    "precedence": ("precedence", (
        r"tegenstrijdig", r"prevale+r", r"leidend", r"gaan voor", r"gelden de bepalingen uit deze", _CONFLICT_NL,
        # "conflict or inconsistency between", not "in a manner inconsistent with the Agreement"
        r"(?:conflicts?|inconsistenc(?:y|ies)|contradictions?)\b[^.]{0,40}\bbetween", r"precedence", r"prevail", r"hierarchy",
        r"\btrumps?\b", r"where [^.]{0,80}\b(?:conflict|are inconsistent)\b",  # "Where this addendum and the SCC conflict"
        r"inconsistent with [^.]{0,80}\b(?:shall|will) (?:govern|control)",
    )),
    # Other clauses beside the agreement's own, or the agreement inside a broader contract, as long
    # as they do not contradict it (SCC 2(b)): no change of the agreement itself.
    "amendments.additions": ("amendments", (
        r"broader contract", r"adding other clauses", r"(?:directly or indirectly )contradict",
        r"in een (?:bredere|ruimere) overeenkomst",
    )),
    "amendments.written": ("amendments", (
        r"wijziging\w*[^\w.][^.]{0,80}schriftelijk", r"schriftelijk\w*[^\w.][^.]{0,40}(?:overeengekomen|afspreken)", r"slechts geldig", _AMENDED_NL,
        r"wetswijziging", r"aanpassingen door te voeren",
        r"(?:revisit|renegotiate|review) the terms of (?:this|the) (?:dpa|agreement|addendum)",
        # changing the agreement itself, not "modifying the list of sub-processors"
        r"(?<!\bas )(?:amend|modif|variation)\w*[^\w.][^.]{0,60}\b(?:agreement|dpa|addendum|clauses|terms|contract|sccs?)\b",
        r"(?:chang|amend|modif|updat)\w* (?:to )?(?:this|these|the) (?:[\w-]+ ){0,3}(?:terms|dpa|addendum|sccs?)\b", r"(?<!sub-processor )(?<!subprocessor )(?:agreement|dpa|addendum|clauses|terms)\b[^.]{0,40}(?:amend|modif)",
        r"written form", r"side agreements", r"invariab", r"chang\w*[^\w.][^.]{0,60}in writing",
        r"(?:valid|effective|binding) (?:only )?if [^.]{0,40}in writing", r"updat\w* (?:this|these) (?:dpa|agreement|addendum|terms|documents)", r"(?:additions|changes|amendments) to this (?:agreement|dpa|addendum)",
        # invariability: "the then-current DPA Terms will apply and will not change during the term"
        r"(?:terms|dpa|addendum|clauses)\b[^.]{0,40}\b(?:will|shall) not (?:change|be (?:changed|modified|amended))",
    )),
    # Agreed departures from a model agreement, listed apart (seed 002 13.2), are not a later amendment.
    "amendments.deviations": ("amendments", (
        r"afwijkingen", r"gemotiveerd", r"(?:willen )?afwijken van (?:de|deze) (?:artikelen|bepalingen)",
        r"deviat\w*[^\w.][^.]{0,40}\b(?:from|of) (?:this|these|the) (?:dpa|clauses|terms|model)",
    )),
    # The processor tells the controller of changes to its product or service that affect the processing.
    "amendments.service_changes": ("amendments", (
        r"wijziging\w* (?:in|van|aan) (?:het|de|zijn|haar) (?:product|dienst)", r"(?:product|dienst)\w*[^\w.][^.]{0,40}wijzig",
        r"(?:material |significant )?changes? (?:to|in) (?:the|its|our) (?:services?|products?|processing)", r"(?:services?|products?)\b[^.]{0,40}\bchang",
    )),
    "severability": ("severability", (
        r"nietig", r"vernietigbaar", r"onafdwingbaar", r"niet afdwingbaar", r"overige bepalingen",
        r"severab", r"invalid", r"unenforceable", r"ineffective", r"\bvoid\b",
    )),
    "duration.term": ("duration_termination", (
        r"looptijd", r"treedt in werking", r"komt tot stand", r"vangt aan", r"in werking", r"zolang de overeenkomst duurt", r"onbepaalde tijd", r"gelijk aan",
        _TERM_DURATION, r"comes into effect", r"concluded upon signature", r"indefinite period", r"effective date", r"remain in (?:full )?(?:force|effect)",
        r"for as long as", r"(?:dpa|agreement|addendum|clauses) (?:will|shall) (?:start|commence|begin)\b",
        r"(?:will|shall) (?:continue|remain in effect) until",
    )),
    "duration.end": ("duration_termination", (
        r"eindigt", r"van rechtswege", r"beëindiging van de (?:onderliggende |hoofd)?overeenkomst", r"niet apart worden opgezegd",
        r"automatically", r"terminat\w*[^\w.][^.]{0,40}(?:simultaneously|automatically)", r"ends? (?:with|upon)",
    )),
    "duration.termination_rights": ("duration_termination", (
        r"opzeg", r"ontbind", r"ontbinding", r"opzegtermijn", r"met onmiddellijke ingang",
        r"right to terminate", r"entitled to terminate", r"may terminate", r"notice period", r"extraordinary termination",
        r"suspend", r"(?:entitled|right|may) to withdraw from", r"withdraw from (?:the|this) (?:agreement|contract|dpa)",
    )),
    # SCC 10(c): the processor's own right to end the contract ("Verwerker is gerechtigd deze
    # Overeenkomst ... te ontbinden"), not the controller's (10(b)).
    "duration.processor_terminates": ("duration_termination", (
        r"\b(?:verwerker|opdrachtnemer|leverancier)\b[^.]{0,30}\b(?:is|zijn) (?:gerechtigd|bevoegd)\b[^.]{0,160}(?:op te zeggen|te ontbinden|te beëindigen)",
        r"\b(?:verwerker|opdrachtnemer|leverancier)\b (?:kan|mag)\b[^.]{0,120}(?:opzeggen|ontbinden|beëindigen)",
        r"(?:ontbonden|opgezegd|beëindigd) (?:worden )?door (?:de )?(?:verwerker|opdrachtnemer|leverancier)\b",
        r"\b(?:the )?(?:processor|provider|supplier|vendor)\b[^.]{0,20}\b(?:shall be|is|will be) entitled to terminate",
        r"\b(?:the )?(?:processor|provider|supplier|vendor) (?:may|can|reserves the right to) (?:immediately )?terminate",
    )),
    # SCC 10(a): the controller may suspend the processing; not "has been suspended", a condition of 10(b).
    "duration.suspension": ("duration_termination", (
        # the processing or transfer, not "suspend the execution of the instruction" (the processor's own right)
        r"(?:may|entitled to|right to|shall) (?:temporarily )?(?:instruct [^.]{0,40}to )?suspend (?:the |all |any )?(?:processing|transfer)",
    )),
    # SCC 10(b): the controller may end the contract when the processor breaches it.
    "duration.termination_for_breach": ("duration_termination", (
        r"(?:substantial|persistent|serious) (?:or persistent )?breach(?! of (?:security|personal data))",
        # "a material breach" also of a duty of secrecy in an audit clause: only beside the termination
        r"(?:terminat|withdraw)\w*[^.]{0,120}material breach", r"material breach[^.]{0,80}(?:terminat|withdraw)",
        r"breach of (?:this|these|the) (?:dpa|clauses|addendum)\b[^.]{0,80}(?:terminat|withdraw)",
        r"(?:terminat|withdraw)\w*[^.]{0,120}(?:is|are) in breach",
    )),
    "duration.survival": ("duration_termination", (
        r"blijven\w*[^\w.][^.]{0,60}(?:van kracht|voortduren|voortbestaan|bestaan)", r"na beëindiging\w*[^\w.][^.]{0,80}(?:blijven|voortduren)", r"overleven",
        r"surviv", r"continue to apply", r"beyond the termination",
        r"naar (?:hun|zijn|haar) aard [^.]{0,60}(?:voort|na (?:de )?beëindiging|blijven)",
        # "Totdat de Persoonsgegevens ... vernietigd, blijft de Verwerker ervoor zorgen dat de artikelen ... worden nageleefd" (002 14.2)
        r"blijft\w*[^\w.][^.]{0,120}(?:nageleefd|in acht (?:genomen|nemen))",
    )),
    "law": ("governing_law", (
        r"(?:nederlands|belgisch|duits)\w* recht", r"recht van toepassing", r"beheerst door", r"rechtskeuze", r"toepasselijk recht",
        # not "governed by a written contract"
        r"governing law", r"governed by(?! (?:a|an|the|this|that|its) (?:written )?(?:contract|agreement))", _LAWS_OF,
    )),
    "court": ("governing_law", (
        r"rechter", r"rechtbank", r"geschil", r"jurisdictie", r"forum",
        _FORUM_COURT, r"jurisdiction", r"disputes?", r"arbitration",
    )),
    "definitions": ("definitions", (
        r"definiti", r"wordt verstaan onder", r"begrippen", r"betekenis", r":\s*(?:een|de|alle|het) ",
        # not a manner ("by fully automated means", "by other means")
        r"(?<!automated )(?<!electronic )(?<!other )(?<!by )(?<!any )\bmeans\b",
        r"shall mean", rf"(?<!within the )meaning{_NOT_OF_NUMBER}", r"(?<!\(as )defined", r"refers to",
    )),
    # How the agreement is read (SCC 3(b), 3(c)), not what its terms mean (SCC 3(a)).
    "definitions.interpretation": ("definitions", (
        r"interpret", r"(?:read|construed) (?:and interpreted )?in (?:the )?light of", r"uitgelegd", r"uitleg\b",
        # "the singular includes the plural"; "headings are for readability only"
        r"singular\b[^.]{0,60}\bplural", r"enkelvoud\b[^.]{0,60}\bmeervoud",
        r"headings?\b[^.]{0,80}\b(?:readability|convenience|reference only|(?:do|does|shall) not (?:limit|affect))",
        r"kopjes\b[^.]{0,80}\b(?:leesbaarheid|gemak)",
    )),
    "parties": ("parties", (
        r"ondergetekenden", r"gevestigd", r"kvk", r"vertegenwoordigd", r"hierna te noemen", r"contractspartijen",
        r"registered", _HEREINAFTER_PARTY, r"represented by", r"list of parties", r"\bname:", r"address:",
        r"(?:listed|identified) in annex i\b",
        r"contact (?:details|information|points?) (?:of|for) (?:each|the parties|both)", r"contact points of the parties",
        r"naam:", r"functie:", r"handtekening", r"ondertekend", r"datum:", r"signature", r"signed", r"aldus overeengekomen",
        r"\bdate:", r"\bplace:", r"\bposition:", r"\bplaats:",
        # a party's data protection officer is among its contact details (SCC Annex I)
        r"data protection officer", r"functionaris (?:voor de )?gegevensbescherming",
    )),
    # Another entity joins the agreement later (SCC 5, the "docking clause"): not who the parties are.
    "parties.accession": ("parties", (
        r"accede", r"accession", r"docking", r"treated as a party", r"toetred\w*", r"treedt toe",
    )),
    # The recitals: why the parties conclude the agreement ("Overwegende dat", "Whereas").
    "parties.recitals": ("parties", (
        r"overwegende", r"overwegen het volgende", r"in aanmerking nemende", r"(?:het volgende|als volgt) in overweging", r"whereas", r"recitals?\b",
    )),
    "subject_matter.data": ("subject_matter", (
        r"categorie\w* (?:van )?(?:persoonsgegevens|gegevens)", r"soort(?:en)? (?:verwerkte )?persoonsgegevens", r"typen persoonsgegevens", r"gegevens gebruiker",
        r"naam", r"e-?mailadres", r"categories of (?:customer )?(?:personal )?data\b(?! subjects)", _TYPES_OF_DATA, r"personal data processed",
        _TYPE_AND_STRUCTURE,
    )),
    # Special categories of data (GDPR Art. 9-10; SCC 7.5 "Sensitive data"). English only: seed 002
    # names "bijzondere persoonsgegevens" only in passing (the breach report, the annex table), and
    # Dutch vendors' annexes that say they hold none then met those.
    "subject_matter.sensitive": ("subject_matter", (
        r"sensitive (?:personal )?data", r"special categor(?:y|ies) of (?:personal )?data", r"racial or ethnic origin",
    )),
    "subject_matter.subjects": ("subject_matter", (
        r"categorie\w* (?:van )?betrokkenen", r"betrokkenen", r"gebruikers\b", r"categories of data subjects", r"group of data subjects", r"data subjects whose",
        _CIRCLE_OF_AFFECTED,
    )),
    "subject_matter.purposes": ("subject_matter", (
        r"aard en (?:het )?doel", r"doeleinden van (?:de )?verwerking", r"specifieke doeleinden", r"doeleinden\w*[^\w.][^.]{0,40}(?:bepaald|vastgesteld|opgave)", r"doel(?:en)? van (?:de )?(?:gegevens)?verwerking", r"verwerkingsdoel",
        r"nature and purpose", r"purposes? of (?:the )?processing", r"purpose\(s\) for which",
    )),
    "subject_matter.operations": ("subject_matter", (
        r"verwerkingshandelingen", r"verwerkingsactiviteiten", r"verwerkingen", r"processing operations", r"processing activities",
        r"nature of the processing", r"subject[- ]matter", _SUBJECT_OF_PROCESSING,
    )),
    "subject_matter.location": ("transfers", (
        r"locatie", r"land van (?:opslag|verwerking)", r"datacentr", r"servers? (?:van|in|of)", r"frankfurt|ierland|ireland",
        # not Annex III's "physical security of locations"
        r"(?<!security of )location", r"data ?cent(?:er|re)", r"hosted", r"(?:stored|hosted) (?:\w+ ){0,5}in (?:\w+ )?data ?cent",
    )),
    "subprocessors.list": ("subprocessors", (
        r"(?:naam|lijst|overzicht)\w*[^\w.][^.]{0,20}sub[- ]?verwerker", r"ingeschakelde sub[- ]?verwerkers", r"(?:amazon|aws|messagebird|pinkroccade)",
        # a provider by its service or entity: Google's own terms name "Google" on every line
        r"google (?:cloud|llc|ireland|workspace|analytics)", r"microsoft (?:azure|ireland|365|corporation)",
        r"list of sub-?processors", r"following sub-?(?:processors|contractor)", r"transparency page",
        r"sub-?processors\b[^.]{0,40}\b(?:available|accessible|published|listed) (?:at|on)\b",  # a list on a web page
    )),
}

PROVISION_NAMES: tuple[str, ...] = tuple(PROVISIONS)

# Provisions about a case of a second subject: SCC 7.8(b) is on transfers by a sub-processor. A
# reference clause with one answers only a vendor clause that names that subject; a clause that
# puts the SCC in place for the processor's own transfers is not about sub-processors.
PROVISION_SUBJECT: dict[str, str] = {
    "transfers.subprocessors": "subprocessors",
    "return.subprocessors": "subprocessors",
}
HEADING_PROVISION_WEIGHT = 2.0
HEADING_WEIGHT_BESIDE_TEXT = 0.5


@lru_cache(maxsize=1)
def _compiled_provisions() -> tuple[re.Pattern, ...]:
    return tuple(
        re.compile(r"\b(?:" + "|".join(patterns) + ")")
        for _, patterns in PROVISIONS.values()
    )


# "Inbreuk: een inbreuk op ...", "“Personal Data” means ...": a clause that is a definition.
# The defined term at the start of a clause: a capitalised or quoted word and up to five more.
_TERM = r"^[\s\-–•*]*(?:[a-z]\.\s+)?(?:[“\"'‘][A-Za-z]|[A-Z])[\w()\-/’'”\"]*(?: [\w()\-/’'“”\"]+){0,5}?[”\"'’]?\s*"
_DEFINITION_FORM = re.compile(
    _TERM +
    r"(?::\s*[“\"'‘(]?[a-zà-ÿ]{2}|\bmeans\b|\bshall mean\b|\bbetekent\b|\brefers to\b|"
    r"\b(?:has|have|shall have|will have) the (?:same )?meanings?\b)",
)


def is_definition(text: str, *, in_annex: bool = False) -> bool:
    """In an annex "Identiteit: https://..." is an entry of a table, not a definition: there only
    the words of defining count ("means", "betekent")."""
    match = _DEFINITION_FORM.match(text)
    if match and in_annex:
        return ":" not in match.group(0)
    return bool(match)


# "Processor: The natural person or legal entity that ...": under its own definitions title an
# entry defines even with a capital after the colon (which elsewhere reads "Note: The ...").
_TITLED_ENTRY = re.compile(_TERM + r":\s*\S")


def defines(heading: str, text: str) -> bool:
    """The clause is a definition, or a list of them: about definitions, whatever it defines."""
    titled_entry = bool(_DEFINITIONS_TITLE.search(_last_heading(heading).lower()) and _TITLED_ENTRY.match(text))
    return titled_entry or is_definition(text, in_annex=is_annex_label(heading)) or is_definitions_list(heading, text)


@lru_cache(maxsize=2048)
def provision_scores(heading: str, text: str) -> np.ndarray:
    """Evidence per provision (PROVISION_NAMES order): distinct cues in the text, the heading's too.

    Kept per clause text (read-only), as topic_scores."""
    in_annex = is_annex_label(heading)
    definition = defines(heading, text) or under_definitions(heading)
    heading, text = _plain(_last_heading(heading)), _plain(text)
    scores = np.zeros(len(PROVISIONS), dtype=np.float32)
    from_heading = np.zeros(len(PROVISIONS), dtype=np.float32)
    for index, pattern in enumerate(_compiled_provisions()):
        scores[index] = min(len({m.group(0) for m in pattern.finditer(text)}), 3)
        from_heading[index] = bool(heading) and pattern.search(heading) is not None
    # An article's title frames all its paragraphs alike; a paragraph that names its own
    # provision is told apart from its siblings by that. In an annex the section title is what
    # the entry is ("Doelen van de verwerking: ..."), so it keeps its full weight there.
    weight = HEADING_PROVISION_WEIGHT if in_annex or not scores.any() else HEADING_WEIGHT_BESIDE_TEXT
    scores += weight * from_heading
    if definition:
        scores[PROVISION_NAMES.index("definitions")] += DEFINITION_WEIGHT
    scores.setflags(write=False)
    return scores


def provision_vector(heading: str, text: str) -> np.ndarray:
    scores = provision_scores(heading, text)
    norm = float(np.linalg.norm(scores))
    return scores / norm if norm > 0 else scores


FEATURE_SIZE = len(TOPICS) + len(PROVISIONS)


@lru_cache(maxsize=1)
def _provision_topic_matrix() -> np.ndarray:
    """(provisions, topics) 0/1: which topic each provision belongs to."""
    matrix = np.zeros((len(PROVISIONS), len(TOPICS)), dtype=np.float32)
    for row, (topic, _) in enumerate(PROVISIONS.values()):
        matrix[row, TOPICS.index(topic)] = 1.0
    return matrix


def _provision_topic_scores(heading: str, text: str) -> np.ndarray:
    return provision_scores(heading, text) @ _provision_topic_matrix()


def clause_features(heading: str, text: str) -> np.ndarray:
    """Topic vector then provision vector, both normalised: what the index stores per clause."""
    return np.concatenate([topic_vector(heading, text), provision_vector(heading, text)]).astype(np.float32)


def split_features(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(topic part, provision part) of one feature vector or of a matrix of them."""
    return features[..., : len(TOPICS)], features[..., len(TOPICS):]
