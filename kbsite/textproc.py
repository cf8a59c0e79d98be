"""The one text analysis of kbsite: tokens, case and accent folding, stemming.

Entity and topic matching, the Whoosh index and the browser search all call these
functions (the browser runs a port of them, tested against this module), so a word
matches the same way everywhere. A term is fold(stem(lower(word))): stemming runs
before accent folding because Snowball's rules read accents (Russian "й", Spanish "á").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

import snowballstemmer

# Languages with a Snowball stemmer; any other language is folded but not stemmed.
STEMMER_NAMES = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish",
    "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}

_WORD = re.compile(r"\w+", re.UNICODE)
# Words a WordMemo remembers before it starts again: a worker reads thousands of texts.
WORD_MEMO = 100_000
T = TypeVar("T")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»]?\s+|\s*\n\s*")


@dataclass(frozen=True)
class Token:
    text: str  # as written
    start: int
    end: int


def tokenize(text: str) -> Iterator[Token]:
    for m in _WORD.finditer(text):
        word = m.group()
        if word.strip("_"):
            yield Token(word, m.start(), m.end())


def words(text: str) -> list[str]:
    """The words of tokenize(text) without their offsets: a third of the time on long texts."""
    found = _WORD.findall(text)
    return [w for w in found if w.strip("_")] if "_" in text else found


def token_offsets(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """tokenize(text) as two lists, the words and their (start, end): a quarter of the time, for loops over
    every word of every article."""
    found, spans = _token_offsets(text)
    return list(found), list(spans)


@lru_cache(maxsize=1)  # entities, topics and dates read the same text in turn
def _token_offsets(text: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    found = list(_WORD.finditer(text))
    if "_" in text:  # only a text with "_" can hold a \w+ run that is not a word ("__")
        found = [m for m in found if m.group().strip("_")]
    return tuple(m.group() for m in found), tuple(m.span() for m in found)


class WordMemo(dict[str, T], Generic[T]):
    """word -> what `look_up` finds for it: each word of the texts read is looked up once, and most words
    come back again and again. Forgotten past WORD_MEMO words, so memory stays bounded."""

    def __missing__(self, word: str) -> T:
        if len(self) >= WORD_MEMO:
            self.clear()
        found = self[word] = self.look_up(word)
        return found

    def look_up(self, word: str) -> T:
        raise NotImplementedError


class _WithoutMarks(dict[int, int | None]):
    """str.translate table that drops combining marks, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = self[code] = None if unicodedata.combining(chr(code)) else code
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(word: str) -> str:
    """Case and accent folding: 'Pakistán' -> 'pakistan', 'Ёлка' -> 'елка'."""
    if word.isascii():  # nothing to decompose and no marks: casefold is lower
        return word.lower()
    return unicodedata.normalize("NFKD", word.casefold()).translate(_WITHOUT_MARKS)


@lru_cache(maxsize=64)
def _stemmer(lang: str):
    name = STEMMER_NAMES.get(lang)
    return snowballstemmer.stemmer(name) if name else None


def has_stemmer(lang: str) -> bool:
    return lang in STEMMER_NAMES


@lru_cache(maxsize=200_000)
def term(word: str, lang: str) -> str:
    """The index term of one word in one language."""
    lowered = word.lower()
    stemmer = _stemmer(lang)
    if stemmer is not None:
        lowered = stemmer.stemWord(lowered)
    return fold(lowered)


def terms(text: str, lang: str) -> list[str]:
    return [term(t.text, lang) for t in tokenize(text)]


# Words that end in a full stop without ending a sentence ("Mr. Beard", "BlackBerry Ltd. will").
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "ltd", "inc", "co", "corp",
    "no", "vs", "etc", "approx", "dept", "gen", "gov", "sen", "rep",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "sra", "srta", "dña", "dra", "ud", "uds", "av",
    "dhr", "mevr", "mw", "drs", "ir", "ing", "nr", "blz",
    "г", "гг", "т", "тт", "им", "ул", "д", "стр",
})
_LAST_WORD = re.compile(r"(\w+)\W*$", re.UNICODE)


def _ends_sentence(text: str, end: int) -> bool:
    """Whether the full stop before `end` ends a sentence, not an abbreviation or an initial."""
    if text[end - 1] != "." and not (end >= 2 and text[end - 2] == "." and text[end - 1] in "\"'”»"):
        return True
    m = _LAST_WORD.search(text, max(0, end - 20), end)
    if not m:
        return True
    word = m.group(1)
    return not ((len(word) == 1 and word.isalpha() and word.isupper()) or word.casefold() in _ABBREVIATIONS)


def sentences(text: str) -> list[tuple[int, str]]:
    """Sentences (and lines) with their start offsets: the unit of evidence and passages."""
    return list(_sentences(text))


@lru_cache(maxsize=1)  # entities, topics and dates read the same text in turn
def _sentences(text: str) -> tuple[tuple[int, str], ...]:
    out: list[tuple[int, str]] = []
    pos = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        if m is not None and "\n" not in m.group() and not _ends_sentence(text, m.start()):
            continue
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            out.append((pos + len(chunk) - len(chunk.lstrip()), stripped))
        if m:
            pos = m.end()
    return tuple(out)
