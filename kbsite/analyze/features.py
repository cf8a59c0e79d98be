"""An article's words as a bag of terms: what the KB-wide stages learn from and compare.

Topics learned from the whole KB, related articles from content and duplicate detection all
need each article's words, but a build holds no article text (it stays in the cache). So the
analysis, which reads each text anyway and runs on every core and is cached, also keeps its
commonest terms in a compact string, and the KB-wide stages read that.

Terms are textproc's (stemmed, folded), so they match what the search indexes see. Words that
hold a digit (years, versions, figures, codes) and names written with capitals inside them
(BlackBerry, BES, iPhone) are kept as written, folded: no language's stemmer changes them, so
they read the same in every language and tie translations together.

Duplicate detection needs each text's shingles, too many to keep; their MinHash signature
(datasketch) is a fixed few hundred characters, and the Jaccard similarity of two texts'
shingles is estimated from the signatures alone.
"""

from __future__ import annotations

import base64
from collections import Counter
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash

from kbsite.textproc import WordMemo, fold, term, words

MAX_TERMS = 300  # an article's commonest terms: enough for a 2,000-word article's content words
MAX_WORD = 40  # longer "words" are hashes, base64 or markup debris, not content


class _TermOf(WordMemo["str | None"]):
    """word -> the term it counts as in one language, or None (too short, too long): looked up once per word
    and process, as most words come back in text after text."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def look_up(self, word: str) -> str | None:
        if len(word) > MAX_WORD:
            return None
        if any(c.isdigit() for c in word) or (len(word) > 1 and not word[1:].islower()):
            return fold(word)
        return term(word, self.lang) if len(word) > 1 else None


@lru_cache(maxsize=64)
def _terms_of(lang: str) -> _TermOf:
    return _TermOf(lang)


def term_counts(text: str, lang: str) -> str:
    """'term:count term:count ...', commonest first, ties by term, at most MAX_TERMS of them."""
    term_of = _terms_of(lang)
    counts: Counter[str] = Counter()
    for word, n in Counter(words(text)).items():
        if (found := term_of[word]) is not None:
            counts[found] += n
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    return " ".join(f"{t}:{n}" for t, n in best)


def parse_counts(packed: str) -> dict[str, int]:
    """The counts that term_counts packed."""
    out: dict[str, int] = {}
    for item in packed.split():
        t, _, n = item.rpartition(":")
        out[t] = int(n)
    return out


SHINGLE = 3  # words per shingle: another headline or one changed sentence keeps most of a text's shingles
PERMUTATIONS = 64
SEED = 1  # one fixed seed and scheme: signatures computed in different builds and processes compare
SCHEME = "affine32"


def minhash(text: str) -> str:
    """The MinHash signature of the text's word shingles, base64; '' for a text with no words."""
    found = words(text)
    if not found:
        return ""
    folded = [*map({word: fold(word) for word in set(found)}.__getitem__, found)]
    shingles = {" ".join(folded[i:i + SHINGLE]) for i in range(max(len(folded) - SHINGLE + 1, 1))}
    signature = MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME, permutations=_permutations())
    signature.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return base64.b64encode(signature.hashvalues.astype("<u4").tobytes()).decode("ascii")


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The seed's permutations, which MinHash would draw again for every text."""
    return MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME).permutations


def parse_minhash(packed: str) -> LeanMinHash | None:
    """The signature that minhash packed; None for none."""
    if not packed:
        return None
    values = np.frombuffer(base64.b64decode(packed), dtype="<u4")
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)
