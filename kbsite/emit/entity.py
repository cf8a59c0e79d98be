"""Entity pages: who or what it is, its names per language, and where it is mentioned."""

from __future__ import annotations

from kbsite.emit import paging
from kbsite.emit.cite import entity_head
from kbsite.emit.context import Context
from kbsite.emit.i18n import count, phrase, word
from kbsite.emit.languages import language_name
from kbsite.emit.markup import front_matter, picture, relative, text
from kbsite.paths import graph_picture


def entity_pages(ctx: Context, entity_id: str) -> dict[str, str]:
    """The entity page and the continuation pages of its article list."""
    paths = ctx.entity_pages[entity_id]
    return {path: _page(ctx, entity_id, number) for number, path in enumerate(paths, 1)}


def _items(ctx: Context, entity_id: str, slugs: list[str], here: str) -> list[str]:
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
    slugs = list(paging.chunk(members, ctx.page_size, number))
    nav = paging.pager(paths, number, ctx.lang)
    if number > 1:
        title = phrase("page n", ctx.lang, x=entity.name, n=number)
        lines = [
            front_matter(title),
            f"# {text(title)}",
            "",
            phrase("articles mentioning", ctx.lang, x=ctx.link(entity.name, here, paths[0])),
            "",
            nav,
            "",
        ]
        return "\n".join([*lines, *_items(ctx, entity_id, slugs, here), nav, ""])

    trail = [(word("entities", ctx.lang), ctx.entity_index_pages[0])] if ctx.entity_index_pages else []
    lines = [front_matter(entity.name, kbsite_head=entity_head(ctx, entity_id)), *ctx.crumbs(here, trail),
             f"# {text(entity.name)}", "",
             f"**{word('type', ctx.lang)}:** {text(entity.type)}", ""]
    if entity.description:
        lines += [text(entity.description), ""]
    if entity.aliases:
        lines += [f"## {word('names', ctx.lang)}", ""]
        for lang in sorted(entity.aliases, key=lambda code: (code != "*", code)):
            names = " · ".join(text(alias) for alias in entity.aliases[lang])
            lines.append(f"- {text(language_name(lang))}: {names}")
        lines.append("")
    if ctx.graphs:
        graph = relative(here, graph_picture("entity", entity_id))
        lines += [picture(phrase("neighbourhood", ctx.lang, x=entity.name), graph), ""]

    lines += [f"## {phrase('mentioned in', ctx.lang, count=count(len(members), 'article', ctx.lang))}", ""]
    if nav:
        lines += [nav, ""]
    lines += _items(ctx, entity_id, slugs, here)
    if nav:
        lines += [nav, ""]
    together = [(e, n) for e, n in site.cooccurring.get(entity_id, []) if e in site.entities][: ctx.page_size]
    if together:
        lines += [f"## {word('mentioned with', ctx.lang)}", ""]
        lines += [
            f"- {ctx.link(site.entities[e].name, here, ctx.entity_path(e))}: "
            + phrase("in common", ctx.lang, count=count(n, "article", ctx.lang))
            for e, n in together
        ]
        lines.append("")
    lines += ctx.backlinks(here, shown=lines)
    return "\n".join(lines)
