"""Tag pages: the articles an author tagged alike (`tags:` in front matter or a sidecar), and the list of tags."""

from __future__ import annotations

from kbsite.emit import paging
from kbsite.emit.context import Context
from kbsite.emit.i18n import word


def tag_pages(ctx: Context) -> dict[str, str]:
    pages = {}
    for number, path in enumerate(ctx.tag_index_pages, 1):
        pages[path] = _index(ctx, number)
    for key, paths in ctx.tag_pages.items():
        for number, path in enumerate(paths, 1):
            pages[path] = _page(ctx, key, number)
    return pages


def _index(ctx: Context, number: int) -> str:
    here = ctx.tag_index_pages[number - 1]
    ranked = sorted(ctx.tags, key=lambda k: (-len(ctx.tags[k][1]), ctx.tags[k][0].casefold(), k))
    entries = [{"link": ctx.ref(ctx.tags[k][0], here, ctx.tag_pages[k][0]), "count": len(ctx.tags[k][1])}
               for k in paging.chunk(ranked, ctx.page_size, number)]
    return ctx.render("tags", page=paging.page(ctx.tag_index_pages, number), entries=entries)


def _page(ctx: Context, key: str, number: int) -> str:
    label, slugs = ctx.tags[key]
    paths = ctx.tag_pages[key]
    here = paths[number - 1]
    chunk = list(paging.chunk(slugs, ctx.page_size, number))
    return ctx.render("tag", page=paging.page(paths, number), label=label, total=len(slugs),
                      all_tags=ctx.ref(word("all tags", ctx.lang), here, ctx.tag_index_pages[0]),
                      items=ctx.article_items(chunk, here))
