"""An article's words as a bag of terms: what the KB-wide stages learn from and compare.

Topics learned from the whole KB, related articles from content and duplicate detection all
need each article's words, but a build holds no article text (it stays in the cache). So the
analysis, which reads each text anyway and runs on every core and is cached, also keeps its
commonest terms in a compact string, and the KB-wide stages read that.

Terms are textproc's (stemmed, folded), so they match what the search indexes see. Words that
hold a digit (years, versions, figures, codes) are kept as written, folded: they read the same
in every language and tie translations together.
"""

from __future__ import annotations

from collections import Counter

from kbsite.textproc import fold, term, words

MAX_TERMS = 300  # an article's commonest terms: enough for a 2,000-word article's content words
MAX_WORD = 40  # longer "words" are hashes, base64 or markup debris, not content


def term_counts(text: str, lang: str) -> str:
    """'term:count term:count ...', commonest first, ties by term, at most MAX_TERMS of them."""
    counts: Counter[str] = Counter()
    for word in words(text):
        if len(word) > MAX_WORD:
            continue
        if any(c.isdigit() for c in word):
            counts[fold(word)] += 1
        elif len(word) > 1:
            counts[term(word, lang)] += 1
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    return " ".join(f"{t}:{n}" for t, n in best)


def parse_counts(packed: str) -> dict[str, int]:
    """The counts that term_counts packed."""
    out: dict[str, int] = {}
    for item in packed.split():
        t, _, n = item.rpartition(":")
        out[t] = int(n)
    return out
