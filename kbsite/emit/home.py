"""The home page: what the KB holds, at a glance, and the ways into it."""

from __future__ import annotations

from kbsite.emit.context import LATEST, TOP, Context
from kbsite.emit.languages import language_name
from kbsite.emit.markup import front_matter, picture, text


def _plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def _top(ctx: Context, members: dict[str, list[str]], keys: list[str]) -> list[tuple[str, int]]:
    counts = [(key, len(members.get(key, []))) for key in keys]
    return sorted(counts, key=lambda item: (-item[1], item[0]))[:TOP]


def home_page(ctx: Context) -> str:
    site, here = ctx.site, "index.md"
    lines = [front_matter("Home"), f"# {text(site.title)}", ""]
    lines += [
        f"{_plural(len(ctx.articles_by_date), 'article')} in {_plural(len(ctx.articles_by_lang), 'language')}, "
        f"about {_plural(len(ctx.topic_pages), 'topic')} and {_plural(len(ctx.entity_pages), 'entity', 'entities')}.",
        "",
    ]
    lines += ["## Languages", ""]
    for lang, slugs in ctx.articles_by_lang.items():
        label = ctx.link(language_name(lang), here, ctx.lang_pages[lang][0])
        lines.append(f"- {label}: {_plural(len(slugs), 'article')}")
    lines.append("")

    topics = _top(ctx, site.topic_articles, list(ctx.topic_pages))
    if topics:
        lines += ["## Topics", ""]
        lines += [
            f"- {ctx.link(site.topics[t].label(), here, ctx.topic_path(t))}: {_plural(n, 'article')}" for t, n in topics
        ]
        lines += ["", f"{ctx.link('All topics', here, ctx.topic_index_pages[0])}", ""]
    entities = _top(ctx, site.entity_articles, list(ctx.entity_pages))
    if entities:
        lines += ["## Top entities", ""]
        lines += [
            f"- {ctx.link(site.entities[e].name, here, ctx.entity_path(e))}: {_plural(n, 'article')}"
            for e, n in entities
        ]
        lines += ["", f"{ctx.link('All entities', here, ctx.entity_index_pages[0])}", ""]
    if ctx.articles_by_date:
        lines += ["## Latest articles", ""]
        lines += ctx.article_items(ctx.articles_by_date[:LATEST], here)
    if ctx.graph:  # below the ways in: a picture to explore, not what a reader needs first
        lines += ["## Knowledge graph", "",
                  "The best-connected topics, entities and articles with their strongest links. Click a dot to "
                  "see its neighbours, a name to open its page; zoom with the buttons or Ctrl and the wheel.", "",
                  picture("Knowledge graph of topics, entities and articles", "assets/kbsite/graph.svg"), ""]
    lines += ["## Browse", ""]
    lines.append(f"- {ctx.link('All articles, newest first', here, ctx.date_pages[0])}")
    if ctx.timeline:
        lines.append(f"- {ctx.link('Timeline of events', here, 'timeline.md')}")
    if ctx.tag_index_pages:
        lines.append(f"- {ctx.link(f'Tags ({len(ctx.tags)})', here, ctx.tag_index_pages[0])}")
    if ctx.feeds:
        lines.append("- Feeds: [RSS](feed.xml) · [JSON Feed](feed.json)")
    if ctx.offline_zip:
        # Raw HTML: the zip is made after MkDocs has built the site, so MkDocs must not look for it in docs/.
        lines.append('- <a href="offline.zip" download>The whole site in one zip file, to read offline</a>')
    return "\n".join([*lines, ""])
