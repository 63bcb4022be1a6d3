"""Lexical side of search: language-aware analysis (Snowball stemming, stopwords, Dutch
compound heads) and BM25 over the analysed tokens.

Dutch glues words together ("beveiligingsincident", "aansprakelijkheidsbeperking",
"sub-verwerker"): besides the stem of the whole word, a compound also yields the stems of
the DPA words it ends or starts with, so "incident" finds "beveiligingsincident".
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

LANGUAGES = ("nl", "en")

# Words a Dutch DPA builds compounds from; a compound yields these as extra tokens.
_DUTCH_PARTS = (
    "aansprakelijkheid", "aansprakelijk", "audit", "back-up", "backup", "beperking", "bepaling",
    "betrokkene", "beveiliging", "bewaartermijn", "bewaring", "bijlage", "boete", "controle",
    "datalek", "doorgifte", "gegevens", "geheimhouding", "incident", "inbreuk", "informatie",
    "instructie", "kosten", "lek", "maatregel", "melding", "meldplicht", "onderzoek", "overeenkomst",
    "persoonsgegevens", "plicht", "recht", "register", "schade", "subverwerker", "termijn",
    "toestemming", "toezicht", "verantwoordelijke", "verplichting", "verwerker", "verwerking",
    "verzoek", "vernietiging", "verwijdering", "wetgeving", "werkdag", "vergoeding",
)
_LINKERS = ("s", "en", "e", "")


@lru_cache(maxsize=4)
def stemmer(language: str):
    """The Snowball stemmer of 'nl' (Dutch) or anything else (English), made once."""
    import Stemmer

    return Stemmer.Stemmer("dutch" if language == "nl" else "english")


@lru_cache(maxsize=4)
def _stopwords(language: str) -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN_PLUS

    return frozenset(STOPWORDS_DUTCH if language == "nl" else STOPWORDS_EN_PLUS)


_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)


def analyze(text: str, language: str) -> list[str]:
    """Lower-cased, stopword-free, stemmed tokens of `text` in `language` ('nl' or 'en')."""
    stopwords = _stopwords(language)
    words: list[str] = []
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        parts = re.split(r"[-'’]", word)
        if len(parts) > 1:
            words.append("".join(parts))
            words.extend(p for p in parts if len(p) > 1)
        else:
            words.append(word)
    words = [w for w in words if w not in stopwords and (len(w) > 1 or w.isdigit())]
    stems = stemmer(language).stemWords(words)
    if language == "nl":
        # Snowball leaves the verb ending "-dt" ("meldt", "wordt"): fold it onto the stem ("meld").
        stems = [stem[:-1] if stem.endswith("dt") and len(stem) > 4 else stem for stem in stems]
        stems = stems + [part for stem in stems for part in _compound_parts(stem)]
    return stems


# One text copies another when half or more of their distinct words are shared, and at least
# COPY_MIN_WORDS of them (align's copy rule, standards' recognition).
COPY_JACCARD = 0.5
COPY_MIN_WORDS = 6


def word_jaccard(mine: Sequence[set[str]], theirs: Sequence[set[str]], min_shared: int) -> np.ndarray:
    """(mine, theirs) Jaccard overlap of word sets; zero where they share fewer than `min_shared`
    words, so two short labels do not count as alike. Sparse incidence matrices keep the memory
    to the words the texts have, whatever the vocabulary."""
    from scipy.sparse import csr_matrix

    vocabulary = {w: k for k, w in enumerate(set().union(*mine, *theirs))}

    def incidence(sets: Sequence[set[str]]) -> csr_matrix:
        columns = [vocabulary[w] for words in sets for w in words]
        offsets = np.cumsum([0] + [len(words) for words in sets])
        return csr_matrix((np.ones(len(columns), dtype=np.float32), columns, offsets),
                          shape=(len(sets), len(vocabulary)))

    shared = (incidence(mine) @ incidence(theirs).T).toarray()
    union = np.array([len(a) for a in mine], dtype=np.float32)[:, None] \
        + np.array([len(b) for b in theirs], dtype=np.float32)[None, :] - shared
    return np.where(shared >= min_shared, shared / np.maximum(union, 1.0), 0.0).astype(np.float32)


def analyze_query(text: str, languages: Iterable[str]) -> list[str]:
    """A query analysed for every language it may meet; duplicates dropped, order kept."""
    seen: dict[str, None] = {}
    for language in sorted(set(languages)) or ["en"]:
        for token in analyze(text, language):
            seen.setdefault(token, None)
    return list(seen)


@lru_cache(maxsize=1)
def _dutch_part_stems() -> tuple[str, ...]:
    return tuple(dict.fromkeys(stemmer("nl").stemWords([p.replace("-", "") for p in _DUTCH_PARTS])))


@lru_cache(maxsize=65536)
def _compound_parts(stem: str) -> tuple[str, ...]:
    """Stems of the DPA words a Dutch compound stem starts or ends with."""
    if len(stem) < 7:
        return ()
    found = []
    for part in _dutch_part_stems():
        if part == stem or len(part) < 3:
            continue
        if stem.endswith(part) and len(stem) - len(part) >= 3:
            found.append(part)
            continue
        for linker in _LINKERS:
            if stem.startswith(part + linker) and len(stem) - len(part + linker) >= 3:
                found.append(part)
                break
    return tuple(found)


_EMPTY = "\u2400"


class LexicalIndex:
    """BM25 over analysed token lists, scoring every document for a query.

    Saved with a generation as bm25s's directory of plain files and memory-mapped when
    loaded, so a large library's postings stay on disk until a query needs them.
    """

    def __init__(self, token_lists: Iterable[Sequence[str]] = (), *, bm25=None, size: int | None = None):
        self._bm25 = bm25
        self.size = size or 0
        if bm25 is None:
            # Token ids in small arrays rather than lists of strings: a million clauses fit.
            # An empty clause gets a placeholder token, so that it keeps its slot in bm25s.
            vocab: dict[str, int] = {}
            ids = [np.fromiter((vocab.setdefault(t, len(vocab)) for t in tokens or [_EMPTY]), np.int32)
                   for tokens in token_lists]
            self.size = len(ids)
            if set(vocab) - {_EMPTY}:  # some clause has words
                import bm25s
                from bm25s.tokenization import Tokenized

                self._bm25 = bm25s.BM25()
                self._bm25.index(Tokenized(ids=ids, vocab=vocab), show_progress=False)

    def save(self, directory: Path) -> list[Path]:
        """Write the index into `directory`; returns the files written."""
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "size.txt").write_text(f"{self.size}\n")
        if self._bm25 is not None:
            self._bm25.save(str(directory), show_progress=False)
        return sorted(p for p in directory.iterdir() if p.is_file())

    @classmethod
    def load(cls, directory: Path) -> "LexicalIndex":
        import bm25s

        size = int((directory / "size.txt").read_text())
        bm25 = None
        if (directory / "params.index.json").exists():
            bm25 = bm25s.BM25.load(str(directory), mmap=True, show_progress=False, verbosity=0)
        return cls(bm25=bm25, size=size)

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        if self._bm25 is None or not query_tokens:
            return np.zeros(self.size, dtype=np.float32)
        vocab = self._bm25.vocab_dict
        known = [t for t in query_tokens if t in vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)
