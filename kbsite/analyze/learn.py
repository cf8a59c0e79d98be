"""Topics learned from the whole KB: the taxonomy's keywords are the seeds, the articles' own words the evidence.

Counting keywords finds too much and too little: a long article collects a match for nearly every
topic, a word can be used in another sense, and an article that never uses a keyword gets no topic
at all. So the keyword matches label the articles they make confident (the larger the lead of their
best topic, the more an article counts as its example), a multinomial naive Bayes
model learns from those which words go with each topic, and a few EM rounds re-label every article
and learn again (McCallum and Nigam, "Text classification by bootstrapping with keywords, EM and
shrinkage", 1999). Each article's topics are then those the model finds nearly as likely as its
best one, strongest first, with the model's posterior as their score.

Words differ by language, so each language with enough articles has a model of its own; the
languages with few articles are learned together. A group of articles without enough seeds to
learn from (a small KB, a topic its keywords rarely name) keeps its keyword matches as they are:
with five articles, counting is all the evidence there is, and learning must not overrule it. So
does a group whose other words say nothing of the topics, which a model learned from half the
seeds shows by failing to name the keywords' topic of the other half. In EM rounds, the seeds keep
their keyword labels and the other articles count for less (Nigam et al.'s EM-lambda), so the
biggest topic cannot swallow the others.
Every article counts the same whatever its length (its term counts are damped and scaled to one
length), so a long article is not sure of every topic it touches. A keyword in the headline counts
HEADLINE times more than one in the text: a headline names what the article is mainly about, while a
long text also mentions what it is not about. A topic named in an article's metadata is always kept.
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
from kbsite.textproc import terms

MIN_ARTICLES = 40  # a language with fewer articles is learned together with the other small ones
MIN_SEEDS = 3  # seed articles a topic needs to be learned; fewer, and its keyword matches stand
LENGTH = 20.0  # every article's damped term counts are scaled to this total: long ones are not surer
MIN_DF, MAX_DF = 2, 0.9  # terms of one article say nothing of a topic; terms of nearly all, neither
EM_ROUNDS = 5
UNLABELLED_WEIGHT = 0.3  # an EM round learns from the articles the keywords left unsure, at this weight
MIN_AGREEMENT = 0.5  # learn only where a model of half the seeds names the other half's topic this often
ALPHA = 0.05  # naive Bayes smoothing
RELATIVE = 0.5  # a topic is kept when its posterior is at least this share of the article's best...
FLOOR = 0.2  # ...and at least this
CUES = 8  # terms that suggest a learned topic, for its page to find the sentences that hold them
CHUNK = 2000  # articles whose terms are read at once
PRECISION = 6  # decimals of a score: the same ranking on every machine
HEADLINE = 3.0  # a keyword in the headline counts this many times (the text, which holds the headline, once)


@dataclass(frozen=True)
class _Model:
    """Posteriors of one group of articles, over the topics it could learn."""

    topics: tuple[str, ...]
    posteriors: np.ndarray  # rows: the group's articles, in group order; columns: topics
    has_words: np.ndarray  # whether an article has any term the model knows
    x: sparse.csr_matrix  # the articles' features
    names: list[str]  # the term of each feature
    telling: np.ndarray  # topics x features: how much more likely a term is under a topic than under any other

    def cues(self, row: int, topic: int) -> tuple[str, ...]:
        """The article's terms that most suggest the topic: what its page looks for in its sentences."""
        columns = self.x.indices[self.x.indptr[row]:self.x.indptr[row + 1]]
        weights = self.telling[topic, columns]
        best = sorted((-w, self.names[c]) for w, c in zip(weights, columns, strict=True) if w > 0)[:CUES]
        return tuple(name for _, name in best)


def learn_topics(articles: Sequence[Article], taxonomy: Taxonomy, mode: str = LEARNED) -> list[Article]:
    """The articles with their topics re-scored and ranked; in KEYWORDS mode, as they are."""
    if mode == KEYWORDS or not taxonomy.topics or not articles:
        return list(articles)
    entities_of = {t.id: t.entities for t in taxonomy.topics}
    keywords: dict[str, list[tuple[str, list[list[str]]]]] = {}  # per language: each topic's keywords as terms
    for lang in sorted({a.lang for a in articles}):
        keywords[lang] = [(t.id, [p for k in (*t.terms.get(lang, ()), *t.terms.get("*", ())) if (p := terms(k, lang))])
                          for t in taxonomy.topics]
    evidence = [_headline(_evidence(a, entities_of), a, keywords[a.lang]) for a in articles]
    ranked: list[Article] = list(articles)
    for rows in _groups(articles):
        model = _learn([articles[i] for i in rows], [evidence[i] for i in rows])
        for n, i in enumerate(rows):
            ranked[i] = replace(articles[i], topics=_choose(articles[i], evidence[i], model, n))
    return ranked


def _groups(articles: Sequence[Article]) -> list[list[int]]:
    """Article positions per language with enough articles, then one group of all the others; each group in
    source order, so the same articles learn the same model in any order."""
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i in sorted(range(len(articles)), key=lambda i: articles[i].source):
        by_lang[articles[i].lang].append(i)
    groups = [rows for _, rows in sorted(by_lang.items()) if len(rows) >= MIN_ARTICLES]
    small = sorted((i for rows in by_lang.values() if len(rows) < MIN_ARTICLES for i in rows),
                   key=lambda i: articles[i].source)
    return groups + ([small] if small else [])


def _evidence(article: Article, entities_of: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """The article's keyword matches per topic of the taxonomy, each of a topic's entities counted once.

    A name is repeated because the article is about that one thing (an organisation, a person), not
    because it is more about the topic the user listed it under; counted at every mention, one entity
    outweighs every term, and an entity that turns up in articles of any subject drowns the terms that
    tell the subjects apart (in `keywords` mode the matcher's counts stand as documented)."""
    named = {m.entity: m.count for m in article.mentions if m.count > 0}
    found: dict[str, float] = {}
    for hit in article.topics:
        if hit.topic in entities_of and hit.score > 0:
            counts = [named[e] for e in entities_of[hit.topic] if e in named]
            found[hit.topic] = hit.score - sum(counts) + len(counts)
    return found


def _headline(found: dict[str, float], article: Article, keywords: list[tuple[str, list[list[str]]]]
              ) -> dict[str, float]:
    """The evidence with each keyword the headline holds counted HEADLINE times in all. Only topics the text
    matched gain: `min_score` and patterns gate a topic as documented, whatever the headline says."""
    headline = terms(article.title, article.lang)
    out = dict(found)
    for topic, phrases in keywords:
        if topic in out:
            held = sum(any(headline[i:i + len(p)] == p for i in range(len(headline) - len(p) + 1)) for p in phrases)
            out[topic] += (HEADLINE - 1) * held
    return out


def _keyword_scores(article: Article, evidence: dict[str, float]) -> dict[str, float]:
    """The article's keyword evidence per topic; a declared topic counts as much as its best match."""
    scores = dict(evidence)
    top = max(scores.values(), default=1.0)
    for hit in article.topics:
        if hit.declared:
            scores[hit.topic] = max(scores.get(hit.topic, 0.0), top)
    return scores


def _shares(scores: dict[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    return {t: s / total for t, s in scores.items()} if total > 0 else {}


def _sureness(scores: dict[str, float]) -> float:
    """How sure the keywords are of the article's best topic: its lead over the second, against all the
    matches and one more. A tie is no example; one lone match is a weak one (a word used in passing),
    a lead of several a strong one."""
    ranked = [*sorted(scores.values(), reverse=True), 0.0, 0.0]
    return (ranked[0] - ranked[1]) / (sum(ranked) + 1.0)


def _learn(group: list[Article], evidence: list[dict[str, float]]) -> _Model | None:
    """The EM-trained model's posteriors for the group, or None when it has too little to learn from."""
    if len(group) < MIN_ARTICLES:
        return None
    seeds: dict[str, list[tuple[int, float]]] = defaultdict(list)
    best_seed_topic: dict[int, str] = {}
    for row, (article, found) in enumerate(zip(group, evidence, strict=True)):
        scores = _keyword_scores(article, found)
        sure = _sureness(scores)
        if sure > 0:  # an example of its best topic, weighted by how sure its keywords are
            best_seed_topic[row] = min(scores, key=lambda t: (-scores[t], t))
            for topic, share in _shares(scores).items():
                seeds[topic].append((row, share * sure))
    topics = tuple(sorted(t for t, rows in seeds.items() if len(rows) >= MIN_SEEDS))
    if len(topics) < 2:
        return None
    x, names = _features(group)
    if x.shape[1] == 0:
        return None
    column = {t: j for j, t in enumerate(topics)}
    cells = [(row, column[t], share) for t in topics for row, share in seeds[t]]
    rows, columns, shares = (np.asarray(v) for v in zip(*cells, strict=True))
    weights = sparse.csr_matrix((shares.astype(np.float64), (rows, columns)), shape=(len(group), len(topics)))
    best_seed = {row: column[t] for row, t in best_seed_topic.items() if t in column}
    if _agreement(x, weights, best_seed) < MIN_AGREEMENT:
        return None
    seeded = np.zeros(len(group), dtype=bool)
    seeded[rows] = True
    scores, log_probs = _fit_score(x, weights)
    for _ in range(EM_ROUNDS):  # seeds keep their labels; the others weigh UNLABELLED_WEIGHT (EM-lambda)
        guessed = _softmax(scores) * UNLABELLED_WEIGHT
        guessed[seeded] = 0
        scores, log_probs = _fit_score(x, weights + sparse.csr_matrix(guessed))
    posteriors = _softmax(scores / _temperature(scores, best_seed))
    return _Model(topics, posteriors, np.asarray(x.sum(axis=1)).ravel() > 0, x, names, _telling(log_probs))


def _agreement(x: sparse.csr_matrix, weights: sparse.csr_matrix, best_seed: dict[int, int]) -> float:
    """How often a model learned from half the seeds names the keywords' topic of the other half: where the
    words beyond the keywords say nothing of the topics, learning would only add noise to counting."""
    rows = np.fromiter(best_seed, dtype=np.int64, count=len(best_seed))
    named = np.fromiter(best_seed.values(), dtype=np.int64, count=len(best_seed))
    agreed = 0
    for half in (0, 1):
        train, test = rows[rows % 2 == half], rows % 2 != half
        mask = np.zeros(x.shape[0])
        mask[train] = 1
        scores, _ = _fit_score(x, sparse.diags(mask) @ weights)
        agreed += int(np.sum(scores[rows[test]].argmax(axis=1) == named[test]))
    return agreed / max(len(rows), 1)


def _telling(log_probs: np.ndarray) -> np.ndarray:
    """Each term's log-likelihood under each topic, less its best under any other topic."""
    if log_probs.shape[0] < 2:
        return np.zeros_like(log_probs)
    ranked = np.sort(log_probs, axis=0)
    best, second = ranked[-1], ranked[-2]
    return log_probs - np.where(log_probs >= best, second, best)


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _temperature(scores: np.ndarray, best_seed: dict[int, int]) -> float:
    """How much to soften naive Bayes, which is sure of nearly everything (it counts every word as independent
    evidence): so that on the seed articles its confidence in its best topic is, on average, how often that
    topic is the one their keywords named."""
    rows = np.fromiter(best_seed, dtype=np.int64, count=len(best_seed))
    named = np.fromiter(best_seed.values(), dtype=np.int64, count=len(best_seed))
    seed_scores = scores[rows]
    target = float(np.clip(np.mean(seed_scores.argmax(axis=1) == named), 0.5, 0.99))
    low, high = -4.0, 8.0  # log temperature
    for _ in range(40):
        middle = (low + high) / 2
        confidence = _softmax(seed_scores / np.exp(middle)).max(axis=1).mean()
        low, high = (middle, high) if confidence > target else (low, middle)
    return float(np.exp((low + high) / 2))


def _pairs(articles: list[Article]) -> tuple[list[str], list[str] | list[int], list[int]]:
    """The terms and counts of the articles in a row, and how many each article has."""
    lengths = [article.terms.count(":") for article in articles]
    flat = " ".join(article.terms for article in articles).replace(":", " ").split()  # term, count, term, ...
    if len(flat) != 2 * sum(lengths):  # a term with a space or colon in it (NFKD folding can make one)
        parsed = [parse_counts(article.terms) for article in articles]
        lengths = list(map(len, parsed))
        flat = [item for counts in parsed for pair in counts.items() for item in pair]
    return flat[0::2], flat[1::2], lengths


def _features(group: list[Article]) -> tuple[sparse.csr_matrix, list[str]]:
    """Damped term counts (log 1 + n), each article scaled to LENGTH, over the terms that tell articles apart.
    Read CHUNK articles at a time: a list of every term of 20,000 articles would take a gigabyte."""
    column: dict[str, int] = {}
    indices, values, lengths = [], [], []
    for start in range(0, len(group), CHUNK):
        terms, counts, sizes = _pairs(group[start:start + CHUNK])
        for t in dict.fromkeys(terms):
            column.setdefault(t, len(column))
        indices.append(np.fromiter(map(column.__getitem__, terms), dtype=np.int32, count=len(terms)))
        values.append(np.log1p(np.fromiter(map(int, counts), dtype=np.float64, count=len(counts))))
        lengths += sizes
    x = sparse.csr_matrix((np.concatenate(values), np.concatenate(indices), np.cumsum([0, *lengths])),
                          shape=(len(group), len(column)))
    df = np.bincount(x.indices, minlength=x.shape[1])
    keep = np.flatnonzero((df >= MIN_DF) & (df <= MAX_DF * len(group)))
    x = x[:, keep].tocsr()
    names = list(column)
    totals = np.asarray(x.sum(axis=1)).ravel()
    scale = np.divide(LENGTH, totals, out=np.zeros_like(totals), where=totals > 0)
    return (sparse.diags(scale) @ x).tocsr(), [names[j] for j in keep]


def _fit_score(x: sparse.csr_matrix, weights: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Naive Bayes fitted on soft labels: its joint log-likelihood of every article and topic, and of every
    term under every topic.

    Its counts are the articles' terms summed per topic, each article weighted by how much it is about the
    topic; so the model is fitted on those sums (one row per topic, with the topics' shares of the articles
    as their prior), the same model as one fitted on every article, in a fraction of the time."""
    from sklearn.naive_bayes import MultinomialNB  # a second to import: only for a build that learns

    weights = weights.multiply(weights >= 1e-4).tocsr()
    mass = np.asarray(weights.sum(axis=0)).ravel()
    held = np.flatnonzero(mass > 0)
    model = MultinomialNB(alpha=ALPHA, class_prior=mass[held] / mass[held].sum())
    model.fit((weights.T @ x)[held], held)
    out = np.full((x.shape[0], weights.shape[1]), -1e9)  # a topic no article holds any more: never likely
    out[:, held] = model.predict_joint_log_proba(x)
    log_probs = np.full((weights.shape[1], x.shape[1]), -1e9)
    log_probs[held] = model.feature_log_prob_
    return out, log_probs


def _choose(article: Article, evidence: dict[str, float], model: _Model | None, row: int) -> tuple[TopicHit, ...]:
    """The article's topics, strongest first: those the model finds likely, the keyword matches of topics it
    could not learn, and the declared ones."""
    hits = {h.topic: h for h in article.topics}
    shares = _shares(_keyword_scores(article, evidence))
    scores: dict[str, float] = {}
    cues: dict[str, tuple[str, ...]] = {}
    if model is not None and model.has_words[row]:
        p = model.posteriors[row]
        best = float(p.max())
        for j, topic in enumerate(model.topics):
            if p[j] >= max(FLOOR, RELATIVE * best) or p[j] == best:
                scores[topic] = float(p[j])
                if not (topic in hits and hits[topic].evidence):
                    cues[topic] = model.cues(row, j)
        learned = set(model.topics)
        scores.update({t: s for t, s in shares.items() if t not in learned})
    else:
        scores.update(shares)
    for hit in article.topics:
        if hit.declared:
            scores[hit.topic] = max(scores.get(hit.topic, 0.0), 1.0)
    order = sorted(scores, key=lambda t: (-round(scores[t], PRECISION), t))
    return tuple(
        TopicHit(t, round(scores[t], PRECISION), hits[t].evidence if t in hits else (),
                 t in hits and hits[t].declared, cues.get(t, ()))
        for t in order
    )
