"""Entity pages: who or what it is, its names per language, and where it is mentioned."""

from __future__ import annotations

from kbsite.emit import paging
from kbsite.emit.cite import entity_head
from kbsite.emit.context import Context
from kbsite.emit.languages import language_name
from kbsite.emit.markup import front_matter, picture, relative, text


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
                notes[slug] = f"{mention.count} {'mention' if mention.count == 1 else 'mentions'}"
    return ctx.article_items(slugs, here, passages, notes)


def _page(ctx: Context, entity_id: str, number: int) -> str:
    site, entity = ctx.site, ctx.site.entities[entity_id]
    paths = ctx.entity_pages[entity_id]
    here = paths[number - 1]
    members = [s for s in site.entity_articles.get(entity_id, []) if s in site.articles]
    slugs = list(paging.chunk(members, ctx.page_size, number))
    nav = paging.pager(paths, number)
    if number > 1:
        title = f"{entity.name} (page {number})"
        lines = [
            front_matter(title),
            f"# {text(title)}",
            "",
            f"Articles that mention {ctx.link(entity.name, here, paths[0])}.",
            "",
            nav,
            "",
        ]
        return "\n".join([*lines, *_items(ctx, entity_id, slugs, here), nav, ""])

    trail = [("Entities", ctx.entity_index_pages[0])] if ctx.entity_index_pages else []
    lines = [front_matter(entity.name, kbsite_head=entity_head(ctx, entity_id)), *ctx.crumbs(here, trail),
             f"# {text(entity.name)}", "",
             f"**Type:** {text(entity.type)}", ""]
    if entity.description:
        lines += [text(entity.description), ""]
    if entity.aliases:
        lines += ["## Names", ""]
        for lang in sorted(entity.aliases, key=lambda code: (code != "*", code)):
            names = " · ".join(text(alias) for alias in entity.aliases[lang])
            lines.append(f"- {text(language_name(lang))}: {names}")
        lines.append("")
    if ctx.graphs:
        graph = relative(here, f"assets/kbsite/graph/entities/{entity_id}.svg")
        lines += [picture(f"Neighbourhood of {entity.name}", graph), ""]

    lines += [f"## Mentioned in {len(members)} {'article' if len(members) == 1 else 'articles'}", ""]
    if nav:
        lines += [nav, ""]
    lines += _items(ctx, entity_id, slugs, here)
    if nav:
        lines += [nav, ""]
    together = [(e, n) for e, n in site.cooccurring.get(entity_id, []) if e in site.entities][: ctx.page_size]
    if together:
        lines += ["## Often mentioned with", ""]
        lines += [
            f"- {ctx.link(site.entities[e].name, here, ctx.entity_path(e))}: {n} shared "
            f"{'article' if n == 1 else 'articles'}"
            for e, n in together
        ]
        lines.append("")
    lines += ctx.backlinks(here)
    return "\n".join(lines)
