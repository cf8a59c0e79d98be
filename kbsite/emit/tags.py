"""Tag pages: the articles an author tagged alike (`tags:` in front matter or a sidecar), and the list of tags."""

from __future__ import annotations

from kbsite.emit import paging
from kbsite.emit.context import Context
from kbsite.emit.markup import text


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
    items = [f"- {ctx.link(ctx.tags[k][0], here, ctx.tag_pages[k][0])}: {len(ctx.tags[k][1])}"
             for k in paging.chunk(ranked, ctx.page_size, number)]
    return paging.framed(paging.head("Tags", number), ctx.tag_index_pages, number, [*items, ""])


def _page(ctx: Context, key: str, number: int) -> str:
    label, slugs = ctx.tags[key]
    paths = ctx.tag_pages[key]
    here = paths[number - 1]
    lines = paging.head(f"Tag: {label}", number)
    count = f"{len(slugs)} {'article' if len(slugs) == 1 else 'articles'}"
    lines += [f"{count} tagged {text(label)}, newest first. {ctx.link('All tags', here, ctx.tag_index_pages[0])}", ""]
    chunk = list(paging.chunk(slugs, ctx.page_size, number))
    return paging.framed(lines, paths, number, ctx.article_items(chunk, here))
