"""The only site-wide stage: from analysed articles to the knowledge graph.

Everything here is computed from postings (topic -> articles, entity -> articles, term -> articles)
or locality-sensitive hashes, never by comparing every pair of articles, so it stays near-linear at
50,000 articles. Related articles are in kbsite.related, duplicates in kbsite.duplicates, stories told
more than once in kbsite.stories.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from kbsite.duplicates import duplicate_groups, text_of
from kbsite.model import Article, Bodies, Progress, Site, Taxonomy, no_progress, own_body
from kbsite.paths import article_page, entity_page, topic_page
from kbsite.related import neighbours, related, vectors
from kbsite.slugs import article_slugs
from kbsite.stories import story_groups


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

    related, story, duplicates = _related_and_stories(by_slug, set(entities), set(topics), progress)
    translations = {slug: [s for s in others if by_slug[s].lang != by_slug[slug].lang]
                    for slug, others in story.items()}
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
        story=story,
        duplicates=duplicates,
    )
    site.backlinks = _backlinks(site)
    return site


def _related_and_stories(by_slug: dict[str, Article], entities: set[str], topics: set[str],
                         progress: Progress) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """Related articles, the story of each article and its duplicates, each as slug -> other slugs.

    A story's other tellings are shown as such, so they take no slot among the related articles.
    """
    slugs = list(by_slug)
    articles = list(by_slug.values())
    found = vectors(articles, entities, topics)
    duplicate_sets = duplicate_groups((s, text_of(a.terms, a.minhash)) for s, a in by_slug.items())
    position = {slug: i for i, slug in enumerate(slugs)}
    index_groups = [[position[s] for s in group] for group in duplicate_sets]
    groups = story_groups(articles, neighbours(found.independent), index_groups)
    story: dict[int, set[int]] = {i: set(g) - {i} for g in groups for i in g}
    lists = related(found, groups, story, progress)
    related_slugs = {slug: [slugs[j] for j in lists[i]] for i, slug in enumerate(slugs)}
    stories = {slug: [slugs[j] for j in sorted(story.get(i, ()))] for i, slug in enumerate(slugs)}
    duplicates = {slug: [] for slug in slugs}
    for group in duplicate_sets:
        for slug in group:
            duplicates[slug] = [s for s in group if s != slug]
    return related_slugs, stories, duplicates


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
        add(page, (article_page(s) for s in site.related[slug] + site.story[slug]))
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
