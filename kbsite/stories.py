"""One story told several times: in other languages, by other publishers, or copied.

Near-identical texts (kbsite.duplicates) are one story whatever their dates. A translation and its
original (kbsite.translations: each the other's best match by the tokens a translator keeps) are one story
unless their dates are far apart; a story joined this way holds one article per language besides copies,
so one wrong match cannot chain two stories of several languages together. Other articles tell the same
story when they name an entity of the KB in common, what reads the same in every language (entities,
figures, dates, names and codes) is much the same in both, and their dates agree: published within days
of each other, or naming the same day. Without a shared entity, such likeness is no sign of one story: two
packages of one family or two manual pages of one tool share most of their names and figures.
Stories are grown from the surest pairs first and never past MAX_STORY articles, so a chain of loosely
similar articles cannot become one huge story.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from kbsite.model import Article
from kbsite.translations import translation_pairs

STORY_SIMILAR = 0.6  # cosine of the language-independent vectors, when the dates agree
STORY_UNDATED = 0.75  # when there are no dates to compare
NEAR_DAYS = 3
STORY_SPAN = 14  # days between the first and the last publication of one story
MAX_STORY = 12


def _day(iso: str) -> str | None:
    """The month and day of a day-precise date, with or without its year: '2015-12-30' and '--12-30' agree."""
    if len(iso) == 10 or (iso.startswith("--") and len(iso) == 7):
        return iso[-5:]
    return None


def _full_days(article: Article) -> set[int]:
    """The days, with their year, it was published on or names."""
    found = set()
    for iso in (article.date or "", *(e.date for e in article.events)):
        if len(iso) == 10:
            try:
                found.add(date.fromisoformat(iso).toordinal())
            except ValueError:
                continue
    return found


def _dates_agree(a: Article, b: Article, full: tuple[set[int], set[int]],
                 days: tuple[set[str], set[str]]) -> bool | None:
    """True: days close together or the same day named; False: only far-apart days; None: nothing to compare."""
    if full[0] and full[1]:
        return min(abs(x - y) for x in full[0] for y in full[1]) <= NEAR_DAYS
    if days[0] & days[1]:
        return True
    if a.date and b.date and len(a.date) >= 7 and len(b.date) >= 7:
        return a.date[:7] == b.date[:7]
    return None


def story_groups(articles: Sequence[Article], pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
                 duplicates: list[list[int]]) -> list[list[int]]:
    """Groups of article indices (each sorted, by first index) from (article, candidate, cosine) pairs."""
    days = [{d for e in a.events if (d := _day(e.date))} | ({d} if a.date and (d := _day(a.date)) else set())
            for a in articles]
    full = [_full_days(a) for a in articles]
    parent = list(range(len(articles)))
    size = [1] * len(articles)
    published = [{date.fromisoformat(a.date).toordinal()} if a.date and len(a.date) == 10 else set()
                 for a in articles]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    langs = [{a.lang} for a in articles]
    named = [{m.entity for m in a.mentions} for a in articles]

    def join(i: int, j: int, cap: int | None, apart: bool = False) -> None:
        """Two stories become one only if small enough and published within STORY_SPAN days; `apart`: only
        if they share no language."""
        a, b = sorted((root(i), root(j)))
        if a == b or (apart and langs[a] & langs[b]):
            return
        dates = published[a] | published[b]
        if cap is not None and (size[a] + size[b] > cap or (dates and max(dates) - min(dates) > STORY_SPAN)):
            return
        parent[b] = a
        size[a] += size[b]
        langs[a] |= langs[b]
        published[a] = {min(dates), max(dates)} if dates else set()

    for first, *others in duplicates:
        for other in others:
            join(first, other, None)
    for i, j, _ in sorted(translation_pairs(articles), key=lambda p: (-p[2], p[0], p[1])):
        if _dates_agree(articles[i], articles[j], (full[i], full[j]), (days[i], days[j])) is not False:
            join(i, j, MAX_STORY, apart=True)
    rows, cols, cosine = pairs
    for k in np.lexsort((cols, rows, -cosine)).tolist():
        i, j, similar = int(rows[k]), int(cols[k]), float(cosine[k])
        if similar < STORY_SIMILAR:
            break
        if not named[i] & named[j]:
            continue
        agree = _dates_agree(articles[i], articles[j], (full[i], full[j]), (days[i], days[j]))
        if agree or (agree is None and similar >= STORY_UNDATED):
            join(i, j, MAX_STORY)
    groups: dict[int, list[int]] = {}
    for i in range(len(articles)):
        groups.setdefault(root(i), []).append(i)
    return sorted(g for g in groups.values() if len(g) > 1)
