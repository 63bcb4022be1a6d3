"""Split a cleaned document into clauses that follow its own numbering.

DPAs number themselves in many ways: "Artikel 7: Datalekken" with "1." paragraphs, "7.2 ..."
paragraphs under "7 Aansprakelijkheid", "Clause 7 — ..." with "7.1. Instructions" and "(a)",
"- 1.1" bullets, annexes ("Bijlage 1", "Annex II") with lettered sections and tables. The
segmenter reads the document line by line and keeps a small stack of *containers* (annex,
article, section) whose ids prefix the ids of the clauses inside them.

Rules that matter to users:
- a heading stays with its body (an empty heading's line joins the next clause's span);
- a list stays with the sentence that introduces it (a paragraph with text absorbs the items
  that follow it, unless an item continues the paragraph numbering itself);
- bullets straight under a heading of the body, each a sentence, are clauses numbered in order
  (an annex's lists, and items that finish a heading such as "in aanmerking nemende dat", are not);
- numbers are checked against the sequence so far, so "2016/679" or a wrapped "2.6 and 4.2."
  never start a clause;
- spans partition the text: every non-blank character belongs to exactly one clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .ingest import BULLET_MARKS, EMPHASIS_LEVEL, SENTENCE_END
from .types import Clause, Document

_BULLET = re.compile(rf"^{BULLET_MARKS}\s+")
_ANNEX_WORDS = r"bijlage|annex|appendix|schedule|exhibit|attachment|aanhangsel|addendum"
_ANNEX = re.compile(
    rf"^({_ANNEX_WORDS})\s+"
    r"(\d{1,2}|[IVX]{1,5}|[A-Z])(?![\w.]*\.\d)\b(\s*[:.\-—–)|]\s*|\s*)(.*)$",
    re.I,
)
_ANNEX_ID = re.compile(rf"^({_ANNEX_WORDS})\b", re.I)


def is_annex_label(label: str) -> bool:
    """Whether a clause id segment gave ("Bijlage 2 C", "Annex I.3") or a clause's heading path
    ("Bijlage 1: Specificatie > Bewaartermijnen") places it in an annex."""
    return bool(_ANNEX_ID.match(label))


# "Schedule 3 > Clause 10 — Data subject rights": a contract attached as an annex (the transfer
# SCC, the UK Addendum) is read as a contract, its clauses as body clauses, not annex entries.
_ATTACHED_CLAUSE = re.compile(r"(?:^| > )(?:clause|article|artikel)\s+\d", re.IGNORECASE)


# A transfer SCC's module label ("MODULE TWO: Transfer controller to processor") above a clause's
# paragraphs: it names the parties they bind, so it heads them but does not number them.
MODULE_LABEL = re.compile(r"\s*module (?:one|two|three|four|[1-4])\b[\s:.—–-]*(?:transfer )?"
                          r"(?:(?:controller|processor) to (?:controller|processor))?\s*", re.IGNORECASE)


def in_annex_part(clause_id: str, heading: str) -> bool:
    """Whether a clause is an entry of an annex (a description, a list, a table of measures)."""
    return is_annex_label(clause_id) and not _ATTACHED_CLAUSE.search(heading)


_ARTICLE = re.compile(
    r"^(artikel|article|art\.|clause|section|sectie|paragraaf|§)\s*(\d{1,3}[a-z]?)"
    r"(?:\s*[.:\-—–)]+\s*|\s+|$)(.*)$",
    re.I,
)
# PDF text often glues the number to its text ("1.1.Concerned:"): a dot before a capital counts.
_GLUED = r"(?<=\.)(?=[A-ZÀ-Ý(“\"‘])"
_MULTI = re.compile(rf"^\(?(\d{{1,3}}(?:\.\d{{1,3}})+)(?:\.?\)?(?:\s+|$)|\.{_GLUED})(.*)$")
_SINGLE = re.compile(rf"^(?:(\d{{1,3}})[.)]|\((\d{{1,3}})\))(?:\s+|$|{_GLUED})(.*)$")
_SINGLE_BARE = re.compile(r"^(\d{1,2})\s+([A-ZÀ-Ý].*)$")  # "8 Aansprakelijkheid"
_LETTER = re.compile(r"^(?:\(([a-z]{1,4})\)|([a-z]{1,4})[.)])(?:\s+|$)(.*)$")
_UPPER = re.compile(r"^(?:\(([A-Z])\)|([A-Z])[.)])(?:\s+|$)(.*)$")
_ROMAN = re.compile(r"^(?=[ivxl]+$)(?:l?x{0,3})(?:ix|iv|v?i{0,3})$")
# "Processing of Personal Data. With respect to ...": a short title, a full stop, then the text.
_RUN_IN_TITLE = re.compile(r"^([A-Z][\w’'&/,\- ]{1,58}[\w)])\.\s+([A-Z(“\"].*)$")
_BARE_LIST_LINES = 4  # fewer in a row can be a title over a short line
# "... the following terms have the following meanings:" opens a list of definitions.
DEFINITIONS_OPENER = (r"(?:(?:terms|words|expressions) (?:shall |will )?have the following meanings?|"
                      r"wordt (?:hierna )?verstaan onder)\s*:")
# A heading that is the start of a sentence its list items finish ("in aanmerking nemende dat", "WHEREAS:").
_HEADING_LEADS_IN = re.compile(r"(?:\b(?:dat|that|whereas|overwegende|considering)|:)\s*$", re.IGNORECASE)
_ENDS_OPENING_DEFINITIONS = re.compile(DEFINITIONS_OPENER + r"\s*$", re.IGNORECASE)


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped, bullet removed
    label_end: int  # offset in the document where the text after the marker begins
    indent: int
    level: int  # the rank of a heading the source marked (Markdown "##" is 2; bold EMPHASIS_LEVEL), else 0
    blank_before: bool
    bullet: bool
    kind: str = "text"  # annex | article | multi | single | letter | upper | text
    number: str = ""
    rest: str = ""
    word: str = ""  # "Bijlage", "Annex": how an annex names itself
    bare: bool = False  # a number without dot or bracket: "8 Aansprakelijkheid"

    @property
    def hinted(self) -> bool:
        """The source marked the line as a heading."""
        return self.level > 0


@dataclass
class _Container:
    id: str
    heading: str
    kind: str  # root | annex | article | section
    number: int | None = None  # article number, for sequence checks
    sep: str = "."  # between this container's id and its items' labels
    body_clause: bool = False
    item_style: str = ""
    item_last: str = ""
    numbered_by: _Container | None = None  # a section whose items continue its article's numbering
    level: int = 0  # rank of the heading line that opened it, when the source marked one


@dataclass
class _Open:
    id: str
    heading: str
    span_start: int
    body_start: int
    container: _Container
    parts: list[tuple[int, int]] = field(default_factory=list)
    indent: int = 0
    inner_style: str = ""
    inner_last: str = ""

    def has_body(self, text: str) -> bool:
        return any(text[a:b].strip() for a, b in self.parts)

    def ends_with_colon(self, text: str) -> bool:
        for a, b in reversed(self.parts):
            chunk = text[a:b].strip()
            if chunk:
                return chunk.endswith(":")
        return False


def segment_clauses(document: Document) -> list[Clause]:
    """The clauses of `document`, in order, with ids from its own numbering."""
    return _Segmenter(document).run()


class _Segmenter:
    def __init__(self, document: Document):
        self.doc = document
        self.text = document.text
        self.lines = _parse_lines(document)
        self.annex_last = _last_annex_occurrences(self.lines)
        self.root = _Container("", "", "root")
        self.stack: list[_Container] = [self.root]
        self.open: _Open | None = None
        self.pending_start: int | None = None  # start of heading lines not yet owned
        self.clauses: list[tuple[str, str, int, int, list[tuple[int, int]], bool]] = []
        self.top_number = 0
        self.last_multi: tuple[int, ...] = ()
        self.run_in_articles = False  # "1. Definitions. All capitalized words ..." opened an article

    # -- containers --------------------------------------------------------------------
    @property
    def container(self) -> _Container:
        return self.stack[-1]

    def _annex(self) -> _Container | None:
        return next((c for c in reversed(self.stack) if c.kind == "annex"), None)

    def _article(self) -> _Container | None:
        return next((c for c in reversed(self.stack) if c.kind == "article"), None)

    def _heading_path(self) -> str:
        return " > ".join(c.heading for c in self.stack if c.heading)

    def _enter(self, container: _Container, line: _Line, keep: tuple[str, ...]) -> None:
        self._close()
        while self.stack[-1].kind not in keep and len(self.stack) > 1:
            self.stack.pop()
        container.level = container.level or line.level
        self.stack.append(container)
        if self.pending_start is None:
            self.pending_start = line.start

    # -- clauses -----------------------------------------------------------------------
    def _close(self) -> None:
        if self.open is None:
            return
        item = self.open
        at_root = item.container.kind == "root"
        self.clauses.append((item.id, item.heading, item.span_start, item.body_start, item.parts, at_root))
        self.open = None

    def _start(self, clause_id: str, line: _Line, container: _Container) -> None:
        self._close()
        span_start = self.pending_start if self.pending_start is not None else line.start
        self.pending_start = None
        self.open = _Open(clause_id, self._heading_path(), span_start, line.label_end, container, indent=line.indent)
        self._add(line)

    def _add(self, line: _Line, whole: bool = False) -> None:
        assert self.open is not None
        self.open.parts.append((line.start if whole else line.label_end, line.end))

    def _join(self, container: _Container, label: str, style: str) -> str:
        base = container.id
        if not base:
            return label
        if style == "letter" and (base[-1].isdigit() or base.endswith(")")):
            return f"{base}({label})"
        return f"{base}{container.sep}{label}"

    # -- main loop ---------------------------------------------------------------------
    def run(self) -> list[Clause]:
        for index, line in enumerate(self.lines):
            self._line(index, line)
        self._close()
        return self._finish()

    def _line(self, index: int, line: _Line) -> None:
        kind = line.kind
        if kind == "annex" and self.annex_last.get(_annex_key(line)) == index and self._annex_ok(index):
            self.top_number, self.last_multi = 0, ()
            label = f"{line.word} {line.number}"
            self._enter(_Container(label, line.text, "annex", sep=" "), line, keep=("root",))
            return
        if kind == "article" and self._article_ok(line):
            self._open_article(int(re.match(r"\d+", line.number).group()), line, line.number)
            nxt = self.lines[index + 1] if index + 1 < len(self.lines) else None
            if not line.rest and nxt is not None and nxt.kind == "text" and _is_title(nxt.text) \
                    and not nxt.text.endswith(":"):
                nxt.kind = "title"  # "Clause 1" / "Purpose and scope": the title on its own line
            return
        if kind == "title":
            self.container.heading = f"{self.container.heading} — {line.text}"
            return
        if kind == "single" and self._numbered_heading(index, line):
            self._open_article(int(line.number), line, line.number)
            return
        if kind == "single" and self._run_in_article(index, line):
            return
        if kind == "multi":
            if self._multi_ok(line):
                self._multi(index, line)
                return
        if kind == "single" and (line.bare or _wrapped_quantity(line)):
            self._continue(line)  # "36 AVG) uit te voeren.", "(30) days in advance": a wrapped line, not an item
            return
        if kind == "single" and self._single(line):
            return
        if kind == "letter" and self._letter(line, "letter"):
            return
        if kind == "upper":
            if self._letter_heading(line):
                base = self._article() or self._annex()
                label = f"{base.id}{base.sep}{line.number}" if base else line.number
                keep = ("root", "annex", "article")
                self._enter(_Container(label, line.text, "section"), line, keep=keep)
                return
            if self._letter(line, "upper"):
                return
        if kind == "text" and self._defining(line):
            self._continue(line)
            return
        if kind == "text" and self._unnumbered_heading(index, line):
            self._leave_ended(index, line)
            parent = next((c for c in reversed(self.stack) if c.kind in {"annex", "article"}), None)
            keep = ("root", "annex", "article")
            if parent is not None and MODULE_LABEL.fullmatch(line.text):
                # "Clause 12" > "MODULE TWO: ..." > "(g)" is the document's 12(g)
                self._enter(_Container(parent.id, line.text, "section", sep=parent.sep), line, keep=keep)
                return
            title = _short_title(line.text)
            label = f"{parent.id} {title}" if parent else title
            self._enter(_Container(label, line.text, "section", sep=" "), line, keep=keep)
            return
        if kind == "text" and line.bullet and self._bullet_item(index, line):
            return
        self._continue(line)

    def _open_article(self, number: int, line: _Line, label: str) -> None:
        annex = self._annex()
        clause_id = f"{annex.id} {label}" if annex else label
        self.top_number = number
        keep = ("root", "annex")
        self._enter(_Container(clause_id, line.text, "article", number=number), line, keep=keep)

    def _continue(self, line: _Line) -> None:
        """Text that belongs to the open clause, or starts the container's own body."""
        if self.open is not None and self.open.container is self.container:
            self._add(line, whole=True)
            return
        if self.open is not None and self.container.kind == "root" and not line.hinted:
            self._add(line, whole=True)
            return
        container = self.container
        clause_id = container.id or "Preamble"
        container.body_clause = True
        line.label_end = line.start
        self._start(clause_id, line, container)

    def _letter_heading(self, line: _Line) -> bool:
        """'A. Contactgegevens' heads a section; 'A. The Customer entered into ...' is an item."""
        if "|" in line.text:
            return False
        if line.hinted:
            return 0 < len(line.rest) <= 200
        if not _is_title(line.rest):
            return False
        if line.rest.endswith(":") or len(line.rest) > 90:
            return False
        return not (self.open is not None and self.open.ends_with_colon(self.text))

    def _bullet_item(self, index: int, line: _Line) -> bool:
        """Bullets straight under a heading of the body, each a sentence of its own ("* Plausible
        processes visitor data only on documented instructions.", "* ... will notify the customer
        without undue delay"), are provisions as numbered paragraphs are: each is a clause,
        numbered in order. A list after a lead-in stays with it, and an annex's lists of measures
        or categories stay one clause per heading."""
        container = self.container
        if container.kind not in {"article", "section"} or self._annex() is not None:
            return False
        if _HEADING_LEADS_IN.search(container.heading):
            return False  # "in aanmerking nemende dat" / "* Klant ...;": each item ends the heading's sentence
        if container.item_style == "bullet":
            label = str(int(container.item_last) + 1)
        elif self.open is None or self.open.container is not container:
            label = "1"
        else:
            return False  # a list after a lead-in stays with it
        following = self._next_paragraph(index)
        if not _is_provision(self._bullet_text(index, following)):
            return False
        if label == "1" and (following is None or not self.lines[following].bullet
                             or not _is_provision(self._bullet_text(following, self._next_paragraph(following)))):
            return False  # a single bullet is no list
        container.item_style, container.item_last = "bullet", label
        self._start(self._join(container, label, "single"), line, container)
        return True

    def _next_paragraph(self, index: int) -> int | None:
        """The line after `index` that starts a paragraph or an item, past the lines it wraps onto."""
        return next((i for i in range(index + 1, len(self.lines))
                     if self.lines[i].blank_before or self.lines[i].bullet or self.lines[i].kind != "text"), None)

    def _bullet_text(self, index: int, end: int | None) -> str:
        """An item's words with the lines it wraps onto, up to `end` (text copied from a PDF breaks them)."""
        return " ".join(line.text for line in self.lines[index:end])

    def _absorbing(self) -> bool:
        return self.open is not None and self.open.has_body(self.text)

    # -- numbered lines ----------------------------------------------------------------
    def _article_ok(self, line: _Line) -> bool:
        if line.hinted:
            return True
        if not line.text[:1].isupper():
            return False  # "artikel 15 AVG ..." at the start of a wrapped line is a reference
        number = int(re.match(r"\d+", line.number).group())
        if number not in {self.top_number + 1, 1} and number != self.top_number:
            return False  # articles come in order; a jump is a cross-reference
        return (not line.rest or _is_title(line.rest)) and len(line.text) <= 140

    def _numbered_heading(self, index: int, line: _Line) -> bool:
        """'7. Datalekken' or '8 Aansprakelijkheid': an article heading, not a paragraph."""
        number = int(line.number)
        if self._annex() is not None and not line.hinted:
            return False
        if not _is_title(line.rest) and not (line.hinted and _is_title(line.rest.rstrip("."))):
            return False  # a marked heading may end in a full stop: "5. Use and Disclosure of Protected Data."
        following = self._next_marker(index)
        has_children = self._has_children(index, line)
        if number != self.top_number + 1 and not (line.hinted and number > self.top_number) \
                and not ((number == 1 or self.top_number == 0) and has_children):
            return False
        if line.hinted or line.bare:
            return True
        if has_children:
            return True
        if following is not None and following.kind == "single" and following.indent > line.indent \
                and following.number == "1":
            return True
        nxt = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if nxt is None or self._absorbing() and self.open is not None and self.open.ends_with_colon(self.text):
            return False
        return nxt.kind == "text" and not nxt.hinted and len(line.rest) <= 60 and not line.rest.endswith(":")

    def _run_in_article(self, index: int, line: _Line) -> bool:
        """'3. Processing of Personal Data. With respect to ..., Aptible will:' followed by 3.1, 3.2:
        an article whose title runs into its first sentence. The title heads the article, the
        sentence is the article's own clause."""
        match = _RUN_IN_TITLE.match(line.rest)
        if match is None or self._annex() is not None or int(line.number) != self.top_number + 1:
            return False
        if not self._has_children(index, line) and not (self.run_in_articles and line.indent == 0):
            return False  # without 2.1, 2.2 only once the document has shown it writes articles so
        self.run_in_articles = True
        title = match.group(1)
        self._open_article(int(line.number), replace(line, text=f"{line.number}. {title}"), line.number)
        body_start = self.text.find(match.group(2), line.label_end, line.end)
        body = replace(line, label_end=body_start if body_start >= 0 else line.label_end)
        self.container.body_clause = True
        self._start(self.container.id, body, self.container)
        return True

    def _has_children(self, index: int, line: _Line) -> bool:
        """'3.' followed by '3.1', '7.2 Data Incidents.' by '7.2.1': the line heads the paragraphs below it."""
        following = self._next_marker(index)
        return following is not None and following.kind == "multi" and following.number.startswith(line.number + ".")

    def _next_marker(self, index: int) -> _Line | None:
        for line in self.lines[index + 1 : index + 40]:
            if line.kind in {"multi", "single", "article", "annex"}:
                return line
        return None

    def _multi_ok(self, line: _Line) -> bool:
        parts = [int(p) for p in line.number.split(".")]
        if line.rest and not re.match(r"[\w“\"'‘(<\[À-ÿ]", line.rest):
            return False
        if line.rest and line.rest[0].islower() and not line.hinted and len(parts) == 2 and parts[1] > 20:
            return False
        if tuple(parts) <= self.last_multi:
            return False  # numbers only move forward: "2.6 and 4.2." is a cross-reference
        if self.top_number == 0:
            return parts[0] <= 3 or line.hinted
        return parts[0] in {self.top_number, self.top_number + 1}

    def _multi(self, index: int, line: _Line) -> None:
        parts = line.number.split(".")
        top = int(parts[0])
        self.last_multi = tuple(int(p) for p in parts)
        annex = self._annex()
        prefix = f"{annex.id} " if annex else ""
        if top == self.top_number + 1:
            # "10.1" with no "10" heading before it: an article that was never titled.
            self.top_number = top
            if self._article() is None or self._article().number != top:
                self._close()
                while len(self.stack) > 1 and self.stack[-1].kind != "annex":
                    self.stack.pop()
                self.stack.append(_Container(f"{prefix}{top}", "", "article", number=top))
        clause_id = prefix + line.number
        is_heading = (line.hinted or (not line.rest.endswith(":") and self._followed_by_items(index))) and _is_title(line.rest) \
            or self._has_children(index, line) and _is_title(line.rest.rstrip("."))
        if is_heading:
            keep = ("root", "annex", "article")
            self._enter(_Container(clause_id, line.text, "section", number=top), line, keep=keep)
            return
        while len(self.stack) > 1 and self.stack[-1].kind == "section" and not clause_id.startswith(self.stack[-1].id + "."):
            self.stack.pop()
        self._start(clause_id, line, self.container)

    def _followed_by_items(self, index: int) -> bool:
        nxt = self.lines[index + 1] if index + 1 < len(self.lines) else None
        return nxt is not None and nxt.kind in {"letter", "single"} and nxt.number in {"a", "1"}

    def _single(self, line: _Line) -> bool:
        return self._item(line, "single", line.number)

    def _letter(self, line: _Line, style: str) -> bool:
        return self._item(line, style, line.number)

    def _item(self, line: _Line, style: str, label: str) -> bool:
        """A list item: a new clause at the container's item level, or part of the open clause."""
        container, open_ = self.container, self.open
        sibling = container.item_style == style and _follows(container.item_last, label, style)
        inner = open_ is not None and open_.inner_style == style and _follows(open_.inner_last, label, style)
        if sibling and not (inner and (line.indent > open_.indent or style != "single")):
            return self._new_item(container, line, style, label)
        if open_ is not None and open_.has_body(self.text) and (line.rest or style != "single"):
            restart = bool(container.item_style) and _first(label, style)
            if (inner or open_.ends_with_colon(self.text) or line.indent > open_.indent or restart
                    or style != "single"):
                # A list stays with the sentence that introduces it.
                open_.inner_style, open_.inner_last = style, label
                self._add(line, whole=True)
                return True
        if open_ is not None and open_.has_body(self.text) and container.item_style and not _first(label, style):
            self._add(line, whole=True)  # out of sequence inside a paragraph: a wrapped reference
            return True
        return self._new_item(container, line, style, label)

    def _new_item(self, container: _Container, line: _Line, style: str, label: str) -> bool:
        numbering = self._numbering_owner(container, style, label)
        container.item_style, container.item_last = style, label
        numbering.item_style, numbering.item_last = style, label
        if container.kind == "root" and style == "single":
            number = int(label)
            if number == self.top_number + 1 and self._annex() is None:
                self.top_number = number
        self._start(self._join(numbering, label, style), line, container)
        return True

    def _numbering_owner(self, container: _Container, style: str, label: str) -> _Container:
        """The container whose numbering an item continues.

        "Artikel 7", items 1-4, a plain "Audit" heading, items 5-9: the document calls them 7.5-7.9
        (and refers to them so), so they are the article's items under the section's heading."""
        if container.item_style:
            return container.numbered_by or container
        article = self._article()
        if container.kind == "section" and container.sep == " " and article is not None \
                and article.item_style == style and not _first(label, style) \
                and _follows(article.item_last, label, style):
            container.numbered_by = article
            return article
        return container

    # -- headings without numbers ------------------------------------------------------
    def _annex_ok(self, index: int) -> bool:
        line = self.lines[index]
        if line.hinted:
            return True
        if line.rest and (line.rest[0].islower() or len(line.text) > 150):
            return False
        if not line.bare and line.rest:
            return True  # "Bijlage 2: Overzicht ...": a label, a separator and a title
        previous = self.lines[index - 1] if index else None
        return previous is None or line.blank_before or bool(SENTENCE_END.search(previous.text)) \
            or previous.hinted or previous.kind != "text"

    def _leave_ended(self, index: int, line: _Line) -> None:
        """'## Changes to these documents' after '## 11. Certifications', and no article 12 below:
        the articles are over, so a heading of their rank or higher is no part of the last one, nor
        of an annex that ranks no higher. While the numbering goes on ('#### MODULE TWO' inside
        '#### Clause 8', with 'Clause 9' to come) the heading stays inside the article."""
        article = self._article()
        if article is None or article.number is None or not 0 < line.level <= article.level < EMPHASIS_LEVEL:
            return
        if self._numbering_continues(index, article.number):
            return
        self._close()
        del self.stack[self.stack.index(article):]
        annex = self._annex()
        if annex is not None and 0 < line.level <= annex.level:
            del self.stack[self.stack.index(annex):]
            self.top_number, self.last_multi = 0, ()

    def _numbering_continues(self, index: int, number: int) -> bool:
        return any(
            later.kind in {"article", "single"} and (later.hinted or later.kind == "article")
            and int(re.match(r"\d+", later.number).group()) == number + 1
            for later in self.lines[index + 1:]
        )

    def _defining(self, line: _Line) -> bool:
        """After "the following terms have the following meanings:" a short line is the next
        defined term, not a title (the UK Addendum's table of terms, one line per term): the list
        runs on to the next numbered line or heading the source marked."""
        if self.open is None or self.open.container is not self.container:
            return False
        if line.hinted and line.level < EMPHASIS_LEVEL:
            return False
        return any(_ENDS_OPENING_DEFINITIONS.search(self.text[a:b]) for a, b in self.open.parts)

    def _unnumbered_heading(self, index: int, line: _Line) -> bool:
        if "|" in line.text or line.indent >= 2 and not line.hinted:
            return False
        if line.hinted:
            return bool(re.search(r"[^\W\d_]{2,}", line.text)) and len(line.text) <= 160
        text = line.text
        if len(self.stack) == 1:
            return False  # before the first article only the source's own heading marks count
        if len(text) > 70 or len(text.split()) > 10 or not text[0].isupper() or re.search(r"[.,;:]$|: ", text):
            return False
        if not re.search(r"[^\W\d_]{3,}", text) or line.bullet or re.search(r"[\[<]|_{2,}|\.{3,}|…", text):
            return False  # placeholders ("[versienummer]", "<naam>", "____") are form fields, not titles
        previous = self.lines[index - 1] if index else None
        nxt = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if nxt is None or previous is None:
            return False
        if previous.text.endswith(":") or (not line.blank_before and not SENTENCE_END.search(previous.text)):
            return False
        if previous.kind != "text" and (not previous.rest or not line.blank_before):
            return False  # the words after "1." are that item's own
        if previous.kind in {"article", "upper", "title"} or previous.hinted and previous.kind != "annex":
            return False  # the first line under a heading is its body
        if nxt.kind == "text" and not (nxt.text[:1].isupper() or nxt.bullet):
            return False
        return not self._in_bare_list(index)

    def _in_bare_list(self, index: int) -> bool:
        """Four or more short unpunctuated lines in a row are a list without bullets, not headings
        over each other (the SCC's Annex III: "Measures for ensuring events logging", ...)."""
        def bare(i: int) -> bool:
            if not 0 <= i < len(self.lines):
                return False
            line = self.lines[i]
            return line.kind == "text" and not (line.hinted or line.bullet) and len(line.text.split()) >= 3 \
                and len(line.text) <= 120 and line.text[:1].isupper() \
                and not re.search(r"[.,;:!?]$|: |_|…", line.text)
        run = _BARE_LIST_LINES
        return any(all(bare(i) for i in range(first, first + run)) for first in range(index - run + 1, index + 1))

    # -- output --------------------------------------------------------------------------
    def _finish(self) -> list[Clause]:
        # Numbered items before the first article ("1. Verantwoordelijke ...") are the preamble's
        # own when an article of the same number follows.
        later = {entry[0] for entry in self.clauses if not entry[5]}
        raw = [
            (f"Preamble {clause_id}" if at_root and clause_id in later and clause_id != "Preamble" else clause_id,
             heading, span_start, body_start, parts)
            for clause_id, heading, span_start, body_start, parts, at_root in self.clauses
        ]
        # A clause with no words (a lone "1." or a heading-only item) gives its span to the next.
        merged: list[list] = []
        carry: int | None = None
        for clause_id, heading, span_start, body_start, parts in raw:
            body = " ".join(" ".join(self.text[a:b].split()) for a, b in parts).strip()
            if carry is not None:
                span_start, carry = carry, None
            if not re.search(r"\w", body):
                carry = span_start
                continue
            merged.append([clause_id, heading, span_start, body_start, body])
        if not merged:
            # Only headings and labels, no body anywhere: the text itself is the one clause.
            body = " ".join(self.text.split())
            if not body:
                return []
            return [Clause(id="1", heading="", text=body, span=(0, len(self.text)), page=1, position=0)]
        seen: dict[str, int] = {}
        clauses: list[Clause] = []
        for position, (clause_id, heading, span_start, body_start, body) in enumerate(merged):
            end = merged[position + 1][2] if position + 1 < len(merged) else len(self.text)
            if position == 0:
                span_start = 0
            count = seen.get(clause_id, 0) + 1
            seen[clause_id] = count
            unique = clause_id if count == 1 else f"{clause_id} ({count})"
            clauses.append(
                Clause(
                    id=unique,
                    heading=heading,
                    text=body,
                    span=(span_start, end),
                    page=self.doc.page_at(body_start),
                    position=position,
                    ocr=self.doc.page_at(body_start) in self.doc.ocr_pages,
                )
            )
        return clauses


# --- line parsing -------------------------------------------------------------------------

def _parse_lines(document: Document) -> list[_Line]:
    text = document.text
    levels = {start: level for start, _, level in document.heading_spans}
    lines: list[_Line] = []
    blank = True
    for raw, start in _physical_lines(text):
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        lead = start + len(raw) - len(raw.lstrip())
        body, bullet = stripped, False
        match = _BULLET.match(body)
        if match:
            body, bullet = body[match.end():], True
        line = _Line(
            start=lead,
            end=start + len(raw.rstrip()),
            text=body,
            label_end=lead + (len(stripped) - len(body)),
            indent=len(raw) - len(raw.lstrip()),
            level=levels.get(lead, 0),
            blank_before=blank,
            bullet=bullet,
        )
        _classify(line)
        lines.append(line)
        blank = False
    return lines


def _physical_lines(text: str):
    """Each line of `text` with its offset; a line that runs on into the next numbered paragraphs
    ("3.3. Further assistance ... available to the Processor. 3.4. Information about concerns: ...",
    as text copied from a PDF has it) is split before each of them."""
    offset = 0
    for raw in text.split("\n"):
        start = offset
        offset += len(raw) + 1
        while number := _MULTI.match(raw.lstrip()):
            parent, last = number.group(1).rsplit(".", 1)
            successor = re.search(rf"(?<=[.;:!?)]) +(?={re.escape(parent)}\.{int(last) + 1}\.? +[A-Z])", raw)
            if not successor:
                break
            yield raw[:successor.start()], start
            raw, start = raw[successor.end():], start + successor.end()
        yield raw, start


def _classify(line: _Line) -> None:
    body = line.text
    if match := _ANNEX.match(body):
        line.kind, line.word, line.number, line.rest = "annex", match.group(1).capitalize(), match.group(2).upper(), match.group(4)
        line.bare = not match.group(3).strip()
        return
    if match := _ARTICLE.match(body):
        rest = match.group(3)
        if not rest or rest[0].isupper() or rest[0] in "“\"'(" or line.hinted:
            line.kind, line.number, line.rest = "article", match.group(2), rest
            return
    if match := _SINGLE.match(body):
        number = match.group(1) or match.group(2)
        rest = match.group(3)
        inner = _MULTI.match(rest)
        if inner and (inner.group(1).split(".")[0] == number or inner.group(2)[:1].isupper()):
            # "1. 1.1 Persoonsgegevens", "1. 9.1 Na het ...": a list marker before the real number.
            line.kind, line.number, line.rest = "multi", inner.group(1), inner.group(2)
            line.label_end += len(body) - len(inner.group(2))
            return
        line.kind, line.number, line.rest = "single", str(int(number)), rest
        line.label_end += len(body) - len(rest)
        return
    if match := _MULTI.match(body):
        line.kind, line.number, line.rest = "multi", match.group(1), match.group(2)
        line.label_end += len(body) - len(match.group(2))
        return
    if match := _SINGLE_BARE.match(body):
        if _is_title(match.group(2)):
            line.kind, line.number, line.rest, line.bare = "single", str(int(match.group(1))), match.group(2), True
            line.label_end += len(body) - len(match.group(2))
            return
    if match := _LETTER.match(body):
        label = match.group(1) or match.group(2)
        if len(label) == 1 or _ROMAN.match(label):
            line.kind, line.number, line.rest = "letter", label, match.group(3)
            line.label_end += len(body) - len(match.group(3))
            return
    if match := _UPPER.match(body):
        line.kind, line.number, line.rest = "upper", match.group(1) or match.group(2), match.group(3)
        line.label_end += len(body) - len(match.group(3))
        return


def _wrapped_quantity(line: _Line) -> bool:
    """"(30) days in advance ...": a number spelled out on the line before, not item 30 of a list."""
    return not line.hinted and int(line.number) > 20 and line.rest[:1].islower()


def _last_annex_occurrences(lines: list[_Line]) -> dict[str, int]:
    """An annex named twice (a list of annexes, then the annex) starts at its last mention; where
    the source marks some mentions as headings, at the last of those ("## ANNEX II TO THE STANDARD
    CONTRACTUAL CLAUSES", not a later "Annex II: ... are set out in Schedule 2" inside a table)."""
    last: dict[str, int] = {}
    marked: dict[str, int] = {}
    for index, line in enumerate(lines):
        if line.kind == "annex":
            last[_annex_key(line)] = index
            if line.hinted:
                marked[_annex_key(line)] = index
    return last | marked


def _annex_key(line: _Line) -> str:
    """"Appendix 3" and "Attachment 3" are two annexes; "ANNEX 1" and "Annex 1" one."""
    return f"{line.word} {line.number}".upper()


def _is_provision(text: str) -> bool:
    """A sentence, not a fragment: "Plausible Analytics ensures confidentiality of visitor data."
    and not "Account information (name, email address)" or "Badge Check"."""
    words = len(text.split())
    if words < 5 or not re.match(r"[A-ZÀ-Ý“\"‘]", text) or re.search(r"[:,]\s*$", text):
        return False
    return words >= 10 or bool(re.search(r"[.;!?]\s*(?:(?:and|or|en|of)\s*)?$", text))


def _is_title(text: str) -> bool:
    """A heading's words: short, starting with a capital, not a sentence."""
    text = text.strip()
    if not text or len(text) > 100 or len(text.split()) > 14:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "“\"'(‘"):
        return False
    if re.search(r"[.;,]$", text) and not re.search(r"\b(?:etc|art|nr|b\.v|n\.v)\.$", text, re.I):
        return len(text) <= 40 and text.count(" ") <= 4 and not re.search(r"[;,]$", text)
    if text.endswith(":") and len(text) > 40:
        return False
    return bool(re.search(r"[^\W\d_]{2,}", text))


def _short_title(text: str) -> str:
    words = text.rstrip(":").split()
    title = ""
    for word in words:
        if len(title) + len(word) > 40 and title:
            break
        title = f"{title} {word}".strip()
    return title


def _first(label: str, style: str) -> bool:
    return label in {"1", "a", "A", "i"}


def _follows(previous: str, label: str, style: str) -> bool:
    if not previous:
        return _first(label, style)
    if previous.isdigit() and label.isdigit():
        return int(label) == int(previous) + 1
    if len(previous) == 1 and len(label) == 1 and previous.isalpha() and label.isalpha():
        return ord(label.lower()) == ord(previous.lower()) + 1
    if _ROMAN.match(previous.lower()) and _ROMAN.match(label.lower()):
        return _roman_value(label.lower()) == _roman_value(previous.lower()) + 1
    return False


def _roman_value(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for index, char in enumerate(text):
        value = values[char]
        total += -value if index + 1 < len(text) and values[text[index + 1]] > value else value
    return total
