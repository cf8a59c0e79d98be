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


def fold(word: str) -> str:
    """Case and accent folding: 'Pakistán' -> 'pakistan', 'Ёлка' -> 'елка'."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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


def sentences(text: str) -> list[tuple[int, str]]:
    """Sentences (and lines) with their start offsets: the unit of evidence and passages."""
    out: list[tuple[int, str]] = []
    pos = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            out.append((pos + len(chunk) - len(chunk.lstrip()), stripped))
        if m:
            pos = m.end()
    return out
