"""An article and its translation, found from what a translator leaves as it is, with no vocabulary.

Each article's fingerprint (kbsite.analyze.fingerprint: names, numbers, code, addresses, commands, the
headline's words) is a vector: a word counts only where articles of two languages share it (a German
noun or an English section heading is no evidence), a token of code's form (a number, an option, a path)
always, each weighted by its rarity in the KB (BM25's IDF), so a package name or a version number weighs
a lot and "Linux" or "2023" next to nothing.

Only rare tokens propose candidates: each token in at most MAX_POSTING articles, a chunk of rows at a
time, so the work grows with the KB's rare tokens, not with the square of its articles. A pair is a
translation when each article is the other's best match in the other's language and their cosine is at
least TRANSLATION: a page whose translation is missing has some best match in each language too, but
that match is seldom mutual and close at once. Texts with little of their own to show (news told in names
that many articles share) can still be matched wrongly: kbsite.stories also checks that their dates agree.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from kbsite.analyze.fingerprint import is_code
from kbsite.model import Article

TRANSLATION = 0.3  # cosine of two fingerprints, at least: chosen on the Debian corpus (bench_knowledge.py)
MAX_POSTING = 100  # a token in more articles than this proposes no pair (it still counts in the cosine)
CANDIDATES = 5  # an article's best proposed partners in each other language, compared exactly
CHUNK = 1000  # rows proposed at once: bounds the memory of the products


def fingerprint_vectors(articles: Sequence[Article]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """L2-normalised rows of the tokens that tell translations apart, and each article's language number."""
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__
    indptr, columns, counts = array("q", [0]), array("i"), array("f")
    lang_ids: dict[str, int] = {}
    langs = np.array([lang_ids.setdefault(a.lang, len(lang_ids)) for a in articles], dtype=np.int32)
    for article in articles:
        for item in article.fingerprint.split():
            token, _, count = item.rpartition(":")
            columns.append(vocabulary[token])
            counts.append(float(count))
        indptr.append(len(columns))
    n, width = len(articles), len(vocabulary)
    cols = np.frombuffer(columns, dtype=np.int32)
    starts = np.frombuffer(indptr, dtype=np.int64)
    row_langs = np.repeat(langs, np.diff(starts))
    df = np.bincount(cols, minlength=width)
    languages_of = np.zeros(width, np.int32)
    for lang in range(len(lang_ids)):
        languages_of += np.bincount(cols[row_langs == lang], minlength=width) > 0
    code = np.array([is_code(token) for token in vocabulary], dtype=bool)
    kept = ((languages_of >= 2) | code)[cols]
    idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
    weight = (1 + np.log(np.frombuffer(counts, dtype=np.float32)[kept])) * idf[cols[kept]]
    kept_before = np.concatenate([[0], np.cumsum(kept, dtype=np.int64)])
    matrix = sparse.csr_matrix((weight, cols[kept], kept_before[starts]), shape=(n, width))
    lengths = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    lengths[lengths == 0] = 1
    return sparse.csr_matrix(sparse.diags(1 / lengths) @ matrix), langs


def _best(rows: np.ndarray, keys: np.ndarray, scores: np.ndarray, cols: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k best scores per (row, key), ties to the lower column."""
    if not len(rows):
        return np.zeros(0, np.int64)
    order = np.lexsort((cols, -scores, keys, rows))
    group = np.concatenate([[True], (rows[order][1:] != rows[order][:-1]) | (keys[order][1:] != keys[order][:-1])])
    starts = np.maximum.accumulate(np.where(group, np.arange(len(order)), 0))
    return order[np.arange(len(order)) - starts < k]


def translation_pairs(articles: Sequence[Article]) -> list[tuple[int, int, float]]:
    """(i, j, cosine), i < j, for the pairs of articles in two languages taken as translations of each other."""
    if len({a.lang for a in articles}) < 2:
        return []
    matrix, langs = fingerprint_vectors(articles)
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    rare = sparse.csr_matrix(matrix @ sparse.diags((df <= MAX_POSTING).astype(np.float32)))
    rare.eliminate_zeros()
    answers = sparse.csr_matrix(rare.T)
    best: dict[tuple[int, int], tuple[int, float]] = {}  # (article, language) -> (its best partner, cosine)
    for start in range(0, matrix.shape[0], CHUNK):
        proposed = (rare[start:start + CHUNK] @ answers).tocoo()
        rows, cols = proposed.row.astype(np.int64) + start, proposed.col.astype(np.int64)
        other = langs[rows] != langs[cols]
        rows, cols, scores = rows[other], cols[other], proposed.data[other]
        keep = _best(rows, langs[cols], scores, cols, CANDIDATES)
        rows, cols = rows[keep], cols[keep]
        cosine = np.round(np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel(), 6)
        top = _best(rows, langs[cols], cosine, cols, 1)
        for i, j, score in zip(rows[top].tolist(), cols[top].tolist(), cosine[top].tolist(), strict=True):
            best[i, int(langs[j])] = (j, score)
    pairs = []
    for (i, _), (j, score) in sorted(best.items()):
        if i < j and score >= TRANSLATION and best.get((j, int(langs[i])), (None, 0.0))[0] == i:
            pairs.append((i, j, score))
    return pairs
