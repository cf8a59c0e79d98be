"""The scores of a query's units over the Whoosh index, added up term at a time, in hundredths.

Whoosh's own matchers walk a tree of Or and And matchers one document at a time; with every word reduced
in every language (two fields each) and a prefix expanded to 64 terms, that tree has hundreds of leaves,
and one query over 10,000 articles took 0.2-0.6 s. Adding each term's postings into a dict, as search-rank.js
does, visits every posting once. Each posting is scored by Whoosh's BM25F scorer and rounded to hundredths
per term exactly as the browser's index stores it (title part, and title + text), and from there on every
sum, maximum and bonus is integer arithmetic that search-query.js repeats: both searches rank the same query alike
by construction, not by luck of the floats.

Proximity: a page that holds two consecutive query words close together (in order, or reversed at one step's
cost) earns part of the pair's score again, in the field where they stand close: "world cup" ranks the
article about the World Cup above one that says "world" and "cup" far apart. A phrase (quoted, or a word
written with a hyphen, "8859-16") stands close to its neighbours by its first and last words. A title that
holds every unit of the query earns their title scores again (title_cover). Only the best PROXIMITY_DOCS
pages (by their word scores) are re-ranked this way, so a query's cost does not grow with the corpus.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from kbsite.index.analysis import TITLE_BOOST
from kbsite.index.analysis import field as field_name
from kbsite.index.postings import Postings

Scores = dict[int, int]  # docnum -> score in hundredths
TermHits = dict[int, tuple[int, int]]  # docnum -> (title score, title + text score) of one term, in hundredths

SCALE = 100
PROXIMITY_WINDOW = 2  # steps apart (adjacent = 1, adjacent reversed = 2) within which a pair earns a bonus
PROXIMITY_SHARE = (2, 1)  # numerator, denominator: an adjacent pair earns its scores twice again, reversed once
PROXIMITY_DOCS = 100  # best-scored pages that are re-ranked by proximity
TITLE_COVER = (1, 1)  # numerator, denominator: a title holding every unit of the query earns their title scores again


def term_hits(postings: Postings, lang: str, term: str) -> TermHits:
    """Docnum -> (title, title + text) hundredths of one term of one language."""
    title = postings.scores(field_name("title", lang), term, TITLE_BOOST)
    text = postings.scores(field_name("text", lang), term, 1.0)
    out: TermHits = {}
    for doc in sorted(title.keys() | text.keys()):
        t = title.get(doc, 0.0)
        out[doc] = (round(t * SCALE), round((t + text.get(doc, 0.0)) * SCALE))
    return out


def totals(hits: TermHits) -> Scores:
    return {doc: total for doc, (_, total) in hits.items()}


def best_of(variants: Sequence[tuple[str, TermHits]]) -> tuple[Scores, dict[int, str]]:
    """A word's score is that of its best-scoring form (the first on a tie), and which form that was."""
    scores: Scores = {}
    chosen: dict[int, str] = {}
    for term, hits in variants:
        for doc, (_, total) in hits.items():
            if total > scores.get(doc, -1):
                scores[doc] = total
                chosen[doc] = term
    return scores, chosen


def phrase_scores(postings: Postings, lang: str, terms: list[str], hits: list[TermHits]) -> Scores:
    """Whoosh's Or(Phrase(title), Phrase(text)): the terms' scores (`hits`, one per term) in each field where
    they stand in a row."""
    if not all(hits):
        return {}
    candidates = sorted(set(hits[0]).intersection(*hits[1:]))
    out: Scores = {}
    for kind, part in (("title", _title_part), ("text", _text_part)):
        field = field_name(kind, lang)
        where = {t: postings.positions(field, t, candidates) for t in set(terms)}
        for doc in candidates:
            lists = [where[t].get(doc, []) for t in terms]
            if adjacent(lists):
                out[doc] = out.get(doc, 0) + sum(part(h[doc]) for h in hits)
    return out


def _title_part(scores: tuple[int, int]) -> int:
    return scores[0]


def _text_part(scores: tuple[int, int]) -> int:
    return scores[1] - scores[0]


def adjacent(lists: list[list[int]]) -> bool:
    """Some position p of the first list has p + k in the k-th list, for every k."""
    if not all(lists):
        return False
    sets = [set(positions) for positions in lists]
    return any(all(p + k in sets[k] for k in range(1, len(sets))) for p in lists[0])


def gap(first: list[int], second: list[int]) -> int | None:
    """The fewest steps from a word of `first` to a word of `second`: 1 when the second follows at once,
    one more when it stands before (the reversed order counts as a step)."""
    best = None
    for p in first:
        i = bisect_left(second, p + 1)
        if i < len(second):
            d = second[i] - p
            best = d if best is None or d < best else best
        if i > 0:
            d = p - second[i - 1] + 1
            best = d if best is None or d < best else best
    return best


def pair_bonus(first: list[int], second: list[int], scores: int) -> int:
    """What a pair of words `scores` (hundredths, in one field) earns for standing close in that field."""
    d = gap(first, second)
    if d is None or d > PROXIMITY_WINDOW:
        return 0
    num, den = PROXIMITY_SHARE
    return scores * (PROXIMITY_WINDOW + 1 - d) * num // (PROXIMITY_WINDOW * den)


def proximity(postings: Postings, lang: str, docs: list[int], pairs: list[tuple[dict[int, str], dict[int, str]]],
              hits: dict[str, TermHits]) -> Scores:
    """Docnum -> the proximity bonus of each of `docs` (of language `lang`) over consecutive word pairs.

    `pairs` holds, per pair, the form each word matched in each document; `hits` the scores of those forms.
    """
    out: Scores = {}
    for kind, part in (("title", _title_part), ("text", _text_part)):
        field = field_name(kind, lang)
        wanted: dict[str, list[int]] = {}
        for left, right in pairs:
            for doc in docs:
                if doc in left and doc in right and left[doc] != right[doc]:
                    wanted.setdefault(left[doc], []).append(doc)
                    wanted.setdefault(right[doc], []).append(doc)
        where = {t: postings.positions(field, t, ds) for t, ds in sorted(wanted.items())}
        for left, right in pairs:
            for doc in docs:
                a, b = left.get(doc), right.get(doc)
                if a is None or b is None or a == b or doc not in where[a] or doc not in where[b]:
                    continue
                scores = part(hits[a][doc]) + part(hits[b][doc])
                bonus = pair_bonus(where[a][doc], where[b][doc], scores)
                if bonus:
                    out[doc] = out.get(doc, 0) + bonus
    return out


def add(into: Scores, scores: Scores) -> Scores:
    """Or: every article of either, with the sum of its scores."""
    for doc, score in scores.items():
        into[doc] = into.get(doc, 0) + score
    return into


def constant(docs: Iterable[int], score: int) -> Scores:
    return dict.fromkeys(docs, score)


def title_cover(docs: list[int], ends: list[tuple[dict[int, str], dict[int, str]]],
                hits: dict[str, TermHits]) -> Scores:
    """Docnum -> the bonus of each of `docs` whose title holds every unit of the query: a known page is
    most often asked for by the words of its title or description, and a page that has them all in its
    title is the page they name, above longer pages that hold them in their text.

    `ends` holds, per unit, the form of its first and of its last word in each document (one form for a word).
    """
    out: Scores = {}
    num, den = TITLE_COVER
    for doc in docs:
        total = 0
        for first, last in ends:
            a, b = first.get(doc), last.get(doc)
            if a is None or b is None or not hits[a][doc][0] or not hits[b][doc][0]:
                break
            total += hits[a][doc][0] + (hits[b][doc][0] if b != a else 0)
        else:
            if total:
                out[doc] = total * num // den
    return out
