"""Related articles from content: a more-like-this over every article's terms, entities and topics.

Each article is a TF-IDF vector (sublinear counts, BM25's IDF over the KB, so words in most articles weigh
next to nothing) of its commonest terms, the entities it mentions and its topics. Like Lucene's MoreLikeThis,
an article asks with its few most distinctive terms, and each term answers with the articles that weigh it
most, a bounded number: the work per article does not grow with the KB. The best of those candidates are
then ranked by their exact cosine. Entities and language-independent terms (names, figures, codes) are
shared across languages, so a story's translations are found too.

No article may be everyone's neighbour: an article is listed as related by at most MAX_INDEGREE others,
and an article whose best candidates are full goes down its list to the next best.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from kbsite.analyze.features import parse_counts
from kbsite.model import Article

RELATED = 5
MAX_INDEGREE = 30
QUERY_TERMS = 20  # an article's most distinctive terms, its more-like-this query
POSTING = 50  # the articles that weigh a term most, the only ones a query term proposes
CANDIDATES = 30  # best proposed articles, compared exactly
ENTITY_WEIGHT = 2.0  # an entity names the subject more surely than a word does, in every language
TOPIC_WEIGHT = 1.0
# A KB of a few articles cannot tell a rare name from a common one: what it shares across languages is
# weighed as if it were this many articles, as a larger archive would weigh it.
INDEPENDENT_PRIOR = 1000
CHUNK = 1000  # articles whose candidates are scored at once: bounds the memory of the products
_ENTITY, _TOPIC = "\x00e:", "\x00t:"


@dataclass
class Vectors:
    """Rows are articles in the order given, L2-normalised."""

    content: sparse.csr_matrix  # every term, entity and topic
    independent: sparse.csr_matrix  # only what reads the same in every language: entities, figures, names


def vectors(articles: Sequence[Article], entities: set[str], topics: set[str]) -> Vectors:
    vocabulary: dict[str, int] = {}
    indptr, columns, counts, langs = array("q", [0]), array("i"), array("f"), array("h")
    lang_ids: dict[str, int] = {}
    for article in articles:
        found = parse_counts(article.terms)
        found.update({_ENTITY + m.entity: max(m.count, 1) for m in article.mentions if m.entity in entities})
        found.update({_TOPIC + h.topic: 1 for h in article.topics if h.topic in topics})
        for key, count in found.items():
            columns.append(vocabulary.setdefault(key, len(vocabulary)))
            counts.append(count)
        langs.extend([lang_ids.setdefault(article.lang, len(lang_ids))] * len(found))
        indptr.append(len(columns))
    cols = np.frombuffer(columns, dtype=np.int32)
    entry_langs = np.frombuffer(langs, dtype=np.int16)
    n, width = len(articles), len(vocabulary)
    df = np.bincount(cols, minlength=width)
    boost = np.ones(width)
    keys = list(vocabulary)
    boost[[i for i, k in enumerate(keys) if k.startswith(_ENTITY)]] = ENTITY_WEIGHT
    boost[[i for i, k in enumerate(keys) if k.startswith(_TOPIC)]] = TOPIC_WEIGHT
    boost *= df > 1  # a term of one article links nothing
    tf = 1 + np.log(np.frombuffer(counts, dtype=np.float32))
    rows = (cols, np.frombuffer(indptr, dtype=np.int64))

    def weighted(articles_seen: int) -> sparse.csr_matrix:
        idf = np.log1p((articles_seen - df + 0.5) / (df + 0.5)) * boost
        return sparse.csr_matrix(((tf * idf[cols]).astype(np.float32), *rows), shape=(n, width))

    languages_of = sum((np.bincount(cols[entry_langs == lang], minlength=width) > 0).astype(np.int32)
                       for lang in range(len(lang_ids))) if lang_ids else np.zeros(width, np.int32)
    shared = np.array([k.startswith(_ENTITY) or any(c.isdigit() for c in k) for k in keys], dtype=bool)
    keep = (shared | (languages_of > 1)) & ~np.array([k.startswith(_TOPIC) for k in keys], dtype=bool)
    independent = weighted(max(n, INDEPENDENT_PRIOR)) @ sparse.diags(keep.astype(np.float32))
    return Vectors(_normalised(weighted(n)), _normalised(independent))


def _normalised(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    matrix = sparse.csr_matrix(matrix)
    matrix.eliminate_zeros()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.csr_matrix(sparse.diags((1 / norms).astype(np.float32)) @ matrix)


def _best_per_row(matrix: sparse.csr_matrix, k: int) -> sparse.csr_matrix:
    """The k largest entries of each row, ties to the lower column."""
    matrix = sparse.csr_matrix(matrix)
    matrix.sort_indices()
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    order = np.lexsort((matrix.indices, -matrix.data, rows))
    rank = np.arange(len(order)) - matrix.indptr[rows[order]]
    kept = order[rank < k]
    return sparse.csr_matrix((matrix.data[kept], (rows[kept], matrix.indices[kept])), shape=matrix.shape)


def neighbours(matrix: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(article, candidate, cosine) for each article's best CANDIDATES, best first, ties by candidate.

    Near-linear: QUERY_TERMS x POSTING proposals per article, CANDIDATES exact comparisons.
    """
    n = matrix.shape[0]
    queries = _best_per_row(matrix, QUERY_TERMS)
    answers = _best_per_row(sparse.csr_matrix(matrix.T), POSTING)
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        proposed = (queries[start:stop] @ answers).tocoo()
        other = proposed.row + start != proposed.col  # an article proposes itself
        proposed = sparse.csr_matrix((proposed.data[other], (proposed.row[other], proposed.col[other])),
                                     shape=proposed.shape)
        best = _best_per_row(proposed, CANDIDATES).tocoo()
        rows, cols = best.row + start, best.col
        cosine = np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel()
        found.append((rows, cols, cosine))
    if not found:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    rows, cols, cosine = (np.concatenate(parts) for parts in zip(*found, strict=True))
    cosine = np.round(cosine, 6)  # the last bits of a float sum must not decide an order
    order = np.lexsort((cols, -cosine, rows))
    keep = cosine[order] > 0
    return rows[order][keep], cols[order][keep], cosine[order][keep]


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
