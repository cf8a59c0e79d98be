"""The home page: what the KB holds, at a glance, and the ways into it."""

from __future__ import annotations

from kbsite.emit.context import LATEST, TOP, Context
from kbsite.emit.i18n import word
from kbsite.emit.languages import language_name
from kbsite.paths import FEED, GRAPH, HOME_PAGE, TIMELINE_PAGE


def _top(ctx: Context, members: dict[str, list[str]], keys: list[str]) -> list[tuple[str, int]]:
    counts = [(key, len(members.get(key, []))) for key in keys]
    return sorted(counts, key=lambda item: (-item[1], item[0]))[:TOP]


def home_page(ctx: Context) -> str:
    site, here, lang = ctx.site, HOME_PAGE, ctx.lang
    topics = _top(ctx, site.topic_articles, list(ctx.topic_pages))
    entities = _top(ctx, site.entity_articles, list(ctx.entity_pages))
    return ctx.render(
        "home",
        title=site.title,
        articles=len(ctx.articles_by_date),
        topics_total=len(ctx.topic_pages),
        entities_total=len(ctx.entity_pages),
        languages=[{"link": ctx.ref(language_name(code), here, ctx.lang_pages[code][0]), "count": len(slugs)}
                   for code, slugs in ctx.articles_by_lang.items()],
        topics=[{"link": ctx.ref(site.topics[t].label(), here, ctx.topic_path(t)), "count": n} for t, n in topics],
        all_topics=ctx.ref(word("all topics", lang), here, ctx.topic_index_pages[0]),
        entities=[{"link": ctx.ref(site.entities[e].name, here, ctx.entity_path(e)), "count": n} for e, n in entities],
        all_entities=ctx.ref(word("all entities", lang), here, ctx.entity_index_pages[0]),
        latest=ctx.article_items(ctx.articles_by_date[:LATEST], here),
        graph=GRAPH if ctx.graph else None,
        all_articles=ctx.ref(word("all articles newest", lang), here, ctx.date_pages[0]),
        timeline=ctx.ref(word("timeline of events", lang), here, TIMELINE_PAGE) if ctx.timeline else None,
        tags=ctx.ref(f"{word('tags', lang)} ({len(ctx.tags)})", here, ctx.tag_index_pages[0])
        if ctx.tag_index_pages else None,
        feed=FEED if ctx.feeds else None,
        offline_zip=ctx.offline_zip,
    )
