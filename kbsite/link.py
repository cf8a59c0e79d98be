"""The only site-wide stage: from analysed articles to the knowledge graph.

Everything here is computed from postings (topic -> articles, entity -> articles),
never by comparing every pair of articles, so it stays near-linear at 50,000 articles.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from kbsite.model import Article, Bodies, Progress, Site, Taxonomy, no_progress, own_body
from kbsite.slugs import article_page, article_slugs, entity_page, topic_page

RELATED = 5
PROPOSING_KEYS = 6  # the rarest entities/topics of an article propose its related articles
PROPOSED_PER_KEY = 200
SAME_STORY_CANDIDATES = 50  # the best related candidates are the ones checked for the same story
SAME_STORY_MIN_SHARED = 3
SAME_STORY_OVERLAP = 0.6  # of the entities of the article that names fewer
UNDATED_SAME_STORY_OVERLAP = 0.75


def _newest_first(article: Article) -> str:
    """A sort key putting recent dates first and undated articles last."""
    if not article.date:
        return "~"
    return "".join(chr(0x10FFFF - ord(c)) for c in article.date)


def link(articles: Sequence[Article], taxonomy: Taxonomy, title: str, bodies: Bodies = own_body,
         progress: Progress = no_progress) -> Site:
    """`progress` wraps the articles as their related articles are found, the stage's long part."""
    slugs = article_slugs(a.source for a in articles)
    by_slug = {slugs[a.source]: a for a in sorted(articles, key=lambda a: slugs[a.source])}
    topics = {t.id: t for t in sorted(taxonomy.topics, key=lambda t: t.id)}
    entities = {e.id: e for e in sorted(taxonomy.entities, key=lambda e: e.id)}

    topic_scores: dict[str, dict[str, float]] = defaultdict(dict)
    entity_counts: dict[str, dict[str, int]] = defaultdict(dict)
    for slug, article in by_slug.items():
        for hit in article.topics:
            if hit.topic in topics:
                topic_scores[hit.topic][slug] = hit.score
        for mention in article.mentions:
            if mention.entity in entities:
                entity_counts[mention.entity][slug] = mention.count

    newest_first = {slug: _newest_first(article) for slug, article in by_slug.items()}

    def ranked(weights: dict[str, float]) -> list[str]:
        return sorted(weights, key=lambda s: (-weights[s], newest_first[s], s))

    topic_articles = {t: ranked(topic_scores.get(t, {})) for t in topics}
    entity_articles = {e: ranked(entity_counts.get(e, {})) for e in entities}

    related, translations = _related(by_slug, topic_articles, entity_articles, progress)
    site = Site(
        title=title,
        articles=by_slug,
        topics=topics,
        entities=entities,
        topic_articles=topic_articles,
        entity_articles=entity_articles,
        related=related,
        translations=translations,
        related_topics=_cooccurrence(topic_articles),
        cooccurring=_cooccurrence(entity_articles),
        backlinks={},
        diagnostics=list(taxonomy.diagnostics),
        bodies=bodies,
    )
    site.backlinks = _backlinks(site)
    return site


def _related(
    by_slug: dict[str, Article],
    topic_articles: dict[str, list[str]],
    entity_articles: dict[str, list[str]],
    progress: Progress,
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Related articles by shared entities and topics, IDF-weighted; the same story across languages.

    Candidates come from each article's rarest few keys, a bounded number from each,
    so the work per article does not grow with the size of the KB.
    """
    total = max(len(by_slug), 1)
    postings = {f"e:{k}": (1.0, p) for k, p in entity_articles.items() if p}
    postings.update({f"t:{k}": (0.5, p) for k, p in topic_articles.items() if p})
    idf = {key: w * math.log(1 + total / len(p)) for key, (w, p) in postings.items()}
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key, (_, posting) in postings.items():
        for slug in posting:
            keys_of[slug].append(key)

    entity_sets = {s: {m.entity for m in a.mentions} for s, a in by_slug.items()}
    event_days = {s: {_day(e.date) for e in a.events} - {None} for s, a in by_slug.items()}
    related: dict[str, list[str]] = {}
    translations: dict[str, list[str]] = {}
    for slug, article in progress(iter(by_slug.items()), len(by_slug)):
        scores: defaultdict[str, float] = defaultdict(float)
        shared = [k for k in keys_of.get(slug, ()) if len(postings[k][1]) > 1]
        for key in sorted(shared, key=lambda k: (-idf[k], k))[:PROPOSING_KEYS]:
            weight = idf[key]
            for other in postings[key][1][:PROPOSED_PER_KEY]:
                scores[other] += weight
        scores.pop(slug, None)  # proposed by its own keys
        best = [s for _, s in heapq.nsmallest(SAME_STORY_CANDIDATES, [(-w, s) for s, w in scores.items()])]
        related[slug] = best[:RELATED]
        translations[slug] = [
            other for other in best
            if by_slug[other].lang != article.lang
            and _same_story(entity_sets[slug], entity_sets[other], event_days[slug], event_days[other],
                            article.date, by_slug[other].date)
        ][:RELATED]
    return related, translations


def _day(iso: str) -> str | None:
    """The month and day of a day-precise date, with or without its year: '2015-12-30' and '--12-30' agree."""
    if len(iso) == 10 or (iso.startswith("--") and len(iso) == 7):
        return iso[-5:]
    return None


def _same_story(ents_a: set[str], ents_b: set[str], days_a: set[str], days_b: set[str],
                date_a: str | None, date_b: str | None) -> bool:
    """Most entities of the shorter article shared, and the same day named in both, or
    publication dates close together; with no date on either side, a larger share suffices.
    """
    shared = len(ents_a & ents_b)
    if shared < SAME_STORY_MIN_SHARED:
        return False
    overlap = shared / min(len(ents_a), len(ents_b))
    if overlap < SAME_STORY_OVERLAP:
        return False
    if days_a & days_b:
        return True
    if date_a and date_b:
        return date_a[:7] == date_b[:7]
    return not (days_a and days_b) and overlap >= UNDATED_SAME_STORY_OVERLAP


def _cooccurrence(postings: dict[str, list[str]]) -> dict[str, list[tuple[str, int]]]:
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key, slugs in postings.items():
        for slug in slugs:
            keys_of[slug].append(key)
    pairs: dict[str, Counter[str]] = {key: Counter() for key in postings}
    for keys in keys_of.values():
        for a in keys:
            for b in keys:
                if a != b:
                    pairs[a][b] += 1
    return {key: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for key, c in pairs.items()}


def _backlinks(site: Site) -> dict[str, list[str]]:
    """Page -> the pages that link to it, from the same links the pages are written with."""
    incoming: dict[str, set[str]] = defaultdict(set)

    def add(source: str, targets: Iterable[str]) -> None:
        for target in targets:
            if target != source:
                incoming[target].add(source)

    for slug, article in site.articles.items():
        page = article_page(slug)
        add(page, (topic_page(h.topic) for h in article.topics if h.topic in site.topics))
        add(page, (entity_page(m.entity) for m in article.mentions if m.entity in site.entities))
        add(page, (article_page(s) for s in site.related[slug] + site.translations[slug]))
    for topic_id, topic in site.topics.items():
        page = topic_page(topic_id)
        add(page, (article_page(s) for s in site.topic_articles[topic_id]))
        add(page, (topic_page(t) for t, _ in site.related_topics[topic_id]))
        if topic.parent in site.topics:
            add(page, [topic_page(topic.parent)])
            add(topic_page(topic.parent), [page])
    for entity_id in site.entities:
        page = entity_page(entity_id)
        add(page, (article_page(s) for s in site.entity_articles[entity_id]))
        add(page, (entity_page(e) for e, _ in site.cooccurring[entity_id]))
    return {page: sorted(sources) for page, sources in sorted(incoming.items())}
