"""Topics learned from the whole KB: the taxonomy's keywords are the seeds, the articles' own words the evidence.

Counting keywords finds too much and too little: a long article collects a match for nearly every
topic, a word can be used in another sense, and an article that never uses a keyword gets no topic
at all. So the keyword matches label the articles they make confident, a multinomial naive Bayes
model learns from those which words go with each topic, and a few EM rounds re-label every article
and learn again (McCallum and Nigam, "Text classification by bootstrapping with keywords, EM and
shrinkage", 1999). Each article's topics are then those the model finds nearly as likely as its
best one, strongest first, with the model's posterior as their score.

Words differ by language, so each language with enough articles has a model of its own; the
languages with few articles are learned together. A group of articles without enough seeds to
learn from (a small KB, a topic its keywords rarely name) keeps its keyword matches as they are:
with five articles, counting is all the evidence there is, and learning must not overrule it.
Every article counts the same whatever its length (its term counts are damped and scaled to one
length), so a long article is not sure of every topic it touches. A topic named in an article's
metadata is always kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from kbsite.analyze.features import parse_counts
from kbsite.config import KEYWORDS, LEARNED
from kbsite.model import Article, Taxonomy, TopicHit

MIN_ARTICLES = 40  # a language with fewer articles is learned together with the other small ones
MIN_SEEDS = 3  # seed articles a topic needs to be learned; fewer, and its keyword matches stand
SEED_SHARE = 0.5  # an article seeds its strongest keyword topic when that topic has this share of its matches
LENGTH = 20.0  # every article's damped term counts are scaled to this total: long ones are not surer
MIN_DF, MAX_DF = 2, 0.9  # terms of one article say nothing of a topic; terms of nearly all, neither
EM_ROUNDS = 5
ALPHA = 0.05  # naive Bayes smoothing
RELATIVE = 0.5  # a topic is kept when its posterior is at least this share of the article's best...
FLOOR = 0.2  # ...and at least this
PRECISION = 6  # decimals of a score: the same ranking on every machine


@dataclass(frozen=True)
class _Model:
    """Posteriors of one group of articles, over the topics it could learn."""

    topics: tuple[str, ...]
    posteriors: np.ndarray  # rows: the group's articles, in group order; columns: topics
    has_words: np.ndarray  # whether an article has any term the model knows


def learn_topics(articles: Sequence[Article], taxonomy: Taxonomy, mode: str = LEARNED) -> list[Article]:
    """The articles with their topics re-scored and ranked; in KEYWORDS mode, as they are."""
    if mode == KEYWORDS or not taxonomy.topics or not articles:
        return list(articles)
    known = {t.id for t in taxonomy.topics}
    ranked: list[Article] = list(articles)
    for rows in _groups(articles):
        group = [articles[i] for i in rows]
        model = _learn(group, known)
        for n, i in enumerate(rows):
            ranked[i] = replace(articles[i], topics=_choose(articles[i], model, n))
    return ranked


def _groups(articles: Sequence[Article]) -> list[list[int]]:
    """Article positions per language with enough articles, then one group of all the others."""
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        by_lang[article.lang].append(i)
    groups = [rows for _, rows in sorted(by_lang.items()) if len(rows) >= MIN_ARTICLES]
    small = sorted(i for rows in by_lang.values() if len(rows) < MIN_ARTICLES for i in rows)
    return groups + ([small] if small else [])


def _keyword_labels(article: Article, known: set[str]) -> dict[str, float]:
    """Share of the article's keyword evidence per topic; a declared topic counts as much as its best match."""
    scores = {h.topic: h.score for h in article.topics if h.topic in known and h.score > 0}
    top = max(scores.values(), default=1.0)
    for hit in article.topics:
        if hit.declared and hit.topic in known:
            scores[hit.topic] = max(scores.get(hit.topic, 0.0), top)
    total = sum(scores.values())
    return {t: s / total for t, s in scores.items()} if total > 0 else {}


def _learn(group: list[Article], known: set[str]) -> _Model | None:
    """The EM-trained model's posteriors for the group, or None when it has too little to learn from."""
    if len(group) < MIN_ARTICLES:
        return None
    labels = [_keyword_labels(a, known) for a in group]
    seeds: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for row, shares in enumerate(labels):
        if shares:
            best = min(shares, key=lambda t: (-shares[t], t))
            if shares[best] >= SEED_SHARE:
                for topic, share in shares.items():
                    seeds[topic].append((row, share))
    topics = tuple(sorted(t for t, rows in seeds.items() if len(rows) >= MIN_SEEDS))
    if len(topics) < 2:
        return None
    x = _features(group)
    if x.shape[1] == 0:
        return None
    column = {t: j for j, t in enumerate(topics)}
    weights = sparse.lil_matrix((len(group), len(topics)))
    for topic in topics:
        for row, share in seeds[topic]:
            weights[row, column[topic]] = share
    posteriors = _fit_predict(x, weights.tocsr())
    for _ in range(EM_ROUNDS):
        posteriors = _fit_predict(x, sparse.csr_matrix(posteriors))
    return _Model(topics, posteriors, np.asarray(x.sum(axis=1)).ravel() > 0)


def _features(group: list[Article]) -> sparse.csr_matrix:
    """Damped term counts (log 1 + n), each article scaled to LENGTH, over the terms that tell articles apart."""
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for article in group:
        for t, n in parse_counts(article.terms).items():
            indices.append(vocabulary.setdefault(t, len(vocabulary)))
            values.append(n)
        indptr.append(len(indices))
    x = sparse.csr_matrix((np.log1p(np.asarray(values, dtype=np.float64)), indices, indptr),
                          shape=(len(group), len(vocabulary)))
    df = np.bincount(x.indices, minlength=x.shape[1])
    keep = np.flatnonzero((df >= MIN_DF) & (df <= MAX_DF * len(group)))
    x = x[:, keep].tocsr()
    totals = np.asarray(x.sum(axis=1)).ravel()
    scale = np.divide(LENGTH, totals, out=np.zeros_like(totals), where=totals > 0)
    return sparse.diags(scale) @ x


def _fit_predict(x: sparse.csr_matrix, weights: sparse.csr_matrix) -> np.ndarray:
    """Naive Bayes fitted on soft labels (each article once per topic it may be about, weighted by how much),
    and its posteriors for every article."""
    from sklearn.naive_bayes import MultinomialNB  # a second to import: only for a build that learns

    coo = weights.tocoo()
    keep = coo.data > 1e-4
    rows, topics, shares = coo.row[keep], coo.col[keep], coo.data[keep]
    order = np.lexsort((topics, rows))
    model = MultinomialNB(alpha=ALPHA)
    model.fit(x[rows[order]], topics[order], sample_weight=shares[order])
    out = np.zeros((x.shape[0], weights.shape[1]))
    out[:, model.classes_] = model.predict_proba(x)
    return out


def _choose(article: Article, model: _Model | None, row: int) -> tuple[TopicHit, ...]:
    """The article's topics, strongest first: those the model finds likely, the keyword matches of topics it
    could not learn, and the declared ones."""
    hits = {h.topic: h for h in article.topics}
    shares = {t: s for t, s in _keyword_labels(article, set(hits)).items()}
    scores: dict[str, float] = {}
    if model is not None and model.has_words[row]:
        p = model.posteriors[row]
        best = float(p.max())
        for j, topic in enumerate(model.topics):
            if p[j] >= max(FLOOR, RELATIVE * best) or p[j] == best:
                scores[topic] = float(p[j])
        learned = set(model.topics)
        scores.update({t: s for t, s in shares.items() if t not in learned})
    else:
        scores.update(shares)
    for hit in article.topics:
        if hit.declared:
            scores[hit.topic] = max(scores.get(hit.topic, 0.0), 1.0)
    order = sorted(scores, key=lambda t: (-round(scores[t], PRECISION), t))
    return tuple(
        TopicHit(t, round(scores[t], PRECISION), hits[t].evidence if t in hits else (), t in hits and hits[t].declared)
        for t in order
    )
