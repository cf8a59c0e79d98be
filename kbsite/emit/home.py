"""The home page: what the KB holds, at a glance, and the ways into it."""

from __future__ import annotations

import html

from kbsite.emit.context import LATEST, TOP, Context
from kbsite.emit.i18n import count, phrase, word
from kbsite.emit.languages import language_name
from kbsite.emit.markup import front_matter, picture, text
from kbsite.paths import FEED, GRAPH, HOME_PAGE, TIMELINE_PAGE


def _top(ctx: Context, members: dict[str, list[str]], keys: list[str]) -> list[tuple[str, int]]:
    counts = [(key, len(members.get(key, []))) for key in keys]
    return sorted(counts, key=lambda item: (-item[1], item[0]))[:TOP]


def home_page(ctx: Context) -> str:
    site, here = ctx.site, HOME_PAGE
    lang = ctx.lang
    lines = [front_matter(word("home", lang)), f"# {text(site.title)}", ""]
    lines += [
        phrase("kb holds", lang, articles=count(len(ctx.articles_by_date), "article", lang),
               languages=count(len(ctx.articles_by_lang), "language", lang),
               topics=count(len(ctx.topic_pages), "topic", lang),
               entities=count(len(ctx.entity_pages), "entity", lang)),
        "",
    ]
    lines += [f"## {word('languages', lang)}", ""]
    for code, slugs in ctx.articles_by_lang.items():
        label = ctx.link(language_name(code), here, ctx.lang_pages[code][0])
        lines.append(f"- {label}: {count(len(slugs), 'article', lang)}")
    lines.append("")

    topics = _top(ctx, site.topic_articles, list(ctx.topic_pages))
    if topics:
        lines += [f"## {word('topics', lang)}", ""]
        lines += [
            f"- {ctx.link(site.topics[t].label(), here, ctx.topic_path(t))}: {count(n, 'article', lang)}"
            for t, n in topics
        ]
        lines += ["", f"{ctx.link(word('all topics', lang), here, ctx.topic_index_pages[0])}", ""]
    entities = _top(ctx, site.entity_articles, list(ctx.entity_pages))
    if entities:
        lines += [f"## {word('top entities', lang)}", ""]
        lines += [
            f"- {ctx.link(site.entities[e].name, here, ctx.entity_path(e))}: {count(n, 'article', lang)}"
            for e, n in entities
        ]
        lines += ["", f"{ctx.link(word('all entities', lang), here, ctx.entity_index_pages[0])}", ""]
    if ctx.articles_by_date:
        lines += [f"## {word('latest', lang)}", ""]
        lines += ctx.article_items(ctx.articles_by_date[:LATEST], here)
    if ctx.graph:  # below the ways in: a picture to explore, not what a reader needs first
        lines += [f"## {word('knowledge graph', lang)}", "", word("graph help", lang), "",
                  picture(word("graph label", lang), GRAPH), ""]
    lines += [f"## {word('browse', lang)}", ""]
    lines.append(f"- {ctx.link(word('all articles newest', lang), here, ctx.date_pages[0])}")
    if ctx.timeline:
        lines.append(f"- {ctx.link(word('timeline of events', lang), here, TIMELINE_PAGE)}")
    if ctx.tag_index_pages:
        tags = f"{word('tags', lang)} ({len(ctx.tags)})"
        lines.append(f"- {ctx.link(tags, here, ctx.tag_index_pages[0])}")
    if ctx.feeds:
        lines.append(f"- {word('feeds', lang)}: [RSS]({FEED}.xml) · [JSON Feed]({FEED}.json)")
    if ctx.offline_zip:
        # Raw HTML: the zip is made after MkDocs has built the site, so MkDocs must not look for it in docs/.
        lines.append(f'- <a href="{html.escape(ctx.offline_zip)}" download>{word("offline zip", lang)}</a>')
    return "\n".join([*lines, ""])
