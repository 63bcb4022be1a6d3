"""Word-by-word English gloss of Dutch DPA text, for an English-only embedding model, and the
way back, for reading words across languages.

all-MiniLM-L6-v2 knows no Dutch, but it does know "personal data breach", "sub-processor"
and "liable". Before a Dutch clause is embedded with an English-only model, each word is
replaced by its English gloss from `glossary_nl_en.tsv` (about 900 words of DPA Dutch): found
as written, by Snowball stem (so plurals and verb forms need no entries of their own), or as a
compound of two glossed words ("beveiligings|incidenten"). Unknown words stay as they are. The
gloss is not a translation — word order stays Dutch — but it puts the clause where the model
can see what it is about. Lexical search and every displayed text keep the original Dutch.

Words meet across languages the same way (`read_as`): a Dutch text read as English words is its
gloss, stemmed as English; an English text read as Dutch words is the Dutch words whose glosses
it contains ("personal data" -> "persoonsgegevens"), stemmed as Dutch.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .lexical import analyze, stemmer

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LINKERS = ("s", "en", "e")


@lru_cache(maxsize=1)
def glossary() -> tuple[dict[str, str], dict[str, str]]:
    """(Dutch word -> English, Dutch stem -> English)."""
    words: dict[str, str] = {}
    text = resources.files("semdpa").joinpath("glossary_nl_en.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        dutch, _, english = line.partition("\t")
        words[dutch.strip().lower()] = english.strip()
    stems: dict[str, str] = {}
    for dutch, english in words.items():
        stems.setdefault(stemmer("nl").stemWord(dutch), english)
    return words, stems


@lru_cache(maxsize=65536)
def gloss_word(word: str) -> str | None:
    """The English gloss of one lower-cased Dutch word, or None."""
    words, stems = glossary()
    if word in words:
        return words[word]
    stem = stemmer("nl").stemWord(word)
    if stem.endswith("dt"):
        stem = stem[:-1]  # "meldt" -> "meld", as in lexical.analyze
    if stem in stems:
        return stems[stem]
    if "-" in word:
        parts = [gloss_word(p) for p in word.split("-")]
        return " ".join(p for p in parts if p) or None
    return _compound(word)


def _compound(word: str) -> str | None:
    """'beveiligingsincidenten' -> 'security incidents': a glossed head and a glossed tail."""
    if len(word) < 8:
        return None
    words, stems = glossary()
    for cut in range(len(word) - 3, 3, -1):
        head, tail = word[:cut], word[cut:]
        tail_gloss = words.get(tail) or stems.get(stemmer("nl").stemWord(tail))
        if not tail_gloss:
            continue
        for candidate in (head, *[head[: -len(link)] for link in _LINKERS if head.endswith(link)]):
            head_gloss = words.get(candidate) or stems.get(stemmer("nl").stemWord(candidate))
            if head_gloss:
                return f"{head_gloss} {tail_gloss}"
    return None


def gloss_dutch(text: str) -> str:
    """`text` with every Dutch word the glossary knows replaced by its English gloss."""
    return _WORD.sub(lambda m: gloss_word(m.group().lower()) or m.group(), text)


@lru_cache(maxsize=1)
def _reverse_glossary() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """(English gloss as a tuple of English stems -> the Dutch words glossed so, the longest gloss in words)."""
    reverse: dict[tuple[str, ...], list[str]] = {}
    for dutch, english in glossary()[0].items():
        key = tuple(stemmer("en").stemWords(english.lower().split()))
        if key:
            reverse.setdefault(key, []).append(dutch)
    return {key: tuple(words) for key, words in reverse.items()}, max(map(len, reverse), default=0)


def dutch_for_english(text: str) -> str:
    """The Dutch words whose glosses `text` contains, longest phrases first ("personal data
    breach" -> the words for "personal data", then those for "breach")."""
    reverse, longest = _reverse_glossary()
    stems = stemmer("en").stemWords([w.lower() for w in _WORD.findall(text)])
    found: list[str] = []
    i = 0
    while i < len(stems):
        for n in range(min(longest, len(stems) - i), 0, -1):
            words = reverse.get(tuple(stems[i:i + n]))
            if words:
                found.extend(words)
                i += n
                break
        else:
            i += 1
    return " ".join(found)


def read_as(text: str, language: str, target: str) -> list[str]:
    """The analysed words of `text` (in `language`) as words of `target`, each once: the text's
    own words in its own language, else its gloss one way or the other."""
    if language == target:
        words = analyze(text, target)
    elif language == "nl" and target == "en":
        words = analyze(gloss_dutch(text), "en")
    elif language == "en" and target == "nl":
        words = analyze(dutch_for_english(text), "nl")
    else:
        words = []
    return list(dict.fromkeys(words))
