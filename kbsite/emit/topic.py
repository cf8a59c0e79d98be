"""Topic pages: what the topic is, where it sits in the tree, and the articles about it."""

from __future__ import annotations

from collections import Counter

from kbsite.emit import paging
from kbsite.emit.context import TOP, Context
from kbsite.emit.i18n import count, phrase, word
from kbsite.emit.languages import language_name
from kbsite.emit.markup import front_matter, picture, relative, text
from kbsite.paths import graph_picture, topic_feed


def topic_pages(ctx: Context, topic_id: str) -> dict[str, str]:
    """The topic page and the continuation pages of its article list."""
    paths = ctx.topic_pages[topic_id]
    return {path: _page(ctx, topic_id, number) for number, path in enumerate(paths, 1)}


def _passages(ctx: Context, topic_id: str, slugs: list[str]) -> dict[str, str]:
    out = {}
    for slug in slugs:
        for hit in ctx.site.articles[slug].topics:
            if hit.topic == topic_id and hit.evidence:
                out[slug] = " … ".join(hit.evidence)
    return out


def _page(ctx: Context, topic_id: str, number: int) -> str:
    site, topic = ctx.site, ctx.site.topics[topic_id]
    paths = ctx.topic_pages[topic_id]
    here, label = paths[number - 1], topic.label()
    members = [s for s in site.topic_articles.get(topic_id, []) if s in site.articles]
    slugs = list(paging.chunk(members, ctx.page_size, number))
    nav = paging.pager(paths, number, ctx.lang)
    if number > 1:
        title = phrase("page n", ctx.lang, x=label, n=number)
        lines = [
            front_matter(title),
            f"# {text(title)}",
            "",
            phrase("articles about", ctx.lang, x=ctx.link(label, here, paths[0])),
            "",
            nav,
            "",
        ]
        lines += [*ctx.article_items(slugs, here, _passages(ctx, topic_id, slugs)), nav, ""]
        return "\n".join(lines)

    trail = [(word("topics", ctx.lang), ctx.topic_index_pages[0])] if ctx.topic_index_pages else []
    if topic.parent in site.topics:
        trail.append((site.topics[topic.parent].label(), ctx.topic_path(topic.parent)))
    lines = [front_matter(label), *ctx.crumbs(here, trail), f"# {text(label)}", ""]
    if topic.description:
        lines += [text(topic.description), ""]
    others = [
        f"{text(language_name(lang))}: {text(value)}"
        for lang, value in sorted(topic.labels.items())
        if lang != "en" and value != label
    ]
    if others:
        lines += [f"**{word('also called', ctx.lang)}:** " + " · ".join(others), ""]
    if topic.parent:
        parent = site.topics[topic.parent].label() if topic.parent in site.topics else topic.parent
        lines += [f"**{word('part of', ctx.lang)}:** {ctx.link(parent, here, ctx.topic_path(topic.parent))}", ""]
    children = [t for t in site.topics.values() if t.parent == topic_id][: ctx.page_size]
    if children:
        links = " · ".join(ctx.link(c.label(), here, ctx.topic_path(c.id)) for c in children)
        lines += [f"**{word('subtopics', ctx.lang)}:** {links}", ""]
    if ctx.graphs:
        graph = relative(here, graph_picture("topic", topic_id))
        lines += [picture(phrase("neighbourhood", ctx.lang, x=label), graph), ""]
    if ctx.feeds:
        feed = topic_feed(topic_id)
        lines += [f"[RSS feed]({relative(here, feed + '.xml')}) · [JSON feed]({relative(here, feed + '.json')})", ""]

    lines += [f"## {word('articles', ctx.lang)} ({len(members)})", ""]
    if nav:
        lines += [nav, ""]
    lines += ctx.article_items(slugs, here, _passages(ctx, topic_id, slugs))
    if nav:
        lines += [nav, ""]

    involved = Counter(m.entity for s in members for m in site.articles[s].mentions if m.entity in site.entities)
    if involved:
        top = sorted(involved.items(), key=lambda item: (-item[1], item[0]))[:TOP]
        lines += [f"## {word('entities involved', ctx.lang)}", ""]
        lines += [f"- {ctx.link(site.entities[e].name, here, ctx.entity_path(e))}: {count(n, 'article', ctx.lang)}"
                  for e, n in top]
        lines.append("")
    related = [(t, n) for t, n in site.related_topics.get(topic_id, []) if t in site.topics][: ctx.page_size]
    if related:
        lines += [f"## {word('related topics', ctx.lang)}", ""]
        lines += [
            f"- {ctx.link(site.topics[t].label(), here, ctx.topic_path(t))}: "
            + phrase("in common", ctx.lang, count=count(n, "article", ctx.lang))
            for t, n in related
        ]
        lines.append("")
    lines += ctx.backlinks(here, shown=lines)
    return "\n".join(lines)
