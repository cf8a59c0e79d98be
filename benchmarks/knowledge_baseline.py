"""What a few lines of plain code give, to print beside kbsite: the bar kbsite's knowledge has to clear.

- Topics: count each topic's keywords from topics.yml (its terms in the article's language and "*") in the
  headline and text, stemmed with Snowball; the topics found, most counted first. This is the keyword
  counting a user could do with grep, independent of kbsite's matcher so that it stays the same baseline
  while kbsite changes.
- Related articles: the RELATED nearest articles by TF-IDF cosine over the words (scikit-learn), no cap,
  no entities: the plain more-like-this. Optionally without the articles a page shows elsewhere (kbsite lists
  a story's other tellings and copies apart, not among related articles): the same ranking on equal terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Mapping
from functools import cache

import numpy as np
import snowballstemmer
from sklearn.feature_extraction.text import TfidfVectorizer

from kbsite.model import Taxonomy

RELATED = 5
CHUNK = 512  # rows of the similarity matrix computed at once
_WORD = re.compile(r"\w+")
_STEMMERS = {"de": "german", "en": "english", "es": "spanish", "fr": "french", "it": "italian", "nl": "dutch",
             "pt": "portuguese", "ru": "russian", "sv": "swedish"}


@cache
def _stemmer(lang: str):
    name = _STEMMERS.get(lang)
    return snowballstemmer.stemmer(name) if name else None


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def keys(text: str, lang: str) -> list[str]:
    """Lower case, stemmed in the language, accents dropped: 'Juegos' and 'juego' give one key."""
    stemmer = _stemmer(lang)
    found = [w.lower() for w in _WORD.findall(text)]
    if stemmer is not None:
        found = stemmer.stemWords(found)
    return [_fold(w) for w in found]


def keyword_topics(text: str, lang: str, taxonomy: Taxonomy) -> list[str]:
    """The topics whose keywords occur in the text, most occurrences first (ties in the order of topics.yml)."""
    words = keys(text, lang)
    counts: Counter[str] = Counter()
    for topic in taxonomy.topics:
        for keyword in (*topic.terms.get(lang, ()), *topic.terms.get("*", ())):
            phrase = keys(keyword, lang)
            if not phrase:
                continue
            n = len(phrase)
            counts[topic.id] += sum(1 for i in range(len(words) - n + 1) if words[i:i + n] == phrase)
    order = {t.id: i for i, t in enumerate(taxonomy.topics)}
    return sorted((t for t, c in counts.items() if c), key=lambda t: (-counts[t], order[t]))


def tfidf_related(texts: Mapping[str, str], k: int = RELATED,
                  excluded: Mapping[str, Collection[str]] | None = None) -> dict[str, list[str]]:
    """slug -> the k most similar other slugs (cosine of TF-IDF vectors; ties by slug), none of `excluded[slug]`."""
    slugs = sorted(texts)
    position = {slug: i for i, slug in enumerate(slugs)}
    if len(slugs) < 2:
        return {s: [] for s in slugs}
    vectors = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5).fit_transform([texts[s] for s in slugs])
    related: dict[str, list[str]] = {}
    for start in range(0, len(slugs), CHUNK):
        block = (vectors[start:start + CHUNK] @ vectors.T).toarray()
        for row, similarities in enumerate(block):
            similarities[start + row] = -1.0
            for other in (excluded or {}).get(slugs[start + row], ()):
                similarities[position[other]] = -1.0
            best = np.lexsort((np.arange(len(slugs)), -similarities))[:k]
            related[slugs[start + row]] = [slugs[i] for i in best if similarities[i] > 0]
    return related
