"""One story told several times: in other languages, by other publishers, or copied.

Two articles tell the same story when what reads the same in every language (the entities they name,
figures, dates, names and codes) is much the same in both and their dates agree: published within days
of each other, or naming the same day. Near-identical texts (kbsite.duplicates) are one story whatever
their dates. Stories are grown from the surest pairs first and never past MAX_STORY articles, so a chain
of loosely similar articles cannot become one huge story.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from kbsite.model import Article

STORY_SIMILAR = 0.5  # cosine of the language-independent vectors, when the dates agree
STORY_UNDATED = 0.7  # when there are no dates to compare
NEAR_DAYS = 7
MAX_STORY = 12


def _day(iso: str) -> str | None:
    """The month and day of a day-precise date, with or without its year: '2015-12-30' and '--12-30' agree."""
    if len(iso) == 10 or (iso.startswith("--") and len(iso) == 7):
        return iso[-5:]
    return None


def _dates_agree(a: Article, b: Article, days_a: set[str], days_b: set[str]) -> bool | None:
    """True: published days apart or naming the same day; False: published far apart; None: nothing to compare."""
    if a.date and b.date and len(a.date) == len(b.date) == 10:
        try:
            return abs((date.fromisoformat(a.date) - date.fromisoformat(b.date)).days) <= NEAR_DAYS
        except ValueError:
            pass
    if days_a & days_b:
        return True
    if a.date and b.date and len(a.date) >= 7 and len(b.date) >= 7:
        return a.date[:7] == b.date[:7]
    return None


def story_groups(articles: Sequence[Article], pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
                 duplicates: list[list[int]]) -> list[list[int]]:
    """Groups of article indices (each sorted, by first index) from (article, candidate, cosine) pairs."""
    days = [{d for e in a.events if (d := _day(e.date))} | ({d} if a.date and (d := _day(a.date)) else set())
            for a in articles]
    parent = list(range(len(articles)))
    size = [1] * len(articles)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int, cap: int | None) -> None:
        a, b = sorted((root(i), root(j)))
        if a != b and (cap is None or size[a] + size[b] <= cap):
            parent[b] = a
            size[a] += size[b]

    for first, *others in duplicates:
        for other in others:
            join(first, other, None)
    rows, cols, cosine = pairs
    for k in np.lexsort((cols, rows, -cosine)).tolist():
        i, j, similar = int(rows[k]), int(cols[k]), float(cosine[k])
        if similar < STORY_SIMILAR:
            break
        agree = _dates_agree(articles[i], articles[j], days[i], days[j])
        if agree or (agree is None and similar >= STORY_UNDATED):
            join(i, j, MAX_STORY)
    groups: dict[int, list[int]] = {}
    for i in range(len(articles)):
        groups.setdefault(root(i), []).append(i)
    return sorted(g for g in groups.values() if len(g) > 1)
