"""Entity pages: who or what it is, its names per language, and where it is mentioned."""

from __future__ import annotations

from kbsite.emit import paging
from kbsite.emit.cite import entity_head
from kbsite.emit.context import Context, hrefs
from kbsite.emit.i18n import count, word
from kbsite.emit.languages import language_name
from kbsite.emit.markup import relative
from kbsite.paths import graph_picture


def entity_pages(ctx: Context, entity_id: str) -> dict[str, str]:
    """The entity page and the continuation pages of its article list."""
    paths = ctx.entity_pages[entity_id]
    return {path: _page(ctx, entity_id, number) for number, path in enumerate(paths, 1)}


def _items(ctx: Context, entity_id: str, slugs: list[str], here: str) -> list:
    passages, notes = {}, {}
    for slug in slugs:
        for mention in ctx.site.articles[slug].mentions:
            if mention.entity == entity_id:
                passages[slug] = mention.passage
                notes[slug] = count(mention.count, "mention", ctx.lang)
    return ctx.article_items(slugs, here, passages, notes)


def _page(ctx: Context, entity_id: str, number: int) -> str:
    site, entity = ctx.site, ctx.site.entities[entity_id]
    paths = ctx.entity_pages[entity_id]
    here = paths[number - 1]
    members = [s for s in site.entity_articles.get(entity_id, []) if s in site.articles]
    data = {"entity": entity, "page": paging.page(paths, number), "total": len(members),
            "items": _items(ctx, entity_id, list(paging.chunk(members, ctx.page_size, number)), here)}
    if number > 1:
        return ctx.render("entity", **data, first=ctx.ref(entity.name, here, paths[0]))
    trail = [(word("entities", ctx.lang), ctx.entity_index_pages[0])] if ctx.entity_index_pages else []
    aliases = sorted(entity.aliases, key=lambda code: (code != "*", code))
    together = [(e, n) for e, n in site.cooccurring.get(entity_id, []) if e in site.entities][: ctx.page_size]
    data.update(
        meta={"kbsite_head": entity_head(ctx, entity_id)},
        crumbs=ctx.crumbs(here, trail),
        names=[{"language": language_name(code), "names": entity.aliases[code]} for code in aliases],
        graph=relative(here, graph_picture("entity", entity_id)) if ctx.graphs else None,
        together=[{"link": ctx.ref(site.entities[e].name, here, ctx.entity_path(e)), "count": n} for e, n in together],
    )
    return ctx.render("entity", **data, backlinks=ctx.backlinks(here, shown=hrefs(data)))
