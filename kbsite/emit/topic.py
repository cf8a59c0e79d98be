"""Topic pages: what the topic is, where it sits in the tree, and the articles about it."""

from __future__ import annotations

from collections import Counter

from kbsite.emit import paging
from kbsite.emit.context import TOP, Context, hrefs
from kbsite.emit.i18n import word
from kbsite.emit.languages import language_name
from kbsite.emit.markup import relative
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
    data = {"topic": topic, "label": label, "page": paging.page(paths, number), "total": len(members),
            "items": ctx.article_items(slugs, here, _passages(ctx, topic_id, slugs))}
    if number > 1:
        return ctx.render("topic", **data, first=ctx.ref(label, here, paths[0]))

    trail = [(word("topics", ctx.lang), ctx.topic_index_pages[0])] if ctx.topic_index_pages else []
    if topic.parent in site.topics:
        trail.append((site.topics[topic.parent].label(), ctx.topic_path(topic.parent)))
    parent = None
    if topic.parent:
        name = site.topics[topic.parent].label() if topic.parent in site.topics else topic.parent
        parent = ctx.ref(name, here, ctx.topic_path(topic.parent))
    children = [t for t in site.topics.values() if t.parent == topic_id][: ctx.page_size]
    involved = Counter(m.entity for s in members for m in site.articles[s].mentions if m.entity in site.entities)
    top = sorted(involved.items(), key=lambda item: (-item[1], item[0]))[:TOP]
    related = [(t, n) for t, n in site.related_topics.get(topic_id, []) if t in site.topics][: ctx.page_size]
    data.update(
        crumbs=ctx.crumbs(here, trail),
        other_labels=[{"language": language_name(lang), "label": value}
                      for lang, value in sorted(topic.labels.items()) if lang != "en" and value != label],
        parent=parent,
        children=[ctx.ref(c.label(), here, ctx.topic_path(c.id)) for c in children],
        graph=relative(here, graph_picture("topic", topic_id)) if ctx.graphs else None,
        feed=relative(here, topic_feed(topic_id)) if ctx.feeds else None,
        involved=[{"link": ctx.ref(site.entities[e].name, here, ctx.entity_path(e)), "count": n} for e, n in top],
        related=[{"link": ctx.ref(site.topics[t].label(), here, ctx.topic_path(t)), "count": n} for t, n in related],
    )
    return ctx.render("topic", **data, backlinks=ctx.backlinks(here, shown=hrefs(data)))
