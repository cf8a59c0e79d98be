"""Related articles from content: a more-like-this over every article's terms, entities and topics.

Each article is a TF-IDF vector (sublinear counts, BM25's IDF, so words in most articles weigh next to
nothing) of its commonest terms, the entities it mentions and its topics. A word's IDF is counted among the
articles of its own language: in a KB of several languages a language's "de", "el" or "und" is in a
minority of all articles but in nearly all of its own, and counted over the KB it would make any two
articles of a small language alike. Like Lucene's MoreLikeThis, an article asks with its few most
distinctive terms (of those another story holds too), and each term answers with the articles that weigh it
most, a bounded number: the work per article does not grow with the KB. The best of those candidates are
then ranked by their exact cosine. Entities and language-independent terms (names, figures, codes) are
shared across languages, so a story's translations are found too.

Words alike are not a subject alike: two package descriptions both "a library for X" share their
boilerplate whatever X is. So a candidate's cosine is multiplied by how much the two articles' topics agree
(the cosine of their topic scores), both where candidates are proposed and where they are ranked: related
means alike in words and in subject. An article without topics neither gains nor loses. The topic scores
are those of the article's whole story (its translations and copies summed): a story's subject is one in
every language, and a short telling says less of it than all of them.

No article may be everyone's neighbour: an article is listed as related by at most MAX_INDEGREE others,
and an article whose best candidates are full goes down its list to the next best.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from kbsite.model import Article, Progress, no_progress

RELATED = 5
MAX_INDEGREE = 30
QUERY_TERMS = 20  # an article's most distinctive terms, its more-like-this query
POSTING = 50  # the articles that weigh a term most, the only ones a query term proposes
CANDIDATES = 30  # best proposed articles, compared exactly
ENTITY_WEIGHT = 2.0  # across languages, where entities are most of what two tellings share
# Within a language an entity's name is already among the article's words: its key adds it once more, at
# half a word's weight, so a shared name breaks ties between texts alike and cannot outweigh their words
# (an organisation quoted in articles of every subject would pull them all together).
CONTENT_ENTITY_WEIGHT = 0.5
TOPIC_WEIGHT = 1.0
# A KB of a few articles cannot tell a rare name from a common one: what it shares across languages is
# weighed as if it were this many articles, as a larger archive would weigh it.
INDEPENDENT_PRIOR = 1000
CROSS_LANGUAGES = 3
CHUNK = 1000  # articles whose candidates are proposed at once: bounds the memory of the products
PAIRS = 5000  # pairs compared exactly at once: each holds two articles' vectors
_ENTITY, _TOPIC = "\x00e:", "\x00t:"


@dataclass
class Vectors:
    """Rows are articles in the order given, L2-normalised."""

    content: sparse.csr_matrix  # every term, entity and topic
    independent: sparse.csr_matrix  # only what reads the same in every language: entities, figures, names
    topics: sparse.csr_matrix  # each article's topic scores as found (not normalised); zeros for none


def vectors(articles: Sequence[Article], entities: set[str], topics: set[str]) -> Vectors:
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__  # a new key is the next column
    indptr, columns, counts, langs = array("q", [0]), array("i"), array("f"), array("h")
    lang_ids: dict[str, int] = {}
    for article in articles:
        parts = article.terms.replace(":", " ").split()  # terms never hold ":" (see features.term_counts)
        keys = parts[0::2]
        found = [m for m in article.mentions if m.entity in entities]
        keys += [_ENTITY + m.entity for m in found]
        keys += [_TOPIC + h.topic for h in article.topics if h.topic in topics]
        columns.extend(map(vocabulary.__getitem__, keys))
        counts.extend(map(int, parts[1::2]))
        counts.extend(max(m.count, 1) for m in found)
        counts.extend([1] * (len(keys) - len(parts) // 2 - len(found)))
        langs.extend([lang_ids.setdefault(article.lang, len(lang_ids))] * len(keys))
        indptr.append(len(columns))
    n, width = len(articles), len(vocabulary)
    cols = np.frombuffer(columns, dtype=np.int32)
    df = np.bincount(cols, minlength=width)
    keys = list(vocabulary)
    is_entity = np.array([k.startswith(_ENTITY) for k in keys], dtype=bool)
    is_topic = np.array([k.startswith(_TOPIC) for k in keys], dtype=bool)
    boost = np.ones(width, dtype=np.float32)
    boost[is_topic] = TOPIC_WEIGHT
    content_boost, independent_boost = boost.copy(), boost
    content_boost[is_entity] = CONTENT_ENTITY_WEIGHT
    independent_boost[is_entity] = ENTITY_WEIGHT
    entry_langs = np.frombuffer(langs, dtype=np.int16)
    languages_of = np.zeros(width, np.int32)
    for lang in range(len(lang_ids)):
        languages_of += np.bincount(cols[entry_langs == lang], minlength=width) > 0
    figures = np.array([any(c.isdigit() for c in k) for k in keys], dtype=bool)
    # A word of two languages is as often a false friend ("de", "in") as a name: a name of the story is
    # written the same in three languages, or in both languages of a bilingual KB.
    independent = (is_entity | figures | (languages_of >= min(CROSS_LANGUAGES, max(2, len(lang_ids))))) & ~is_topic
    tf = 1 + np.log(np.frombuffer(counts, dtype=np.float32))
    starts = np.frombuffer(indptr, dtype=np.int64)

    def weighted(columns_kept: np.ndarray, by_language: bool, boost: np.ndarray) -> sparse.csr_matrix:
        """Only the entries of kept columns that another article shares: a term of one article links nothing.
        IDF among the articles of the entry's language, or among all (as if at least INDEPENDENT_PRIOR)."""
        kept = (columns_kept & (df > 1))[cols]
        if by_language:
            cell = entry_langs[kept].astype(np.int64) * width + cols[kept]  # (language, term)
            held = np.bincount(entry_langs.astype(np.int64) * width + cols, minlength=len(lang_ids) * width)
            seen = np.repeat(np.bincount([lang_ids[a.lang] for a in articles], minlength=len(lang_ids)), width)
            boost = np.tile(boost, len(lang_ids))
        else:
            cell, held, seen = cols[kept], df, np.full(width, max(n, INDEPENDENT_PRIOR))
        idf = (np.log1p((seen - held + 0.5) / (held + 0.5)) * boost).astype(np.float32)
        kept_before = np.concatenate([[0], np.cumsum(kept, dtype=np.int32)])
        matrix = sparse.csr_matrix((tf[kept] * idf[cell], cols[kept], kept_before[starts]), shape=(n, width))
        return _normalised(matrix)

    return Vectors(weighted(np.ones(width, bool), True, content_boost),
                   weighted(independent, False, independent_boost),
                   _topic_scores(articles, topics))


def _topic_scores(articles: Sequence[Article], topics: set[str]) -> sparse.csr_matrix:
    column = {t: j for j, t in enumerate(sorted(topics))}
    cells = [(i, column[h.topic], h.score) for i, a in enumerate(articles) for h in a.topics
             if h.topic in column and h.score > 0]
    rows, cols, scores = (np.asarray(v) for v in zip(*cells, strict=True)) if cells else ([], [], [])
    return sparse.csr_matrix((np.asarray(scores, np.float32), (rows, cols)), shape=(len(articles), len(column)))


def story_topics(topics: sparse.csr_matrix, groups: Sequence[Sequence[int]]) -> sparse.csr_matrix:
    """Each article's topic scores replaced by its story's: the sum of its tellings' scores, L2-normalised
    (a telling sure of its topic counts more than one that barely found it)."""
    n = topics.shape[0]
    rows, cols = [np.arange(n)], [np.arange(n)]
    for group in groups:
        members = np.asarray(group, np.int64)
        pairs = np.repeat(members, len(members)), np.tile(members, len(members))
        other = pairs[0] != pairs[1]
        rows.append(pairs[0][other])
        cols.append(pairs[1][other])
    row, col = np.concatenate(rows), np.concatenate(cols)
    sums = sparse.csr_matrix((np.ones(len(row), np.float32), (row, col)), shape=(n, n))
    return _normalised(sparse.csr_matrix(sums @ topics))


def agreement(rows: np.ndarray, cols: np.ndarray, topics: sparse.csr_matrix) -> np.ndarray:
    """Per pair, the cosine of the two articles' topic scores; 1 when either has none (nothing to compare)."""
    if not len(rows) or not topics.nnz:
        return np.ones(len(rows))
    agree = np.asarray(topics[rows].multiply(topics[cols]).sum(axis=1)).ravel()
    has_topics = np.diff(topics.indptr) > 0
    return np.where(has_topics[rows] & has_topics[cols], agree, 1.0)


def by_topic(pairs: tuple[np.ndarray, np.ndarray, np.ndarray], topics: sparse.csr_matrix
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs with each cosine multiplied by how much the two articles' topics agree, best first again."""
    rows, cols, cosine = pairs
    cosine = np.round(cosine * agreement(rows, cols, topics), 6)
    order = np.lexsort((cols, -cosine, rows))
    return rows[order], cols[order], cosine[order]


def _normalised(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to length 1, in place."""
    matrix.sum_duplicates()
    lengths = np.diff(matrix.indptr)
    if not matrix.nnz:
        return matrix
    squares = np.add.reduceat(matrix.data ** 2, np.minimum(matrix.indptr[:-1], matrix.nnz - 1))
    squares[lengths == 0] = 1
    matrix.data *= np.repeat((1 / np.sqrt(squares)).astype(np.float32), lengths)
    return matrix


def _best_per_row(matrix: sparse.csr_matrix, k: int) -> sparse.csr_matrix:
    """The k largest entries of each row, ties to the lower column."""
    matrix = sparse.csr_matrix(matrix)
    matrix.sort_indices()
    lengths = np.diff(matrix.indptr)
    if not matrix.nnz or lengths.max() <= k:
        return matrix
    rows = np.repeat(np.arange(matrix.shape[0], dtype=np.int32), lengths)
    # One float key sorts by row, then largest first; the stable sort keeps the lower column first on ties.
    order = np.argsort(rows + (1 - matrix.data / (2 * matrix.data.max())).astype(np.float64), kind="stable")
    order = order[np.arange(len(order), dtype=np.int32) - matrix.indptr[rows[order]].astype(np.int32) < k]
    order.sort()
    kept_before = np.concatenate([[0], np.cumsum(np.minimum(lengths, k))])
    return sparse.csr_matrix((matrix.data[order], matrix.indices[order], kept_before), shape=matrix.shape)


def neighbours(matrix: sparse.csr_matrix, progress: Progress = no_progress, topics: sparse.csr_matrix | None = None,
               proposing: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(article, candidate, cosine) for each article's best CANDIDATES, best first, ties by candidate.

    Near-linear: QUERY_TERMS x POSTING proposals per article, CANDIDATES exact comparisons. With `topics`,
    the proposals are weighed by the agreement of the two articles' topics before the best are kept, so the
    candidates compared are of the article's subject where its words alone would propose others. With
    `proposing` (a mask of columns), only those terms make an article's query.
    `progress` wraps the articles as their candidates are found.
    """
    n = matrix.shape[0]
    asking = matrix if proposing is None else sparse.csr_matrix(matrix @ sparse.diags(proposing.astype(np.float32)))
    queries = _best_per_row(asking, QUERY_TERMS)
    answers = _best_per_row(sparse.csr_matrix(matrix.T), POSTING)
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in progress(iter(range(n)), n):
        if start % CHUNK:
            continue  # counted for the progress bar; its chunk was done with the chunk's first article
        stop = min(start + CHUNK, n)
        proposed = (queries[start:stop] @ answers).tocoo()
        other = proposed.row + start != proposed.col  # an article proposes itself
        row, col, weight = proposed.row[other], proposed.col[other], proposed.data[other]
        if topics is not None:
            weight = weight * agreement(row + start, col, topics)
        proposed = sparse.csr_matrix((weight, (row, col)), shape=proposed.shape)
        best = _best_per_row(proposed, CANDIDATES).tocoo()
        rows, cols = best.row + start, best.col
        cosine = np.concatenate([np.asarray(matrix[rows[i:i + PAIRS]].multiply(matrix[cols[i:i + PAIRS]]).sum(axis=1))
                                 .ravel() for i in range(0, len(rows), PAIRS)] or [np.zeros(0)])
        found.append((rows, cols, cosine))
    if not found:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    rows, cols, cosine = (np.concatenate(parts) for parts in zip(*found, strict=True))
    cosine = np.round(cosine, 6)  # the last bits of a float sum must not decide an order
    order = np.lexsort((cols, -cosine, rows))
    keep = cosine[order] > 0
    return rows[order][keep], cols[order][keep], cosine[order][keep]


def related(found: Vectors, groups: Sequence[Sequence[int]], excluded: dict[int, set[int]],
            progress: Progress = no_progress) -> list[list[int]]:
    """Each article's related articles (indices), from its content and its story's topics; `groups` are the
    stories (indices) and `excluded` each article's other tellings, never listed as related."""
    topics = story_topics(found.topics, groups)
    found_by = neighbours(found.content, progress, topics, _told_elsewhere(found.content, groups))
    return related_lists(found.content.shape[0], by_topic(found_by, topics), excluded)


def _told_elsewhere(matrix: sparse.csr_matrix, groups: Sequence[Sequence[int]]) -> np.ndarray:
    """The columns held by more than one story. A word only an article and its own translations or copies
    hold proposes nothing but them, who are never listed as related: it must not take a query's place."""
    n, width = matrix.shape
    matrix = sparse.csr_matrix(matrix)
    grouped = np.zeros(n, bool)
    held = np.zeros(width, np.int64)
    for group in groups:
        members = np.asarray(group, np.int64)
        grouped[members] = True
        held[np.unique(matrix[members].indices)] += 1
    held += np.bincount(matrix[np.flatnonzero(~grouped)].indices, minlength=width)
    return held > 1


def related_lists(n: int, pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
                  excluded: dict[int, set[int]]) -> list[list[int]]:
    """At most RELATED per article, best pairs first over the whole KB, none listed by more than MAX_INDEGREE.

    An article that would be left with none (all its candidates full) still gets its best one.
    """
    rows, cols, cosine = pairs
    order = np.lexsort((cols, rows, -cosine))
    lists: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    for i, j in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
        if len(lists[i]) < RELATED and indegree[j] < MAX_INDEGREE and j not in excluded.get(i, ()):
            lists[i].append(j)
            indegree[j] += 1
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):  # best first within each article
        if not lists[i] and j not in excluded.get(i, ()):
            lists[i].append(j)
    return lists
