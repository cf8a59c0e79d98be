"""The scores of a query's units over the Whoosh index, added up term at a time.

Whoosh's own matchers walk a tree of Or and And matchers one document at a time; with every word reduced
in every language (two fields each) and a prefix expanded to 64 terms, that tree has hundreds of leaves,
and one query over 10,000 articles took 0.2-0.6 s. Adding each term's postings into a dict, as search.js
does, visits every posting once. The scores are Whoosh's own (its BM25F scorer scores each posting),
combined as its queries combine them: Or adds the scores of what matched, And needs every part and adds
them, a phrase counts in a field only where its words stand in a row there (Phrase), an alias adds a
constant (ConstantScoreQuery).
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.searching import Searcher

Scores = dict[int, float]


def term_scores(searcher: Searcher, field: str, term: str, boost: float = 1.0) -> Scores:
    """Docnum -> score of one term in one field."""
    if (field, term) not in searcher.reader():
        return {}
    matcher = searcher.postings(field, term)
    out: Scores = {}
    while matcher.is_active():
        out[matcher.id()] = matcher.score() * boost
        matcher.next()
    return out


def phrase_scores(searcher: Searcher, field: str, terms: list[str], boost: float = 1.0) -> Scores:
    """Docnum -> the sum of the terms' scores, for the articles where `terms` stand in a row in `field`."""
    per_term = [term_scores(searcher, field, t, boost) for t in terms]
    if not all(per_term):
        return {}
    candidates = sorted(set(per_term[0]).intersection(*per_term[1:]))
    matchers = {t: searcher.postings(field, t) for t in set(terms)}
    out: Scores = {}
    for doc in candidates:
        positions = []
        for t in terms:
            matchers[t].skip_to(doc)
            positions.append(set(matchers[t].value_as("positions")))
        if any(all(p + k in positions[k] for k in range(1, len(terms))) for p in positions[0]):
            out[doc] = sum(scores[doc] for scores in per_term)
    return out


def add(into: Scores, scores: Scores) -> Scores:
    """Or: every article of either, with the sum of its scores."""
    for doc, score in scores.items():
        into[doc] = into.get(doc, 0.0) + score
    return into


def both(left: Scores, right: Scores) -> Scores:
    """And: the articles of both, with the sum of their scores."""
    if len(right) < len(left):
        left, right = right, left
    return {doc: score + right[doc] for doc, score in left.items() if doc in right}


def constant(docs: Iterable[int], score: float) -> Scores:
    return dict.fromkeys(docs, score)
